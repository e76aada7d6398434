"""Merging a year: which cases count (one per case number), each figure over the cases and per
group, suppressed as published. Every input file is accounted for: used, or listed as a problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import harvest
from .harvest import Problem, Used
from .measures import (
    BREAKDOWN_MEASURES,
    CASES,
    DIMENSIONS,
    MEAN,
    MEASURES,
    RATIO,
    SUM,
    WEIGHTED,
    YEAR_ONLY,
    Dimension,
    Measure,
)
from .suppression import Figure, count_figure, protect_column, ratio_figure

UNKNOWN = "(onbekend)"


@dataclass
class Breakdown:
    dimension: Dimension
    measures: tuple[Measure, ...]
    rows: list[tuple[str, dict[str, Figure]]]
    total: dict[str, Figure]


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
    overview: dict[str, Figure]
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def period(self) -> str:
        return str(self.year) if self.year else "alle jaren"


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
                                    "alleen de laatst bewaarde werkmap telt mee.",
                                    "Verwijder of verplaats de oude kopie."))
        elif not isinstance(r.attrs.get("startdatum"), dt.date):
            problems.append(Problem(r.file, harvest.NO_START,
                                    "de startdatum ontbreekt, dus het jaar is niet te bepalen.",
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


def merge(measure: Measure, cases: Sequence[Used], year: int | None, threshold: int) -> Figure:
    """One figure over some cases, as published (suppressed where needed)."""
    if measure.kind == CASES:
        n = sum(_flag(c, measure.of, year) for c in cases)
        return count_figure(n, len(cases), threshold)
    values = [(c.numbers.get(measure.of), c.numbers.get(measure.per) if measure.per else None) for c in cases]
    if measure.kind == SUM:
        have = [v for v, _ in values if v is not None]
        return count_figure(int(sum(have)), len(have), threshold) if have else Figure(None, 0, count=True)
    if measure.kind == MEAN:
        have = [v for v, _ in values if v is not None]
        return ratio_figure(sum(have) / len(have) if have else None, len(have))
    pairs = [(v, w) for v, w in values if v is not None and w]
    if measure.kind == RATIO:
        num, den = sum(v for v, _ in pairs), sum(w for _, w in pairs)
    elif measure.kind == WEIGHTED:
        num, den = sum(v * w for v, w in pairs), sum(w for _, w in pairs)
    else:
        raise ValueError(measure.kind)
    return ratio_figure(num / den if den else None, len(pairs))


def group_label(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else UNKNOWN


def breakdown(dimension: Dimension, cases: Sequence[Used], measures: tuple[Measure, ...], total: dict[str, Figure],
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
        protect_column([figs[m.key] for _, figs in rows])
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
