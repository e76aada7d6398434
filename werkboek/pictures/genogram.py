"""The genogram: a row per generation, partners side by side, children hanging from their parents."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, TypedDict

from ..workbook.model import Case, Record
from .canvas import BROKEN, CONFLICT, LINE, draw_text, first_names, new_figure, to_png


def genogram_png(case: Case, year: int) -> bytes:
    """The family over three (or more) generations; ages as of `year`."""
    layout = genogram_layout(case)
    count = f"{layout.left_out:,}".replace(",", ".")  # Dutch thousands
    if not layout.x:
        fig = new_figure(6.0, 1.0)
        fig.text(0.5, 0.5, f"{count} familieleden, geen relaties ingevuld." if layout.left_out
                 else "Geen familieleden of relaties ingevuld.", ha="center", va="center", fontsize=9)
        return to_png(fig)
    xs, ys = layout.x.values(), layout.y.values()
    span_x, span_y = max(xs) - min(xs) + 1.6, max(ys) - min(ys) + 1.7
    unit = min(0.78, 6.3 / span_x)  # inches per layout unit: fits the page width
    legend_h = 0.7 if layout.left_out else 0.55
    # With a note, the page's width: the note and the key need it (the symbols stay centred).
    fig = new_figure(max(span_x * unit, 6.3) if layout.left_out else span_x * unit, span_y * unit + legend_h)
    ax = fig.add_axes((0.0, legend_h / (span_y * unit + legend_h), 1.0, 1 - legend_h / (span_y * unit + legend_h)))
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 1.2, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    _draw_genogram(ax, case, layout, year)
    _genogram_legend(fig)
    if layout.left_out:
        fig.text(0.5, 0.62 / (span_y * unit + legend_h),
                 f"Niet getekend: {count} familieleden zonder ingevulde relatie.",
                 ha="center", va="top", fontsize=6.5, color="#555555", fontstyle="italic")
    return to_png(fig)


# Generation relative to the central person, for family members no relation row connects.
GENERATION = {
    "grootmoeder": -2, "grootvader": -2,
    "moeder": -1, "vader": -1, "stiefmoeder": -1, "stiefvader": -1, "pleegmoeder": -1, "pleegvader": -1,
    "tante": -1, "oom": -1,
    "kind": 1,
}
PARTNERS, EX, PARENT, SIBLING = "partners", "ex-partners", "ouder–kind", "broer/zus"
ROW = 2.4  # layout units between generations
GAP, COUPLE = 1.5, 1.35  # between neighbours, between partners
# Beyond this many family members (rows of a dozen and more) the genogram is wider than a page
# holds legibly: family members without any relation (a symbol, no line) are left out then, and
# the picture says how many. Drawing costs about 5 ms a member.
MOST_MEMBERS = 40


@dataclass
class GenogramLayout:
    x: dict[str, float]
    y: dict[str, float]
    parents: dict[str, list[str]]  # child -> parents in the picture
    couples: list[tuple[str, str, str]]  # (left, right, kind) of neighbouring partners
    ties: list[Record]  # relation rows with a quality to mark
    left_out: int = 0  # family members without a relation, not drawn (a very large family)


def genogram_layout(case: Case) -> GenogramLayout:
    """Where each family member goes: a row per generation, partners side by side, children under their parents."""
    persons = case.by_id("personen")
    rels = [r for r in case.relations if r.get("persoon_a") in persons and r.get("persoon_b") in persons
            and r.get("persoon_a") != r.get("persoon_b")]
    members = [pid for pid, p in persons.items() if case.means("sector", p.get("sector")) == "familie"]
    for r in rels:
        members += [r.get("persoon_a"), r.get("persoon_b")]
    members = list(dict.fromkeys(members))
    left_out = 0
    if len(members) > MOST_MEMBERS:
        tied = {r.get(key) for r in rels for key in ("persoon_a", "persoon_b")} | {case.dossier.get("centrale_persoon")}
        left_out = len(members) - len(kept := [pid for pid in members if pid in tied])
        members = kept
    if not members:
        return GenogramLayout({}, {}, {}, [], [], left_out)

    # Generations: walk the relations from the central person, then from anyone left over.
    links: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for r in rels:
        a, b = r.get("persoon_a"), r.get("persoon_b")
        d = 1 if r.get("soort") == PARENT else 0
        links[a].append((b, d))
        links[b].append((a, -d))
    central = case.dossier.get("centrale_persoon")
    offset = 1 if case.dossier.get("soort_centraal") == "ouder" else 0
    gen: dict[str, int] = {}
    seeds = ([central] if central in members else []) + members
    for seed in seeds:
        if seed in gen:
            continue
        gen[seed] = 0 if seed == central else GENERATION.get(persons[seed].get("relatie"), 0) - offset
        queue = [seed]
        while queue:
            cur = queue.pop(0)
            for other, d in links[cur]:
                if other not in gen:
                    gen[other] = gen[cur] + d
                    queue.append(other)

    parents: dict[str, list[str]] = defaultdict(list)
    partner_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rels:
        a, b, kind = r.get("persoon_a"), r.get("persoon_b"), r.get("soort")
        if kind == PARENT and gen[b] == gen[a] + 1:
            parents[b].append(a)
        elif kind in (PARTNERS, EX) and gen[a] == gen[b]:
            partner_of[a].append((b, kind))
            partner_of[b].append((a, kind))

    # Units: chains of partners (someone with an ex and a new partner sits between them).
    rows: dict[int, list[list[str]]] = defaultdict(list)
    done: set[str] = set()
    for pid in members:
        if pid in done:
            continue
        chain = _partner_chain(pid, partner_of)
        done.update(chain)
        rows[gen[pid]].append(chain)

    x: dict[str, float] = {}

    def place(units: list[list[str]]) -> None:
        pos = 0.0
        for unit in units:
            for i, pid in enumerate(unit):
                x[pid] = pos + i * COUPLE
            pos += (len(unit) - 1) * COUPLE + GAP

    levels = sorted(rows)
    for g in levels:
        place(rows[g])
    children: dict[str, list[str]] = defaultdict(list)
    for child, ps in parents.items():
        for p in ps:
            children[p].append(child)

    def centre(unit: list[str], of: dict[str, list[str]]) -> float | None:
        near = [x[o] for pid in unit for o in of.get(pid, []) if o in x]
        return sum(near) / len(near) if near else None

    # Order each row by the mean position of parents (downwards) and children (upwards).
    for _ in range(4):
        for g, of in [(g, parents) for g in levels[1:]] + [(g, children) for g in reversed(levels[:-1])]:
            units = rows[g]
            for unit in units:  # turn a chain so each member is on their own parents' side
                # Parents decide (their row is the more fixed); children only when no parents are known.
                if (_pull(unit, parents, centre, x) or _pull(unit, children, centre, x)) < 0:
                    unit.reverse()
            # The mean position of its parents (children), or where the unit stands when none is placed.
            keys = {id(u): x[u[0]] if (c := centre(u, of)) is None else c for u in units}
            units.sort(key=lambda u: keys[id(u)])
            place(units)

    # Then shift units towards their parents and children, keeping order and spacing.
    for _ in range(6):
        for g in levels[1:] + list(reversed(levels[:-1])):
            units = rows[g]
            wants = []
            for unit in units:
                near = [v for v in (centre(unit, parents), centre(unit, children)) if v is not None]
                mid = (x[unit[0]] + x[unit[-1]]) / 2
                wants.append(sum(near) / len(near) - mid if near else 0.0)
            _shift(units, wants, x)
    lo = min(x.values())
    x = {pid: v - lo for pid, v in x.items()}
    y = {pid: -gen[pid] * ROW for pid in x}

    couples = []
    for units in rows.values():
        for unit in units:
            for a, b in pairwise(unit):
                kind = next((k for o, k in partner_of[a] if o == b), PARTNERS)
                couples.append((a, b, kind))
    ties = [r for r in rels if r.get("kwaliteit") in ("conflict", "verbroken")]
    return GenogramLayout(x, y, dict(parents), couples, ties, left_out)


def _pull(unit: list[str], of: dict[str, list[str]], centre: Any, x: dict[str, float]) -> float:
    """Positive when a chain's members already sit on the side of their relatives in `of`."""
    known = [(i, c) for i, pid in enumerate(unit) if (c := centre([pid], of)) is not None]
    if len(known) == 1:  # compare with the chain's own middle
        mid_i, mid_c = (len(unit) - 1) / 2, (x[unit[0]] + x[unit[-1]]) / 2
    else:
        mid_i, mid_c = ((sum(k[0] for k in known) / len(known), sum(k[1] for k in known) / len(known))
                        if known else (0, 0))
    return sum((i - mid_i) * (c - mid_c) for i, c in known)


