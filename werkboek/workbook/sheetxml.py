"""The parts of a workbook package werkboek reads itself, with a streaming XML parser.

expat (the parser under ElementTree's iterparse) reads them, never a regular expression (the
byte readings at the end only decide what calamine may skip): attribute order, quotes,
prefixes and entities are the parser's business, so a file LibreOffice wrote
(`<c r="F1" s="0" t="n">`) reads like one Excel wrote. A DTD or an entity declaration is refused
the moment the parser meets it: Excel never writes one, and it is how entity bombs start.
No tree is built; nothing here holds more than a few numbers per sheet.

- `package_parts`: the sheets of xl/workbook.xml, the part each is stored in, the shared strings;
- `version_marker`: the template version in the head of the picker sheet;
- `stated_size`: a sheet's `<dimension>`, which calamine reserves memory for before reading;
- `scan`: what a sheet really holds: the extent of the cells with data (a value, an inline string
  or a formula; an empty styled `<c>` or `<row>` is no data), its error cells, and the cells far
  outside the table;
- `trimmed`: the sheet's bytes with a dimension that matches the data, without the trailing rows
  that hold none and without the far cells: what calamine gets;
- `shared_strings`: a few entries of the shared-string table, to quote a far cell's text;
- the readings on bytes, for the yearly workers only, each deciding what calamine need not
  parse after the parser-based checks above, and leaving a part whole at any doubt: `lean`, a
  sheet without the trailing rows it can prove hold nothing but an ID; `strings_used` and
  `first_strings`, the shared-string table cut to what the dossier form uses.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn
from xml.parsers import expat

XMLError = expat.ExpatError


class ForbiddenXml(ValueError):
    """The part declares a DTD or an entity."""


class _Stop(Exception):
    """Control flow, not an error: the parser has seen enough."""


def _refuse(*args: Any) -> NoReturn:
    raise ForbiddenXml("DTD or entity declaration")


def _parser(namespaces: bool = False) -> Any:
    p = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    p.StartDoctypeDeclHandler = _refuse
    p.EntityDeclHandler = _refuse
    p.UnparsedEntityDeclHandler = _refuse
    p.ExternalEntityRefHandler = _refuse
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.buffer_text = True
    return p


_LOCAL: dict[str, str] = {}


def _local(name: str) -> str:
    """'x:c' or 'http://... c' -> 'c' (remembered: a sheet has a handful of distinct names)."""
    local = _LOCAL.get(name)
    if local is None:
        local = _LOCAL[name] = name.rpartition(" ")[2].rpartition(":")[2]
    return local


def cell_ref(ref: str) -> tuple[int, int]:
    """'E1048576' -> (1048576, 5): 1-based row and column. ValueError for anything else."""
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    letters = ref[: len(ref) - len(digits)]
    if not 1 <= len(letters) <= 3 or not digits.isdigit() or not digits.isascii():
        raise ValueError(ref)
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits), col


_COLUMNS: dict[str, int] = {}


def _cell_ref(ref: str) -> tuple[int, int]:
    """`cell_ref` for the hot loop: a sheet has few distinct column letters, so they are remembered."""
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    letters = ref[: len(ref) - len(digits)]
    col = _COLUMNS.get(letters)
    if col is None or not digits.isdigit() or not digits.isascii():
        row, col = cell_ref(ref)
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = col
        return row, col
    return int(digits), col


def col_letters(col: int) -> str:
    """1-based column number to letters: 1 -> A, 28 -> AB."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- the workbook part and its relationships ---------------------------------------------------


@dataclass(frozen=True)
class Parts:
    sheets: dict[str, str]  # sheet name as the workbook spells it -> part path in the zip
    shared_strings: str | None  # part path of the shared-string table


_SEEN_PARTS: dict[tuple[bytes, bytes], Parts] = {}


def package_parts(workbook_xml: bytes, rels_xml: bytes) -> Parts:
    """Where each sheet is stored. Raises ForbiddenXml, or XMLError for XML that does not parse."""
    # Workbooks made from one template mostly have the same two parts: parse each distinct pair once.
    key = (workbook_xml, rels_xml)
    if key not in _SEEN_PARTS:
        if len(_SEEN_PARTS) >= 64:
            _SEEN_PARTS.clear()
        _SEEN_PARTS[key] = _package_parts(workbook_xml, rels_xml)
    seen = _SEEN_PARTS[key]
    return Parts(dict(seen.sheets), seen.shared_strings)


