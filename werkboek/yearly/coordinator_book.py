"""The coordinator's workbook: Jaarcijfers.xlsm, one sheet with a folder, a year, a key file and
buttons, so the yearly figures can be made from Excel without a terminal.

The buttons only fill cells (a folder or file picked with Excel's own dialog) or start a fixed
Python call, `werkboek.excel.jaarcijfers()` or `werkboek.excel.sleutel_maken()`; Python then reads
the cells itself. Nothing typed on
the sheet ever becomes part of code. The macros live in `werkboek/vba/coordinator/`, apart from
the case workbook's macros.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ..files import new_file, write_atomic
from ..workbook import xlsx, xlwings_conf
from .suppression import DEFAULT_THRESHOLD

SHEET = "Jaarcijfers"
VBA_DIR = xlsx.VBA_DIR / "coordinator"
# The input cells, in column B; labels in A, help in C.
FIELDS = (
    ("map", "Map met de werkmappen", "Klik 'Kies map...' of typ het pad. Submappen worden ook gelezen."),
    ("jaar", "Jaar", "Bv. 2025: dossiers die in dat jaar open waren. Leeg: alle dossiers."),
    ("sleutel", "Sleutelbestand", ("Voor pseudoniemen die elk jaar gelijk blijven: kies je sleutel, of maak één "
                                   "keer een nieuwe en bewaar die buiten de teammappen. Leeg: willekeurige "
                                   "pseudoniemen voor deze keer.")),
    ("drempel", "Drempel kleine aantallen",
     f"Aantallen onder deze drempel worden verborgen. Standaard {DEFAULT_THRESHOLD}."),
    ("uit", "Uitvoer (.xlsx)", "Leeg: 'Jaarcijfers JJJJ.xlsx' naast de map met de werkmappen."),
)
FIRST_ROW = 4  # 1-based row of the first field
MAIN_ROW = FIRST_ROW + len(FIELDS) + 1  # the 'Jaarcijfers maken' button, below the fields, in column B
STATUS_CELL = f"B{MAIN_ROW + 2}"
# Columns A-D in characters: label, input, the field's own buttons, help. Everything a coordinator
# needs sits in the first 1,000 pixels, so a 1280-pixel laptop shows it at Excel's 100 % zoom
# (a column is about 7 pixels a character plus 5: 64 pixels for Excel's default 8.43).
WIDTHS = (28, 50, 22, 50)
FIELD_HEIGHT, KEY_HEIGHT = 24, 48  # points; the key's row holds two buttons
# (macro, caption, row 0-based, column, y offset, width, height): the field's own buttons beside it.
BUTTONS = (
    ("KiesMap", "Kies map...", FIRST_ROW - 1, 2, 2, 150, 26),
    ("KiesSleutel", "Kies sleutel...", FIRST_ROW + 1, 2, 2, 150, 26),
    ("SleutelMaken", "Nieuwe sleutel maken...", FIRST_ROW + 1, 2, 32, 150, 26),
    ("MaakJaarcijfers", "Jaarcijfers maken", MAIN_ROW - 1, 1, 4, 240, 40),
)


def cell_of(key: str) -> str:
    return f"B{FIRST_ROW + [k for k, _, _ in FIELDS].index(key)}"


def build(path: str | os.PathLike[str], overschrijf: bool = False) -> Path:
    """Write the coordinator workbook (never over an existing file unless asked)."""
    return write_atomic(new_file(path, ".xlsm", overschrijf), xlsx.add_vba(_sheet_bytes(), VBA_DIR))


def _sheet_bytes() -> bytes:
    buf = io.BytesIO()
    wb = xlsx.new_workbook(buf, title="Jaarcijfers")
    style = xlsx.STYLES
    fmt = xlsx.formats(wb, {
        "title": {**style["title"], "font_size": 16},
        "intro": style["intro"],
        "label": style["label"],
        "text_in": {**style["input"], "num_format": "@"},
        "number_in": {**style["input"], "num_format": "0", "align": "left"},
        "help": style["help"],
        "status": {"italic": True, "text_wrap": True},
    })
    title, intro, label, text_in, number_in, help_, status = fmt.values()
    ws = wb.add_worksheet(SHEET)
    ws.hide_gridlines(2)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, "Jaarcijfers netwerkgericht werken", title)
    ws.merge_range(1, 0, 1, 3, "Kies de map met de Netwerkkaarten van het jaar en klik op 'Jaarcijfers maken'. "
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
        ws.write_string(r, 3, tip, help_)
        ws.set_row(r, KEY_HEIGHT if key == "sleutel" else FIELD_HEIGHT)
    ws.data_validation(cell_of("jaar"), {"validate": "integer", "criteria": "between", "minimum": 1990, "maximum": 2100,
                                         "error_title": "Geen jaar",
                                         "error_message": "Typ een jaar als 2025, of laat leeg."})
    ws.data_validation(cell_of("drempel"), {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 100,
                                            "error_title": "Ongeldige drempel",
                                            "error_message": "Typ een getal van 1 tot 100."})
    ws.set_row(MAIN_ROW - 1, 36)
    ws.write_string(int(STATUS_CELL[1:]) - 1, 0, "Laatste keer:", label)
    ws.write_blank(int(STATUS_CELL[1:]) - 1, 1, None, status)
    for macro, caption, row, col, y, width, height in BUTTONS:
        ws.insert_button(row, col, {"macro": macro, "caption": caption, "width": width, "height": height,
                                    "x_offset": 4, "y_offset": y})
    xlwings_conf.add_sheet(wb)
    wb.close()
    return buf.getvalue()
