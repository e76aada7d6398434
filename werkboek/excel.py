"""The Excel face: what the buttons on the Dossier sheet run, through the xlwings add-in.

Thin, like the command line: the live book becomes the same sheet grids the file reader gives,
`reader.parse_grids` makes the Case, and the same checks and reports run. Writing back stays
inside werkboek's own areas: the Controle sheet below its header, the status cell on the
Dossier sheet, the fill of the cells a finding points at, and the record of those marks on the
very hidden Keuzes sheet (so clearing old marks never clears a worker's own colours). Nothing a
worker typed is changed.

Each public function takes an optional xlwings Book; from a button it is the calling book
(tests pass one made by xlwings' remote engine). Every error ends as a Dutch message box and a
line in the status cell, never as a traceback. xlwings is imported inside functions so that
importing this module stays cheap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import schema, values
from .builder import INPUT_FILL, MEETING_CHOICE_CELL, STATUS_CELL
from .errors import WerkboekError
from .model import Case, Record
from .source import USE_TEMPLATE, Grid, Grids

__all__ = ["controleer", "documents_folder", "eindevaluatie", "jaarcijfers", "open_file", "read_grids", "report_folder",
           "verslag_netwerkberaad"]

TITLE = "werkboek"
ERROR_FILL, WARNING_FILL = "#FFC7CE", "#FFEB9C"  # Excel's own "Slecht" and "Neutraal" fills
MAX_MARKS = 500  # each mark is a round trip to Excel; beyond this the Controle sheet still lists all
# The record of marked cells on the Keuzes sheet: "Blad!A1" in H, the fill it had before in I.
MARKS_COLUMN = 7  # 0-based: H
MARKS_HEADER = ("werkboek-markeringen", "oorspronkelijke vulling")
_TEMP_PARTS = {"inetcache", "content.outlook", "temporary internet files", "content.mso", "content.ie5"}
# Text starting with these is read by Excel as a formula, or (') loses its first character.
_NEEDS_QUOTE = ("=", "+", "-", "@", "'")

F = TypeVar("F", bound=Callable[..., Any])


# --- the buttons ------------------------------------------------------------------------------


def _button(func: F) -> F:
    """Run `func(book)` for the calling book; turn every failure into a Dutch message."""

    @functools.wraps(func)
    def run(book: Any = None) -> Any:
        if book is None:
            import xlwings as xw

            book = xw.Book.caller()
        try:
            return func(book)
        except WerkboekError as exc:
            _tell(book, f"{exc.message}\n\n{exc.todo}".strip(), f"Mislukt: {exc.message}", problem=True)
        except Exception as exc:
            if os.environ.get("WERKBOEK_DEBUG"):
                raise
            log = _log_error()
            _tell(book, f"Onverwachte fout in werkboek ({type(exc).__name__}: {exc}).\n\n"
                  f"Meld dit aan je beheerder; de technische details staan in {log}.",
                  f"Mislukt: onverwachte fout ({type(exc).__name__}).", problem=True)
        return None

    return run  # type: ignore[return-value]


@_button
def controleer(book: Any = None) -> None:
    """Check the workbook: findings on the Controle sheet, offending cells marked, a status line."""
    _, findings = _read_and_check(book)
    from .findings import summary

    if findings:
        book.sheets[schema.CHECK_SHEET].activate()
        _tell(book, f"Controle klaar: {summary(findings)}.\n\nZe staan op het blad Controle; "
              "klik op een cel in de kolom Cel om ernaar te gaan.", f"Controle: {summary(findings)} (zie blad Controle).")
    else:
        _tell(book, "Controle klaar: geen fouten of waarschuwingen.", "Controle: in orde, geen fouten of waarschuwingen.")


@_button
def verslag_netwerkberaad(book: Any = None) -> Path | None:
    """The Word report of the meeting chosen next to the button (the latest when empty)."""
    case, findings = _read_and_check(book)
    if _blocked(book, findings, "Het verslag"):
        return None
    from . import reports

    meeting = _chosen_meeting(book, case)
    today = dt.date.today()
    name = reports.default_name(case, reports.MEETING, meeting, today)
    return _deliver(book, lambda out: reports.render_meeting(case, str(meeting.id), out, today), name,
                    f"het verslag van beraad {meeting.id}")


@_button
def eindevaluatie(book: Any = None) -> Path | None:
    """The Word final evaluation of the whole case."""
    case, findings = _read_and_check(book)
    if _blocked(book, findings, "De eindevaluatie"):
        return None
    from . import reports

    today = dt.date.today()
    name = reports.default_name(case, reports.EVALUATION, None, today)
    return _deliver(book, lambda out: reports.render_evaluation(case, out, today), name, "de eindevaluatie")


# --- reading the live book --------------------------------------------------------------------


def read_grids(book: Any) -> Grids:
    """The book's sheets as rows of raw values from A1: the shape `source.read_grids` gives."""
    present = {sheet.name for sheet in book.sheets}
    missing = [name for name in schema.REQUIRED_SHEETS if name not in present]
    if missing:
        raise WerkboekError(f"{book.name}: dit is geen Netwerkkaart-werkmap: de bladen {', '.join(missing)} ontbreken.",
                            USE_TEMPLATE)
    wanted = (*schema.REQUIRED_SHEETS, schema.LISTS_SHEET, schema.PICKER_SHEET)
    return {name: _grid(book.sheets[name]) for name in wanted if name in present}