def _package_parts(workbook_xml: bytes, rels_xml: bytes) -> Parts:
    targets: dict[str, str] = {}
    shared: list[str] = []

    def relationship(name: str, attrs: dict[str, str]) -> None:
        if _local(name) != "Relationship" or attrs.get("TargetMode") == "External":
            return
        target = attrs.get("Target", "")
        # Targets are relative to xl/ (where workbook.xml is), or absolute in the package.
        part = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target))
        targets[attrs.get("Id", "")] = part
        if attrs.get("Type", "").endswith("/sharedStrings"):
            shared.append(part)

    if rels_xml:
        _parse(rels_xml, relationship, namespaces=True)
    sheets: dict[str, str] = {}

    def sheet(name: str, attrs: dict[str, str]) -> None:
        if _local(name) != "sheet":
            return
        # The relationship id is the "id" attribute in the (transitional or strict) relationships namespace.
        rid = next((v for k, v in attrs.items() if k.endswith(" id") and "relationships" in k), "")
        sheets.setdefault(attrs.get("name", ""), targets.get(rid, ""))

    _parse(workbook_xml, sheet, namespaces=True)
    return Parts(sheets, shared[0] if shared else None)


def _parse(xml: bytes, start: Callable[[str, dict[str, str]], None], namespaces: bool = False) -> None:
    p = _parser(namespaces)
    p.StartElementHandler = start
    with contextlib.suppress(_Stop):
        p.Parse(xml, True)


HEAD_CHUNK = 1024


def _parse_head(p: Any, xml: bytes) -> None:
    """Parse the start of a part in small pieces, until a handler has seen enough (_Stop): handed
    a whole part at once, expat reads far past what it reports first."""
    with contextlib.suppress(_Stop):
        for at in range(0, len(xml), HEAD_CHUNK):
            p.Parse(xml[at:at + HEAD_CHUNK], False)


# --- the head of a sheet: its stated size, the version marker -----------------------------------


def stated_size(xml: bytes) -> tuple[int, int] | None:
    """(rows, columns) of the sheet's `<dimension ref="A1:T27">`; None without one (or a bad one).
    Only the head is parsed: the dimension precedes the sheet's data."""
    found: list[tuple[int, int] | None] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "dimension":
            found.append(_dimension(attrs.get("ref", "")))
            raise _Stop
        if tag == "sheetData":
            raise _Stop

    p = _parser()
    p.StartElementHandler = start
    _parse_head(p, xml)
    return found[0] if found else None


_TAIL_REF = re.compile(rb'\br="([A-Z]{1,3})?(\d{1,7})"')


def last_row_within(xml: bytes, size: tuple[int, int]) -> bool:
    """Whether the sheet's last row and its cells lie within `size` (rows, columns): a byte search
    in the tail only, for the quick path (a full scan is what the others get)."""
    at = max(xml.rfind(b"<row "), xml.rfind(b":row "))
    if at < 0:
        return True
    rows, cols = size
    stop = xml.find(b"sheetData>", at)  # not the validations and the rest after the data
    for letters, digits in _TAIL_REF.findall(xml, at, stop if stop >= 0 else len(xml)):
        if int(digits) > rows or (letters and cell_ref(f"{letters.decode()}1")[1] > cols):
            return False
    return True


def _dimension(ref: str) -> tuple[int, int] | None:
    try:
        corners = [cell_ref(part) for part in ref.replace("$", "").split(":")]
    except ValueError:
        return None
    if not 1 <= len(corners) <= 2:
        return None
    return max(r for r, _ in corners), max(c for _, c in corners)


def version_marker(head: bytes, marker_ref: str = "E1", value_ref: str = "F1") -> float | None:
    """The number in `value_ref` when `marker_ref` holds a cell, from the head of a sheet (a
    part's first few KB: the parser stops at the end of row 1, or where the head ends)."""
    seen: dict[str, str] = {}
    state: dict[str, Any] = {"cell": None, "text": None}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "c":
            state["cell"] = attrs.get("r")
            seen.setdefault(state["cell"] or "", "")
        elif tag == "v" and state["cell"] == value_ref:
            state["text"] = []
        elif tag == "row" and attrs.get("r", "1") != "1":
            raise _Stop

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "v" and state["text"] is not None:
            seen[value_ref] = "".join(state["text"])
            state["text"] = None
        elif tag == "row":
            raise _Stop

    def text(data: str) -> None:
        if state["text"] is not None:
            state["text"].append(data)

    p = _parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    _parse_head(p, head)  # a head, not a whole document
    if marker_ref not in seen or not seen.get(value_ref):
        return None
    try:
        return float(seen[value_ref])
    except ValueError:
        return None


