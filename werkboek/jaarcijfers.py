"""Yearly figures: a coordinator merges a year of case workbooks into anonymous figures.

Every per-case number comes from `figures.summary`; this module only merges them over cases
(sums, means, shares pooled over cases), splits them by team, type of care, method and central
person, and suppresses what could point at a family. Every input file is accounted for: it is
used, or it is listed on the Problemen sheet with the reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing as mp
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import harvest
from .errors import FINDINGS, OK, WerkboekError
from .files import new_file
from .harvest import Problem, Used
from .privacy import (
    DEFAULT_THRESHOLD,
    FEW_CASES,
    MIN_CASES,
    SECONDARY,
    SMALL,
    Cell,
    Pseudonymizer,
    count_cell,
    load_key,
    protect_column,
    random_pseudonymizer,
    ratio_cell,
)

UNKNOWN = "(onbekend)"

# Kinds of measure: how the per-case numbers of `of` (and `per`) are merged over cases.
CASES = "dossiers"  # number of cases for which `of` (a case attribute test) holds
SUM = "som"  # sum of `of`
MEAN = "gemiddelde"  # mean of `of` over cases that have it
RATIO = "verhouding"  # sum of `of` / sum of `per` (pooled over cases)
WEIGHTED = "gewogen"  # mean of `of` weighted by `per` (a per-case mean and its count)


@dataclass(frozen=True)
class Measure:
    key: str  # stable English key
    label: str  # Dutch, as the workbook and the report show it
    kind: str
    of: str
    per: str = ""
    percent: bool = False
    note: str = ""  # Dutch: what exactly is counted

    @property
    def is_count(self) -> bool:
        return self.kind in (CASES, SUM)


MEASURES: tuple[Measure, ...] = (
    Measure("cases", "Dossiers", CASES, "all", note="Dossiers die in het jaar open waren en de controle doorstonden."),
    Measure("started", "Gestart in het jaar", CASES, "started"),
    Measure("closed", "Afgesloten in het jaar", CASES, "closed"),
    Measure("meetings", "Netwerkberaden", SUM, "meetings", note="Alle beraden van deze dossiers, ook die buiten het jaar."),
    Measure("meetings_in_year", "Netwerkberaden in het jaar", SUM, "meetings_in_year", note="Beraden met een datum in het jaar."),
    Measure("meetings_mean", "Netwerkberaden per dossier", MEAN, "meetings"),
    Measure("attendees_mean", "Aanwezigen per netwerkberaad", RATIO, "attendances", "meetings"),
    Measure("attendees_informal_share", "Aanwezigen uit het informele netwerk", RATIO, "attendees_informal", "attendances", True),
    Measure("start_size_mean", "Netwerk bij de start (personen, gemiddeld)", MEAN, "start_size",
            note="Geplaatst in de cirkels op de vraag 'belang', zonder de centrale persoon."),
    Measure("end_size_mean", "Netwerk bij het einde (personen, gemiddeld)", MEAN, "end_size"),
    Measure("start_informal_share", "Informeel bij de start", RATIO, "start_informal", "start_size", True),
    Measure("end_informal_share", "Informeel bij het einde", RATIO, "end_informal", "end_size", True),
    Measure("start_certain_help_mean", "Zeker hulp bij de start (personen, gemiddeld)", MEAN, "start_certain_help"),
    Measure("end_certain_help_mean", "Zeker hulp bij het einde (personen, gemiddeld)", MEAN, "end_certain_help"),
    Measure("added", "Personen toegevoegd", SUM, "added", note="Tussen start- en eindmeting; alleen dossiers met beide."),
    Measure("refound", "Personen teruggevonden", SUM, "refound"),
    Measure("lost", "Personen uit beeld", SUM, "lost"),
    Measure("inwards", "Personen naar binnen geschoven", SUM, "inwards"),
    Measure("outwards", "Personen naar buiten geschoven", SUM, "outwards"),
    Measure("actions", "Acties", SUM, "actions"),
    Measure("actions_done_share", "Acties gedaan", RATIO, "actions_done", "actions_active", True,
            note="Van de acties die niet vervallen zijn."),
    Measure("actions_informal_share", "Acties gedragen door het informele netwerk", RATIO, "actions_informal", "actions_owned", True,
            note="Van de acties met een gekende uitvoerder: het duidelijkste teken dat professionele hulp overbodig wordt."),
    Measure("goals", "Doelen", SUM, "goals"),
    Measure("goals_reached_share", "Doelen bereikt", RATIO, "goals_reached", "goals_evaluated", True,
            note="Van de geëvalueerde doelen ('ja'; 'deels' telt niet als bereikt)."),
    Measure("score_change_mean", "Scoreverschil per doel (gemiddeld)", WEIGHTED, "score_change_mean", "goals_scored",
            note="Eindscore (of laatste score) min startscore, 0 tot 10."),
    Measure("duration_mean", "Duur afgesloten dossiers (dagen, gemiddeld)", MEAN, "duration_days"),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}
YEAR_ONLY = ("started", "meetings_in_year")  # measures of a run without --jaar leave these out
# The short Word report's figures; with a year, the meetings in it stand for all the cases' meetings.
KEY_FIGURES = ("cases", "meetings", "meetings_in_year", "start_size_mean", "end_size_mean", "start_informal_share",
               "end_informal_share", "added", "refound", "actions_informal_share", "goals_reached_share")
BREAKDOWN_MEASURES = ("cases", "closed", "meetings", "meetings_in_year", "start_size_mean", "end_size_mean", "start_informal_share",
                      "end_informal_share", "added", "refound", "actions", "actions_informal_share", "goals",
                      "goals_reached_share")


@dataclass(frozen=True)
class Dimension:
    attr: str  # dossier field key
    sheet: str  # Dutch sheet name
    header: str


DIMENSIONS = (
    Dimension("team", "Per team", "Team"),
    Dimension("hulpvorm", "Per hulpvorm", "Hulpvorm"),
    Dimension("methode", "Per methode", "Methode"),
    Dimension("soort_centraal", "Per centrale persoon", "Centrale persoon is"),
)


@dataclass
class Breakdown:
    dimension: Dimension
    measures: tuple[Measure, ...]
    rows: list[tuple[str, dict[str, Cell]]]
    total: dict[str, Cell]


@dataclass
class Yearly:
    """Everything the outputs show: already anonymous and suppressed."""

    year: int | None
    threshold: int
    key_from_file: bool
    made_on: dt.date
    files: int  # every file looked at (workbooks and listed files)
    others: int  # files in the folders that are no spreadsheet: not read
    used: list[Used]
    problems: list[Problem]
    measures: tuple[Measure, ...]
    overview: dict[str, Cell]
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def period(self) -> str:
        return str(self.year) if self.year else "alle jaren"


# --- which cases count --------------------------------------------------------------------------

def select(results: Sequence[harvest.Result], year: int | None) -> tuple[list[Used], list[Problem]]:
    """The cases that count (one per case number: the most recently saved copy), and the rest listed."""
    problems = [r for r in results if isinstance(r, Problem)]
    newest: dict[str, Used] = {}
    for r in results:
        if isinstance(r, Used) and (r.pseudonym not in newest or r.mtime > newest[r.pseudonym].mtime):
            newest[r.pseudonym] = r
    used = []
    for r in results:
        if not isinstance(r, Used):
            continue
        kept = newest[r.pseudonym]
        if kept is not r:
            problems.append(Problem(r.file, harvest.DUPLICATE, f"zelfde dossiernummer als {kept.file}; "
                                    "alleen de laatst bewaarde werkmap telt mee.", "Verwijder of verplaats de oude kopie."))
        elif not isinstance(r.attrs.get("startdatum"), dt.date):
            problems.append(Problem(r.file, harvest.NO_START, "de startdatum ontbreekt, dus het jaar is niet te bepalen.",
                                    "Vul op het blad Dossier de startdatum in."))
        elif year is not None and harvest.outside_year(year, r.attrs):
            problems.append(harvest.other_year(r.file, year))
        else:
            used.append(r)
    return used, problems


# --- merging -----------------------------------------------------------------------------------

def _flag(case: Used, test: str, year: int | None) -> bool:
    start, end = case.attrs.get("startdatum"), case.attrs.get("einddatum")
    if test == "all":
        return True
    if test == "started":
        return isinstance(start, dt.date) and (year is None or start.year == year)
    if test == "closed":
        return isinstance(end, dt.date) and (year is None or end.year == year)
    raise KeyError(test)


def merge(measure: Measure, cases: Sequence[Used], year: int | None, threshold: int) -> Cell:
    """One figure over some cases, as published (suppressed where needed)."""
    if measure.kind == CASES:
        n = sum(_flag(c, measure.of, year) for c in cases)
        return count_cell(n, len(cases), threshold)
    values = [(c.summary.get(measure.of), c.summary.get(measure.per) if measure.per else None) for c in cases]
    if measure.kind == SUM:
        have = [v for v, _ in values if v is not None]
        return count_cell(sum(have), len(have), threshold) if have else Cell(None, 0, count=True)
    if measure.kind == MEAN:
        have = [v for v, _ in values if v is not None]
        return ratio_cell(sum(have) / len(have) if have else None, len(have))
    pairs = [(v, w) for v, w in values if v is not None and w]
    if measure.kind == RATIO:
        num, den = sum(v for v, _ in pairs), sum(w for _, w in pairs)
    elif measure.kind == WEIGHTED:
        num, den = sum(v * w for v, w in pairs), sum(w for _, w in pairs)
    else:
        raise ValueError(measure.kind)
    return ratio_cell(num / den if den else None, len(pairs))


def group_label(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else UNKNOWN


def breakdown(dimension: Dimension, cases: Sequence[Used], measures: tuple[Measure, ...], total: dict[str, Cell],
              year: int | None, threshold: int) -> Breakdown:
    groups: dict[str, list[Used]] = {}
    labels: dict[str, str] = {}
    for case in cases:
        label = group_label(case.attrs.get(dimension.attr))
        key = label.casefold()  # "Team Noord" and "team noord" are one team
        labels.setdefault(key, label)
        groups.setdefault(key, []).append(case)
    order = sorted(groups, key=lambda k: (labels[k] == UNKNOWN, k))
    rows = [(labels[k], {m.key: merge(m, groups[k], year, threshold) for m in measures}) for k in order]
    for m in measures:
        protect_column([cells[m.key] for _, cells in rows])
    return Breakdown(dimension, measures, rows, {m.key: total[m.key] for m in measures})


def compute(used: list[Used], problems: list[Problem], *, year: int | None, threshold: int, key_from_file: bool,
            files: int, others: int, made_on: dt.date | None = None) -> Yearly:
    measures = tuple(m for m in MEASURES if year is not None or m.key not in YEAR_ONLY)
    overview = {m.key: merge(m, used, year, threshold) for m in measures}
    sub = tuple(m for m in measures if m.key in BREAKDOWN_MEASURES)
    return Yearly(
        year=year, threshold=threshold, key_from_file=key_from_file, made_on=made_on or dt.date.today(),
        files=files, others=others, used=sorted(used, key=lambda u: u.pseudonym),
        problems=sorted(problems, key=lambda p: p.file), measures=measures, overview=overview,
        breakdowns=[breakdown(d, used, sub, overview, year, threshold) for d in DIMENSIONS],
    )


# --- how figures are shown (shared by the workbook and the Word report) -------------------------

def key_measures(yearly: Yearly) -> list[Measure]:
    keys = {m.key for m in yearly.measures}
    skip = {"meetings"} if "meetings_in_year" in keys else set()
    return [m for m in yearly.measures if m.key in KEY_FIGURES and m.key not in skip]


NO_DATA = "–"
FEW = f"n<{MIN_CASES}"
PROTECTED = "x"


def symbol(cell: Cell, threshold: int) -> str | None:
    """The text shown instead of a hidden or missing figure; None when the number is shown."""
    if cell.hidden == SMALL:
        return f"<{threshold}"
    if cell.hidden == FEW_CASES:
        return FEW
    if cell.hidden == SECONDARY:
        return PROTECTED
    if cell.value is None:
        return NO_DATA
    return None


def legend(threshold: int) -> str:
    return (f"<{threshold}: een aantal van 1 tot {threshold - 1}, verborgen. {FEW}: percentage of gemiddelde over minder dan "
            f"{MIN_CASES} dossiers, verborgen. {PROTECTED}: verborgen omdat het anders met het totaal een verborgen getal "
            f"zou verraden. {NO_DATA}: geen gegevens.")


def display(cell: Cell, measure: Measure, threshold: int) -> str:
    """A figure as text: "12", "12,5", "40%", or its symbol when hidden."""
    text = symbol(cell, threshold)
    if text is not None:
        return text
    assert cell.value is not None
    if measure.percent:
        return f"{cell.value:.0%}"
    if measure.is_count:
        return f"{cell.value:.0f}"
    return f"{cell.value:.1f}".replace(".", ",")


def key_line(yearly: Yearly) -> str:
    if yearly.key_from_file:
        return "Dossiernummers zijn vervangen door pseudoniemen met de sleutel van de coördinator: hetzelfde dossier krijgt elk jaar hetzelfde pseudoniem."
    return ("Let op: gemaakt zonder sleutel. De pseudoniemen zijn willekeurig voor deze keer en verschillen van eerdere en "
            "latere jaarcijfers. Maak een sleutel met 'werkboek sleutel PAD' en geef ze mee met --sleutel.")



ALL_CASES = "Alle dossiers"


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str  # Excel chart type: "column" or "bar"
    attr: str  # breakdown dimension
    keys: tuple[str, ...]  # measures, one series each
    names: tuple[str, ...]  # the series' short names
    percent: bool = False
    with_total: bool = True  # the first bar is all cases (groups are often too small to show)


CHARTS = (
    Chart("Netwerk bij start en einde (personen, gemiddeld)", "column", "hulpvorm", ("start_size_mean", "end_size_mean"),
          ("Start", "Einde")),
    Chart("Informeel aandeel van het netwerk bij start en einde", "column", "hulpvorm",
          ("start_informal_share", "end_informal_share"), ("Start", "Einde"), True),
    Chart("Acties gedragen door het informele netwerk", "bar", "team", ("actions_informal_share",), ("Informeel netwerk",), True),
)


def chart_rows(b: Breakdown, keys: tuple[str, ...], with_total: bool = False) -> list[tuple[str, list[float]]]:
    """Groups whose figures for `keys` are all shown: a chart never plots a hidden figure."""
    rows = [(ALL_CASES, b.total)] if with_total else []
    out = []
    for label, cells in rows + b.rows:
        if all(cells[k].shown and cells[k].value is not None for k in keys):
            out.append((label, [cells[k].value for k in keys]))
    return out


# --- the whole run -----------------------------------------------------------------------------

@dataclass
class Outcome:
    workbook: Path
    report: Path
    export: Path | None
    yearly: Yearly

    @property
    def exit_code(self) -> int:
        listed = [p for p in self.yearly.problems if p.kind != harvest.OTHER_YEAR]
        return FINDINGS if listed else OK

    @property
    def summary(self) -> str:
        y = self.yearly
        return f"{y.files} bestanden bekeken, {len(y.used)} dossiers meegeteld, {len(y.problems)} op het blad Problemen."

    @property
    def key_note(self) -> str:
        """What a run without the coordinator's key file must say ('' with one)."""
        return "" if self.yearly.key_from_file else "zonder sleutelbestand zijn de pseudoniemen willekeurig voor deze keer."


