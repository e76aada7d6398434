"""The coordinator's workbook: Jaarcijfers.xlsm, one sheet with a folder, a year, a key file and
buttons, so the yearly figures can be made from Excel without a terminal.

The buttons only fill cells (a folder or file picked with Excel's own dialog) or start the fixed
Python call `werkboek.excel.jaarcijfers()`; Python then reads the cells itself. Nothing typed on
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
    xlwings_conf.add_sheet(wb)
    wb.close()
    return buf.getvalue()
