"""Collecting a year of case workbooks: scan folders, then read, check and summarise each file
in worker processes, returning only small anonymous results.

A worker is the isolation. On Linux it is forked, with a memory cap and a per-file alarm whose
default action kills it, so a hostile file can take down a worker but never the merge. Windows
and macOS can neither fork nor cap memory nor send an alarm: their workers are spawned, check
every sheet's size before reading it instead (the structural check a capped worker skips), and
the parent keeps the time: a worker that gives no result for `Settings.timeout` plus a margin is
killed. When the pool breaks, the files that were in flight are run again one at a time in a
one-worker pool, each under the parent's timeout; the file that breaks that pool is listed as a
problem and everything else is merged. The same folder gives the same figures on every platform;
WERKBOEK_START_METHOD=spawn takes the Windows path on Linux (the tests do).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import faulthandler
import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import figures
from ..checks.findings import count_text
from ..errors import PROBLEMS, FileProblem
from ..files import BACKUP_PREFIX, is_lock_file
from ..policy import check
from ..profile import Profiel
from ..workbook import schema, source
from ..workbook.model import Case, Record
from ..workbook.reader import WholeSheetNeeded, parse_dossier, parse_grids
from .pseudonyms import Pseudonymizer

READ_SUFFIXES = (".xlsm", ".xlsx")
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".xltm", ".xltx", ".numbers")
TIMEOUT = source.TIMEOUT  # seconds per file
MARGIN = 5.0  # seconds the parent allows beyond a file's timeout (a spawned worker's start, a busy machine)
START_METHOD_ENV = "WERKBOEK_START_METHOD"
MAX_CHUNK = 32
REPORT_EVERY = 0.5  # seconds between progress reports to a caller (each is a call into Excel)
SHOWN_FINDINGS = 5

# Problem codes of the yearly run (errors.PROBLEMS; a file that cannot be read has its own code).
HAS_ERRORS = "fouten-in-controle"
CRASHED = "vastgelopen"
TOO_SLOW = "te-traag"
INTERNAL = "interne-fout"
LOCKED = "vergrendelbestand"
OTHER_FORMAT = "ander-bestandstype"
DUPLICATE = "dubbel-dossier"
OTHER_YEAR = "ander-jaar"
NO_START = "geen-startdatum"
NO_NUMBER = "geen-dossiernummer"
MEANING_MISSING = "betekenis-ontbreekt"  # the finding's code too


@dataclass(frozen=True)
class Problem:
    file: str  # as shown: the folder as given plus the path below it
    kind: str  # a code of errors.PROBLEMS
    reason: str
    todo: str
    detail: str = ""  # finding codes and cells only: finding messages may quote names

    @property
    def label(self) -> str:
        """The kind as the Problemen sheet names it."""
        return PROBLEMS[self.kind].label


@dataclass(frozen=True)
class Alter:
    """One network member, for the research export: no name, no contact, no free text."""

    alter_id: str
    values: dict[str, Any]  # non-identifying Personen columns
    circles: dict[str, int | None]  # "belang_start" -> circle


@dataclass(frozen=True)
class Network:
    alters: list[Alter]
    ties: list[tuple[str, str, str | None, str | None]]  # (alter, alter, kind, quality)


@dataclass(frozen=True)
class Used:
    """A case that was read and passed its check."""

    file: str
    mtime: float
    pseudonym: str
    attrs: dict[str, Any]  # non-identifying dossier fields (team, hulpvorm, dates, ...)
    template_version: int
    numbers: dict[str, int | float | None]  # figures.case_numbers
    warnings: int
    missing_columns: int  # columns of the current template the workbook does not have
    network: Network | None = None


Result = Used | Problem


@dataclass
class Candidate:
    path: Path
    shown: str


@dataclass
class Scan:
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found but not worth reading
    others: int = 0  # files that are no spreadsheet at all: counted, not listed


def scan(folders: Sequence[str | os.PathLike[str]], skip: Iterable[Path] = ()) -> Scan:
    """Every workbook below the folders (recursively, hidden folders and the backup folders of
    `werkboek bijwerken` excepted: those hold the same cases again), in a stable order."""
    skipped = {p.resolve() for p in skip}
    out = Scan()
    seen: set[Path] = set()
    for folder in folders:
        root = Path(folder)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not d.startswith(BACKUP_PREFIX))
            for name in sorted(filenames):
                path = Path(dirpath, name)
                real = path.resolve()
                if real in seen or real in skipped:
                    continue
                seen.add(real)
                shown = str(root / path.relative_to(root))
                suffix = path.suffix.lower()
                if is_lock_file(name):
                    out.problems.append(Problem(shown, LOCKED,
                                                "tijdelijk bestand van Excel: iemand had de werkmap open.",
                                                "Niets te doen als de werkmap zelf ook in de lijst staat; anders: "
                                                "sluit ze en verwijder dit bestand."))
                elif suffix in READ_SUFFIXES:
                    out.candidates.append(Candidate(path, shown))
                elif suffix in OTHER_SPREADSHEETS:
                    out.problems.append(Problem(shown, OTHER_FORMAT, f"een {suffix}-bestand wordt niet gelezen.",
                                                "Open het in Excel en sla het op als 'Excel-werkmap met macro's "
                                                "(.xlsm)'."))
                elif not name.startswith("."):
                    out.others += 1
    return out


# --- the work of one file, in a worker --------------------------------------------------------

def start_method() -> str:
    """fork on Linux (workers inherit the imported modules: a pool starts in milliseconds), spawn
    where that is all there is (Windows, macOS); WERKBOEK_START_METHOD chooses."""
    chosen = os.environ.get(START_METHOD_ENV, "")
    if chosen in ("fork", "spawn"):
        return chosen
    return "fork" if sys.platform.startswith("linux") else "spawn"


@dataclass(frozen=True)
class Settings:
    pseudonyms: Pseudonymizer
    network: bool  # also return the network for the research export
    year: int | None = None  # cases not open in it are listed without being checked
    start: str = field(default_factory=start_method)  # "fork": capped workers; "spawn": uncapped, the parent times them
    timeout: float = TIMEOUT  # seconds per file
    profile: Profiel | None = None  # the organisation's: renames, retired values, teams
    lean: bool = True  # read lean first (sheetxml.lean); False reads whole, to compare (scripts/bench_worker.py)


def other_year(shown: str, year: int) -> Problem:
    return Problem(shown, OTHER_YEAR, f"het dossier was niet open in {year}.",
                   "Niets te doen: dit dossier hoort bij een ander jaar.")


def outside_year(year: int, dossier: Record | dict[str, Any]) -> bool:
    """The case's dates show it was open on no day of the year (without a start date nobody can tell)."""
    start, end = dossier.get("startdatum"), dossier.get("einddatum")
    if not isinstance(start, dt.date):
        return False
    return start > dt.date(year, 12, 31) or (isinstance(end, dt.date) and end < dt.date(year, 1, 1))


