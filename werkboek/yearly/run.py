"""The whole yearly run: scan the folders, read and check each workbook in worker processes,
merge, and write the published workbook and Word report, the coordinator's own file and (if
asked) the research export."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import dutch
from ..errors import EXIT_FINDINGS, EXIT_OK, WerkboekError
from ..files import new_file
from ..profile import Profiel
from . import egor, harvest, report, tables, workbook
from .merge import Yearly, compute, select
from .pseudonyms import Pseudonymizer, load_key, random_pseudonymizer
from .suppression import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    import pandas as pd


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
    export_groups: Sequence[str] = ()  # grouping columns of the research export (egor.GROUPINGS)
    profile: Profiel | None = None


@dataclass(frozen=True)
class Uitkomst:
    """What a yearly run made (returned by the API, so named in Dutch).

    `werkmap` and `verslag` are the published figures (anonymous, suppressed: they may be passed
    on); `coordinator` is the coordinator's own file (cases under pseudonyms, the files that did
    not count: never passed on); `export` the research export, if asked. `tabellen` holds the
    published tables as pandas DataFrames by sheet name ("Overzicht", "Per team", ...), with
    pd.NA where the sheet shows a mark, and `markeringen` those marks in frames of the same
    shape ("" where the number is shown); `per_dossier` is the coordinator's per-case table. The
    frames are made when first asked for: the command line never loads pandas for them."""

    werkmap: Path
    verslag: Path
    coordinator: Path
    export: Path | None
    cijfers: Yearly

    @functools.cached_property
    def _published(self) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
        return tables.published(self.cijfers)

    @property
    def tabellen(self) -> dict[str, pd.DataFrame]:
        return self._published[0]

    @property
    def markeringen(self) -> dict[str, pd.DataFrame]:
        return self._published[1]

    @functools.cached_property
    def per_dossier(self) -> pd.DataFrame:
        return tables.per_case(self.cijfers)

    @property
    def exitcode(self) -> int:
        """1 when a file did not count because of a problem; a case of another year is none."""
        return EXIT_FINDINGS if self.cijfers.listed else EXIT_OK

    @property
    def samenvatting(self) -> str:
        y = self.cijfers
        # Without a year no text speaks of one (no case is then of "another year").
        other = f", {len(y.other_year)} van een ander jaar" if y.year is not None else ""
        return (f"{dutch.plural(y.files, 'bestand', 'bestanden')} bekeken, "
                f"{dutch.plural(len(y.used), 'dossier', 'dossiers')} meegeteld; op het blad Problemen van het "
                f"coördinatorbestand: {len(y.listed)} met een probleem{other}.")

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
    own = new_file(workbook.coordinator_path(out), ".xlsx", request.overwrite)
    export = Path(request.export) if request.export else None
    groups = egor.groupings(request.export_groups)
    if groups and export is None:
        raise WerkboekError("groeperingen voor de export gevraagd, maar geen export.",
                            "Geef ook --export-csv MAP, of laat --export-groepen weg.")
    if export is not None:
        egor.check_folder(export, request.overwrite)
    pseudonyms: Pseudonymizer = load_key(request.key) if request.key else random_pseudonymizer()

    found = harvest.scan(folders, skip=(out, word, own))
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
    with _Report(word) as writer:  # on Linux a process forked now loads matplotlib and docxtpl
        yearly = compute(used, found.problems + problems, year=year, threshold=threshold,
                         key_from_file=pseudonyms.from_file, files=len(found.candidates) + len(found.problems),
                         others=found.others, known=egor.known(groups) if export is not None else None)
        writer.start(yearly)
        workbook.write(yearly, out)
        workbook.write_coordinator(yearly, own, out, export)
        writer.finish()
    if export is not None:
        egor.write(yearly.used, export, groups, period=yearly.period, key_from_file=pseudonyms.from_file,
                   made_on=yearly.made_on)
    return Uitkomst(out, word, own, export, yearly)


class _Report:
    """The Word report, on Linux in a process forked once the workers are done: it loads
    matplotlib and docxtpl (about 0.6 s) while this process merges (SciPy for the audit), gets the
    figures (without the cases) by pipe and writes the report while this process writes the
    workbooks. Forked before the reading, those imports would only take CPU from the workers on
    2 cores. Elsewhere, or when that process fails, the report is written here, where an error
    shows as usual."""

    def __init__(self, word: Path) -> None:
        self.word = word
        self.yearly: Yearly | None = None
        self.child: Any = None
        self.started = False
        if sys.platform.startswith("linux"):
            ctx = mp.get_context("fork")
            self.recv, child_end = ctx.Pipe(duplex=False)
            child_inbox, self.send = ctx.Pipe(duplex=False)
            self.child = ctx.Process(target=_report_child, args=(child_inbox, child_end, word), daemon=True)
            self.child.start()
            child_end.close()
            child_inbox.close()

    def __enter__(self) -> _Report:
        return self

    def start(self, yearly: Yearly) -> None:
        self.yearly = yearly
        if self.child is not None:
            with contextlib.suppress(OSError, EOFError, ValueError):
                self.send.send(replace(yearly, used=[]))  # the report shows no case
                self.started = True

    def finish(self) -> None:
        """Wait for the report (or write it here)."""
        assert self.yearly is not None
        answer: tuple[Any, ...] = ()
        if self.started:
            with contextlib.suppress(EOFError, OSError):
                answer = self.recv.recv()
        if answer[:1] == ("error",):
            raise WerkboekError(answer[1], answer[2])
        if answer[:1] != ("done",):
            report.write(self.yearly, self.word)

    def __exit__(self, *exc: object) -> None:
        if self.child is None:
            return
        self.send.close()  # a child still waiting for the figures (the merge failed) stops
        self.recv.close()
        self.child.join(timeout=5)
        if self.child.is_alive():
            self.child.kill()
            self.child.join()


def _report_child(inbox: Any, outbox: Any, word: Path) -> None:
    answer: tuple[Any, ...] = ("failed",)
    try:
        report.prepare()  # loaded while the parent merges
        yearly = inbox.recv()
        report.write(yearly, word)
        answer = ("done",)
    except EOFError:  # the merge failed: no report
        os._exit(0)
    except WerkboekError as exc:
        answer = ("error", exc.message, exc.todo)
    except BaseException:  # noqa: BLE001, S110  the parent writes it itself and shows the error (or stops: Ctrl+C)
        pass
    with contextlib.suppress(OSError):
        outbox.send(answer)
        outbox.close()
    os._exit(0)