# --- a sheet's real contents ---------------------------------------------------------------------


@dataclass(frozen=True)
class FarCell:
    """A cell with data far outside the table: below a long run of empty rows, or beyond the columns."""

    row: int
    col: int
    kind: str  # the cell's t attribute: "s" (shared string), "inlineStr", "str", "n", "b", "e", ...
    raw: str  # its <v> text (for "s" the shared string's index), or the inline string
    span: tuple[int, int]  # its bytes in the sheet's XML

    @property
    def ref(self) -> str:
        return f"{col_letters(self.col)}{self.row}"


@dataclass
class SheetScan:
    stated: tuple[int, int] | None = None  # the <dimension>'s rows and columns
    rows: int = 0  # the extent of the data that is read: last row and column with data (0: none)
    cols: int = 0
    cells: int = 0  # cells with data
    farthest: str = ""  # the first data cell of the last row read, as "E12"
    rightmost: str = ""  # the data cell farthest right among those read
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, '#N/A') of the cells read
    far: list[FarCell] = field(default_factory=list)  # left out of the read (at most max_far of them)
    # Where to cut (byte offsets): the dimension element, the end of the last row that is read,
    # the first row, and the start of </sheetData>.
    dimension_span: tuple[int, int] | None = None
    dimension_tag: str = "dimension"
    rows_end: int | None = None
    first_row: int | None = None
    data_end: int | None = None


class TooManyCells(Exception):
    """The sheet has more cells with data than `max_cells`."""


_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")


