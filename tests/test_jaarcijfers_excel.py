"""Jaarcijfers from Excel: the coordinator workbook with its buttons, and the button's Python side
driven through xlwings' remote engine (no Excel needed)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests import ooxml
from tests.builders import YEAR, make_case, team_specs
from tests.readers import sheet_rows
from tests.xlremote import alerts, payload, put, remote_xlwings
from werkboek import cli, excel
from werkboek.workbook.builder import build
from werkboek.yearly import coordinator_book as coordinator


@pytest.fixture(scope="module")
def book_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("coord") / "Jaarcijfers.xlsm"
    assert cli.main(["jaarcijfers-werkmap", str(path)]) == 0
    return path


@pytest.fixture
def xw(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    return remote_xlwings()


@ooxml.group
def test_the_workbook_has_the_buttons_and_their_macros(book_path: Path) -> None:
    from oletools.olevba import VBA_Parser

    vba = VBA_Parser(str(book_path))
    modules = {name: code for (_, _, name, code) in vba.extract_macros()}
    code = modules["Jaarcijfers.bas"]
    with zipfile.ZipFile(book_path) as zf:
        drawing = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".vml"))
        types = zf.read("[Content_Types].xml").decode()
    for macro, caption, *_ in coordinator.BUTTONS:
        assert f"Public Sub {macro}()" in code and f"[0]!{macro}" in drawing and caption in drawing
    assert "macroEnabled.main+xml" in types
    # The only Python the macros run are these fixed texts: nothing from a cell goes into them.
    assert re.findall(r'RunPython", (\w+)', code) == ["opdracht"]
    assert re.findall(r'StartPython (".*")', code) == ['"import werkboek.excel; werkboek.excel.sleutel_maken()"',
                                                       '"import werkboek.excel; werkboek.excel.jaarcijfers()"']
    assert re.findall(r"Private Sub StartPython\(ByVal (\w+) As String\)", code) == ["opdracht"]
    # The pickers write exactly the cells Python reads.
    key = coordinator.cell_of("sleutel")
    assert re.findall(r'Zet "(B\d+)"', code) == [coordinator.cell_of("map"), key, key]
    assert ooxml.errors(book_path) == {str(book_path): []}


def test_the_button_makes_the_yearly_figures_from_the_sheet(xw: Any, book_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    for s in team_specs()[:2]:
        build(folder / f"w{s.i}.xlsm", make_case(s))
    data = payload(xw, book_path, name="Jaarcijfers.xlsm")
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('map')}", str(folder))
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('jaar')}", float(YEAR))
    book = xw.Book(json=data)
    out = excel.jaarcijfers(book)
    assert out == tmp_path / f"Jaarcijfers {YEAR}.xlsx" and out.with_suffix(".docx").is_file()
    assert {r[0]: r[1] for r in sheet_rows(out, "Overzicht") if r and r[0]}["Dossiers"] == "<5"
    assert out.with_name(f"Jaarcijfers {YEAR} - coördinator.xlsx").is_file()
    acts = book.json()["actions"]
    *progress, status = [a["values"][0][0] for a in acts if a["func"] == "setValues"]
    assert status.startswith(f"Jaarcijfers {YEAR} gemaakt: {out}")
    # While it reads, the status cell shows how far it is (the status bar too, in real Excel).
    assert progress and progress[-1] == "Jaarcijfers maken: 2 van 2 werkmappen gelezen ..."
    [alert] = [a["args"][0] for a in acts if a["func"] == "alert"]
    assert str(out) in alert and "zonder sleutelbestand" in alert and "Kies sleutel" in alert
    assert "niet doorgeven" in alert
    # A second click never overwrites: a new name.
    assert excel.jaarcijfers(xw.Book(json=data)) == tmp_path / f"Jaarcijfers {YEAR} (2).xlsx"
    # Nor over a coordinator file left from another run.
    (tmp_path / f"Jaarcijfers {YEAR} (3) - coördinator.xlsx").write_bytes(b"")
    assert excel.jaarcijfers(xw.Book(json=data)) == tmp_path / f"Jaarcijfers {YEAR} (4).xlsx"


def test_the_button_says_in_dutch_what_is_missing(xw: Any, book_path: Path, tmp_path: Path) -> None:
    book = xw.Book(json=payload(xw, book_path, name="Jaarcijfers.xlsm"))
    assert excel.jaarcijfers(book) is None
    [alert] = alerts(book)
    assert "nog geen map gekozen" in alert
    data = payload(xw, book_path, name="Jaarcijfers.xlsm")
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('map')}", str(tmp_path))
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('jaar')}", "vorig jaar")
    book = xw.Book(json=data)
    assert excel.jaarcijfers(book) is None
    [alert] = alerts(book)
    assert "'vorig jaar' is geen geheel getal" in alert


def pixels(width: float) -> int:
    """A column's width in pixels at 100 % zoom, as Excel computes it for Calibri 11 (8.43 -> 64)."""
    return int(width * 12 + 0.5) if width < 1 else int(width * 7 + 0.5) + 5


