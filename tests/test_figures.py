"""The figures module on a small case whose every number is computed by hand below."""

from __future__ import annotations

import datetime as dt

import pytest

from werkboek import figures
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case, Record
from werkboek.workbook.reader import read_case

D = dt.date
START, END = D(2025, 1, 10), D(2025, 12, 1)


def person(pid: str, name: str, relation: str, sector: str, **more) -> Record:
    return Record("personen", {"id": pid, "voornaam": name, "relatie": relation, "sector": sector, **more})


def placed(when: dt.date | None, moment: str, vraag: str, pid: str, circle: int) -> Record:
    return Record("cirkels", {"datum": when, "moment": moment, "vraag": vraag, "persoon": pid, "cirkel": circle})


def small_case() -> Case:
    case = Case.empty()
    case.dossier = Record("dossier", {
        "dossiernummer": "2025-0001", "gezin": "gezin Test", "begeleider": "Els", "team": "Noord",
        "hulpvorm": "ambulant", "methode": "Signs of Safety", "centrale_persoon": "P01",
        "soort_centraal": "kind/jongere", "startdatum": D(2025, 1, 6), "einddatum": D(2025, 12, 15),
    })
    case.tables["personen"] = [
        person("P01", "Emma", "centrale persoon", "familie"),
        person("P02", "Sara", "moeder", "familie", rol="steunfiguur"),
        person("P03", "Tom", "vader", "familie"),
        person("P04", "Lea", "grootmoeder", "familie", verwaterd=True),  # re-found: only at the end
        person("P05", "Jan", "buur", "vrienden en buren"),  # moves inwards
        person("P06", "Ines", "leerkracht", "school, werk en vrije tijd", formeel="formeel"),  # outwards
        person("P07", "Karel", "hulpverlener", "professioneel"),  # outwards
        person("P08", "Bart", "trainer/coach", "school, werk en vrije tijd", rol="mentor"),  # added
        person("P09", "Noor", "vriend(in)", "vrienden en buren"),  # lost
    ]
    case.tables["cirkels"] = [
        placed(START, "start", "belang", "P01", 1),  # the central person: not a placement
        placed(START, "start", "belang", "P02", 1),
        placed(START, "start", "belang", "P03", 2),
        placed(START, "start", "belang", "P05", 3),
        placed(START, "start", "belang", "P06", 2),
        placed(START, "start", "belang", "P07", 1),
        placed(START, "start", "belang", "P09", 2),
        placed(START, "start", "belang", "P99", 1),  # unknown person: left out
        placed(START, "start", "belang", "P02", 3),  # placed twice: the first row counts
        placed(D(2025, 2, 1), "start", "belang", "P03", 1),  # a later start: not the start
        placed(START, "start", "hulp", "P02", 1),
        placed(START, "start", "hulp", "P03", 3),
        placed(START, "start", "hulp", "P07", 1),
        placed(D(2025, 10, 1), "einde", "belang", "P09", 1),  # an earlier end: not the end
        placed(END, "einde", "belang", "P02", 1),
        placed(END, "einde", "belang", "P03", 2),
        placed(END, "einde", "belang", "P04", 2),
        placed(END, "einde", "belang", "P05", 1),
        placed(END, "einde", "belang", "P06", 3),
        placed(END, "einde", "belang", "P07", 2),
        placed(END, "einde", "belang", "P08", 1),
    ]
    case.tables["netwerkberaad"] = [
        Record("netwerkberaad", {"id": "B1", "datum": D(2025, 2, 1), "aanwezigen": ["P01", "P02", "P07", "P99"],
                                 "schaal": 4}),
        Record("netwerkberaad", {"id": "B2", "datum": D(2025, 6, 1), "aanwezigen": ["P01", "P02", "P05", "P08"],
                                 "schaal": 6}),
    ]

    def action(aid: str, who: str, status: str) -> Record:
        return Record("acties", {"id": aid, "beraad": "B1", "wat": "iets", "wie": who, "tegen": D(2025, 3, 1),
                                 "status": status})

    case.tables["acties"] = [
        action("A1", "P02", "gedaan"),
        action("A2", "P07", "gedaan"),
        action("A3", "P05", "bezig"),
        action("A4", "P08", "vervallen"),  # cancelled: out of the shares
        action("A5", "P99", "gepland"),  # unknown owner: active, not owned
        action("A6", "P06", "gedaan"),  # formal by override
    ]
    case.tables["doelen"] = [
        Record("doelen", {"id": "D1", "doel": "a", "score_start": 3, "score_einde": 7, "bereikt": "ja"}),
        Record("doelen", {"id": "D2", "doel": "b", "score_start": 5, "score_laatst": 6, "bereikt": "deels"}),
        Record("doelen", {"id": "D3", "doel": "c", "score_laatst": 8}),
        Record("doelen", {"id": "D4", "doel": "d", "score_start": 2, "score_einde": 2, "bereikt": "nee"}),
    ]
    return case


def test_is_informal_follows_sector_unless_overridden():
    case = Case.empty()
    assert figures.is_informal(person("X", "a", "buur", "vrienden en buren"), case)
    assert not figures.is_informal(person("X", "a", "huisarts", "professioneel"), case)
    teacher = person("X", "a", "leerkracht", "school, werk en vrije tijd", formeel="formeel")
    assert not figures.is_informal(teacher, case)
    assert figures.is_informal(person("X", "a", "hulpverlener", "professioneel", formeel="informeel"), case)