class _Scanner:
    def __init__(self, xml: bytes, far_rows: int, max_cols: int, max_far: int, max_cells: int) -> None:
        self.xml = xml
        self.far_rows, self.max_cols = far_rows, max_cols
        self.max_far, self.max_cells = max_far, max_cells
        self.p = _parser()
        self.out = SheetScan()
        self.row = 0  # the current row's number
        self.row_read = False  # the current row has a cell that is read
        self.ref: str | None = None  # the current cell's r and t
        self.kind: str | None = None
        self.col = 0  # the current cell's column, for a cell without r
        self.last_ref: str | None = None  # the row's last cell's r
        self.in_cell = False
        self.has_data = False  # the current cell has a <v>, <f> or <is>
        # All cells with data, far ones included (used when there are too many far ones to leave out).
        self.all_rows = self.all_cols = 0
        self.all_farthest = self.all_rightmost = (0, 0)
        self.farthest = self.rightmost = (0, 0)  # (row, column) of the cells named in a refusal
        self.far_count = 0
        self.pending: list[tuple[int, int, str]] = []  # errors of far cells, in case all are read
        self.dim_start: int | None = None

    def run(self) -> SheetScan:
        p = self.p
        # No handler for text: a cell's text is read from its bytes only when it is wanted (an
        # error cell, a far one), which is a third less work for a sheet than taking every text.
        p.StartElementHandler, p.EndElementHandler = self.start, self.end
        with contextlib.suppress(_Stop):
            p.Parse(self.xml, True)
        out = self.out
        if self.far_count > self.max_far:
            # Too many to be a stray keystroke: nothing is left out, and the limits judge the whole sheet.
            out.errors += self.pending
            out.errors.sort()
            out.rows, out.cols = self.all_rows, self.all_cols
            self.farthest, self.rightmost = self.all_farthest, self.all_rightmost
            out.far = []
            out.rows_end = out.data_end  # nothing to cut after the rows
        out.farthest = f"{col_letters(self.farthest[1])}{self.farthest[0]}"
        out.rightmost = f"{col_letters(self.rightmost[1])}{self.rightmost[0]}"
        return out

    def start(self, name: str, attrs: dict[str, str]) -> None:
        # This runs for every element of every sheet read: the common case first, little else.
        tag = _LOCAL.get(name) or _local(name)
        if tag == "c":
            # The reference is parsed only for a cell with data: most cells LibreOffice writes are
            # empty styled ones. Without r (it is optional) a cell is the next one of its row.
            self.ref = ref = attrs.get("r")
            if ref is None:
                self.col = (_cell_ref(self.last_ref)[1] if self.last_ref else self.col) + 1
            self.kind = attrs.get("t")
            self.has_data = False
            self.in_cell = True
        elif self.in_cell:
            if tag == "v" or tag == "f" or tag == "is":
                self.has_data = True
        elif tag == "row":
            r = attrs.get("r")
            self.row = int(r) if r else self.row + 1
            self.last_ref, self.col = None, 0
            self.row_read = False
            if self.out.first_row is None:
                self.out.first_row = self.p.CurrentByteIndex
        elif tag == "dimension":
            self.out.stated = _dimension(attrs.get("ref", ""))
            self.dim_start = self.p.CurrentByteIndex
            self.out.dimension_tag = name

    def end(self, name: str) -> None:
        tag = _LOCAL.get(name) or _local(name)
        if tag == "c":
            self.in_cell = False
            ref = self.last_ref = self.ref
            if self.has_data:
                row, col = _cell_ref(ref) if ref else (self.row, self.col)
                self.data_cell(row, col, name)
        elif tag == "row":
            if self.row_read:
                self.out.rows_end = self._end_of(self.p.CurrentByteIndex)
        elif tag == "dimension" and self.dim_start is not None:
            at = self.p.CurrentByteIndex
            # expat reports the end of a self-closing element just after it, of another at its end tag.
            own_end_tag = self.xml.startswith(b"</" + name.encode(), at)
            self.out.dimension_span = (self.dim_start, self._end_of(at) if own_end_tag else at)
        elif tag == "sheetData":
            self.out.data_end = self.p.CurrentByteIndex
            raise _Stop  # what follows (validations, merges, print setup) says nothing about the size

    def _span(self, name: str) -> tuple[int, int]:
        """The bytes of the cell whose end tag the parser is at. Found back only when wanted (an
        error cell, a far one): no '<' can stand inside a cell's attributes or text, so the last
        '<c' before its end tag is its start."""
        at = self.p.CurrentByteIndex
        tag = b"<" + name.encode()
        begin = self.xml.rfind(tag, 0, at)
        while begin > 0 and self.xml[begin + len(tag):begin + len(tag) + 1] not in _AFTER_NAME:  # not '<col', say
            begin = self.xml.rfind(tag, 0, begin)
        return begin, self._end_of(at)

    def _end_of(self, at: int) -> int:
        """The byte after an end tag that starts at `at`."""
        return self.xml.index(b">", at) + 1

    def data_cell(self, row: int, col: int, name: str) -> None:
        out, kind = self.out, self.kind
        out.cells += 1
        if out.cells > self.max_cells:
            raise TooManyCells
        if row > self.all_rows:
            self.all_rows, self.all_farthest = row, (row, col)
        if col > self.all_cols:
            self.all_cols, self.all_rightmost = col, (row, col)
        far = col > self.max_cols or row > out.rows + self.far_rows
        if far:
            self.far_count += 1
            if kind == "e" or self.far_count <= self.max_far:
                span = self._span(name)
                value = cell_text(self.xml[span[0]:span[1]])
                if kind == "e":
                    self.pending.append((row, col, value))
                if self.far_count <= self.max_far:
                    out.far.append(FarCell(row, col, kind or "n", value, span))
            return
        if row > out.rows:
            out.rows, self.farthest = row, (row, col)
        if col > out.cols:
            out.cols, self.rightmost = col, (row, col)
        self.row_read = True
        if kind == "e":
            begin, end = self._span(name)
            out.errors.append((row, col, cell_text(self.xml[begin:end])))


def cell_text(xml: bytes) -> str:
    """The text of one `<c>` element: its `<v>`, or its inline string (without the phonetic reading)."""
    state: dict[str, Any] = {"take": False, "phonetic": False}
    parts: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "rPh":
            state["phonetic"] = True
        state["take"] = tag in ("v", "t") and not state["phonetic"]

    def end(name: str) -> None:
        if _local(name) == "rPh":
            state["phonetic"] = False
        state["take"] = False

    def text(data: str) -> None:
        if state["take"]:
            parts.append(data)

    p = _parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    p.Parse(xml, True)
    return "".join(parts)