def _partner_chain(start: str, partner_of: dict[str, list[tuple[str, str]]]) -> list[str]:
    seen, stack = {start}, [start]
    while stack:
        for other, _ in partner_of[stack.pop()]:
            if other not in seen:
                seen.add(other)
                stack.append(other)
    if len(seen) == 1:
        return [start]
    # Walk a path from an end (someone with one partner); fall back to ID order for knots.
    ends = sorted(p for p in seen if len(partner_of[p]) == 1)
    chain = [ends[0] if ends else min(seen)]
    while True:
        nxt = sorted(o for o, _ in partner_of[chain[-1]] if o not in chain)
        if not nxt:
            break
        chain.append(nxt[0])
    return chain + sorted(seen - set(chain))


def _shift(units: list[list[str]], wants: list[float], x: dict[str, float]) -> None:
    """Move each unit by about its wanted amount, never closer than GAP to its neighbours."""
    starts = [x[u[0]] + w for u, w in zip(units, wants, strict=True)]
    for i in range(1, len(units)):
        prev_end = starts[i - 1] + (len(units[i - 1]) - 1) * COUPLE
        starts[i] = max(starts[i], prev_end + GAP)
    for i in range(len(units) - 2, -1, -1):  # pull back left where the push went too far
        end = starts[i] + (len(units[i]) - 1) * COUPLE
        room = starts[i + 1] - GAP - end
        want_start = x[units[i][0]] + wants[i]
        if room < 0:
            starts[i] += room
        elif starts[i] < want_start:
            starts[i] = min(want_start, starts[i] + room)
    for unit, start in zip(units, starts, strict=True):
        for j, pid in enumerate(unit):
            x[pid] = start + j * COUPLE


