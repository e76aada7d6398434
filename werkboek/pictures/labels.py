"""Placing the name labels of one ring cell (a sector of a ring) so that none overlaps another."""

from __future__ import annotations

import math
from dataclasses import dataclass

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


def spread(k: int, a0: float, a1: float, r0: float, r1: float, w: float, h: float) -> list[tuple[float, float]]:
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

    max_rows = max(1, int((r1 - r0) // h))
    for rows in range(1, max_rows + 1):
        radii = [r0 + (r1 - r0) * (i + 0.5) / rows for i in range(rows)]
        caps = [sum(density(a) * r * da for a in angles) for r in radii]
        if sum(math.floor(c) for c in caps) >= k:
            break
    counts = _apportion(k, caps)
    out = []
    for row, (r, cap, n) in enumerate(zip(radii, caps, counts, strict=True)):
        if n == 0:
            continue
        cumulative, total = [], 0.0
        for a in angles:
            total += density(a) * r * da
            cumulative.append(total)
        shift = 0.25 if rows > 1 and row % 2 else 0.0  # stagger rows so labels do not stack
        for j in range(n):
            goal = (j + 0.5 + shift * (n > 1)) * cap / (n + shift * (n > 1))
            a = angles[min(range(samples), key=lambda i: abs(cumulative[i] - goal))]
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

    def rect(self, i: int, p: tuple[float, float]) -> Rect:
        w = self.widths[i] / 2
        return (p[0] - w, p[1] - self.down, p[0] + w, p[1] + self.up)

    def inside(self, i: int, p: tuple[float, float], strict: bool) -> bool:
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


def overlap(a: Rect, b: Rect, gap: float = 0.02) -> bool:
    """The two rectangles overlap or are closer than `gap`."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def untangle(slots: list[tuple[float, float]], box: Box, taken: list[Rect]) -> tuple[list[tuple[float, float]], int, bool]:
    """Move a label that overlaps another, or sticks out of its cell, to the nearest free spot.

    `taken` holds the labels of cells drawn before. In a crowded cell a name may cross a ring
    line (then the third value is True); the second value counts labels left overlapping.
    """
    (a0, a1), (r0, r1) = box.angles, box.radii
    grid = [
        (r * math.cos(a), r * math.sin(a))
        for r in (r0 + (r1 - r0) * (i + 0.5) / 16 for i in range(16))
        for a in (a0 + (a1 - a0) * (j + 0.5) / 48 for j in range(48))
    ]
    placed: list[tuple[float, float]] = []
    rects: list[Rect] = []
    overlaps, crossing = 0, False
    for i, spot in enumerate(slots):

        def free(p: tuple[float, float], strict: bool, i: int = i) -> bool:
            r = box.rect(i, p)
            return box.inside(i, p, strict) and not any(overlap(r, o) for o in (*taken, *rects))

        if not free(spot, True):
            for strict in (True, False):
                options = [p for p in grid if free(p, strict)]
                if options:
                    spot = min(options, key=lambda p: math.dist(p, spot))
                    crossing = crossing or not strict
                    break
            else:
                overlaps += 1
        placed.append(spot)
        rects.append(box.rect(i, spot))
    return placed, overlaps, crossing


def _apportion(k: int, weights: list[float]) -> list[int]:
    """Split k over the weights, largest remainders first (deterministic)."""
    total = sum(weights) or 1.0
    exact = [k * w / total for w in weights]
    counts = [math.floor(e) for e in exact]
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], -i))[: k - sum(counts)]:
        counts[i] += 1
    return counts
