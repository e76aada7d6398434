"""Writes Netwerkkaart.xlsm from the schema, empty or pre-filled with a Case.

XlsxWriter writes the sheets, tables, dropdowns and buttons; pyOpenVBA adds the VBA project
from `werkboek/vba/*.bas`. openpyxl is never used to save: it would drop buttons, x14
validations and the VBA project. The build is deterministic: same input, same bytes.

What the worker gets (template version 2): IDs written in advance in every table with IDs (a
row keeps its ID when rows are sorted, inserted or deleted); dropdowns that offer people by name
("Fatma Yılmaz (P07)"), fed by formulas that read the tables' columns as whole ranges, so no
edit leaves a #REF! or drops an entry; the circles as a grid of a row per person and a column per
measurement question; required headers marked; input messages with an example.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import dutch
from ..files import write_atomic
from . import references, schema, values, xlsx, xlwings_conf
from .extras import Carry
from .model import Case, Invalid, Record

FORM_LINE = 44  # characters of Calibri 11 on one line of the form's 40-wide value column
BUTTON_COL = schema.BUTTON_COLUMN
LAST_ROW = schema.MAX_ROWS + 1  # 1-based: the last row of a table's validated range
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def build(path: str | os.PathLike[str], case: Case | None = None, carry: Carry | None = None) -> Path:
    """Write a Netwerkkaart workbook to `path` (atomically), pre-filled with `case` if given, and
    with what an upgrade carries beyond the case (`carry`: workers' columns, comments, colours)."""
    return write_atomic(path, build_bytes(case, carry))


def build_bytes(case: Case | None = None, carry: Carry | None = None) -> bytes:
    case = case or Case.empty()
    buf = io.BytesIO()
    wb = xlsx.new_workbook(buf, title="Netwerkkaart",
                           subject="Netwerkgericht werken: netwerk, netwerkberaden, acties en doelen",
                           comments=f"werkboek-sjabloon versie {schema.TEMPLATE_VERSION}")
    wb.set_size(1600, 1000)
    book = _Book(wb, case, carry or Carry())
    # The sheets, in tab order (schema.SHEET_ORDER). Sheets werkboek adds for other purposes
    # (settings, say) go at the end of this list, so every sheet has one obvious place.
    _dossier_sheet(book)
    for sheet in schema.TABLES:
        if sheet.grid is not None:
            _grid_sheet(book, sheet)
        else:
            _table_sheet(book, sheet)
    _lists_sheet(book)
    _check_sheet(book)
    _picker_sheet(book)
    xlwings_conf.add_sheet(book.wb)
    _define_names(book)
    for name, notes in book.carry.comments.items():
        ws = wb.get_worksheet_by_name(name)
        for (r, c), (author, text) in sorted(notes.items()):
            ws.write_comment(r, c, text, {"author": author} if author else {})
    wb.close()
    return xlsx.add_vba(buf.getvalue())


class _Book:
    """The workbook being written, the case written into it, and what both need to know."""

    def __init__(self, wb: Any, case: Case, carry: Carry) -> None:
        self.wb = wb
        self.case = case
        self.carry = carry
        self.specs = _format_specs()
        self.fmt = xlsx.formats(wb, self.specs)
        self._names = {id(f): n for n, f in self.fmt.items()}
        self._painted: dict[tuple[str, str], Any] = {}
        self.index = references.indexes(case)
        # Per table with IDs: the IDs of its rows in the sheet, the case's first, then those written in advance.
        self.ids = {s.key: _row_ids(s, case.tables.get(s.key, [])) for s in schema.TABLES if s.id_prefix}

    def paint(self, ws: Any, r: int, c: int, fmt: Any) -> Any:
        """`fmt`, or the same format with the fill a worker gave this cell in the old workbook."""
        colour = self.carry.fills.get(ws.name, {}).get((r, c))
        if colour is None:
            return fmt
        name = self._names.get(id(fmt), "plain")
        if (name, colour) not in self._painted:
            self._painted[(name, colour)] = self.wb.add_format({**xlsx.BASE, **self.specs[name], "bg_color": colour})
        return self._painted[(name, colour)]

    def reference(self, col: schema.Column, value: Any) -> Any:
        """A reference as the worker would have chosen or typed it."""
        index = self.index[schema.REF_SHEET[col.type]]
        if col.type == schema.PERSONS:
            return ", ".join(references.spelling(index, str(v), short=True) for v in value)
        return references.spelling(index, str(value), short=False)


def _row_ids(sheet: schema.Sheet, rows: list[Record]) -> list[str]:
    """The IDs down the sheet: the rows' own, then fresh ones up to `sheet.prefilled` rows."""
    own = [str(r.id) if r.id is not None else "" for r in rows]
    pattern = re.compile(rf"^{re.escape(sheet.id_prefix)}(\d+)$", re.IGNORECASE)
    numbers = [int(m.group(1)) for i in own if (m := pattern.match(i))]
    nxt = max(numbers, default=0)
    spare = [sheet.make_id(n) for n in range(nxt + 1, nxt + 1 + max(0, sheet.prefilled - len(rows)))]
    return own + spare


# --- formats ---------------------------------------------------------------------------------


def _format_specs() -> dict[str, dict[str, Any]]:
    style = xlsx.STYLES
    return {
        "title": {**style["title"], "font_size": 18},
        "intro": style["intro"],
        "label": style["label"],
        "label_req": {**style["label"], "font_color": xlsx.TITLE_BLUE},
        "label_right": {**style["label"], "align": "right"},
        "input": {**style["input"], "text_wrap": True, "num_format": "@"},
        "input_date": {**style["input"], "num_format": "dd/mm/yyyy", "align": "left"},
        "input_follow": {**style["input"], "num_format": "dd/mm/yyyy", "align": "left", "font_color": xlsx.GREY,
                         "italic": True},
        "input_choice": {**style["input"], "num_format": "@", "align": "center"},
        "help": style["help"],
        "note": {"italic": True, "font_color": xlsx.GREY},  # not wrapped: flows on over empty cells
        "header": style["header"],
        "header_req": {**style["header"], "bg_color": xlsx.TITLE_BLUE, "font_color": "#FFFFFF"},
        "text": {"num_format": "@", "text_wrap": True},
        "meaning": {"num_format": "@", "text_wrap": True, "bold": True},  # a list value the figures count on
        "id": {"num_format": "@", "font_color": xlsx.GREY},
        "shown": {"num_format": "@", "font_color": "#404040", "bg_color": "#F2F2F2"},
        "date": {"num_format": "dd/mm/yyyy", "align": "left"},
        "number": {"num_format": "0", "align": "center"},
        "circle": {**style["input"], "num_format": "0", "align": "center"},
        "plain": {},
        "status": {"italic": True, "text_wrap": True, "font_color": "#404040"},
        # Not wrapped: a one-line status flows on over the empty cells to its right.
        "status_line": {"italic": True, "font_color": "#404040"},
    }


def _column_format(fmt: dict[str, Any], col: schema.Column) -> Any:
    if col.type == schema.DATE:
        return fmt["date"]
    if col.type in (schema.INT, schema.YEAR, schema.SCORE, schema.CIRCLE):
        return fmt["number"]
    if col.type == schema.ID:
        return fmt["id"]
    return fmt["text"]


# Characters of a bold header per unit of column width. Sized for the widest font a header may be
# shown in: LibreOffice without Calibri or Carlito falls back on DejaVu Sans, a third wider.
_BOLD = 1.45


def header_width(header: str, width: int) -> int:
    """A column width at which no word of its (bold, wrapped) header breaks in the middle."""
    longest = max((len(w) for w in header.split()), default=0)
    return max(width, int(longest * _BOLD) + 2)


def _header_lines(header: str, width: int) -> int:
    lines, used = 1, 0
    for word in header.split():
        need = int(len(word) * _BOLD) + (1 if used else 0)
        if used and used + need > width - 1:
            lines, used = lines + 1, int(len(word) * _BOLD)
        else:
            used += need
    return lines


# --- names and validations -------------------------------------------------------------------


def _define_names(book: _Book) -> None:
    wb = book.wb
    top = schema.LISTS_HEADER_ROW
    for i, lst in enumerate(schema.LISTS):
        c = schema.col_letter(i)
        # Anchored on the header (a deleted first value leaves no #REF!), as long as the last
        # filled cell: a cleared cell in the middle shows as an empty entry but drops nothing.
        rng = f"{schema.LISTS_SHEET}!${c}${top + 1}:${c}${top + 200}"
        last = f"SUMPRODUCT(MAX(({rng}<>\"\")*ROW({rng})))-ROW({schema.LISTS_SHEET}!${c}${top})"
        wb.define_name(f"lijst_{lst.key}", f"=OFFSET({schema.LISTS_SHEET}!${c}${top},1,0,MAX(1,{last}),1)")
    for picker in schema.PICKERS.values():
        c, n = schema.col_letter(picker.column), schema.col_letter(picker.label_column + 1)
        end = _picker_rows(book, picker) + 1
        counts = f"{schema.PICKER_SHEET}!${n}$2:${n}${end}"
        wb.define_name(picker.name, f"=OFFSET({schema.PICKER_SHEET}!${c}$2,0,0,MAX(1,MAX({counts})),1)")


_TYPE_HINT = {
    schema.DATE: "Datum als dd/mm/jjjj, bv. 20/03/2025.",
    schema.YEAR: "",
    schema.SCORE: "Een getal van 0 tot 10.",
    schema.CIRCLE: "",
    schema.YESNO: "Kies ja of nee; leeg = niet bekend.",
}


def input_message(col: schema.Column) -> str:
    """The input message of a column: its help, what the type wants (unless the help says it), required."""
    hint = _TYPE_HINT.get(col.type, "")
    if hint and (hint.split(",")[0].rstrip(".") in col.help or ("0 tot 10" in col.help and col.type == schema.SCORE)):
        hint = ""
    parts = (col.help, hint, "Verplicht." if col.required else "")
    return " ".join(p for p in parts if p)[:255]


def _validation(col: schema.Column) -> dict[str, Any]:
    v: dict[str, Any] = {"input_title": col.header[:32], "input_message": input_message(col)}
    if col.type == schema.CHOICE:
        v.update(validate="list", source=f"=lijst_{col.list}", error_title="Niet in de lijst",
                 error_message="Kies een waarde uit de lijst. Nieuwe waarden voeg je toe op het blad Lijsten.")
    elif col.type in schema.PICKERS:
        # A warning, not a stop: typing a name (or an ID) is fine too.
        what = {schema.PERSON: "persoon", schema.MEETING: "beraad", schema.GOAL: "doel",
                schema.SAFETY_GOAL: "veiligheidsdoel"}[col.type]
        v.update(validate="list", source=f"={schema.PICKERS[col.type].name}", error_type="warning",
                 error_title="Niet in de lijst",
                 error_message=f"Dit is geen {what} uit de lijst. Ja: houd wat je typte (werkboek zoekt het "
                               "op); Nee: kies opnieuw.")
    elif col.type == schema.DATE:
        v.update(validate="date", criteria="between", minimum=dt.date(1900, 1, 1), maximum=dt.date(2100, 12, 31),
                 error_title="Geen datum", error_message="Typ een datum als dd/mm/jjjj, bv. 22/11/2026.")
    elif col.type in (schema.YEAR, schema.SCORE, schema.CIRCLE, schema.INT):
        bounds = {schema.YEAR: (1900, 2100), schema.SCORE: (0, 10), schema.CIRCLE: (1, 3)}
        lo, hi = bounds.get(col.type, (-10**9, 10**9))
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


# The buttons on the Dossier sheet: (0-based row, macro, caption, tip). Their rows are made tall
# enough for the button, so a button never reaches into the row below (E8's label).
BUTTONS = (
    (3, "Controleer", "Controleer", "Zoekt fouten en ontbrekende gegevens; zet ze op het blad Controle."),
    (6, "VerslagNetwerkberaad", "Verslag netwerkberaad", "Maakt het Word-verslag van het beraad hieronder."),
    (10, "Eindevaluatie", "Eindevaluatie", "Maakt de Word-eindevaluatie van het hele dossier."),
    (11, "Veiligheidsplan", "Veiligheidsplan", "Maakt het veiligheidsplan voor het gezin en het netwerk (Word)."),
)
BUTTON_ROW_HEIGHT = 27  # points: 36 pixels
BUTTON_SIZE = (200, 30)  # pixels; the caption in Calibri 11 needs about 150
BUTTON_COLUMN_WIDTH = 31  # characters: about 222 pixels


def _dossier_sheet(book: _Book) -> None:
    fmt, case = book.fmt, book.case
    ws = book.wb.add_worksheet(schema.DOSSIER.name)
    ws.activate()
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 44)
    ws.set_column(3, 3, 3)
    ws.set_column(BUTTON_COL, BUTTON_COL, BUTTON_COLUMN_WIDTH)
    ws.set_column(BUTTON_COL + 1, BUTTON_COL + 1, 34)
    ws.hide_gridlines(2)
    ws.set_row(0, 28)
    ws.write_string(0, 0, "Netwerkkaart", fmt["title"])
    ws.merge_range(1, 0, 1, 2, "Vul het dossier hieronder in en het netwerk op de volgende bladen. Gele cellen vul je "
                   "zelf in; blauwe labels (en donkerblauwe kolomkoppen) zijn verplicht. ID's staan al klaar: "
                   "personen kies je overal bij naam.", fmt["intro"])
    ws.set_row(1, 46)
    ws.write_string(2, 0, "Dossier", fmt["header"])
    ws.write_string(2, 1, "Invullen", fmt["header"])
    ws.write_string(2, 2, "Uitleg", fmt["header"])
    tall = {row for row, *_ in BUTTONS}
    for f in schema.DOSSIER.fields:
        r = schema.DOSSIER.row_of(f.key) - 1
        ws.write_string(r, 0, f.header, fmt["label_req" if f.required else "label"])
        ws.write_string(r, 2, f.help, fmt["help"])
        value = case.dossier.values.get(f.key)
        _write_value(book, ws, r, 1, f, value, form=True)
        ws.data_validation(r, 1, r, 1, _validation(f))
        if isinstance(value, str) and (len(value) > FORM_LINE or "\n" in value):
            # Excel does not fit wrapped text to a row on opening.
            ws.set_row(r, max(_height(str(value)), BUTTON_ROW_HEIGHT if r in tall else 0))
        elif f.key in ("reden", "conclusies"):
            ws.set_row(r, 48)  # room to type
        elif r in tall or len(f.help) > 2 * FORM_LINE:
            ws.set_row(r, BUTTON_ROW_HEIGHT)  # a button, or a help text of three lines
    # The buttons' area: the macros write only into the status cell here.
    ws.write_string(2, BUTTON_COL, "Acties in Excel", fmt["header"])
    ws.write_string(2, BUTTON_COL + 1, "", fmt["header"])
    width, height = BUTTON_SIZE
    for row, macro, caption, tip in BUTTONS:
        ws.insert_button(row, BUTTON_COL, {"macro": macro, "caption": caption, "width": width, "height": height,
                                           "x_offset": 4, "y_offset": 3})
        ws.write_string(row, BUTTON_COL + 1, tip, fmt["help"])
    mrow = int(schema.MEETING_CHOICE_CELL[1:]) - 1
    ws.write_string(mrow, BUTTON_COL, "Beraad voor het verslag:", fmt["label"])
    ws.write_blank(mrow, BUTTON_COL + 1, None, fmt["input"])
    ws.data_validation(mrow, BUTTON_COL + 1, mrow, BUTTON_COL + 1, {
        "validate": "list", "source": f"={schema.PICKERS[schema.MEETING].name}", "error_type": "warning",
        "input_title": "Welk netwerkberaad?", "input_message": "Kies het beraad voor de knop Verslag netwerkberaad, "
        "bv. B2 – 20/03/2025. Leeg: het laatste beraad.",
        "error_title": "Onbekend beraad", "error_message": "Kies een beraad uit de lijst."})
    srow = int(schema.STATUS_CELL[1:]) - 1
    ws.write_string(srow, BUTTON_COL, "Laatste resultaat:", fmt["label"])
    ws.write_blank(srow, BUTTON_COL + 1, None, fmt["status_line"])
    _print_setup(ws, landscape=False)
    ws.print_area(0, 0, schema.DOSSIER.row_of(schema.DOSSIER.fields[-1].key), 2)


