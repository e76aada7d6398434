"""`werkboek bijwerken`: bring workbooks in the field to the current template version and the
organisation's lists, without losing a value.

Per workbook: read it (through the migrations), build a new one from its Case with the workbook's
own list values merged into the profile's, the columns a worker added, its comments and cell
colours; read the new one back and compare (same Case, same figures, same own columns) before
anything moves. Then the old file moves, byte for byte untouched, into a backup folder beside it
(`werkboek-oud JJJJ-MM-DD`) and the new one takes its name. The new file is written under a
temporary name in the same folder first, so nothing is ever half-written; a failure puts the old
file back. What cannot be carried is listed per file, never dropped silently.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import dutch, figures
from .checks.findings import Finding
from .errors import EXIT_FINDINGS, EXIT_OK, FileProblem, WerkboekError
from .files import BACKUP_PREFIX
from .profile import Profiel
from .workbook import schema, xlwings_conf
from .workbook.builder import build_bytes
from .workbook.extras import Beyond, Carry, cell_index, column_index, comments_and_fills, own_columns
from .workbook.model import Case
from .workbook.reader import parse_grids
from .workbook.source import read_file

UPGRADED, WOULD, CURRENT, SKIPPED = "bijgewerkt", "zou bijwerken", "al bij", "overgeslagen"


@dataclass(frozen=True)
class Uitslag:
    """One workbook: what happened (or, with `proef`, would happen) to it."""

    pad: Path
    status: str  # UPGRADED, WOULD, CURRENT or SKIPPED
    reden: str = ""  # why it was skipped, or what was done
    versie: int | None = None  # the template version it had
    reserve: Path | None = None  # where the old file went
    rijen: int = 0  # rows carried (all tables)
    eigen_kolommen: int = 0
    opmerkingen: int = 0
    kleuren: int = 0
    niet_meegenomen: tuple[str, ...] = ()

    def regel(self) -> str:
        head = f"{self.pad}: {self.status}"
        if self.status in (UPGRADED, WOULD):
            what = (f"versie {self.versie} -> {schema.TEMPLATE_VERSION}, {self.rijen} rijen, {self.eigen_kolommen} "
                    f"eigen kolommen, {self.opmerkingen} opmerkingen, {self.kleuren} gekleurde cellen")
            head += f" ({what})"
            if self.reserve:
                head += f"; het oude bestand staat in {self.reserve}"
        elif self.reden:
            head += f": {self.reden}"
        return "\n".join([head, *(f"  niet meegenomen: {x}" for x in self.niet_meegenomen)])


@dataclass(frozen=True)
class Bijwerking:
    """Every workbook of a `bijwerken` run (returned by the API, so named in Dutch)."""

    bestanden: list[Uitslag]
    proef: bool
    profiel: Path | None = None

    def regels(self) -> list[str]:
        return [u.regel() for u in self.bestanden]

    @property
    def samenvatting(self) -> str:
        n = {s: sum(u.status == s for u in self.bestanden) for s in (UPGRADED, WOULD, CURRENT, SKIPPED)}
        lost = sum(len(u.niet_meegenomen) for u in self.bestanden)
        done = f"{n[WOULD]} zouden bijgewerkt worden" if self.proef else f"{n[UPGRADED]} bijgewerkt"
        text = (f"{len(self.bestanden)} werkmappen: {done}, {n[CURRENT]} al bij, {n[SKIPPED]} overgeslagen; "
                f"{lost} waarden of opmaak niet meegenomen (hierboven per werkmap).")
        if self.proef:
            text += " Proef: er is niets veranderd."
        profile = f"profiel: {self.profiel}" if self.profiel else "zonder profiel (de lijsten van werkboek)"
        return f"{text} ({profile})"

    @property
    def exitcode(self) -> int:
        if any(u.status == SKIPPED or u.niet_meegenomen for u in self.bestanden):
            return EXIT_FINDINGS
        return EXIT_OK


def upgrade_all(paths: list[Path], profile: Profiel | None, dry_run: bool = False,
                progress: bool | Callable[[int, int], None] | None = None, today: dt.date | None = None
                ) -> Bijwerking:
    """`api.bijwerken`: every .xlsm of `paths` (files, or folders searched recursively)."""
    from .yearly.harvest import REPORT_EVERY, Progress

    files = _files(paths)
    bar = (Progress(len(files), None, progress, every=REPORT_EVERY) if callable(progress)
           else Progress(len(files), progress))
    jobs = [(path, profile, dry_run, today) for path in files]
    results: list[Uitslag] = []
    workers = min(WORKERS, os.cpu_count() or 1, max(1, len(files) // 4))
    try:
        if workers > 1:
            # Building is most of the time (about 0.25 s a workbook), one core per process; each file
            # is independent, written under its own temporary name, so two processes share nothing.
            with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
                for result in pool.map(_job, jobs, chunksize=4):
                    results.append(result)
                    bar(len(results))
        else:
            for job in jobs:
                results.append(_job(job))
                bar(len(results))
    finally:
        bar.close()
    return Bijwerking(results, dry_run, profile.pad if profile else None)


WORKERS = 2  # processes for a folder; the machines here have 2 cores


def _context() -> Any:
    import multiprocessing as mp

    return mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _job(job: tuple[Path, Profiel | None, bool, dt.date | None]) -> Uitslag:
    path, profile, dry_run, today = job
    # The buttons of upgraded workbooks start the profile's Python, as those `werkboek nieuw` writes.
    with xlwings_conf.interpreter_chosen(profile.python_voor_excel if profile else None):
        return upgrade(path, profile, dry_run, today)


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*.xlsm")
                          if not p.name.startswith("~$") and not any(part.startswith(BACKUP_PREFIX)
                                                                     for part in p.relative_to(path).parts))
        elif path.exists():
            out.append(path)
        else:
            raise WerkboekError(f"{path}: dit bestand of deze map bestaat niet.", "Controleer de naam.")
    return list(dict.fromkeys(out))


def checked_against(profile: Profiel, paths: list[Path],
                    progress: bool | Callable[[int, int], None] | None = None) -> Profiel:
    """The profile with what the workbooks in `paths` use that it leaves without a place: values
    retired without a replacement (with how many workbooks use them), and team spellings the Teams
    sheet does not know (when it lists teams). For `werkboek profiel controleer --werkmappen`.
    Once the workbooks are known, a retired value matters only where one uses it: the profile's
    own `profiel-vervallen-zonder-vervanging` gives way to `profiel-vervallen-in-gebruik`."""
    kept = [f for f in profile.meldingen if f.code != "profiel-vervallen-zonder-vervanging"]
    return replace(profile, meldingen=(*kept, *_in_use(profile, paths, progress)))


def _in_use(profile: Profiel, paths: list[Path], progress: bool | Callable[[int, int], None] | None
            ) -> list[Finding]:
    from .profile.book import RENAMED_SHEET, TEAMS_SHEET, usage_finding
    from .yearly.harvest import REPORT_EVERY, Progress

    files = _files(paths)
    bar = (Progress(len(files), None, progress, every=REPORT_EVERY) if callable(progress)
           else Progress(len(files), progress))
    retired = {key: {old for old, new in pairs.items() if not new} for key, pairs in profile.hernoemd.items()}
    users: dict[tuple[str, str], list[Path]] = {}  # (list key, retired value) -> workbooks using it
    teams: dict[str, list[Path]] = {}  # an unknown team spelling -> workbooks
    unreadable: list[Path] = []
    try:
        for k, path in enumerate(files, start=1):
            try:
                grids, notes = read_file(path)
                case = parse_grids(grids, notes)
            except (FileProblem, OSError):
                unreadable.append(path)
                continue
            finally:
                bar(k)
            for key, value in _list_values(case):
                if value in retired.get(key, ()):
                    users.setdefault((key, value), []).append(path)
            team = case.dossier.get("team")
            if profile.teams and isinstance(team, str) and team.strip() and profile.team(team) is None:
                teams.setdefault(" ".join(team.split()), []).append(path)
    finally:
        bar.close()
    found = []
    for (key, value), used in sorted(users.items()):
        cell = profile.hernoemd_cellen.get(key, {}).get(value, "A1").replace("A", "C", 1)
        found.append(usage_finding("profiel-vervallen-in-gebruik", RENAMED_SHEET, cell,
                                   f"'{value}' van de lijst '{schema.LIST_BY_KEY[key].name}' vervalt zonder nieuwe "
                                   f"waarde, maar {_workbooks(used, 'gebruikt', 'gebruiken')} ze."))
    for spelling, used in sorted(teams.items()):
        found.append(usage_finding("profiel-team-onbekend", TEAMS_SHEET, "",
                                   f"het team '{spelling}' staat niet op het blad Teams, maar "
                                   f"{_workbooks(used, 'noemt', 'noemen')} het."))
    if unreadable:
        found.append(usage_finding("profiel-werkmap-onleesbaar", "Werkmappen", "",
                                   f"{_workbooks(unreadable, 'kon', 'konden')} niet gelezen worden."))
    return found


def _list_values(case: Case) -> Iterator[tuple[str, str]]:
    """(list key, value) of every list cell the case fills, the dossier form's too."""
    for f in schema.DOSSIER.fields:
        if f.list and isinstance(v := case.dossier.get(f.key), str):
            yield f.list, v
    for sheet in schema.TABLES:
        keyed = [(c.key, c.list) for c in sheet.columns if c.list]
        for rec in case.tables.get(sheet.key, ()) if keyed else ():
            for key, lst in keyed:
                if isinstance(v := rec.get(key), str):
                    yield lst, v


