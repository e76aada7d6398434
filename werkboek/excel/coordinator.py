"""The coordinator's buttons in Jaarcijfers.xlsm: `werkboek.excel.jaarcijfers` reads the folder,
year, key file and threshold from its sheet, makes the yearly figures and says where they are;
`werkboek.excel.sleutel_maken` makes a key file where Excel's save dialog put its path."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import api
from ..errors import WerkboekError
from ..files import busy
from ..workbook import schema, values
from ..yearly.coordinator_book import FIELDS, SHEET, STATUS_CELL, cell_of
from ..yearly.suppression import DEFAULT_THRESHOLD
from .places import open_file


def _int(value: Any, what: str, default: int | None) -> int | None:
    text = values.clean_text(value)
    if text == "":
        return default
    parsed = values.parse(value, schema.INT)
    if not isinstance(parsed, int):
        raise WerkboekError(f"{what} '{text}' is geen geheel getal.", f"Verbeter de cel naast '{what}'.")
    return parsed


def _free(path: Path) -> Path:
    """'Jaarcijfers 2025.xlsx', or '... (2).xlsx', ...: the first whose report and coordinator file are free too."""
    from ..yearly.workbook import coordinator_path  # local: the yearly code loads only when this button is clicked

    for n in itertools.count(1):
        candidate = path if n == 1 else path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not any(busy(p) for p in (candidate, candidate.with_suffix(".docx"), coordinator_path(candidate))):
            return candidate
    raise AssertionError("unreachable")
def _progress(book: Any, sheet: Any) -> Callable[[int, int], None]:
    """Show a long merge's progress in Excel's status bar and in the status cell (the status bar
    does not exist in every xlwings engine). Called about twice a second: two calls into Excel."""

    def show(count: int, total: int) -> None:
        text = f"Jaarcijfers maken: {count} van {total} werkmappen gelezen ..."
        _status_bar(book, text)
        # Excel refuses calls while a user edits a cell: progress is worth less than the merge.
        with contextlib.suppress(Exception):
            sheet.range(STATUS_CELL).value = text

    return show


def _status_bar(book: Any, value: str | bool) -> None:
    with contextlib.suppress(Exception):  # NotImplementedError in the remote engine; a busy Excel
        book.app.status_bar = value


def yearly_from_book(book: Any) -> Path:
    """Read the coordinator sheet, make the yearly figures, say where they are, and open them."""
    sheet = book.sheets[SHEET]
    cells = {key: sheet.range(cell_of(key)).value for key, _, _ in FIELDS}
    text = {key: values.clean_text(value) for key, value in cells.items()}
    if not text["map"]:
        raise WerkboekError("Er is nog geen map gekozen.", "Klik op 'Kies map...' en kies de map met de werkmappen.")
    folder = Path(text["map"])
    year = _int(cells["jaar"], "Jaar", None)
    threshold = _int(cells["drempel"], "Drempel kleine aantallen", DEFAULT_THRESHOLD)
    # Default: 'Jaarcijfers 2025.xlsx' beside the folder, never over an earlier one, its report or its coordinator file.
    default = folder.parent / f"Jaarcijfers {year or 'alle jaren'}.xlsx"
    out = Path(text["uit"]) if text["uit"] else _free(default) if folder.is_dir() else None
    try:
        done = api.jaarcijfers([folder], jaar=year, uit=out, sleutel=text["sleutel"] or None,
                               drempel=threshold if threshold is not None else DEFAULT_THRESHOLD,
                               voortgang=_progress(book, sheet))
    finally:
        _status_bar(book, False)  # False gives the status bar back to Excel
    sheet.range(STATUS_CELL).value = f"Jaarcijfers {done.cijfers.period} gemaakt: {done.werkmap}. {done.samenvatting}"
    note = (f"\n\nLet op: {done.sleutelnotitie} Kies een sleutelbestand met 'Kies sleutel...' (maak er één keer "
            "een met 'werkboek sleutel PAD') en gebruik het elk jaar." if done.sleutelnotitie else "")
    book.app.alert(f"De jaarcijfers (om door te geven) staan in:\n{done.werkmap}\n{done.verslag}\n\n"
                   "Alleen voor jou, niet doorgeven (dossiers onder pseudoniem, de lijst Problemen):\n"
                   f"{done.coordinator}\n\n{done.samenvatting}{note}", title="werkboek", mode="info")
    open_file(done.werkmap)
    return done.werkmap


def key_from_book(book: Any) -> Path:
    """'Nieuwe sleutel maken...': the VBA put the path chosen in Excel's save dialog in the key
    cell; make a new key file there (never over an existing one) and say where it is."""
    sheet = book.sheets[SHEET]
    cell = cell_of("sleutel")
    text = values.clean_text(sheet.range(cell).value)
    if not text:
        raise WerkboekError("Er is nog geen plaats voor de sleutel gekozen.",
                            "Klik op 'Nieuwe sleutel maken...' en kies waar het sleutelbestand komt.")
    path = api.sleutel(text)
    sheet.range(STATUS_CELL).value = f"Nieuwe sleutel gemaakt: {path}. Ze staat ook in cel {cell}."
    book.app.alert(f"De nieuwe sleutel staat in:\n{path}\n\nBewaar ze veilig en buiten de teammappen, en gebruik elk "
                   "jaar dezelfde: dan krijgt een dossier elk jaar hetzelfde pseudoniem. Wie de sleutel heeft, kan "
                   "een pseudoniem terugvinden bij een dossiernummer.", title="werkboek", mode="info")
    return path
