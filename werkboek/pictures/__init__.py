"""The pictures in the reports, as deterministic PNG bytes: the network circles, the genogram and
the safety scales.

`canvas` holds what every picture shares (the yearly charts too), `circles` and `labels` the
network circles and the placing of their names, `genogram` the family, `scales` the safety scales
over time. matplotlib loads only when a picture is drawn: importing this package does not import
it. We draw on a bare `Figure` with the Agg canvas (no pyplot, no global state); a figure's size in
inches is the size it gets in Word, so font sizes are printed sizes.
"""

from .canvas import DPI, FORMAL, INFORMAL, first_names, new_figure, to_png
from .circles import (
    CENTRE,
    HELP_LABEL,
    LABEL_PT,
    LIMIT,
    MOMENT_LABEL,
    QUESTION_LABEL,
    RINGS,
    CircleLayout,
    Crowd,
    Marker,
    circle_layout,
    circles_pair_png,
    circles_png,
    network_layout,
    sector_order,
)
from .genogram import COUPLE, GenogramLayout, genogram_layout, genogram_png
from .labels import overlap
from .scales import scales_png

__all__ = [
    "CENTRE", "COUPLE", "DPI", "FORMAL", "HELP_LABEL", "INFORMAL", "LABEL_PT", "LIMIT", "MOMENT_LABEL",
    "QUESTION_LABEL", "RINGS", "CircleLayout", "Crowd", "GenogramLayout", "Marker", "circle_layout", "circles_pair_png",
    "circles_png", "first_names", "genogram_layout", "genogram_png", "network_layout", "new_figure", "overlap",
    "scales_png", "sector_order", "to_png",
]
