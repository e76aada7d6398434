"""Sheet grids (from a file or a live Excel book) into a typed Case.

Columns are found by their Dutch header, not by position, so a column a worker added is
ignored and an older template's renamed header is mapped through `migrations`. Blank rows are
skipped, and so are rows that hold only the ID the builder wrote in advance. A row a worker
started without an ID gets the next free one. A grid sheet (Cirkels) gives one record per filled
cell. Every value remembers its cell. Last, every reference is resolved to the ID of the row it
names (`references`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from typing import Any

from . import migrations, references, schema, sheetxml, values
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


class WholeSheetNeeded(Exception):
    """A sheet read lean (source.inspect) cannot be read right without the rows left out: its ID
    column is not column A, or a row needs a derived ID (which counts the IDs of blank rows)."""


def parse_grids(grids: Grids, notes: Iterable[ReadNote] = (), lean: Collection[str] = ()) -> Case:
    """A Case from the grids, with what reading the file noticed (`notes`, for the checks).
    `lean`: the sheets read without their trailing ID-only rows (raises WholeSheetNeeded)."""
    version = template_version(grids)
    headers = migrations.header_map(version)
    lists, list_cells = _lists(grids.get(schema.LISTS_SHEET) or [])
    case = Case.empty()
    case.lists = lists
    case.list_cells = list_cells
    case.template_version = version if version is not None else 0
    notes = list(notes)
    case.notes = [n for n in notes if n.kind != MERGED]
    case.dossier = _dossier(grids.get(schema.DOSSIER.name) or [], lists, headers)
    for sheet in schema.TABLES:
        if sheet.since > 1 and sheet.name not in grids:
            case.tables[sheet.key] = []  # a sheet of a later template version: none of its rows
            continue
        grid = grids.get(sheet.name) or []
        layout = _layout(migrations.layouts(version, sheet), grid, headers)
        if layout.grid is not None:
            rows, missing = _grid(layout, grid, lists, sheet.name in lean)
        else:
            merged = [n for n in notes if n.kind == MERGED and n.sheet == sheet.name]
            rows, missing, derived, read_merged = _table(layout, grid, lists, headers, merged, sheet.name in lean)
            case.notes += read_merged
            if derived:
                case.derived_ids[sheet.key] = derived
        case.tables[sheet.key] = rows
        if missing:
            case.missing_columns[sheet.key] = missing
    references.resolve_case(case)
    return case


def parse_dossier(grids: Grids) -> Record:
    """Only the dossier form (enough to know a case's period before reading the rest)."""
    return _dossier(grids.get(schema.DOSSIER.name) or [], {}, migrations.header_map(template_version(grids)))


def _cell(sheet: str, col: int, row: int) -> str:
    return f"{sheet}!{schema.col_letter(col)}{row}"


def _layout(candidates: list[schema.Sheet], grid: Grid, headers: dict[str, str]) -> schema.Sheet:
    """Of the layouts a sheet has had, the one whose headers the sheet shows (the first on a tie)."""
    if len(candidates) == 1:
        return candidates[0]
    scores = [_header_hits(s, grid, headers) for s in candidates]
    return candidates[scores.index(max(scores))]


def _header_hits(sheet: schema.Sheet, grid: Grid, headers: dict[str, str]) -> int:
    if sheet.grid is not None:
        heads = {norm_header(sheet.column(sheet.grid.key).header), *(norm_header(s.header) for s in sheet.grid.shown)}
        heads |= {norm_header(sheet.column(k).header) for k in sheet.grid.across}
    else:
        heads = {norm_header(c.header) for c in sheet.columns}
    seen = {headers.get(n, n) for row in grid[:10] for n in (norm_header(v) for v in row if v not in (None, ""))}
    return len(heads & seen)


_Lists = tuple[dict[str, tuple[str, ...]], dict[str, str]]
_SEEN_LISTS: dict[tuple[tuple[Any, ...], ...], _Lists] = {}


def _lists(grid: Grid) -> _Lists:
    """The lists of the Lijsten sheet (a list it lacks keeps its default) and the cell of each header."""
    # Most workbooks of a year have the same list sheet: read each distinct one once. Only text
    # cells make the key (as a dict key, True would equal 1.0, which reads as another item).
    if not all(v is None or v.__class__ is str for row in grid for v in row):
        return _read_lists(grid)
    key = tuple(map(tuple, grid))
    if key not in _SEEN_LISTS:
        if len(_SEEN_LISTS) >= 64:
            _SEEN_LISTS.clear()
        _SEEN_LISTS[key] = _read_lists(grid)
    lists, cells = _SEEN_LISTS[key]
    return dict(lists), dict(cells)


def _read_lists(grid: Grid) -> _Lists:
    by_name = {norm_header(lst.name): lst for lst in schema.LISTS}
    out = default_lists()  # a list the sheet lacks keeps its default values
    cells: dict[str, str] = {}
    # The row of list names: row 1 in version 1, row 2 (below the instructions) since.
    hits = [sum(norm_header(v) in by_name for v in row) for row in grid[:5]]
    if not hits or max(hits) == 0:
        return out, cells
    top = hits.index(max(hits))
    for c, head in enumerate(grid[top]):
        lst = by_name.get(norm_header(head))
        if lst is None or lst.key in cells:
            continue
        cells[lst.key] = _cell(schema.LISTS_SHEET, c, top + 1)
        items = [values.clean_text(r[c]) for r in grid[top + 1:] if c < len(r)]
        items = [" ".join(i.split()) for i in items if i.strip()]
        if items:
            out[lst.key] = tuple(dict.fromkeys(items))
    return out, cells


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


def _empty(v: Any) -> bool:
    return v is None or (v.__class__ is str and not v.strip())


def _table(sheet: schema.Sheet, grid: Grid, lists: dict[str, tuple[str, ...]], headers: dict[str, str],
           merged: list[ReadNote], lean: bool = False) -> tuple[list[Record], list[str], list[str], list[ReadNote]]:
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
    # An ID alone is not a row: the builder writes IDs in advance. Its position in `places`:
    id_at = keys.index(sheet.id_column) if sheet.id_column in positions else None
    data_at = [i for i in range(len(places)) if i != id_at]
    records = []
    id_key = sheet.id_column or ""
    numbered = None
    if sheet.id_prefix and id_at is not None:
        numbered = re.compile(rf"^{re.escape(sheet.id_prefix)}(\d{{1,6}})$", re.IGNORECASE)
    id_col = positions.get(id_key)
    if lean and id_col != 0:  # the rows left out had their value in column A: it must be the ID
        raise WholeSheetNeeded(sheet.name)
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        n = len(row)
        # Most rows of a version-2 sheet hold only the ID written in advance: counted in C.
        if row.count("") + row.count(None) >= n - (id_col is not None and id_col < n and not _empty(row[id_col])):
            continue
        raw = [row[c] if c < n else None for c in places]
        if all(_empty(raw[i]) for i in data_at):
            continue  # blank rows between data are fine, and so is a row with only its ID
        # Most cells of a row are empty: no call for those (each converter gives None for them too).
        vals = dict(zip(keys, [None if v is None or v == "" else f(v) for f, v in zip(convert, raw, strict=True)],
                        strict=True))
        for key in missing:
            vals[key] = None
        records.append(Record(sheet.key, vals, row=r + 1, columns=columns))
    derived: list[str] = []
    if numbered is not None and id_col is not None and any(rec.values.get(id_key) is None for rec in records):
        if lean:
            raise WholeSheetNeeded(sheet.name)
        # A started row without an ID (inserted, or cleared and typed again) gets the next free
        # number after every ID in the column, blank rows included, so it cannot take the ID of
        # a row filled later.
        given = (row[id_col] for row in grid[header_row + 1:] if id_col < len(row))
        numbers = [int(m.group(1)) for v in given if isinstance(v, str) and (m := numbered.match(v.strip()))]
        nxt = max(numbers, default=0)
        for rec in records:
            if rec.values.get(id_key) is None:
                nxt += 1
                derived.append(sheet.make_id(nxt))
                rec.values[id_key] = derived[-1]
    return records, missing, derived, notes


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


def _grid(sheet: schema.Sheet, grid: Grid, lists: dict[str, tuple[str, ...]],
          lean: bool = False) -> tuple[list[Record], list[str]]:
    """A grid sheet (see `schema.Grid`): one record per filled cell, measurement by measurement."""
    spec = sheet.grid
    assert spec is not None
    key_head = norm_header(sheet.column(spec.key).header)
    header_row = key_col = None
    for r, row in enumerate(grid[:12]):
        for c, v in enumerate(row):
            if v not in (None, "") and norm_header(v) == key_head:
                header_row, key_col = r, c
                break
        if header_row is not None:
            break
    if lean and key_col != 0:  # the rows left out had their value in column A: it must be the key
        raise WholeSheetNeeded(sheet.name)
    if header_row is None or key_col is None:
        return [], [spec.key]
    # The labelled rows above the header (Datum meting, Moment, Vraag): label cell -> its row.
    labels = {norm_header(sheet.column(k).header): k for k in spec.across}
    across: dict[str, int] = {}
    label_col = key_col
    for r in range(header_row):
        for c, v in enumerate(grid[r]):
            k = labels.get(norm_header(v)) if v not in (None, "") else None
            if k is not None and k not in across:
                across[k] = r
                label_col = max(label_col, c)
    def at(r: int, c: int) -> Any:
        row = grid[r]
        return row[c] if c < len(row) else None

    shown = {norm_header(s.header) for s in spec.shown}
    head = grid[header_row]
    width = max((len(row) for row in grid), default=0)

    def is_measurement(c: int) -> bool:
        # A column with a date, moment or question above it; or without a header of its own (its
        # numbers then lack a moment, which the checks say). A worker's own column is neither.
        if any(not _empty(at(r, c)) for r in across.values()):
            return True
        return c >= len(head) or _empty(head[c])

    measured = [c for c in range(label_col + 1, width)
                if not (c < len(head) and not _empty(head[c]) and norm_header(head[c]) in shown) and is_measurement(c)]
    parse_across = {k: values.parser(sheet.column(k).type, lists.get(sheet.column(k).list or "")) for k in across}
    parse_key = values.parser(sheet.column(spec.key).type)
    parse_value = values.parser(sheet.column(spec.value).type)

    # One pass over the rows, the records kept per column: they come measurement by measurement.
    per_column: dict[int, list[Record]] = {c: [] for c in measured}
    unlabelled = {k: None for k in spec.across if k not in across}
    heads = {c: ({k: parse_across[k](at(r, c)) for k, r in across.items()} | unlabelled,
                 {k: f"{sheet.name}!{schema.col_letter(c)}{r + 1}" for k, r in across.items()}) for c in measured}
    letters = {c: schema.col_letter(c) for c in measured}
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        n = len(row)
        empties = row.count("") + row.count(None)
        if empties == n or (empties == n - 1 and key_col < n and not _empty(row[key_col])):
            continue  # at most its key: nobody placed
        for c in measured:
            raw = row[c] if c < n else None
            if raw is None or raw == "" or _empty(raw):
                continue
            given, cells = heads[c]
            key = parse_key(row[key_col] if key_col < n else None)
            where = {**cells, spec.key: _cell(sheet.name, key_col, r + 1),
                     spec.value: f"{sheet.name}!{letters[c]}{r + 1}"}
            per_column[c].append(Record(sheet.key, {**given, spec.key: key, spec.value: parse_value(raw)}, row=r + 1,
                                        cells=where))
    records = [rec for c in measured for rec in per_column[c]]
    missing = [k for k in spec.across if k not in across]
    return records, missing