_settings: Settings | None = None
_capped = False  # this worker has a memory cap and an alarm per file


def _init_worker(settings: Settings) -> None:
    global _settings, _capped
    _settings = settings
    # A case is thousands of short-lived objects and never a cycle: collect rarely, and leave
    # the modules inherited from the parent out of every collection.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    if not os.environ.get("WERKBOEK_DEBUG"):
        # A worker that dies on a hostile file may print a Rust backtrace: the file is listed
        # on the Problemen sheet instead, so keep the coordinator's terminal clean.
        faulthandler.disable()
        with contextlib.suppress(OSError):  # pythonw.exe: no stderr to silence
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
    _capped = settings.start == "fork" and _cap()


def _cap() -> bool:
    """A memory cap, and SIGALRM left at its default action, which ends the worker even inside
    calamine's Rust code. POSIX only; False where either is missing."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (source.CHILD_MEMORY, source.CHILD_MEMORY))
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        return hasattr(signal, "setitimer")
    except (ImportError, ValueError, OSError, AttributeError):
        return False


def _alarm(seconds: float) -> None:
    with contextlib.suppress(AttributeError, ValueError):  # setitimer is POSIX only
        signal.setitimer(signal.ITIMER_REAL, seconds)


def _work(batch: list[tuple[str, str]]) -> list[Result]:
    assert _settings is not None
    out = []
    for path, shown in batch:
        if _capped:
            _alarm(_settings.timeout)
        try:
            # Without a cap, absurd sheet sizes are refused before calamine allocates them.
            out.append(examine(Path(path), shown, _settings, dimensions=not _capped))
        finally:
            if _capped:
                _alarm(0)
    return out


def examine(path: Path, shown: str, settings: Settings, dimensions: bool = False) -> Result:
    """Read, check and summarise one workbook; only anonymous numbers and categories come back.
    `dimensions`: check every sheet's size first (for a worker without a memory cap)."""
    try:
        first = None
        if settings.year is not None:
            # A folder may hold many cases of other years: their dossier form is enough, read alone.
            first, book = source.open_book(path, dimensions=dimensions, lean=settings.lean,
                                           only=(schema.DOSSIER.name,))
            with book:
                dossier = parse_dossier(source.book_grids(first, book, (schema.DOSSIER.name,)))
            if outside_year(settings.year, dossier):
                return other_year(shown, settings.year)
        # Lean: without the rows the builder wrote in advance that still hold only their ID (most
        # of the reading otherwise); read again whole when the reader says it needs them. Each
        # read takes what the look before it found out about the file.
        case = None
        for lean in (True, False) if settings.lean else (False,):
            package, book = source.open_book(path, dimensions=dimensions, lean=lean, after=first)
            first = package
            with book, contextlib.suppress(WholeSheetNeeded):
                case = parse_grids(source.book_grids(package, book), book.notes(), package.lean)
                break
        assert case is not None
    except FileProblem as exc:  # also a read that ran into the worker's memory cap
        return Problem(shown, exc.code, exc.what, exc.todo)
    try:
        checked = check(case, settings.profile)
        findings, errors = checked.meldingen, checked.fouten
        if errors:
            n = len(errors)
            return Problem(shown, HAS_ERRORS, f"de controle vond {count_text(findings)}; het dossier telt niet mee.",
                           "Open de werkmap, klik op Controleer en verbeter wat op het blad Controle staat.",
                           "; ".join(f"{f.code} ({f.ref})" for f in errors[:SHOWN_FINDINGS])
                           + ("; ..." if n > SHOWN_FINDINGS else ""))
        renamed = [f for f in findings if f.code == MEANING_MISSING]
        if renamed:  # its figures would count "afgerond" as not done: leave the case out, and say why
            # The reason names no value typed in the workbook; the fix names only werkboek's own list and value.
            return Problem(shown, MEANING_MISSING, "een lijst op het blad Lijsten mist een waarde die de cijfers "
                           f"nodig hebben ({', '.join(f.ref for f in renamed)}); het dossier telt daarom niet mee.",
                           renamed[0].fix, "; ".join(f"{f.code} ({f.ref})" for f in renamed[:SHOWN_FINDINGS]))
        if not case.dossier.get("dossiernummer"):  # the check requires it; without it no pseudonym
            return Problem(shown, NO_NUMBER, "het dossiernummer ontbreekt.",
                           "Vul op het blad Dossier het dossiernummer in.")
        return _used(case, path, shown, settings, warnings=len(findings))
    except Exception as exc:  # noqa: BLE001  a bug must not stop the merge; its message may quote values: only its type
        return _failed(shown, exc)


