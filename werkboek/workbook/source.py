"""Reading a workbook file into sheet grids, safely.

A file we did not write may be anything: not Excel, encrypted, truncated, a zip bomb, XML with
entity tricks, or a sheet that claims a billion cells (calamine would try to allocate it and
abort the whole process). So: cheap structural checks first, then calamine in a forked child
with a memory cap and a timeout where the platform allows it. Nothing here writes to the file.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing as mp
import os
import pickle
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import python_calamine

from ..errors import FileProblem
from . import schema, sheetxml, values
from .model import FAR_CELL, MERGED, NO_MACROS, ReadNote

Grid = list[list[Any]]
Grids = dict[str, Grid]

# The sheets a read gives the reader (the picker sheet only as its version marker, see _version).
READ_SHEETS = (*schema.REQUIRED_SHEETS, *schema.OPTIONAL_SHEETS, schema.LISTS_SHEET)
# The sheets whose rows the builder writes in advance, their ID or key in column A: a lean read
# leaves out those that still hold nothing else (sheetxml.lean).
LEAN_SHEETS = frozenset(s.name for s in schema.TABLES if s.prefilled or s.grid is not None)

MAX_FILE_BYTES = 50 * 2**20
MAX_UNPACKED_BYTES = 300 * 2**20
MAX_PART_BYTES = 80 * 2**20
MAX_ENTRIES = 5000
MAX_RATIO = 150  # compression ratio above which a large part is treated as a zip bomb
# Limits of what one sheet's cells with data may span (calamine makes a dense grid of it).
LIMIT_CELLS = 4_000_000  # rows x columns
LIMIT_ROWS = 200_000
LIMIT_COLS = 1000
# A cell with data this many rows below the last row with data above it is a stray keystroke
# far outside the table (a space typed at E1048576), not a row of it: up to MAX_FAR such cells
# are left out of the read, each named in a warning; more than that are data and judged whole.
FAR_ROWS = 10_000
MAX_FAR = 20
CHILD_MEMORY = 2 * 2**30
TIMEOUT = 30.0
VERSION_HEAD = 8192  # bytes of the picker sheet's XML that hold the version marker (row 1)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

OPEN_IN_EXCEL = "Open het bestand in Excel en controleer of het de juiste werkmap is."
USE_TEMPLATE = "Gebruik een kopie van Netwerkkaart.xlsm en neem de gegevens daarin over."
RESAVE = "Open ze in Excel, sla ze opnieuw op en probeer nog eens; lukt dat niet, neem een back-up."
FORBIDDEN = "Open dit bestand niet; vraag de afzender om een nieuwe kopie."
TRIM = ("Verwijder wat onder en rechts van de tabel staat (selecteer die rijen of kolommen en kies Verwijderen), "
        "of neem een back-up.")


@dataclass
class Package:
    """What inspecting a file found: where each sheet is, the template version marker, the error
    cells calamine would read as empty, and what the reader should be told (`notes`)."""

    sheets: dict[str, str]  # sheet name (as the schema spells it, whatever the case in the file) -> part path
    data: bytes = field(repr=False)  # the whole file, read once (see inspect)
    version: float | None = None
    names: dict[str, str] = field(default_factory=dict)  # schema name -> the file's name, where the case differs
    errors: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # sheet -> (row, col, '#N/A')
    notes: list[ReadNote] = field(default_factory=list)
    trimmed: bytes | None = field(default=None, repr=False)  # what calamine gets instead: lean, or sheets trimmed
    lean: frozenset[str] = frozenset()  # the sheets given without their trailing ID-only rows
    only: tuple[str, ...] | None = None  # the only sheets judged, and so the only ones calamine may read
    opened: Opened | None = field(default=None, repr=False, compare=False)  # for another look (inspect's `after`)

    @property
    def readable(self) -> bytes:
        """The package as calamine gets it: with every sheet's stated size matching its data."""
        return self.data if self.trimmed is None else self.trimmed


