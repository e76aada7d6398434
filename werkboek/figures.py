"""The one definition of every number a report or the yearly figures show.

Per measurement moment (size, circles, sectors, informal share, who would certainly help, who
has a role), between start and end (added, re-found, lost, moved), and over the case (meetings,
actions, goals). Fractions are floats 0..1, or None when there is nothing to divide by.

Rules that are choices, written down once:
- A measurement is the set of placements with one date, moment and question; "start" is the
  earliest such date, "einde" (and "tussentijds") the latest. Placements without a valid date
  count only when no placement of that moment and question has one.
- The central person is the middle of the picture, not a placement; a person placed twice in
  one measurement counts once (first row wins); placements of unknown persons or with a circle
  outside 1..3 are left out (the checks report them).
- Cancelled actions ("vervallen") count as agreed actions, and nowhere else: not in the share
  done, not in the share carried by the informal network, not in the actions per person.
- Re-found is a person whose contact had faded ("verwaterd") and who is placed at the end, also
  when they were placed at the start too (they may then also have moved inwards). So added +
  re-found - lost is the change in size only when no re-found person was placed at the start.
- A goal's score change is its end score (else its latest score) minus its start score.
- A safety goal's scale at a meeting is the score the meeting agreed on ("Score samen"), else the
  mean of the voices given (gezin, netwerk, hulpverleners); a meeting scores a goal once (the first
  row counts). Its start is the scale at the first meeting that scored it, its end the last; its
  change is end minus start, for goals scored at two meetings or more.
- A rule of the safety plan is carried by the informal network when at least one of its carriers
  is an informal network member; a case has a safety plan when it has at least one rule.
- Values a figure depends on (done, cancelled, the sectors, the moments, the questions, reached)
  are compared by meaning (`Case.means`), never by a workbook's spelling: an organisation that
  calls "gedaan" "afgerond" declares it in its profile, and the figures stay the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from statistics import fmean
from typing import Any

from .workbook import schema
from .workbook.model import Case, Record

START, MIDWAY, END = "start", "tussentijds", "einde"
DEFAULT_QUESTION = "belang"  # the question the network size is read from
HELP_QUESTION, CERTAIN = "hulp", schema.INNER  # circle 1 on "hulp" = would certainly help
DONE, CANCELLED = "gedaan", "vervallen"
REACHED, PARTLY = "ja", "deels"
CIRCLES = (schema.INNER, schema.MIDDLE, schema.OUTER)
# Stable English keys for the default sectors (summary keys must not follow list edits).
SECTOR_KEYS = dict(zip(schema.SECTORS, ("family", "friends", "school_work", "professional"), strict=True))


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def is_informal(person: Record, case: Case) -> bool:
    """Informal network member: the Informeel/formeel column wins, else the sector decides."""
    formal = case.means("formeel", person.get("formeel"))
    if formal == "informeel":
        return True
    if formal == "formeel":
        return False
    return case.means("sector", person.get("sector")) != schema.PROFESSIONAL_SECTOR


def measurement(case: Case, moment: str, vraag: str) -> list[Record]:
    """The placements of one measurement: the earliest "start", the latest "einde"/"tussentijds"."""
    means = case.means
    rows = [p for p in case.placements
            if means("moment", p.get("moment")) == moment and means("vraag", p.get("vraag")) == vraag]
    dates = {p.get("datum") for p in rows} - {None}
    if dates:
        when = counted_day(moment, dates)
        rows = [p for p in rows if p.get("datum") == when]
    persons = case.by_id("personen")
    central = case.dossier.get("centrale_persoon")
    seen: set[str] = set()
    out = []
    for p in rows:
        pid = p.get("persoon")
        if pid in persons and pid != central and pid not in seen and p.get("cirkel") in CIRCLES:
            seen.add(pid)
            out.append(p)
    return out


def counted_day(moment: str, days: Iterable[dt.date]) -> dt.date:
    """Which of a moment's measurement dates counts: the earliest "start", the latest "einde"/"tussentijds"."""
    return min(days) if moment == START else max(days)


def measurement_date(placements: list[Record]) -> dt.date | None:
    return placements[0].get("datum") if placements else None