ATTRS = ("team", "eenheid", "hulpvorm", "methode", "methode2", "soort_centraal", "startdatum", "einddatum")
assert not any(schema.DOSSIER.field(k).identifying for k in ATTRS)
FREE_ATTRS = tuple(k for k in ATTRS if schema.DOSSIER.field(k).type == schema.TEXT)


def _used(case: Case, path: Path, shown: str, settings: Settings, warnings: int) -> Used:
    number = case.dossier.get("dossiernummer")
    attrs = {key: case.dossier.get(key) for key in ATTRS}
    for key in FREE_ATTRS:  # typed by hand: "Team  Noord" and "Team Noord" are one team
        if isinstance(attrs[key], str):
            attrs[key] = " ".join(attrs[key].split()) or None
    team = settings.profile.team(attrs["team"]) if settings.profile and attrs["team"] else None
    if team is not None:  # the organisation's spelling of the team, and its unit when the profile gives one
        attrs["team"] = team.naam
        attrs["eenheid"] = team.eenheid or attrs["eenheid"]
    return Used(
        file=shown,
        mtime=path.stat().st_mtime,
        pseudonym=settings.pseudonyms.case(number),
        attrs=attrs,
        template_version=case.template_version,
        numbers=figures.case_numbers(case, settings.year),
        warnings=warnings,
        missing_columns=sum(len(v) for v in case.missing_columns.values()),
        network=network(case, number, settings.pseudonyms) if settings.network else None,
    )


