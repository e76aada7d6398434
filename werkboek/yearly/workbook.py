"""The yearly figures as Excel workbooks: the published one (overview with native charts, the
breakdowns, an explanation) for management and funders, and the coordinator's own file (the
cases under pseudonyms, the files that did not count, the advice) that is never passed on.

All text is written with `write_string` and XlsxWriter's formula and URL guessing is off, so a
team called "=HYPERLINK(...)" lands as text. Hidden figures are written as their symbol, never
as a number anywhere in the published file (not even for a chart: chart data holds only shown
figures), and means and shares as their published, rounded value.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import atomic
from ..workbook import schema, xlsx
from .display import CHARTS, Chart, chart_rows, key_line, legend_lines, published_line, symbol
from .measures import CASES, MEAN, RATIO, SUM, WEIGHTED, Measure
from .merge import Breakdown, Yearly
from .suppression import Figure

OVERVIEW = "Overzicht"
EXPLAIN = "Uitleg"
PER_CASE = "Per dossier"
PROBLEMS = "Problemen"
COORDINATOR_SUFFIX = " - coördinator"  # "Jaarcijfers 2025 - coördinator.xlsx" beside "Jaarcijfers 2025.xlsx"


def coordinator_path(published: Path) -> Path:
    return published.with_name(f"{published.stem}{COORDINATOR_SUFFIX}{published.suffix}")


def _new(path: Path, title: str, yearly: Yearly) -> Any:
    made = dt.datetime.combine(yearly.made_on, dt.time())
    return xlsx.new_workbook(path, title=title, created=made, comments=f"Gemaakt met werkboek {__version__}")


def _finish(wb: Any, first: Any, footer: str) -> None:
    for ws in wb.worksheets():
        ws.set_paper(9)  # A4, landscape, one page wide
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_footer(f"&L{footer}&RPagina &P van &N")
    first.activate()
    wb.close()


def write(yearly: Yearly, path: str | os.PathLike[str]) -> Path:
    """The published workbook: only anonymous, suppressed figures (it may be passed on whole)."""
    path = Path(path)
    with atomic(path) as tmp:
        wb = _new(tmp, f"Jaarcijfers {yearly.period}", yearly)
        fmt = _formats(wb)
        overview = wb.add_worksheet(OVERVIEW)
        for b in yearly.breakdowns:
            _breakdown_sheet(wb, wb.add_worksheet(b.dimension.sheet), fmt, b, yearly)
        _overview_sheet(wb, overview, fmt, yearly)
        _explain_sheet(wb.add_worksheet(EXPLAIN), fmt, yearly)
        _finish(wb, overview, f"Jaarcijfers {yearly.period}")
    return path


def write_coordinator(yearly: Yearly, path: str | os.PathLike[str], published: Path,
                      export: Path | None = None) -> Path:
    """The coordinator's file: advice, the cases under pseudonyms with their file, and every
    file that did not count. Personal data: never passed on (its first sheet says so)."""
    path = Path(path)
    with atomic(path) as tmp:
        wb = _new(tmp, f"Jaarcijfers {yearly.period} - alleen voor de coördinator", yearly)
        fmt = _formats(wb)
        first = wb.add_worksheet(EXPLAIN)
        _coordinator_sheet(first, fmt, yearly, published, export)
        _per_case_sheet(wb.add_worksheet(PER_CASE), fmt, yearly)
        _problems_sheet(wb.add_worksheet(PROBLEMS), fmt, yearly)
        _finish(wb, first, f"Jaarcijfers {yearly.period} - alleen voor de coördinator, niet doorgeven")
    return path


def _formats(wb: Any) -> dict[str, Any]:
    style = xlsx.STYLES
    total = {"bold": True, "top": 1}
    return xlsx.formats(wb, {
        "title": {**style["title"], "font_size": 16},
        "sub": {"italic": True, "font_color": xlsx.GREY},
        "mark": {"font_color": xlsx.GREY},
        "head": {"bold": True, "bg_color": xlsx.HEADER_FILL, "border": 1, "text_wrap": True},
        "label": style["label"],
        "text": {"text_wrap": True},
        "plain": {},
        "warn": {"bold": True, "font_color": "#9C0006", "text_wrap": True},
        "warn_line": {"bold": True, "font_color": "#9C0006"},
        "count": {"num_format": "0"},
        "mean": {"num_format": "0.0"},
        "percent": {"num_format": "0%"},
        "date": {"num_format": "dd/mm/yyyy"},
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


def _legend(ws: Any, fmt: dict[str, Any], row: int, threshold: int) -> int:
    """The marks, one short line a row in column A: each fits the first screen, no scrolling
    sideways. Returns the next free row."""
    ws.write_string(row, 0, "Verborgen cijfers:", fmt["label"])
    for i, line in enumerate(legend_lines(threshold), start=row + 1):
        ws.write_string(i, 0, line, fmt["mark"])
    return row + 1 + len(legend_lines(threshold))


def _overview_sheet(wb: Any, ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 60)
    ws.write_string(0, 0, f"Jaarcijfers netwerkgericht werken – {yearly.period}", fmt["title"])
    ws.write_string(1, 0, f"Gemaakt op {yearly.made_on:%d/%m/%Y} met werkboek {__version__}.", fmt["sub"])
    ws.write_string(2, 0, published_line(), fmt["sub"])
    ws.write_string(4, 0, "Werkmappen niet meegeteld wegens een probleem", fmt["label"])
    ws.write_number(4, 1, len(yearly.listed), fmt["count"])
    ws.write_string(4, 2, "Onleesbaar, met fouten in de controle of dubbel; de coördinator heeft de lijst.",
                    fmt["text"])
    r = _legend(ws, fmt, 6, yearly.threshold) + 1
    ws.write_string(r, 0, "Kerncijfer", fmt["head"])
    ws.write_string(r, 1, "Waarde", fmt["head"])
    ws.write_string(r, 2, "Wat geteld wordt", fmt["head"])
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
    head = _legend(ws, fmt, 1, yearly.threshold) + 1
    ws.set_row(head, 75)
    ws.set_column(0, 0, 28)
    ws.set_column(1, len(b.measures), 13)
    ws.write_string(head, 0, b.dimension.header, fmt["head"])
    for j, m in enumerate(b.measures, start=1):
        ws.write_string(head, j, m.label, fmt["head"])
    for i, (label, figures) in enumerate(b.rows, start=head + 1):
        ws.write_string(i, 0, label, fmt["text"])
        for j, m in enumerate(b.measures, start=1):
            _write_figure(ws, i, j, figures[m.key], m, fmt, yearly.threshold)
    total_row = head + 1 + len(b.rows)
    ws.write_string(total_row, 0, "Totaal", fmt["total"])
    for j, m in enumerate(b.measures, start=1):
        _write_figure(ws, total_row, j, b.total[m.key], m, fmt, yearly.threshold, total=True)
    if not b.rows and yearly.used:
        ws.write_string(total_row + 1, 0, f"Minder dan {yearly.threshold} dossiers: niet uitgesplitst (zelfs het "
                        "aantal groepen zou dan iets verraden).", fmt["sub"])
    ws.freeze_panes(head + 1, 1)
    spec = Chart(f"Dossiers {b.dimension.sheet.lower()}", "bar", b.dimension.attr, ("cases",), ("Dossiers",),
                 with_total=False)
    chart = _data_chart(wb, ws, fmt, spec, b, total_row + 3, 0)
    if chart is not None:
        chart.set_size({"width": 620, "height": max(220, 40 + 28 * len(b.rows))})
        ws.insert_chart(total_row + 3, 4, chart)


HOW = {CASES: "aantal dossiers", SUM: "som over de dossiers", MEAN: "gemiddelde over de dossiers met een waarde",
       RATIO: "totaal over de dossiers gedeeld door totaal over de dossiers",
       WEIGHTED: "gemiddelde per doel over alle dossiers"}


def counting_lines(yearly: Yearly) -> list[str]:
    """Which cases and what of them the figures count (the Uitleg sheet, the docs say the same)."""
    if yearly.year is not None:
        which = (f"Een dossier telt mee voor {yearly.year} als het in dat jaar op minstens één dag open was "
                 "(startdatum tot einddatum; zonder einddatum loopt het nog) en de controle geen fouten vond.")
        whole = ("De cijfers over netwerk, acties en doelen gaan over het hele dossier zoals het in de werkmap staat, "
                 f"ook wat buiten {yearly.year} viel; 'Netwerkberaden in het jaar' telt alleen de beraden met een "
                 f"datum in {yearly.year}.")
    else:
        which = ("Er is geen jaar gekozen: elk dossier telt mee waarvan de controle geen fouten vond, hoe oud het ook "
                 "is (de gekozen periode is 'alle jaren').")
        whole = ("De cijfers over netwerk, beraden, acties en doelen gaan over het hele dossier zoals het in de "
                 "werkmap staat.")
    return [
        which,
        "Staat hetzelfde dossiernummer in meer werkmappen, dan telt alleen de laatst bewaarde.",
        whole,
        ("Acties: 'Acties afgesproken' telt alle acties, ook de vervallen; in 'Acties gedaan' en 'Acties bij het "
         "informele netwerk' tellen vervallen acties niet mee."),
        ("Teruggevonden: het contact was verwaterd en de persoon staat in de eindmeting, ook als die al in de "
         "startmeting stond. Toegevoegd + teruggevonden - uit beeld is dan niet de groei van het netwerk."),
    ]


def _explain_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 70)
    ws.write_string(0, 0, "Uitleg bij de jaarcijfers", fmt["title"])
    r = _legend(ws, fmt, 2, yearly.threshold) + 1
    fields = (*schema.DOSSIER.fields, *(c for s in schema.TABLES for c in s.columns))
    secret = ", ".join(f.header for f in fields if f.identifying)
    lines = (
        *counting_lines(yearly),
        published_line(),
        f"Nooit in de jaarcijfers: {secret}.",
        ("Verborgen cijfers: werkboek rekent voor elk getal '<' na welke waarden nog mogelijk zijn uit alle getoonde "
         "cijfers, totalen en gemiddelden samen (een controle met lineaire programmering, zoals statistiekbureaus "
         "doen), "
         "en verbergt andere cijfers (x) tot elke waarde van 1 tot "
         f"{yearly.threshold - 1} mogelijk blijft. Cijfers per dossier staan daarom niet in deze werkmap."),
    )
    for line in lines:
        ws.merge_range(r, 0, r, 2, line, fmt["text"])
        ws.set_row(r, 15 * max(1, math.ceil(len(line) / 150)))
        r += 1
    r += 1
    for c, h in enumerate(("Cijfer", "Hoe samengevoegd", "Wat geteld wordt")):
        ws.write_string(r, c, h, fmt["head"])
    for m in yearly.measures:
        r += 1
        ws.write_string(r, 0, m.label, fmt["text"])
        ws.write_string(r, 1, HOW[m.kind], fmt["text"])
        ws.write_string(r, 2, m.note, fmt["text"])


# --- the coordinator's file ----------------------------------------------------------------------

def _coordinator_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly, published: Path, export: Path | None) -> None:
    ws.set_column(0, 0, 50)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 70)
    ws.write_string(0, 0, f"Jaarcijfers {yearly.period} – alleen voor de coördinator", fmt["title"])
    ws.write_string(1, 0, "Niet doorgeven: dit bestand noemt de werkmappen bij hun bestandsnaam en heeft één rij per "
                    f"dossier. Geef alleen '{published.name}' en het Word-verslag door.", fmt["warn_line"])
    other_year = (("Van een ander jaar (niet meegeteld, geen probleem)", len(yearly.other_year),
                   "Ook op het blad Problemen."),) if yearly.year is not None else ()
    counts = (
        ("Bestanden bekeken", yearly.files, ""),
        ("Dossiers meegeteld", len(yearly.used), ""),
        ("Met een probleem (niet meegeteld)", len(yearly.listed), "Zie het blad Problemen: de reden en wat te doen."),
        *other_year,
        ("Andere bestanden in de mappen (niet gelezen)", yearly.others, ""),
    )
    r = 3
    for label, value, note in counts:
        ws.write_string(r, 0, label, fmt["label"])
        ws.write_number(r, 1, value, fmt["count"])
        ws.write_string(r, 2, note, fmt["text"])
        r += 1
    r += 1
    advice = [("Pseudoniemen", key_line(yearly), not yearly.key_from_file)]
    if export is not None:
        advice.append(("Onderzoeksexport", f"{export}: gepseudonimiseerde persoonsgegevens, geen anonieme cijfers. "
                       "Deel die alleen onder een verwerkersovereenkomst of onderzoeksprotocol (zie LEESMIJ.txt in die "
                       "map).", True))
    for label, text, warn in advice:
        ws.write_string(r, 0, label, fmt["label"])
        ws.write_string(r, 2, text, fmt["warn" if warn else "text"])
        ws.set_row(r, 15 * max(1, math.ceil(len(text) / 70)))
        r += 1


def _per_case_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    headers, rows = per_case_table(yearly)
    ws.write_string(0, 0, f"Per dossier – {yearly.period}", fmt["title"])
    ws.write_string(1, 0, "Eén rij per meegeteld dossier, onder pseudoniem. Leeg: geen gegevens, bv. geen eindmeting "
                    "(het dossier loopt nog, of werd afgesloten zonder eindmeting).", fmt["sub"])
    top = 3
    ws.add_table(top, 0, top + max(1, len(rows)), len(headers) - 1, {
        "name": "tblPerDossier", "style": "Table Style Light 9",
        "columns": [{"header": h, "header_format": fmt["head"]} for h in headers],
    })
    ws.set_row(top, 45)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 40)
    ws.set_column(2, len(headers) - 1, 12)
    kinds = [PER_CASE_KIND[h] for h in headers]
    for i, row in enumerate(rows, start=top + 1):
        for j, value in enumerate(row):
            if value is None:
                continue
            kind = kinds[j]
            if kind == "text":
                ws.write_string(i, j, str(value), fmt["plain"])
            elif kind == "date":
                ws.write_datetime(i, j, dt.datetime.combine(value, dt.time()), fmt["date"])
            else:
                ws.write_number(i, j, value, fmt[kind])
    ws.freeze_panes(top + 1, 1)


# Per-case number columns: (Dutch header, summary key, number format); the frame is tables.per_case.
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
    ("Acties afgesproken", "actions", "count"),
    ("Acties vervallen", "actions_cancelled", "count"),
    ("Acties gedaan (van de niet-vervallen)", "actions_done_share", "percent"),
    ("Acties informeel netwerk (van de niet-vervallen)", "actions_informal_share", "percent"),
    ("Doelen", "goals", "count"),
    ("Doelen bereikt", "goals_reached_share", "percent"),
    ("Scoreverschil", "score_change_mean", "mean"),
)
# The case's own columns before the numbers: (Dutch header, kind).
PER_CASE_HEAD: tuple[tuple[str, str], ...] = (
    ("Pseudoniem", "text"), ("Werkmap", "text"), ("Team", "text"), ("Hulpvorm", "text"), ("Methode", "text"),
    ("Centrale persoon is", "text"), ("Startdatum", "date"), ("Einddatum", "date"), ("Afgesloten", "text"),
)
PER_CASE_TAIL: tuple[tuple[str, str], ...] = (("Waarschuwingen", "count"), ("Sjabloonversie", "count"))
PER_CASE_KIND = {**dict(PER_CASE_HEAD), **{h: kind for h, _, kind in PER_CASE_COLUMNS}, **dict(PER_CASE_TAIL)}


def per_case_columns(year: int | None) -> Sequence[tuple[str, str, str]]:
    """The number columns of a run: without a year, no 'in het jaar'."""
    return [c for c in PER_CASE_COLUMNS if year is not None or c[1] != "meetings_in_year"]


_ATTR_OF = {"Team": "team", "Hulpvorm": "hulpvorm", "Methode": "methode", "Centrale persoon is": "soort_centraal",
            "Startdatum": "startdatum", "Einddatum": "einddatum"}


def per_case_table(yearly: Yearly) -> tuple[list[str], list[list[Any]]]:
    """The coordinator's per-case table: headers, and one row per counted case (None: no data).
    Plain Python, so writing it needs no pandas; `tables.per_case` makes the DataFrame of it."""
    numbers = per_case_columns(yearly.year)
    headers = [h for h, _ in PER_CASE_HEAD] + [h for h, _, _ in numbers] + [h for h, _ in PER_CASE_TAIL]
    rows = []
    for c in yearly.used:
        head: list[Any] = []
        for header, _ in PER_CASE_HEAD:
            if header == "Pseudoniem":
                head.append(c.pseudonym)
            elif header == "Werkmap":
                head.append(c.file)
            elif header == "Afgesloten":
                head.append("ja" if isinstance(c.attrs.get("einddatum"), dt.date) else "nee")
            else:
                head.append(c.attrs.get(_ATTR_OF[header]))
        rows.append([*head, *(c.numbers.get(key) for _, key, _ in numbers), c.warnings, c.template_version])
    return headers, rows


PROBLEM_HEADERS = ("Bestand", "Soort", "Reden", "Wat te doen", "Details", "Code")


def _problems_sheet(ws: Any, fmt: dict[str, Any], yearly: Yearly) -> None:
    ws.write_string(0, 0, f"Problemen – {yearly.period}", fmt["title"])
    other_year = " 'Niet in dit jaar' is geen probleem: niets te doen." if yearly.year is not None else ""
    ws.write_string(1, 0, f"Elke werkmap die niet meetelt, met de reden.{other_year} De details noemen alleen "
                    "controlecodes en cellen (uitleg: docs/controles.md).", fmt["sub"])
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
