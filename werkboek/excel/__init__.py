"""The Excel face: what the buttons run, through the xlwings add-in. The VBA in every shipped
workbook calls `werkboek.excel.controleer()`, `.verslag_netwerkberaad()`, `.eindevaluatie()`,
`.veiligheidsplan()` and (in Jaarcijfers.xlsm) `.jaarcijfers()` and `.sleutel_maken()`, so these names never change.

Thin, like the command line: the live book becomes the grids the file reader gives (`book`),
and the API checks and reports (`api`). Each function takes an optional xlwings Book; from a
button it is the calling book (tests pass one made by xlwings' remote engine). Every error ends
as a Dutch message box and a line in the status cell, never as a traceback. xlwings itself is
imported only for a button's calling book, so importing this module stays cheap.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .. import api
from ..checks.findings import count_text
from ..errors import UnknownMeeting, WerkboekError
from ..policy import Controle, ReportBlocked
from ..workbook import schema, values
from ..workbook.reader import parse_grids
from . import book as live
from .coordinator import key_from_book, yearly_from_book
from .places import documents_folder, open_file, report_folder

__all__ = ["controleer", "documents_folder", "eindevaluatie", "jaarcijfers", "open_file", "report_folder",
           "sleutel_maken", "veiligheidsplan", "verslag_netwerkberaad"]

if TYPE_CHECKING:
    from ..reports import Verslag

F = TypeVar("F", bound=Callable[..., Any])


def _button(func: F) -> F:
    """Run `func(book)` for the calling book; turn every failure into a Dutch message."""

    @functools.wraps(func)
    def run(book: Any = None) -> Any:
        if book is None:
            import xlwings as xw  # local: 0.5 s, and only a button's own call needs it

            book = xw.Book.caller()
        try:
            return func(book)
        except WerkboekError as exc:
            live.tell(book, f"{exc.message}\n\n{exc.todo}".strip(), f"Mislukt: {exc.message}", problem=True)
        except Exception as exc:
            if os.environ.get("WERKBOEK_DEBUG"):
                raise
            log = live.log_error()
            live.tell(book, f"Onverwachte fout in werkboek ({type(exc).__name__}: {exc}).\n\n"
                      f"Meld dit aan je beheerder; de technische details staan in {log}.",
                      f"Mislukt: onverwachte fout ({type(exc).__name__}).", problem=True)
        return None

    return run  # type: ignore[return-value]


@_button
def controleer(book: Any = None) -> None:
    """Check the workbook: findings on the Controle sheet, offending cells marked, a status line."""
    findings = _check(book).meldingen
    if findings:
        live.sheet(book, schema.CHECK_SHEET).activate()
        live.tell(book, f"Controle klaar: {count_text(findings)}.\n\nZe staan op het blad Controle; "
                  "klik op een cel in de kolom Cel om ernaar te gaan.",
                  f"Controle: {count_text(findings)} (zie blad Controle).")
    else:
        live.tell(book, "Controle klaar: geen fouten of waarschuwingen.",
                  "Controle: in orde, geen fouten of waarschuwingen.")


@_button
def verslag_netwerkberaad(book: Any = None) -> Path | None:
    """The Word report of the meeting chosen next to the button (the latest when empty)."""
    controle = _check(book)
    choice = live.sheet(book, schema.DOSSIER.name).range(schema.MEETING_CHOICE_CELL).value
    chosen = values.parse(choice, schema.MEETING)
    chosen = chosen if isinstance(chosen, str) and chosen not in schema.PICKER_HINTS else None
    try:
        return _deliver(book, "Het verslag", lambda folder: api.verslag(controle, beraad=chosen, uit=folder))
    except UnknownMeeting as exc:
        cell = schema.MEETING_CHOICE_CELL
        raise WerkboekError(f"{exc.message} (gekozen in cel {cell})",
                            f"Kies een beraad uit de lijst in cel {cell}, of maak die cel leeg voor het laatste "
                            "beraad.") from None


@_button
def eindevaluatie(book: Any = None) -> Path | None:
    """The Word final evaluation of the whole case."""
    controle = _check(book)
    return _deliver(book, "De eindevaluatie", lambda folder: api.eindevaluatie(controle, uit=folder))


@_button
def veiligheidsplan(book: Any = None) -> Path | None:
    """The Word safety plan (its latest version) for the family and the network."""
    controle = _check(book)
    return _deliver(book, "Het veiligheidsplan", lambda folder: api.veiligheidsplan(controle, uit=folder))


@_button
def jaarcijfers(book: Any = None) -> Path | None:
    """'Jaarcijfers maken' in Jaarcijfers.xlsm: the folder, year and key come from its sheet."""
    return yearly_from_book(book)


@_button
def sleutel_maken(book: Any = None) -> Path | None:
    """'Nieuwe sleutel maken...' in Jaarcijfers.xlsm: a key file where Excel's dialog chose."""
    return key_from_book(book)


def _check(book: Any) -> Controle:
    """Read the live book, check it, and show the findings in the book."""
    grids = live.read_grids(book)
    case = parse_grids(grids)
    case.source = book.name
    # The profile as every command finds it: WERKBOEK_PROFIEL (IT's install), else beside the workbook or above.
    where = live.fullname(book)  # an unsaved book has no folder, and a OneDrive address none we can search
    controle = api.controleer(case, api.profiel_zoeken(bij=where if os.path.isabs(where) else None))
    live.write_findings(book, controle.meldingen)
    live.mark(book, grids, controle.meldingen)
    return controle


def _deliver(book: Any, what: str, make: Callable[[Path], Verslag]) -> Path | None:
    """Make a document beside the workbook (or in Documents), open it, and say where it is.
    `what` names the document for a blocked check, with its article."""
    folder, beside = report_folder(live.fullname(book), live.read_only(book))
    try:
        made = make(folder)
    except ReportBlocked as exc:
        live.sheet(book, schema.CHECK_SHEET).activate()
        found = count_text(exc.findings)
        live.tell(book, f"{what} is niet gemaakt: de controle vond {found}.\n\n"
                  "Los de fouten op (zie het blad Controle) en klik dan opnieuw.",
                  f"{what} is niet gemaakt: {found} (zie blad Controle).", problem=True)
        return None
    out = made.pad
    opened = open_file(out)
    what = made.wat[:1].upper() + made.wat[1:]
    live.status(book, f"{what} is gemaakt: {out} ({live.now()})")
    if not beside:
        book.app.alert(f"{what} staat in je map Documenten:\n{out}\n\n(De werkmap is nog niet bewaard, "
                       "alleen-lezen, of geopend vanuit een e-mail of een tijdelijke map; daarom staat het "
                       "document niet naast de werkmap.)", title=live.TITLE, mode="info")
    elif not opened:
        book.app.alert(f"{what} is gemaakt:\n{out}", title=live.TITLE, mode="info")
    return out