def test_the_buttons_are_seen_on_a_1280_pixel_laptop(book_path: Path) -> None:
    """Excel maximised on a 1280 x 768 laptop shows about 1,210 pixels of columns (row numbers,
    scroll bar and borders take the rest), and about 970 at Windows' usual 125 % display scaling
    (1,024 pixels wide); below ribbon and formula bar about 450 pixels of rows."""
    import openpyxl

    ws = openpyxl.load_workbook(book_path)[coordinator.SHEET]
    col_px = [pixels(ws.column_dimensions[chr(65 + c)].width or 8.43) for c in range(10)]
    row_px = [round((ws.row_dimensions[r + 1].height or 15) * 4 / 3) for r in range(30)]
    with zipfile.ZipFile(book_path) as zf:
        vml = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".vml"))
    shapes = re.findall(r"<x:Anchor>([\d,\s]+)</x:Anchor>.*?<x:FmlaMacro>\[0\]!(\w+)<", vml, re.S)
    anchors = {macro: [int(v) for v in anchor.split(",")] for anchor, macro in shapes}
    assert set(anchors) == {b[0] for b in coordinator.BUTTONS}
    for macro, (_, _, _, _, right_col, right_dx, bottom_row, bottom_dy) in anchors.items():
        right = sum(col_px[:right_col]) + right_dx
        bottom = sum(row_px[:bottom_row]) + bottom_dy
        assert right <= 970 and bottom <= 450, (macro, right, bottom)
    # The main button stands right below the fields, where the eye goes after filling them in.
    assert anchors["MaakJaarcijfers"][0] == 1 and anchors["MaakJaarcijfers"][2] == coordinator.MAIN_ROW - 1


def test_the_key_button_makes_a_key_where_the_dialog_chose(xw: Any, book_path: Path, tmp_path: Path) -> None:
    from werkboek.yearly.pseudonyms import load_key

    target = tmp_path / "geheim" / "team.sleutel"
    target.parent.mkdir()
    data = payload(xw, book_path, name="Jaarcijfers.xlsm")
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('sleutel')}", str(target))  # what the VBA put there
    book = xw.Book(json=data)
    assert excel.sleutel_maken(book) == target and load_key(target).from_file
    acts = book.json()["actions"]
    [status] = [a["values"][0][0] for a in acts if a["func"] == "setValues"]
    assert status.startswith(f"Nieuwe sleutel gemaakt: {target}")
    [alert] = [a["args"][0] for a in acts if a["func"] == "alert"]
    assert str(target) in alert and "buiten de teammappen" in alert
    # A second click on the same file never replaces the key (every pseudonym would change).
    before = target.read_bytes()
    again = xw.Book(json=data)
    assert excel.sleutel_maken(again) is None and target.read_bytes() == before
    [alert] = [a["args"][0] for a in again.json()["actions"] if a["func"] == "alert"]
    assert "bestaat al en wordt niet overschreven" in alert
    empty = xw.Book(json=payload(xw, book_path, name="Jaarcijfers.xlsm"))
    assert excel.sleutel_maken(empty) is None
    [alert] = [a["args"][0] for a in empty.json()["actions"] if a["func"] == "alert"]
    assert "nog geen plaats voor de sleutel" in alert
