"""The pictures in the reports: network circles and the genogram, as deterministic PNG bytes.

matplotlib is imported here (and for the yearly charts, which draw on `new_figure` and `to_png`),
and this module only by the reports (never on the check path). We draw on a bare `Figure` with the Agg canvas: no pyplot, no global state. A figure's
size in inches is the size it gets in Word, so the font sizes below are the printed sizes.
"""

from __future__ import annotations

import io
import math
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from . import figures
from .dutch import long_date
from .workbook import schema
from .workbook.model import Case, Record

DPI = 200
INFORMAL, FORMAL = "#009E73", "#0072B2"  # Okabe-Ito green and blue: safe for colour blindness
CONFLICT, BROKEN, LINE, RING = "#D55E00", "#777777", "#333333", "#BBBBBB"
MOMENT_LABEL = {figures.START: "Start", figures.MIDWAY: "Tussentijds", figures.END: "Einde"}
QUESTION_LABEL = {"belang": "Hoe belangrijk?", "hulp": "Wie zou helpen?", "kennis": "Wie weet ervan?"}
# Shape by willingness to help (circle on the question "hulp" at the same moment).
HELP_SHAPE = {1: "o", 2: "^", 3: "s", None: "o"}
HELP_LABEL = {1: "helpt zeker", 2: "helpt misschien", 3: "helpt zeker niet", None: "hulp niet gevraagd"}

# Fixed ring radii (never scaled to the data): the centre disk, then circles 1, 2 and 3.
CENTRE, RINGS = 0.55, (1.95, 2.8, 3.5)
LIMIT = 4.15  # axes half-width in ring units: room for the sector names
LABEL_PT = 7.0  # printed size of a person's name
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


def circles_png(case: Case, moment: str, vraag: str = figures.DEFAULT_QUESTION) -> bytes:
    """One measurement's network circles (about 14 cm wide in a report)."""
    side, legend = 5.3, 0.65
    fig = new_figure(side, side + legend)
    ax = fig.add_axes((0.0, legend / (side + legend), 1.0, side / (side + legend)))
    _draw_circles(ax, case, moment, vraag, side)
    _circle_legend(fig, vraag)
    return to_png(fig)


def circles_pair_png(case: Case, vraag: str = figures.DEFAULT_QUESTION) -> bytes:
    """Start and end side by side (about 25 cm wide: a landscape page)."""
    fig = new_figure(10.0, 5.7)
    for i, moment in enumerate((figures.START, figures.END)):
        ax = fig.add_axes((0.5 * i, 0.1, 0.5, 0.9))
        _draw_circles(ax, case, moment, vraag, 5.0)
    _circle_legend(fig, vraag)
    return to_png(fig)


def genogram_png(case: Case, year: int) -> bytes:
    """The family over three (or more) generations; ages as of `year`."""
    layout = genogram_layout(case)
    if not layout.x:
        fig = new_figure(6.0, 1.0)
        fig.text(0.5, 0.5, "Geen familieleden of relaties ingevuld.", ha="center", va="center", fontsize=9)
        return to_png(fig)
    xs, ys = layout.x.values(), layout.y.values()
    span_x, span_y = max(xs) - min(xs) + 1.6, max(ys) - min(ys) + 1.7
    unit = min(0.78, 6.3 / span_x)  # inches per layout unit: fits the page width
    legend_h = 0.55
    fig = new_figure(span_x * unit, span_y * unit + legend_h)
    ax = fig.add_axes((0.0, legend_h / (span_y * unit + legend_h), 1.0, 1 - legend_h / (span_y * unit + legend_h)))
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 1.2, max(ys) + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    _draw_genogram(ax, case, layout, year)
    _genogram_legend(fig)
    return to_png(fig)


# --- shared --------------------------------------------------------------------------------


def new_figure(width: float, height: float) -> Any:
    """A bare matplotlib Figure of `width` x `height` inches at DPI, on the Agg canvas (no pyplot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def to_png(fig: Any) -> bytes:
    """The figure as deterministic PNG bytes (no software tag, fixed compression)."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from the font (emoji) is drawn as a box
        # zlib level 3: half the time of the default 6, files 15% larger
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


