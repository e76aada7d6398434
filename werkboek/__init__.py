"""werkboek: network-oriented youth care in one Excel workbook, with checks, reports and yearly figures.

The public API lives in `werkboek.api`; the command line and the Excel macros are faces over it.
"""

__version__ = "0.1.0"
