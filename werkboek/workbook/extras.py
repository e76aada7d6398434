"""What a workbook holds beyond its Case, for `werkboek bijwerken` to carry into the new one:
the columns a worker added to a table, cell comments and cell colours. Read from the grids and the
package XML (expat, as `sheetxml`: DTDs and entities refused); nothing is written here.

Positions are 0-based (row, column) of the sheet as it is in the file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any

from . import schema, sheetxml
from .model import Case
from .source import Grids
from .values import norm_header
from .xlsx import GREY, HEADER_FILL, INPUT_BORDER, INPUT_FILL, TITLE_BLUE

# Fills werkboek itself gives cells (house styles, the Controleer button's marks): not a worker's colour.
OWN_FILLS = {c.lstrip("#").upper() for c in (HEADER_FILL, INPUT_FILL, TITLE_BLUE, GREY, INPUT_BORDER, "#F2F2F2",
                                             "#FFC7CE", "#FFEB9C", "#FFFFFF")}


@dataclass(frozen=True)
class OwnColumn:
    """A column a worker added to a table: its header, where it was, and its value per record."""

    header: str
    column: int  # 0-based, in the old sheet
    values: dict[int, Any]  # record index (in the Case's table) -> raw cell value


@dataclass
class Beyond:
    """What a workbook holds beyond its Case (see the module's docstring)."""

    columns: dict[str, list[OwnColumn]] = field(default_factory=dict)  # table key -> the worker's columns
    comments: dict[str, dict[tuple[int, int], tuple[str, str]]] = field(default_factory=dict)  # sheet -> (author, text)
    fills: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # sheet -> "#RRGGBB"
    header_rows: dict[str, int] = field(default_factory=dict)  # table key -> 0-based header row in the old sheet
    lost: list[str] = field(default_factory=list)  # what cannot be carried, in Dutch, with its cell


@dataclass
class Carry:
    """What the builder writes beyond the case, at positions of the new workbook (0-based)."""

    columns: dict[str, list[tuple[str, dict[int, Any]]]] = field(default_factory=dict)  # table key -> columns
    comments: dict[str, dict[tuple[int, int], tuple[str, str]]] = field(default_factory=dict)
    fills: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


def own_columns(case: Case, grids: Grids, beyond: Beyond) -> None:
    """The columns of each table whose header the schema does not know, with the values of the rows
    the reader read; a value on a row that is no record is listed as lost."""
    for sheet in schema.TABLES:
        rows = case.tables[sheet.key]
        grid = grids.get(sheet.name) or []
        if not grid:
            continue
        known = {norm_header(c.header) for c in sheet.columns}
        if sheet.grid is not None:
            known |= {norm_header(s.header) for s in sheet.grid.shown}
        # The header row: the one that names most of the schema's columns (the reader's rule).
        hits = [sum(1 for v in row if v not in (None, "") and norm_header(v) in known) for row in grid[:12]]
        best = max(hits, default=0)
        top = hits.index(best) if best else 0
        beyond.header_rows[sheet.key] = top
        used = set()
        for rec in rows:
            used |= {column_index(letter) for letter in rec.columns.values()}
        record_at = {rec.row - 1: i for i, rec in enumerate(rows) if rec.row is not None}
        for c, head in enumerate(grid[top]):
            if head in (None, "") or norm_header(head) in known or c in used:
                continue
            if sheet.grid is not None:
                if any(_filled(row, c) for row in grid[top + 1:]):
                    beyond.lost.append(f"{sheet.name}: de eigen kolom '{head}' (kolom {schema.col_letter(c)}) past "
                                       "niet in het raster van de cirkels; neem ze over met de hand.")
                continue
            values: dict[int, Any] = {}
            for r in range(top + 1, len(grid)):
                if not _filled(grid[r], c):
                    continue
                if r in record_at:
                    values[record_at[r]] = grid[r][c]
                else:
                    beyond.lost.append(f"{sheet.name}!{schema.col_letter(c)}{r + 1}: '{grid[r][c]}' in de eigen "
                                       f"kolom '{head}' staat op een rij zonder gegevens; niet meegenomen.")
            beyond.columns.setdefault(sheet.key, []).append(OwnColumn(str(head), c, values))


def _filled(row: list[Any], c: int) -> bool:
    return c < len(row) and row[c] not in (None, "") and not (isinstance(row[c], str) and not row[c].strip())


def column_index(where: str) -> int:
    """'Personen!B' (a record's column) or 'B' -> 1: 0-based, as a grid is."""
    return sheetxml.cell_ref(where.rpartition("!")[2] + "1")[1] - 1


def cell_index(where: str) -> tuple[int, int]:
    """'Dossier!B7' -> (6, 1): 0-based row and column, as a grid is."""
    row, col = sheetxml.cell_ref(where.rpartition("!")[2])
    return row - 1, col - 1


# --- comments and colours, from the package XML ---------------------------------------------------


def comments_and_fills(data: bytes, beyond: Beyond) -> None:
    """Every cell comment and every cell colour that is not werkboek's own, per sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
        parts = sheetxml.package_parts(zf.read("xl/workbook.xml"), rels)
        fills = _style_fills(zf.read("xl/styles.xml")) if "xl/styles.xml" in names else {}
        wanted = {*(s.name for s in schema.TABLES), schema.DOSSIER.name, schema.LISTS_SHEET}
        for name, part in parts.sheets.items():
            if name not in wanted or part not in names:
                continue
            sheet_rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            if sheet_rels in names:
                for target in _comment_parts(zf.read(sheet_rels), posixpath.dirname(part)):
                    if target in names:
                        found = _comments(zf.read(target))
                        if found:
                            beyond.comments.setdefault(name, {}).update(found)
            if fills:
                coloured = _coloured_cells(zf.read(part), fills)
                if coloured:
                    beyond.fills[name] = coloured


def _comment_parts(rels: bytes, folder: str) -> list[str]:
    out = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if sheetxml._local(name) == "Relationship" and attrs.get("Type", "").endswith("/comments"):
            target = attrs.get("Target", "")
            out.append(posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                          else posixpath.join(folder, target)))

    sheetxml._parse(rels, start, namespaces=True)
    return out


def _comments(xml: bytes) -> dict[tuple[int, int], tuple[str, str]]:
    authors: list[str] = []
    out: dict[tuple[int, int], tuple[str, str]] = {}
    state: dict[str, Any] = {"in": None, "text": [], "ref": "", "author": 0}
    p = sheetxml._parser(namespaces=True)

    def start(name: str, attrs: dict[str, str]) -> None:
        local = sheetxml._local(name)
        if local == "author":
            state["in"], state["text"] = "author", []
        elif local == "comment":
            state["in"], state["text"], state["ref"] = "comment", [], attrs.get("ref", "")
            state["author"] = int(attrs.get("authorId", "0") or 0)

    def end(name: str) -> None:
        local = sheetxml._local(name)
        if local == "author" and state["in"] == "author":
            authors.append("".join(state["text"]))
            state["in"] = None
        elif local == "comment" and state["in"] == "comment":
            row, col = sheetxml.cell_ref(state["ref"])
            author = authors[state["author"]] if state["author"] < len(authors) else ""
            out[(row - 1, col - 1)] = (author, "".join(state["text"]))
            state["in"] = None

    def text(data: str) -> None:
        if state["in"]:
            state["text"].append(data)

    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.Parse(xml, True)
    return out


def _style_fills(xml: bytes) -> dict[int, str]:
    """Cell style index -> its solid fill colour ("#RRGGBB"), for the styles that have one."""
    fills: list[str | None] = []
    xfs: list[int] = []
    where: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = sheetxml._local(name)
        if local in ("fills", "cellXfs", "cellStyleXfs", "dxfs"):
            where.append(local)
        elif local == "fill" and where[-1:] == ["fills"]:
            fills.append(None)
        elif local == "patternFill" and where[-1:] == ["fills"]:
            fills[-1] = "" if attrs.get("patternType") == "solid" else None
        elif local == "fgColor" and where[-1:] == ["fills"] and fills and fills[-1] == "":
            rgb = attrs.get("rgb", "")
            fills[-1] = f"#{rgb[-6:].upper()}" if len(rgb) >= 6 else None
        elif local == "xf" and where[-1:] == ["cellXfs"]:
            xfs.append(int(attrs.get("fillId", "0") or 0))

    def end(name: str) -> None:
        if where and sheetxml._local(name) == where[-1]:
            where.pop()

    p = sheetxml._parser(namespaces=True)
    p.StartElementHandler, p.EndElementHandler = start, end
    p.Parse(xml, True)
    out = {}
    for i, fill_id in enumerate(xfs):
        colour = fills[fill_id] if fill_id < len(fills) else None
        if colour and colour.lstrip("#") not in OWN_FILLS:
            out[i] = colour
    return out


def _coloured_cells(xml: bytes, fills: dict[int, str]) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if sheetxml._local(name) == "c":
            style = attrs.get("s")
            if style and int(style) in fills:
                row, col = sheetxml.cell_ref(attrs.get("r", "A1"))
                out[(row - 1, col - 1)] = fills[int(style)]

    sheetxml._parse(xml, start, namespaces=True)
    return out
