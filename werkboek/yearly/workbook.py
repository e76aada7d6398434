"""The yearly figures as an Excel workbook: overview with native charts, breakdowns, a per-case
table under pseudonyms, the Problemen sheet and an explanation.

All text is written with `write_string` and XlsxWriter's formula and URL guessing is off, so a
team called "=HYPERLINK(...)" lands as text. Hidden figures are written as their symbol, never
as a number anywhere in the file (not even for a chart: chart data holds only shown figures).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from .. import __version__, dutch
from ..files import atomic
from ..workbook import schema, xlsx
from .display import CHARTS, Chart, chart_rows, key_line, legend, symbol
from .measures import CASES, MEAN, RATIO, SUM, WEIGHTED, Measure
from .merge import Breakdown, Yearly
from .suppression import Figure

OVERVIEW = "Overzicht"
PER_CASE = "Per dossier"
PROBLEMS = "Problemen"
EXPLAIN = "Uitleg"


def write(yearly: Yearly, path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    with atomic(path) as tmp:
        made = dt.datetime.combine(yearly.made_on, dt.time())
        wb = xlsx.new_workbook(tmp, title=f"Jaarcijfers {yearly.period}", created=made,
                               comments=f"Gemaakt met werkboek {__version__}")
        fmt = _formats(wb)
        overview = wb.add_worksheet(OVERVIEW)
        sheets = [(b, wb.add_worksheet(b.dimension.sheet)) for b in yearly.breakdowns]
        for b, ws in sheets:
            _breakdown_sheet(wb, ws, fmt, b, yearly)
        _overview_sheet(wb, overview, fmt, yearly)
        _per_case_sheet(wb.add_worksheet(PER_CASE), fmt, yearly)
        _problems_sheet(wb.add_worksheet(PROBLEMS), fmt, yearly)
        _explain_sheet(wb.add_worksheet(EXPLAIN), fmt, yearly)
        for ws in wb.worksheets():
            ws.set_paper(9)  # A4, landscape, one page wide
            ws.set_landscape()
            ws.fit_to_pages(1, 0)
            ws.set_footer(f"&LJaarcijfers {yearly.period}&RPagina &P van &N")
        overview.activate()
        wb.close()
    return path


def _formats(wb: Any) -> dict[str, Any]:
    style = xlsx.STYLES
    total = {"bold": True, "top": 1}
    return xlsx.formats(wb, {
        "title": {**style["title"], "font_size": 16},
        "sub": {"italic": True, "font_color": xlsx.GREY},
        "head": {"bold": True, "bg_color": xlsx.HEADER_FILL, "border": 1, "text_wrap": True},
        "label": style["label"],
        "text": {"text_wrap": True},
        "warn": {"bold": True, "font_color": "#9C0006", "text_wrap": True},
        "count": {"num_format": "0"},
        "mean": {"num_format": "0.0"},
        "percent": {"num_format": "0%"},
        "hidden": {"align": "right", "font_color": "#7F7F7F"},
        "total": total,
        "total_count": {**total, "num_format": "0"},
        "total_mean": {**total, "num_format": "0.0"},
        "total_percent": {**total, "num_format": "0%"},
        "total_hidden": {**total, "align": "right", "font_color": "#7F7F7F"},
    })


def _number_format(m: Measure) -> str:
    return "percent" if m.percent else "count" if m.is_count else "mean"


def _write_figure(ws: Any, r: int, c: int, figure: Figure, m: Measure, fmt: dict[str, Any], threshold: int,
                  total: bool = False) -> None:
    prefix = "total_" if total else ""
    text = symbol(figure, threshold)
    if text is not None:
        ws.write_string(r, c, text, fmt[prefix + "hidden"])
    else:
        ws.write_number(r, c, figure.value, fmt[prefix + _number_format(m)])


def _overview_sheet(wb: Any, ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 60)
    ws.write_string(0, 0, f"Jaarcijfers netwerkgericht werken – {yearly.period}", fmt["title"])
    ws.write_string(1, 0, f"Gemaakt op {yearly.made_on:%d/%m/%Y} met werkboek {__version__}. "
                    "Zonder namen, contactgegevens of vrije tekst.", fmt["sub"])
    info = (
        ("Bestanden bekeken", yearly.files),
        ("Op het blad Problemen (niet meegeteld)", len(yearly.problems)),
        ("Andere bestanden in de mappen (niet gelezen)", yearly.others),
    )
    r = 3
    for label, value in info:
        ws.write_string(r, 0, label, fmt["label"])
        ws.write_number(r, 1, value, fmt["count"])
        r += 1
    ws.write_string(r, 0, "Pseudoniemen", fmt["label"])
    ws.write_string(r, 2, key_line(yearly), fmt["text" if yearly.key_from_file else "warn"])
    ws.set_row(r, 45)
    r += 1
    ws.write_string(r, 0, "Verborgen cijfers", fmt["label"])
    ws.write_string(r, 2, legend(yearly.threshold), fmt["text"])
    ws.set_row(r, 60)
    r += 2
    ws.write_string(r, 0, "Kerncijfer", fmt["head"])
    ws.write_string(r, 1, "Waarde", fmt["head"])
    ws.write_string(r, 2, "Uitleg", fmt["head"])
    for m in yearly.measures:
        r += 1
        ws.write_string(r, 0, m.label, fmt["text"])
        _write_figure(ws, r, 1, yearly.overview[m.key], m, fmt, yearly.threshold)
        ws.write_string(r, 2, m.note, fmt["text"])
    _overview_charts(wb, ws, fmt, yearly, r + 2)


def _data_chart(wb: Any, ws: Any, fmt: dict[str, Any], spec: Chart, b: Breakdown, data_row: int,
                data_col: int) -> Any | None:
    """Writes the chart's own small data table at (data_row, data_col) and returns the chart."""
    title, kind, keys, percent = spec.title, spec.kind, spec.keys, spec.percent
    rows = chart_rows(b, keys, spec.with_total)
    measures = [next(m for m in b.measures if m.key == k) for k in keys]
    ws.write_string(data_row, data_col, f"Gegevens voor '{title}' (alleen getoonde cijfers)", fmt["sub"])
    ws.write_string(data_row + 1, data_col, b.dimension.header, fmt["head"])
    for j, series in enumerate(spec.names):
        ws.write_string(data_row + 1, data_col + 1 + j, series, fmt["head"])
    for i, (label, values) in enumerate(rows):
        ws.write_string(data_row + 2 + i, data_col, label, fmt["text"])
        for j, (m, v) in enumerate(zip(measures, values, strict=False)):
            ws.write_number(data_row + 2 + i, data_col + 1 + j, v, fmt[_number_format(m)])
    if not rows:
        ws.write_string(data_row + 2, data_col, "Geen groep met genoeg dossiers om te tonen.", fmt["sub"])
        return None
    chart = wb.add_chart({"type": kind})
    last = data_row + 1 + len(rows)
    name = ws.get_name()
    for j, m in enumerate(measures):
        chart.add_series({
            "name": [name, data_row + 1, data_col + 1 + j],
            "categories": [name, data_row + 2, data_col, last, data_col],
            "values": [name, data_row + 2, data_col + 1 + j, last, data_col + 1 + j],
            "data_labels": {"value": True, "num_format": "0%" if percent else "0.0" if not m.is_count else "0"},
        })
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom" if len(measures) > 1 else "none"})
    axis = {"num_format": "0%", "min": 0, "max": 1} if percent else {"min": 0}
    (chart.set_x_axis if kind == "bar" else chart.set_y_axis)({**axis, "major_gridlines": {"visible": True}})
    return chart


