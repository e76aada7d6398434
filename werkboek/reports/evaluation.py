"""The final evaluation (eindevaluatie) of a whole case: the network at start and end, the
genogram, the meetings, the actions by whom, the goals. Every number comes from `figures`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import dutch, figures, pictures
from ..dutch import number, pct, plural, signed
from ..workbook import schema
from ..workbook.model import Case, Record
from .common import count_share, dossier_header, full_name, natural_widths, scale_rows, text
from .output import EVALUATION_REPORT, template_path
from .render import render_docx


def figure_rows(change: figures.ChangeFigures, sectors: list[str]) -> list[dict[str, str]]:
    """The start/end table of the evaluation: label, start, end, difference."""
    start, end = change.start, change.end
    have_end = end.measured

    def row(label: str, a: int | None, b: int | None, shown: Callable[[Any], str] = number) -> dict[str, str]:
        return {"label": label, "start": shown(a) if start.measured else "–", "einde": shown(b) if have_end else "–",
                "verschil": signed(b - a) if have_end and start.measured and a is not None and b is not None else ""}

    meaning = schema.CIRCLE_MEANING[change.vraag]
    rows = [
        row("Personen in het netwerk", start.size, end.size),
        {**row("Uit het informele netwerk", start.informal, end.informal),
         "start": count_share(start.informal, start.informal_share) if start.measured else "–",
         "einde": count_share(end.informal, end.informal_share) if have_end else "–",
         # The difference of the two percentages shown, so the row adds up as a reader checks it.
         "verschil": dutch.pct_change(start.informal_share, end.informal_share) if have_end and start.measured else ""},
    ]
    rows += [row(f"Cirkel {c}: {meaning[c - 1]}", start.per_circle[c], end.per_circle[c]) for c in figures.CIRCLES]
    rows += [row(f"Sector {s}", start.per_sector.get(s, 0), end.per_sector.get(s, 0)) for s in sectors]
    rows.append(row("Zou zeker helpen", start.certain_help, end.certain_help,
                    lambda v: "niet gevraagd" if v is None else number(v)))
    rows.append(row("Met een rol in het plan", start.with_role, end.with_role))
    return rows


CHANGES = (("added", "Nieuw in het netwerk"), ("refound", "Teruggevonden (contact was verwaterd)"),
           ("lost", "Niet meer in het netwerk"), ("inwards", "Dichterbij gekomen"), ("outwards", "Verder weg"))


def evaluation_context(case: Case, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    persons = case.by_id("personen")
    plain = {pid: dict(p.values) for pid, p in persons.items()}
    change = figures.change_figures(case)
    whole = figures.case_figures(case)
    sectors = list({**change.start.per_sector, **change.end.per_sector})  # the case's list, then any other

    def named(pid: str) -> str:
        p = persons.get(pid)
        relation = text(p.get("relatie")) if p else ""
        return f"{full_name(plain.get(pid), pid)} ({relation})" if relation else full_name(plain.get(pid), pid)

    d = case.dossier
    period = (f"{text(d.get('startdatum'))} – {text(d.get('einddatum'))}" if d.get("einddatum")
              else f"sinds {text(d.get('startdatum'))}" if d.get("startdatum") else "")
    meetings = sorted(case.meetings, key=lambda m: m.get("datum") or dt.date.max)
    owners: dict[str, list[Record]] = {}
    for a in case.actions:
        if case.means("status", a.get("status")) != figures.CANCELLED and a.get("wie"):
            owners.setdefault(a.get("wie"), []).append(a)
    with_role = [p for p in case.persons if p.get("rol")]
    return {
        **dossier_header(d.values, plain, today, case.organisation),
        "periode": period,
        "reden": text(d.get("reden")),
        "conclusies": text(d.get("conclusies")),
        "start_datum": dutch.long_date(change.start.date) or "geen startmeting",
        "einde_datum": dutch.long_date(change.end.date) or (
            "geen; het dossier werd afgesloten zonder eindmeting" if d.get("einddatum") else
            "nog niet, het dossier loopt nog"),
        "eindmeting": change.end.measured,
        "cijfers": figure_rows(change, sectors),
        "veranderingen": [
            {"label": label, "aantal": str(len(getattr(change, key))) if change.measured else "–",
             "namen": ", ".join(named(pid) for pid in getattr(change, key))}
            for key, label in CHANGES
        ],
        "beraden": [
            {"id": text(m.id), "datum": text(m.get("datum")),
             "aanwezigen": str(len(present := [persons[p] for p in m.get("aanwezigen") or [] if p in persons])),
             "informeel": str(sum(figures.is_informal(p, case) for p in present)),
             "schaal": "" if m.get("schaal") is None else str(m.get("schaal"))}
            for m in meetings
        ],
        "beraden_samenvatting": _meetings_line(whole),
        "acties_samenvatting": _actions_line(whole),
        "acties_per_persoon": [
            {"naam": full_name(plain.get(pid), pid),
             "relatie": text(persons[pid].get("relatie")) if pid in persons else "",
             "soort": ("informeel" if figures.is_informal(persons[pid], case) else "formeel") if pid in persons else "",
             "aantal": str(len(acts)),
             "gedaan": str(sum(case.means("status", a.get("status")) == figures.DONE for a in acts))}
            for pid, acts in sorted(owners.items(), key=lambda o: (-len(o[1]), o[0]))
        ],
        "doelen": [
            {"id": text(g.id), "doel": text(g.get("doel")), "domein": text(g.get("domein")),
             "start": text(g.get("score_start")),
             "einde": text(g.get("score_einde"))
                      or (f"{g.get('score_laatst')} (laatste)" if g.get("score_laatst") is not None else ""),
             "bereikt": text(g.get("bereikt")), "toelichting": text(g.get("toelichting"))}
            for g in case.goals
        ],
        "doelen_samenvatting": _goals_line(whole),
        "veiligheid": scale_rows(case),
        "veiligheid_samenvatting": _safety_line(figures.safety_figures(case)),
        "dragers": [{"naam": full_name(plain.get(str(p.id))), "relatie": text(p.get("relatie")),
                     "rol": text(p.get("rol"))}
                    for p in with_role],
    }


def _safety_line(f: figures.SafetyFigures) -> str:
    if not f.safety_goals:
        return ""
    change = ("" if f.safety_change_mean is None
              else f" De veiligheidsschalen veranderden gemiddeld met {signed(f.safety_change_mean)} punten.")
    rules = ("" if not f.safety_rules else
             f" {f.safety_rules_informal} van de {f.safety_rules} afspraken van het veiligheidsplan "
             f"({pct(f.safety_rules_informal_share)}) droeg het informele netwerk mee.")
    return f"{dutch.plural(f.safety_goals, 'veiligheidsdoel', 'veiligheidsdoelen')}.{change}{rules}"


def _meetings_line(f: figures.CaseFigures) -> str:
    if not f.meetings:
        return "Er werd geen netwerkberaad gehouden."
    informal = f"{pct(f.attendees_informal_share)} van de aanwezigen kwam uit het informele netwerk."
    if f.meetings == 1:
        return f"1 netwerkberaad met {plural(f.attendances, 'aanwezige', 'aanwezigen')}; {informal}"
    return f"{f.meetings} netwerkberaden, gemiddeld {number(f.attendees_mean)} aanwezigen; {informal}"


def _actions_line(f: figures.CaseFigures) -> str:
    """Which actions each number counts: all agreed ones, then the ones not cancelled.
    "6 acties afgesproken, waarvan 2 vervallen; van de 4 andere lagen er 3 (75%) bij het
    informele netwerk en zijn er 2 gedaan (50%)." """
    if not f.actions:
        return "Er werden geen acties afgesproken."
    agreed = f"{plural(f.actions, 'actie', 'acties')} afgesproken"
    if f.actions_active == 0:
        return f"{agreed}, {'die' if f.actions == 1 else 'alle'} vervallen."
    if not f.actions_cancelled:
        others = "daarvan"
    elif f.actions_active == 1:
        agreed += f", waarvan {f.actions_cancelled} vervallen"
        others = "van de andere"
    else:
        agreed += f", waarvan {f.actions_cancelled} vervallen"
        others = f"van de {f.actions_active} andere"
    if f.actions_owned < f.actions_active:
        others += f" ({f.actions_owned} met een gekende uitvoerder)"
    one = f.actions_informal == 1
    informal = (f"lag{'' if one else 'en'} er {f.actions_informal} ({pct(f.actions_informal_share)}) bij het "
                "informele netwerk")
    done = f"{'is' if f.actions_done == 1 else 'zijn'} er {f.actions_done} gedaan ({pct(f.actions_done_share)})"
    line = f"{agreed}; {others} {informal} en {done}."
    by_informal, by_formal = f.actions_done_informal, f.actions_done_formal
    if by_informal and by_formal:
        line += (f" Van de gedane acties deed het informele netwerk er {by_informal}, "
                 f"{'een professional' if by_formal == 1 else 'professionals'} {by_formal}.")
    elif by_informal:
        line += " Het informele netwerk deed " + ("de gedane actie." if by_informal == 1 else "alle gedane acties.")
    elif by_formal:
        line += (" De gedane actie deed een professional." if by_formal == 1 else
                 " Alle gedane acties deden professionals.")
    return line


