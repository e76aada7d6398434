"""The whole yearly run: scan the folders, read and check each workbook in worker processes,
merge, and write the published workbook and Word report, the coordinator's own file and (if
asked) the research export."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import dutch
from ..errors import EXIT_FINDINGS, EXIT_OK, WerkboekError
from ..files import new_file
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
    progress: bool | None = None  # a progress bar (None: only on a terminal)
    workers: int | None = None
    export_groups: Sequence[str] = ()  # grouping columns of the research export (egor.GROUPINGS)


@dataclass(frozen=True)
class Uitkomst:
    """What a yearly run made (returned by the API, so named in Dutch).

    `werkmap` and `verslag` are the published figures (anonymous, suppressed: they may be passed
    on); `coordinator` is the coordinator's own file (cases under pseudonyms, the files that did
    not count: never passed on); `export` the research export, if asked. `tabellen` holds the
    published tables as pandas DataFrames by sheet name ("Overzicht", "Per team", ...), with
    pd.NA where the sheet shows a mark, and `markeringen` those marks in frames of the same
    shape ("" where the number is shown); `per_dossier` is the coordinator's per-case table."""

    werkmap: Path
    verslag: Path
    coordinator: Path
    export: Path | None
    cijfers: Yearly
    tabellen: dict[str, pd.DataFrame] = field(default_factory=dict)
    markeringen: dict[str, pd.DataFrame] = field(default_factory=dict)
    per_dossier: pd.DataFrame | None = None

    @property
    def exitcode(self) -> int:
        """1 when a file did not count because of a problem; a case of another year is none."""
        return EXIT_FINDINGS if self.cijfers.listed else EXIT_OK

    @property
    def samenvatting(self) -> str:
        y = self.cijfers
        return (f"{dutch.plural(y.files, 'bestand', 'bestanden')} bekeken, "
                f"{dutch.plural(len(y.used), 'dossier', 'dossiers')} meegeteld; op het blad Problemen van het "
                f"coördinatorbestand: {len(y.listed)} met een probleem, {len(y.other_year)} van een ander jaar.")

    @property
    def sleutelnotitie(self) -> str:
        """What a run without the coordinator's key file must say ('' with one)."""
        return "" if self.cijfers.key_from_file else "zonder sleutelbestand zijn de pseudoniemen willekeurig voor deze keer."


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
    progress = harvest.Progress(len(found.candidates), request.progress)
    settings = harvest.Settings(pseudonyms, network=export is not None, year=year)
    preload = _Preload()

    def tick(n: int) -> None:
        progress(n)
        preload.start()  # the workers exist by the first result: load the merge's modules beside them

    try:
        results = harvest.harvest(found.candidates, settings, request.workers, tick)
    finally:
        progress.close()
        preload.join()  # before any fork: a process forked mid-import would inherit its locks
    with _Report(word) as writing:  # on Linux a forked process loads the report's modules meanwhile
        used, problems = select(results, year)
        yearly = compute(used, found.problems + problems, year=year, threshold=threshold,
                         key_from_file=pseudonyms.from_file, files=len(found.candidates) + len(found.problems),
                         others=found.others, known=egor.known(groups) if export is not None else None)
        writing.start(yearly)
        per_case = tables.per_case(yearly)
        workbook.write(yearly, out)
        workbook.write_coordinator(yearly, per_case, own, out, export)
        writing.finish()
    if export is not None:
        egor.write(yearly.used, export, groups, period=yearly.period, key_from_file=pseudonyms.from_file,
                   made_on=yearly.made_on)
    published, marks = tables.published(yearly)
    return Uitkomst(out, word, own, export, yearly, published, marks, per_case)


class _Preload:
    """pandas, SciPy, matplotlib and docxtpl (about 1.5 s of imports) loaded in a thread while the
    workers read: the main process only waits for their results then. Started once the workers
    are forked (they never import these), joined before the report's process is forked."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=_load, name="werkboek-preload", daemon=True)
            self.thread.start()

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()


def _load() -> None:
    with contextlib.suppress(Exception):  # a broken install shows where the module is used, as usual
        import pandas  # noqa: F401
        import scipy.optimize  # noqa: F401

        report.prepare()


class _Report:
    """The Word report, on Linux in a process forked as soon as the workbooks are read: it loads
    matplotlib and docxtpl (about 0.7 s) while this process loads pandas and SciPy and merges,
    then draws and writes while this process writes the workbooks. Elsewhere, or when that
    process fails, the report is written here, where an error shows as usual."""

    def __init__(self, word: Path) -> None:
        self.word = word
        self.yearly: Yearly | None = None
        self.child: Any = None
        if sys.platform.startswith("linux"):
            ctx = mp.get_context("fork")
            self.recv, child_end = ctx.Pipe(duplex=False)
            self.send, parent_end = ctx.Pipe(duplex=False)
            self.child = ctx.Process(target=_report_child, args=(parent_end, child_end, word), daemon=True)
            self.child.start()
            child_end.close()
            parent_end.close()

    def __enter__(self) -> _Report:
        return self

    def start(self, yearly: Yearly) -> None:
        self.yearly = yearly
        if self.child is not None:
            with contextlib.suppress(OSError):
                # The report needs the figures, not the cases: a short message.
                self.send.send(replace(yearly, used=[]))

    def finish(self) -> None:
        assert self.yearly is not None
        answer: tuple[str, ...] = ()
        if self.child is not None:
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


def _report_child(figures: Any, answers: Any, word: Path) -> None:
    answer: tuple[str, ...] = ("failed",)
    try:
        report.prepare()
        yearly = figures.recv()
        report.write(yearly, word)
        answer = ("done",)
    except EOFError:  # the merge failed: nothing to write
        os._exit(0)
    except WerkboekError as exc:
        answer = ("error", exc.message, exc.todo)
    except BaseException:  # noqa: BLE001, S110  the parent writes the report itself and shows the error (or stops: Ctrl+C)
        pass
    with contextlib.suppress(OSError):
        answers.send(answer)
        answers.close()
    os._exit(0)
