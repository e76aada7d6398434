"""The Excel face, driven through xlwings' remote engine with books made from real built workbooks.

The remote engine (xlwings PRO, free for noncommercial use, only ever imported by tests) takes the
sheets' values as a JSON payload and queues every write as an action; the tests assert on those
actions: what lands on the Controle sheet, which cells get marked or unmarked, and that nothing is
written outside werkboek's own areas.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.readers import docx_text
from tests.xlremote import alerts, coords, payload, remote_xlwings
from werkboek import excel
from werkboek.checks import check
from werkboek.dutch import long_date
from werkboek.reports import latest_meeting
from werkboek.workbook import builder, schema, xlsx
from werkboek.workbook.model import Case, Invalid
from werkboek.workbook.reader import parse_grids, read_case

SHEETS = schema.SHEET_ORDER


@pytest.fixture
def xw(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    return remote_xlwings()


# --- reading what the book was asked to do -----------------------------------------------------


def ref_of(action: dict) -> str:
    """The top-left cell an action touches, as 'Blad!A1'."""
    return f"{SHEETS[action['sheet_position']]}!{schema.col_letter(action['start_column'])}{action['start_row'] + 1}"


def actions(book: Any, func: str | None = None, sheet: str | None = None) -> list[dict]:
    found = book.json()["actions"]
    return [a for a in found if (func is None or a["func"] == func)
            and (sheet is None or a["sheet_position"] == SHEETS.index(sheet))]


def assert_only_own_areas(book: Any, markable: set[str]) -> None:
    """Every write is in werkboek's areas; fills only on cells a finding or an old mark names."""
    status_row, status_col = coords(schema.STATUS_CELL)
    for a in book.json()["actions"]:
        if a["func"] in ("alert", "activateSheet"):
            continue
        sheet = SHEETS[a["sheet_position"]]
        last_col = a["start_column"] + a["column_count"] - 1
        if a["func"] == "setRangeColor":
            assert (a["row_count"], a["column_count"]) == (1, 1) and ref_of(a) in markable, a
        elif sheet == schema.CHECK_SHEET:
            assert a["func"] in ("setValues", "rangeClearContents") and a["start_row"] >= 1 and last_col <= 5, a
        elif sheet == schema.PICKER_SHEET:
            assert a["func"] in ("setValues", "rangeClearContents") and a["start_column"] == schema.MARKS_COLUMN
            assert last_col <= schema.MARKS_COLUMN + 1, a
        else:
            assert a["func"] == "setValues" and sheet == schema.DOSSIER.name, a
            assert ((a["start_row"], a["start_column"], a["row_count"], a["column_count"])
                    == (status_row, status_col, 1, 1)), a


def status(book: Any) -> str:
    [a] = actions(book, "setValues", schema.DOSSIER.name)
    return a["values"][0][0]


# --- workbooks -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case with an unknown action owner, a score that is not a number, no start date (errors)
    and a relation entered twice (a warning)."""
    from werkboek.demo import demo_case

    case: Case = copy.deepcopy(demo_case())
    case.actions[2].values["wie"] = "P99"
    case.goals[0].values["score_start"] = Invalid("elf", schema.SCORE)
    case.dossier.values["startdatum"] = None
    case.relations.append(copy.deepcopy(case.relations[0]))
    return builder.build(tmp_path_factory.mktemp("broken") / "Netwerkkaart-fout.xlsm", case)


# --- reading ---------------------------------------------------------------------------------


def test_live_book_parses_to_the_same_case_as_the_file(xw: Any, demo_path: Path) -> None:
    book = xw.Book(json=payload(xw, demo_path))
    assert parse_grids(excel.book.read_grids(book)) == read_case(demo_path)


def test_a_used_range_below_a1_keeps_every_cell_in_its_place(xw: Any, demo_path: Path) -> None:
    data = payload(xw, demo_path)
    dossier = next(s for s in data["sheets"] if s["name"] == schema.DOSSIER.name)
    dossier["used_range_address"] = f"$A$2:$F${len(dossier['values'])}"  # Excel: row 1 empty
    grids = excel.book.read_grids(xw.Book(json=data))
    assert grids[schema.DOSSIER.name][0] == []
    case, expected = parse_grids(grids), read_case(demo_path)
    assert case.dossier == expected.dossier
    assert case.dossier.cells == expected.dossier.cells


def test_sheets_renamed_only_in_case_are_read_and_marked(xw: Any, broken: Path) -> None:
    """Excel ignores case in sheet names; the book's own names are used to mark and write."""
    data = payload(xw, broken)
    for s in data["sheets"]:
        if s["name"] in ("Acties", "Controle", "Keuzes"):
            s["name"] = s["name"].lower()
    book = xw.Book(json=data)
    assert parse_grids(excel.book.read_grids(book)) == read_case(broken)
    excel.controleer(book)
    marks = {ref_of(a) for a in actions(book, "setRangeColor")}
    assert "Acties!D4" in marks  # on the sheet now called "acties" (actions name sheets by position)
    assert actions(book, "setValues", schema.CHECK_SHEET) and actions(book, "setValues", schema.PICKER_SHEET)
    assert "Controle klaar" in alerts(book)[0]


