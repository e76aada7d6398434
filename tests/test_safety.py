"""Signs of Safety in the workbook (template version 3): the sheets, read back with independent
readers; version-2 workbooks still read; the safety plan document, opened with python-docx and the
Open XML validator: nothing internal in it, every rule with its carrier, phone numbers only of
people who agreed to be called, the child's words, the version and its date."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests import ooxml
from tests.commands import werkboek
from tests.readers import sheet_rows
from werkboek import api, figures
from werkboek.checks import check
from werkboek.dutch import long_date
from werkboek.reports import PlanMissing
from werkboek.workbook import schema
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case, Record
from werkboek.workbook.reader import read_case
from werkboek.workbook.references import person_name

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory, demo_case) -> Path:
    return build(tmp_path_factory.mktemp("sos") / "Netwerkkaart.xlsm", demo_case)


@pytest.fixture(scope="module")
def case(workbook) -> Case:
    return read_case(workbook)


@pytest.fixture(scope="module")
def plan(workbook) -> Path:
    return api.veiligheidsplan(workbook).pad


def all_xml(path: Path) -> str:
    """Every XML part of a .docx (body, headers, footers, properties)."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_with(doc, header: str):
    [table] = [t for t in doc.tables if t.rows[0].cells[0].text == header]
    return table


# --- the workbook ---------------------------------------------------------------------------------


def test_the_safety_sheets_are_tables_with_their_headers_and_dropdowns(workbook) -> None:
    wb = openpyxl.load_workbook(workbook)
    for sheet in schema.SAFETY_TABLES:
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]][: len(sheet.columns)] == [c.header for c in sheet.columns]
        assert sheet.table in ws.tables
    # Safety goals are picked by name: the dropdown of the new picker, on Schaalvragen and the plan.
    sources = {(ws.title, str(dv.sqref).split(":")[0]): dv.formula1
               for ws in wb.worksheets for dv in ws.data_validations.dataValidation}
    assert sources[("Schaalvragen", "B2")] == "keuze_veiligheidsdoel"
    assert sources[("Veiligheidsplan", "H2")] == "keuze_veiligheidsdoel"
    assert sources[("Veiligheidsplan", "C2")] is None  # names typed with commas, as attendees
    assert sources[("Veiligheidsnetwerk", "A2")] == "keuze_persoon"
    # IDs written in advance, and the button beside the others.
    assert [r[0] for r in sheet_rows(workbook, "Veiligheidsplan")[1:41]] == [f"R{i}" for i in range(1, 41)]
    assert wb["Dossier"]["F12"].value == "Maakt het veiligheidsplan voor het gezin en het netwerk (Word)."


def test_the_demo_safety_plan_reads_back_as_written(case, demo_case) -> None:
    for sheet in schema.SAFETY_TABLES:
        assert case.tables[sheet.key] == demo_case.tables[sheet.key], sheet.key
        assert case.tables[sheet.key], sheet.key
    assert check(case) == []
    # The calamine grid says what the Case says: the first rule's carriers typed as names.
    grid = sheet_rows_dict(case, "Veiligheidsplan")
    assert grid["R1"][schema.VEILIGHEIDSPLAN.index("wie")] == "Ayşe, Zoë, Fatma"


def sheet_rows_dict(case: Case, sheet: str) -> dict[str, list]:
    assert case.source
    return {str(r[0]): r for r in sheet_rows(Path(case.source), sheet)[1:] if r and r[0]}


def test_a_version_2_workbook_reads_without_the_safety_sheets() -> None:
    empty = read_case(FIXTURES / "Netwerkkaart-v2.xlsm")
    assert empty.template_version == 2 and empty.missing_columns == {}
    demo = read_case(FIXTURES / "Demo-v2.xlsm")
    assert demo.template_version == 2 and demo.missing_columns == {}
    assert all(demo.tables[s.key] == [] for s in schema.SAFETY_TABLES)
    assert len(demo.persons) == 26 and check(demo) == []
    assert figures.case_numbers(demo)["safety_plan"] == 0


def test_a_version_2_workbook_has_no_safety_plan_to_make(tmp_path: Path, capsys) -> None:
    shutil.copy(FIXTURES / "Demo-v2.xlsm", tmp_path / "oud.xlsm")
    with pytest.raises(PlanMissing) as err:
        api.veiligheidsplan(tmp_path / "oud.xlsm")
    assert "Veiligheidsplan" in err.value.message and "oud.xlsm" in err.value.message
    ran = werkboek(capsys, "veiligheidsplan", str(tmp_path / "oud.xlsm"))
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert ran.stderr.startswith("Fout: ") and "afspraken" in ran.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "oud.xlsm"]


