"""Placing the labels of one ring cell (a sector of a ring) so that none overlaps another.

The cost of a cell is bounded: the circles give a cell no more labels than `capacity` says fit
(a fuller cell is drawn another way), a label is checked only against the labels near its cell,
and the search for a free spot stops at the nearest one. So a picture's layout costs time in
proportion to its cells, not to the square of its persons.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
Point = tuple[float, float]
GAP = 0.02  # ring units kept free between two labels


def capacity(a0: float, a1: float, r0: float, r1: float, w: float, h: float) -> int:
    """At most how many labels of `w` x `h` the ring cell can hold: its area over a label's.

    Labels never fill a cell that tightly, so a cell with more than this is too full to try."""
    return int((a1 - a0) / 2 * (r1 * r1 - r0 * r0) // (w * h))


def spread(k: int, a0: float, a1: float, r0: float, r1: float, w: float, h: float) -> list[Point]:
    """k label positions spread over the ring cell between angles a0..a1 and radii r0..r1.

    A label needs `w` along a horizontal tangent and `h` along a vertical one, so more fit
    on the sides of a ring than at its top. Rows are added (up to what fits radially) until
    everyone has room; beyond that labels get closer than ideal (`untangle` then moves them).
    """
    samples = 120
    angles = [a0 + (a1 - a0) * (i + 0.5) / samples for i in range(samples)]
    da = (a1 - a0) / samples

    def density(a: float) -> float:  # labels per radian per unit of radius
        return 1 / min(w / max(abs(math.sin(a)), 1e-3), h / max(abs(math.cos(a)), 1e-3))

    densities = [density(a) for a in angles]
    max_rows = max(1, int((r1 - r0) // h))
    for rows in range(1, max_rows + 1):
        radii = [r0 + (r1 - r0) * (i + 0.5) / rows for i in range(rows)]
        caps = [sum(d * r * da for d in densities) for r in radii]
        if sum(math.floor(c) for c in caps) >= k:
            break
    counts = _apportion(k, caps)
    out = []
    for row, (r, cap, n) in enumerate(zip(radii, caps, counts, strict=True)):
        if n == 0:
            continue
        cumulative, total = [], 0.0
        for d in densities:
            total += d * r * da
            cumulative.append(total)
        shift = 0.25 if rows > 1 and row % 2 else 0.0  # stagger rows so labels do not stack
        for j in range(n):
            goal = (j + 0.5 + shift * (n > 1)) * cap / (n + shift * (n > 1))
            # The sample whose running total is nearest the goal (the first of two as near).
            i = min(bisect.bisect_left(cumulative, goal), samples - 1)
            if i and abs(cumulative[i - 1] - goal) <= abs(cumulative[i] - goal):
                i -= 1
            a = angles[i]
            out.append((r * math.cos(a), r * math.sin(a)))
    return out


@dataclass(frozen=True)
class Box:
    """The room each label of one ring cell takes around its anchor (marker above, name below)."""

    widths: list[float]
    up: float
    down: float
    angles: tuple[float, float]
    radii: tuple[float, float]

    def rect(self, i: int, p: Point) -> Rect:
        w = self.widths[i] / 2
        return (p[0] - w, p[1] - self.down, p[0] + w, p[1] + self.up)

    def inside(self, i: int, p: Point, strict: bool) -> bool:
        """Strict: the whole label is in the cell. Else (a crowded cell) the name may cross a
        ring line, as long as the marker is in its ring; never a sector line."""
        (a0, a1), (r0, r1) = self.angles, self.radii
        x0, y0, x1, y1 = self.rect(i, p)
        corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
        if any((math.atan2(cy, cx) - a0) % (2 * math.pi) > a1 - a0 for cx, cy in corners):
            return False
        if strict:
            return all(r0 - 0.03 <= math.hypot(cx, cy) <= r1 + 0.03 for cx, cy in corners)
        return r0 + 0.1 <= math.hypot(p[0], p[1] + self.up / 2) <= r1 - 0.1

    def reach(self) -> Rect:
        """Every rectangle a label of this cell can take lies in this one."""
        (a0, a1), (r0, r1) = self.angles, self.radii
        turns = [a for a in (k * math.pi / 2 for k in range(-4, 9)) if a0 <= a <= a1]  # where x or y peaks
        points = [(r * math.cos(a), r * math.sin(a)) for a in (a0, a1, *turns) for r in (r0, r1)]
        w = max(self.widths, default=0.0) / 2
        return (min(x for x, _ in points) - w, min(y for _, y in points) - self.down,
                max(x for x, _ in points) + w, max(y for _, y in points) + self.up)


def overlap(a: Rect, b: Rect, gap: float = GAP) -> bool:
    """The two rectangles overlap or are closer than `gap`."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def untangle(slots: list[Point], box: Box, taken: list[Rect]) -> list[Point] | None:
    """Move a label that overlaps another, or sticks out of its cell, to the nearest free spot.

    `taken` holds the labels of cells placed before; only those within the cell's reach are
    looked at. In a crowded cell a name may cross a ring line. None: someone found no free spot
    (the cell is too full for labels of this size).
    """
    (a0, a1), (r0, r1) = box.angles, box.radii
    grid = [
        (r * math.cos(a), r * math.sin(a))
        for r in (r0 + (r1 - r0) * (i + 0.5) / 16 for i in range(16))
        for a in (a0 + (a1 - a0) * (j + 0.5) / 48 for j in range(48))
    ]
    reach = box.reach()
    near = [o for o in taken if overlap(reach, o)]
    placed: list[Point] = []
    free_spots = None
    for i, spot in enumerate(slots):
        r = box.rect(i, spot)
        if not (box.inside(i, spot, True) and not any(overlap(r, o) for o in near)):
            free_spots = free_spots or _FreeSpots(grid, box)
            # The nearest free spot on the grid (the first in grid order among equally near ones).
            options = free_spots.free(i, near)
            if not options:
                return None
            spot = grid[min(options, key=lambda j: math.dist(grid[j], spot))]
        placed.append(spot)
        near.append(box.rect(i, spot))
    return placed


