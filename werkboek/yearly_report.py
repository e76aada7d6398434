"""The short Word report of the yearly figures: key figures and three charts, nothing per case."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .jaarcijfers import CHARTS, MEASURE_BY_KEY, Chart, Yearly, chart_rows, display, key_line, legend
from .render import render_docx

TEMPLATE = Path(__file__).with_name("templates") / "jaarcijfers.docx"
PICTURES = ("grafiek_netwerk", "grafiek_informeel", "grafiek_acties")  # one per entry of CHARTS, in order
# Every variable the template may use (for a beheerder who restyles it).
VARIABLES = ("periode", "gemaakt_op", "bestanden", "kolom_waarde", "kerncijfers", "verborgen", "grafieken_uitleg",
             "afbakening", "pseudoniemen", *PICTURES)


def context(yearly: Yearly) -> dict[str, Any]:
    listed = len(yearly.problems)
    cases = display(yearly.overview["cases"], MEASURE_BY_KEY["cases"], yearly.threshold)
    return {
        "periode": yearly.period,
        "gemaakt_op": f"{yearly.made_on:%d/%m/%Y}",
        "bestanden": f"{yearly.files} bestanden bekeken; {cases} dossiers meegeteld; {listed} niet meegeteld "
                     "(de reden per bestand staat op het blad Problemen van de werkmap).",
        "kolom_waarde": yearly.period,
        "kerncijfers": [{"label": m.label, "waarde": display(yearly.overview[m.key], m, yearly.threshold)}
                        for m in yearly.measures],
        "verborgen": legend(yearly.threshold),
        "grafieken_uitleg": "Groepen met verborgen cijfers staan niet in de grafieken.",
        "afbakening": f"Een dossier telt mee voor {yearly.period} als het in dat jaar open was en de controle geen fouten vond. "
                      "Netwerk, beraden, acties en doelen gaan over het hele dossier.",
        "pseudoniemen": key_line(yearly),
    }


def chart_png(yearly: Yearly, chart: Chart) -> bytes | None:
    """The chart as a PNG (same data as the workbook's native chart); None without shown data."""
    breakdown = next(b for b in yearly.breakdowns if b.dimension.attr == chart.attr)
    rows = chart_rows(breakdown, chart.keys)
    if not rows:
        return None
    from .pictures import _figure, _png

    labels = [label for label, _ in rows]
    names = [MEASURE_BY_KEY[k].label for k in chart.keys]
    fig = _figure(6.3, 0.9 + 0.4 * max(len(rows), 3) if chart.kind == "bar" else 3.2)
    ax = fig.add_subplot(1, 1, 1)
    width = 0.8 / len(chart.keys)
    for j, name in enumerate(names):
        values = [v[j] for _, v in rows]
        positions = [i + (j - (len(names) - 1) / 2) * width for i in range(len(rows))]
        if chart.kind == "bar":
            bars = ax.barh(positions, values, height=width, label=name)
        else:
            bars = ax.bar(positions, values, width=width, label=name)
        ax.bar_label(bars, labels=[f"{v:.0%}" if chart.percent else f"{v:.1f}".replace(".", ",") for v in values], fontsize=7)
    ticks = (ax.set_yticks if chart.kind == "bar" else ax.set_xticks)
    ticks(range(len(rows)), labels, fontsize=8)
    value_axis = ax.xaxis if chart.kind == "bar" else ax.yaxis
    if chart.percent:
        from matplotlib.ticker import PercentFormatter

        value_axis.set_major_formatter(PercentFormatter(1.0))
        (ax.set_xlim if chart.kind == "bar" else ax.set_ylim)(0, 1.1)
    if chart.kind == "bar":
        ax.invert_yaxis()
    ax.set_title(chart.title, fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    if len(names) > 1:
        ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return _png(fig)


def write(yearly: Yearly, path: str | os.PathLike[str], template: str | os.PathLike[str] = TEMPLATE) -> Path:
    pictures = {name: chart_png(yearly, chart) for name, chart in zip(PICTURES, CHARTS, strict=True)}
    return render_docx(template, context(yearly), path, pictures, title=f"Jaarcijfers {yearly.period}",
                       subject="Netwerkgericht werken: jaarcijfers zonder namen")