def run(
    mappen: Sequence[str | os.PathLike[str]],
    jaar: int | None = None,
    uit: str | os.PathLike[str] | None = None,
    sleutel: str | os.PathLike[str] | None = None,
    drempel: int = DEFAULT_THRESHOLD,
    export_csv: str | os.PathLike[str] | None = None,
    overschrijf: bool = False,
    voortgang: bool | None = None,
    workers: int | None = None,
) -> Outcome:
    """Scan, read, check, merge and write. Raises WerkboekError for what the user must fix first."""
    folders = [Path(m) for m in mappen]
    if not folders:
        raise WerkboekError("geen map opgegeven.", "Geef de map(pen) met de werkmappen van het jaar.")
    for folder in folders:
        if not folder.is_dir():
            raise WerkboekError(f"{folder}: deze map bestaat niet.", "Controleer de naam van de map.")
    if jaar is not None and not 1990 <= jaar <= 2100:
        raise WerkboekError(f"{jaar} is geen geldig jaar.", "Geef een jaar als 2025.")
    if not 1 <= drempel <= 100:
        raise WerkboekError(f"drempel {drempel} kan niet.", f"Geef een drempel van 1 (niets verbergen) tot 100; standaard is {DEFAULT_THRESHOLD}.")
    out = new_file(uit or f"Jaarcijfers {jaar or 'alle jaren'}.xlsx", ".xlsx", overschrijf)
    report = new_file(out.with_suffix(".docx"), ".docx", overschrijf)
    export = Path(export_csv) if export_csv else None
    if export is not None and export.exists() and not export.is_dir():
        raise WerkboekError(f"{export}: dit is een bestand, geen map.", "Geef een map voor de CSV-bestanden.")
    pseudonyms: Pseudonymizer = load_key(sleutel) if sleutel else random_pseudonymizer()

    found = harvest.scan(folders, skip=(out, report))
    progress = harvest.Progress(len(found.candidates), voortgang)
    settings = harvest.Settings(pseudonyms, network=export is not None, year=jaar)
    try:
        results = harvest.harvest(found.candidates, settings, workers, progress)
    finally:
        progress.close()
    used, problems = select(results, jaar)
    yearly = compute(used, found.problems + problems, year=jaar, threshold=drempel, key_from_file=pseudonyms.from_file,
                     files=len(found.candidates) + len(found.problems), others=found.others)
    _write(yearly, out, report)
    if export is not None:
        from . import egor

        egor.write(yearly.used, export)
    return Outcome(out, report, export, yearly)


def _write(yearly: Yearly, out: Path, report: Path) -> None:
    """The workbook here and, on Linux, the Word report in a forked process at the same time:
    each takes about a second, and once the reading is done a core is free."""
    from . import yearly_report, yearly_workbook

    if not sys.platform.startswith("linux"):
        yearly_workbook.write(yearly, out)
        yearly_report.write(yearly, report)
        return
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_report_child, args=(send, yearly, report), daemon=True)
    child.start()
    send.close()
    answer: tuple[str, ...] = ()
    try:
        yearly_workbook.write(yearly, out)
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
        yearly_report.write(yearly, report)


def _report_child(send: Any, yearly: Yearly, report: Path) -> None:
    from . import yearly_report

    answer: tuple[str, ...] = ("failed",)
    try:
        yearly_report.write(yearly, report)
        answer = ("done",)
    except WerkboekError as exc:
        answer = ("error", exc.message, exc.todo)
    except BaseException:  # noqa: BLE001, S110  the parent writes the report itself and shows the error (or stops: Ctrl+C)
        pass
    with contextlib.suppress(OSError):
        send.send(answer)
        send.close()
    os._exit(0)
