"""The xlwings settings every macro workbook werkboek writes carries, so no PC needs a per-user step.

xlwings' add-in looks each setting up key by key (`GetConfig` in its Config.bas): first on a sheet
named "xlwings.conf" in the active workbook (keys in column A from A1 down to the first empty
cell, values beside them in B; a hidden sheet counts; `%VAR%` is expanded), then in an
xlwings.conf file beside the workbook, then in the user's %USERPROFILE%\\.xlwings\\xlwings.conf.
The sheet therefore wins over whatever a user configured, and an organisation sets it once.

The interpreter is the one the release's install script creates (a fixed path), unless the
organisation chose another: `werkboek nieuw --python-voor-excel PAD` or the environment variable
WERKBOEK_PYTHON_VOOR_EXCEL (an organisation profile can set it the same way). An empty choice
leaves the interpreter to each user's own xlwings setting.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from typing import Any

from .schema import XLWINGS_SHEET

ENV = "WERKBOEK_PYTHON_VOOR_EXCEL"
# %ProgramW6432% is C:\Program Files in 32-bit Excel too (%ProgramFiles% would be the x86 folder).
# pythonw.exe: no console window when Excel starts Python.
DEFAULT_INTERPRETER = r"%ProgramW6432%\werkboek\Scripts\pythonw.exe"
NOTE = ("Instellingen voor de xlwings-invoegtoepassing: welke Python de knoppen starten. "
        "Zie de handleiding installatie-windows bij werkboek. Kolom A en B niet hernoemen.")

_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("python_voor_excel", default=None)


@contextlib.contextmanager
def interpreter_chosen(path: str | None) -> Iterator[None]:
    """Build workbooks with `path` as their interpreter (None: the usual choice, see `interpreter`)."""
    token = _chosen.set(path)
    try:
        yield
    finally:
        _chosen.reset(token)


def interpreter(environ: Any = None) -> str:
    """The interpreter written into new workbooks: chosen for this build, else WERKBOEK_PYTHON_VOOR_EXCEL,
    else the install script's fixed path. '' means: none (each user's xlwings setting)."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen.strip()
    value = (os.environ if environ is None else environ).get(ENV)
    return DEFAULT_INTERPRETER if value is None else value.strip()


def settings() -> list[tuple[str, str]]:
    """The sheet's rows: key, value (text, as xlwings' own config files hold them)."""
    rows = [("INTERPRETER_WIN", interpreter())] if interpreter() else []
    rows += [
        ("USE UDF SERVER", "True"),  # Python stays ready between clicks: about 0.9 s of imports once, not per click
        # xlwings would put the workbook's folder first on Python's path: a werkboek.py or xlwings.py
        # left in a shared team folder would run instead of the installed code.
        ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
    ]
    return rows


def add_sheet(wb: Any) -> None:
    """Add the hidden xlwings.conf sheet to an XlsxWriter workbook (as its last sheet)."""
    ws = wb.add_worksheet(XLWINGS_SHEET)
    for r, (key, value) in enumerate(settings()):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.write_string(0, 3, NOTE)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 55)
    ws.hide()
