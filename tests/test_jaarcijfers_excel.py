"""Jaarcijfers from Excel: the coordinator workbook with its buttons, and the button's Python side
driven through xlwings' remote engine (no Excel needed)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests import ooxml
from tests.test_jaarcijfers import YEAR, make_case, sheet_rows, team_specs
from tests.xlremote import payload, put, remote_xlwings
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


def test_the_workbook_has_the_buttons_and_their_macros(book_path: Path) -> None:
    from oletools.olevba import VBA_Parser

    vba = VBA_Parser(str(book_path))
    modules = {name: code for (_, _, name, code) in vba.extract_macros()}
    code = modules["Jaarcijfers.bas"]
    with zipfile.ZipFile(book_path) as zf:
        drawing = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".vml"))
        types = zf.read("[Content_Types].xml").decode()
    for macro, caption, _ in coordinator.BUTTONS:
        assert f"Public Sub {macro}()" in code and f"[0]!{macro}" in drawing and caption in drawing
    assert "macroEnabled.main+xml" in types
    # The only Python the macro runs is this fixed text: nothing from a cell goes into it.
    assert re.findall(r'RunPython", (".*")', code) == ['"import werkboek.excel; werkboek.excel.jaarcijfers()"']
    # The pickers write exactly the cells Python reads.
    assert re.findall(r'Zet "(B\d+)"', code) == [coordinator.cell_of("map"), coordinator.cell_of("sleutel")]
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
    [status] = [a["values"][0][0] for a in acts if a["func"] == "setValues"]
    assert status.startswith(f"Jaarcijfers {YEAR} gemaakt: {out}")
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
    [alert] = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    assert "nog geen map gekozen" in alert
    data = payload(xw, book_path, name="Jaarcijfers.xlsm")
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('map')}", str(tmp_path))
    put(data, f"{coordinator.SHEET}!{coordinator.cell_of('jaar')}", "vorig jaar")
    book = xw.Book(json=data)
    assert excel.jaarcijfers(book) is None
    [alert] = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    assert "'vorig jaar' is geen geheel getal" in alert
