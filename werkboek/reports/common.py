"""What both Word reports share: values as report text, a record without its internal columns,
names, the case header, and pictures at their natural size."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Mapping
from typing import Any

from .. import dutch, figures
from ..pictures import DPI
from ..workbook import schema
from ..workbook.model import Case, Invalid, Record


def text(value: Any) -> str:
    """A value as report text: dates long and Dutch, lists comma-separated, nothing as ''."""
    if value is None or isinstance(value, Invalid):
        return ""
    if isinstance(value, dt.date):
        return dutch.long_date(value)
    if isinstance(value, bool):
        return dutch.yes_no(value)
    if isinstance(value, list):
        return ", ".join(text(v) for v in value)
    return str(value)


def count_share(count: int, share: float | None) -> str:
    return f"{count} ({dutch.pct(share)})"


def shared(record: Record | None) -> dict[str, Any]:
    """A record's valid values without its `internal` columns: all a meeting report may use."""
    if record is None:
        return {}
    columns = schema.DOSSIER.fields if record.sheet == "dossier" else schema.TABLE_BY_KEY[record.sheet].columns
    internal = {c.key for c in columns if c.internal}
    return {k: v for k, v in record.values.items() if k not in internal and not isinstance(v, Invalid)}


def full_name(person: dict[str, Any] | None, fallback: str = "") -> str:
    if not person:
        return fallback
    name = " ".join(str(person[k]) for k in ("voornaam", "achternaam") if person.get(k))
    return name or str(person.get("id") or fallback)


def dossier_header(d: dict[str, Any], persons: dict[str, dict[str, Any]], today: dt.date, organisation: str = ""
                   ) -> dict[str, Any]:
    central = d.get("centrale_persoon")
    return {
        "organisatie": organisation,  # from the organisation profile; "" without one
        "dossiernummer": text(d.get("dossiernummer")),
        "gezin": text(d.get("gezin")),
        "begeleider": text(d.get("begeleider")),
        "team": text(d.get("team")),
        "eenheid": text(d.get("eenheid")),
        "hulpvorm": text(d.get("hulpvorm")),
        "methode": ", ".join(text(d.get(k)) for k in ("methode", "methode2") if d.get(k)),
        "centrale_persoon": full_name(persons.get(str(central)), text(central)),
        "startdatum": text(d.get("startdatum")),
        "einddatum": text(d.get("einddatum")),
        "datum": dutch.long_date(today),
    }


def natural_widths(pngs: Mapping[str, bytes | None]) -> dict[str, float]:
    """Each picture at the size it was drawn for (mm), so its fonts print at their size."""
    out = {}
    for name, png in pngs.items():
        if png:
            width_px = struct.unpack(">I", png[16:20])[0]  # the PNG header's IHDR width
            out[name] = width_px / DPI * 25.4
    return out


def scale_rows(case: Case, until: dt.date | None = None) -> list[dict[str, str]]:
    """Per safety goal: where its scale started and where it stands (or ended), meeting by meeting."""
    out = []
    for s in figures.safety_scales(case, until):
        first, last = (s.points[0], s.points[-1]) if s.points else (None, None)
        out.append({
            "id": s.goal, "doel": s.text,
            "start": f"{dutch.number(first.score)} ({first.meeting})" if first else "nog niet gescoord",
            "einde": f"{dutch.number(last.score)} ({last.meeting})" if last and len(s.points) > 1 else "–",
            "verschil": dutch.signed(s.change) if s.change is not None else "",
            "verloop": " → ".join(dutch.number(p.score) for p in s.points),
        })
    return out