def _height(text: str, per_line: int = FORM_LINE) -> float:
    lines = sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))
    return min(409, 15 * lines + 3)


def _headers(ws: Any, row: int, columns: list[tuple[str, bool, int]]) -> list[int]:
    """Header widths that break no word, and a header row tall enough for its longest header."""
    widths = [header_width(h, w) for h, _, w in columns]
    lines = max((_header_lines(h, w) for (h, _, _), w in zip(columns, widths, strict=True)), default=1)
    ws.set_row(row, 15 * max(2, lines) + 3)
    return widths


def _table_sheet(book: _Book, sheet: schema.Sheet) -> None:
    fmt = book.fmt
    rows = book.case.tables.get(sheet.key, [])
    ids = book.ids.get(sheet.key, [])
    ws = book.wb.add_worksheet(sheet.name)
    n = len(sheet.columns)
    last = max(1, len(rows), len(ids))
    widths = _headers(ws, 0, [(c.header, c.required, c.width) for c in sheet.columns])
    ws.add_table(0, 0, last, n - 1, {
        "name": sheet.table,
        "style": "Table Style Light 9",
        "columns": [{"header": c.header, "header_format": fmt["header_req" if c.required else "header"]}
                    for c in sheet.columns],
    })
    for i, col in enumerate(sheet.columns):
        ws.set_column(i, i, widths[i], _column_format(fmt, col))
        ws.data_validation(1, i, schema.MAX_ROWS, i, _validation(col))
    wrapped = [(i, col) for i, col in enumerate(sheet.columns) if col.type == schema.TEXT]
    for r, rec in enumerate(rows, start=1):
        for i, col in enumerate(sheet.columns):
            _write_value(book, ws, r, i, col, rec.values.get(col.key))
        # Excel and LibreOffice do not fit a row to wrapped text on opening: give it its height.
        lines = max((_lines(values.to_cell(rec.values.get(col.key), col.type), widths[i]) for i, col in wrapped),
                    default=1)
        if lines > 1:
            ws.set_row(r, min(409, 15 * lines + 3))
    if sheet.id_column:
        at = sheet.index(sheet.id_column)
        for r in range(len(rows) + 1, len(ids) + 1):
            ws.write_string(r, at, ids[r - 1], fmt["id"])
    # The columns a worker added (carried by an upgrade): after the table, with their values.
    for j, (header, cells) in enumerate(book.carry.columns.get(sheet.key, [])):
        c = n + j
        ws.write_string(0, c, header, book.paint(ws, 0, c, fmt["header"]))
        ws.set_column(c, c, max(12, min(40, len(header) + 2)))
        for i, value in cells.items():
            _write_raw(book, ws, i + 1, c, value)
    ws.freeze_panes(1, 2 if sheet is schema.PERSONEN else 1)
    _print_setup(ws, landscape=True)
    ws.repeat_rows(0)


