"""Reading what werkboek wrote back, as the tests compare it (shared by several test modules)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook


def sheet_rows(path: Path, sheet: str) -> list[list[Any]]:
    """One sheet of a workbook as rows of values (calamine, as the reader sees them)."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def parts(path: Path) -> dict[str, bytes]:
    """Every part of an Office file (a zip) by name."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def docx_text(path: Path) -> str:
    """A Word file's paragraphs, then its table cells, one per line."""
    import docx

    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def published_values(path: Path, sheet: str = "Overzicht") -> dict[str, Any]:
    """The yearly overview's key figures (or any label/value sheet) by label, as the file holds them."""
    rows = sheet_rows(path, sheet)
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Kerncijfer", "Waarde"])
    out = {}
    for r in rows[start + 1:]:
        if not r or not r[0]:
            break
        out[r[0]] = r[1]
    return out
