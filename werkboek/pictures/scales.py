"""The safety scales over time: per safety goal a small chart of its 0..10 scale from meeting to
meeting, the agreed score as a thick line and the voices (gezin, netwerk, hulpverleners) as thin
ones where they were recorded. One picture holds every goal, a panel each, so a report needs one
picture whatever the number of goals. Every number comes from `figures.safety_scales`."""

from __future__ import annotations

import datetime as dt
import textwrap

from .. import dutch, figures
from ..workbook.model import Case
from .canvas import FORMAL, INFORMAL, LINE, new_figure, to_png

WIDTH = 6.3  # inches: 16 cm, a portrait page between the margins
PANEL = 1.8  # inches per goal
TITLE_PT, TICK_PT = 8.5, 7
# Okabe-Ito: the family orange, the network green (as the informal circles), the professionals blue.
VOICE_STYLE = {"gezin": ("#E69F00", "o", "gezin"), "netwerk": (INFORMAL, "s", "netwerk"),
               "hulpverleners": (FORMAL, "^", "hulpverleners")}


def scales_png(case: Case, until: dt.date | None = None) -> bytes | None:
    """The picture of every safety goal's scale (up to `until`); None when no goal was scored."""
    scales = [s for s in figures.safety_scales(case, until) if s.points]
    if not scales:
        return None
    height = PANEL * len(scales) + 0.1
    fig = new_figure(WIDTH, height)
    for i, scale in enumerate(scales):
        top = height - 0.08 - PANEL * i  # inches from the bottom
        # Two lines of title at most, then the chart, then the meetings under it.
        lines = textwrap.wrap(f"{scale.goal} – {scale.text}", 82, max_lines=2, placeholder=" …")
        fig.text(0.1 / WIDTH, top / height, "\n".join(lines), ha="left", va="top", fontsize=TITLE_PT,
                 fontweight="bold", color=LINE, linespacing=1.15, parse_math=False)
        ax = fig.add_axes((0.45 / WIDTH, (top - PANEL + 0.55) / height, (WIDTH - 1.9) / WIDTH, 0.8 / height))
        _panel(ax, scale)
    return to_png(fig)


def _panel(ax, scale: figures.SafetyScale) -> None:
    xs = list(range(len(scale.points)))
    labels = [p.meeting + (" " + p.date.strftime("%d/%m/%Y") if p.date else "")
              + f"\n{'samen' if p.joint else 'gemiddeld'}: {dutch.number(p.score)}" for p in scale.points]
    ax.set_ylim(-0.5, 10.5)
    ax.set_xlim(-0.4, max(len(xs) - 0.6, 0.4))
    ax.set_yticks([0, 5, 10])
    ax.set_xticks(xs)
    ax.set_xticklabels(labels, fontsize=TICK_PT)
    ax.tick_params(axis="y", labelsize=TICK_PT)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for key, (colour, marker, label) in VOICE_STYLE.items():
        voice = [(x, p.voices[key]) for x, p in zip(xs, scale.points, strict=True) if key in p.voices]
        if voice:
            ax.plot([x for x, _ in voice], [y for _, y in voice], color=colour, marker=marker, markersize=3.5,
                    linewidth=1, label=label)
    pts = [(x, p.score) for x, p in zip(xs, scale.points, strict=True) if p.score is not None]
    ax.plot([x for x, _ in pts], [y for _, y in pts], color=LINE, marker="o", markersize=5, linewidth=2.2,
            label="samen" if any(p.joint for p in scale.points) else "gemiddelde", zorder=3)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=TICK_PT, frameon=False, handlelength=1.8)
