"""Small-count suppression of the yearly figures: what a published figure is and how it can be
hidden. Counts of 1 to threshold-1 are hidden as small, means and shares over fewer than
MIN_CASES cases too; which other figures must go as well (secondary suppression) is decided by
the disclosure audit (`disclosure.protect_yearly`), the one path that hides them.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CASES = 10  # percentages and means over fewer cases are hidden
DEFAULT_THRESHOLD = 5  # counts 1..4 are shown as "<5"

# Why a figure is hidden (Figure.hidden); the marks are in display.symbol.
SHOWN, SMALL, FEW_CASES = "", "klein", "weinig dossiers"
SECONDARY = "secundair"  # hidden so that no small count can be worked out: a count hidden so is >= the threshold
BLANKED = "kolom verborgen"  # in a column hidden whole (the last resort): may be 0 or small too

MEAN_DIGITS, SHARE_DIGITS = 1, 2  # as published: a mean with one decimal, a share in whole percents


@dataclass
class Figure:
    """A figure as published: its value, or why it is hidden. `n` = cases it rests on (never
    published itself). Means and shares hold their published (rounded) value: the workbook
    stores exactly that, so a cell's full precision gives nothing more away."""

    value: float | None
    n: int
    hidden: str = SHOWN
    count: bool = False  # a count (suppressed below the threshold) rather than a mean or share

    @property
    def shown(self) -> bool:
        return self.hidden == SHOWN


def count_figure(value: int, n: int, threshold: int) -> Figure:
    return Figure(value, n, SMALL if 0 < value < threshold else SHOWN, count=True)


def ratio_figure(value: float | None, n: int, digits: int = MEAN_DIGITS) -> Figure:
    """A mean or a share over `n` cases, rounded as published: hidden below MIN_CASES."""
    if value is None:
        return Figure(None, n)
    return Figure(round(value, digits), n, FEW_CASES if n < MIN_CASES else SHOWN)
