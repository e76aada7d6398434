"""Making a report from a checked case: errors block it, the file gets a free name, the PDF is
optional, and what was made comes back with the warnings of the check."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from ..checks.findings import Finding
from ..policy import Controle
from .evaluation import render_evaluation
from .meeting import find_meeting, render_meeting
from .output import EVALUATION_REPORT, MEETING_REPORT, SAFETY_PLAN, default_name, output_path, to_pdf
from .safety_plan import plan_version, render_safety_plan


@dataclass(frozen=True)
class Verslag:
    """What a report command made (returned by the API, so named in Dutch)."""

    pad: Path  # the .docx
    pdf: Path | None
    waarschuwingen: list[Finding]  # the check's warnings (errors would have blocked the report)
    wat: str  # what it is, for messages: "het verslag van beraad B2", "de eindevaluatie"


def meeting_report(checked: Controle, workbook: Path | None, meeting_id: str | None = None,
                   uit: str | os.PathLike[str] | None = None, pdf: bool = False,
                   today: dt.date | None = None) -> Verslag:
    """The report of one network meeting (the latest by default), beside `workbook` unless `uit` says where."""
    case = checked.zonder_fouten()
    meeting = find_meeting(case, meeting_id, str(workbook or case.label))
    today = today or dt.date.today()
    out = output_path(workbook, uit, default_name(case, MEETING_REPORT, meeting, today), pdf)
    render_meeting(case, str(meeting.id), out, today)
    return Verslag(out, to_pdf(out) if pdf else None, checked.waarschuwingen, f"het verslag van beraad {meeting.id}")


def evaluation_report(checked: Controle, workbook: Path | None, uit: str | os.PathLike[str] | None = None,
                      pdf: bool = False, today: dt.date | None = None) -> Verslag:
    """The final evaluation of a case, beside `workbook` unless `uit` says where."""
    case = checked.zonder_fouten()
    today = today or dt.date.today()
    out = output_path(workbook, uit, default_name(case, EVALUATION_REPORT, None, today), pdf)
    render_evaluation(case, out, today)
    return Verslag(out, to_pdf(out) if pdf else None, checked.waarschuwingen, "de eindevaluatie")


def safety_plan_report(checked: Controle, workbook: Path | None, uit: str | os.PathLike[str] | None = None,
                       pdf: bool = False, today: dt.date | None = None) -> Verslag:
    """The safety plan of its latest version, beside `workbook` unless `uit` says where. A new
    version gets a new file; an earlier version's file (or a second copy) is never overwritten."""
    case = checked.zonder_fouten()
    version = plan_version(case, str(workbook or case.label))
    today = today or dt.date.today()
    out = output_path(workbook, uit, default_name(case, SAFETY_PLAN, None, today, version), pdf)
    render_safety_plan(case, out, today)
    return Verslag(out, to_pdf(out) if pdf else None, checked.waarschuwingen,
                   f"het veiligheidsplan (versie {version[0]})")