@dataclass(frozen=True)
class MomentFigures:
    moment: str
    vraag: str
    measured: bool
    date: dt.date | None
    size: int
    per_circle: dict[int, int]  # circle 1..3 -> persons
    per_sector: dict[str, int]  # sector (Dutch, the case's list order) -> persons
    per_sector_meaning: dict[str, int]  # the same by meaning: the schema's sectors, or the spelling of another
    informal: int
    informal_share: float | None
    certain_help: int | None  # circle 1 on "hulp" at this moment; None: "hulp" not measured then
    with_role: int  # placed persons with a role in the plan
    circle_of: dict[str, int] = field(repr=False)  # person ID -> circle


def moment_figures(case: Case, moment: str, vraag: str = DEFAULT_QUESTION) -> MomentFigures:
    placed = measurement(case, moment, vraag)
    persons = case.by_id("personen")
    people = [persons[p.get("persoon")] for p in placed]
    sectors: dict[str, int] = dict.fromkeys(case.choices("sector"), 0)
    for person in people:
        sector = person.get("sector") or "onbekend"
        sectors[sector] = sectors.get(sector, 0) + 1
    meanings: dict[str, int] = {}
    for sector, n in sectors.items():
        meaning = case.means("sector", sector)
        meanings[meaning] = meanings.get(meaning, 0) + n
    circle_of = {p.get("persoon"): p.get("cirkel") for p in placed}
    informal = sum(is_informal(person, case) for person in people)
    help_ = measurement(case, moment, HELP_QUESTION)
    return MomentFigures(
        moment=moment,
        vraag=vraag,
        measured=bool(placed),
        date=measurement_date(placed),
        size=len(placed),
        per_circle={c: sum(v == c for v in circle_of.values()) for c in CIRCLES},
        per_sector=sectors,
        per_sector_meaning=meanings,
        informal=informal,
        informal_share=share(informal, len(placed)),
        certain_help=sum(p.get("cirkel") == CERTAIN for p in help_) if help_ else None,
        with_role=sum(bool(person.get("rol")) for person in people),
        circle_of=circle_of,
    )


@dataclass(frozen=True)
class ChangeFigures:
    """Start against end. Without an end measurement every list is empty and `measured` False."""

    vraag: str
    measured: bool  # both a start and an end measurement exist
    start: MomentFigures
    end: MomentFigures
    added: list[str]  # person IDs placed at the end, not at the start, contact never faded
    refound: list[str]  # contact had faded, placed at the end
    lost: list[str]  # placed at the start, not at the end
    inwards: list[str]  # placed in both, in a smaller circle at the end
    outwards: list[str]
    informal_share_change: float | None  # end share minus start share


def change_figures(case: Case, vraag: str = DEFAULT_QUESTION) -> ChangeFigures:
    start, end = moment_figures(case, START, vraag), moment_figures(case, END, vraag)
    both = start.measured and end.measured
    persons = case.by_id("personen")
    before, after = start.circle_of, end.circle_of
    ends = list(after) if both else []
    faded = [pid for pid in ends if persons[pid].get("verwaterd")]
    kept = [pid for pid in ends if pid in before]
    return ChangeFigures(
        vraag=vraag,
        measured=both,
        start=start,
        end=end,
        added=[pid for pid in ends if pid not in before and pid not in faded],
        refound=faded,
        lost=[pid for pid in before if pid not in after] if both else [],
        inwards=[pid for pid in kept if after[pid] < before[pid]],
        outwards=[pid for pid in kept if after[pid] > before[pid]],
        informal_share_change=(
            end.informal_share - start.informal_share
            if both and start.informal_share is not None and end.informal_share is not None
            else None
        ),
    )


@dataclass(frozen=True)
class CaseFigures:
    meetings: int
    attendances: int  # attendee places over all meetings (known persons)
    attendees_mean: float | None
    attendees_informal: int
    attendees_informal_share: float | None
    first_scale: int | None  # the 0..10 scale at the first and last meeting that has one
    last_scale: int | None
    actions: int  # every action row ("N acties afgesproken")
    actions_cancelled: int  # "vervallen": left out of every share and of the per-person counts
    actions_active: int  # not cancelled
    actions_done: int
    actions_done_share: float | None
    actions_owned: int  # active, owner is a known person
    actions_informal: int  # active, owner is an informal network member
    actions_informal_share: float | None
    actions_done_informal: int
    actions_done_formal: int
    goals: int
    goals_evaluated: int  # "bereikt" filled in
    goals_reached: int
    goals_partly: int
    goals_reached_share: float | None
    goals_scored: int  # start score and an end or latest score
    score_change_mean: float | None