# Network members' attributes for research: not identifying, and without the workbook's own ID (an
# alter has a pseudonym), birth years and dates (with relation and sector they point at a person).
PERSON_ATTRS = tuple(c.key for c in schema.PERSONEN.columns
                     if not c.identifying and c.type not in (schema.ID, schema.DATE, schema.YEAR))
MEASURED = tuple((vraag, moment) for vraag in schema.CIRCLE_MEANING for moment in (figures.START, figures.END))


def network(case: Case, number: Any, pseudonyms: Pseudonymizer) -> Network:
    """The case's network without names: the central person is the ego, the others its alters."""
    central = case.dossier.get("centrale_persoon")
    circles = {f"{vraag}_{moment}": {p.get("persoon"): p.get("cirkel")
                                     for p in figures.measurement(case, moment, vraag)}
               for vraag, moment in MEASURED}
    ids: dict[str, str] = {}
    alters = []
    for person in case.persons:
        pid = person.id
        if pid is None or pid == central or pid in ids:
            continue
        ids[pid] = pseudonyms.person(number, pid)
        values = {key: person.get(key) for key in PERSON_ATTRS}
        values["formeel"] = "informeel" if figures.is_informal(person, case) else "formeel"
        alters.append(Alter(ids[pid], values, {key: placed.get(pid) for key, placed in circles.items()}))
    ties = [(ids[a], ids[b], r.get("soort"), r.get("kwaliteit"))
            for r in case.relations if (a := r.get("persoon_a")) in ids and (b := r.get("persoon_b")) in ids]
    return Network(alters, ties)


# --- the pool ----------------------------------------------------------------------------------

def _pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(settings.start), initializer=_init_worker,
                               initargs=(settings,))