def _grid(sheet: Any) -> Grid:
    used = sheet.used_range  # Excel's used range need not start at A1
    rows = used.options(ndim=2, err_to_str=True).value or []
    left = [None] * (used.column - 1)
    return [[] for _ in range(used.row - 1)] + [left + list(row) for row in rows]


def _read_and_check(book: Any) -> tuple[Case, list[Any]]:
    from .checks import check
    from .reader import parse_grids

    grids = read_grids(book)
    case = parse_grids(grids)
    case.source = book.name
    findings = check(case)
    _write_findings(book, findings)
    _mark(book, grids, findings)
    return case, findings


# --- writing back -----------------------------------------------------------------------------


def _write_findings(book: Any, findings: list[Any]) -> None:
    """Replace the rows below the Controle header; the Cel column links to the cell."""
    from .findings import control_rows

    sheet = book.sheets[schema.CHECK_SHEET]
    width = len(schema.CHECK_COLUMNS)
    rows = []
    for row, link in control_rows(findings):  # in the checks' order: by sheet, errors first
        row = [_as_text(v) for v in row]
        if row[2]:
            row[2] = _hyperlink(link, str(row[2]))
        rows.append(row)
    if not rows:
        rows = [["", "", "", f"Geen fouten of waarschuwingen ({_now()}).", "", ""]]
    old_last = _last_row(sheet)
    sheet.range((2, 1)).value = rows
    if old_last > len(rows) + 1:
        sheet.range((len(rows) + 2, 1), (old_last, width)).clear_contents()


def _hyperlink(target: str, text: str) -> str:
    # A HYPERLINK formula rather than a Hyperlinks object: written in one go with the rows, and
    # Excel on Windows and Mac follows "#'Blad'!A1" to the cell.
    target, text = (s.replace('"', '""') for s in (target, text))
    return f'=HYPERLINK("{target}","{text}")'


def _as_text(value: Any) -> Any:
    """Text that Excel shows as it is: never as a formula (a finding may quote what a worker typed)."""
    if isinstance(value, str) and value.startswith(_NEEDS_QUOTE):
        return "'" + value
    return value


def _last_row(sheet: Any) -> int:
    used = sheet.used_range
    return used.row + used.shape[0] - 1


