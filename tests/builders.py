"""Cases the tests build, and the yearly run as the tests start it (shared by several test modules).

`base_case` is a small, closed, consistent case without a single finding: the checks' tests break
one thing at a time in it. `Spec`, `make_case` and `team_specs` describe a team's year of cases by
the numbers the yearly figures should find in them; `run_yearly` merges folders of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from werkboek.workbook.model import Case, Record
from werkboek.yearly import run as yearly_run
from werkboek.yearly.suppression import DEFAULT_THRESHOLD

D = dt.date
YEAR = 2025


def base_case() -> Case:
    """A small, closed, consistent case that gives no finding at all."""
    case = Case.empty()
    case.dossier = Record("dossier", {
        "dossiernummer": "2025-017", "gezin": "gezin Test", "begeleider": "An Claes", "team": "Team Noord",
        "hulpvorm": "ambulant", "methode": "Signs of Safety", "centrale_persoon": "P01",
        "soort_centraal": "kind/jongere", "startdatum": D(2025, 1, 6), "einddatum": D(2025, 6, 30),
        "reden": "Zorgen over de veiligheid thuis.", "conclusies": "Oma en de buur dragen de opvang na school.",
    })

    def person(pid: str, name: str, relatie: str, sector: str, year: int, **more: object) -> Record:
        return Record("personen", {"id": pid, "voornaam": name, "relatie": relatie, "sector": sector,
                                   "geboortejaar": year, **more})

    case.tables["personen"] = [
        person("P01", "Sam", "centrale persoon", "familie", 2012),                      # row 2
        person("P02", "Lies", "moeder", "familie", 1984),                              # row 3
        person("P03", "Omer", "grootvader", "familie", 1950, verwaterd=True,           # row 4
               gecontacteerd_op=D(2025, 1, 20), reactie="positief"),
        person("P04", "Karim", "buur", "vrienden en buren", 1979),                     # row 5
        person("P05", "Eva", "hulpverlener", "professioneel", 1990),                    # row 6
    ]
    case.tables["relaties"] = [
        Record("relaties", {"persoon_a": "P02", "persoon_b": "P01", "soort": "ouder–kind", "kwaliteit": "goed"}),
        Record("relaties", {"persoon_a": "P03", "persoon_b": "P02", "soort": "ouder–kind"}),
    ]
    start, end = D(2025, 1, 13), D(2025, 6, 16)
    placements = [
        (start, "start", "belang", "P02", 1), (start, "start", "belang", "P03", 2),   # rows 2, 3
        (start, "start", "belang", "P04", 2), (start, "start", "belang", "P05", 1),   # rows 4, 5
        (start, "start", "hulp", "P02", 1), (start, "start", "hulp", "P04", 2),       # rows 6, 7
        (end, "einde", "belang", "P02", 1), (end, "einde", "belang", "P03", 1),       # rows 8, 9
        (end, "einde", "belang", "P04", 2), (end, "einde", "belang", "P05", 3),       # rows 10, 11
        (end, "einde", "hulp", "P02", 1), (end, "einde", "hulp", "P03", 1),           # rows 12, 13
    ]
    case.tables["cirkels"] = [
        Record("cirkels", dict(zip(("datum", "moment", "vraag", "persoon", "cirkel"), p, strict=True)))
        for p in placements
    ]
    case.tables["netwerkberaad"] = [
        Record("netwerkberaad", {"id": "B1", "datum": D(2025, 2, 3), "aanwezigen": ["P01", "P02", "P04", "P05"],
                                 "zorgen": "Sam is vaak alleen.", "schaal": 4, "volgende": D(2025, 4, 7)}),
        Record("netwerkberaad", {"id": "B2", "datum": D(2025, 4, 7), "aanwezigen": ["P01", "P02", "P03", "P05"],
                                 "schaal": 6}),
    ]
    case.tables["acties"] = [
        Record("acties", {"id": "A1", "beraad": "B1", "wat": "Sam ophalen op woensdag", "wie": "P04",
                          "tegen": D(2025, 2, 28), "status": "gedaan", "doel": "D1"}),
        Record("acties", {"id": "A2", "beraad": "B1", "wat": "Opa opbellen", "wie": "P02", "met_wie": ["P05"],
                          "tegen": D(2025, 3, 15), "status": "gedaan", "doel": "D2"}),
        Record("acties", {"id": "A3", "beraad": "B2", "wat": "Wekelijks bellen", "wie": "P03",
                          "tegen": D(2025, 5, 1), "status": "bezig", "doel": "D2"}),
    ]
    case.tables["doelen"] = [
        Record("doelen", {"id": "D1", "doel": "Sam is veilig na school", "domein": "veiligheid", "score_start": 3,
                          "score_laatst": 6, "score_einde": 7, "bereikt": "ja", "geevalueerd_op": end}),
        Record("doelen", {"id": "D2", "doel": "Het netwerk is groter", "domein": "netwerk", "score_start": 2,
                          "score_laatst": 5, "score_einde": 6, "bereikt": "deels", "geevalueerd_op": end}),
    ]
    # Signs of Safety: one danger statement and its goal, scored at both meetings; a plan of two rules.
    case.tables["veiligheidsdoelen"] = [
        Record("veiligheidsdoelen", {"id": "V1", "bezorgd": "de school", "zorg": "Sam is na school alleen thuis.",
                                     "gevolg": "Sam raakt in paniek.", "doel": "Er is na school altijd een volwassene.",
                                     "hoe_lang": "drie maanden", "opgesteld_op": D(2025, 2, 3)}),
    ]
    case.tables["schaalvragen"] = [
        Record("schaalvragen", {"beraad": "B1", "doel": "V1", "score": 3, "gezin": 4, "netwerk": 3,
                                "hulpverleners": 2}),
        Record("schaalvragen", {"beraad": "B2", "doel": "V1", "score": 6}),
    ]
    case.tables["veiligheidsplan"] = [
        Record("veiligheidsplan", {"id": "R1", "afspraak": "Karim haalt Sam op", "wie": ["P04"],
                                   "wanneer": "elke woensdag", "signaal": "Sam is er niet om 15 uur",
                                   "dan": "Karim belt Lies", "controle": "P02", "doel": "V1"}),
        Record("veiligheidsplan", {"id": "R2", "afspraak": "Lies en Eva overlopen het plan", "wie": ["P02", "P05"]}),
    ]
    case.tables["veiligheidsnetwerk"] = [
        Record("veiligheidsnetwerk", {"persoon": "P04", "rol": "ophalen na school", "akkoord_op": D(2025, 2, 3),
                                      "bellen": True, "telefoon": "0470 11 22 33"}),
    ]
    case.tables["planversies"] = [
        Record("planversies", {"versie": 1, "datum": D(2025, 2, 3), "kind": "P01", "huis_zorgen": "alleen thuis",
                               "huis_goed": "Karim", "huis_dromen": "een hond"}),
    ]
    return case


# --- a team's year of cases, for the yearly figures --------------------------------------------------


def run_yearly(mappen, *, jaar=None, uit=None, sleutel=None, drempel=DEFAULT_THRESHOLD, export_csv=None,
               overschrijf=False, voortgang=False, workers=None, export_groepen=()) -> yearly_run.Uitkomst:
    """The yearly run as the API starts it, with the number of worker processes a test may set."""
    return yearly_run.run(yearly_run.Request(mappen, jaar, uit, sleutel, drempel, export_csv, overschrijf, voortgang,
                                             workers, tuple(export_groepen)))


@dataclass
class Spec:
    """One case, described by the numbers the yearly figures should find in it."""

    i: int
    team: str
    hulpvorm: str
    soort: str
    start: D
    closed: bool
    family: int  # persons at the start measurement, besides the central person
    friends: int
    profs: int
    lost: int  # start persons not placed at the end
    added: int  # new friends placed at the end only
    refound: int  # family whose contact had faded, placed at the end only
    inwards: int  # start persons moved from circle 2 to circle 1
    meetings: int
    cancelled: int  # professional actions cancelled (left out of the action shares)
    goals: list[tuple[int, int, str]] = field(default_factory=list)  # (start score, end score, bereikt)

    @property
    def number(self) -> str:
        return f"DN-{self.i:03d}-K"

    @property
    def start_ids(self) -> list[str]:
        return [f"P{n:02d}" for n in range(2, 2 + self.family + self.friends + self.profs)]


def name(i: int, j: int, what: str) -> str:
    """A value no output may contain: distinctive, so a scan cannot match by accident."""
    return f"{what}{i:02d}z{j:02d}Q"


def make_case(s: Spec) -> Case:
    def rec(sheet: str, **values: Any) -> Record:
        return Record(sheet, values)

    start_ids = s.start_ids
    sectors = ["familie"] * s.family + ["vrienden en buren"] * s.friends + ["professioneel"] * s.profs
    persons = [rec("personen", id="P01", voornaam=name(s.i, 1, "Voornaam"), achternaam=name(s.i, 1, "Achternaam"),
                   relatie="centrale persoon", sector="familie", contact=name(s.i, 1, "Tel"),
                   notities=name(s.i, 1, "Notitie"))]
    for j, (pid, sector) in enumerate(zip(start_ids, sectors, strict=True), start=2):
        relation = {"familie": "tante", "vrienden en buren": "buur", "professioneel": "hulpverlener"}[sector]
        persons.append(rec("personen", id=pid, voornaam=name(s.i, j, "Voornaam"), achternaam=name(s.i, j, "Achternaam"),
                           relatie=relation, sector=sector, contact=name(s.i, j, "Tel"),
                           notities=name(s.i, j, "Notitie")))
    n = 2 + len(start_ids)
    added = [f"P{k:02d}" for k in range(n, n + s.added)]
    refound = [f"P{k:02d}" for k in range(n + s.added, n + s.added + s.refound)]
    for j, pid in enumerate(added + refound, start=n):
        persons.append(rec("personen", id=pid, voornaam=name(s.i, j, "Voornaam"),
                           relatie="vriend(in)" if pid in added else "oom",
                           sector="vrienden en buren" if pid in added else "familie", verwaterd=pid in refound,
                           gecontacteerd_op=s.start + dt.timedelta(days=20) if pid in refound else None))
    m_start, m_end = s.start + dt.timedelta(days=7), s.start + dt.timedelta(days=200)
    placements = [rec("cirkels", datum=m_start, moment="start", vraag="belang", persoon=pid, cirkel=2)
                  for pid in start_ids]
    if s.closed:
        kept = start_ids[: len(start_ids) - s.lost]
        for k, pid in enumerate(kept):
            placements.append(rec("cirkels", datum=m_end, moment="einde", vraag="belang", persoon=pid,
                                  cirkel=1 if k < s.inwards else 2))
        placements += [rec("cirkels", datum=m_end, moment="einde", vraag="belang", persoon=pid, cirkel=3)
                       for pid in added + refound]
    informal = start_ids[0]  # a family member (every spec has family >= 1)
    prof = start_ids[-1]  # a professional (every spec has profs >= 1)
    meetings, actions = [], []
    for m in range(s.meetings):
        day = s.start + dt.timedelta(days=14 + 40 * m)
        meetings.append(rec("netwerkberaad", id=f"B{m + 1}", datum=day, plaats=name(s.i, m, "Plaats"),
                            aanwezigen=["P01", informal, prof], zorgen=name(s.i, m, "Zorg"), goed=name(s.i, m, "Goed"),
                            moet_gebeuren=name(s.i, m, "Moet"), notitie=name(s.i, m, "Intern")))
        due = day + dt.timedelta(days=30)
        actions.append(rec("acties", id=f"A{2 * m + 1}", beraad=f"B{m + 1}", wat=name(s.i, m, "Wat"), wie=informal,
                           tegen=due, status="gedaan", opvolging=name(s.i, m, "Opvolging")))
        actions.append(rec("acties", id=f"A{2 * m + 2}", beraad=f"B{m + 1}", wat=name(s.i, m, "Wat"), wie=prof,
                           tegen=due, status="vervallen" if m < s.cancelled else "gepland"))
    goals = [rec("doelen", id=f"D{g + 1}", doel=name(s.i, g, "Doel"), score_start=a, score_einde=b, bereikt=r,
                 toelichting=name(s.i, g, "Toelichting")) for g, (a, b, r) in enumerate(s.goals)]
    case = Case.empty()
    case.dossier = rec("dossier", dossiernummer=s.number, gezin=name(s.i, 0, "Gezin"),
                       begeleider=name(s.i, 0, "Begeleider"), team=s.team, eenheid="Regio Oost", hulpvorm=s.hulpvorm,
                       methode="Signs of Safety", centrale_persoon="P01", soort_centraal=s.soort, startdatum=s.start,
                       einddatum=s.start + dt.timedelta(days=210) if s.closed else None,
                       reden=name(s.i, 0, "Reden"), conclusies=name(s.i, 0, "Conclusie") if s.closed else None)
    relations = [rec("relaties", persoon_a=start_ids[0], persoon_b=start_ids[1], soort="broer/zus", kwaliteit="goed")]
    case.tables.update(personen=persons, relaties=relations, cirkels=placements, netwerkberaad=meetings, acties=actions,
                       doelen=goals)
    return case


TEAM = "=Team West"  # formula-like text must land as text


def team_specs() -> list[Spec]:
    """15 cases open in 2025: teams 8 / 5 / 2, hulpvormen 10 / 3 / 2, central person child 11 / parent 4."""
    teams = ["Team Noord"] * 8 + ["Team Zuid"] * 5 + [TEAM] * 2
    forms = ["ambulant"] * 10 + ["pleegzorg"] * 3 + ["mobiel"] * 2
    forms = forms[3:] + forms[:3]  # so forms do not follow teams
    return [
        Spec(
            i=i, team=teams[i], hulpvorm=forms[i], soort="ouder" if i % 4 == 1 else "kind/jongere",
            start=D(2025, 1, 6) + dt.timedelta(days=9 * i), closed=i % 4 != 3,
            family=1 + i % 3, friends=i % 4, profs=1 + i % 2, lost=1 if i % 5 == 0 else 0, added=i % 3,
            refound=1 if i % 2 else 0,
            inwards=i % 2, meetings=1 + i % 3, cancelled=1 if i % 6 == 0 else 0,
            goals=[(3, 7, "ja"), (4, 5 + i % 2, "deels" if i % 2 else "nee")] if i % 5 else [(2, 8, "ja")],
        )
        for i in range(15)
    ]


def other_year_spec() -> Spec:
    return Spec(i=90, team="Team Noord", hulpvorm="ambulant", soort="ouder", start=D(2023, 2, 1), closed=True,
                family=2, friends=1, profs=1, lost=0, added=1, refound=0, inwards=0, meetings=1, cancelled=0,
                goals=[(5, 6, "ja")])