def test_a_plan_without_a_version_says_what_to_fill(tmp_path: Path, demo_case) -> None:
    case = read_case(build(tmp_path / "a.xlsm", demo_case))
    case.tables["planversies"] = []
    with pytest.raises(PlanMissing) as err:
        api.veiligheidsplan(case, uit=tmp_path)
    assert "Planversies" in err.value.message and "versienummer" in err.value.todo


# --- the scales -----------------------------------------------------------------------------------


def test_scales_follow_the_sheet_meeting_by_meeting(case) -> None:
    scales = {s.goal: s for s in figures.safety_scales(case)}
    assert list(scales) == ["V1", "V2"]
    v1 = scales["V1"]
    assert [p.meeting for p in v1.points] == ["B1", "B2", "B3"]
    assert [p.score for p in v1.points] == [3, 5, 7] and (v1.start, v1.end, v1.change) == (3, 7, 4)
    assert v1.points[0].voices == {"gezin": 5, "netwerk": 4, "hulpverleners": 2}
    # Up to a day: the plan of version 1 sees only the first meeting's scores.
    assert [len(s.points) for s in figures.safety_scales(case, until=dt.date(2024, 10, 17))] == [1, 1]


def test_a_scale_without_an_agreed_score_is_the_mean_of_its_voices() -> None:
    case = Case.empty()
    case.tables["netwerkberaad"] = [Record("netwerkberaad", {"id": "B1", "datum": dt.date(2025, 1, 1)})]
    case.tables["veiligheidsdoelen"] = [Record("veiligheidsdoelen", {"id": "V1", "doel": "veilig"})]
    case.tables["schaalvragen"] = [Record("schaalvragen", {"beraad": "B1", "doel": "V1", "gezin": 6, "netwerk": 3}),
                                   Record("schaalvragen", {"beraad": "B1", "doel": "V1", "score": 9})]
    [scale] = figures.safety_scales(case)
    assert [(p.score, p.joint) for p in scale.points] == [(4.5, False)]  # the first row of a meeting counts
    assert scale.change is None


# --- the safety plan document ---------------------------------------------------------------------


def test_the_plan_is_named_by_case_version_and_date_and_never_overwrites(plan, workbook) -> None:
    assert plan.name == "Veiligheidsplan 2024-0917 versie 2 2025-03-20.docx" and plan.parent == workbook.parent
    again = api.veiligheidsplan(workbook).pad
    assert again.name == "Veiligheidsplan 2024-0917 versie 2 2025-03-20 (2).docx" and plan.exists()
    again.unlink()


def test_a_new_version_is_a_new_file_and_the_previous_stays(tmp_path: Path, demo_case) -> None:
    """The worker adds a row to Planversies in the same workbook and makes the plan again."""
    case = read_case(build(tmp_path / "Netwerkkaart.xlsm", demo_case))
    case.tables["planversies"] = case.tables["planversies"][:1]
    first = api.veiligheidsplan(build(tmp_path / "Netwerkkaart.xlsm", case)).pad
    assert first.name.endswith("versie 1 2024-10-17.docx")
    second = api.veiligheidsplan(build(tmp_path / "Netwerkkaart.xlsm", demo_case)).pad
    assert second.name.endswith("versie 2 2025-03-20.docx") and first.exists()
    doc1, doc2 = Document(str(first)), Document(str(second))
    assert "versie 1 van 17 oktober 2024" in doc1.paragraphs[1].text
    assert "versie 2 van 20 maart 2025" in doc2.paragraphs[1].text
    # Version 1 shows the scales as they were on its day, and Zoë's words of then.
    goals1 = rows(table_with(doc1, "Wie maakt zich zorgen, en waarover"))
    assert goals1[1][3] == "3 op 10 (beraad B1, 17 oktober 2024)"
    assert "Als mama en ik ruzie maken" in all_xml(first) and "Als mama en ik ruzie maken" not in all_xml(second)


