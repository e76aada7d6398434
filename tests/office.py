"""LibreOffice Calc in the test suite: open a workbook werkboek built, type into it as a worker
would, save it through LibreOffice, and read back what LibreOffice shows (recalculated).

    def test_a_person_typed_in_libreoffice_is_read(office, demo_path, tmp_path):
        with office.open(demo_path) as book:  # LibreOffice opens a private copy of demo_path
            book.add_row("Personen", {"ID": "P27", "Voornaam": "An", "Achternaam": "Buur"})
            assert "P27 – An Buur" in book.dropdown("Relaties", "A2")
            saved = book.save_as(tmp_path / "na.xlsm")  # recalculated, "Calc MS Excel 2007 VBA XML"
        assert "P27" in read_case(saved).by_id("personen")

`office` (tests/conftest.py) is one headless soffice for the whole session, with its own profile
and pipe, stopped at the end; a test that takes it is skipped when Calc or the system Python's
`uno` is missing, and fails under CI=true. A `Book` does what a worker does (`set_text`,
`set_number`, `set_date`, `set_formula` in Excel syntax, `set_comment`, `set_fill`, `add_row`,
`delete_rows`, `insert_rows`, `clear_row`, `insert_column`, `sort`, `rename_sheet`, `show_sheet`,
`calculate_all`, `save_as`)
and tells what LibreOffice then shows (`read`, `texts`, `values`, `text`, `value`, `formula`,
`column`, `dropdown`, `name_values`, `evaluate`, `validation`, `names`, `sheets`, `tables`),
hidden and very hidden sheets included. Cells are A1 references, rows count from 1, columns are
letters. The input file is never opened itself, nor written; `save_as` never overwrites.

A refusal or failure in LibreOffice arrives as `OfficeError` with the driver's message. An
operation that takes longer than `timeout` seconds, or a soffice that dies, stops LibreOffice
(OfficeError again); the next `open` starts a new one, so no test hangs and one failure does not
take the session down.

How it runs: `uno` imports only in the system /usr/bin/python3, so tests/office_driver.py runs
there, as one relay for the whole session speaking JSON lines over stdin/stdout, and loads
itself into soffice, where the work on the document is done. Why (measured, scripts/bench_office.py):
a new relay process per call would add 0.06 s to every operation (start Python, import uno,
connect), the long-lived one costs about 1 ms an operation; and a UNO call from outside soffice
costs about 2 ms, so reading a sheet cell by cell from outside took 1.2 s where it takes 0.04 s
inside.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import json
import os
import selectors
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("office_driver.py")
START_TIMEOUT = 90.0  # a first start creates the profile: about 3 s here
TIMEOUT = 60.0  # one operation; a load or save takes 0.3-0.5 s here


class OfficeError(Exception):
    """LibreOffice refused or failed an operation (the message is the driver's)."""


class CellError(str):
    """A cell that shows an error, like '#REF!' (it compares equal to its text)."""

    def __repr__(self) -> str:
        return f"CellError({str(self)!r})"


@dataclass(frozen=True)
class Grid:
    """A range as LibreOffice shows it: `texts` (what a worker sees), `values` (None for an empty
    cell, float, str, date, datetime or CellError) and, when asked, `formulas` (Excel syntax)."""

    ref: str  # "A1:T27"
    texts: list[list[str]]
    values: list[list[Any]]
    formulas: list[list[str | None]] | None = None


@dataclass(frozen=True)
class Validation:
    type: str  # ANY, LIST, WHOLE, DECIMAL, DATE, TEXT_LEN, CUSTOM
    formula1: str  # LibreOffice's own syntax: $Keuzes.$A$2, ';' between arguments
    formula2: str
    error_style: str  # STOP, WARNING, INFO
    show_error: bool
    show_list: int  # 0: no dropdown, 1: in source order, 2: sorted
    ignore_blank: bool


def unavailable() -> str | None:
    """Why the office tests cannot run here, or None."""
    exe = shutil.which("soffice")
    if not exe:
        return "LibreOffice is not installed (soffice not found)"
    program = Path(exe).resolve().parent
    if not (program / "libsclo.so").exists():
        return f"LibreOffice Calc is not installed (no Calc library in {program})"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing (LibreOffice's Python bridge needs the system Python)"
    try:
        probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30, check=False)
    except subprocess.TimeoutExpired:
        return f"{SYSTEM_PYTHON} -c 'import uno' did not finish"
    if probe.returncode != 0:
        return f"{SYSTEM_PYTHON} cannot import uno (install python3-uno)"
    return None


class Office:
    """One headless soffice and its relay, for many books in turn (tests/conftest.py: `office`)."""

    def __init__(self, workdir: str | os.PathLike[str], timeout: float = TIMEOUT) -> None:
        self.workdir = Path(workdir)
        self.timeout = timeout
        self.generation = 0  # counts starts: a Book of an earlier soffice cannot be used
        self.started_in: float | None = None  # seconds the last start took
        self.pipe: str | None = None  # soffice's UNO pipe (--accept=pipe,name=...)
        self._soffice: subprocess.Popen | None = None
        self._relay: subprocess.Popen | None = None
        self._buffer = b""
        self._books = 0
        atexit.register(self._kill)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def processes(self) -> tuple[int, ...]:
        """Process ids of soffice and the relay, each the leader of its own process group."""
        return tuple(p.pid for p in (self._soffice, self._relay) if p is not None)

    @property
    def running(self) -> bool:
        return all(p is not None and p.poll() is None for p in (self._soffice, self._relay))

    def start(self) -> None:
        if self.running:
            return
        self._kill()
        self.generation += 1
        began = time.monotonic()
        run = self.workdir / f"soffice-{self.generation}"  # a fresh profile: a killed one may stay locked
        run.mkdir(parents=True, exist_ok=True)
        pipe = self.pipe = f"werkboek-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        exe = shutil.which("soffice") or "soffice"
        with (run / "soffice.log").open("wb") as log:
            self._soffice = subprocess.Popen(
                [exe, f"-env:UserInstallation={(run / 'profile').as_uri()}", "--headless", "--invisible",
                 "--nologo", "--norestore", "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        with (run / "relay.log").open("wb") as log:
            self._relay = subprocess.Popen(
                [SYSTEM_PYTHON, str(DRIVER), pipe, str(START_TIMEOUT)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, start_new_session=True)
        self._buffer = b""
        hello = self._answer("start", START_TIMEOUT + 5)
        if "error" in hello:
            self._kill()
            raise OfficeError(f"LibreOffice did not start: {hello['error']} (logs in {run})")
        self.started_in = time.monotonic() - began

    def stop(self) -> None:
        """Close the relay, then end soffice (SIGTERM, then SIGKILL after 10 s)."""
        relay, soffice = self._relay, self._soffice
        if relay is not None and relay.poll() is None:
            try:
                relay.stdin.close()
                relay.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if soffice is not None and soffice.poll() is None:
            _signal_group(soffice, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                soffice.wait(10)
        self._kill()

    def _kill(self) -> None:
        for proc in (self._relay, self._soffice):
            if proc is not None:
                _signal_group(proc, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(10)
                for stream in (proc.stdin, proc.stdout):
                    if stream is not None:
                        stream.close()
        self._relay = self._soffice = None

    def call(self, op: str, **args: Any) -> Any:
        """One operation of tests/office_driver.py; its result, or OfficeError with its message."""
        if not self.running:
            self._kill()  # whatever is left of it
            raise OfficeError(f"{op}: LibreOffice is not running (it ended, or was stopped after a failure; "
                              "the next open starts it again)")
        line = json.dumps({"op": op, **args}, ensure_ascii=False).encode("utf-8") + b"\n"
        try:
            self._relay.stdin.write(line)
            self._relay.stdin.flush()
        except OSError as exc:
            self._kill()
            raise OfficeError(f"{op}: the LibreOffice relay is gone ({exc})") from None
        answer = self._answer(op, self.timeout)
        if "error" in answer:
            if answer.get("fatal"):
                self._kill()
            raise OfficeError(f"{op}: {answer['error']}")
        return answer["ok"]

    def _answer(self, op: str, seconds: float) -> dict:
        """The relay's next line; on timeout or a dead relay, LibreOffice is stopped."""
        deadline = time.monotonic() + seconds
        stdout = self._relay.stdout
        with selectors.DefaultSelector() as sel:
            sel.register(stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self._kill()
                    raise OfficeError(f"{op}: LibreOffice did not answer within {seconds:g} s and was stopped")
                chunk = os.read(stdout.fileno(), 1 << 20)
                if not chunk:
                    self._kill()
                    raise OfficeError(f"{op}: the LibreOffice relay ended (its log: {self._log_tail()})")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _log_tail(self) -> str:
        log = self.workdir / f"soffice-{self.generation}" / "relay.log"
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines() if log.exists() else []
        return " / ".join(lines[-5:]) or "empty"

    def open(self, path: str | os.PathLike[str]) -> Book:
        """Open a copy of `path` in LibreOffice (macros never run). Use as a context manager."""
        source = Path(path)
        if not source.is_file():
            raise FileNotFoundError(source)
        self.start()  # again after an earlier failure stopped it
        self._books += 1
        folder = self.workdir / "books" / f"{self._books:04d}"
        folder.mkdir(parents=True)
        copy = folder / source.name
        shutil.copyfile(source, copy)
        return Book(self, self.call("open", path=str(copy)), source, copy)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    """Signal the process group the harness made for `proc` (soffice starts helpers in it)."""
    if proc.poll() is not None and sig != signal.SIGKILL:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


def _value(raw: Any) -> Any:
    if isinstance(raw, dict):
        if "date" in raw:
            return dt.date.fromisoformat(raw["date"])
        if "datetime" in raw:
            return dt.datetime.fromisoformat(raw["datetime"])
        if "error" in raw:
            return CellError(raw["error"])
    return raw


class Book:
    """One workbook open in LibreOffice: what a worker does to it, and what it then shows."""

    def __init__(self, office: Office, doc: int, source: Path, copy: Path) -> None:
        self.office = office
        self.doc = doc
        self.source = source  # the file the test gave; never written
        self.copy = copy  # what LibreOffice has open
        self._generation = office.generation
        self.closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, op: str, **args: Any) -> Any:
        if self.closed:
            raise OfficeError(f"{op}: this book is closed")
        if self._generation != self.office.generation:
            raise OfficeError(f"{op}: this book was open in a LibreOffice that has stopped since; open the file again")
        return self.office.call(op, doc=self.doc, **args)

    def close(self) -> None:
        if not self.closed and self._generation == self.office.generation and self.office.running:
            self.office.call("close", doc=self.doc)
        self.closed = True

    # --- typing ----------------------------------------------------------------------------------

    def set_text(self, sheet: str, cell: str, text: str) -> None:
        """Text, exactly as given (also "=1+1" or "007": no formula, no number)."""
        self._call("set_text", sheet=sheet, cell=cell, text=text)

    def set_comment(self, sheet: str, cell: str, text: str) -> None:
        """A cell comment, as Insert > Comment adds one."""
        self._call("set_comment", sheet=sheet, cell=cell, text=text)

    def set_fill(self, sheet: str, cell: str, rgb: str) -> None:
        """A cell's background colour ("#RRGGBB")."""
        self._call("set_fill", sheet=sheet, cell=cell, rgb=rgb)

    def set_number(self, sheet: str, cell: str, number: float) -> None:
        self._call("set_number", sheet=sheet, cell=cell, number=number)

    def set_date(self, sheet: str, cell: str, date: dt.date) -> str:
        """A real date value in the cell's date format (the standard one if it has none). Returns what it shows."""
        if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
            raise TypeError(f"set_date takes a datetime.date, not {date!r}")
        return self._call("set_date", sheet=sheet, cell=cell, date=date.isoformat())

    def set_formula(self, sheet: str, cell: str, formula: str) -> str:
        """An Excel formula: '=IF(A2="","",A2&B2)' (English names, commas). Returns what it shows."""
        return self._call("set_formula", sheet=sheet, cell=cell, formula=formula)

    def set(self, sheet: str, cell: str, value: str | float | dt.date | None) -> None:
        """By type: text, number, date; None clears the cell. (Formulas: `set_formula`.)"""
        if value is None:
            self.clear(sheet, cell)
        elif isinstance(value, str):
            self.set_text(sheet, cell, value)
        elif isinstance(value, bool):
            raise TypeError("werkboek's yes/no cells hold the text 'ja' or 'nee'")
        elif isinstance(value, (int, float)):
            self.set_number(sheet, cell, value)
        elif isinstance(value, dt.date):
            self.set_date(sheet, cell, value)
        else:
            raise TypeError(f"cannot type {value!r}")

    def type_row(self, sheet: str, row: int, values: Sequence[Any], start: str = "A") -> None:
        """Type `values` into `row` from column `start` on, one cell each (None skips a cell)."""
        first = _column_index(start)
        for i, value in enumerate(values):
            if value is not None:
                self.set(sheet, f"{_letters(first + i)}{row}", value)

    def add_row(self, sheet: str, values: Mapping[str, Any], below: str | None = None) -> int:
        """Type a new row below the last filled one, by header text in row 1. Returns the row.
        `below` names the column that decides which rows are filled: in a table whose IDs stand
        ready in every row (template version 2), the worker types in the first row after the
        last one with, say, a Voornaam."""
        grid = self.read(sheet)
        headers = grid.texts[0] if grid.texts else []
        row = len(grid.texts) + 1
        if below is not None:
            if below not in headers:
                raise KeyError(f"{sheet} has no column {below!r}; its headers are {headers}")
            i = headers.index(below)
            row = 1 + max((r for r, cells in enumerate(grid.texts[1:], start=1) if cells[i]), default=0) + 1
        for header, value in values.items():
            if header not in headers:
                raise KeyError(f"{sheet} has no column {header!r}; its headers are {headers}")
            if value is not None:
                self.set(sheet, f"{_letters(headers.index(header))}{row}", value)
        return row

    def clear(self, sheet: str, ref: str) -> None:
        """Select `ref` and press Delete: contents go, formats stay."""
        self._call("clear", sheet=sheet, ref=ref)

    def clear_row(self, sheet: str, row: int) -> None:
        """Select the row and press Delete (the row itself stays, empty)."""
        self._call("clear_row", sheet=sheet, row=row)

    def delete_rows(self, sheet: str, row: int, count: int = 1) -> None:
        """Right-click the row header, Delete Rows: the rows below move up."""
        self._call("delete_rows", sheet=sheet, row=row, count=count)

    def insert_rows(self, sheet: str, row: int, count: int = 1) -> None:
        """Insert `count` empty rows above `row`."""
        self._call("insert_rows", sheet=sheet, row=row, count=count)

    def insert_column(self, sheet: str, column: str, count: int = 1) -> None:
        """Insert `count` empty columns before `column` (a letter)."""
        self._call("insert_columns", sheet=sheet, column=column, count=count)

    def delete_column(self, sheet: str, column: str, count: int = 1) -> None:
        self._call("delete_columns", sheet=sheet, column=column, count=count)

    def sort(self, sheet: str, ref: str, by: str, descending: bool = False, header: bool = True) -> str:
        """Data > Sort on `ref` (an A1 range or a table's name, like "tblPersonen") by the sheet's
        column `by` (a letter). Returns the sorted range."""
        return self._call("sort", sheet=sheet, ref=ref, by=by, descending=descending, header=header)

    def rename_sheet(self, sheet: str, name: str) -> None:
        self._call("rename_sheet", sheet=sheet, name=name)

    def show_sheet(self, sheet: str) -> None:
        """Make a hidden (or very hidden) sheet visible."""
        self._call("show_sheet", sheet=sheet, visible=True)

    def hide_sheet(self, sheet: str) -> None:
        self._call("show_sheet", sheet=sheet, visible=False)

    def calculate_all(self) -> None:
        """Recalculate every formula (Ctrl+Shift+F9)."""
        self._call("calculate_all")

    def save_as(self, path: str | os.PathLike[str], calculate: bool = True) -> Path:
        """Save to a new file: .xlsm keeps the VBA project ("Calc MS Excel 2007 VBA XML"), .xlsx
        ("Calc MS Excel 2007 XML") and .ods also go. Recalculates first unless `calculate` is False.
        Never over an existing file."""
        target = Path(path).absolute()
        if target.exists():
            raise FileExistsError(f"{target} exists; save_as never overwrites (and never the input file)")
        self._call("save_as", path=str(target), calculate=calculate)
        return target

    # --- reading -----------------------------------------------------------------------------------

    def read(self, sheet: str, ref: str | None = None, formulas: bool = False) -> Grid:
        """`ref` (default: the used area, from A1) after a recalculation. Works on hidden and very hidden sheets."""
        raw = self._call("read", sheet=sheet, ref=ref, formulas=formulas)
        values = [[_value(v) for v in row] for row in raw["values"]]
        return Grid(raw["ref"], raw["texts"], values, raw.get("formulas"))

    def texts(self, sheet: str, ref: str | None = None) -> list[list[str]]:
        return self.read(sheet, ref).texts

    def values(self, sheet: str, ref: str | None = None) -> list[list[Any]]:
        return self.read(sheet, ref).values

    def text(self, sheet: str, cell: str) -> str:
        return self.read(sheet, cell).texts[0][0]

    def value(self, sheet: str, cell: str) -> Any:
        return self.read(sheet, cell).values[0][0]

    def formula(self, sheet: str, cell: str) -> str | None:
        """The cell's formula in Excel syntax, or None when it holds none."""
        return self.read(sheet, cell, formulas=True).formulas[0][0]

    def column(self, sheet: str, header: str) -> list[str]:
        """What the cells below `header` (in row 1) show, down to the end of the used area."""
        grid = self.read(sheet)
        if not grid.texts or header not in grid.texts[0]:
            raise KeyError(f"{sheet} has no column {header!r}")
        i = grid.texts[0].index(header)
        return [row[i] for row in grid.texts[1:]]

    def evaluate(self, formula: str) -> Grid:
        """An Excel formula evaluated in this workbook, like "=ROWS(keuze_persoon)" or "=keuze_persoon"
        (on a scratch sheet that is removed right after: nothing of it reaches a later save)."""
        raw = self._call("evaluate", formula=formula)
        return Grid(raw["ref"], raw["texts"], [[_value(v) for v in row] for row in raw["values"]])

    def name_values(self, name: str) -> list[str]:
        """What the cells a defined name refers to show, in order (a dynamic name is evaluated)."""
        return [t for row in self.evaluate(f"={name}").texts for t in row]

    def dropdown(self, sheet: str, cell: str) -> list[str]:
        """The entries the list validation of `cell` offers, as LibreOffice evaluates its source now."""
        return self._call("dropdown", sheet=sheet, cell=cell)

    def validation(self, sheet: str, cell: str) -> Validation:
        return Validation(**self._call("validation", sheet=sheet, cell=cell))

    def names(self) -> dict[str, str]:
        """Defined names (workbook scope) -> their formula in Excel syntax."""
        return self._call("names")

    def sheets(self) -> dict[str, bool]:
        """Sheet name -> visible, in tab order. (LibreOffice knows no 'very hidden': it is hidden.)"""
        return {s["name"]: s["visible"] for s in self._call("sheets")}

    def tables(self) -> dict[str, str]:
        """Tables (Excel ListObjects) -> "Sheet!A1:T27"."""
        return self._call("tables")

    def layout(self, sheet: str, cell: str) -> dict[str, Any]:
        """`row_height` and `column_width` (1/100 mm), `optimal_height` (the row fits its content)
        and `wrapped` (the cell wraps its text), as LibreOffice lays the cell out now."""
        return self._call("layout", sheet=sheet, cell=cell)

    def used_range(self, sheet: str) -> str:
        return self._call("used_range", sheet=sheet)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        if not "A" <= ch <= "Z":
            raise ValueError(f"not a column: {letters!r}")
        n = n * 26 + ord(ch) - 64
    return n - 1


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out
