"""The network circles: fixed rings, a wedge per sector, each placed person a marker with their name.

A ring cell too full for names shows numbered markers, their names in a legend under the picture;
one too full even for that shows how many persons it holds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .. import figures
from ..dutch import long_date
from ..workbook import schema
from ..workbook.model import Case, Record
from .canvas import FORMAL, INFORMAL, LINE, RING, draw_text, first_names, new_figure, to_png
from .labels import Box, Rect, capacity, spread, untangle

MOMENT_LABEL = {figures.START: "Start", figures.MIDWAY: "Tussentijds", figures.END: "Einde"}
QUESTION_LABEL = {"belang": "Hoe belangrijk?", "hulp": "Wie zou helpen?", "kennis": "Wie weet ervan?"}
# Shape by willingness to help (circle on the question "hulp" at the same moment).
HELP_SHAPE = {1: "o", 2: "^", 3: "s", None: "o"}
HELP_LABEL = {1: "helpt zeker", 2: "helpt misschien", 3: "helpt zeker niet", None: "hulp niet gevraagd"}

# Fixed ring radii (never scaled to the data): the centre disk, then circles 1, 2 and 3.
CENTRE, RINGS = 0.55, (1.95, 2.8, 3.5)
LIMIT = 4.15  # axes half-width in ring units: room for the sector names
LABEL_PT = 7.0  # printed size of a person's name
SIZES = (LABEL_PT, LABEL_PT - 1, LABEL_PT - 1.5)  # smaller names only in a crowded cell
NUMBER_PT = 6.5  # printed size of a marker's number, in a cell too full for names

# The legend of numbered names under the picture, at most as tall as the page allows.
LEGEND_PT = 6.5
LINE_IN = LEGEND_PT * 1.25 / 72  # inches a line of the legend takes (matplotlib: 1.2 em at linespacing 1.2)
NAME_CHARS = 15  # a longer name is cut short in the legend
# Sizes in inches: one picture's circles and the key under them, a pair's width and height;
# with a legend of names, one picture takes the page's width (17 cm); at most as tall as a
# portrait page, and a landscape page under its heading.
SIDE, KEY, PAIR_WIDTH, PAIR_HEIGHT = 5.3, 0.65, 10.0, 5.7
WIDE, SINGLE_MAX, PAIR_MAX = 6.6, 9.3, 6.35


def circles_png(case: Case, moment: str, vraag: str = figures.DEFAULT_QUESTION) -> bytes:
    """One measurement's network circles (about 14 cm wide in a report; 17 cm with names under them)."""
    side, legend = SIDE, KEY
    numbers: dict[str, int] = {}
    layout = network_layout(case, moment, vraag, side, numbers, SINGLE_ROOM)
    band = _band(case, numbers, layout.crowds, WIDE)
    width = WIDE if band else side
    height = side + legend + band
    fig = new_figure(width, height)
    ax = fig.add_axes(((width - side) / 2 / width, (legend + band) / height, side / width, side / height))
    _draw_circles(ax, case, moment, vraag, side, layout)
    _circle_legend(fig, vraag, band)
    _names_legend(fig, case, numbers, layout.crowds, band)
    return to_png(fig)


def circles_pair_png(case: Case, vraag: str = figures.DEFAULT_QUESTION) -> bytes:
    """Start and end side by side (about 25 cm wide: a landscape page). A person has one number in both."""
    numbers: dict[str, int] = {}
    layouts = [network_layout(case, moment, vraag, 5.0, numbers, PAIR_ROOM) for moment in (figures.START, figures.END)]
    crowds = [c for layout in layouts for c in layout.crowds]
    band = _band(case, numbers, crowds, PAIR_WIDTH)
    height = PAIR_HEIGHT + band
    fig = new_figure(PAIR_WIDTH, height)
    bottom = (0.1 * PAIR_HEIGHT + band) / height  # the key under the circles, then the legend of names
    for i, (moment, layout) in enumerate(zip((figures.START, figures.END), layouts, strict=True)):
        ax = fig.add_axes((0.5 * i, bottom, 0.5, 1 - bottom))
        _draw_circles(ax, case, moment, vraag, 5.0, layout)
    _circle_legend(fig, vraag, band)
    _names_legend(fig, case, numbers, crowds, band)
    return to_png(fig)


