"""The coordinator's workbook: Jaarcijfers.xlsm, one sheet with a folder, a year, a key file and
buttons, so the yearly figures can be made from Excel without a terminal.

The buttons only fill cells (a folder or file picked with Excel's own dialog) or start the fixed
Python call `werkboek.excel.jaarcijfers()`; Python then reads the cells itself. Nothing typed on
the sheet ever becomes part of code. The macros live in `werkboek/vba/coordinator/`, apart from
the case workbook's macros.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import schema, values
from .errors import WerkboekError
from .files import free_path, new_file, write_atomic
from .privacy import DEFAULT_THRESHOLD

SHEET = "Jaarcijfers"
VBA_DIR = Path(__file__).with_name("vba") / "coordinator"
# The input cells, in column B; labels in A, help in C.
FIELDS = (
    ("map", "Map met de werkmappen", "Klik 'Kies map...' of typ het pad. Submappen worden ook gelezen."),
    ("jaar", "Jaar", "Bv. 2025: dossiers die in dat jaar open waren. Leeg: alle dossiers."),
    ("sleutel", "Sleutelbestand", ("Voor pseudoniemen die elk jaar gelijk blijven (maak er een met 'werkboek sleutel PAD'). "
                                   "Leeg: willekeurige pseudoniemen voor deze keer.")),
    ("drempel", "Drempel kleine aantallen", f"Aantallen onder deze drempel worden verborgen. Standaard {DEFAULT_THRESHOLD}."),
    ("uit", "Uitvoer (.xlsx)", "Leeg: 'Jaarcijfers JJJJ.xlsx' naast de map met de werkmappen."),
)
FIRST_ROW = 4  # 1-based row of the first field
STATUS_CELL = f"B{FIRST_ROW + len(FIELDS) + 1}"
BUTTONS = (("KiesMap", "Kies map...", 0), ("KiesSleutel", "Kies sleutel...", 2), ("MaakJaarcijfers", "Jaarcijfers maken", 5))


def cell_of(key: str) -> str:
    return f"B{FIRST_ROW + [k for k, _, _ in FIELDS].index(key)}"


def build(path: str | os.PathLike[str], overschrijf: bool = False) -> Path:
    """Write the coordinator workbook (never over an existing file unless asked)."""
    from .builder import add_vba

    return write_atomic(new_file(path, ".xlsm", overschrijf), add_vba(_sheet_bytes(), VBA_DIR))


def _sheet_bytes() -> bytes:
    import io

    import xlsxwriter

    from .builder import FIXED_TIME, INPUT_FILL

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    wb.set_properties({"title": "Jaarcijfers", "author": "werkboek", "created": FIXED_TIME})
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    title = wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F4E79"})
    intro = wb.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": True})
    label = wb.add_format({**base, "bold": True})
    text_in = wb.add_format({**base, "bg_color": INPUT_FILL, "border": 1, "border_color": "#BFBFBF", "num_format": "@"})
    number_in = wb.add_format({**base, "bg_color": INPUT_FILL, "border": 1, "border_color": "#BFBFBF", "num_format": "0",
                               "align": "left"})
    help_ = wb.add_format({**base, "font_color": "#595959", "font_size": 9, "text_wrap": True})
    status = wb.add_format({**base, "italic": True, "text_wrap": True})
    ws = wb.add_worksheet(SHEET)
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 3, 3)
    ws.set_column(4, 4, 24)
    ws.write_string(0, 0, "Jaarcijfers netwerkgericht werken", title)
    ws.merge_range(1, 0, 1, 2, "Kies de map met de Netwerkkaarten van het jaar en klik op 'Jaarcijfers maken'. "
                   "Je krijgt een werkmap met tabellen en grafieken en een kort Word-verslag, zonder namen. "
                   "Werkmappen die niet meetellen, staan met de reden op het blad Problemen.", intro)
    ws.set_row(1, 45)
    for i, (key, caption, tip) in enumerate(FIELDS):
        r = FIRST_ROW - 1 + i
        ws.write_string(r, 0, caption, label)
        if key == "drempel":
            ws.write_number(r, 1, DEFAULT_THRESHOLD, number_in)
        else:
            ws.write_blank(r, 1, None, number_in if key == "jaar" else text_in)
        ws.write_string(r, 2, tip, help_)
        ws.set_row(r, 30)
    ws.data_validation(cell_of("jaar"), {"validate": "integer", "criteria": "between", "minimum": 1990, "maximum": 2100,
                                         "error_title": "Geen jaar", "error_message": "Typ een jaar als 2025, of laat leeg."})
    ws.data_validation(cell_of("drempel"), {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 100,
                                            "error_title": "Ongeldige drempel", "error_message": "Typ een getal van 1 tot 100."})
    ws.write_string(int(STATUS_CELL[1:]) - 1, 0, "Laatste keer:", label)
    ws.write_blank(int(STATUS_CELL[1:]) - 1, 1, None, status)
    for macro, caption, offset in BUTTONS:
        ws.insert_button(FIRST_ROW - 1 + offset, 4, {"macro": macro, "caption": caption, "width": 168, "height": 30})
    wb.close()
    return buf.getvalue()


# --- the button's Python side (called through werkboek.excel.jaarcijfers) -------------------------

def _int(value: Any, what: str, default: int | None) -> int | None:
    text = values.clean_text(value)
    if text == "":
        return default
    parsed = values.parse(value, schema.INT)
    if not isinstance(parsed, int):
        raise WerkboekError(f"{what} '{text}' is geen geheel getal.", f"Verbeter de cel naast '{what}'.")
    return parsed


def run_from_book(book: Any) -> Path:
    """Read the coordinator sheet, make the yearly figures, say where they are, and open them."""
    from .api import jaarcijfers

    sheet = book.sheets[SHEET]
    cells = {key: sheet.range(cell_of(key)).value for key, _, _ in FIELDS}
    text = {key: values.clean_text(value) for key, value in cells.items()}
    if not text["map"]:
        raise WerkboekError("Er is nog geen map gekozen.", "Klik op 'Kies map...' en kies de map met de werkmappen.")
    folder = Path(text["map"])
    year = _int(cells["jaar"], "Jaar", None)
    threshold = _int(cells["drempel"], "Drempel kleine aantallen", DEFAULT_THRESHOLD)
    # Default: 'Jaarcijfers 2025.xlsx' beside the folder, never over an earlier one or its report.
    default = folder.parent / f"Jaarcijfers {year or 'alle jaren'}.xlsx"
    out = Path(text["uit"]) if text["uit"] else free_path(default, (".docx",)) if folder.is_dir() else None
    done = jaarcijfers([folder], year, out, text["sleutel"] or None, threshold if threshold is not None else DEFAULT_THRESHOLD)
    sheet.range(STATUS_CELL).value = f"Jaarcijfers {done.yearly.period} gemaakt: {done.workbook}. {done.summary}"
    from .excel import open_file

    note = f"\n\nLet op: {done.key_note}" if done.key_note else ""
    book.app.alert(f"De jaarcijfers staan in:\n{done.workbook}\n{done.report}\n\n{done.summary}{note}", title="werkboek", mode="info")
    open_file(done.workbook)
    return done.workbook