# Parts calamine never reads for cell values: left out of the package a lean read gives it, where
# each part is one more entry for both zip readers to walk.
_UNREAD = ("xl/worksheets/", "xl/tables/", "xl/drawings/", "xl/media/", "xl/printerSettings/", "xl/embeddings/",
           "docProps/", "customXml/", "xl/vbaProject.bin", "xl/theme/")


def inspect(path: Path, dimensions: bool = True, lean: bool = False, only: tuple[str, ...] | None = None,
            after: Package | None = None) -> Package:
    """Check the package without trusting it. With `dimensions`, every read sheet is scanned for
    what it really holds; without, a sheet is scanned only when its stated size is implausible
    or it has error cells: only for callers that read in a capped worker process anyway.
    With `lean`, calamine gets the read sheets inflated, and those of LEAN_SHEETS without their
    trailing rows that hold only the ID written in advance (the yearly workers: the reader must
    then be told, see reader.WholeSheetNeeded), in a package without the parts it does not read.
    With `only`, no other sheet is judged, nor can be read (Book.grid); read lean, calamine then
    gets only the shared strings they use. `after`: a package of the same file looked at before
    (the yearly first look): its checks of the file and of the sheets it judged are not done again."""
    opened = after.opened if after is not None and after.opened is not None else _take_apart(path)
    with _damage_named(path):
        return _look(opened, dimensions, lean, only)


@contextlib.contextmanager
def _damage_named(path: Path) -> Iterator[None]:
    """What a broken package raises while it is taken apart, as the FileProblem that names it."""
    try:
        yield
    except FileProblem:
        raise
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, NotImplementedError, OSError, RuntimeError):
        # (sheetxml.XMLError is a ValueError: XML that does not parse.)
        raise FileProblem(path, "beschadigd",
                          "de werkmap is beschadigd of onvolledig (bijvoorbeeld een onderbroken kopie of download).",
                          "Neem een vorige versie of een back-up van het bestand.") from None


@dataclass
class Opened:
    """A file taken apart and checked as a package: its bytes, zip directory, sheets and version
    marker, and each sheet as judged so far (see _judge), so that a second look at the same file
    does none of it again."""

    path: Path
    data: bytes = field(repr=False)
    zf: zipfile.ZipFile = field(repr=False)
    names: set[str] = field(repr=False)
    parts: sheetxml.Parts
    sheets: dict[str, str]
    renamed: dict[str, str]
    version: float | None
    judged: dict[tuple[str, bool], tuple[bytes, sheetxml.SheetScan | None, bool]] = field(default_factory=dict,
                                                                                          repr=False)

    def sheet(self, name: str, full: bool) -> tuple[bytes, sheetxml.SheetScan | None, bool]:
        """A sheet's XML as calamine should get it, its scan (None when not scanned), and whether
        that XML is trimmed (see _judge)."""
        key = (name, full)
        if key not in self.judged:
            part = self.sheets[name]
            xml = _part(self.data, self.zf.getinfo(part)) or self.zf.read(part)
            found = _judge(self.path, name, xml, full)
            scan, better = found if found is not None else (None, None)
            self.judged[key] = (xml if better is None else better, scan, better is not None)
        return self.judged[key]