def test_a_book_that_is_no_netwerkkaart_gets_a_dutch_message(xw: Any, demo_path: Path) -> None:
    data = payload(xw, demo_path)
    data["sheets"] = [s for s in data["sheets"] if s["name"] != "Acties"]
    book = xw.Book(json=data)
    excel.controleer(book)
    assert "de bladen Acties ontbreken" in alerts(book)[0]
    assert status(book).startswith("Mislukt:")


# --- checking --------------------------------------------------------------------------------


def test_controleer_lists_findings_with_links_marks_cells_and_says_so(xw: Any, broken: Path) -> None:
    findings = check(read_case(broken))
    assert {f.ref for f in findings if f.is_error} == {"Dossier!B14", "Acties!D4", "Doelen!D2"}
    assert any(not f.is_error and f.sheet == "Relaties" for f in findings)
    book = xw.Book(json=payload(xw, broken))
    excel.controleer(book)

    [rows] = actions(book, "setValues", schema.CHECK_SHEET)
    assert (rows["start_row"], rows["start_column"]) == (1, 0)
    assert [r[:2] for r in rows["values"]] == [[f.severity, f.sheet] for f in findings]
    for row, f in zip(rows["values"], findings, strict=True):
        assert row[2] == f'=HYPERLINK("{f.link}","{f.cell}")' if f.cell else row[2] == ""
        assert row[5] == f.code and row[4] == f.fix
        assert row[3] == excel.book.as_text(f"{f.label}: {f.message}" if f.label else f.message)

    marks = {ref_of(a): a["args"][0] for a in actions(book, "setRangeColor")}
    expected = {}
    for f in findings:
        if f.cell and (f.is_error or f.ref not in expected):
            expected[f.ref] = excel.book.ERROR_FILL if f.is_error else excel.book.WARNING_FILL
    assert marks == expected
    assert {"Acties!D4", "Doelen!D2", "Dossier!B14"} <= set(marks)
    assert excel.book.WARNING_FILL in marks.values()

    [record] = actions(book, "setValues", schema.PICKER_SHEET)
    assert record["values"][0] == list(schema.MARKS_HEADER)
    before = dict(record["values"][1:])
    assert set(before) == set(expected)
    assert before["Dossier!B14"] == xlsx.INPUT_FILL and before["Acties!D4"] == ""

    assert status(book).startswith("Controle: ") and "zie blad Controle" in status(book)
    assert "Controle klaar" in alerts(book)[0]
    assert_only_own_areas(book, set(expected))