def _workbooks(paths: list[Path], verb_one: str, verb_many: str) -> str:
    """'2 werkmappen (a.xlsm, b.xlsm) gebruiken': the count, the first names, and the verb that agrees."""
    shown = ", ".join(p.name for p in paths[:3]) + (", ..." if len(paths) > 3 else "")
    return f"{dutch.plural(len(paths), 'werkmap', 'werkmappen')} ({shown}) {verb_one if len(paths) == 1 else verb_many}"


def _locked(path: Path) -> bool:
    """Excel's lock file beside it (`~$` + the name, or + the name less its first one or two characters)."""
    return any((path.parent / f"~${path.name[cut:]}").exists() for cut in (0, 1, 2))


def merged_lists(case: Case, profile: Profiel | None) -> dict[str, tuple[str, ...]]:
    """The profile's values of each list, then the workbook's own that the profile lacks (a retired
    value stays, so the rows that use it still read as a choice: the check warns). Without a
    profile, the workbook's own lists as they are."""
    out = {}
    for lst in schema.LISTS:
        base = profile.values(lst.key) if profile else ()
        out[lst.key] = tuple(dict.fromkeys((*base, *case.choices(lst.key))))
    return out


def upgrade(path: Path, profile: Profiel | None, dry_run: bool = False, today: dt.date | None = None) -> Uitslag:
    """One workbook (see the module's docstring)."""
    if _locked(path):
        return Uitslag(path, SKIPPED, "de werkmap is open in Excel (er staat een ~$-bestand naast); sluit ze en "
                                      "werk ze later bij.")
    try:
        data = path.read_bytes()
        grids, notes = read_file(path)
        case = parse_grids(grids, notes)
    except FileProblem as exc:
        return Uitslag(path, SKIPPED, f"onleesbaar: {exc.what} {exc.todo}".strip())
    except OSError as exc:
        return Uitslag(path, SKIPPED, f"kan niet gelezen worden ({exc.strerror}).")
    version = case.template_version
    if version > schema.TEMPLATE_VERSION:
        return Uitslag(path, SKIPPED, f"de werkmap is van sjabloonversie {version}, nieuwer dan deze werkboek "
                                      f"(versie {schema.TEMPLATE_VERSION}); werk eerst werkboek bij.", version)
    beyond = Beyond()
    own_columns(case, grids, beyond)
    try:
        comments_and_fills(data, beyond)
    except Exception:  # noqa: BLE001 - the package read above; a part we cannot parse is listed, not fatal
        beyond.lost.append("de opmerkingen en kleuren konden niet gelezen worden.")
    lists = merged_lists(case, profile)
    if version == schema.TEMPLATE_VERSION and lists == case.lists:
        return Uitslag(path, CURRENT, f"al sjabloonversie {version}" + (", met de lijsten van het profiel"
                                                                         if profile else ""), version)
    new = Case(case.dossier, case.tables, lists)
    carry = _positions(case, beyond)
    try:
        built = build_bytes(new, carry)
        lost = _compare(case, built, beyond, profile)
    except WerkboekError as exc:
        return Uitslag(path, SKIPPED, f"kon niet bijgewerkt worden: {exc}", version)
    rows = sum(len(t) for t in case.tables.values())
    result: dict[str, Any] = {
        "versie": version, "rijen": rows, "eigen_kolommen": sum(len(v) for v in beyond.columns.values()),
        "opmerkingen": sum(len(v) for v in carry.comments.values()),
        "kleuren": sum(len(v) for v in carry.fills.values()), "niet_meegenomen": tuple(beyond.lost)}
    if lost:
        return Uitslag(path, SKIPPED, "het resultaat las niet terug als het origineel (" + "; ".join(lost[:3])
                       + "); er is niets veranderd. Meld dit aan je beheerder.", version)
    if dry_run:
        return Uitslag(path, WOULD, **result)
    try:
        backup = _replace(path, built, today or dt.date.today())
    except OSError as exc:
        return Uitslag(path, SKIPPED, f"kon niet geschreven worden ({exc.strerror}); er is niets veranderd.", version)
    return Uitslag(path, UPGRADED, reserve=backup, **result)