def case_figures(case: Case) -> CaseFigures:
    persons = case.by_id("personen")
    attendees = [persons[pid] for m in case.meetings for pid in (m.get("aanwezigen") or []) if pid in persons]
    attendees_informal = sum(is_informal(p, case) for p in attendees)
    dated = sorted((m for m in case.meetings if m.get("schaal") is not None),
                   key=lambda m: m.get("datum") or dt.date.max)

    status = [(a, case.means("status", a.get("status"))) for a in case.actions]
    active = [a for a, s in status if s != CANCELLED]
    done = [a for a, s in status if s == DONE]
    owned = [a for a in active if a.get("wie") in persons]
    informal = [a for a in owned if is_informal(persons[a.get("wie")], case)]
    done_owned = [a for a in done if a.get("wie") in persons]
    done_informal = sum(is_informal(persons[a.get("wie")], case) for a in done_owned)

    evaluated = [g for g in case.goals if g.get("bereikt")]
    reached = sum(case.means("bereikt", g.get("bereikt")) == REACHED for g in evaluated)
    changes = [
        last - g.get("score_start")
        for g in case.goals
        if g.get("score_start") is not None and (last := _last_score(g)) is not None
    ]
    meetings = len(case.meetings)
    return CaseFigures(
        meetings=meetings,
        attendances=len(attendees),
        attendees_mean=len(attendees) / meetings if meetings else None,
        attendees_informal=attendees_informal,
        attendees_informal_share=share(attendees_informal, len(attendees)),
        first_scale=dated[0].get("schaal") if dated else None,
        last_scale=dated[-1].get("schaal") if dated else None,
        actions=len(case.actions),
        actions_cancelled=len(case.actions) - len(active),
        actions_active=len(active),
        actions_done=len(done),
        actions_done_share=share(len(done), len(active)),
        actions_owned=len(owned),
        actions_informal=len(informal),
        actions_informal_share=share(len(informal), len(owned)),
        actions_done_informal=done_informal,
        actions_done_formal=len(done_owned) - done_informal,
        goals=len(case.goals),
        goals_evaluated=len(evaluated),
        goals_reached=reached,
        goals_partly=sum(case.means("bereikt", g.get("bereikt")) == PARTLY for g in evaluated),
        goals_reached_share=share(reached, len(evaluated)),
        goals_scored=len(changes),
        score_change_mean=fmean(changes) if changes else None,
    )


VOICES = (("gezin", "gezin"), ("netwerk", "netwerk"), ("hulpverleners", "hulpverleners"))  # key, Dutch label


@dataclass(frozen=True)
class ScalePoint:
    meeting: str  # meeting ID
    date: dt.date | None
    score: float | None  # "Score samen", else the mean of the voices given
    voices: dict[str, int]  # voice key (gezin, netwerk, hulpverleners) -> score, where given
    joint: bool  # the score is the agreed one (not a mean of voices)


@dataclass(frozen=True)
class SafetyScale:
    goal: str  # safety goal ID
    text: str  # the safety goal
    points: list[ScalePoint]  # meeting by meeting, in date order

    @property
    def start(self) -> float | None:
        return self.points[0].score if self.points else None

    @property
    def end(self) -> float | None:
        return self.points[-1].score if self.points else None

    @property
    def change(self) -> float | None:
        if len(self.points) < 2 or self.start is None or self.end is None:
            return None
        return self.end - self.start