def _kill(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now (a hanging read); its futures then fail with BrokenProcessPool.
    The executor keeps no public handle on its processes: `_processes` it is, as in CPython."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            proc.kill()


def _result(fut: Future[list[Result]], pool: ProcessPoolExecutor, settings: Settings) -> list[Result]:
    """A batch's results, or BrokenProcessPool when no result came within a file's timeout and a
    margin (then the workers are killed; the batch is rerun a file at a time)."""
    try:
        return fut.result(timeout=settings.timeout + MARGIN)
    except concurrent.futures.TimeoutError:
        _kill(pool)
        return fut.result()  # BrokenProcessPool, or the result if it came just now


def harvest(candidates: Sequence[Candidate], settings: Settings, workers: int | None = None,
            progress: Callable[[int], None] | None = None) -> list[Result]:
    """Results for every candidate, in the candidates' order."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(candidates) or 1))
    size = max(1, min(MAX_CHUNK, len(candidates) // (workers * 8) or 1))
    todo = [[(str(c.path), c.shown) for c in candidates[i:i + size]] for i in range(0, len(candidates), size)]
    results: dict[str, Result] = {}

    def done(batch_results: list[Result]) -> None:
        for r in batch_results:
            results[r.file] = r
        if progress:
            progress(len(batch_results))

    while todo:
        todo = _run_pool(todo, settings, workers, done)
    return [results[c.shown] for c in candidates]


def _run_pool(batches: list[list[tuple[str, str]]], settings: Settings, workers: int,
              done: Callable[[list[Result]], None]) -> list[list[tuple[str, str]]]:
    """Run the batches; after a broken pool, isolate the batches that were in flight and
    return the ones that never started, for a fresh pool."""
    pool = _pool(settings, workers)
    futures: list[Future[list[Result]]] = [pool.submit(_work, b) for b in batches]
    unfinished: list[int] = []
    try:
        for i, fut in enumerate(futures):
            try:
                done(_result(fut, pool, settings))
            except BrokenProcessPool:
                unfinished = [j for j in range(i, len(futures)) if not _finished(futures[j], done)]
                break
            except Exception as exc:  # noqa: BLE001  e.g. a result that would not pickle: list the batch, go on
                done([_failed(shown, exc) for _, shown in batches[i]])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if not unfinished:
        return []
    # Tasks are handed out in order: those in flight are the first few unfinished ones.
    in_flight = unfinished[: 2 * workers + 2]
    for j in in_flight:
        _isolate(batches[j], settings, done)
    return [batches[j] for j in unfinished[len(in_flight):]]


def _failed(shown: str, exc: BaseException) -> Problem:
    return Problem(shown, INTERNAL, f"de werkmap kon niet verwerkt worden (interne fout {type(exc).__name__}).",
                   "Meld dit aan je beheerder; de andere werkmappen zijn wel meegeteld.")


def _finished(fut: Future[list[Result]], done: Callable[[list[Result]], None]) -> bool:
    if fut.done() and not fut.cancelled() and fut.exception() is None:
        done(fut.result())
        return True
    return False


def _isolate(batch: list[tuple[str, str]], settings: Settings, done: Callable[[list[Result]], None]) -> None:
    """One file at a time in a one-worker pool: a file that breaks it is the one to blame."""
    pool = _pool(settings, 1)
    try:
        for item in batch:
            started = time.monotonic()
            try:
                done(_result(pool.submit(_work, [item]), pool, settings))
            except BrokenProcessPool:
                slow = time.monotonic() - started >= settings.timeout * 0.95
                why = (f"het lezen duurde langer dan {settings.timeout:.0f} seconden." if slow else
                       "het lezen brak af (te veel geheugen of een defect onderdeel).")
                done([Problem(item[1], TOO_SLOW if slow else CRASHED, why,
                              "Open de werkmap in Excel, sla ze opnieuw op en probeer nog eens; "
                              "lukt dat niet, neem een back-up. De andere werkmappen zijn wel meegeteld.")])
                pool.shutdown(wait=True)
                pool = _pool(settings, 1)
    finally:
        pool.shutdown(wait=True)


# --- progress ----------------------------------------------------------------------------------

class Progress:
    """How far the reading is: a one-line bar on stderr when that is a terminal, and `report(count,
    total)` for a caller that shows it elsewhere (the Excel button: the status bar). At most every
    `every` seconds, and once at the end. Under pythonw.exe (the xlwings UDF server) stderr is
    None: the bar is off, never an error."""

    def __init__(self, total: int, enabled: bool | None = None, report: Callable[[int, int], None] | None = None,
                 every: float = 0.1) -> None:
        self.total, self.count, self.last = total, 0, 0.0
        self.enabled = _terminal(sys.stderr) if enabled is None else enabled
        self.report, self.every = report, every

    def __call__(self, n: int) -> None:
        self.count += n
        now = time.monotonic()
        if now - self.last > self.every or self.count >= self.total:
            self.last = now
            if self.report:
                self.report(self.count, self.total)
            width = 30
            filled = width * self.count // max(self.total, 1)
            self._write(f"\rWerkmappen lezen: [{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}")

    def close(self) -> None:
        self._write("\n")

    def _write(self, text: str) -> None:
        stream = sys.stderr
        if self.enabled and stream is not None:
            stream.write(text)
            stream.flush()


def _terminal(stream: Any) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):  # a closed or detached stream
        return False