def _lines(value: Any, width: int) -> int:
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.1))  # average characters of Calibri 11 per column width
    return sum(max(1, -(-len(line) // per_line)) for line in value.split("\n"))


def _write_value(book: _Book, ws: Any, r: int, c: int, col: schema.Column, value: Any, form: bool = False) -> None:
    fmt = book.fmt
    if col.type in references.REF_TYPES and value is not None and not isinstance(value, Invalid) and value != []:
        cell: Any = book.reference(col, value)
    else:
        cell = values.to_cell(value, col.type)
    paint = book.paint
    if cell is None:
        if form:
            ws.write_blank(r, c, None, paint(ws, r, c, fmt["input_date" if col.type == schema.DATE else "input"]))
        elif (r, c) in book.carry.fills.get(ws.name, {}):
            ws.write_blank(r, c, None, paint(ws, r, c, _column_format(fmt, col)))
        return
    if isinstance(cell, dt.date):
        day = dt.datetime.combine(cell, dt.time())
        ws.write_datetime(r, c, day, paint(ws, r, c, fmt["input_date" if form else "date"]))
    elif isinstance(cell, int) and not isinstance(cell, bool):
        ws.write_number(r, c, cell, paint(ws, r, c, fmt["input"] if form else fmt["number"]))
    else:
        ws.write_string(r, c, str(cell), paint(ws, r, c, fmt["input"] if form else _column_format(fmt, col)))


def _write_raw(book: _Book, ws: Any, r: int, c: int, value: Any) -> None:
    """A cell of a worker's own column, as it was: text, number, date or yes/no."""
    fmt = book.paint(ws, r, c, book.fmt["plain"])
    if isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, (dt.date, dt.datetime)):
        day = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        ws.write_datetime(r, c, day, book.paint(ws, r, c, book.fmt["date"]))
    elif value not in (None, ""):
        ws.write_string(r, c, str(value), fmt)


# --- the circles grid ---------------------------------------------------------------------------

GRID_TOP = 3  # 0-based header row of a grid: the labelled rows (date, moment, question) are above it
GRID_FREE = 3  # empty measurement columns after the blocks, ready for one more measurement
GRID_NOTES = (
    "Per meting typ je één keer de datum (rij 1); zet dan bij elke persoon 1, 2 of 3.",
    "1 = binnenste, 2 = middelste, 3 = buitenste cirkel; leeg = niet geplaatst.",
    "Nog een meting? Vul in een lege kolom rechts de datum, het moment en de vraag in.",
)


def _serial(day: dt.date) -> int:
    return (day - _EXCEL_EPOCH).days


def _grid_sheet(book: _Book, sheet: schema.Sheet) -> None:
    spec = sheet.grid
    assert spec is not None
    fmt, case = book.fmt, book.case
    ws = xlsx.classic_formulas(book.wb.add_worksheet(sheet.name))
    date_key, moment_key, question_key = spec.across
    key_col, first = 0, 1 + len(spec.shown)
    # The columns: the blocks laid out in advance, each filled with the case's measurement of that
    # moment and question (in date order), the case's other measurements after them, then free ones.
    placed: dict[tuple[Any, Any, Any], list[Record]] = defaultdict(list)
    for p in case.tables.get(sheet.key, []):
        if p.values.get(spec.value) is not None:
            placed[(p.values.get(date_key), p.values.get(moment_key), p.values.get(question_key))].append(p)
    order = {moment: i for i, (moment, _) in reversed(list(enumerate(spec.blocks)))}
    waiting = sorted(placed, key=lambda m: (order.get(m[1], len(order)), str(m[1]), str(m[2]),
                                            m[0] if isinstance(m[0], dt.date) else dt.date.max))
    columns: list[tuple[Any, Any, Any, bool]] = []  # date, moment, question, follows the block's first date
    for moment, questions in spec.blocks:
        block_date = None
        for i, question in enumerate(questions):
            mine = next((m for m in waiting if m[1] == moment and m[2] == question), None)
            if mine is not None:
                waiting.remove(mine)
            day = mine[0] if mine else None
            if i == 0:
                block_date = day
                columns.append((day, moment, question, False))
            elif day is None or day == block_date:
                columns.append((block_date, moment, question, True))
            else:
                columns.append((day, moment, question, False))
    columns += [(m[0], m[1], m[2], False) for m in waiting]
    columns += [(None, None, None, False)] * GRID_FREE
    # The rows: every person ID of the Personen sheet, then references the case has that no
    # person row answers (and a second row for a person placed twice in one measurement).
    keys = list(book.ids["personen"])
    cells: dict[tuple[int, int], Any] = {}
    row_of = {k: i for i, k in enumerate(keys)}
    for c, (day, moment, question, _) in enumerate(columns):
        for p in placed.pop((day, moment, question), []):  # a measurement fills its first column only
            ref = p.values.get(spec.key)
            ref = "" if ref is None else str(ref)
            r = row_of.get(ref)
            while r is not None and (r, c) in cells:  # taken in this column: a row further down
                r = next((i for i in range(r + 1, len(keys)) if keys[i] == ref), None)
            if r is None:
                keys.append(ref)
                r = len(keys) - 1
                row_of.setdefault(ref, r)
            cells[(r, c)] = p.values.get(spec.value)
    # Header rows: instructions on the left, the labels, then per column the date, moment, question.
    for i, note in enumerate(GRID_NOTES):
        ws.write_string(i, 0, note, fmt["note"])
    labels = first - 1
    for i, k in enumerate(spec.across):
        ws.write_string(i, labels, sheet.column(k).header, fmt["label_right"])
    key = sheet.column(spec.key)
    heads = [(key.header, key.required, key.width), *((s.header, False, s.width) for s in spec.shown)]
    heads += [(sheet.column(spec.value).header, False, 10)] * len(columns)
    widths = _headers(ws, GRID_TOP, heads)
    for c, (header, required, _) in enumerate(heads):
        ws.write_string(GRID_TOP, c, header, fmt["header_req" if required else "header"])
        ws.set_column(c, c, widths[c], fmt["id"] if c == key_col else fmt["shown"] if c < first else None)
    block_first = first
    for c, (day, moment, question, follows) in enumerate(columns):
        x = first + c
        if follows:
            src = f"{schema.col_letter(block_first)}$1"
            cached = _serial(day) if isinstance(day, dt.date) else ""
            ws.write_formula(0, x, f'=IF({src}="","",{src})', fmt["input_follow"], cached)
        else:
            block_first = x
            if isinstance(day, dt.date):
                ws.write_datetime(0, x, dt.datetime.combine(day, dt.time()), fmt["input_date"])
            elif isinstance(day, Invalid):
                ws.write_string(0, x, day.raw, fmt["input_date"])
            else:
                ws.write_blank(0, x, None, fmt["input_date"])
        for r, v in ((1, moment), (2, question)):
            if v is None:
                ws.write_blank(r, x, None, fmt["input_choice"])
            else:
                ws.write_string(r, x, str(v), fmt["input_choice"])
    end = first + len(columns) - 1
    for r, k in enumerate(spec.across):
        col = sheet.column(k)
        ws.data_validation(r, first, r, end, _validation(col))
    value = sheet.column(spec.value)
    last = GRID_TOP + max(len(keys), schema.PERSONEN.prefilled)
    ws.data_validation(GRID_TOP + 1, first, last, end, _validation(value))
    ws.data_validation(GRID_TOP + 1, key_col, last, key_col, {
        "validate": "any", "input_title": key.header, "input_message": input_message(key)})
    # The rows: the key, what Personen says of it (formulas), the circle numbers.
    persons = book.index["personen"]
    shown = [_shown_formula(s) for s in spec.shown]
    for i, k in enumerate(keys):
        r = GRID_TOP + 1 + i
        ws.write_string(r, key_col, k, fmt["id"])
        person = persons.ids.get(references.key(k)) if k else None
        for j, (s, formula) in enumerate(zip(spec.shown, shown, strict=True)):
            cached = "" if person is None else " ".join(references.cell_text(person.get(p)) for p in s.parts
                                                        if person.get(p))
            ws.write_formula(r, 1 + j, formula(r + 1), fmt["shown"], cached)
        for c in range(len(columns)):
            v = cells.get((i, c))
            if v is None:
                continue
            if isinstance(v, int) and not isinstance(v, bool):
                ws.write_number(r, first + c, v, fmt["circle"])
            else:
                text = v.raw if isinstance(v, Invalid) else values.clean_text(v)
                ws.write_string(r, first + c, text, fmt["circle"])
    ws.autofilter(GRID_TOP, 0, last, end)
    ws.freeze_panes(GRID_TOP + 1, first)
    _print_setup(ws, landscape=True)
    ws.repeat_rows(0, GRID_TOP)


def _shown_formula(shown: schema.Shown) -> Callable[[int], str]:
    """What Personen says of the row's key: its columns by the key's match in the ID column,
    read as whole ranges (so sorting or deleting rows on Personen changes nothing here)."""
    sheet = schema.PERSONEN

    def rng(key: str) -> str:
        c = sheet.letter(key)
        return f"{sheet.name}!${c}$1:${c}${LAST_ROW}"

    def formula(row: int) -> str:
        at = f"MATCH($A{row},{rng(sheet.id_column or 'id')},0)"
        parts = '&" "&'.join(f"INDEX({rng(p)},{at})" for p in shown.parts)
        return f'=IFERROR(TRIM({parts}&""),"")'

    return formula


# --- Lijsten, Controle ---------------------------------------------------------------------------


def _lists_sheet(book: _Book) -> None:
    fmt, case = book.fmt, book.case
    ws = book.wb.add_worksheet(schema.LISTS_SHEET)
    top = schema.LISTS_HEADER_ROW - 1
    ws.write_string(0, 0, "Pas de keuzelijsten hier aan: voeg waarden onderaan een kolom toe (bv. 'plusmama' bij "
                    "Relatie). Hernoem de kolomkoppen in rij 2 niet. Waarden in het vet tellen mee in de cijfers "
                    "(gedaan, vervallen, de sectoren, momenten en vragen, ...): hernoem of wis die niet; een andere "
                    "naam zet de beheerder in het profiel van de organisatie.", fmt["note"])
    for i, lst in enumerate(schema.LISTS):
        ws.set_column(i, i, max(14, len(lst.name) + 2), fmt["text"])
        ws.write_string(top, i, lst.name, fmt["header"])
        for r, value in enumerate(case.choices(lst.key), start=top + 1):
            ws.write_string(r, i, value, fmt["meaning" if case.means(lst.key, value) in lst.meanings else "text"])
    ws.set_row(top, 30)
    ws.freeze_panes(top + 1, 0)
    _print_setup(ws, landscape=True)


def _check_sheet(book: _Book) -> None:
    fmt = book.fmt
    ws = book.wb.add_worksheet(schema.CHECK_SHEET)
    widths = (14, 14, 10, 60, 60, 22)
    for i, (h, w) in enumerate(zip(schema.CHECK_COLUMNS, widths, strict=True)):
        ws.write_string(0, i, h, fmt["header"])
        ws.set_column(i, i, w, fmt["status"] if i in (3, 4) else fmt["plain"])  # message and fix wrap
    ws.write_string(1, 3, schema.CHECK_HINT, fmt["status"])
    ws.freeze_panes(1, 0)
    _print_setup(ws, landscape=True)


# --- the pickers --------------------------------------------------------------------------------


def _picker_sheet(book: _Book) -> None:
    """Very hidden: the formulas behind the person, meeting and goal dropdowns, and the template version."""
    ws = xlsx.classic_formulas(book.wb.add_worksheet(schema.PICKER_SHEET))
    ws.very_hidden()
    ws.write_string(0, 4, schema.VERSION_MARKER)
    ws.write_number(0, 5, schema.TEMPLATE_VERSION)
    for picker in schema.PICKERS.values():
        _picker(book, ws, picker)


def _picker(book: _Book, ws: Any, picker: schema.Picker) -> None:
    sheet = picker.sheet
    n = _picker_rows(book, picker)
    lab, cnt, out = picker.label_column, picker.label_column + 1, picker.column
    L, C = schema.col_letter(lab), schema.col_letter(cnt)
    ws.write_string(0, out, sheet.name)
    ws.write_string(0, lab, f"{sheet.name}: rij")
    ws.write_string(0, cnt, "teller")
    labels = _picker_labels(book, picker, n)
    count = 0
    for i in range(1, n + 1):
        ws.write_formula(i, lab, _label_formula(sheet, i + 1), None, labels[i - 1])
        count += bool(labels[i - 1])
        ws.write_formula(i, cnt, f'=N({C}{i})+({L}{i + 1}<>"")', None, count)
    entries = [x for x in labels if x]
    ks, cs = f"${L}$2:${L}${n + 1}", f"${C}$2:${C}${n + 1}"
    for k in range(1, n + 1):
        find = f'IFERROR(INDEX({ks},MATCH({k},{cs},0)),"")'
        if k == 1:
            formula, cached = f'=IF(MAX({cs})=0,"{picker.empty}",{find})', entries[0] if entries else picker.empty
        else:
            formula, cached = f"={find}", entries[k - 1] if k <= len(entries) else ""
        ws.write_formula(k, out, formula, None, cached)


def _label_formula(sheet: schema.Sheet, row: int) -> str:
    """The entry of the table row at 1-based sheet row `row`, read by position from whole columns."""
    def at(key: str) -> str:
        c = sheet.letter(key)
        return f"INDEX({sheet.name}!${c}$1:${c}${LAST_ROW},{row})"

    rid = at(sheet.id_column or "id")
    if sheet is schema.PERSONEN:
        name = f'TRIM({at("voornaam")}&" "&{at("achternaam")})'
        return f'=IFERROR(IF({name}="","",{name}&IF({rid}&""="",""," ("&{rid}&")")),"")'
    if sheet is schema.NETWERKBERAAD:
        d = at("datum")
        # Day and month with two digits without TEXT(), whose format codes depend on Excel's language.
        day = f'RIGHT("0"&DAY({d}),2)&"/"&RIGHT("0"&MONTH({d}),2)&"/"&YEAR({d})'
        return f'=IFERROR(IF(ISNUMBER({d}),IF({rid}&""="","",{rid}&" – ")&{day},""),"")'
    text = f'TRIM({at("doel")}&"")'
    return f'=IFERROR(IF({text}="","",IF({rid}&""="","",{rid}&" – ")&LEFT({text},40)),"")'


def _picker_labels(book: _Book, picker: schema.Picker, n: int) -> list[str]:
    """What the label formulas show for the case as written (their cached values)."""
    rows = book.case.tables.get(picker.sheet.key, [])
    out = []
    for rec in rows:
        shows = rec.values.get(picker.shows)
        if picker.sheet is schema.PERSONEN:
            shows = references.person_name(rec)
        elif picker.sheet is schema.NETWERKBERAAD:
            shows = shows if isinstance(shows, dt.date) else None
        out.append(references.label(picker.sheet.key, rec) if shows else "")
    return (out + [""] * n)[:n]


def _picker_rows(book: _Book, picker: schema.Picker) -> int:
    return max(picker.rows, len(book.case.tables.get(picker.sheet.key, [])))