def safety_scales(case: Case, until: dt.date | None = None) -> list[SafetyScale]:
    """Per safety goal (in sheet order), its scale from meeting to meeting (up to `until`, when given)."""
    meetings = case.by_id("netwerkberaad")
    per_goal: dict[str, dict[str, ScalePoint]] = {}
    for row in case.scales:
        mid, gid = row.get("beraad"), row.get("doel")
        meeting = meetings.get(mid) if isinstance(mid, str) else None
        if meeting is None or not isinstance(gid, str):
            continue
        day = meeting.get("datum")
        if until is not None and (not isinstance(day, dt.date) or day > until):
            continue
        voices = {k: v for k, _ in VOICES if isinstance(v := row.get(k), int) and 0 <= v <= 10}
        joint = row.get("score")
        joint = joint if isinstance(joint, int) and 0 <= joint <= 10 else None
        score = float(joint) if joint is not None else fmean(voices.values()) if voices else None
        if score is None:
            continue
        per_goal.setdefault(gid, {}).setdefault(mid, ScalePoint(mid, day, score, voices, joint is not None))
    out = []
    for goal in case.safety_goals:
        if goal.id is None or not goal.get("doel"):
            continue
        points = sorted(per_goal.get(str(goal.id), {}).values(), key=lambda p: (p.date or dt.date.max, p.meeting))
        out.append(SafetyScale(str(goal.id), str(goal.get("doel")), points))
    return out


@dataclass(frozen=True)
class SafetyFigures:
    safety_plan: int  # 1 when the case has at least one rule of a safety plan, else 0
    safety_rules: int  # rules with a known carrier
    safety_rules_informal: int  # ... of which at least one carrier is informal
    safety_rules_informal_share: float | None
    safety_goals: int
    safety_goals_scored: int  # safety goals scored at two meetings or more
    safety_change_mean: float | None  # mean change of their scales


def safety_figures(case: Case) -> SafetyFigures:
    persons = case.by_id("personen")
    rules = [r for r in case.safety_rules if r.get("afspraak")]
    carried = [[persons[p] for p in r.get("wie") or [] if p in persons] for r in rules]
    carried = [c for c in carried if c]
    informal = sum(any(is_informal(p, case) for p in c) for c in carried)
    scales = safety_scales(case)
    changes = [s.change for s in scales if s.change is not None]
    return SafetyFigures(
        safety_plan=int(bool(rules)),
        safety_rules=len(carried),
        safety_rules_informal=informal,
        safety_rules_informal_share=share(informal, len(carried)),
        safety_goals=len(scales),
        safety_goals_scored=len(changes),
        safety_change_mean=fmean(changes) if changes else None,
    )


def _last_score(goal: Record) -> int | None:
    end = goal.get("score_einde")
    return end if end is not None else goal.get("score_laatst")


def case_numbers(case: Case, year: int | None = None) -> dict[str, int | float | None]:
    """Every per-case number the yearly figures merge, flat, with stable English keys.

    Counts sit next to their shares so that shares can be pooled over cases. Numbers of a
    measurement that was not taken are None (not 0): an open case has no end size yet. With a
    year, "meetings_in_year" counts the meetings dated in it (None without a year).
    """
    change = change_figures(case)
    out: dict[str, int | float | None] = {
        "persons": len(case.persons),
        "duration_days": _duration(case),
    }
    for prefix, fig in (("start", change.start), ("end", change.end)):
        out.update(_moment_summary(prefix, fig))
    for key in ("added", "refound", "lost", "inwards", "outwards"):
        out[key] = len(getattr(change, key)) if change.measured else None
    out["informal_share_change"] = change.informal_share_change
    out.update(asdict(case_figures(case)))
    out.update(asdict(safety_figures(case)))
    out["meetings_in_year"] = None if year is None else sum(
        1 for m in case.meetings if isinstance(day := m.get("datum"), dt.date) and day.year == year)
    return out


def _moment_summary(prefix: str, fig: MomentFigures) -> dict[str, Any]:
    numbers: dict[str, Any] = {
        "measured": int(fig.measured),
        "size": fig.size,
        **{f"circle_{c}": n for c, n in fig.per_circle.items()},
        **{f"sector_{key}": fig.per_sector_meaning.get(sector, 0) for sector, key in SECTOR_KEYS.items()},
        "sector_other": sum(n for s, n in fig.per_sector_meaning.items() if s not in SECTOR_KEYS),
        "informal": fig.informal,
        "informal_share": fig.informal_share,
        "certain_help": fig.certain_help,
        "with_role": fig.with_role,
    }
    if not fig.measured:
        numbers = {k: (0 if k == "measured" else None) for k in numbers}
    return {f"{prefix}_{k}": v for k, v in numbers.items()}


def _duration(case: Case) -> int | None:
    start, end = case.dossier.get("startdatum"), case.dossier.get("einddatum")
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        return (end - start).days
    return None
