"""The report of one network meeting (verslag netwerkberaad). It goes to the network, so its
context is built only from values that are not `internal` (see `common.shared`)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from .. import dutch, figures, pictures
from ..errors import UnknownMeeting, WerkboekError
from ..workbook import references
from ..workbook.model import Case, Record
from .common import dossier_header, full_name, natural_widths, scale_rows, shared, text
from .output import MEETING_REPORT, template_path
from .render import render_docx

SCALE_ON, SCALE_OFF = "7FB2E5", "FFFFFF"  # cell colours of the 0..10 scale


def latest_meeting(case: Case) -> Record | None:
    """The meeting with the latest date (the last row among equal dates)."""
    rows = [m for m in case.meetings if m.id]
    return max(reversed(rows), key=lambda m: m.get("datum") or dt.date.min, default=None)


def find_meeting(case: Case, meeting_id: str | None, path: str = "") -> Record:
    if meeting_id is None:
        meeting = latest_meeting(case)
        if meeting is None:
            raise WerkboekError(f"{path or case.label}: er staat nog geen netwerkberaad in het blad Netwerkberaad.",
                                "Vul eerst het beraad in (ID, datum, aanwezigen) en probeer opnieuw.")
        return meeting
    meetings = case.by_id("netwerkberaad")
    # As a reference in the workbook is read: the ID in any case ("b3"), the dropdown entry
    # ("B3 – 20/03/2025") or the meeting's date.
    found = references.Index("netwerkberaad", case.meetings).resolve(meeting_id)
    if found is not None:
        return meetings[found]
    known = ", ".join(meetings) or "geen"
    raise UnknownMeeting(f"{path or case.label}: er is geen netwerkberaad met ID '{meeting_id}' (wel: {known}).",
                        "Kies een ID uit de kolom ID van het blad Netwerkberaad.")


def meeting_moment(case: Case, meeting: Record) -> str | None:
    """The measurement to draw for a meeting: the latest one taken on or before its date, else the start."""
    day = meeting.get("datum")
    best = None
    for moment in (figures.START, figures.MIDWAY, figures.END):
        when = figures.measurement_date(figures.measurement(case, moment, figures.DEFAULT_QUESTION))
        if when is not None and (day is None or when <= day):
            best = moment
    if best is None and figures.measurement(case, figures.START, figures.DEFAULT_QUESTION):
        best = figures.START
    return best


def meeting_context(case: Case, meeting_id: str, today: dt.date | None = None) -> dict[str, Any]:
    """What the meeting template may use. Built from `shared` values only: no internal notes."""
    today = today or dt.date.today()
    record = find_meeting(case, meeting_id)
    meeting = shared(record)
    persons = {str(p.id): shared(p) for p in case.persons if p.id}

    def who(pid: str) -> str:
        return full_name(persons.get(pid), pid)

    actions = [shared(a) for a in case.actions
               if str(a.get("beraad") or "").casefold() == str(meeting["id"]).casefold()]
    scale = meeting.get("schaal")
    moment = meeting_moment(case, record)
    return {
        **dossier_header(shared(case.dossier), persons, today, case.organisation),
        "beraad": {
            "id": text(meeting.get("id")),
            "datum": text(meeting.get("datum")),
            "plaats": text(meeting.get("plaats")),
            "zorgen": text(meeting.get("zorgen")),
            "goed": text(meeting.get("goed")),
            "moet_gebeuren": text(meeting.get("moet_gebeuren")),
            "schaal": "" if scale is None else str(scale),
            "volgende": text(meeting.get("volgende")) or "nog niet gepland",
        },
        "aanwezigen": [
            {"naam": who(pid), "relatie": text(persons.get(pid, {}).get("relatie")),
             "rol": text(persons.get(pid, {}).get("rol"))}
            for pid in meeting.get("aanwezigen") or []
        ],
        "acties": [
            {
                "id": text(a.get("id")),
                "wat": text(a.get("wat")),
                "wie": who(a["wie"]) if a.get("wie") else "",
                "met_wie": ", ".join(who(p) for p in a.get("met_wie") or []),
                "tegen": text(a.get("tegen")),
                "status": text(a.get("status")),
            }
            for a in actions
        ],
        "schaal_kleuren": [SCALE_ON if scale == i else SCALE_OFF for i in range(11)],
        "netwerk_uitleg": _circles_caption(case, moment) if moment else "De netwerkcirkels zijn nog niet ingevuld.",
        # The safety goals' scales up to this meeting (their chart is the picture `schalen`).
        "veiligheid": scale_rows(case, record.get("datum")),
    }


def _circles_caption(case: Case, moment: str) -> str:
    when = figures.measurement_date(figures.measurement(case, moment, figures.DEFAULT_QUESTION))
    return (f"Zo zag het netwerk eruit bij de meting van {dutch.long_date(when)} "
            f"({pictures.MOMENT_LABEL[moment].lower()}).")


def render_meeting(case: Case, meeting_id: str, out_path: str | os.PathLike[str], today: dt.date | None = None,
                   template: str | os.PathLike[str] | None = None) -> Path:
    """Write the report of one network meeting to `out_path` (overwrites: callers pick a free name)."""
    ctx = meeting_context(case, meeting_id, today)
    moment = meeting_moment(case, find_meeting(case, meeting_id))
    pngs = {"netwerk": pictures.circles_png(case, moment) if moment else None,
            "schalen": pictures.scales_png(case, find_meeting(case, meeting_id).get("datum"))}
    return render_docx(template or template_path(MEETING_REPORT, case.templates), ctx, out_path, pngs,
                       widths=natural_widths(pngs),
                       title=f"Verslag netwerkberaad {ctx['beraad']['id']}", subject=f"Dossier {ctx['dossiernummer']}")