SIZE = 0.5  # symbol width in layout units


def _draw_genogram(ax: Any, case: Case, layout: GenogramLayout, year: int) -> None:
    from matplotlib.patches import Circle, Polygon, Rectangle

    persons = case.by_id("personen")
    names = first_names(persons[pid] for pid in layout.x)
    central = case.dossier.get("centrale_persoon")
    x, y, h = layout.x, layout.y, SIZE / 2
    quality = {frozenset((r.get("persoon_a"), r.get("persoon_b"))): r.get("kwaliteit") for r in layout.ties}

    # Partner lines at symbol height; an ex-couple's line is crossed by two slashes.
    for a, b, kind in layout.couples:
        x0, x1, yy = x[a] + h, x[b] - h, y[a]
        if quality.get(frozenset((a, b))) == "conflict":
            _zigzag(ax, (x0, yy), (x1, yy), CONFLICT)
        else:
            ax.plot([x0, x1], [yy, yy], color=LINE, linewidth=1.2)
        if kind == EX:
            mx = x0 + (x1 - x0) * 0.3
            for d in (-0.06, 0.06):
                ax.plot([mx + d - 0.07, mx + d + 0.07], [yy - 0.14, yy + 0.14], color=LINE, linewidth=1.2)
        if quality.get(frozenset((a, b))) == "verbroken":
            _cut(ax, (x0 + x1) / 2 + 0.2, yy)

    # Children hang from their parents' line (or below a single parent's name) on a bar.
    families: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for child, known in layout.parents.items():
        families[tuple(sorted(known, key=lambda p: x[p]))].append(child)
    for n, (ps, kids) in enumerate(sorted(families.items(), key=lambda f: (y[f[0][0]], x[f[0][0]]))):
        kids.sort(key=lambda k: x[k])
        bar = y[kids[0]] + h + 0.45 + 0.12 * (n % 3)
        if len(ps) >= 2:
            top, drop = y[ps[0]], (x[ps[0]] + x[ps[1]]) / 2
        else:
            top, drop = y[ps[0]] - h - 0.75, x[ps[0]]
        ax.plot([drop, drop], [top, bar], color=LINE, linewidth=1.0)
        ax.plot([min(drop, x[kids[0]]), max(drop, x[kids[-1]])], [bar, bar], color=LINE, linewidth=1.0)
        for k in kids:
            ax.plot([x[k], x[k]], [bar, y[k] + h], color=LINE, linewidth=1.0)
            q = quality.get(frozenset((k, *ps)))
            if q is None:
                q = next((quality[frozenset((k, p))] for p in ps if frozenset((k, p)) in quality), None)
            if q == "conflict":
                _zigzag(ax, (x[k], bar), (x[k], y[k] + h), CONFLICT, amplitude=0.06)
            elif q == "verbroken":
                _cut(ax, x[k], (bar + y[k] + h) / 2, vertical=False)

    # Conflict and broken ties that are not drawn as a partner or parent line: an arc above.
    drawn = {frozenset((a, b)) for a, b, _ in layout.couples}
    drawn |= {frozenset((c, p)) for c, ps in layout.parents.items() for p in ps}
    for r in layout.ties:
        a, b = r.get("persoon_a"), r.get("persoon_b")
        if frozenset((a, b)) in drawn:
            continue
        _tie(ax, (x[a], y[a] + h), (x[b], y[b] + h), r.get("kwaliteit"))

    for pid in layout.x:
        person = persons[pid]
        cx, cy = x[pid], y[pid]
        fill = "#FFF2B3" if pid == central else "white"
        width = 2.2 if pid == central else 1.2
        style: _Style = {"facecolor": fill, "edgecolor": LINE, "linewidth": width, "zorder": 3}
        gender = person.get("geslacht")
        if gender == "m":
            ax.add_patch(Rectangle((cx - h, cy - h), SIZE, SIZE, **style))
        elif gender == "v":
            ax.add_patch(Circle((cx, cy), h, **style))
        else:
            ax.add_patch(Polygon([(cx, cy + h * 1.2), (cx + h * 1.2, cy), (cx, cy - h * 1.2), (cx - h * 1.2, cy)],
                                 **style))
        if person.get("overleden"):
            for d in (1, -1):
                ax.plot([cx - h * 1.15, cx + h * 1.15], [cy - d * h * 1.15, cy + d * h * 1.15],
                        color=LINE, linewidth=1.2, zorder=4)
        born = person.get("geboortejaar")
        if person.get("overleden"):
            sub = f"°{born} †" if born else "†"
        else:
            sub = f"{year - born} jaar" if born and year >= born else ""
        draw_text(ax, cx, cy - h - 0.08, names[pid] + (f"\n{sub}" if sub else ""), ha="center", va="top", fontsize=7.5,
                  linespacing=1.1, zorder=5, fontweight="bold" if pid == central else "normal")