def _overview_charts(wb: Any, ws: Any, fmt: dict[str, Any], yearly: Yearly, data_row: int) -> None:
    by = {b.dimension.attr: b for b in yearly.breakdowns}
    ws.write_string(data_row, 0, "Gegevens van de grafieken", fmt["label"])
    r = data_row + 1
    for i, spec in enumerate(CHARTS):
        b = by[spec.attr]
        chart = _data_chart(wb, ws, fmt, spec, b, r, 0)
        r += len(chart_rows(b, spec.keys, spec.with_total)) + 4
        if chart is not None:
            chart.set_size({"width": 620, "height": 300})
            ws.insert_chart(3 + i * 16, 4, chart)


def _breakdown_sheet(wb: Any, ws: Any, fmt: dict[str, Any], b: Breakdown, yearly: Yearly) -> None:
    ws.write_string(0, 0, f"{b.dimension.sheet} – {yearly.period}", fmt["title"])
    ws.write_string(1, 0, legend(yearly.threshold), fmt["sub"])
    head = 3
    ws.set_row(head, 60)
    ws.set_column(0, 0, 28)
    ws.set_column(1, len(b.measures), 13)
    ws.write_string(head, 0, b.dimension.header, fmt["head"])
    for j, m in enumerate(b.measures, start=1):
        ws.write_string(head, j, m.label, fmt["head"])
    for i, (label, cells) in enumerate(b.rows, start=head + 1):
        ws.write_string(i, 0, label, fmt["text"])
        for j, m in enumerate(b.measures, start=1):
            _write_figure(ws, i, j, cells[m.key], m, fmt, yearly.threshold)
    total_row = head + 1 + len(b.rows)
    ws.write_string(total_row, 0, "Totaal", fmt["total"])
    for j, m in enumerate(b.measures, start=1):
        _write_figure(ws, total_row, j, b.total[m.key], m, fmt, yearly.threshold, total=True)
    ws.freeze_panes(head + 1, 1)
    spec = Chart(f"Dossiers {b.dimension.sheet.lower()}", "bar", b.dimension.attr, ("cases",), ("Dossiers",),
                 with_total=False)
    chart = _data_chart(wb, ws, fmt, spec, b, total_row + 3, 0)
    if chart is not None:
        chart.set_size({"width": 620, "height": max(220, 40 + 28 * len(b.rows))})
        ws.insert_chart(total_row + 3, 4, chart)