def _goals_line(f: figures.CaseFigures) -> str:
    if not f.goals:
        return "Er werden geen doelen vastgelegd."
    if not f.goals_evaluated:
        line = "Nog geen doelen geëvalueerd."
    elif f.goals_evaluated == 1:
        result = "bereikt" if f.goals_reached else "deels bereikt" if f.goals_partly else "niet bereikt"
        line = f"1 doel geëvalueerd: {result}."
    else:
        line = (f"{f.goals_reached} van de {f.goals_evaluated} geëvalueerde doelen bereikt "
                f"({pct(f.goals_reached_share)})")
        line += f", {f.goals_partly} deels." if f.goals_partly else "."
    if f.score_change_mean is not None:
        change = dutch.signed_plural(f.score_change_mean, "punt", "punten")
        line += (f" De score veranderde met {change}." if f.goals_scored == 1 else
                 f" De score veranderde gemiddeld met {change} per doel.")
    return line


def render_evaluation(case: Case, out_path: str | os.PathLike[str], today: dt.date | None = None,
                      template: str | os.PathLike[str] | None = None) -> Path:
    """Write the final evaluation of a case to `out_path` (overwrites: callers pick a free name)."""
    today = today or dt.date.today()
    ctx = evaluation_context(case, today)
    end = case.dossier.get("einddatum")
    pngs = {"netwerk": pictures.circles_pair_png(case),
            "genogram": pictures.genogram_png(case, (end or today).year),
            "schalen": pictures.scales_png(case)}
    return render_docx(template or template_path(EVALUATION_REPORT, case.templates), ctx, out_path, pngs,
                       widths=natural_widths(pngs),
                       title="Eindevaluatie", subject=f"Dossier {ctx['dossiernummer']}")