def test_a_second_check_clears_only_werkboeks_old_marks(xw: Any, broken: Path) -> None:
    findings = check(read_case(broken))
    flagged = findings[0].ref
    old = {"Personen!C3": "", "Dossier!B5": xlsx.INPUT_FILL, flagged: "#00B050"}
    cells = {"Keuzes!H1": schema.MARKS_HEADER[0], "Keuzes!I1": schema.MARKS_HEADER[1]}
    for i, (ref, before) in enumerate(old.items(), start=2):
        cells[f"Keuzes!H{i}"], cells[f"Keuzes!I{i}"] = ref, before
    for r in range(2, 60):  # a longer list from an earlier check
        cells[f"Controle!A{r}"], cells[f"Controle!D{r}"] = "fout", f"oude melding {r}"
    book = xw.Book(json=payload(xw, broken, cells=cells))
    excel.controleer(book)

    colours = {ref_of(a): a["args"][0] for a in actions(book, "setRangeColor")}
    assert len(colours) == len(actions(book, "setRangeColor"))  # each cell painted once
    assert colours["Personen!C3"] is None  # no fill before werkboek marked it
    assert colours["Dossier!B5"] == xlsx.INPUT_FILL  # the yellow input cell gets its yellow back
    assert colours[flagged] == excel.book.ERROR_FILL
    record = dict(actions(book, "setValues", schema.PICKER_SHEET)[0]["values"][1:])
    assert record[flagged] == "#00B050"  # still wrong: remembers the worker's colour for later
    assert "Personen!C3" not in record

    [cleared] = actions(book, "rangeClearContents", schema.CHECK_SHEET)
    assert cleared["start_row"] == len(findings) + 1 and cleared["start_row"] + cleared["row_count"] == 59
    assert_only_own_areas(book, {f.ref for f in findings} | set(old))


def test_a_clean_workbook_says_so_and_unmarks_everything(xw: Any, demo_path: Path) -> None:
    cells = {"Keuzes!H1": schema.MARKS_HEADER[0], "Keuzes!H2": "Acties!D4", "Keuzes!I2": "",
             "Controle!A2": "fout", "Controle!A3": "fout"}
    book = xw.Book(json=payload(xw, demo_path, cells=cells))
    excel.controleer(book)
    [rows] = actions(book, "setValues", schema.CHECK_SHEET)
    assert len(rows["values"]) == 1 and rows["values"][0][3].startswith("Geen fouten of waarschuwingen")
    assert [(ref_of(a), a["args"][0]) for a in actions(book, "setRangeColor")] == [("Acties!D4", None)]
    assert status(book).startswith("Controle: in orde")
    assert_only_own_areas(book, {"Acties!D4"})


def test_text_that_looks_like_a_formula_stays_text() -> None:
    assert excel.book.as_text("=1+1") == "'=1+1"
    assert excel.book.as_text("@home") == "'@home"
    assert excel.book.as_text("Acties") == "Acties"
    assert excel.book.as_text("'Startdatum' is niet ingevuld.") == "''Startdatum' is niet ingevuld."  # keeps its quote
    assert excel.book._hyperlink("#'Acties'!D7", 'D"7') == '=HYPERLINK("#\'Acties\'!D7","D""7")'