@dataclass(frozen=True)
class Marker:
    """One placed person in the network circles, in ring units."""

    id: str
    name: str
    circle: int
    x: float
    y: float  # the anchor: marker just above, name (or number) just below
    size: float  # font size of the name, points
    rect: Rect  # the room marker and name take
    informal: bool
    help: int | None  # circle on "hulp" at the same moment
    number: int | None = None  # in a cell too full for names: the number, the name is in the legend


@dataclass(frozen=True)
class Crowd:
    """A ring cell too full even for numbered markers: drawn as how many persons it holds."""

    sector: str
    circle: int
    x: float
    y: float
    persons: int
    informal: int
    rect: Rect


@dataclass(frozen=True)
class CircleLayout:
    """One measurement's circles: the markers (named or numbered) and the counts."""

    markers: list[Marker]
    crowds: list[Crowd]


def sector_order(case: Case, placed: list[Record]) -> list[str]:
    """The sectors of the circles: the case's list, plus "onbekend" when someone has no known sector."""
    sectors = list(case.choices("sector"))
    persons = case.by_id("personen")
    if any(persons[p.get("persoon")].get("sector") not in sectors for p in placed):
        sectors.append("onbekend")
    return sectors


def circle_layout(case: Case, moment: str, vraag: str, inches: float) -> list[Marker]:
    """The markers of `network_layout` for one picture of circles `inches` wide."""
    return network_layout(case, moment, vraag, inches, {}, SINGLE_ROOM).markers


def network_layout(case: Case, moment: str, vraag: str, inches: float, numbers: dict[str, int], room: int
                   ) -> CircleLayout:
    """Where each placed person goes, for circles drawn `inches` wide: in their sector and circle,
    names never on top of each other.

    A ring cell (a sector of a ring) shows names (at 7 pt, 6 or 5.5 pt if need be) when they fit;
    else numbered markers, their names in the legend, while it has room (the inner circles first);
    else how many persons it holds (a `Crowd`). A cell with more persons than its area holds is
    not tried, so each cell costs at most what fits in it. `numbers` (person ID -> number) is
    shared by the circles of one picture and filled in here; it holds at most `room` persons.
    """
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
    bounds = {(s, c): ((math.pi / 2 + s * step, math.pi / 2 + (s + 1) * step), ((CENTRE, *RINGS)[c - 1], RINGS[c - 1]))
              for s, c in cells}
    digits = len(str(room))
    most_names, most_numbers = {}, {}
    for key, people in cells.items():
        people.sort(key=lambda p: str(p.id))
        (a0, a1), (r0, r1) = bounds[key]
        chars = [len(names[str(p.id)]) for p in people]
        most_names[key] = capacity(a0, a1, r0, r1, *_room_per_label(chars, SIZES[-1], pt))
        most_numbers[key] = capacity(a0, a1, r0, r1, *_room_per_label([digits], NUMBER_PT, pt))

    taken: list[Rect] = [(-5 / pt, r - 5 / pt, 5 / pt, r + 5 / pt) for r in RINGS]  # the ring numbers
    out: list[Marker] = []

    def mark(key: tuple[int, int], slots: list[tuple[float, float]], box: Box, size: float, numbered: bool) -> None:
        for i, (person, (x, y)) in enumerate(zip(cells[key], slots, strict=True)):
            pid = str(person.id)
            rect = box.rect(i, (x, y))
            taken.append(rect)
            out.append(Marker(pid, names[pid], key[1], x, y, size, rect, figures.is_informal(person, case),
                              helps.get(person.id), numbers[pid] if numbered else None))

    # Cells too full for names get numbers while the legend has room (the inner circles first);
    # fuller cells, and those the legend has no room for, a count. Counts are placed first.
    pending = set(numbers)  # persons with a number, or one kept for them
    crowds: dict[tuple[int, int], Crowd] = {}
    for key in sorted(cells, key=lambda k: (k[1], k[0])):
        if len(cells[key]) <= most_names[key]:
            continue
        unnumbered = {str(p.id) for p in cells[key]} - pending
        if len(cells[key]) > most_numbers[key] or len(pending | unnumbered) > room:
            crowds[key] = _crowd(case, sectors[key[0]], key[1], bounds[key], cells[key], pt)
        else:
            pending |= unnumbered
    taken += [crowds[key].rect for key in sorted(crowds)]
    # Names, cell by cell, in the largest size that fits (smaller names only in a crowded cell).
    numbered = [key for key in cells if key not in crowds and len(cells[key]) > most_names[key]]
    for key in sorted(set(cells) - set(crowds) - set(numbered)):
        chars = [len(names[str(p.id)]) for p in cells[key]]
        fit = next(((spots, size) for size in SIZES if (spots := _place(chars, size, *bounds[key], pt, taken))), None)
        if fit:
            mark(key, *fit[0], fit[1], False)
        else:
            numbered.append(key)
    # Then the numbers (the inner circles first: they come first in the legend).
    for key in sorted(numbered, key=lambda k: (k[1], k[0])):
        ids = [str(p.id) for p in cells[key]]
        new = [pid for pid in ids if pid not in numbers]
        if len(pending | set(new)) <= room:
            given = {**numbers, **{pid: len(numbers) + 1 + i for i, pid in enumerate(new)}}
            if spots := _place([len(str(given[pid])) for pid in ids], NUMBER_PT, *bounds[key], pt, taken):
                numbers.update(given)
                pending |= set(new)
                mark(key, *spots, NUMBER_PT, True)
                continue
        pending -= set(new)  # no numbers here after all: a count (placed late, the rare case)
        crowds[key] = _crowd(case, sectors[key[0]], key[1], bounds[key], cells[key], pt)
        taken.append(crowds[key].rect)
    return CircleLayout(out, [crowds[key] for key in sorted(crowds)])


