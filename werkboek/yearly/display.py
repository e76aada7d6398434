"""How yearly figures are shown, shared by the workbook and the Word report: the symbols of
hidden figures and their legend, numbers as Dutch text, the key-file line, and the charts."""

from __future__ import annotations

from dataclasses import dataclass

from .. import dutch
from .measures import KEY_FIGURES, Measure
from .merge import Breakdown, Yearly
from .suppression import BLANKED, FEW_CASES, MIN_CASES, SECONDARY, SMALL, Figure


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
    if figure.hidden in (SECONDARY, BLANKED):
        return PROTECTED
    if figure.value is None:
        return NO_DATA
    return None


def legend_lines(threshold: int) -> list[str]:
    """What each mark means, one short line each (a sheet shows them above its table)."""
    small = "1" if threshold == 2 else f"1 tot {threshold - 1}"
    lines = [f"<{threshold}: een aantal van {small}, verborgen."] if threshold > 1 else []
    lines.append(f"{FEW}: een percentage of gemiddelde over minder dan {MIN_CASES} dossiers, verborgen.")
    if threshold > 1:
        # The audit assumes a reader knows more (an x is at least the threshold unless its whole
        # column is x): safe whatever a reader assumes.
        # "Every value": an x may be a count, a share or a mean (also one over fewer than MIN_CASES cases).
        lines.append(f"{PROTECTED}: verborgen om geen ander verborgen cijfer te verraden; meestal "
                     f"minstens {threshold}, maar elke waarde kan, ook 0.")
    lines.append(f"{NO_DATA}: geen gegevens (bv. geen enkel dossier met een eindmeting).")
    return lines


def legend(threshold: int) -> str:
    """The marks in one paragraph (the Word report)."""
    return " ".join(line.strip() for line in legend_lines(threshold))


def display(figure: Figure, measure: Measure, threshold: int) -> str:
    """A figure as text: "12", "12,5", "40%", or its symbol when hidden."""
    text = symbol(figure, threshold)
    if text is not None:
        return text
    assert figure.value is not None
    if measure.percent:
        return dutch.pct(figure.value)
    if measure.is_count:
        return dutch.number(figure.value)
    return dutch.decimal(figure.value)


KEY_MADE = ("Dossiernummers zijn vervangen door pseudoniemen met de sleutel van de coördinator: hetzelfde dossier "
            "krijgt elk jaar hetzelfde pseudoniem.")
NO_KEY = ("Let op: gemaakt zonder sleutelbestand. De pseudoniemen zijn willekeurig voor deze keer en verschillen van "
          "eerdere en latere jaarcijfers.")
KEY_ADVICE = ("Maak één keer een sleutel met 'werkboek sleutel PAD' "
              "(of kies een sleutelbestand in Jaarcijfers.xlsm), geef die elk jaar mee met --sleutel "
              "en bewaar ze buiten de teammappen.")


def key_line(yearly: Yearly) -> str:
    """For the coordinator (their file, their screen): how the pseudonyms were made, and what to do without a key."""
    return KEY_MADE if yearly.key_from_file else f"{NO_KEY} {KEY_ADVICE}"


def published_line() -> str:
    """For every reader of the published figures: what is not in them."""
    return "Zonder namen, contactgegevens, vrije tekst of dossiernummers: alleen cijfers over groepen van dossiers."


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
    Chart("Acties bij het informele netwerk (van de niet-vervallen acties)", "bar", "team", ("actions_informal_share",),
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