# Per-case columns: (Dutch header, summary key, number format).
PER_CASE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Duur (dagen)", "duration_days", "count"),
    ("Personen", "persons", "count"),
    ("Netwerk start", "start_size", "count"),
    ("Informeel start", "start_informal_share", "percent"),
    ("Netwerk einde", "end_size", "count"),
    ("Informeel einde", "end_informal_share", "percent"),
    ("Zeker hulp start", "start_certain_help", "count"),
    ("Zeker hulp einde", "end_certain_help", "count"),
    ("Toegevoegd", "added", "count"),
    ("Teruggevonden", "refound", "count"),
    ("Uit beeld", "lost", "count"),
    ("Naar binnen", "inwards", "count"),
    ("Naar buiten", "outwards", "count"),
    ("Netwerkberaden", "meetings", "count"),
    ("Beraden in het jaar", "meetings_in_year", "count"),
    ("Aanwezigen per beraad", "attendees_mean", "mean"),
    ("Acties", "actions", "count"),
    ("Acties gedaan", "actions_done_share", "percent"),
    ("Acties informeel netwerk", "actions_informal_share", "percent"),
    ("Doelen", "goals", "count"),
    ("Doelen bereikt", "goals_reached_share", "percent"),
    ("Scoreverschil", "score_change_mean", "mean"),
)