def test_every_rule_appears_with_its_carriers_when_and_signal(plan, case) -> None:
    doc = Document(str(plan))
    table = rows(table_with(doc, "Afspraak"))
    assert table[0] == ["Afspraak", "Wie", "Wanneer", "Als dit gebeurt", "Dan", "Wie kijkt het na"]
    persons = case.by_id("personen")
    rules = [r for r in case.safety_rules if r["afspraak"]]
    assert len(table) - 1 == len(rules) == 5
    for row, rule in zip(table[1:], rules, strict=True):
        assert row[0] == rule["afspraak"]
        for pid in rule["wie"]:
            assert person_name(persons[pid]) in row[1], (rule.id, pid)
        assert row[2] == rule["wanneer"] and row[3] == rule["signaal"] and row[4] == rule["dan"]
        assert person_name(persons[rule["controle"]]) in row[5]


def test_phone_numbers_only_of_people_who_agreed_to_be_called(plan, case) -> None:
    text = all_xml(plan)
    agreed = [m["telefoon"] for m in case.safety_network if m["bellen"] is True and m["telefoon"]]
    assert len(agreed) == 4
    for number in agreed:
        assert number in text
    table = rows(table_with(Document(str(plan)), "Naam"))
    persons = case.by_id("personen")
    for member, row in zip(case.safety_network, table[1:], strict=True):
        assert person_name(persons[member["persoon"]]) in row[0]
        assert row[2] == (member["telefoon"] if member["bellen"] else "niet via dit plan")


def test_the_plan_holds_nothing_internal(tmp_path: Path, demo_case) -> None:
    """Every internal value of the case (contacts, notes, the reason for referral, a number of
    someone who did not agree to be called) is left out, in every part of the document."""
    case = read_case(build(tmp_path / "src.xlsm", demo_case))
    marc = next(m for m in case.safety_network if m["bellen"] is False)
    marc.values["telefoon"] = "0499 99 88 77"  # typed, but Marc did not agree to be called
    plan = api.veiligheidsplan(case, uit=tmp_path).pad
    text = all_xml(plan)
    internal = [m["notitie"] for m in case.meetings if m["notitie"]]
    internal += [p[key] for p in case.persons for key in ("notities", "contact") if p[key]]
    internal += [case.dossier["reden"], "0499 99 88 77"]
    assert len(internal) > 10
    for value in internal:
        assert value not in text, value
    # And the columns the schema calls internal are exactly those the test covers.
    flagged = {(s.key, c.key) for s in schema.TABLES for c in s.columns if c.internal}
    flagged |= {("dossier", c.key) for c in schema.DOSSIER.fields if c.internal}
    assert flagged == {("personen", "contact"), ("personen", "notities"), ("netwerkberaad", "notitie"),
                       ("dossier", "reden"), ("veiligheidsnetwerk", "telefoon")}


def test_the_plan_holds_goals_child_words_version_and_house_style(plan, case) -> None:
    doc = Document(str(plan))
    assert doc.paragraphs[0].text == "Veiligheidsplan" and doc.paragraphs[0].style.name == "Title"
    assert doc.core_properties.title == "Veiligheidsplan versie 2"
    assert "Dossier 2024-0917" in doc.sections[0].header.paragraphs[0].text
    assert doc.sections[0].footer.paragraphs[0].text.startswith("Vertrouwelijk")
    goals = rows(table_with(doc, "Wie maakt zich zorgen, en waarover"))
    assert len(goals) == 3
    for row, goal in zip(goals[1:], case.safety_goals, strict=True):
        assert goal["zorg"] in row[0] and goal["bezorgd"] in row[0]
        assert row[1] == goal["gevolg"] and goal["doel"] in row[2] and goal["hoe_lang"] in row[2]
    assert [r[3] for r in goals[1:]] == ["7 op 10 (beraad B3, 20 maart 2025)"] * 2
    houses = rows(table_with(doc, "Wie"))
    [words] = [r for r in case.plan_versions if r["versie"] == 2]
    assert houses[1] == ["Zoë Van den Broeck", words["huis_zorgen"], words["huis_goed"], words["huis_dromen"]]
    assert f"Versie 2, afgesproken op {long_date(dt.date(2025, 3, 20))}" in "\n".join(p.text for p in doc.paragraphs)


@ooxml.group
def test_the_plan_passes_the_open_xml_validator(plan) -> None:
    assert ooxml.errors(plan) == {str(plan): []}


def test_the_command_line_writes_the_plan_and_says_where(tmp_path: Path, workbook, capsys) -> None:
    ran = werkboek(capsys, "veiligheidsplan", str(workbook), "-o", str(tmp_path))
    assert ran.returncode == 0, ran.stderr
    [made] = tmp_path.glob("Veiligheidsplan *.docx")
    assert ran.stdout.strip() == f"Veiligheidsplan geschreven: {made}"


