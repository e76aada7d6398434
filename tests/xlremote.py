"""xlwings' remote engine fed with a real workbook file: the payload Excel's client would send.

Test and benchmark support only. The remote engine is xlwings PRO (PolyForm Noncommercial): it
needs XLWINGS_LICENSE_KEY=noncommercial before `xlwings.pro` is imported, and runtime code never
imports it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import python_calamine
from openpyxl.utils.cell import coordinate_to_tuple


def remote_xlwings() -> Any:
    """xlwings with its remote engine loaded (the caller has set the licence key)."""
    import xlwings
    import xlwings.pro  # registers the remote engine

    return xlwings


def _js(value: Any) -> Any:
    """A cell value as Excel's client sends it in the payload."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat(timespec="milliseconds") + "Z"
    return value


def payload(xw: Any, path: Path, name: str = "Netwerkkaart.xlsm", cells: dict[str, Any] | None = None) -> dict:
    """The payload xlwings' client would send for the workbook at `path`, with `cells` typed in."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    sheets = []
    for sheet in book.sheet_names:
        rows = [[_js(v) for v in row] for row in book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]
        sheets.append({"name": sheet, "values": rows or [[]], "pictures": [], "tables": []})
    book.close()
    data = {"client": "VBA", "version": xw.__version__, "names": [], "sheets": sheets,
            "book": {"name": name, "active_sheet_index": 0, "selection": "A1"}}
    for ref, value in (cells or {}).items():
        put(data, ref, value)
    return data


def put(data: dict, ref: str, value: Any) -> None:
    sheet, cell = ref.split("!")
    row, col = coords(cell)
    values = next(s for s in data["sheets"] if s["name"] == sheet)["values"]
    width = max(len(values[0]) if values else 0, col + 1)
    while len(values) <= row:
        values.append([""] * width)
    for r in values:
        r.extend([""] * (width - len(r)))
    values[row][col] = _js(value)


def coords(cell: str) -> tuple[int, int]:
    """'D7' -> (6, 3), 0-based."""
    row, col = coordinate_to_tuple(cell)
    return row - 1, col - 1


def alerts(book: Any) -> list[str]:
    """The message boxes the code asked the book to show, in order."""
    return [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