def _per_case_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    headers = ["Pseudoniem", "Afgesloten", *(h for h, _, _ in PER_CASE_COLUMNS), "Waarschuwingen", "Sjabloonversie"]
    ws.write_string(0, 0, f"Per dossier – {yearly.period}", fmt["title"])
    ws.write_string(1, 0, "Eén rij per meegeteld dossier, onder pseudoniem, zonder team of hulpvorm (die zouden "
                    "kleine, verborgen groepen terug zichtbaar maken). Leeg: geen gegevens, bv. nog geen eindmeting.",
                    fmt["sub"])
    top = 3
    rows = yearly.used
    ws.add_table(top, 0, top + max(1, len(rows)), len(headers) - 1, {
        "name": "tblPerDossier", "style": "Table Style Light 9",
        "columns": [{"header": h, "header_format": fmt["head"]} for h in headers],
    })
    ws.set_row(top, 45)
    ws.set_column(0, 0, 20)
    ws.set_column(1, len(headers) - 1, 12)
    for i, case in enumerate(rows, start=top + 1):
        ws.write_string(i, 0, case.pseudonym, fmt["text"])
        ws.write_string(i, 1, dutch.yes_no(isinstance(case.attrs.get("einddatum"), dt.date)), fmt["text"])
        for j, (_, key, kind) in enumerate(PER_CASE_COLUMNS, start=2):
            value = case.numbers.get(key)
            if value is not None:
                ws.write_number(i, j, value, fmt[kind])
        ws.write_number(i, len(headers) - 2, case.warnings, fmt["count"])
        ws.write_number(i, len(headers) - 1, case.template_version, fmt["count"])
    ws.freeze_panes(top + 1, 1)


PROBLEM_HEADERS = ("Bestand", "Soort", "Reden", "Wat te doen", "Details", "Code")


def _problems_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    ws.write_string(0, 0, f"Problemen – {yearly.period}", fmt["title"])
    ws.write_string(1, 0, "Elke werkmap die niet meetelt, met de reden. De details noemen alleen controlecodes en "
                    "cellen; de code staat uitgelegd in docs/controles.md. "
                    "Let op: de bestandsnamen staan hier zoals in de map; geef dit blad niet door als die namen "
                    "bevatten.", fmt["sub"])
    top = 3
    ws.add_table(top, 0, top + max(1, len(yearly.problems)), len(PROBLEM_HEADERS) - 1, {
        "name": "tblProblemen", "style": "Table Style Light 10",
        "columns": [{"header": h, "header_format": fmt["head"]} for h in PROBLEM_HEADERS],
    })
    for c, width in enumerate((50, 20, 60, 60, 50, 20)):
        ws.set_column(c, c, width, fmt["text"])
    for i, p in enumerate(yearly.problems, start=top + 1):
        for c, text in enumerate((p.file, p.label, p.reason, p.todo, p.detail, p.kind)):
            ws.write_string(i, c, text, fmt["text"])
    ws.freeze_panes(top + 1, 0)


def _explain_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    how = {CASES: "aantal dossiers", SUM: "som over de dossiers", MEAN: "gemiddelde over de dossiers met een waarde",
           RATIO: "totaal over de dossiers gedeeld door totaal over de dossiers",
           WEIGHTED: "gemiddelde per doel over alle dossiers"}
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 70)
    ws.write_string(0, 0, "Uitleg bij de jaarcijfers", fmt["title"])
    lines = (
        (f"Een dossier telt mee voor {yearly.period} als het in dat jaar op minstens één dag open was "
         "(startdatum tot einddatum; zonder einddatum loopt het nog) en de controle geen fouten vond."),
        ("Staat hetzelfde dossiernummer in meer werkmappen, dan telt alleen de laatst bewaarde; de andere staan op "
         "het blad Problemen."),
        "De cijfers over netwerk, beraden, acties en doelen gaan over het hele dossier zoals het in de werkmap staat.",
        key_line(yearly),
        legend(yearly.threshold),
        "Nooit in de jaarcijfers: " + ", ".join(f.header for f in (*schema.DOSSIER.fields,
                                                                   *(c for s in schema.TABLES for c in s.columns))
                                                 if f.identifying) + ".",
    )
    for r, line in enumerate(lines, start=2):
        ws.write_string(r, 0, line, fmt["text"])
    r = len(lines) + 3
    for c, h in enumerate(("Cijfer", "Hoe samengevoegd", "Wat geteld wordt")):
        ws.write_string(r, c, h, fmt["head"])
    for m in yearly.measures:
        r += 1
        ws.write_string(r, 0, m.label, fmt["text"])
        ws.write_string(r, 1, how[m.kind], fmt["text"])
        ws.write_string(r, 2, m.note, fmt["text"])
