"""Merging a year: which cases count (one per case number), the per-case table, and each figure
over the cases and per group (pandas), suppressed as published. Every input file is accounted
for: used, or listed as a problem.

pandas is imported inside the functions that use it: the workers of a yearly run are forked
before the merge, and nothing on the check or click path imports this module's tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import harvest
from .disclosure import protect_yearly, rules_for
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
from .suppression import SMALL, Figure, count_figure, ratio_figure

if TYPE_CHECKING:
    import pandas as pd

UNKNOWN = "(onbekend)"


@dataclass
class Breakdown:
    dimension: Dimension
    measures: tuple[Measure, ...]
    rows: list[tuple[str, dict[str, Figure]]]
    total: dict[str, Figure]


@dataclass
class Yearly:
    """Everything the outputs show: already anonymous and suppressed (the per-case table and the
    problems are the coordinator's; see workbook.write_coordinator)."""

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
    known: Mapping[str, Collection[str]] = field(default_factory=dict)  # what the research export gives exactly

    @property
    def period(self) -> str:
        return str(self.year) if self.year else "alle jaren"

    @property
    def listed(self) -> list[Problem]:
        """The files that did not count because of a problem: a case of another year is none."""
        return [p for p in self.problems if p.kind != harvest.OTHER_YEAR]

    @property
    def other_year(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == harvest.OTHER_YEAR]


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


# --- the per-case table ------------------------------------------------------------------------

def group_label(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else UNKNOWN


def _flag(case: Used, test: str, year: int | None) -> bool:
    start, end = case.attrs.get("startdatum"), case.attrs.get("einddatum")
    if test == "all":
        return True
    if test == "started":
        return isinstance(start, dt.date) and (year is None or start.year == year)
    if test == "closed":
        return isinstance(end, dt.date) and (year is None or end.year == year)
    raise KeyError(test)


def group_column(dimension: Dimension) -> str:
    return f"groep_{dimension.attr}"


def case_frame(cases: Sequence[Used], measures: Sequence[Measure], year: int | None) -> pd.DataFrame:
    """One row per case: its group label per dimension, its case flags and the per-case numbers
    the measures merge (NaN where a case has no such number, e.g. no end measurement yet)."""
    import numpy as np
    import pandas as pd

    columns: dict[str, Any] = {}
    for d in DIMENSIONS:
        columns[group_column(d)] = pd.array([group_label(c.attrs.get(d.attr)) for c in cases], dtype=object)
    for m in measures:
        if m.kind == CASES:
            columns[f"is_{m.of}"] = np.array([_flag(c, m.of, year) for c in cases], dtype=float)
        for key in (m.of, m.per) if m.kind != CASES else ():
            if key and key not in columns:
                columns[key] = np.array([c.numbers.get(key) for c in cases], dtype=float)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(cases)))


def _parts(frame: pd.DataFrame, measures: Sequence[Measure]) -> pd.DataFrame:
    """Per measure and case its share of the figure: (key, "num"), (key, "den"), (key, "n");
    summed over a group they give the group's figure."""
    import pandas as pd

    out: dict[tuple[str, str], Any] = {}
    for m in measures:
        if m.kind == CASES:
            out[(m.key, "num")], out[(m.key, "n")] = frame[f"is_{m.of}"], 1.0
            continue
        of = frame[m.of]
        if m.kind in (SUM, MEAN):
            has = of.notna()
            out[(m.key, "num")], out[(m.key, "n")] = of.fillna(0.0), has.astype(float)
            continue
        per = frame[m.per]
        mask = of.notna() & per.fillna(0.0).ne(0.0)
        num = of * per if m.kind == WEIGHTED else of
        out[(m.key, "num")] = num.where(mask, 0.0)
        out[(m.key, "den")] = per.where(mask, 0.0)
        out[(m.key, "n")] = mask.astype(float)
    return pd.DataFrame(out, index=frame.index)


def _figure(m: Measure, sums: Mapping[tuple[str, str], float], threshold: int) -> Figure:
    """One figure from its summed parts, as published (small counts hidden, ratios rounded)."""
    num, n = float(sums[(m.key, "num")]), int(sums[(m.key, "n")])
    if m.kind == CASES:
        return count_figure(int(num), n, threshold)
    if m.kind == SUM:
        return count_figure(int(num), n, threshold) if n else Figure(None, 0, count=True)
    if m.kind == MEAN:
        return ratio_figure(num / n if n else None, n, m.digits)
    if m.kind in (RATIO, WEIGHTED):
        den = float(sums[(m.key, "den")])
        return ratio_figure(num / den if den else None, n, m.digits)
    raise ValueError(m.kind)


def breakdown(dimension: Dimension, frame: pd.DataFrame, parts: pd.DataFrame, measures: tuple[Measure, ...],
              total: dict[str, Figure], threshold: int) -> Breakdown:
    labels = frame[group_column(dimension)]
    keys = labels.str.casefold()  # "Team Noord" and "team noord" are one team, named as first seen
    first: dict[str, str] = {}
    for key, label in zip(keys, labels, strict=True):
        first.setdefault(key, label)
    sums = parts[[c for c in parts.columns if c[0] in {m.key for m in measures}]].groupby(keys.values, sort=False).sum()
    order = sorted(first, key=lambda k: (first[k] == UNKNOWN, k))
    rows = [(first[k], {m.key: _figure(m, sums.loc[k], threshold) for m in measures}) for k in order]
    return Breakdown(dimension, measures, rows, {m.key: total[m.key] for m in measures})


def compute(used: list[Used], problems: list[Problem], *, year: int | None, threshold: int, key_from_file: bool,
            files: int, others: int, made_on: dt.date | None = None,
            known: Mapping[str, Collection[str]] | None = None) -> Yearly:
    """The yearly figures as published: merged per measure and group, then protected by the
    disclosure audit. `known`: what another product written with them gives exactly (per sheet,
    the counts the research export's rows add up to); the audit treats those as public."""
    measures = tuple(m.for_period(year) for m in MEASURES if year is not None or m.key not in YEAR_ONLY)
    frame = case_frame(used, measures, year)
    parts = _parts(frame, measures)
    sums = parts.sum()
    overview = {m.key: _figure(m, sums, threshold) for m in measures}
    sub = tuple(m for m in measures if m.key in BREAKDOWN_MEASURES)
    breakdowns = [breakdown(d, frame, parts, sub, overview, threshold) for d in DIMENSIONS]
    if overview["cases"].hidden == SMALL:
        # Fewer cases than the threshold: the number of groups alone would say "at least 2"; no breakdown then.
        for b in breakdowns:
            b.rows = []
    protect_yearly(overview, {b.dimension.sheet: b.rows for b in breakdowns}, threshold=threshold,
                   rules=rules_for(year), known=known)
    return Yearly(
        year=year, threshold=threshold, key_from_file=key_from_file, made_on=made_on or dt.date.today(),
        files=files, others=others, used=sorted(used, key=lambda u: u.pseudonym),
        problems=sorted(problems, key=lambda p: p.file), measures=measures, overview=overview,
        breakdowns=breakdowns, known=dict(known or {}),
    )