class _FreeSpots:
    """`Box.inside` and `overlap` for every spot of a grid at once (numpy: a cell's search in
    microseconds, not milliseconds)."""

    def __init__(self, grid: list[Point], box: Box) -> None:
        import numpy as np

        self.np, self.box = np, box
        points = np.array(grid)
        self.x, self.y = points[:, 0], points[:, 1]

    def free(self, i: int, near: list[Rect]) -> list[int]:
        """The grid's spots (indices) where label i is strictly inside its cell and overlaps nothing
        in `near`; else those where it is loosely inside (see `Box.inside`)."""
        np, box, gx, gy = self.np, self.box, self.x, self.y
        (a0, a1), (r0, r1) = box.angles, box.radii
        w = box.widths[i] / 2
        x0, y0, x1, y1 = gx - w, gy - box.down, gx + w, gy + box.up
        corners = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
        in_angle = np.logical_and.reduce([(np.arctan2(cy, cx) - a0) % (2 * math.pi) <= a1 - a0 for cx, cy in corners])
        radius = [np.hypot(cx, cy) for cx, cy in corners]
        strict = in_angle & np.logical_and.reduce([(r0 - 0.03 <= d) & (d <= r1 + 0.03) for d in radius])
        mid = np.hypot(gx, gy + box.up / 2)
        loose = in_angle & (r0 + 0.1 <= mid) & (mid <= r1 - 0.1)
        if near:
            o = np.array(near)
            hit = ((x0[:, None] < o[:, 2] + GAP) & (o[:, 0] < x1[:, None] + GAP)
                   & (y0[:, None] < o[:, 3] + GAP) & (o[:, 1] < y1[:, None] + GAP)).any(axis=1)
            strict, loose = strict & ~hit, loose & ~hit
        for ok in (strict, loose):
            if ok.any():
                return np.flatnonzero(ok).tolist()
        return []


def _apportion(k: int, weights: list[float]) -> list[int]:
    """Split k over the weights, largest remainders first (deterministic)."""
    total = sum(weights) or 1.0
    exact = [k * w / total for w in weights]
    counts = [math.floor(e) for e in exact]
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], -i))[: k - sum(counts)]:
        counts[i] += 1
    return counts