def _mark(book: Any, grids: Grids, findings: list[Any]) -> None:
    """Fill the cells findings point at; restore the cells marked last time and no longer wrong."""
    present = {sheet.name for sheet in book.sheets}
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
            rng = _cell(book, ref)
            if _fill(rng) in (None, ERROR_FILL, WARNING_FILL):  # None: unknown; else the worker recoloured it
                rng.color = before
    record = []
    for ref, colour in new.items():
        rng = _cell(book, ref)
        before = old[ref] if ref in old else _fill(rng, default=_template_fill(ref))
        rng.color = colour
        record.append([ref, before or ""])
    keuzes = book.sheets[schema.PICKER_SHEET]  # present: checked on entry
    col = MARKS_COLUMN + 1
    keuzes.range((1, col)).value = [list(MARKS_HEADER), *record]
    if len(old) > len(record):
        keuzes.range((len(record) + 2, col), (len(old) + 1, col + 1)).clear_contents()


def _recorded_marks(grids: Grids) -> dict[str, str | None]:
    grid = grids.get(schema.PICKER_SHEET) or []
    if not grid or len(grid[0]) <= MARKS_COLUMN or grid[0][MARKS_COLUMN] != MARKS_HEADER[0]:
        return {}
    out: dict[str, str | None] = {}
    for row in grid[1:]:
        ref = values.clean_text(row[MARKS_COLUMN]) if len(row) > MARKS_COLUMN else ""
        if not re.fullmatch(r"[^!]+![A-Z]{1,3}\d{1,7}", ref):
            break
        before = values.clean_text(row[MARKS_COLUMN + 1]) if len(row) > MARKS_COLUMN + 1 else ""
        out[ref] = before if re.fullmatch(r"#[0-9A-Fa-f]{6}", before) else None
    return out


def _cell(book: Any, ref: str) -> Any:
    sheet, cell = ref.rsplit("!", 1)
    return book.sheets[sheet].range(cell)


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
    """The fill the builder gave a cell: the yellow input cells of the dossier form, else none."""
    sheet, cell = ref.rsplit("!", 1)
    form_rows = {schema.DOSSIER.row_of(f.key) for f in schema.DOSSIER.fields}
    if sheet == schema.DOSSIER.name and cell[:1] == "B" and cell[1:].isdigit() and int(cell[1:]) in form_rows:
        return INPUT_FILL
    return None


def _status(book: Any, text: str) -> None:
    """Write the status cell: the Dossier sheet's, or the coordinator workbook's (Jaarcijfers.xlsm)."""
    if schema.DOSSIER.name in {sheet.name for sheet in book.sheets}:
        cell = book.sheets[schema.DOSSIER.name].range(STATUS_CELL)
    else:
        from . import coordinator

        cell = book.sheets[coordinator.SHEET].range(coordinator.STATUS_CELL)
    cell.value = _as_text(text)


def _tell(book: Any, message: str, status: str, problem: bool = False) -> None:
    """A message box, and the same news in the status cell (kept even if the box cannot show)."""
    with contextlib.suppress(Exception):  # a protected or renamed sheet must not hide the message itself
        _status(book, f"{status} ({_now()})")
    book.app.alert(message, title=TITLE, mode="critical" if problem else "info")


def _now() -> str:
    return dt.datetime.now().strftime("%d/%m/%Y %H:%M")


def _log_error() -> Path:
    log = Path(tempfile.gettempdir()) / "werkboek-excel-fout.log"
    try:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n{traceback.format_exc()}\n")
    except OSError:
        pass
    return log


# --- reports ----------------------------------------------------------------------------------


def _blocked(book: Any, findings: list[Any], what: str) -> bool:
    from .findings import has_errors, summary

    if not has_errors(findings):
        return False
    book.sheets[schema.CHECK_SHEET].activate()
    _tell(book, f"{what} is niet gemaakt: de controle vond {summary(findings)}.\n\n"
          "Los de fouten op (zie het blad Controle) en klik dan opnieuw.",
          f"{what} is niet gemaakt: {summary(findings)} (zie blad Controle).", problem=True)
    return True


