"""How yearly figures are shown, shared by the workbook and the Word report: the symbols of
hidden figures and their legend, numbers as Dutch text, the key-file line, and the charts."""

from __future__ import annotations

from dataclasses import dataclass

from .. import dutch
from .measures import KEY_FIGURES, Measure
from .merge import Breakdown, Yearly
from .suppression import FEW_CASES, MIN_CASES, SECONDARY, SMALL, Figure


def key_measures(yearly: Yearly) -> list[Measure]:
    keys = {m.key for m in yearly.measures}
    skip = {"meetings"} if "meetings_in_year" in keys else set()
    return [m for m in yearly.measures if m.key in KEY_FIGURES and m.key not in skip]


NO_DATA = dutch.NONE
FEW = f"n<{MIN_CASES}"
PROTECTED = "x"


def symbol(figure: Figure, threshold: int) -> str | None:
    """The text shown instead of a hidden or missing figure; None when the number is shown."""
    if figure.hidden == SMALL:
        return f"<{threshold}"
    if figure.hidden == FEW_CASES:
        return FEW
    if figure.hidden == SECONDARY:
        return PROTECTED
    if figure.value is None:
        return NO_DATA
    return None


def legend(threshold: int) -> str:
    return (f"<{threshold}: een aantal van 1 tot {threshold - 1}, verborgen. {FEW}: percentage of gemiddelde over "
            f"minder dan {MIN_CASES} dossiers, verborgen. {PROTECTED}: verborgen omdat het anders met het totaal een "
            f"verborgen getal zou verraden. {NO_DATA}: geen gegevens.")


def display(figure: Figure, measure: Measure, threshold: int) -> str:
    """A figure as text: "12", "12,5", "40%", or its symbol when hidden."""
    text = symbol(figure, threshold)
    if text is not None:
        return text
    assert figure.value is not None
    if measure.percent:
        return f"{figure.value:.0%}"
    if measure.is_count:
        return f"{figure.value:.0f}"
    return dutch.decimal(figure.value)


def key_line(yearly: Yearly) -> str:
    if yearly.key_from_file:
        return ("Dossiernummers zijn vervangen door pseudoniemen met de sleutel van de coördinator: hetzelfde dossier "
                "krijgt elk jaar hetzelfde pseudoniem.")
    return ("Let op: gemaakt zonder sleutel. De pseudoniemen zijn willekeurig voor deze keer en verschillen van "
            "eerdere en latere jaarcijfers. Maak een sleutel met 'werkboek sleutel PAD' en geef ze mee met --sleutel.")



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
    Chart("Netwerk bij start en einde (personen, gemiddeld)", "column", "hulpvorm",
          ("start_size_mean", "end_size_mean"), ("Start", "Einde")),
    Chart("Informeel aandeel van het netwerk bij start en einde", "column", "hulpvorm",
          ("start_informal_share", "end_informal_share"), ("Start", "Einde"), True),
    Chart("Acties gedragen door het informele netwerk", "bar", "team", ("actions_informal_share",),
          ("Informeel netwerk",), True),
)


def chart_rows(b: Breakdown, keys: tuple[str, ...], with_total: bool = False) -> list[tuple[str, list[float]]]:
    """Groups whose figures for `keys` are all shown: a chart never plots a hidden figure."""
    rows = [(ALL_CASES, b.total)] if with_total else []
    out = []
    for label, figs in rows + b.rows:
        shown = [figs[k].value for k in keys if figs[k].shown]
        if len(shown) == len(keys) and None not in shown:
            out.append((label, [float(v) for v in shown if v is not None]))
    return out
