"""Reading a workbook file into sheet grids, safely.

A file we did not write may be anything: not Excel, encrypted, truncated, a zip bomb, XML with
entity tricks, or a sheet that claims a billion cells (calamine would try to allocate it and
abort the whole process). So: cheap structural checks first, then calamine in a forked child
with a memory cap and a timeout where the platform allows it. Nothing here writes to the file.
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import pickle
import re
import stat
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import python_calamine

from ..errors import FileProblem
from . import schema

Grid = list[list[Any]]
Grids = dict[str, Grid]

# The sheets a read gives the reader (the picker sheet only as its version marker, see _version).
READ_SHEETS = (*schema.REQUIRED_SHEETS, schema.LISTS_SHEET)

MAX_FILE_BYTES = 50 * 2**20
MAX_UNPACKED_BYTES = 300 * 2**20
MAX_PART_BYTES = 80 * 2**20
MAX_ENTRIES = 5000
MAX_RATIO = 150  # compression ratio above which a large part is treated as a zip bomb
LIMIT_CELLS = 4_000_000  # rows x columns of one sheet
LIMIT_ROWS = 200_000
LIMIT_COLS = 1000
CHILD_MEMORY = 2 * 2**30
TIMEOUT = 30.0
VERSION_HEAD = 8192  # bytes of the picker sheet's XML that hold the version marker (row 1)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ANY_REF_RE = re.compile(rb'r="([A-Z]{0,3})(\d{1,8})"')
_DIM_RE = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{1,3})?(\d{1,7})?:?([A-Z]{1,3})?(\d{1,7})?"')
_MARKER_RE = re.compile(rb'<(?:\w+:)?c r="E1"')
_VERSION_RE = re.compile(rb'<(?:\w+:)?c r="F1"(?: t="n")?(?: s="\d+")?><(?:\w+:)?v>([^<]{1,12})</')
_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR_RE = re.compile(rb'\b([\w:]+)="([^"]*)"')

OPEN_IN_EXCEL = "Open het bestand in Excel en controleer of het de juiste werkmap is."
USE_TEMPLATE = "Gebruik een kopie van Netwerkkaart.xlsm en neem de gegevens daarin over."
RESAVE = "Open ze in Excel, sla ze opnieuw op en probeer nog eens; lukt dat niet, neem een back-up."


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


@dataclass
class Package:
    """What inspecting a file found: where each sheet is, and the template version marker."""

    sheets: dict[str, str]  # sheet name -> part path in the zip
    data: bytes = field(repr=False)  # the whole file, read once (see inspect)
    version: float | None = None


def inspect(path: Path, dimensions: bool = True) -> Package:
    """Check the package without trusting it. `dimensions=False` skips scanning the read sheets
    for absurd sizes: only for callers that read in a capped worker process anyway."""
    # The file is read once, whole, and then taken apart in memory: on a cold disk or a network
    # share one long read is far faster than the many small reads of two zip readers.
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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
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
            sheets = _sheet_parts(zf)
            missing = [s for s in schema.REQUIRED_SHEETS if s not in sheets]
            if missing:
                raise FileProblem(path, "geen-netwerkkaart",
                                  "dit is geen Netwerkkaart-werkmap: de bladen " + ", ".join(missing) + " ontbreken.",
                                  USE_TEMPLATE)
            package = Package(sheets, data)
            if dimensions:
                for name in READ_SHEETS:
                    part = sheets.get(name)
                    if part and part in names:
                        _check_dimensions(path, name, zf.read(part))
            part = sheets.get(schema.PICKER_SHEET)
            if part and part in names:
                # Nobody reads this sheet's cells: its head (decompressed alone) holds the marker.
                with zf.open(part) as fh:
                    head = fh.read(VERSION_HEAD)
                _forbid_dtd(path, schema.PICKER_SHEET, head)
                package.version = _version(head)
    except FileProblem:
        raise
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, NotImplementedError, OSError, RuntimeError):
        raise FileProblem(path, "beschadigd",
                          "de werkmap is beschadigd of onvolledig (bijvoorbeeld een onderbroken kopie of download).",
                          "Neem een vorige versie of een back-up van het bestand.") from None
    return package


def _version(xml: bytes) -> float | None:
    """The template version in Keuzes!F1, read from the XML we hold anyway: calamine would
    parse the sheet's hundreds of picker formulas for this one number (a third of a read)."""
    m = _VERSION_RE.search(xml, 0, VERSION_HEAD)
    try:
        return float(m.group(1)) if m and _MARKER_RE.search(xml, 0, VERSION_HEAD) else None
    except ValueError:
        return None


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    wb_xml = zf.read("xl/workbook.xml")
    rels_xml = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in zf.namelist() else b""
    if b"<!DOCTYPE" in wb_xml or b"<!ENTITY" in wb_xml or b"<!ENTITY" in rels_xml:
        raise ValueError("DTD in workbook")
    targets = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)/?>", rels_xml):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get(b"Id", b"").decode()] = target
    out = {}
    for m in _SHEET_RE.finditer(wb_xml):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        name = _unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        rid = next((v.decode() for k, v in attrs.items() if k.endswith(b":id")), "")
        out[name] = targets.get(rid, "")
    return out


