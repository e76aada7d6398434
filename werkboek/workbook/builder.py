"""Writes Netwerkkaart.xlsm from the schema, empty or pre-filled with a Case.

XlsxWriter writes the sheets, tables, dropdowns and buttons; pyOpenVBA adds the VBA project
from `werkboek/vba/*.bas`. openpyxl is never used to save: it would drop buttons, x14
validations and the VBA project. The build is deterministic: same input, same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

from .. import dutch
from ..files import write_atomic
from . import schema, values, xlsx, xlwings_conf
from .model import Case, Record, person_label

FORM_LINE = 44  # characters of Calibri 11 on one line of the form's 40-wide value column
BUTTON_COL = schema.BUTTON_COLUMN


def build(path: str | os.PathLike[str], case: Case | None = None) -> Path:
    """Write a Netwerkkaart workbook to `path` (atomically), pre-filled with `case` if given."""
    return write_atomic(path, build_bytes(case))


def build_bytes(case: Case | None = None) -> bytes:
    case = case or Case.empty()
    buf = io.BytesIO()
    wb = xlsx.new_workbook(buf, title="Netwerkkaart",
                           subject="Netwerkgericht werken: netwerk, netwerkberaden, acties en doelen",
                           comments=f"werkboek-sjabloon versie {schema.TEMPLATE_VERSION}")
    wb.set_size(1600, 1000)
    fmt = _formats(wb)
    _define_names(wb, case)
    _dossier_sheet(wb, fmt, case)
    for sheet in schema.TABLES:
        _table_sheet(wb, fmt, sheet, case.tables.get(sheet.key, []), case)
    _lists_sheet(wb, fmt, case)
    _check_sheet(wb, fmt)
    _picker_sheet(wb, fmt, case)
    xlwings_conf.add_sheet(wb)
    wb.close()
    return xlsx.add_vba(buf.getvalue())


# --- formats ---------------------------------------------------------------------------------


def _formats(wb: Any) -> dict[str, Any]:
    style = xlsx.STYLES
    return xlsx.formats(wb, {
        "title": {**style["title"], "font_size": 18},
        "intro": style["intro"],
        "label": style["label"],
        "label_req": {**style["label"], "font_color": xlsx.TITLE_BLUE},
        "input": {**style["input"], "text_wrap": True, "num_format": "@"},
        "input_date": {**style["input"], "num_format": "dd/mm/yyyy", "align": "left"},
        "help": style["help"],
        "header": style["header"],
        "text": {"num_format": "@", "text_wrap": True},
        "date": {"num_format": "dd/mm/yyyy", "align": "left"},
        "number": {"num_format": "0", "align": "center"},
        "plain": {},
        "status": {"italic": True, "text_wrap": True, "font_color": "#404040"},
        # Not wrapped: a one-line status flows on over the empty cells to its right.
        "status_line": {"italic": True, "font_color": "#404040"},
    })


def _column_format(fmt: dict[str, Any], col: schema.Column) -> Any:
    if col.type == schema.DATE:
        return fmt["date"]
    if col.type in (schema.INT, schema.YEAR, schema.SCORE, schema.CIRCLE):
        return fmt["number"]
    return fmt["text"]


# --- names and validations -------------------------------------------------------------------


def _define_names(wb: Any, case: Case) -> None:
    # Dynamic ranges: a list is as long as its filled cells, so an organisation can add values.
    for i, lst in enumerate(schema.LISTS):
        c = schema.col_letter(i)
        wb.define_name(
            f"lijst_{lst.key}",
            f"=OFFSET({schema.LISTS_SHEET}!${c}$2,0,0,MAX(1,COUNTA({schema.LISTS_SHEET}!${c}$2:${c}$201)),1)",
        )
    for picker in schema.PICKERS.values():
        c = schema.col_letter(picker.column)
        last = _picker_rows(picker, case) + 1
        wb.define_name(
            picker.name,
            f'=OFFSET({schema.PICKER_SHEET}!${c}$2,0,0,MAX(1,COUNTIF({schema.PICKER_SHEET}!${c}$2:${c}${last},"?*")),1)',
        )


def _validation(col: schema.Column) -> dict[str, Any]:
    title = col.header[:32]
    hint = {
        schema.DATE: "Datum als dd/mm/jjjj.",
        schema.YEAR: "Een jaartal, bv. 1984.",
        schema.SCORE: "Een getal van 0 tot 10.",
        schema.CIRCLE: "1, 2 of 3.",
        schema.YESNO: "ja of nee.",
        schema.PERSONS: "",
    }.get(col.type, "")
    message = " ".join(p for p in (col.help, hint, "Verplicht." if col.required else "") if p)[:255]
    v: dict[str, Any] = {"input_title": title, "input_message": message or col.header}
    if col.type == schema.CHOICE:
        v.update(validate="list", source=f"=lijst_{col.list}", error_title="Niet in de lijst",
                 error_message="Kies een waarde uit de lijst. Nieuwe waarden voeg je toe op het blad Lijsten.")
    elif col.type in schema.PICKERS:
        # A warning, not a stop: typing just the ID is fine too.
        v.update(validate="list", source=f"={schema.PICKERS[col.type].name}", error_type="warning",
                 error_title="Onbekend ID", error_message="Kies uit de lijst, of typ een bestaand ID.")
    elif col.type == schema.DATE:
        v.update(validate="date", criteria="between", minimum=dt.date(1900, 1, 1), maximum=dt.date(2100, 12, 31),
                 error_title="Geen datum", error_message="Typ een datum als dd/mm/jjjj, bv. 22/11/2026.")
    elif col.type in (schema.YEAR, schema.SCORE, schema.CIRCLE, schema.INT):
        lo, hi = {schema.YEAR: (1900, 2100), schema.SCORE: (0, 10),
                  schema.CIRCLE: (1, 3)}.get(col.type, (-10**9, 10**9))
        v.update(validate="integer", criteria="between", minimum=lo, maximum=hi, error_title="Ongeldig getal",
                 error_message=f"Typ een geheel getal van {lo} tot {hi}.")
    elif col.type == schema.YESNO:
        v.update(validate="list", source=[dutch.YES, dutch.NO], error_title="ja of nee",
                 error_message="Kies ja of nee.")
    else:
        v.update(validate="any")
    return v


# --- sheets ----------------------------------------------------------------------------------


def _print_setup(ws: Any, landscape: bool) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.set_header("&L&A&RNetwerkkaart")
    ws.set_footer("&LVertrouwelijk&RPagina &P van &N")


def _dossier_sheet(wb: Any, fmt: dict[str, Any], case: Case) -> None:
    ws = wb.add_worksheet(schema.DOSSIER.name)
    ws.activate()
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 44)
    ws.set_column(3, 3, 3)
    ws.set_column(BUTTON_COL, BUTTON_COL, 24)
    ws.set_column(BUTTON_COL + 1, BUTTON_COL + 1, 30)
    ws.hide_gridlines(2)
    ws.set_row(0, 28)
    ws.write_string(0, 0, "Netwerkkaart", fmt["title"])
    ws.merge_range(1, 0, 1, 2, "Vul het dossier hieronder in en het netwerk op de volgende bladen. "
                   "Gele cellen vul je zelf in; blauwe labels zijn verplicht.", fmt["intro"])
    ws.set_row(1, 32)
    ws.write_string(2, 0, "Dossier", fmt["header"])
    ws.write_string(2, 1, "Invullen", fmt["header"])
    ws.write_string(2, 2, "Uitleg", fmt["header"])
    for f in schema.DOSSIER.fields:
        r = schema.DOSSIER.row_of(f.key) - 1
        ws.write_string(r, 0, f.header, fmt["label_req" if f.required else "label"])
        ws.write_string(r, 2, f.help, fmt["help"])
        value = case.dossier.values.get(f.key)
        _write_value(ws, r, 1, f, value, case, fmt, form=True)
        ws.data_validation(r, 1, r, 1, _validation(f))
        if isinstance(value, str) and (len(value) > FORM_LINE or "\n" in value):
            ws.set_row(r, _height(str(value)))  # Excel does not fit wrapped text to a row on opening
        elif f.key in ("reden", "conclusies"):
            ws.set_row(r, 48)  # room to type
    # The buttons' area: the macros write only into the status cell here.
    ws.write_string(2, BUTTON_COL, "Acties in Excel", fmt["header"])
    ws.write_string(2, BUTTON_COL + 1, "", fmt["header"])
    buttons = (
        (3, "Controleer", "Controleer", "Zoekt fouten en ontbrekende gegevens; zet ze op het blad Controle."),
        (6, "VerslagNetwerkberaad", "Verslag netwerkberaad", "Maakt het Word-verslag van het beraad hieronder."),
        (10, "Eindevaluatie", "Eindevaluatie", "Maakt de Word-eindevaluatie van het hele dossier."),
    )
    for row, macro, caption, tip in buttons:
        ws.insert_button(row, BUTTON_COL, {"macro": macro, "caption": caption, "width": 168, "height": 30,
                                           "x_offset": 2, "y_offset": 2})
        ws.write_string(row, BUTTON_COL + 1, tip, fmt["help"])
    mrow = int(schema.MEETING_CHOICE_CELL[1:]) - 1
    ws.write_string(mrow, BUTTON_COL, "Beraad voor het verslag:", fmt["label"])
    ws.write_blank(mrow, BUTTON_COL + 1, None, fmt["input"])
    ws.data_validation(mrow, BUTTON_COL + 1, mrow, BUTTON_COL + 1, {
        "validate": "list", "source": f"={schema.PICKERS[schema.MEETING].name}", "error_type": "warning",
        "input_title": "Welk netwerkberaad?", "input_message": "Leeg: het laatste beraad.",
        "error_title": "Onbekend beraad", "error_message": "Kies een beraad uit de lijst."})
    srow = int(schema.STATUS_CELL[1:]) - 1
    ws.write_string(srow, BUTTON_COL, "Laatste resultaat:", fmt["label"])
    ws.write_blank(srow, BUTTON_COL + 1, None, fmt["status_line"])
    _print_setup(ws, landscape=False)
    ws.print_area(0, 0, schema.DOSSIER.row_of(schema.DOSSIER.fields[-1].key), 2)



def _height(text: str) -> float:
    lines = sum(max(1, -(-len(line) // FORM_LINE)) for line in text.split("\n"))
    return min(409, 15 * lines + 3)


def _table_sheet(wb: Any, fmt: dict[str, Any], sheet: schema.Sheet, rows: list[Record], case: Case) -> None:
    ws = wb.add_worksheet(sheet.name)
    n = len(sheet.columns)
    ws.add_table(0, 0, max(1, len(rows)), n - 1, {
        "name": sheet.table,
        "style": "Table Style Light 9",
        "columns": [{"header": c.header, "header_format": fmt["header"]} for c in sheet.columns],
    })
    ws.set_row(0, 45)
    for i, col in enumerate(sheet.columns):
        ws.set_column(i, i, col.width, _column_format(fmt, col))
        ws.data_validation(1, i, schema.MAX_ROWS, i, _validation(col))
    for r, rec in enumerate(rows, start=1):
        for i, col in enumerate(sheet.columns):
            _write_value(ws, r, i, col, rec.values.get(col.key), case, fmt)
    ws.freeze_panes(1, 2 if sheet is schema.PERSONEN else 1)
    _print_setup(ws, landscape=True)
    ws.repeat_rows(0)


def _write_value(ws: Any, r: int, c: int, col: schema.Column, value: Any, case: Case, fmt: dict[str, Any],
                 form: bool = False) -> None:
    cell = values.to_cell(value, col.type)
    if cell is None:
        if form:
            ws.write_blank(r, c, None, fmt["input_date" if col.type == schema.DATE else "input"])
        return
    if col.type == schema.PERSON and not isinstance(value, values.Invalid):
        cell = person_label(case.by_id("personen").get(str(value)), str(value))
    if isinstance(cell, dt.date):
        ws.write_datetime(r, c, dt.datetime.combine(cell, dt.time()), fmt["input_date" if form else "date"])
    elif isinstance(cell, int) and not isinstance(cell, bool):
        ws.write_number(r, c, cell, fmt["input"] if form else fmt["number"])
    else:
        ws.write_string(r, c, str(cell), fmt["input"] if form else fmt["text"])


def _lists_sheet(wb: Any, fmt: dict[str, Any], case: Case) -> None:
    ws = wb.add_worksheet(schema.LISTS_SHEET)
    for i, lst in enumerate(schema.LISTS):
        ws.set_column(i, i, max(14, len(lst.name) + 2), fmt["text"])
        ws.write_string(0, i, lst.name, fmt["header"])
        for r, value in enumerate(case.choices(lst.key), start=1):
            ws.write_string(r, i, value, fmt["text"])
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    ws.write_string(0, len(schema.LISTS) + 1, "Pas de keuzelijsten hier aan: voeg waarden onderaan een kolom toe, "
                    "zonder lege cellen ertussen. Hernoem de kolomkoppen niet.", fmt["help"])
    ws.set_column(len(schema.LISTS) + 1, len(schema.LISTS) + 1, 50)
    _print_setup(ws, landscape=True)


def _check_sheet(wb: Any, fmt: dict[str, Any]) -> None:
    ws = wb.add_worksheet(schema.CHECK_SHEET)
    widths = (14, 14, 10, 60, 60, 22)
    for i, (h, w) in enumerate(zip(schema.CHECK_COLUMNS, widths, strict=True)):
        ws.write_string(0, i, h, fmt["header"])
        ws.set_column(i, i, w, fmt["status"] if i in (3, 4) else fmt["plain"])  # message and fix wrap
    ws.freeze_panes(1, 0)
    _print_setup(ws, landscape=True)


def _picker_sheet(wb: Any, fmt: dict[str, Any], case: Case) -> None:
    """Very hidden: formulas that build "ID – name" pickers, and the template version."""
    ws = wb.add_worksheet(schema.PICKER_SHEET)
    ws.very_hidden()
    ws.write_string(0, 4, schema.VERSION_MARKER)
    ws.write_number(0, 5, schema.TEMPLATE_VERSION)
    for picker in schema.PICKERS.values():
        sheet = picker.sheet
        ws.write_string(0, picker.column, sheet.name)
        rows = case.tables.get(sheet.key, [])
        for r in range(1, _picker_rows(picker, case) + 1):

            def ref(key: str, sheet: schema.Sheet = sheet, r: int = r) -> str:
                return f"{sheet.name}!${sheet.letter(key)}{r + 1}"

            if sheet is schema.NETWERKBERAAD:
                d = ref("datum")
                tail = f'IF(ISNUMBER({d})," – "&DAY({d})&"/"&MONTH({d})&"/"&YEAR({d}),"")'
            else:
                tail = '" – "&' + '&" "&'.join(f"LEFT({ref(p)},40)" for p in picker.parts)
            formula = f'=IF({ref("id")}="","",{ref("id")}&{tail})'
            cached = _picker_value(sheet, rows[r - 1]) if r <= len(rows) else ""
            ws.write_formula(r, picker.column, formula, None, cached)


def _picker_rows(picker: schema.Picker, case: Case) -> int:
    return max(picker.rows, len(case.tables.get(picker.sheet.key, [])))


def _picker_value(sheet: schema.Sheet, rec: Record) -> str:
    if rec.id is None:
        return ""
    if sheet is schema.NETWERKBERAAD:
        d = rec.get("datum")
        return f"{rec.id} – {d.day}/{d.month}/{d.year}" if isinstance(d, dt.date) else str(rec.id)
    if sheet is schema.PERSONEN:
        return person_label(rec)
    return f"{rec.id} – {str(rec.get('doel', ''))[:40]}"
