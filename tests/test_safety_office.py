"""A safety plan typed in LibreOffice Calc as a worker would (tests/office.py): into the demo case
without its safety sheets filled, by picking from the dropdowns and typing names; saved, read back,
checked, and made into the safety plan and the reports, opened with python-docx and the validator."""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests import ooxml
from werkboek import api, figures
from werkboek.checks import check
from werkboek.workbook import schema
from werkboek.workbook.builder import build
from werkboek.workbook.reader import read_case

D = dt.date
PHONE = "0471 20 30 40"


def pick(book, sheet: str, cell: str, starts: str) -> str:
    """Open the dropdown of `cell` and choose the entry that starts with `starts`."""
    [entry] = [e for e in book.dropdown(sheet, cell) if e.startswith(starts)]
    book.set_text(sheet, cell, entry)
    return entry


@pytest.fixture(scope="module")
def typed(office, demo_case, tmp_path_factory) -> dict:
    case = copy.deepcopy(demo_case)
    for sheet in schema.SAFETY_TABLES:
        case.tables[sheet.key] = []
    start = build(tmp_path_factory.mktemp("leeg") / "Netwerkkaart.xlsm", case)
    seen: dict = {}
    with office.open(start) as book:
        seen["empty_goal_dropdown"] = book.dropdown("Schaalvragen", "B2")
        book.add_row("Veiligheidsdoelen", {
            "Wie maakt zich zorgen": "de school en Sofie",
            "Zorgverklaring: waarover": "Ruzies tussen Ayşe en Zoë lopen uit de hand.",
            "Wat kan er met het kind gebeuren": "Zoë raakt gewond.",
            "Veiligheidsdoel": "Er is geen geweld meer en Zoë weet waar ze naartoe kan.",
            "Hoe lang": "zes maanden", "Opgesteld op": D(2024, 10, 17)}, below="Veiligheidsdoel")
        seen["goal_dropdown"] = book.dropdown("Schaalvragen", "B2")
        # A score per meeting: the meeting and the goal picked, the voices typed.
        for row, (meeting, scores) in enumerate((("B1", (3, 5, 4, 2)), ("B2", (5, None, None, None)),
                                                 ("B3", (7, 8, 7, 6))), start=2):
            pick(book, "Schaalvragen", f"A{row}", f"{meeting} – ")
            pick(book, "Schaalvragen", f"B{row}", "V1 – ")
            for column, score in zip("CDEF", scores, strict=True):
                if score is not None:
                    book.set_number("Schaalvragen", f"{column}{row}", score)
        # The plan: carriers typed as names with commas; who checks picked.
        book.add_row("Veiligheidsplan", {
            "Afspraak": "Bij ruzie zegt iemand 'pauze' en gaat Zoë naar oma Fatma.", "Wie": "Ayşe, Fatma",
            "Wanneer": "altijd", "Signaal": "Stemmen gaan omhoog.", "Wat gebeurt er dan": "Zoë fietst naar oma."},
            below="Afspraak")
        pick(book, "Veiligheidsplan", "G2", "Elif")
        pick(book, "Veiligheidsplan", "H2", "V1 – ")
        book.add_row("Veiligheidsplan", {
            "Afspraak": "Sofie overloopt het plan op elk beraad.", "Wie": "Sofie Verhoeven",
            "Wanneer": "op elk beraad"}, below="Afspraak")
        # The safety network: Fatma agreed to be called, Marc did not (his number typed anyway).
        pick(book, "Veiligheidsnetwerk", "A2", "Fatma")
        book.set_text("Veiligheidsnetwerk", "B2", "Crisisadres, dag en nacht.")
        book.set_date("Veiligheidsnetwerk", "C2", D(2024, 10, 17))
        pick(book, "Veiligheidsnetwerk", "D2", "ja")
        book.set_text("Veiligheidsnetwerk", "E2", PHONE)
        pick(book, "Veiligheidsnetwerk", "A3", "Marc")
        book.set_text("Veiligheidsnetwerk", "B3", "Brengt Zoë naar school.")
        pick(book, "Veiligheidsnetwerk", "D3", "nee")
        # The version of the plan with Zoë's own words.
        book.set_number("Planversies", "A2", 1)
        book.set_date("Planversies", "B2", D(2025, 3, 20))
        pick(book, "Planversies", "C2", "Zoë")
        book.set_text("Planversies", "D2", "Als mama heel boos wordt.")
        book.set_text("Planversies", "E2", "Oma Fatma.")
        book.set_text("Planversies", "F2", "Rust thuis.")
        seen["saved"] = book.save_as(tmp_path_factory.mktemp("getypt") / "Netwerkkaart getypt.xlsm")
    return seen