def _text(ax: Any, x: float, y: float, text: str, **kw: Any) -> Any:
    # parse_math=False: a "$" in a name is text, not mathtext.
    return ax.text(x, y, text, parse_math=False, **kw)


def first_names(persons: Iterable[Record]) -> dict[str, str]:
    """ID -> first name, with the last name's initial where two first names are the same."""
    persons = list(persons)
    count: dict[str, int] = defaultdict(int)
    for p in persons:
        count[str(p.get("voornaam") or p.id)] += 1
    out = {}
    for p in persons:
        name = str(p.get("voornaam") or p.id)
        if count[name] > 1 and p.get("achternaam"):
            name = f"{name} {str(p.get('achternaam'))[0]}."
        out[str(p.id)] = name
    return out


# --- network circles -----------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """One placed person in the network circles, in ring units."""

    id: str
    name: str
    circle: int
    x: float
    y: float  # the anchor: marker just above, name just below
    size: float  # font size of the name, points
    rect: Rect  # the room marker and name take
    informal: bool
    help: int | None  # circle on "hulp" at the same moment


def sector_order(case: Case, placed: list[Record]) -> list[str]:
    """The sectors of the circles: the case's list, plus "onbekend" when someone has no known sector."""
    sectors = list(case.choices("sector"))
    persons = case.by_id("personen")
    if any(persons[p.get("persoon")].get("sector") not in sectors for p in placed):
        sectors.append("onbekend")
    return sectors


def circle_layout(case: Case, moment: str, vraag: str, inches: float) -> list[Marker]:
    """Where each placed person goes: in their sector and circle, names never on top of each other
    (unless a single ring cell holds more than fits), for circles drawn `inches` wide."""
    pt = inches * 72 / (2 * LIMIT)  # points per ring unit
    persons = case.by_id("personen")
    placed = figures.measurement(case, moment, vraag)
    sectors = sector_order(case, placed)
    step = 2 * math.pi / len(sectors)
    names = first_names(persons.values())
    helps = {p.get("persoon"): p.get("cirkel") for p in figures.measurement(case, moment, "hulp")}
    cells: dict[tuple[int, int], list[Record]] = defaultdict(list)
    for p in placed:
        person = persons[p.get("persoon")]
        sector = person.get("sector") if person.get("sector") in sectors else "onbekend"
        cells[(sectors.index(sector), p.get("cirkel"))].append(person)
    taken: list[Rect] = [(-5 / pt, r - 5 / pt, 5 / pt, r + 5 / pt) for r in RINGS]  # the ring numbers
    out = []
    for (s, c), people in sorted(cells.items()):
        people.sort(key=lambda p: str(p.id))
        a0, a1 = math.pi / 2 + s * step, math.pi / 2 + (s + 1) * step
        r0, r1 = (CENTRE, *RINGS)[c - 1], RINGS[c - 1]
        chars = [len(names[str(p.id)]) for p in people]
        tries = []
        for size in (LABEL_PT, LABEL_PT - 1, LABEL_PT - 1.5):  # smaller names only in a crowded cell
            widths = [(n * size * 0.62 + 3) / pt for n in chars]
            box = Box(widths, 8.5 / pt, (1.5 + size * 1.25) / pt, (a0, a1), (r0, r1))
            slots = _slots(len(people), a0, a1, r0, r1, sum(widths) / len(widths) + 2 / pt, box.up + box.down)
            slots, overlaps, crossing = _untangle(slots, box, taken)
            tries.append((overlaps, -size, slots, box))
            if not overlaps and not crossing:
                break
        # The largest names that overlap nothing (crossing a ring line if need be); else the fewest overlaps.
        _, size, slots, box = min(tries, key=lambda t: (t[0], t[1]))
        size = -size
        for i, (person, (x, y)) in enumerate(zip(people, slots, strict=True)):
            rect = box.rect(i, (x, y))
            taken.append(rect)
            out.append(Marker(str(person.id), names[str(person.id)], c, x, y, size, rect,
                              figures.is_informal(person), helps.get(person.id)))
    return out


