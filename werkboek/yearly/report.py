"""The short Word report of the yearly figures: key figures and three charts, nothing per case."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from .. import dutch
from ..pictures import new_figure, to_png
from ..reports.render import render_docx
from .display import CHARTS, Chart, chart_rows, display, key_measures, legend, published_line
from .measures import Measure
from .merge import Yearly

TEMPLATE = Path(__file__).parent.parent / "templates" / "jaarcijfers.docx"
COLOURS = ("#9DC3E6", "#1F4E79")  # start light, end dark: also readable in grey print
PICTURES = ("grafiek_netwerk", "grafiek_informeel", "grafiek_acties")  # one per entry of CHARTS, in order
# Every variable the template may use (for a beheerder who restyles it).
VARIABLES = ("periode", "gemaakt_op", "bestanden", "kolom_waarde", "kerncijfers", "verborgen", "grafieken_uitleg",
             "afbakening", "pseudoniemen", *PICTURES)


def context(yearly: Yearly) -> dict[str, Any]:
    """The report's text: for readers outside the team, so it holds no instruction for the
    coordinator (that advice is on their screen and in their own file)."""
    figure = yearly.overview["cases"]
    mark = display(figure, yearly_measure(yearly, "cases"), yearly.threshold)
    cases = dutch.plural(figure.value or 0, "dossier", "dossiers") if figure.shown else f"{mark} dossiers"
    listed = len(yearly.listed)
    not_counted = ("Alle werkmappen konden meegeteld worden." if not listed else
                   f"{dutch.plural(listed, 'werkmap telde', 'werkmappen telden')} niet mee (onleesbaar, met fouten "
                   "in de controle of dubbel).")
    if yearly.year is not None:
        scope = (f"Een dossier telt mee voor {yearly.year} als het in dat jaar open was en de controle geen fouten "
                 "vond. Netwerk, acties en doelen gaan over het hele dossier; de netwerkberaden zijn die van "
                 f"{yearly.year}.")
    else:
        scope = ("Er is geen jaar gekozen: elk dossier telt mee waarvan de controle geen fouten vond. Netwerk, "
                 "beraden, acties en doelen gaan over het hele dossier.")
    return {
        "periode": yearly.period,
        "gemaakt_op": f"{yearly.made_on:%d/%m/%Y}",
        "bestanden": f"{cases} meegeteld. {not_counted}",
        "kolom_waarde": yearly.period,
        "kerncijfers": [{"label": m.label, "waarde": display(yearly.overview[m.key], m, yearly.threshold)}
                        for m in key_measures(yearly)],
        "verborgen": legend(yearly.threshold),
        "grafieken_uitleg": "Groepen met verborgen cijfers staan niet in de grafieken.",
        "afbakening": f"{scope} Vervallen acties tellen niet mee in het aandeel acties bij het informele netwerk.",
        "pseudoniemen": published_line(),
    }


def yearly_measure(yearly: Yearly, key: str) -> Measure:
    return next(m for m in yearly.measures if m.key == key)


def chart_png(yearly: Yearly, chart: Chart) -> bytes | None:
    """The chart as a PNG (same data as the workbook's native chart); None without shown data."""
    breakdown = next(b for b in yearly.breakdowns if b.dimension.attr == chart.attr)
    rows = chart_rows(breakdown, chart.keys, chart.with_total)
    if not rows:
        return None
    labels = [label for label, _ in rows]
    n, k = len(rows), len(chart.keys)
    horizontal = chart.kind == "bar"
    fig = new_figure(6.3, 0.9 + 0.35 * max(n, 2) if horizontal else 2.8)
    ax = fig.add_subplot(1, 1, 1)
    width = min(0.8 / k, 0.3)
    for j, (series, colour) in enumerate(zip(chart.names, COLOURS, strict=False)):
        values = [v[j] for _, v in rows]
        positions = [i + (j - (k - 1) / 2) * width for i in range(n)]
        draw = ax.barh if horizontal else ax.bar
        bars = draw(positions, values, width, label=series, color=colour)
        ax.bar_label(bars, labels=[f"{v:.0%}" if chart.percent else dutch.decimal(v) for v in values], fontsize=7)
    (ax.set_yticks if horizontal else ax.set_xticks)(range(n), labels, fontsize=8)
    (ax.set_ylim if horizontal else ax.set_xlim)(-0.6, n - 0.4)
    if chart.percent:
        from matplotlib.ticker import PercentFormatter  # local: matplotlib loads only when drawing

        (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(PercentFormatter(1.0, decimals=0))
        (ax.set_xlim if horizontal else ax.set_ylim)(0, 1.12)
    if horizontal:
        ax.invert_yaxis()
    ax.set_title(chart.title, fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    if k > 1:
        ax.legend(fontsize=8, frameon=False, ncols=k, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    fig.tight_layout()
    return to_png(fig)


def prepare() -> None:
    """Load what drawing and writing the report needs (ahead of time, while the merge runs)."""
    for module in ("matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.ticker", "docxtpl",
                   "docx.shared", "jinja2.sandbox"):
        importlib.import_module(module)


def write(yearly: Yearly, path: str | os.PathLike[str], template: str | os.PathLike[str] = TEMPLATE) -> Path:
    pictures = {name: chart_png(yearly, chart) for name, chart in zip(PICTURES, CHARTS, strict=True)}
    return render_docx(template, context(yearly), path, pictures, title=f"Jaarcijfers {yearly.period}",
                       subject="Netwerkgericht werken: jaarcijfers zonder namen")