# --- the scales in the meeting report and the final evaluation ---------------------------------------


@pytest.fixture(scope="module")
def reports_made(workbook) -> tuple[Path, Path, Path]:
    """The report of the second meeting, of the last, and the final evaluation."""
    return (api.verslag(workbook, beraad="B2").pad, api.verslag(workbook).pad, api.eindevaluatie(workbook).pad)


def scales_in_sheet(workbook: Path) -> dict[str, list[tuple[str, int]]]:
    """Schaalvragen as calamine reads it: per safety goal entry, (meeting entry, agreed score) in sheet order."""
    grid = sheet_rows(workbook, "Schaalvragen")
    head = grid[0]
    out: dict[str, list[tuple[str, int]]] = {}
    for row in grid[1:]:
        if row[head.index("Score samen")] != "":
            goal = str(row[head.index("Veiligheidsdoel")]).split(" – ")[0]
            meeting = str(row[head.index("Beraad")]).split(" – ")[0]
            out.setdefault(goal, []).append((meeting, int(row[head.index("Score samen")])))
    return out


def test_the_reports_scales_match_the_workbook(reports_made, workbook) -> None:
    in_sheet = scales_in_sheet(workbook)
    assert in_sheet == {"V1": [("B1", 3), ("B2", 5), ("B3", 7)], "V2": [("B1", 4), ("B2", 5), ("B3", 7)]}
    second, last, evaluation = (Document(str(p)) for p in reports_made)
    for doc, upto in ((second, 2), (last, 3)):
        table = rows(table_with(doc, "Veiligheidsdoel"))
        assert table[0] == ["Veiligheidsdoel", "Eerste score", "Nu", "Verloop"]
        for row, (goal, points) in zip(table[1:], in_sheet.items(), strict=True):
            seen = points[:upto]
            assert row[0].startswith(f"{goal} – ")
            assert row[1] == f"{seen[0][1]} ({seen[0][0]})" and row[2] == f"{seen[-1][1]} ({seen[-1][0]})"
            assert row[3] == " → ".join(str(s) for _, s in seen)
    table = rows(table_with(evaluation, "Veiligheidsdoel"))
    assert table[0] == ["Veiligheidsdoel", "Start", "Einde", "Verschil"]
    for row, points in zip(table[1:], in_sheet.values(), strict=True):
        assert row[1:] == [f"{points[0][1]} ({points[0][0]})", f"{points[-1][1]} ({points[-1][0]})",
                           f"+{points[-1][1] - points[0][1]}"]
    summary = "\n".join(p.text for p in evaluation.paragraphs)
    assert "De veiligheidsschalen veranderden gemiddeld met +3,5 punten." in summary


