"""The network circles: fixed rings, a wedge per sector, each placed person a marker with their name."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .. import figures, schema
from ..model import Case, Record
from ..values import long_date
from .canvas import FORMAL, INFORMAL, RING, draw_text, first_names, new_figure, to_png
from .labels import Box, Rect, spread, untangle

MOMENT_LABEL = {figures.START: "Start", figures.MIDWAY: "Tussentijds", figures.END: "Einde"}
QUESTION_LABEL = {"belang": "Hoe belangrijk?", "hulp": "Wie zou helpen?", "kennis": "Wie weet ervan?"}
# Shape by willingness to help (circle on the question "hulp" at the same moment).
HELP_SHAPE = {1: "o", 2: "^", 3: "s", None: "o"}
HELP_LABEL = {1: "helpt zeker", 2: "helpt misschien", 3: "helpt zeker niet", None: "hulp niet gevraagd"}

# Fixed ring radii (never scaled to the data): the centre disk, then circles 1, 2 and 3.
CENTRE, RINGS = 0.55, (1.95, 2.8, 3.5)
LIMIT = 4.15  # axes half-width in ring units: room for the sector names
LABEL_PT = 7.0  # printed size of a person's name


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
            slots = spread(len(people), a0, a1, r0, r1, sum(widths) / len(widths) + 2 / pt, box.up + box.down)
            slots, overlaps, crossing = untangle(slots, box, taken)
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
        draw_text(ax, x, y, _wrap(sectors[i], 14), fontsize=7.5, color="#555555", fontstyle="italic",
              ha="left" if x > 0.01 else "right" if x < -0.01 else "center",
              va="bottom" if y > 0.01 else "top" if y < -0.01 else "center")
    for r in (CENTRE, *RINGS):
        ax.add_patch(Circle((0, 0), r, fill=False, edgecolor=RING, linewidth=0.8))
    for n, r in enumerate(RINGS, start=1):
        draw_text(ax, 0, r, str(n), ha="center", va="center", fontsize=7, color="#999999",
              bbox={"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": "none"})

    persons = case.by_id("personen")
    central = persons.get(case.dossier.get("centrale_persoon") or "")
    draw_text(ax, 0, 0, first_names(persons.values()).get(str(central.id), "") if central else "?",
          ha="center", va="center", fontsize=8, fontweight="bold")
    when = figures.measurement_date(placed)
    title = f"{MOMENT_LABEL.get(moment, moment)}" + (f" – {long_date(when)}" if when else "")
    draw_text(ax, -LIMIT, LIMIT, title, ha="left", va="top", fontsize=10, fontweight="bold")
    if not placed:
        draw_text(ax, 0, -(CENTRE + RINGS[0]) / 2, "nog geen meting", ha="center", va="center", fontsize=9, color="#777777")

    for m in circle_layout(case, moment, vraag, inches):
        colour = INFORMAL if m.informal else FORMAL
        ax.plot([m.x], [m.y + 4 / pt], marker=HELP_SHAPE.get(m.help, "o"), markersize=6.5, linestyle="none",
                markeredgecolor=colour, markeredgewidth=1.2, markerfacecolor="white" if m.help is None else colour)
        draw_text(ax, m.x, m.y - 1 / pt, m.name, ha="center", va="top", fontsize=m.size)


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