class _Style(TypedDict):
    """How a person's symbol is drawn: the keyword arguments every matplotlib patch takes."""

    facecolor: str
    edgecolor: str
    linewidth: float
    zorder: int


def _zigzag(ax: Any, p0: tuple[float, float], p1: tuple[float, float], colour: str, amplitude: float = 0.09) -> None:
    (x0, y0), (x1, y1) = p0, p1
    length = math.hypot(x1 - x0, y1 - y0)
    n = max(4, int(length / 0.12))
    nx, ny = (-(y1 - y0) / length, (x1 - x0) / length) if length else (0, 0)
    pts = [(x0 + (x1 - x0) * i / n + nx * amplitude * (i % 2 * 2 - 1) * (0 < i < n),
            y0 + (y1 - y0) * i / n + ny * amplitude * (i % 2 * 2 - 1) * (0 < i < n)) for i in range(n + 1)]
    ax.plot([p[0] for p in pts], [p[1] for p in pts], color=colour, linewidth=1.2, zorder=2)


def _cut(ax: Any, cx: float, cy: float, vertical: bool = True) -> None:
    """Two short bars across a line: a broken tie."""
    for d in (-0.05, 0.05):
        if vertical:
            ax.plot([cx + d, cx + d], [cy - 0.15, cy + 0.15], color=CONFLICT, linewidth=1.6, zorder=2)
        else:
            ax.plot([cx - 0.15, cx + 0.15], [cy + d, cy + d], color=CONFLICT, linewidth=1.6, zorder=2)


def _tie(ax: Any, p0: tuple[float, float], p1: tuple[float, float], kind: str) -> None:
    """An arc above two symbols marking conflict (zigzag) or a broken tie (dashed, cut)."""
    (x0, y0), (x1, y1) = p0, p1
    lift = 0.35 + 0.08 * abs(x1 - x0)
    pts = [(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + lift * 4 * t * (1 - t)) for t in (i / 24 for i in range(25))]
    if kind == "conflict":
        for a, b in pairwise(pts):
            _zigzag(ax, a, b, CONFLICT, amplitude=0.05)
    else:
        ax.plot([p[0] for p in pts], [p[1] for p in pts], color=BROKEN, linewidth=1.0, linestyle=(0, (3, 2)), zorder=2)
        mid = pts[12]
        _cut(ax, mid[0], mid[1])


def _genogram_legend(fig: Any) -> None:
    from matplotlib.lines import Line2D

    def mark(shape: str, face: str = "white", width: float = 1.2) -> Line2D:
        return Line2D([], [], marker=shape, linestyle="none", markersize=7, markerfacecolor=face,
                      markeredgecolor=LINE, markeredgewidth=width)

    handles = [
        mark("s"), mark("o"), mark("D"), mark("X", LINE, 0.5), mark("o", "#FFF2B3", 2.2),
        Line2D([], [], color=LINE, linewidth=1.2), Line2D([], [], color=CONFLICT, linewidth=1.2),
        Line2D([], [], color=BROKEN, linewidth=1.0, linestyle=(0, (3, 2)), marker=r"$\Vert$", markersize=8,
               markeredgecolor=CONFLICT, markerfacecolor=CONFLICT),
    ]
    labels = ["man", "vrouw", "x / onbekend", "overleden", "centrale persoon", "partners (// ex)", "conflict",
              "verbroken"]
    fig.legend(handles, labels, loc="lower center", ncol=8, fontsize=6.5, frameon=False, handletextpad=0.3,
               columnspacing=0.9, bbox_to_anchor=(0.5, 0.0))
