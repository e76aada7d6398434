"""Sheet grids (from a file or a live Excel book) into a typed Case.

Columns are found by their Dutch header, not by position, so a column a worker added is
ignored and an older template's renamed header is mapped through `migrations`. Blank rows are
skipped. Every value remembers its cell.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from . import migrations, schema, sheetxml, values
from .model import MERGED, Case, ReadNote, Record, default_lists
from .source import Grid, Grids, read_file
from .values import norm_header


def read_case(path: str | os.PathLike[str], isolate: bool = True) -> Case:
    """Read a Netwerkkaart workbook file. Raises FileProblem when it cannot be read."""
    case = parse_grids(*read_file(path, isolate=isolate))
    case.source = str(path)
    return case


def template_version(grids: Grids) -> int | None:
    grid = grids.get(schema.PICKER_SHEET) or []
    for row in grid[:3]:
        for i, cell in enumerate(row[:-1]):
            if cell == schema.VERSION_MARKER:
                v = values.parse(row[i + 1], schema.INT)
                return v if isinstance(v, int) else None
    return None


def parse_grids(grids: Grids, notes: Iterable[ReadNote] = ()) -> Case:
    """A Case from the grids, with what reading the file noticed (`notes`, for the checks)."""
    version = template_version(grids)
    headers = migrations.header_map(version)
    lists = _lists(grids.get(schema.LISTS_SHEET) or [])
    case = Case.empty()
    case.lists = lists
    case.template_version = version if version is not None else 0
    notes = list(notes)
    case.notes = [n for n in notes if n.kind != MERGED]
    case.dossier = _dossier(grids.get(schema.DOSSIER.name) or [], lists, headers)
    for sheet in schema.TABLES:
        merged = [n for n in notes if n.kind == MERGED and n.sheet == sheet.name]
        rows, missing, read_merged = _table(sheet, grids.get(sheet.name) or [], lists, headers, merged)
        case.notes += read_merged
        case.tables[sheet.key] = rows
        if missing:
            case.missing_columns[sheet.key] = missing
    return case


def parse_dossier(grids: Grids) -> Record:
    """Only the dossier form (enough to know a case's period before reading the rest)."""
    return _dossier(grids.get(schema.DOSSIER.name) or [], {}, migrations.header_map(template_version(grids)))


def _cell(sheet: str, col: int, row: int) -> str:
    return f"{sheet}!{schema.col_letter(col)}{row}"


_SEEN_LISTS: dict[tuple[tuple[Any, ...], ...], dict[str, tuple[str, ...]]] = {}


def _lists(grid: Grid) -> dict[str, tuple[str, ...]]:
    # Most workbooks of a year have the same list sheet: read each distinct one once. Only text
    # cells make the key (as a dict key, True would equal 1.0, which reads as another item).
    if not all(v is None or v.__class__ is str for row in grid for v in row):
        return _read_lists(grid)
    key = tuple(map(tuple, grid))
    if key not in _SEEN_LISTS:
        if len(_SEEN_LISTS) >= 64:
            _SEEN_LISTS.clear()
        _SEEN_LISTS[key] = _read_lists(grid)
    return dict(_SEEN_LISTS[key])


def _read_lists(grid: Grid) -> dict[str, tuple[str, ...]]:
    by_name = {norm_header(lst.name): lst for lst in schema.LISTS}
    out = default_lists()  # a list the sheet lacks keeps its default values
    if not grid:
        return out
    for c, head in enumerate(grid[0]):
        lst = by_name.get(norm_header(head))
        if lst is None:
            continue
        items = [values.clean_text(r[c]) for r in grid[1:] if c < len(r)]
        items = [" ".join(i.split()) for i in items if i.strip()]
        if items:
            out[lst.key] = tuple(dict.fromkeys(items))
    return out


def _dossier(grid: Grid, lists: dict[str, tuple[str, ...]], headers: dict[str, str]) -> Record:
    fields = {norm_header(headers.get(norm_header(f.header), f.header)): f for f in schema.DOSSIER.fields}
    rec = Record("dossier", {})
    for r, row in enumerate(grid):
        if not row:
            continue
        label = norm_header(row[0])
        f = fields.get(headers.get(label, label))
        if f is None or f.key in rec.values:
            continue
        raw = row[1] if len(row) > 1 else None
        rec.values[f.key] = values.parse(raw, f.type, lists.get(f.list) if f.list else None)
        rec.cells[f.key] = _cell(schema.DOSSIER.name, 1, r + 1)
    return rec


def _table(sheet: schema.Sheet, grid: Grid, lists: dict[str, tuple[str, ...]], headers: dict[str, str],
           merged: list[ReadNote]) -> tuple[list[Record], list[str], list[ReadNote]]:
    want = {norm_header(c.header): c for c in sheet.columns}

    def column(h: Any) -> schema.Column | None:
        n = norm_header(h)
        return want.get(headers.get(n, n))

    # The header row: among the first rows, the one that names most of our columns.
    best, header_row = 0, 0
    for r, row in enumerate(grid[:10]):
        hits = sum(1 for h in row if h not in (None, "") and column(h) is not None)
        if hits > best:
            best, header_row = hits, r
        if best == len(want):
            break
    positions: dict[str, int] = {}
    if grid:
        for c, h in enumerate(grid[header_row]):
            col = column(h) if h not in (None, "") else None
            if col is not None and col.key not in positions:
                positions[col.key] = c
    missing = [c.key for c in sheet.columns if c.key not in positions]
    found = [c for c in sheet.columns if c.key in positions]
    keys = [c.key for c in found]
    places = [positions[c.key] for c in found]
    convert = [values.parser(c.type, lists.get(c.list) if c.list else None) for c in found]
    columns = {c.key: f"{sheet.name}!{schema.col_letter(positions[c.key])}" for c in found}
    grid, notes = _unmerge(grid, merged, header_row, set(places))
    records = []
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        n = len(row)
        raw = [row[c] if c < n else None for c in places]
        if all(v is None or (v.__class__ is str and not v.strip()) for v in raw):
            continue  # blank rows between data are fine
        vals = dict(zip(keys, [f(v) for f, v in zip(convert, raw, strict=True)], strict=True))
        for key in missing:
            vals[key] = None
        records.append(Record(sheet.key, vals, row=r + 1, columns=columns))
    return records, missing, notes


def _unmerge(grid: Grid, merged: list[ReadNote], header_row: int, read: set[int]) -> tuple[Grid, list[ReadNote]]:
    """Merged cells over rows of a table, read as Excel shows them: one value for every row the
    merge covers. A worker who merges 'B2' over three actions means B2 for each of them, so the
    value goes into the merge's first column in every row (a copy of the grid; the other columns
    of a merge are covered, and stay empty as on screen). Each merge over the data in a column
    that is read gets a note: Excel's own cells hold the value only in the first row, which is
    what the live book gives the Controleer button, and sorting or filtering fails on them."""
    notes: list[ReadNote] = []
    for note in merged:
        first, _, last = note.where.partition(":")
        try:
            (top, left), (bottom, right) = sheetxml.cell_ref(first), sheetxml.cell_ref(last or first)
        except ValueError:
            continue
        top, left, bottom, right = top - 1, left - 1, bottom - 1, right - 1  # 0-based, as the grid
        if bottom <= header_row or not any(left <= c <= right for c in read):
            continue  # the header, or columns werkboek does not read
        value = grid[top][left] if top < len(grid) and left < len(grid[top]) else None
        if top > header_row and bottom > top:
            grid = list(grid)
            for r in range(top + 1, min(bottom, len(grid) - 1) + 1):
                row = grid[r] = list(grid[r])
                row.extend([""] * (left + 1 - len(row)))
                row[left] = value
        notes.append(ReadNote(MERGED, note.sheet, note.cell, values.clean_text(value), note.where))
    return grid, notes