def _take_apart(path: Path) -> Opened:
    # The file is read once, whole, and then taken apart in memory: on a cold disk or a network
    # share one long read is far faster than the many small reads of two zip readers.
    data = _file_bytes(path)
    with _damage_named(path):
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise FileProblem(path, "verdacht-pakket", "de werkmap bevat verdacht veel onderdelen.", OPEN_IN_EXCEL)
        total = 0
        for entry in infos:
            total += entry.file_size
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > MAX_PART_BYTES or (entry.file_size > 2**20 and ratio > MAX_RATIO) \
                    or total > MAX_UNPACKED_BYTES:
                raise FileProblem(path, "verdacht-pakket",
                                  "de werkmap pakt uit tot een verdacht grote omvang (mogelijk een 'zip-bom').",
                                  "Open dit bestand niet; vraag de afzender om een nieuwe kopie.")
        names = {i.filename for i in infos}
        if "xl/workbook.xml" not in names:
            what = ("dit is een Word-document, geen Excel-werkmap." if "word/document.xml" in names
                    else "dit is geen Excel-werkmap.")
            raise FileProblem(path, "geen-werkmap", what, "Kies een Netwerkkaart-werkmap (.xlsm).")
        try:
            rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
            parts = sheetxml.package_parts(zf.read("xl/workbook.xml"), rels)
        except sheetxml.ForbiddenXml:
            raise FileProblem(path, "verboden-xml", "de werkmap bevat verboden XML-constructies.",
                              FORBIDDEN) from None
        sheets, renamed = _schema_names(parts.sheets)
        missing = [s for s in schema.REQUIRED_SHEETS if s not in sheets]
        if missing:
            raise FileProblem(path, "geen-netwerkkaart",
                              "dit is geen Netwerkkaart-werkmap: de bladen " + ", ".join(missing) + " ontbreken.",
                              USE_TEMPLATE)
        version = None
        part = sheets.get(schema.PICKER_SHEET)
        if part and part in names:
            # Nobody reads this sheet's cells: its head (decompressed alone) holds the marker.
            with zf.open(part) as fh:
                head = fh.read(VERSION_HEAD)
            version = _version(path, head)
    return Opened(path, data, zf, names, parts, sheets, renamed, version)


def _file_bytes(path: Path) -> bytes:
    """The whole file, after what its size and first bytes say (a FileProblem if it is no zip)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: reading could wait forever
            raise FileProblem(path, "geen-bestand", "dit is geen gewoon bestand.",
                              "Kies een Netwerkkaart-werkmap (.xlsm).")
        size = info.st_size
        with path.open("rb") as fh:
            data = fh.read(size + 1) if size <= MAX_FILE_BYTES else b""  # sized to the file: no 50 MB buffer
    except FileNotFoundError:
        raise FileProblem(path, "bestand-ontbreekt", "dit bestand bestaat niet.",
                          "Controleer de naam en de map.") from None
    except IsADirectoryError:
        raise FileProblem(path, "geen-bestand", "dit is een map, geen bestand.",
                          "Geef het pad van een werkmap (.xlsm).") from None
    except OSError as exc:
        raise FileProblem(path, "geen-toegang", f"het bestand kan niet geopend worden ({exc.strerror}).",
                          "Sluit het in andere programma's of vraag toegang aan je IT-dienst.") from None
    head = data[:8]
    if size == 0:
        raise FileProblem(path, "leeg-bestand", "het bestand is leeg (0 bytes).",
                          "Neem een vorige versie of een back-up.")
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise FileProblem(path, "te-groot", f"het bestand is te groot ({size / 2**20:.0f} MB) voor een Netwerkkaart.",
                          "Controleer of het de juiste werkmap is.")
    if head == _OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data[: 2**20]:
            raise FileProblem(path, "wachtwoord", "de werkmap is met een wachtwoord beveiligd.",
                              "Open ze in Excel, haal het wachtwoord weg (Bestand > Info > Werkmap beveiligen) "
                              "en sla ze op; bewaar ze daarna op een beveiligde plaats.")
        raise FileProblem(path, "oud-formaat", "dit is een oud Excel-bestand (.xls) of een ander Office-bestand.",
                          "Open het in Excel en sla het op als 'Excel-werkmap met macro's (.xlsm)'.")
    if head[:2] != b"PK":
        raise FileProblem(path, "geen-werkmap", "dit is geen Excel-werkmap.", "Kies een Netwerkkaart-werkmap (.xlsm).")
    return data


def _look(opened: Opened, dimensions: bool, lean: bool, only: tuple[str, ...] | None) -> Package:
    data, zf, names, sheets = opened.data, opened.zf, opened.names, opened.sheets
    package = Package(sheets, data, version=opened.version, names=opened.renamed, only=only, opened=opened)
    # The VBA project is what the buttons run: a save as .xlsx drops it and leaves the buttons.
    if not any(n.lower().endswith("vbaproject.bin") for n in names):
        package.notes.append(ReadNote(NO_MACROS, schema.DOSSIER.name))
    trimmed: dict[str, bytes] = {}
    bodies: dict[str, bytes] = {}  # with `lean`: every read sheet, as calamine gets it
    leaned: set[str] = set()
    far: list[tuple[str, sheetxml.FarCell]] = []
    for name in only or READ_SHEETS:
        part = sheets.get(name)
        if part and part in names:
            xml, scan, better = opened.sheet(name, dimensions)
            if scan is not None:
                if scan.errors:
                    package.errors[name] = scan.errors
                far += [(name, cell) for cell in scan.far]
            if better:
                trimmed[part] = xml
            if lean:
                cut = sheetxml.lean(xml) if name in LEAN_SHEETS and name not in package.errors else None
                if cut is not None:
                    leaned.add(name)
                bodies[part] = cut or xml
    if far:
        package.notes += _far_notes(zf, opened.parts.shared_strings, far)
    if lean:
        strings = None
        if only and opened.parts.shared_strings in names:
            strings = _first_strings(data, zf.getinfo(opened.parts.shared_strings), bodies.values())
            if strings is not None:
                bodies[opened.parts.shared_strings] = strings
        package.trimmed = _stored(zf, data, bodies, drop=_UNREAD)
        package.lean = frozenset(leaned)
    elif trimmed:
        package.trimmed = _stored(zf, data, trimmed)
    return package


def _schema_names(found: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Sheets by the schema's names: Excel ignores case in sheet names, so "personen" is Personen.
    Returns the sheets (name -> part) and the file's own name of each one found that way."""
    sheets = dict(found)
    folded: dict[str, str] = {}
    for name in found:
        folded.setdefault(name.casefold(), name)
    renamed = {}
    for name in schema.SHEET_ORDER:
        own = folded.get(name.casefold())
        if name not in found and own is not None:
            sheets[name] = found[own]
            renamed[name] = own
    return sheets, renamed


