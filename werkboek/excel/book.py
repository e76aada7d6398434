"""The live Excel book, as the buttons see it through xlwings: its sheets as the grids the file
reader gives, and werkboek's own areas written back: the Controle sheet below its header, the
status cell, the fill of the cells a finding points at, and the record of those marks on the
very hidden Keuzes sheet (so clearing old marks never clears a worker's own colours). Nothing a
worker typed is changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tempfile
import traceback
from pathlib import Path
from typing import Any

from .. import dutch
from ..checks.findings import Finding, control_rows
from ..errors import WerkboekError
from ..workbook import schema, values, xlsx
from ..workbook.source import USE_TEMPLATE, Grid, Grids
from ..yearly import coordinator_book

TITLE = "werkboek"
ERROR_FILL, WARNING_FILL = "#FFC7CE", "#FFEB9C"  # Excel's own "Slecht" and "Neutraal" fills
MAX_MARKS = 500  # each mark is a round trip to Excel; beyond this the Controle sheet still lists all


def sheet_names(book: Any) -> dict[str, str]:
    """werkboek's sheets by the schema's names -> the book's own names: Excel ignores case in
    sheet names, so a sheet renamed "personen" is still Personen."""
    own: dict[str, str] = {}
    for sheet in book.sheets:
        own.setdefault(sheet.name.casefold(), sheet.name)
    return {name: own[name.casefold()] for name in schema.SHEET_ORDER if name.casefold() in own}


def sheet(book: Any, name: str) -> Any:
    """One of werkboek's sheets, by the schema's name, whatever its case in the book."""
    return book.sheets[sheet_names(book).get(name, name)]


def read_grids(book: Any) -> Grids:
    """The book's sheets as rows of raw values from A1: the shape `source.read_grids` gives."""
    present = sheet_names(book)
    missing = [name for name in schema.REQUIRED_SHEETS if name not in present]
    if missing:
        raise WerkboekError(f"{book.name}: dit is geen Netwerkkaart-werkmap: de bladen {', '.join(missing)} ontbreken.",
                            USE_TEMPLATE)
    wanted = (*schema.REQUIRED_SHEETS, *schema.OPTIONAL_SHEETS, schema.LISTS_SHEET, schema.PICKER_SHEET)
    return {name: _grid(book.sheets[present[name]]) for name in wanted if name in present}


def _grid(sheet: Any) -> Grid:
    used = sheet.used_range  # Excel's used range need not start at A1
    rows = used.options(ndim=2, err_to_str=True).value or []
    left = [None] * (used.column - 1)
    return [[] for _ in range(used.row - 1)] + [left + list(row) for row in rows]


def write_findings(book: Any, findings: list[Finding]) -> None:
    """Replace the rows below the Controle header; the Cel column links to the cell."""
    controle = sheet(book, schema.CHECK_SHEET)
    width = len(schema.CHECK_COLUMNS)
    rows = []
    for row, link in control_rows(findings):  # in the checks' order: by sheet, errors first
        row = [as_text(v) for v in row]
        if row[2]:
            row[2] = _hyperlink(link, str(row[2]))
        rows.append(row)
    if not rows:
        rows = [["", "", "", f"Geen fouten of waarschuwingen ({now()}).", "", ""]]
    old_last = _last_row(controle)
    controle.range((2, 1)).value = rows
    if old_last > len(rows) + 1:
        controle.range((len(rows) + 2, 1), (old_last, width)).clear_contents()


def _hyperlink(target: str, text: str) -> str:
    # A HYPERLINK formula rather than a Hyperlinks object: written in one go with the rows, and
    # Excel on Windows and Mac follows "#'Blad'!A1" to the cell.
    target, text = (s.replace('"', '""') for s in (target, text))
    return f'=HYPERLINK("{target}","{text}")'


def as_text(value: Any) -> Any:
    """Text that Excel shows as it is: never as a formula (a finding may quote what a worker typed)."""
    return dutch.as_text_cell(value, typed=True) if isinstance(value, str) else value


def _last_row(sheet: Any) -> int:
    used = sheet.used_range
    return used.row + used.shape[0] - 1


