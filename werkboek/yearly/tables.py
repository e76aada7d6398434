"""The yearly figures as pandas DataFrames: the published tables for an analyst's notebook
(`Uitkomst.tabellen`, `Uitkomst.markeringen`) and the coordinator's per-case table.

A published table has the sheet's rows and columns (Dutch labels; a breakdown ends with its
"Totaal" row). Its values are the published numbers: counts as Int64, means and shares as
Float64 (shares as fractions, 0.25 for 25%), rounded as the workbook shows them, and pd.NA
wherever the sheet shows a mark instead. The marks frame has the same shape and holds that mark
("<5", "n<10", "x", "–"), or "" where the number is shown. So `tabellen["Per team"]` computes
like any frame, and nothing in it is more than the workbook publishes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .display import symbol
from .measures import Measure
from .merge import Yearly
from .suppression import Figure
from .workbook import OVERVIEW, PER_CASE_KIND, per_case_table

if TYPE_CHECKING:
    import pandas as pd

TOTAL = "Totaal"


def _column(figures: list[Figure], m: Measure, threshold: int) -> tuple[Any, list[str]]:
    import pandas as pd

    marks = [symbol(f, threshold) or "" for f in figures]
    values = [f.value if not mark else None for f, mark in zip(figures, marks, strict=True)]
    return pd.array(values, dtype="Int64" if m.is_count else "Float64"), marks


def published(yearly: Yearly) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The published tables by sheet name, and their marks."""
    import pandas as pd

    t = yearly.threshold
    figures = [yearly.overview[m.key] for m in yearly.measures]
    index = pd.Index([m.label for m in yearly.measures], name="Kerncijfer")
    marks = [symbol(f, t) or "" for f in figures]
    values = pd.array([f.value if not mark else None for f, mark in zip(figures, marks, strict=True)], dtype="Float64")
    tables = {OVERVIEW: pd.DataFrame({"Waarde": values}, index=index)}
    signs = {OVERVIEW: pd.DataFrame({"Waarde": marks}, index=index, dtype=object)}
    for b in yearly.breakdowns:
        rows = [*b.rows, (TOTAL, b.total)]
        index = pd.Index([label for label, _ in rows], name=b.dimension.header)
        columns = {m.label: _column([figs[m.key] for _, figs in rows], m, t) for m in b.measures}
        tables[b.dimension.sheet] = pd.DataFrame({label: col for label, (col, _) in columns.items()}, index=index)
        signs[b.dimension.sheet] = pd.DataFrame({label: mk for label, (_, mk) in columns.items()}, index=index,
                                                dtype=object)
    return tables, signs


def per_case(yearly: Yearly) -> pd.DataFrame:
    """One row per counted case, under its pseudonym, with its workbook and its own numbers:
    the coordinator's, never published (its rows can be matched to hidden groups)."""
    import pandas as pd

    headers, rows = per_case_table(yearly)
    columns: dict[str, Any] = {}
    for j, header in enumerate(headers):
        values = [row[j] for row in rows]
        kind = PER_CASE_KIND[header]
        if kind in ("text", "date"):
            columns[header] = pd.Series(values, dtype=object)
        else:
            columns[header] = pd.array(values, dtype="Int64" if kind == "count" else "Float64")
    return pd.DataFrame(columns)