def _version(path: Path, head: bytes) -> float | None:
    """The template version in Keuzes!F1, read from the XML we hold anyway: calamine would
    parse the sheet's hundreds of picker formulas for this one number (a third of a read)."""
    try:
        return sheetxml.version_marker(head)
    except sheetxml.ForbiddenXml:
        raise _forbidden(path, schema.PICKER_SHEET) from None
    except sheetxml.XMLError:
        return None  # the head of a part that does not parse: calamine would not read it either; no version


def _forbidden(path: Path, sheet: str) -> FileProblem:
    return FileProblem(path, "verboden-xml", f"het blad {sheet} bevat verboden XML-constructies.", FORBIDDEN)


def _plain(size: tuple[int, int]) -> bool:
    """A stated size that cannot hide a far cell or exceed a limit (if it is true)."""
    rows, cols = size
    return rows <= FAR_ROWS and cols <= LIMIT_COLS and rows * cols <= LIMIT_CELLS


def _judge(path: Path, sheet: str, xml: bytes, full: bool) -> tuple[sheetxml.SheetScan, bytes | None] | None:
    """Judge a sheet by the cells that really hold data. Returns its scan and, when calamine
    should get other bytes (its stated size is implausible, or far cells are left out), those;
    None when it was not scanned: not `full`, and a plain stated size without error cells."""
    try:
        if not full:
            # The quick path of the yearly workers: the head's dimension, the last row's cells, and a
            # byte search for error cells. A sheet Excel or LibreOffice wrote states its size truly;
            # a stray cell typed far below the table (the usual one) is in the last row, so the
            # workers count such a file as `controleer` reads it. Any other lie can only make the
            # capped worker fail, never the merge.
            stated = sheetxml.stated_size(xml)
            if (stated is not None and _plain(stated) and sheetxml.last_row_within(xml, stated)
                    and b't="e"' not in xml and b"t='e'" not in xml):
                return None
        scan = sheetxml.scan(xml, FAR_ROWS, LIMIT_COLS, MAX_FAR, LIMIT_CELLS)
    except sheetxml.ForbiddenXml:
        raise _forbidden(path, sheet) from None
    except sheetxml.TooManyCells:
        raise FileProblem(path, "blad-te-groot", f"het blad {sheet} is onwaarschijnlijk groot: het heeft meer dan "
                          f"{LIMIT_CELLS:,} ingevulde cellen.".replace(",", "."), TRIM) from None
    rows, cols = scan.rows, scan.cols
    if rows > LIMIT_ROWS or cols > LIMIT_COLS or rows * cols > LIMIT_CELLS:
        cell = scan.rightmost if cols > LIMIT_COLS else scan.farthest
        raise FileProblem(path, "blad-te-groot", f"het blad {sheet} is onwaarschijnlijk groot ({rows} rijen x {cols} "
                          f"kolommen): er staan gegevens tot in cel {sheet}!{cell}.", TRIM)
    stale = scan.stated is not None and not _plain(scan.stated)
    return scan, sheetxml.trimmed(xml, scan) if scan.far or stale else None