def scan(xml: bytes, far_rows: int, max_cols: int, max_far: int, max_cells: int) -> SheetScan:
    """What a sheet holds. A cell with data is far outside the table when it lies more than
    `far_rows` rows below the last row with data above it, or right of `max_cols`; up to `max_far`
    such cells are left out of the extent (and listed), more are not.
    Raises ForbiddenXml, XMLError, ValueError (a bad cell reference) or TooManyCells."""
    return _Scanner(xml, far_rows, max_cols, max_far, max_cells).run()


def trimmed(xml: bytes, found: SheetScan) -> bytes:
    """The sheet with its dimension set to the data's extent, the rows after the last one with
    data and the far cells cut out; everything else byte for byte as it was."""
    cuts: list[tuple[int, int, bytes]] = []
    if found.dimension_span is not None:
        ref = f"A1:{col_letters(found.cols)}{found.rows}" if found.rows and found.cols else "A1"
        cuts.append((*found.dimension_span, f'<{found.dimension_tag} ref="{ref}"/>'.encode()))
    tail = found.rows_end if found.rows_end is not None else found.first_row
    if tail is not None and found.data_end is not None and tail < found.data_end:
        cuts.append((tail, found.data_end, b""))
    else:
        tail = None
    cuts += [(*cell.span, b"") for cell in found.far if tail is None or cell.span[0] < tail]
    cuts.sort()
    pieces, at = [], 0
    for start, end, new in cuts:
        pieces += [xml[at:start], new]
        at = end
    pieces.append(xml[at:])
    return b"".join(pieces)