def test_the_safety_goal_dropdown_follows_what_was_typed(typed) -> None:
    assert typed["empty_goal_dropdown"] == ["(vul eerst het blad Veiligheidsdoelen in)"]
    assert typed["goal_dropdown"] == ["V1 – Er is geen geweld meer en Zoë weet waar "]  # its first 40 characters


def test_the_typed_plan_reads_back_as_the_worker_meant_it(typed) -> None:
    case = read_case(typed["saved"])
    assert case.template_version == schema.TEMPLATE_VERSION
    persons = {p["voornaam"]: str(p.id) for p in case.persons}
    [goal] = case.safety_goals
    assert goal.id == "V1" and goal["opgesteld_op"] == D(2024, 10, 17)
    assert [(r["beraad"], r["doel"], r["score"], r["gezin"]) for r in case.scales] == [
        ("B1", "V1", 3, 5), ("B2", "V1", 5, None), ("B3", "V1", 7, 8)]
    first, second = case.safety_rules
    assert first.id == "R1" and first["wie"] == [persons["Ayşe"], persons["Fatma"]]
    assert first["controle"] == persons["Elif"] and first["doel"] == "V1"
    assert second["wie"] == [persons["Sofie"]]
    assert [(m["persoon"], m["bellen"], m["telefoon"]) for m in case.safety_network] == [
        (persons["Fatma"], True, PHONE), (persons["Marc"], False, None)]
    [version] = case.plan_versions
    assert (version["versie"], version["datum"], version["kind"]) == (1, D(2025, 3, 20), persons["Zoë"])
    assert check(case) == []


def test_the_plan_from_the_typed_workbook(typed, tmp_path: Path) -> None:
    case = read_case(typed["saved"])
    plan = api.veiligheidsplan(typed["saved"], uit=tmp_path).pad
    doc = Document(str(plan))
    rules = [[c.text for c in r.cells] for t in doc.tables if t.rows[0].cells[0].text == "Afspraak" for r in t.rows]
    assert rules[1][:3] == ["Bij ruzie zegt iemand 'pauze' en gaat Zoë naar oma Fatma.",
                            "Ayşe Yılmaz (moeder), Fatma Yılmaz (grootmoeder)", "altijd"]
    assert rules[1][5] == "Elif Yılmaz (tante)"
    assert rules[2][:2] == ["Sofie overloopt het plan op elk beraad.", "Sofie Verhoeven (hulpverlener)"]
    with zipfile.ZipFile(plan) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    assert PHONE in xml and "Als mama heel boos wordt." in xml
    for p in case.persons:
        for key in ("contact", "notities"):
            assert not p[key] or p[key] not in xml


@ooxml.group
def test_the_plan_from_the_typed_workbook_passes_the_open_xml_validator(typed, tmp_path: Path) -> None:
    plan = api.veiligheidsplan(typed["saved"], uit=tmp_path).pad
    assert ooxml.errors(plan) == {str(plan): []}


def test_the_reports_scales_are_the_typed_ones(typed, tmp_path: Path) -> None:
    case = read_case(typed["saved"])
    [scale] = figures.safety_scales(case)
    assert [(p.meeting, p.score, p.voices) for p in scale.points] == [
        ("B1", 3, {"gezin": 5, "netwerk": 4, "hulpverleners": 2}), ("B2", 5, {}),
        ("B3", 7, {"gezin": 8, "netwerk": 7, "hulpverleners": 6})]
    evaluation = Document(str(api.eindevaluatie(typed["saved"], uit=tmp_path).pad))
    [table] = [t for t in evaluation.tables if t.rows[0].cells[0].text == "Veiligheidsdoel"]
    assert [c.text for c in table.rows[1].cells][1:] == ["3 (B1)", "7 (B3)", "+4"]
