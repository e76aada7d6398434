"""The built Netwerkkaart.xlsm: structure seen by independent readers, determinism, validity."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import python_calamine

from tests import ooxml
from tests.readers import parts
from werkboek.workbook import builder, schema, xlsx

ROOT = Path(__file__).resolve().parent.parent


def test_committed_workbook_is_exactly_a_fresh_build(template_path: Path) -> None:
    committed, fresh = parts(ROOT / "Netwerkkaart.xlsm"), parts(template_path)
    assert sorted(committed) == sorted(fresh)
    for name in fresh:
        assert committed[name] == fresh[name], (f"{name} differs: rebuild with "
                                                "'werkboek nieuw Netwerkkaart.xlsm --overschrijf'")


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
        assert list(ws.tables) == [sheet.table]
        table = ws.tables[sheet.table]
        assert [c.name for c in table.tableColumns] == [c.header for c in sheet.columns]
        assert ws.freeze_panes in ("B2", "C2")
        validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
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
    dossier = wb[schema.DOSSIER.name]
    cells = {str(dv.sqref) for dv in dossier.data_validations.dataValidation}
    for f in schema.DOSSIER.fields:
        assert f"B{schema.DOSSIER.row_of(f.key)}" in cells
    assert dossier.page_setup.paperSize == 9
    names = set(wb.defined_names)
    assert {f"lijst_{lst.key}" for lst in schema.LISTS} <= names
    assert {p.name for p in schema.PICKERS.values()} <= names


def test_no_formula_a_worker_can_type_over(template_path: Path) -> None:
    wb = openpyxl.load_workbook(template_path, keep_vba=True)
    for ws in wb.worksheets:
        if ws.title == schema.PICKER_SHEET:
            continue
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"


def test_calamine_reads_lists_and_version_marker(template_path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(template_path))
    lists = book.get_sheet_by_name(schema.LISTS_SHEET).to_python()
    assert [lst.name for lst in schema.LISTS] == lists[0][: len(schema.LISTS)]
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


@ooxml.group
def test_open_xml_validator_accepts_the_workbook(template_path: Path, demo_path: Path) -> None:
    assert ooxml.errors(template_path, demo_path) == {str(template_path): [], str(demo_path): []}
