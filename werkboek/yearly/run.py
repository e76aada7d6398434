"""The whole yearly run: scan the folders, read and check each workbook in worker processes,
merge, and write the workbook, the Word report and (if asked) the research export."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EXIT_FINDINGS, EXIT_OK, WerkboekError
from ..files import new_file
from ..profile import Profiel
from . import egor, harvest, report, workbook
from .merge import Yearly, compute, select
from .pseudonyms import Pseudonymizer, load_key, random_pseudonymizer
from .suppression import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Request:
    """A yearly run as asked (the API's parameters, checked by `run`)."""

    folders: Sequence[str | os.PathLike[str]]
    year: int | None = None
    out: str | os.PathLike[str] | None = None
    key: str | os.PathLike[str] | None = None
    threshold: int = DEFAULT_THRESHOLD
    export: str | os.PathLike[str] | None = None
    overwrite: bool = False
    # A progress bar (None: only on a terminal), or a function told (count, total) now and then.
    progress: bool | Callable[[int, int], None] | None = None
    workers: int | None = None
    profile: Profiel | None = None


@dataclass(frozen=True)
class Uitkomst:
    """What a yearly run made (returned by the API, so named in Dutch)."""

    werkmap: Path
    verslag: Path
    export: Path | None
    cijfers: Yearly

    @property
    def exitcode(self) -> int:
        listed = [p for p in self.cijfers.problems if p.kind != harvest.OTHER_YEAR]
        return EXIT_FINDINGS if listed else EXIT_OK

    @property
    def samenvatting(self) -> str:
        y = self.cijfers
        return (f"{y.files} bestanden bekeken, {len(y.used)} dossiers meegeteld, "
                f"{len(y.problems)} op het blad Problemen.")

    @property
    def sleutelnotitie(self) -> str:
        """What a run without the coordinator's key file must say ('' with one)."""
        return ("" if self.cijfers.key_from_file
                else "zonder sleutelbestand zijn de pseudoniemen willekeurig voor deze keer.")


def run(request: Request) -> Uitkomst:
    """Scan, read, check, merge and write. Raises WerkboekError for what the user must fix first."""
    folders = [Path(m) for m in request.folders]
    year, threshold = request.year, request.threshold
    if not folders:
        raise WerkboekError("geen map opgegeven.", "Geef de map(pen) met de werkmappen van het jaar.")
    for folder in folders:
        if not folder.is_dir():
            raise WerkboekError(f"{folder}: deze map bestaat niet.", "Controleer de naam van de map.")
    if year is not None and not 1990 <= year <= 2100:
        raise WerkboekError(f"{year} is geen geldig jaar.", "Geef een jaar als 2025.")
    if not 1 <= threshold <= 100:
        raise WerkboekError(f"drempel {threshold} kan niet.",
                            f"Geef een drempel van 1 (niets verbergen) tot 100; standaard is {DEFAULT_THRESHOLD}.")
    out = new_file(request.out or f"Jaarcijfers {year or 'alle jaren'}.xlsx", ".xlsx", request.overwrite)
    word = new_file(out.with_suffix(".docx"), ".docx", request.overwrite)
    export = Path(request.export) if request.export else None
    if export is not None and export.exists() and not export.is_dir():
        raise WerkboekError(f"{export}: dit is een bestand, geen map.", "Geef een map voor de CSV-bestanden.")
    pseudonyms: Pseudonymizer = load_key(request.key) if request.key else random_pseudonymizer()

    found = harvest.scan(folders, skip=(out, word))
    if callable(request.progress):
        progress = harvest.Progress(len(found.candidates), None, request.progress, every=harvest.REPORT_EVERY)
    else:
        progress = harvest.Progress(len(found.candidates), request.progress)
    settings = harvest.Settings(pseudonyms, network=export is not None, year=year, profile=request.profile)
    try:
        results = harvest.harvest(found.candidates, settings, request.workers, progress)
    finally:
        progress.close()
    used, problems = select(results, year)
    yearly = compute(used, found.problems + problems, year=year, threshold=threshold,
                     key_from_file=pseudonyms.from_file, files=len(found.candidates) + len(found.problems),
                     others=found.others)
    _write(yearly, out, word)
    if export is not None:
        egor.write(yearly.used, export)
    return Uitkomst(out, word, export, yearly)


def _write(yearly: Yearly, out: Path, word: Path) -> None:
    """The workbook here and, on Linux, the Word report in a forked process at the same time:
    each takes about a second, and once the reading is done a core is free."""
    if not sys.platform.startswith("linux"):
        workbook.write(yearly, out)
        report.write(yearly, word)
        return
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_report_child, args=(send, yearly, word), daemon=True)
    child.start()
    send.close()
    answer: tuple[str, ...] = ()
    try:
        workbook.write(yearly, out)
        with contextlib.suppress(EOFError, OSError):
            answer = recv.recv()
    finally:
        recv.close()
        if child.is_alive():
            child.kill()
        child.join()
    if answer[:1] == ("error",):
        raise WerkboekError(answer[1], answer[2])
    if answer[:1] != ("done",):  # the child failed otherwise: do it here, where an error shows as usual
        report.write(yearly, word)


def _report_child(send: Any, yearly: Yearly, word: Path) -> None:
    answer: tuple[str, ...] = ("failed",)
    try:
        report.write(yearly, word)
        answer = ("done",)
    except WerkboekError as exc:
        answer = ("error", exc.message, exc.todo)
    except BaseException:  # noqa: BLE001, S110  the parent writes the report itself and shows the error (or stops: Ctrl+C)
        pass
    with contextlib.suppress(OSError):
        send.send(answer)
        send.close()
    os._exit(0)
