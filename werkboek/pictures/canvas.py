"""What every picture shares: a bare matplotlib Figure at DPI, deterministic PNG bytes, colours, first names."""

from __future__ import annotations

import io
import warnings
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..workbook.model import Record

DPI = 200
INFORMAL, FORMAL = "#009E73", "#0072B2"  # Okabe-Ito green and blue: safe for colour blindness
CONFLICT, BROKEN, LINE, RING = "#D55E00", "#777777", "#333333", "#BBBBBB"


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


def draw_text(ax: Any, x: float, y: float, text: str, **kw: Any) -> Any:
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