def test_an_unexpected_error_is_a_dutch_message_with_a_log(xw: Any, demo_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    def fail(grids: Any) -> Case:
        raise RuntimeError("kapot")

    monkeypatch.setattr(excel, "parse_grids", fail)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.delenv("WERKBOEK_DEBUG", raising=False)
    book = xw.Book(json=payload(xw, demo_path))
    excel.controleer(book)
    [message] = alerts(book)
    assert "Onverwachte fout in werkboek (RuntimeError: kapot)" in message
    assert "RuntimeError: kapot" in (tmp_path / "werkboek-excel-fout.log").read_text(encoding="utf-8")


# --- reports ---------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's home with a Documents folder (where reports of unsaved books go), and a temp
    folder of its own: pytest's tmp_path itself lies in the system's temp folder."""
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "temp"))
    return tmp_path / "home"


def test_meeting_report_lands_beside_a_saved_workbook(xw: Any, demo_path: Path, tmp_path: Path, home: Path) -> None:
    saved = shutil.copy(demo_path, tmp_path / "Netwerkkaart-demo.xlsm")
    case = read_case(demo_path)
    first = case.meetings[0]
    assert first is not latest_meeting(case)
    choice = {f"Dossier!{schema.MEETING_CHOICE_CELL}": f"{first.id} – {first.get('datum'):%d/%m/%Y}"}
    book = xw.Book(json=payload(xw, saved, name=str(saved), cells=choice))
    out = excel.verslag_netwerkberaad(book)
    assert out is not None and out.parent == tmp_path and out.exists()
    assert f" {first.id} " in out.name
    assert long_date(first.get("datum")) in docx_text(out)
    assert str(out) in status(book)
    assert alerts(book) == [f"Het verslag van beraad {first.id} is gemaakt:\n{out}"]
    assert_only_own_areas(book, set())

    again = excel.verslag_netwerkberaad(xw.Book(json=payload(xw, saved, name=str(saved), cells=choice)))
    assert again == out.with_name(f"{out.stem} (2).docx") and out.exists()  # never overwrites


def test_report_of_an_unsaved_book_goes_to_documents_and_says_where(xw: Any, demo_path: Path, home: Path) -> None:
    book = xw.Book(json=payload(xw, demo_path, name="Map1"))
    out = excel.eindevaluatie(book)
    assert out is not None and out.parent == home / "Documents" and out.exists()
    assert "Eindevaluatie" in docx_text(out)
    [message] = alerts(book)
    assert message.startswith("De eindevaluatie staat in je map Documenten") and str(out) in message


def test_the_safety_plan_button_writes_the_latest_version_beside_the_book(xw: Any, demo_path: Path,
                                                                         tmp_path: Path, home: Path) -> None:
    saved = tmp_path / "Netwerkkaart.xlsm"
    shutil.copy(demo_path, saved)
    book = xw.Book(json=payload(xw, saved, name=str(saved)))
    out = excel.veiligheidsplan(book)
    assert out is not None and out.parent == tmp_path and out.name.startswith("Veiligheidsplan 2024-0917 versie 2 ")
    text = docx_text(out)
    assert "Veiligheidsplan" in text and "0471 20 30 40" in text
    assert alerts(book) == [f"Het veiligheidsplan (versie 2) is gemaakt:\n{out}"]
    assert_only_own_areas(book, set())
    again = excel.veiligheidsplan(xw.Book(json=payload(xw, saved, name=str(saved))))
    assert again == out.with_name(f"{out.stem} (2).docx") and out.exists()  # never overwrites


def test_the_safety_plan_button_without_a_plan_says_what_to_fill(xw: Any, home: Path) -> None:
    old = Path(__file__).parent / "fixtures" / "Demo-v2.xlsm"  # template version 2: no safety sheets
    book = xw.Book(json=payload(xw, old))
    assert excel.veiligheidsplan(book) is None
    [message] = alerts(book)
    assert "er staan nog geen afspraken op het blad Veiligheidsplan" in message and "Vul eerst" in message
    assert status(book).startswith("Mislukt:")
    assert not list((home / "Documents").iterdir())


def test_latest_meeting_by_default(xw: Any, demo_path: Path, home: Path) -> None:
    case = read_case(demo_path)
    book = xw.Book(json=payload(xw, demo_path))
    latest = max(case.meetings, key=lambda m: m.get("datum"))
    out = excel.verslag_netwerkberaad(book)
    assert out is not None and f" {latest.id} " in out.name


def test_unknown_meeting_choice_is_a_dutch_message(xw: Any, demo_path: Path, home: Path) -> None:
    book = xw.Book(json=payload(xw, demo_path, cells={f"Dossier!{schema.MEETING_CHOICE_CELL}": "B99"}))
    assert excel.verslag_netwerkberaad(book) is None
    [message] = alerts(book)
    assert "geen netwerkberaad met ID 'B99'" in message and "cel F8" in message
    assert status(book).startswith("Mislukt:")
    assert not list((home / "Documents").iterdir())


def test_errors_block_a_report_and_show_the_findings(xw: Any, broken: Path, home: Path) -> None:
    book = xw.Book(json=payload(xw, broken))
    assert excel.eindevaluatie(book) is None
    assert alerts(book)[0].startswith("De eindevaluatie is niet gemaakt: de controle vond 3 fouten")
    assert len(actions(book, "setValues", schema.CHECK_SHEET)[0]["values"]) == len(check(read_case(broken)))
    assert actions(book, "setRangeColor")
    assert not list((home / "Documents").iterdir())


# --- where reports go ------------------------------------------------------------------------


def test_report_folder_beside_only_a_saved_writable_workbook(tmp_path: Path, home: Path) -> None:
    work = tmp_path / "dossiers"
    work.mkdir()
    saved = work / "Netwerkkaart.xlsm"
    saved.write_bytes(b"x")
    docs = home / "Documents"
    assert excel.report_folder(str(saved)) == (work, True)
    assert excel.report_folder(str(saved), read_only=True) == (docs, False)
    assert excel.report_folder("Map1") == (docs, False)
    assert excel.report_folder("https://org.sharepoint.com/sites/team/Netwerkkaart.xlsm") == (docs, False)
    outlook = tmp_path / "AppData" / "INetCache" / "Content.Outlook" / "X1Y2"
    outlook.mkdir(parents=True)
    (outlook / "Netwerkkaart.xlsm").write_bytes(b"x")
    assert excel.report_folder(str(outlook / "Netwerkkaart.xlsm")) == (docs, False)
    temp = tmp_path / "temp" / "bijlage"
    temp.mkdir(parents=True)
    (temp / "Netwerkkaart.xlsm").write_bytes(b"x")
    assert excel.report_folder(str(temp / "Netwerkkaart.xlsm")) == (docs, False)
    saved.chmod(0o444)
    try:
        if not os.access(saved, os.W_OK):  # root may write anyway
            assert excel.report_folder(str(saved)) == (docs, False)
    finally:
        saved.chmod(0o644)


def test_without_the_hidden_sheet_findings_are_listed_but_no_cell_is_marked(xw: Any, broken: Path) -> None:
    data = payload(xw, broken)
    data["sheets"] = [s for s in data["sheets"] if s["name"] != schema.PICKER_SHEET]
    book = xw.Book(json=data)
    excel.controleer(book)
    assert actions(book, "setValues", schema.CHECK_SHEET)
    assert not actions(book, "setRangeColor")
    assert status(book).startswith("Controle: ")


def test_a_failing_coordinator_button_says_so_in_its_own_status_cell(xw: Any, tmp_path: Path) -> None:
    from werkboek.yearly import coordinator_book as coordinator

    path = coordinator.build(tmp_path / "Jaarcijfers.xlsm")
    book = xw.Book(json=payload(xw, path, name="Jaarcijfers.xlsm"))
    assert excel.jaarcijfers(book) is None  # no folder chosen
    [write] = book.json()["actions"][:1]
    assert write["func"] == "setValues" and write["values"][0][0].startswith("Mislukt: Er is nog geen map gekozen.")
    row, col = coords(coordinator.STATUS_CELL)
    assert (write["start_row"], write["start_column"], write["sheet_position"]) == (row, col, 0)


def test_importing_the_excel_face_loads_no_heavy_library() -> None:
    import subprocess
    import sys

    code = ("import sys, werkboek.excel; "
            "print(sorted({'xlwings', 'pandas', 'matplotlib', 'docxtpl'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_fill_a_marked_cell_had_is_known_where_excel_cannot_say() -> None:
    """The yellow of the builder's input cells, remembered when a mark goes on where the remote
    engine cannot read a colour: the dossier form and the circle grid's measurement cells."""
    fill = excel.book._template_fill
    assert [fill(r) for r in ("Dossier!B5", "Cirkels!E7", "Cirkels!E1", "Cirkels!AB300")] == [xlsx.INPUT_FILL] * 4
    assert [fill(r) for r in ("Cirkels!D7", "Cirkels!E4", "Cirkels!A5", "Acties!B2", "Dossier!C5")] == [None] * 5