def test_the_reports_show_the_chart_of_the_scales(reports_made, workbook) -> None:
    from werkboek.pictures import scales_png

    case = read_case(workbook)
    chart = scales_png(case, dt.date(2024, 12, 12))
    assert chart is not None and chart == scales_png(case, dt.date(2024, 12, 12))  # deterministic
    assert chart != scales_png(case)  # the second meeting's chart stops at that meeting
    second, last, evaluation = reports_made
    with zipfile.ZipFile(second) as z:
        images = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert chart in images
    with zipfile.ZipFile(evaluation) as z:
        assert scales_png(case) in [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    assert len(Document(str(last)).inline_shapes) == 2  # the circles and the scales


def test_reports_of_a_case_without_safety_goals_have_no_scales_section(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "Demo-v2.xlsm", tmp_path / "oud.xlsm")
    for made in (api.verslag(tmp_path / "oud.xlsm").pad, api.eindevaluatie(tmp_path / "oud.xlsm").pad):
        doc = Document(str(made))
        assert not [t for t in doc.tables if t.rows[0].cells[0].text == "Veiligheidsdoel"]
        assert "veiligheidsschalen" not in "\n".join(p.text for p in doc.paragraphs).casefold()


@ooxml.group
def test_the_reports_with_scales_pass_the_open_xml_validator(reports_made) -> None:
    assert ooxml.errors(*reports_made) == {str(p): [] for p in reports_made}


def test_a_staff_copy_of_the_plan_template_is_checked_as_a_plan(tmp_path: Path) -> None:
    from werkboek.reports.output import TEMPLATE_DIR

    own = shutil.copy(TEMPLATE_DIR / "veiligheidsplan.docx", tmp_path / "ons veiligheidsplan.docx")
    result = api.sjabloon_controleer(own)
    assert result.kind == "veiligheidsplan" and result.ok, (result.unknown, result.error)


# --- the yearly figures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def yearly(tmp_path_factory):
    from werkboek.demo import team_cases

    folder = tmp_path_factory.mktemp("team")
    cases = team_cases()
    for c in cases:
        build(folder / f"{c.label}.xlsm", c)
    out = tmp_path_factory.mktemp("uit")
    return cases, api.jaarcijfers([folder], uit=out / "Jaarcijfers.xlsx", voortgang=False, export_csv=out / "egor")


def test_the_yearly_safety_figures_match_the_cases(yearly) -> None:
    cases, outcome = yearly
    rows = sheet_rows(outcome.werkmap, "Overzicht")
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Kerncijfer", "Waarde"])
    got = {r[0]: r[1] for r in rows[start + 1:] if r and r[0]}
    # Counted by hand from the tables, not through figures.py.
    with_plan = [c for c in cases if any(r["afspraak"] for r in c.safety_rules)]
    carried = [(r, {str(p.id) for p in c.persons if p["sector"] != "professioneel"})
               for c in with_plan for r in c.safety_rules if r["wie"]]
    by_case = [(c, [s for s in c.scales if s["score"] is not None]) for c in with_plan]
    changes = []
    for c, scored in by_case:
        for g in c.safety_goals:
            pts = [s["score"] for s in sorted((s for s in scored if s["doel"] == g.id),
                                               key=lambda s: c.by_id("netwerkberaad")[s["beraad"]]["datum"])]
            if len(pts) >= 2:
                changes.append(pts[-1] - pts[0])
    assert 10 <= len(with_plan) < len(cases)
    assert got["Dossiers met een veiligheidsplan"] == len(with_plan)
    # Published rounded: shares to a whole percent, means to one decimal.
    assert got["Dossiers met een veiligheidsplan (aandeel)"] == round(len(with_plan) / len(cases), 2)
    assert got["Afspraken in veiligheidsplannen"] == len(carried)
    share = sum(any(p in informal for p in r["wie"]) for r, informal in carried) / len(carried)
    assert got["Afspraken van het veiligheidsplan gedragen door het informele netwerk"] == round(share, 2)
    assert got["Verschil op de veiligheidsschalen (gemiddeld)"] == round(sum(changes) / len(changes), 1)


def test_the_yearly_safety_figures_are_suppressed_below_ten_cases(tmp_path: Path) -> None:
    from werkboek.demo import team_cases

    few = [c for c in team_cases() if c.safety_rules][:4]
    for c in few:
        build(tmp_path / f"{c.label}.xlsm", c)
    outcome = api.jaarcijfers([tmp_path], uit=tmp_path / "uit.xlsx", voortgang=False)
    rows = sheet_rows(outcome.werkmap, "Overzicht")
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Kerncijfer", "Waarde"])
    got = {r[0]: r[1] for r in rows[start + 1:] if r and r[0]}
    assert got["Dossiers met een veiligheidsplan"] == "<5"
    for label in ("Dossiers met een veiligheidsplan (aandeel)",
                  "Afspraken van het veiligheidsplan gedragen door het informele netwerk",
                  "Verschil op de veiligheidsschalen (gemiddeld)"):
        assert got[label] == "n<10", label


def test_no_yearly_output_holds_the_safety_plans_texts_or_numbers(yearly) -> None:
    cases, outcome = yearly
    secrets = {str(rec.get(c.key)) for case in cases for sheet in schema.SAFETY_TABLES
               for rec in case.tables[sheet.key] for c in sheet.columns if c.identifying and rec.get(c.key)}
    # A single lowercase word ("altijd") is ordinary Dutch that werkboek's own explanations use too.
    secrets = {s for s in secrets if not (s.isalpha() and s.islower())}
    assert len(secrets) > 50 and any(s.startswith("04") for s in secrets)  # phone numbers among them
    texts = {}
    for path in (outcome.werkmap, outcome.verslag):
        with zipfile.ZipFile(path) as zf:
            texts |= {f"{path.name}:{n}": zf.read(n).decode("utf-8", "replace") for n in zf.namelist()}
    for path in outcome.export.iterdir():
        texts[path.name] = path.read_text(encoding="utf-8-sig")
    assert [(s, w) for w, t in texts.items() for s in secrets if s in t] == []