def _positions(case: Case, beyond: Beyond) -> Carry:
    """Where the worker's columns, comments and colours go in the new workbook; the rest is listed lost."""
    carry = Carry()
    moved: dict[str, dict[tuple[int, int], tuple[int, int]]] = {}
    dossier = moved.setdefault(schema.DOSSIER.name, {})
    for key, where in case.dossier.cells.items():
        r, c = cell_index(where)
        new_row = schema.DOSSIER.row_of(key) - 1
        dossier[(r, c)] = (new_row, 1)
        dossier[(r, 0)] = (new_row, 0)
    for sheet in schema.TABLES:
        if sheet.grid is not None:
            continue
        at = moved.setdefault(sheet.name, {})
        own = beyond.columns.get(sheet.key, [])
        carry.columns[sheet.key] = [(col.header, col.values) for col in own]
        n = len(sheet.columns)
        top = beyond.header_rows.get(sheet.key, 0)
        rows = case.tables[sheet.key]
        letters = rows[0].columns if rows else {}
        for key, letter in letters.items():
            at[(top, column_index(letter))] = (0, sheet.index(key))
        for j, col in enumerate(own):
            at[(top, col.column)] = (0, n + j)
        for i, rec in enumerate(rows):
            if rec.row is None:
                continue
            for key, letter in rec.columns.items():
                at[(rec.row - 1, column_index(letter))] = (i + 1, sheet.index(key))
            for j, col in enumerate(own):
                at[(rec.row - 1, col.column)] = (i + 1, n + j)
    _move("opmerking", beyond.comments, carry.comments, moved, beyond.lost)
    _move("kleur", beyond.fills, carry.fills, moved, beyond.lost)
    return carry