def test_measurement_takes_earliest_start_and_latest_end():
    case = small_case()
    assert ([p["persoon"] for p in figures.measurement(case, "start", "belang")]
            == ["P02", "P03", "P05", "P06", "P07", "P09"])
    assert ([p["persoon"] for p in figures.measurement(case, "einde", "belang")]
            == ["P02", "P03", "P04", "P05", "P06", "P07", "P08"])
    assert figures.measurement(case, "einde", "kennis") == []


def test_undated_placements_count_only_without_dated_ones():
    case = small_case()
    case.tables["cirkels"] = [placed(None, "start", "kennis", "P02", 1), placed(None, "start", "kennis", "P03", 2)]
    assert len(figures.measurement(case, "start", "kennis")) == 2
    case.tables["cirkels"].append(placed(START, "start", "kennis", "P05", 1))
    assert [p["persoon"] for p in figures.measurement(case, "start", "kennis")] == ["P05"]


def test_moment_figures_start():
    fig = figures.moment_figures(small_case(), "start")
    assert (fig.measured, fig.date, fig.size) == (True, START, 6)
    assert fig.per_circle == {1: 2, 2: 3, 3: 1}
    assert fig.per_sector == {"familie": 2, "vrienden en buren": 2, "school, werk en vrije tijd": 1, "professioneel": 1}
    assert (fig.informal, fig.informal_share) == (4, pytest.approx(4 / 6))
    assert fig.certain_help == 2  # P02 and P07 in circle 1 on "hulp"
    assert fig.with_role == 1


def test_moment_figures_end():
    fig = figures.moment_figures(small_case(), "einde")
    assert (fig.date, fig.size) == (END, 7)
    assert fig.per_circle == {1: 3, 2: 3, 3: 1}
    assert fig.per_sector == {"familie": 3, "vrienden en buren": 1, "school, werk en vrije tijd": 2, "professioneel": 1}
    assert (fig.informal, fig.informal_share) == (5, pytest.approx(5 / 7))
    assert fig.certain_help is None  # "hulp" was not measured at the end
    assert fig.with_role == 2


def test_change_figures():
    change = figures.change_figures(small_case())
    assert change.measured
    assert change.added == ["P08"]
    assert change.refound == ["P04"]
    assert change.lost == ["P09"]
    assert change.inwards == ["P05"]
    assert change.outwards == ["P06", "P07"]
    assert change.informal_share_change == pytest.approx(5 / 7 - 4 / 6)


def test_no_end_measurement_yet():
    case = small_case()
    case.tables["cirkels"] = [p for p in case.placements if p["moment"] != "einde"]
    change = figures.change_figures(case)
    assert not change.measured and not change.end.measured
    assert change.end.size == 0 and change.end.informal_share is None
    assert change.added == change.refound == change.lost == change.inwards == change.outwards == []
    assert change.informal_share_change is None
    s = figures.case_numbers(case)
    assert s["end_measured"] == 0 and s["end_size"] is None and s["end_informal_share"] is None
    assert s["added"] is None and s["lost"] is None
    assert s["start_size"] == 6


def test_case_figures():
    fig = figures.case_figures(small_case())
    assert fig.meetings == 2
    assert fig.attendances == 7  # P99 is unknown
    assert fig.attendees_mean == pytest.approx(3.5)
    assert fig.attendees_informal_share == pytest.approx(6 / 7)  # only P07 is professional
    assert (fig.first_scale, fig.last_scale) == (4, 6)
    assert (fig.actions, fig.actions_active, fig.actions_done) == (6, 5, 3)
    assert fig.actions_done_share == pytest.approx(3 / 5)
    assert (fig.actions_owned, fig.actions_informal) == (4, 2)
    assert fig.actions_informal_share == pytest.approx(0.5)
    assert (fig.actions_done_informal, fig.actions_done_formal) == (1, 2)
    assert (fig.goals, fig.goals_evaluated, fig.goals_reached, fig.goals_partly) == (4, 3, 1, 1)
    assert fig.goals_reached_share == pytest.approx(1 / 3)
    assert fig.goals_scored == 3
    assert fig.score_change_mean == pytest.approx((4 + 1 + 0) / 3)


def test_empty_case_has_no_fractions():
    s = figures.case_numbers(Case.empty())
    assert s["persons"] == 0 and s["meetings"] == 0 and s["start_measured"] == 0
    for key, value in s.items():
        if key.endswith(("share", "mean", "change")):
            assert value is None, key


def test_summary_is_flat_with_stable_keys():
    s = figures.case_numbers(small_case())
    assert all(isinstance(v, (int, float)) or v is None for v in s.values())
    assert s["duration_days"] == (D(2025, 12, 15) - D(2025, 1, 6)).days
    assert (s["start_size"], s["end_size"]) == (6, 7)
    assert (s["start_sector_family"], s["end_sector_school_work"], s["end_sector_other"]) == (2, 2, 0)
    assert (s["end_circle_1"], s["start_certain_help"], s["end_certain_help"]) == (3, 2, None)
    assert (s["added"], s["refound"], s["lost"], s["inwards"], s["outwards"]) == (1, 1, 1, 1, 2)
    assert s["actions_informal_share"] == pytest.approx(0.5)
    assert s["goals_reached"] == 1


def test_figures_survive_the_workbook_round_trip(tmp_path):
    case = small_case()
    back = read_case(build(tmp_path / "Netwerkkaart.xlsm", case))
    assert figures.case_numbers(back) == figures.case_numbers(case)
