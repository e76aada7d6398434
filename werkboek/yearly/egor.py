"""Research export: the networks of the counted cases as three CSV tables in the layout of the
R package egor (`egor(alters, egos, aaties)` with its default ID columns egoID, alterID,
Source and Target).

Pseudonymised microdata: no names, contacts, free text or birth years, but one row per case
and per network member. Share it only under a data agreement. UTF-8 with a BOM (Excel opens it
correctly), comma separated; a cell that starts with = + - @ gets a leading apostrophe so a
spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import dutch
from ..files import atomic, make_folder
from ..workbook import schema
from .harvest import ATTRS, MEASURED, PERSON_ATTRS, Used

EGOS, ALTERS, AATIES = "egos.csv", "alters.csv", "aaties.csv"
EGO_ATTRS = tuple(k for k in ATTRS if schema.DOSSIER.field(k).type != schema.DATE)  # the dates as years only
EGO_FIGURES = ("meetings", "actions", "actions_informal_share", "goals", "goals_reached_share")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return dutch.yes_no(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return dutch.as_text_cell(str(value))


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with atomic(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows([cell(v) for v in row] for row in rows)


def write(cases: Sequence[Used], folder: str | os.PathLike[str]) -> Path:
    folder = make_folder(folder)
    cases = sorted(cases, key=lambda c: c.pseudonym)

    def year(value: Any) -> int | None:
        return value.year if isinstance(value, dt.date) else None

    _write(folder / EGOS, ("egoID", *EGO_ATTRS, "startjaar", "eindjaar", *EGO_FIGURES),
           ((c.pseudonym, *(c.attrs.get(k) for k in EGO_ATTRS), year(c.attrs.get("startdatum")),
             year(c.attrs.get("einddatum")), *(c.numbers.get(k) for k in EGO_FIGURES)) for c in cases))
    circles = tuple(f"{vraag}_{moment}" for vraag, moment in MEASURED)
    _write(folder / ALTERS, ("egoID", "alterID", *PERSON_ATTRS, *(f"cirkel_{c}" for c in circles)),
           ((c.pseudonym, a.alter_id, *(a.values.get(k) for k in PERSON_ATTRS), *(a.circles.get(k) for k in circles))
            for c in cases if c.network for a in c.network.alters))
    _write(folder / AATIES, ("egoID", "Source", "Target", "soort", "kwaliteit"),
           ((c.pseudonym, *tie) for c in cases if c.network for tie in c.network.ties))
    return folder
