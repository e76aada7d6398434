"""Small-count suppression of the yearly figures: counts of 1 to threshold-1 are hidden, means and
shares over fewer than MIN_CASES cases too, and secondary figures where a total would give a
hidden one away.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CASES = 10  # percentages and means over fewer cases are hidden
DEFAULT_THRESHOLD = 5  # counts 1..4 are shown as "<5"

SHOWN, SMALL, FEW_CASES, SECONDARY = "", "klein", "weinig dossiers", "secundair"


@dataclass
class Figure:
    """A figure as published: its value, or why it is hidden. `n` = cases it rests on."""

    value: float | None
    n: int
    hidden: str = SHOWN
    count: bool = False  # a count (suppressed below the threshold) rather than a mean or share

    @property
    def shown(self) -> bool:
        return self.hidden == SHOWN


def count_figure(value: int, n: int, threshold: int) -> Figure:
    return Figure(value, n, SMALL if 0 < value < threshold else SHOWN, count=True)


def ratio_figure(value: float | None, n: int) -> Figure:
    """A mean or a share over `n` cases: hidden below MIN_CASES."""
    if value is None:
        return Figure(None, n)
    return Figure(value, n, FEW_CASES if n < MIN_CASES else SHOWN)


def protect_column(cells: list[Figure]) -> None:
    """Secondary suppression for the group cells of one column whose total is published.

    With exactly one hidden cell, total minus the shown ones gives it away: hide the shown cell
    that rests on the fewest cases (then the smallest value) as well.
    """
    hidden = [c for c in cells if not c.shown]
    candidates = [c for c in cells if c.shown and c.value is not None]
    if len(hidden) == 1 and hidden[0].value is not None and candidates:
        victim = min(candidates, key=lambda c: (c.n, c.value))
        victim.hidden = SECONDARY