def _move(kind: str, found: dict[str, dict[tuple[int, int], Any]], target: dict[str, dict[tuple[int, int], Any]],
          moved: dict[str, dict[tuple[int, int], tuple[int, int]]], lost: list[str]) -> None:
    for sheet_name, cells in found.items():
        for (r, c), value in sorted(cells.items()):
            new = moved.get(sheet_name, {}).get((r, c))
            if new is None:
                lost.append(f"{sheet_name}!{schema.col_letter(c)}{r + 1}: de {kind} van deze cel (buiten de tabellen, "
                            "of op het blad Cirkels); neem ze over met de hand.")
            else:
                target.setdefault(sheet_name, {})[new] = value


def _compare(old: Case, built: bytes, beyond: Beyond, profile: Profiel | None) -> list[str]:
    """What the new workbook does not read back as the old one had it ([] when all is the same)."""
    with tempfile.TemporaryDirectory(prefix="werkboek-bijwerken-") as tmp:
        probe = Path(tmp) / "nieuw.xlsm"
        probe.write_bytes(built)
        grids, notes = read_file(probe, isolate=False, dimensions=False)  # our own file, just built
        new = parse_grids(grids, notes)
    out = []
    if new.dossier != old.dossier:
        out.append("het blad Dossier")
    out += [f"het blad {s.name}" for s in schema.TABLES if new.tables[s.key] != old.tables[s.key]]
    for key, values in old.lists.items():
        if not set(values) <= set(new.lists.get(key, ())):
            out.append(f"de lijst {schema.LIST_BY_KEY[key].name}")
    again = Beyond()
    own_columns(new, grids, again)
    for key, cols in beyond.columns.items():
        theirs = {(c.header, tuple(sorted(c.values.items(), key=str))) for c in again.columns.get(key, [])}
        if {(c.header, tuple(sorted(c.values.items(), key=str))) for c in cols} != theirs:
            out.append(f"de eigen kolommen van {schema.TABLE_BY_KEY[key].name}")
    from .profile import apply

    before, after = apply(old, profile), apply(new, profile)
    if figures.case_figures(before) != figures.case_figures(after) or \
            figures.case_numbers(before) != figures.case_numbers(after):
        out.append("de cijfers")
    return out


def _replace(path: Path, built: bytes, today: dt.date) -> Path:
    """Write the new workbook under a temporary name beside the old one, move the old one into the
    backup folder, then give the new one its name. Returns where the old file went."""
    tmp = path.with_name(f".~wb-{os.getpid()}-{path.stem[:40]}.tmp")
    tmp.write_bytes(built)
    try:
        folder = path.parent / f"{BACKUP_PREFIX} {today.isoformat()}"
        folder.mkdir(exist_ok=True)
        backup = folder / path.name
        n = 2
        while backup.exists():
            backup = folder / f"{path.stem} ({n}){path.suffix}"
            n += 1
        os.replace(path, backup)
        try:
            os.replace(tmp, path)
        except OSError:
            os.replace(backup, path)  # put the old one back: nothing changed
            raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return backup