def _draw_circles(ax: Any, case: Case, moment: str, vraag: str, inches: float) -> None:
    from matplotlib.patches import Circle, Wedge

    ax.set_xlim(-LIMIT, LIMIT)
    ax.set_ylim(-LIMIT, LIMIT)
    ax.set_aspect("equal")
    ax.axis("off")
    pt = inches * 72 / (2 * LIMIT)
    placed = figures.measurement(case, moment, vraag)
    sectors = sector_order(case, placed)
    step = 360 / len(sectors)
    for i in range(len(sectors)):
        ax.add_patch(Wedge((0, 0), RINGS[-1], 90 + i * step, 90 + (i + 1) * step,
                           facecolor=("#F4F8FB", "#FFFFFF")[i % 2], edgecolor="none"))
        a = math.radians(90 + i * step)
        ax.plot([CENTRE * math.cos(a), RINGS[-1] * math.cos(a)], [CENTRE * math.sin(a), RINGS[-1] * math.sin(a)],
                color=RING, linewidth=0.8)
        mid = math.radians(90 + (i + 0.5) * step)
        x, y = (RINGS[-1] + 0.2) * math.cos(mid), (RINGS[-1] + 0.2) * math.sin(mid)
        _text(ax, x, y, _wrap(sectors[i], 14), fontsize=7.5, color="#555555", fontstyle="italic",
              ha="left" if x > 0.01 else "right" if x < -0.01 else "center",
              va="bottom" if y > 0.01 else "top" if y < -0.01 else "center")
    for r in (CENTRE, *RINGS):
        ax.add_patch(Circle((0, 0), r, fill=False, edgecolor=RING, linewidth=0.8))
    for n, r in enumerate(RINGS, start=1):
        _text(ax, 0, r, str(n), ha="center", va="center", fontsize=7, color="#999999",
              bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": "none"})

    persons = case.by_id("personen")
    central = persons.get(case.dossier.get("centrale_persoon") or "")
    _text(ax, 0, 0, first_names(persons.values()).get(str(central.id), "") if central else "?",
          ha="center", va="center", fontsize=8, fontweight="bold")
    when = figures.measurement_date(placed)
    title = f"{MOMENT_LABEL.get(moment, moment)}" + (f" – {long_date(when)}" if when else "")
    _text(ax, -LIMIT, LIMIT, title, ha="left", va="top", fontsize=10, fontweight="bold")
    if not placed:
        _text(ax, 0, -(CENTRE + RINGS[0]) / 2, "nog geen meting", ha="center", va="center", fontsize=9, color="#777777")

    for m in circle_layout(case, moment, vraag, inches):
        colour = INFORMAL if m.informal else FORMAL
        ax.plot([m.x], [m.y + 4 / pt], marker=HELP_SHAPE.get(m.help, "o"), markersize=6.5, linestyle="none",
                markeredgecolor=colour, markeredgewidth=1.2, markerfacecolor="white" if m.help is None else colour)
        _text(ax, m.x, m.y - 1 / pt, m.name, ha="center", va="top", fontsize=m.size)


def _slots(k: int, a0: float, a1: float, r0: float, r1: float, w: float, h: float) -> list[tuple[float, float]]:
    """k label positions spread over the ring cell between angles a0..a1 and radii r0..r1.

    A label needs `w` along a horizontal tangent and `h` along a vertical one, so more fit
    on the sides of a ring than at its top. Rows are added (up to what fits radially) until
    everyone has room; beyond that labels get closer than ideal (`_untangle` then moves them).
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


def _untangle(slots: list[tuple[float, float]], box: Box, taken: list[Rect]) -> tuple[list[tuple[float, float]], int, bool]:
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


def _circle_legend(fig: Any, vraag: str) -> None:
    from matplotlib.lines import Line2D

    def mark(shape: str, colour: str, filled: bool = True) -> Line2D:
        return Line2D([], [], marker=shape, linestyle="none", markersize=6.5, markeredgewidth=1.2,
                      markeredgecolor=colour, markerfacecolor=colour if filled else "white")

    handles = [mark("o", INFORMAL), mark("o", FORMAL)] + [
        mark(HELP_SHAPE[c], "#555555", c is not None) for c in (1, 2, 3, None)
    ]
    labels = ["informeel", "formeel"] + [HELP_LABEL[c] for c in (1, 2, 3, None)]
    width, height = fig.get_size_inches()
    wide = width > 7  # one row under a pair of circles, three columns under one
    fig.legend(handles, labels, loc="lower center", ncol=6 if wide else 3, fontsize=7, frameon=False,
               handletextpad=0.2, columnspacing=1.2, labelspacing=0.3, bbox_to_anchor=(0.5, 0.17 / height))
    meaning = schema.CIRCLE_MEANING.get(vraag, ("", "", ""))
    fig.text(0.5, 0.04 / height, f"{QUESTION_LABEL.get(vraag, vraag)}  " + "   ".join(f"cirkel {i}: {m}" for i, m in enumerate(meaning, 1)),
             ha="center", va="bottom", fontsize=7, color="#555555", parse_math=False)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


# --- genogram ------------------------------------------------------------------------------

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


@dataclass
class GenogramLayout:
    x: dict[str, float]
    y: dict[str, float]
    parents: dict[str, list[str]]  # child -> parents in the picture
    couples: list[tuple[str, str, str]]  # (left, right, kind) of neighbouring partners
    ties: list[Record]  # relation rows with a quality to mark


def genogram_layout(case: Case) -> GenogramLayout:
    """Where each family member goes: a row per generation, partners side by side, children under their parents."""
    persons = case.by_id("personen")
    rels = [r for r in case.relations if r.get("persoon_a") in persons and r.get("persoon_b") in persons
            and r.get("persoon_a") != r.get("persoon_b")]
    members = [pid for pid, p in persons.items() if p.get("sector") == "familie"]
    for r in rels:
        members += [r.get("persoon_a"), r.get("persoon_b")]
    members = list(dict.fromkeys(members))
    if not members:
        return GenogramLayout({}, {}, {}, [], [])

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
            keys = {id(u): centre(u, of) for u in units}
            current = {id(u): x[u[0]] for u in units}
            units.sort(key=lambda u: keys[id(u)] if keys[id(u)] is not None else current[id(u)])
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
    return GenogramLayout(x, y, dict(parents), couples, ties)


def _pull(unit: list[str], of: dict[str, list[str]], centre: Any, x: dict[str, float]) -> float:
    """Positive when a chain's members already sit on the side of their relatives in `of`."""
    known = [(i, c) for i, pid in enumerate(unit) if (c := centre([pid], of)) is not None]
    if len(known) == 1:  # compare with the chain's own middle
        mid_i, mid_c = (len(unit) - 1) / 2, (x[unit[0]] + x[unit[-1]]) / 2
    else:
        mid_i, mid_c = (sum(k[0] for k in known) / len(known), sum(k[1] for k in known) / len(known)) if known else (0, 0)
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
    for child, ps in layout.parents.items():
        families[tuple(sorted(ps, key=lambda p: x[p]))].append(child)
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
        style = {"facecolor": fill, "edgecolor": LINE, "linewidth": width, "zorder": 3}
        gender = person.get("geslacht")
        if gender == "m":
            ax.add_patch(Rectangle((cx - h, cy - h), SIZE, SIZE, **style))
        elif gender == "v":
            ax.add_patch(Circle((cx, cy), h, **style))
        else:
            ax.add_patch(Polygon([(cx, cy + h * 1.2), (cx + h * 1.2, cy), (cx, cy - h * 1.2), (cx - h * 1.2, cy)], **style))
        if person.get("overleden"):
            for d in (1, -1):
                ax.plot([cx - h * 1.15, cx + h * 1.15], [cy - d * h * 1.15, cy + d * h * 1.15], color=LINE, linewidth=1.2, zorder=4)
        born = person.get("geboortejaar")
        if person.get("overleden"):
            sub = f"°{born} †" if born else "†"
        else:
            sub = f"{year - born} jaar" if born and year >= born else ""
        _text(ax, cx, cy - h - 0.08, names[pid] + (f"\n{sub}" if sub else ""), ha="center", va="top", fontsize=7.5,
              linespacing=1.1, zorder=5, fontweight="bold" if pid == central else "normal")


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
    labels = ["man", "vrouw", "x / onbekend", "overleden", "centrale persoon", "partners (// ex)", "conflict", "verbroken"]
    fig.legend(handles, labels, loc="lower center", ncol=8, fontsize=6.5, frameon=False, handletextpad=0.3,
               columnspacing=0.9, bbox_to_anchor=(0.5, 0.0))