def mark(book: Any, grids: Grids, findings: list[Finding]) -> None:
    """Fill the cells findings point at; restore the cells marked last time and no longer wrong."""
    present = sheet_names(book)
    if schema.PICKER_SHEET not in present:  # nowhere to remember marks, so none to clear later either
        return
    new: dict[str, str] = {}
    for f in findings:
        markable = f.cell and f.sheet in present and f.sheet not in (schema.CHECK_SHEET, schema.PICKER_SHEET)
        if markable and (f.is_error or f.ref not in new):
            new[f.ref] = ERROR_FILL if f.is_error else WARNING_FILL
    new = dict(list(new.items())[:MAX_MARKS])
    old = _recorded_marks(grids)
    for ref, before in old.items():
        if ref not in new and ref.split("!")[0] in present:
            rng = _cell(book, present, ref)
            if _fill(rng) in (None, ERROR_FILL, WARNING_FILL):  # None: unknown; else the worker recoloured it
                rng.color = before
    record = []
    for ref, colour in new.items():
        rng = _cell(book, present, ref)
        before = old[ref] if ref in old else _fill(rng, default=_template_fill(ref))
        rng.color = colour
        record.append([ref, before or ""])
    keuzes = book.sheets[present[schema.PICKER_SHEET]]  # present: checked on entry
    col = schema.MARKS_COLUMN + 1
    keuzes.range((1, col)).value = [list(schema.MARKS_HEADER), *record]
    if len(old) > len(record):
        keuzes.range((len(record) + 2, col), (len(old) + 1, col + 1)).clear_contents()


def _recorded_marks(grids: Grids) -> dict[str, str | None]:
    grid = grids.get(schema.PICKER_SHEET) or []
    if not grid or len(grid[0]) <= schema.MARKS_COLUMN or grid[0][schema.MARKS_COLUMN] != schema.MARKS_HEADER[0]:
        return {}
    out: dict[str, str | None] = {}
    for row in grid[1:]:
        ref = values.clean_text(row[schema.MARKS_COLUMN]) if len(row) > schema.MARKS_COLUMN else ""
        if not re.fullmatch(r"[^!]+![A-Z]{1,3}\d{1,7}", ref):
            break
        before = values.clean_text(row[schema.MARKS_COLUMN + 1]) if len(row) > schema.MARKS_COLUMN + 1 else ""
        out[ref] = before if re.fullmatch(r"#[0-9A-Fa-f]{6}", before) else None
    return out


def _cell(book: Any, names: dict[str, str], ref: str) -> Any:
    name, cell = ref.rsplit("!", 1)
    return book.sheets[names.get(name, name)].range(cell)


def _fill(rng: Any, default: str | None = None) -> str | None:
    """The cell's fill as "#RRGGBB" (None: no fill); `default` where Excel cannot say (remote engine)."""
    try:
        colour = rng.color
    except NotImplementedError:
        return default
    if colour is None:
        return None
    return "#{:02X}{:02X}{:02X}".format(*colour)


def _template_fill(ref: str) -> str | None:
    """The fill the builder gave a cell: the yellow input cells of the dossier form and of the
    circle grid (its measurement columns, below and above its header row), else none."""
    sheet, cell = ref.rsplit("!", 1)
    m = re.fullmatch(r"([A-Z]{1,3})(\d+)", cell)
    if m is None:
        return None
    letters, row = m.group(1), int(m.group(2))
    form_rows = {schema.DOSSIER.row_of(f.key) for f in schema.DOSSIER.fields}
    if sheet == schema.DOSSIER.name and letters == "B" and row in form_rows:
        return xlsx.INPUT_FILL
    grid = schema.CIRKELS.grid
    if sheet == schema.CIRKELS.name and grid is not None and row != len(grid.across) + 1 \
            and (len(letters), letters) > (1, schema.col_letter(len(grid.shown))):
        return xlsx.INPUT_FILL
    return None


def status(book: Any, text: str) -> None:
    """Write the status cell: the Dossier sheet's, or the coordinator workbook's (Jaarcijfers.xlsm)."""
    if schema.DOSSIER.name in sheet_names(book):
        cell = sheet(book, schema.DOSSIER.name).range(schema.STATUS_CELL)
    else:
        cell = book.sheets[coordinator_book.SHEET].range(coordinator_book.STATUS_CELL)
    cell.value = as_text(text)


def tell(book: Any, message: str, line: str, problem: bool = False) -> None:
    """A message box, and the same news (`line`) in the status cell (kept even if the box cannot show)."""
    with contextlib.suppress(Exception):  # a protected or renamed sheet must not hide the message itself
        status(book, f"{line} ({now()})")
    book.app.alert(message, title=TITLE, mode="critical" if problem else "info")


def now() -> str:
    return dt.datetime.now().strftime("%d/%m/%Y %H:%M")


def log_error() -> Path:
    log = Path(tempfile.gettempdir()) / "werkboek-excel-fout.log"
    try:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{traceback.format_exc()}\n")
    except OSError:
        pass
    return log


def fullname(book: Any) -> str:
    try:
        return str(book.fullname)
    except Exception:  # noqa: BLE001 - e.g. a OneDrive address xlwings cannot map to a local path
        return ""


def read_only(book: Any) -> bool:
    try:
        return bool(book.api.ReadOnly)  # Excel on Windows/Mac; the remote engine has no such flag
    except Exception:  # noqa: BLE001 - any engine without it: not read-only
        return False