def _chosen_meeting(book: Any, case: Case) -> Record:
    """The meeting in the choice cell ("B2 – 12/3/2026" or "B2"), else the latest one."""
    from .reports import find_meeting

    raw = book.sheets[schema.DOSSIER.name].range(MEETING_CHOICE_CELL).value
    chosen = values.parse(raw, schema.MEETING)
    chosen = chosen if isinstance(chosen, str) else None
    try:
        return find_meeting(case, chosen, book.name)
    except WerkboekError as exc:
        if chosen is None:
            raise
        raise WerkboekError(f"{exc.message} (gekozen in cel {MEETING_CHOICE_CELL})",
                            f"Kies een beraad uit de lijst in cel {MEETING_CHOICE_CELL}, of maak die cel leeg "
                            "voor het laatste beraad.") from None


def _deliver(book: Any, render: Callable[[Path], Path], name: str, what: str) -> Path:
    """Render beside the workbook (or in Documents) under a free name, open it, and say where it is.

    `name` is the command line's file name for it; `what` names the document in messages, with its article.
    """
    from .files import free_path

    folder, beside = report_folder(_fullname(book), _read_only(book))
    out = render(free_path(folder / name))
    opened = open_file(out)
    what = what[:1].upper() + what[1:]
    _status(book, f"{what} is gemaakt: {out} ({_now()})")
    if not beside:
        book.app.alert(f"{what} staat in je map Documenten:\n{out}\n\n(De werkmap is nog niet bewaard, "
                       "alleen-lezen, of geopend vanuit een e-mail of een tijdelijke map; daarom staat het "
                       "document niet naast de werkmap.)", title=TITLE, mode="info")
    elif not opened:
        book.app.alert(f"{what} is gemaakt:\n{out}", title=TITLE, mode="info")
    return out


def _fullname(book: Any) -> str:
    try:
        return str(book.fullname)
    except Exception:  # noqa: BLE001 - e.g. a OneDrive address xlwings cannot map to a local path
        return ""


def _read_only(book: Any) -> bool:
    try:
        return bool(book.api.ReadOnly)  # Excel on Windows/Mac; the remote engine has no such flag
    except Exception:  # noqa: BLE001 - any engine without it: not read-only
        return False


def report_folder(fullname: str, read_only: bool = False) -> tuple[Path, bool]:
    """Where a report goes: (folder, True) beside a saved, writable workbook; else (Documents, False).

    Not beside: an unsaved new book ("Map1"), a web address (OneDrive/SharePoint not synced), a
    read-only file, or a temporary folder (an e-mail attachment or a download opened directly).
    """
    path = Path(fullname) if fullname and "://" not in fullname else None
    if (path is not None and path.is_absolute() and path.is_file() and not read_only
            and os.access(path, os.W_OK) and not _is_temporary(path.parent) and _can_write(path.parent)):
        return path.parent, True
    return documents_folder(), False


def _is_temporary(folder: Path) -> bool:
    parts = {p.casefold() for p in folder.parts}
    if parts & _TEMP_PARTS:
        return True
    temp = Path(tempfile.gettempdir()).resolve()
    resolved = folder.resolve()
    return resolved == temp or temp in resolved.parents


def _can_write(folder: Path) -> bool:
    # os.access says little on Windows (ACLs, OneDrive): try it.
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def documents_folder() -> Path:
    """The user's Documents folder (where Windows really keeps it, also when redirected to OneDrive)."""
    if sys.platform == "win32":
        import ctypes

        buf = ctypes.create_unicode_buffer(260)
        if ctypes.windll.shell32.SHGetFolderPathW(None, 5, None, 0, buf) == 0 and buf.value:  # 5: CSIDL_PERSONAL
            return Path(buf.value)
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


def open_file(path: Path) -> bool:
    """Open the file in its desktop program (Word, Excel) on Windows and Mac; False where there is
    no desktop to open it on."""
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", str(path)])
            return True
    except OSError:
        pass
    return False


# --- the coordinator workbook's button (yearly figures; werkboek/coordinator.py) ---------------


@_button
def jaarcijfers(book: Any = None) -> Path | None:
    """'Jaarcijfers maken' in Jaarcijfers.xlsm: the folder, year and key come from its sheet."""
    from . import coordinator

    return coordinator.run_from_book(book)