def _room_per_label(chars: list[int], size: float, pt: float) -> tuple[float, float]:
    """The width and height `spread` gives a label of `size` points (texts of `chars` characters)."""
    widths = [(n * size * 0.62 + 3) / pt for n in chars]
    return sum(widths) / len(widths) + 2 / pt, (8.5 + 1.5 + size * 1.25) / pt


def _place(chars: list[int], size: float, angles: tuple[float, float], radii: tuple[float, float], pt: float,
           taken: list[Rect]) -> tuple[list[tuple[float, float]], Box] | None:
    """Labels of `chars` characters at `size` points in one ring cell, or None when they do not all fit."""
    widths = [(n * size * 0.62 + 3) / pt for n in chars]
    box = Box(widths, 8.5 / pt, (1.5 + size * 1.25) / pt, angles, radii)
    slots = untangle(spread(len(chars), *angles, *radii, sum(widths) / len(widths) + 2 / pt, box.up + box.down),
                     box, taken)
    return (slots, box) if slots is not None else None


def _crowd(case: Case, sector: str, circle: int, bounds: tuple[tuple[float, float], tuple[float, float]],
           people: list[Record], pt: float) -> Crowd:
    """A count in the middle of the cell, for a cell too full for numbers."""
    (a0, a1), (r0, r1) = bounds
    a, r = (a0 + a1) / 2, (r0 + r1) / 2
    x, y = r * math.cos(a), r * math.sin(a)
    informal = sum(figures.is_informal(p, case) for p in people)
    w = (max(len(line) for line in _crowd_text(len(people), informal).splitlines()) * 7 * 0.62 + 6) / pt
    h = (2 * 7 * 1.25 + 6) / pt
    return Crowd(sector, circle, x, y, len(people), informal, (x - w / 2, y - h / 2, x + w / 2, y + h / 2))


def _crowd_text(persons: int, informal: int) -> str:
    return f"{persons} personen\n{informal} informeel"


