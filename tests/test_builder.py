"""The built Netwerkkaart.xlsm: structure seen by independent readers, determinism, validity."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from tests import ooxml
from werkboek.workbook import builder, schema, xlsx

ROOT = Path(__file__).resolve().parent.parent


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_committed_workbook_is_exactly_a_fresh_build(template_path: Path) -> None:
    committed, fresh = parts(ROOT / "Netwerkkaart.xlsm"), parts(template_path)
    assert sorted(committed) == sorted(fresh)
    for name in fresh:
        assert committed[name] == fresh[name], f"{name} differs: rebuild with 'werkboek nieuw Netwerkkaart.xlsm --overschrijf'"


def test_build_is_deterministic(tmp_path: Path) -> None:
    a = builder.build(tmp_path / "a.xlsm").read_bytes()
    b = builder.build(tmp_path / "b.xlsm").read_bytes()
    assert a == b


def test_macro_enabled_with_our_vba(template_path: Path) -> None:
    p = parts(template_path)
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in p["[Content_Types].xml"]
    assert "xl/vbaProject.bin" in p
    from oletools.olevba import VBA_Parser

    vba = VBA_Parser(str(template_path))
    modules = {name: code for (_, _, name, code) in vba.extract_macros()}
    vba.close()
    for stem, code in xlsx.vba_modules().items():
        assert f"{stem}.bas" in modules
        assert "Application.Run" in code


def test_openpyxl_sees_every_table_and_validation_the_schema_declares(template_path: Path) -> None:
    wb = openpyxl.load_workbook(template_path, read_only=False, keep_vba=True)
    assert wb.sheetnames == list(schema.SHEET_ORDER)
    assert wb[schema.PICKER_SHEET].sheet_state == "veryHidden"
    for sheet in schema.TABLES:
        ws = wb[sheet.name]
        validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
        if sheet.grid is not None:
            assert list(ws.tables) == [] and ws.freeze_panes == "E5"
            assert validations["E5:S304"].type == "whole" and validations["E2:S2"].formula1 == "lijst_moment"
            continue
        assert list(ws.tables) == [sheet.table]
        table = ws.tables[sheet.table]
        assert [c.name for c in table.tableColumns] == [c.header for c in sheet.columns]
        assert table.ref == f"A1:{schema.col_letter(len(sheet.columns) - 1)}{max(1, sheet.prefilled) + 1}"
        assert ws.freeze_panes in ("B2", "C2")
        for i, col in enumerate(sheet.columns):
            letter = schema.col_letter(i)
            dv = validations[f"{letter}2:{letter}{schema.MAX_ROWS + 1}"]
            assert dv.promptTitle and dv.prompt, col.key
            if col.type == schema.CHOICE:
                assert dv.type == "list" and dv.formula1 == f"lijst_{col.list}"
            elif col.type in schema.PICKERS:
                assert dv.type == "list" and dv.formula1 == schema.PICKERS[col.type].name
            elif col.type == schema.DATE:
                assert dv.type == "date"
            elif col.type in (schema.SCORE, schema.CIRCLE, schema.YEAR):
                assert dv.type == "whole"
            elif col.type == schema.PERSONS:
                assert dv.type is None  # several names: a dropdown would refuse (or warn on) every list
    dossier = wb[schema.DOSSIER.name]
    cells = {str(dv.sqref) for dv in dossier.data_validations.dataValidation}
    for f in schema.DOSSIER.fields:
        assert f"B{schema.DOSSIER.row_of(f.key)}" in cells
    assert dossier.page_setup.paperSize == 9
    names = set(wb.defined_names)
    assert {f"lijst_{lst.key}" for lst in schema.LISTS} <= names
    assert {p.name for p in schema.PICKERS.values()} <= names


def test_ids_are_written_in_advance(template_path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(template_path))
    for sheet in schema.TABLES:
        if not sheet.id_prefix:
            continue
        rows = book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
        ids = [r[0] for r in rows[1:]]
        assert ids == [sheet.make_id(n) for n in range(1, sheet.prefilled + 1)], sheet.name
    grid = book.get_sheet_by_name(schema.CIRKELS.name).to_python(skip_empty_area=False)
    assert [r[0] for r in grid[4:]] == [schema.PERSONEN.make_id(n) for n in range(1, schema.PERSONEN.prefilled + 1)]


def test_formulas_only_where_werkboek_shows_what_another_sheet_says(template_path: Path) -> None:
    """No formula stands where a worker types, but the dates that follow a measurement's first
    date (a worker may type over those) and the names the circle grid shows from Personen."""
    wb = openpyxl.load_workbook(template_path, keep_vba=True)
    for ws in wb.worksheets:
        if ws.title == schema.PICKER_SHEET:
            continue
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                where = f"{ws.title}!{cell.coordinate}"
                assert ws.title == schema.CIRKELS.name, where
                shown = cell.column in (2, 3, 4) and cell.row >= 5
                follows = cell.row == 1 and str(cell.value).startswith('=IF(') and cell.column >= 5
                assert shown or follows, where


def test_calamine_reads_lists_and_version_marker(template_path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(template_path))
    lists = book.get_sheet_by_name(schema.LISTS_SHEET).to_python()
    assert lists[0][0].startswith("Pas de keuzelijsten hier aan")  # where it is seen: top left
    assert [lst.name for lst in schema.LISTS] == lists[schema.LISTS_HEADER_ROW - 1][: len(schema.LISTS)]
    keuzes = book.get_sheet_by_name(schema.PICKER_SHEET).to_python(skip_empty_area=False)
    assert keuzes[0][4:6] == [schema.VERSION_MARKER, schema.TEMPLATE_VERSION]


def test_buttons_call_our_macros(template_path: Path) -> None:
    vml = b"".join(v for k, v in parts(template_path).items() if k.endswith(".vml"))
    for macro in (b"Controleer", b"VerslagNetwerkberaad", b"Eindevaluatie"):
        assert b"[0]!" + macro in vml or macro in vml


def test_vba_must_fit_cp1252(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.bas").write_text('Attribute VB_Name = "bad"\nSub X()\n MsgBox "→"\nEnd Sub\n', encoding="utf-8")
    monkeypatch.setattr(xlsx, "VBA_DIR", tmp_path)
    with pytest.raises(xlsx.BuildError, match="cp1252"):
        xlsx.vba_modules()


def test_open_xml_validator_accepts_the_workbook(template_path: Path, demo_path: Path) -> None:
    assert ooxml.errors(template_path, demo_path) == {str(template_path): [], str(demo_path): []}
