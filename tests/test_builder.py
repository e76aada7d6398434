"""The built Netwerkkaart.xlsm: structure seen by independent readers, determinism, validity."""

from __future__ import annotations

import re
import zipfile
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


@ooxml.group
def test_open_xml_validator_accepts_the_workbook(template_path: Path, demo_path: Path) -> None:
    assert ooxml.errors(template_path, demo_path) == {str(template_path): [], str(demo_path): []}


# --- what a worker sees (template version 2) -------------------------------------------------------


def _sheet_xml(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as z:
        book, rels = z.read("xl/workbook.xml").decode(), z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet name="{sheet}"[^>]*r:id="(\w+)"', book).group(1)
        return z.read("xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)).decode()


def _pixels(width: float) -> int:
    return int(width * 7 + 5)  # Excel's column width in pixels (Calibri 11: 7 pixels a character)


def _text_pixels(text: str, bold: bool = True) -> float:
    """The width of `text` in DejaVu Sans 11 pt at 96 dpi: what LibreOffice shows without Calibri
    (it has no Carlito here), wider than Excel's Calibri, so what fits here fits there."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    font = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal", size=11)
    return RendererAgg(10, 10, 96).get_text_width_height_descent(text, font, ismath=False)[0]


def test_no_header_breaks_inside_a_word(template_path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(template_path))
    for sheet in schema.TABLES:
        xml = _sheet_xml(template_path, sheet.name)
        widths = {c: float(m[3]) for m in re.finditer(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml)
                  for c in range(int(m[1]), int(m[2]) + 1)}
        head = book.get_sheet_by_name(sheet.name).to_python()[3 if sheet.grid else 0]
        for i, header in enumerate(head, start=1):
            for word in str(header).split():
                assert _text_pixels(word) + 8 <= _pixels(widths[i]), (sheet.name, header, word)


def test_every_input_message_says_more_than_its_header_and_gives_an_example(template_path: Path) -> None:
    wb = openpyxl.load_workbook(template_path, keep_vba=True)
    seen = 0
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            if not dv.prompt:
                continue
            seen += 1
            where = f"{ws.title}!{dv.sqref}"
            title, prompt = dv.promptTitle or "", dv.prompt
            assert prompt.strip(". ").casefold() != title.casefold() and len(prompt) > len(title) + 15, where
            assert "bv." in prompt.casefold() or " of " in prompt or re.search(r"\d", prompt), where
            sentences = [s.strip() for s in re.split(r"(?<=\.)\s+", prompt) if s.strip()]
            assert len(sentences) == len(set(sentences)), where  # no sentence twice ("Datum als dd/mm/jjjj")
            assert len(prompt) <= 255 and len(title) <= 32, where
    assert seen >= len(schema.DOSSIER.fields) + sum(len(s.columns) for s in schema.TABLES)


def test_required_headers_and_labels_are_marked(template_path: Path) -> None:
    wb = openpyxl.load_workbook(template_path, keep_vba=True)
    for sheet in schema.TABLES:
        ws = wb[sheet.name]
        row = 4 if sheet.grid else 1
        heads = {c.value: c for c in ws[row] if c.value}
        columns = [sheet.column(sheet.grid.key)] if sheet.grid else list(sheet.columns)
        for col in columns:
            fill = heads[col.header].fill.fgColor.rgb
            assert (fill == "FF1F4E79") == col.required, (sheet.name, col.header, fill)
    dossier = wb[schema.DOSSIER.name]
    for f in schema.DOSSIER.fields:
        colour = dossier[f"A{schema.DOSSIER.row_of(f.key)}"].font.color
        assert (colour is not None and colour.rgb == "FF1F4E79") == f.required, f.key
    assert "blauwe labels" in dossier["A2"].value


def test_buttons_stay_in_their_row_and_fit_their_caption(template_path: Path) -> None:
    vml = parts(template_path)["xl/drawings/vmlDrawing1.vml"].decode()
    buttons = re.findall(r'<font face="Calibri"[^>]*>([^<]+)<.*?<x:Anchor>([^<]+)</x:Anchor>', vml, re.S)
    assert [caption for caption, _ in buttons] == [b[2] for b in builder.BUTTONS]
    label_row = int(schema.MEETING_CHOICE_CELL[1:]) - 1  # E8's label, just below the report button
    for caption, anchor in buttons:
        col, dx, row, _, col2, dx2, row2, dy2 = (int(v) for v in anchor.split(","))
        assert (col, col2) == (schema.BUTTON_COLUMN, schema.BUTTON_COLUMN) and row2 == row != label_row, caption
        assert dy2 <= builder.BUTTON_ROW_HEIGHT * 4 / 3, caption  # inside its row (points to pixels)
        assert _text_pixels(caption, bold=False) + 24 <= dx2 - dx, caption


def test_an_empty_workbook_says_what_to_do_next(template_path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(template_path))
    control = book.get_sheet_by_name(schema.CHECK_SHEET).to_python()
    assert control[1][3] == schema.CHECK_HINT and "Controleer" in control[1][3]
    keuzes = book.get_sheet_by_name(schema.PICKER_SHEET).to_python()
    assert [keuzes[1][p.column] for p in schema.PICKERS.values()] == [p.empty for p in schema.PICKERS.values()]


def test_long_texts_of_a_filled_case_get_rows_to_show_them(demo_path: Path, demo_case) -> None:
    wb = openpyxl.load_workbook(demo_path, keep_vba=True)
    for sheet in (schema.NETWERKBERAAD, schema.ACTIES, schema.DOELEN):
        ws = wb[sheet.name]
        for i, rec in enumerate(demo_case.tables[sheet.key], start=2):
            longest = max(len(str(rec.get(c.key) or "")) / c.width for c in sheet.columns if c.type == schema.TEXT)
            height = ws.row_dimensions[i].height
            if longest > 1.2:  # more than a line
                assert height and height >= 15 * int(longest), (sheet.name, i)
            for c in sheet.columns:
                cell = ws.cell(i, sheet.index(c.key) + 1)
                if c.type == schema.TEXT and cell.value is not None:
                    assert cell.alignment.wrap_text, (sheet.name, i, c.key)