def _draw_circles(ax: Any, case: Case, moment: str, vraag: str, inches: float, layout: CircleLayout) -> None:
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
        draw_text(ax, 0, -(CENTRE + RINGS[0]) / 2, "nog geen meting", ha="center", va="center", fontsize=9,
                  color="#777777")

    styles: dict[tuple[str, str, bool], list[Marker]] = defaultdict(list)  # one artist per style: much faster
    for m in layout.markers:
        styles[(HELP_SHAPE.get(m.help, "o"), INFORMAL if m.informal else FORMAL, m.help is None)].append(m)
    for (shape, colour, hollow), markers in styles.items():
        ax.plot([m.x for m in markers], [m.y + 4 / pt for m in markers], marker=shape, markersize=6.5, linestyle="none",
                markeredgecolor=colour, markeredgewidth=1.2, markerfacecolor="white" if hollow else colour)
    for m in layout.markers:
        draw_text(ax, m.x, m.y - 1 / pt, m.name if m.number is None else str(m.number), ha="center", va="top",
                  fontsize=m.size)
    for crowd in layout.crowds:
        draw_text(ax, crowd.x, crowd.y, _crowd_text(crowd.persons, crowd.informal), ha="center", va="center",
                  fontsize=7, color=LINE, linespacing=1.25,
                  bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": RING, "linewidth": 0.8})


def _circle_legend(fig: Any, vraag: str, band: float) -> None:
    """The colours and shapes, and what the circles mean; above the legend of names (`band` inches)."""
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
               handletextpad=0.2, columnspacing=1.2, labelspacing=0.3, bbox_to_anchor=(0.5, (0.17 + band) / height))
    meaning = schema.CIRCLE_MEANING.get(vraag, ("", "", ""))
    fig.text(0.5, (0.04 + band) / height,
             f"{QUESTION_LABEL.get(vraag, vraag)}  " + "   ".join(f"cirkel {i}: {m}" for i, m in enumerate(meaning, 1)),
             ha="center", va="bottom", fontsize=7, color="#555555", parse_math=False)


def _columns(width: float, digits: int, chars: int) -> tuple[int, float]:
    """How many columns of legend entries fit in `width` inches, and the width of one."""
    column = (digits + 1 + chars) * LEGEND_PT * 0.62 / 72 + 0.12
    return max(1, int((width - 0.3) // column)), column


def _room(width: float, band: float) -> int:
    """How many numbered names a legend `band` inches tall fits (below its line of explanation)."""
    return _columns(width, 3, NAME_CHARS)[0] * int((band - 0.1 - LINE_IN) // LINE_IN)


SINGLE_ROOM = _room(WIDE, SINGLE_MAX - SIDE - KEY)  # 135 names
PAIR_ROOM = _room(PAIR_WIDTH, PAIR_MAX - PAIR_HEIGHT)  # 24 names


def _entries(case: Case, numbers: dict[str, int]) -> list[tuple[str, str]]:
    """The legend's lines: number and name (cut short), by number."""
    names = first_names(case.persons)
    cut = {pid: name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…" for pid, name in names.items()}
    return [(str(n), cut[pid]) for pid, n in sorted(numbers.items(), key=lambda item: item[1])]


def _band(case: Case, numbers: dict[str, int], crowds: list[Crowd], width: float) -> float:
    """Inches the legend of names takes under the picture (0: none needed)."""
    if not numbers and not crowds:
        return 0.0
    entries = _entries(case, numbers)
    lines = 0
    if entries:
        cols, _ = _columns(width, max(len(n) for n, _ in entries), max(len(name) for _, name in entries))
        lines = -(-len(entries) // cols)
    return 0.1 + (1 + lines) * LINE_IN


def _names_legend(fig: Any, case: Case, numbers: dict[str, int], crowds: list[Crowd], band: float) -> None:
    """Under the picture: what numbers and counts mean, then the numbered names in columns."""
    if not band:
        return
    width, height = fig.get_size_inches()
    entries = _entries(case, numbers)
    notes = []
    if entries:
        notes.append("Nummers: de namen staan hieronder.")
    if crowds:
        notes.append("Aantallen: te veel personen om hier bij naam te tonen.")
    top = band - 0.05
    fig.text(0.15 / width, top / height, " ".join(notes), ha="left", va="top", fontsize=LEGEND_PT, color="#555555",
             fontstyle="italic", parse_math=False)
    if not entries:
        return
    digits = max(len(n) for n, _ in entries)
    cols, column = _columns(width, digits, max(len(name) for _, name in entries))
    lines = -(-len(entries) // cols)
    char = LEGEND_PT * 0.62 / 72
    y = (top - LINE_IN) / height
    for j in range(cols):
        chunk = entries[j * lines:(j + 1) * lines]
        if not chunk:
            break
        x = 0.15 + j * column
        style = {"va": "top", "fontsize": LEGEND_PT, "linespacing": 1.2, "parse_math": False}
        fig.text((x + digits * char) / width, y, "\n".join(n for n, _ in chunk), ha="right", multialignment="right",
                 color="#555555", **style)
        fig.text((x + (digits + 1) * char) / width, y, "\n".join(name for _, name in chunk), ha="left", **style)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text