def _raw(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """A part's bytes as the file stores them (deflated or not), found through its local header;
    None for what this does not handle (other compression, encryption, a header that is not
    where the directory says): zipfile reads such a part then."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
        return None
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04":
        return None
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    return data[start:start + info.compress_size]


def _part(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """A part of the package, inflated straight from the file's bytes: zipfile's own read costs
    three times as much, and the yearly workers do this for every read sheet. None for what this
    does not handle (zipfile reads it then); a part whose checksum fails is a broken package."""
    raw = _raw(data, info)
    if raw is None:
        return None
    try:  # never more than the size the package states (which the zip-bomb checks judged)
        stored = info.compress_type == zipfile.ZIP_STORED
        body = raw if stored else zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
    except zlib.error:
        raise zipfile.BadZipFile(info.filename) from None
    if len(body) != info.file_size or zlib.crc32(body) != info.CRC:
        raise zipfile.BadZipFile(info.filename)
    return body


def _far_notes(zf: zipfile.ZipFile, shared_part: str | None, far: list[tuple[str, sheetxml.FarCell]]) -> list[ReadNote]:
    """A note per far cell, with its text (a shared string is looked up in the shared-string table)."""
    wanted = {int(cell.raw) for _, cell in far if cell.kind == "s" and cell.raw.isdigit()}
    texts: dict[int, str] = {}
    if wanted and shared_part:
        try:
            texts = sheetxml.shared_strings(zf.read(shared_part), wanted)
        except (KeyError, ValueError):  # no table, or one that does not parse: calamine will say so
            texts = {}
    notes = []
    for sheet, cell in far:
        value = texts.get(int(cell.raw), "") if cell.kind == "s" and cell.raw.isdigit() else cell.raw
        notes.append(ReadNote(FAR_CELL, sheet, cell.ref, value, "right" if cell.col > LIMIT_COLS else "below"))
    return notes


def _first_strings(data: bytes, info: zipfile.ZipInfo, sheets: Iterable[bytes]) -> bytes | None:
    """The shared-string table cut to the entries `sheets` use (sheetxml.first_strings)."""
    needed = [sheetxml.strings_used(xml) for xml in sheets]
    counts = [n for n in needed if n is not None]
    if not counts or len(counts) < len(needed):
        return None
    xml = _part(data, info)
    return None if xml is None else sheetxml.first_strings(xml, max(counts))


def _stored(zf: zipfile.ZipFile, data: bytes, bodies: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    """The package for calamine, in memory (the file is never written): the parts in `bodies`
    stored uncompressed as given, every other part copied as the file stores it (zipfile can only
    copy a part by inflating it), or inflated by zipfile where it cannot be copied; without the
    parts below the folders of `drop` that are not in `bodies`. calamine then inflates neither the
    sheets a second time nor the parts it never reads."""
    local, central = [], []
    at = 0
    infos = [i for i in zf.infolist() if i.filename in bodies or not i.filename.startswith(drop)]  # () drops none
    for info in infos:
        name = info.filename.encode()
        flags = 0x800 if not info.filename.isascii() else 0  # UTF-8 name
        body = bodies.get(info.filename)
        raw = _raw(data, info) if body is None else None
        if raw is not None:
            method, crc, size = info.compress_type, info.CRC, info.file_size
        else:
            raw = body if body is not None else zf.read(info.filename)
            method, crc, size = zipfile.ZIP_STORED, zlib.crc32(raw), len(raw)
        head = struct.pack("<HHHHHIIIHH", 20, flags, method, 0, 0x21, crc, len(raw), size, len(name), 0)
        local += [b"PK\x03\x04", head, name, raw]
        central += [b"PK\x01\x02", struct.pack("<H", 20), head, struct.pack("<HHHII", 0, 0, 0, 0, at), name]
        at += 30 + len(name) + len(raw)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(infos), len(infos), len(directory), at, 0)
    return b"".join(local) + directory + end


def read_grids(path: str | os.PathLike[str], sheets: tuple[str, ...] | None = None, isolate: bool = True,
               dimensions: bool = True) -> Grids:
    """The named sheets of a workbook file as rows of raw values starting at A1.

    Checks the file first (raises FileProblem). With `isolate`, calamine runs in a forked child
    with a memory cap, so a hostile file can fail but never take this process down. A caller
    that is itself such a capped process may pass `isolate=False, dimensions=False`.
    """
    return read_file(path, sheets, isolate, dimensions)[0]


def read_file(path: str | os.PathLike[str], sheets: tuple[str, ...] | None = None, isolate: bool = True,
              dimensions: bool = True) -> tuple[Grids, list[ReadNote]]:
    """`read_grids`, and what reading noticed that the grids do not show (for the reader)."""
    path = Path(path)
    package = inspect(path, dimensions)
    wanted = tuple(s for s in (sheets or READ_SHEETS) if s in package.sheets)
    if isolate and hasattr(os, "fork") and sys.platform != "darwin":
        grids, notes = _read_in_child(path, wanted, package)
    else:
        grids, notes = _calamine(path, wanted, package)
    return (_with_version(grids, package) if sheets is None else grids), notes


def _calamine(path: Path, sheets: tuple[str, ...], package: Package) -> tuple[Grids, list[ReadNote]]:
    with Book(path, package) as book:
        return {name: book.grid(name) for name in sheets}, book.notes()


class Book:
    """A workbook opened with calamine, read one sheet at a time (calamine parses a sheet only
    when asked). No isolation: for callers that run in a capped process themselves."""

    def __init__(self, path: Path, package: Package) -> None:
        self.path = path  # for messages only: the workbook is read from the package's bytes
        self.package = package
        self._book: Any = None
        self._grids: Grids = {}
        self._merged: list[ReadNote] = []
        self._guard(lambda: self._open(package.readable))

    def _open(self, data: bytes) -> None:
        self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))

    def grid(self, name: str) -> Grid:
        if self.package.only is not None and name not in self.package.only:
            raise ValueError(f"{name} was not judged: inspect it first")  # a bug, never a user's file
        if name not in self._grids:
            own = self.package.names.get(name, name)
            sheet = self._guard(lambda: self._book.get_sheet_by_name(own))
            grid = self._guard(lambda: sheet.to_python(skip_empty_area=False))
            _put_errors(grid, self.package.errors.get(name, ()))
            self._merged += [ReadNote(MERGED, name, _ref(top, left), where=f"{_ref(top, left)}:{_ref(bottom, right)}")
                             for (top, left), (bottom, right) in self._guard(lambda: sheet.merged_cell_ranges) or ()]
            self._grids[name] = grid
        return self._grids[name]

    def notes(self) -> list[ReadNote]:
        """What reading the package noticed, and the merged cells of the sheets read so far."""
        return [*self.package.notes, *self._merged]

    def _guard(self, read: Any) -> Any:
        try:
            return read()
        except MemoryError:  # under a capped process's memory limit
            raise FileProblem(self.path, "te-veel-geheugen", "de werkmap vraagt te veel geheugen om te lezen.",
                              "Neem een back-up van het bestand.") from None
        except Exception as exc:  # noqa: BLE001  calamine raises its own error types for broken parts
            # calamine's own (English) error text stays out of the message; WERKBOEK_DEBUG shows it.
            if os.environ.get("WERKBOEK_DEBUG"):
                print(f"calamine: {type(exc).__name__}: {exc}", file=sys.stderr)
            raise FileProblem(self.path, "beschadigd",
                              "de werkmap kan niet gelezen worden: een onderdeel ervan is beschadigd of ongeldig.",
                              RESAVE) from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._book is not None:
            self._book.close()


def _ref(row: int, col: int) -> str:
    """0-based row and column (as calamine gives them) to 'B3'."""
    return f"{sheetxml.col_letters(col + 1)}{row + 1}"


def _put_errors(grid: Grid, errors: Iterable[tuple[int, int, str]]) -> None:
    """Error cells as Excel shows them: calamine reads `<c t="e"><v>#N/A</v></c>` as an empty
    string (python-calamine issue 105), so the reader would take a failed formula for an empty
    cell. Another writer's own error text (LibreOffice's Err:502) shows as #VALUE!."""
    for row, col, text in errors:
        while len(grid) < row:
            grid.append([])
        cells = grid[row - 1]
        cells.extend([""] * (col - len(cells)))
        cells[col - 1] = text.strip() if text.strip() in values.EXCEL_ERRORS else "#VALUE!"