def shared_strings(xml: bytes, wanted: set[int]) -> dict[int, str]:
    """The texts of the shared strings numbered `wanted` (0-based); the parse stops after the last."""
    out: dict[int, str] = {}
    last = max(wanted, default=-1)
    state: dict[str, Any] = {"i": -1, "text": None, "phonetic": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            state["i"] += 1
            if state["i"] > last:
                raise _Stop
            if state["i"] in wanted:
                out[state["i"]] = ""
        elif tag == "rPh":
            state["phonetic"] = True
        elif tag == "t" and state["i"] in wanted and not state["phonetic"]:
            state["text"] = []

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "t" and state["text"] is not None:
            out[state["i"]] += "".join(state["text"])
            state["text"] = None
        elif tag == "rPh":
            state["phonetic"] = False

    def text(data: str) -> None:
        if state["text"] is not None:
            state["text"].append(data)

    p = _parser()
    p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, text
    with contextlib.suppress(_Stop):
        p.Parse(xml, True)
    return out


# --- the lean read of the yearly workers -----------------------------------------------------------
#
# A version-3 workbook holds hundreds of rows the builder wrote in advance: an ID in column A (and,
# on Cirkels, name formulas that show nothing yet); LibreOffice adds styled empty rows down to the
# table's end. calamine would parse them all, at two thirds of a yearly read. `lean` hands it the
# sheet without those trailing rows. It works on bytes, not a parse, so it cuts only what it can
# prove holds no value outside column A, and any doubt keeps the rest as it is. The reader then
# checks what bytes cannot tell (column A is the ID column; no row needs a derived ID) and
# otherwise reads the sheet whole.
#
# The proof, block by block from the end: the last row left matches a strict grammar of a row
# with no value, or with one only in its first cell, A (matched reversed: the grammar is written
# from a row's end to its start). The rows before it that equal it once their digits are left out
# have the same cells, attributes and elements, and differ only in digits: row numbers, style
# numbers and the texts of <v>. Counting then shows that each has a value in A when the last one
# does, and an empty <v> wherever the last one has one.

_ATTR = rb'"[^"<]*"=[\w:.-]+\s+'  # ` name="value"`, reversed
_KEY_ATTR = rb'"[^"<]*"=(?!r\s)[\w:.-]+\s+'  # any attribute but r
_FORMULA = rb"(?:>/\s*(?:" + _ATTR + rb")*f<|>f/<[^<]*>\s*(?:" + _ATTR + rb")*f<)"
_EMPTY_CELL = (rb"(?:>/\s*(?:" + _ATTR + rb")*c<|>c/<(?:>v/<>v<|>/v<)?" + _FORMULA + rb"?>\s*(?:" + _ATTR
               + rb")*c<)")
_KEY_CELL = rb'>c/<>v/<[^<]+>v<>\s*(?:' + _KEY_ATTR + rb')*"\d+A"=r\s+c<'  # <c r="A7" ...><v>..</v></c>
_ROW_START = rb">\s*(?:" + _ATTR + rb")*wor<"
_EMPTY_ROW = re.compile(rb">/\s*(?:" + _ATTR + rb")*wor<|>wor/<(?:" + _EMPTY_CELL + rb")*+" + _ROW_START)
_ID_ROW = re.compile(rb">wor/<(?:" + _EMPTY_CELL + rb")*+" + _KEY_CELL + _ROW_START)
_A_EMPTY = re.compile(rb'<c r="A\d+"[^>]*><v></v>')  # an empty key: in the form, like one with digits
_DIGITS = b"0123456789"
_BLOCKS = 4  # forms of rows cut at most: ID rows, and the empty rows below them, in a few styles


def lean(xml: bytes) -> bytes | None:
    """The sheet without its trailing rows that hold no value, or one in column A (an ID, a key),
    besides empty formula results; None when it has none such (calamine then gets it as it is)."""
    end = xml.rfind(b"</sheetData>")
    first = xml.find(b"<row ", xml.find(b"<sheetData"))
    if end < 0 or first < 0 or xml.find(b"<mergeCell", end) >= 0:  # a merge could spread a cut cell
        return None
    rows = xml[first:end].split(b"<row ")  # rows[0] is empty: the region starts with a row
    bare = xml[first:end].translate(None, _DIGITS)
    kept, bare_end = len(rows), len(bare)  # rows[kept:] are cut; bare[:bare_end] is what is kept

    def at(k: int) -> int:  # where rows[k] starts in `xml`
        return first + sum(map(len, rows[1:k])) + 5 * (k - 1)

    for _ in range(_BLOCKS):
        if kept <= 2:  # the first row (a header) stays
            break
        row = b"<row " + rows[kept - 1]
        keyed = _ID_ROW.fullmatch(row[::-1]) is not None
        if not keyed and _EMPTY_ROW.fullmatch(row[::-1]) is None:
            break
        form = row.translate(None, _DIGITS)
        n = _same_form(bare, bare_end, form, kept - 2)
        start, stop = at(kept - n), at(kept)
        if (xml.count(b"<v></v>", start, stop) != n * row.count(b"<v></v>")
                or (keyed and _A_EMPTY.search(xml, start, stop) is not None)):
            break
        kept, bare_end = kept - n, bare_end - n * len(form)
    if kept == len(rows):
        return None
    return xml[:at(kept)] + xml[end:]


def _same_form(bare: bytes, end: int, form: bytes, most: int) -> int:
    """How many rows that end at bare[end] have `form` (at least 1: the last, which gave it), and
    no more than `most`: doubling, then halving, each a comparison in C."""
    n = 1
    while 2 * n <= most and bare.endswith(form * (2 * n), 0, end):
        n *= 2
    step = n // 2
    while step:
        if n + step <= most and bare.endswith(form * (n + step), 0, end):
            n += step
        step //= 2
    return n


# A case of another year needs only its dossier form, but calamine parses the whole shared-string
# table on opening, most of it the IDs written in advance. For that first look it gets the table's
# first entries only: as many as the form's cells use. Both are byte searches that give up (None)
# when the bytes are not as Excel, LibreOffice and werkboek write them.

_STRING_CELL = re.compile(rb'<c\b[^>]*\st="s"[^>]*>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>(\d{1,9})</v>')


def strings_used(xml: bytes) -> int | None:
    """How many entries of the shared-string table a sheet needs (its highest index + 1); None
    when a shared-string cell might have been missed."""
    found = _STRING_CELL.findall(xml)
    if len(found) != xml.count(b't="s"') or b"t='s'" in xml:
        return None
    return max(map(int, found), default=-1) + 1


def first_strings(xml: bytes, count: int) -> bytes | None:
    """The shared-string table cut after its first `count` entries; None when it cannot be cut."""
    end = 0
    for _ in range(count):
        end = xml.find(b"</si>", end)
        if end < 0:
            return None
        end += 5
    close = xml.rfind(b"</")
    if end == 0 or close < end or xml[close:].strip() != b"</sst>":
        return None
    return xml[:end] + b"</sst>"