def _unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _forbid_dtd(path: Path, sheet: str, xml: bytes) -> None:
    if b"<!ENTITY" in xml[:4096] or b"<!DOCTYPE" in xml[:4096]:
        raise FileProblem(path, "verboden-xml", f"het blad {sheet} bevat verboden XML-constructies.",
                          "Open dit bestand niet; vraag de afzender om een nieuwe kopie.")


def _check_dimensions(path: Path, sheet: str, xml: bytes) -> None:
    _forbid_dtd(path, sheet, xml)
    rows = cols = 0
    m = _DIM_RE.search(xml, 0, 4096)
    if m:
        for letters, digits in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
            if letters:
                cols = max(cols, _col_number(letters))
            if digits:
                rows = max(rows, int(digits))
    # Every r="..." attribute (rows and cells, with or without a namespace prefix); matching more
    # than that only makes the check stricter. Distinct values first: one int() per row, not per cell.
    refs = set(_ANY_REF_RE.findall(xml))
    letters = {ref[0] for ref in refs if ref[0]}
    rows = max([rows, *(int(digits) for digits in {ref[1] for ref in refs})])
    cols = max([cols, *(_col_number(col) for col in letters)])
    if rows > LIMIT_ROWS or cols > LIMIT_COLS or rows * cols > LIMIT_CELLS:
        raise FileProblem(path, "blad-te-groot",
                          f"het blad {sheet} is onwaarschijnlijk groot ({rows} rijen x {cols} kolommen).",
                          "Verwijder lege rijen en kolommen onderaan en rechts in Excel, of neem een back-up.")


def read_grids(path: str | os.PathLike[str], sheets: tuple[str, ...] | None = None, isolate: bool = True,
               dimensions: bool = True) -> Grids:
    """The named sheets of a workbook file as rows of raw values starting at A1.

    Checks the file first (raises FileProblem). With `isolate`, calamine runs in a forked child
    with a memory cap, so a hostile file can fail but never take this process down. A caller
    that is itself such a capped process may pass `isolate=False, dimensions=False`.
    """
    path = Path(path)
    package = inspect(path, dimensions)
    wanted = tuple(s for s in (sheets or READ_SHEETS) if s in package.sheets)
    if isolate and hasattr(os, "fork") and sys.platform != "darwin":
        grids = _read_in_child(path, wanted, package.data)
    else:
        grids = _calamine(path, wanted, package.data)
    return _with_version(grids, package) if sheets is None else grids


def _calamine(path: Path, sheets: tuple[str, ...], data: bytes) -> Grids:
    with Book(path, data) as book:
        return {name: book.grid(name) for name in sheets}


class Book:
    """A workbook opened with calamine, read one sheet at a time (calamine parses a sheet only
    when asked). No isolation: for callers that run in a capped process themselves."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path  # for messages only: the workbook is read from `data`, the file's bytes
        self._book: Any = None
        self._grids: Grids = {}
        self._guard(lambda: self._open(data))

    def _open(self, data: bytes) -> None:
        self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))

    def grid(self, name: str) -> Grid:
        if name not in self._grids:
            self._grids[name] = self._guard(lambda: self._book.get_sheet_by_name(name).to_python(skip_empty_area=False))
        return self._grids[name]

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


def open_book(path: str | os.PathLike[str], dimensions: bool = True) -> tuple[Package, Book]:
    """Inspect a file and open it for reading sheet by sheet, in this process (see Book)."""
    path = Path(path)
    package = inspect(path, dimensions)
    return package, Book(path, package.data)


def book_grids(package: Package, book: Book, sheets: tuple[str, ...] | None = None) -> Grids:
    """What `read_grids` gives (or only `sheets`, with the version marker), from an opened book."""
    names = sheets or READ_SHEETS
    return _with_version({name: book.grid(name) for name in names if name in package.sheets}, package)


def _with_version(grids: Grids, package: Package) -> Grids:
    if package.version is not None:
        # Only the marker of the picker sheet matters to the reader; it is laid out as in the sheet.
        grids[schema.PICKER_SHEET] = [["", "", "", "", schema.VERSION_MARKER, package.version]]
    return grids


def _read_in_child(path: Path, sheets: tuple[str, ...], data: bytes) -> Grids:
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, path, sheets, data), daemon=True)
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


def _child(send: Any, path: Path, sheets: tuple[str, ...], data: bytes) -> None:
    try:
        import resource  # POSIX only

        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    except (ImportError, ValueError, OSError):
        pass
    try:
        result: tuple[str, Any] = ("grids", _calamine(path, sheets, data))
    except FileProblem as exc:
        result = ("problem", (exc.code, exc.what, exc.todo))
    send.send_bytes(pickle.dumps(result))
    send.close()
    os._exit(0)