def open_book(path: str | os.PathLike[str], dimensions: bool = True, lean: bool = False,
              only: tuple[str, ...] | None = None, after: Package | None = None) -> tuple[Package, Book]:
    """Inspect a file and open it for reading sheet by sheet, in this process (see Book and inspect)."""
    path = Path(path)
    package = inspect(path, dimensions, lean, only, after)
    return package, Book(path, package)


def book_grids(package: Package, book: Book, sheets: tuple[str, ...] | None = None) -> Grids:
    """What `read_grids` gives (or only `sheets`, with the version marker), from an opened book."""
    names = sheets or READ_SHEETS
    return _with_version({name: book.grid(name) for name in names if name in package.sheets}, package)


def _with_version(grids: Grids, package: Package) -> Grids:
    if package.version is not None:
        # Only the marker of the picker sheet matters to the reader; it is laid out as in the sheet.
        grids[schema.PICKER_SHEET] = [["", "", "", "", schema.VERSION_MARKER, package.version]]
    return grids


def _read_in_child(path: Path, sheets: tuple[str, ...], package: Package) -> tuple[Grids, list[ReadNote]]:
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, path, sheets, package), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(TIMEOUT):
            raise FileProblem(path, "te-traag", f"het lezen duurde langer dan {TIMEOUT:.0f} seconden.",
                              "Open de werkmap in Excel, sla ze opnieuw op en probeer nog eens.")
        kind, payload = pickle.loads(recv.recv_bytes())
    except EOFError:
        raise FileProblem(path, "vastgelopen", "de werkmap kon niet gelezen worden: het lezen liep vast op te veel "
                          "geheugen of een defect onderdeel.",
                          RESAVE) from None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if kind == "problem":
        raise FileProblem(path, *payload)
    return payload


def _child(send: Any, path: Path, sheets: tuple[str, ...], package: Package) -> None:
    try:
        import resource  # POSIX only

        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    except (ImportError, ValueError, OSError):
        pass
    try:
        result: tuple[str, Any] = ("grids", _calamine(path, sheets, package))
    except FileProblem as exc:
        result = ("problem", (exc.code, exc.what, exc.todo))
    send.send_bytes(pickle.dumps(result))
    send.close()
    os._exit(0)
