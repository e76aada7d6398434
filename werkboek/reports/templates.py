"""Checking a Word template staff edited: variables werkboek does not give, and whether it
renders (a dry run with the fictitious demo case)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..demo import demo_case
from ..errors import FileProblem
from .evaluation import evaluation_context, render_evaluation
from .meeting import latest_meeting, meeting_context, render_meeting
from .output import EVALUATION_REPORT, MEETING_REPORT, SAFETY_PLAN
from .render import jinja_env
from .safety_plan import render_safety_plan, safety_plan_context


@dataclass(frozen=True)
class TemplateCheck:
    path: Path
    kind: str  # MEETING_REPORT or EVALUATION_REPORT
    unknown: list[str]  # variables the template uses that werkboek does not give
    error: str | None  # why it does not render, or None
    known: list[str]  # the variables werkboek gives this kind of template

    @property
    def ok(self) -> bool:
        return not self.unknown and self.error is None


def check_template(path: str | os.PathLike[str], kind: str | None = None) -> TemplateCheck:
    """Which variables an edited template uses that werkboek does not give, and whether it renders
    (a dry render with the fictitious demo case)."""
    from jinja2 import TemplateError  # local: jinja2 is loaded only when a template is checked

    path = Path(path)
    if not path.is_file() or not zipfile.is_zipfile(path):
        raise FileProblem(path, "geen-docx", "dit is geen Word-document (.docx).",
                          "Kies het sjabloon zelf, een .docx-bestand.")
    case = demo_case()
    meeting = latest_meeting(case)
    assert meeting is not None
    known = {MEETING_REPORT: {*meeting_context(case, str(meeting.id)), "netwerk", "schalen"},
             EVALUATION_REPORT: {*evaluation_context(case), "netwerk", "genogram", "schalen"},
             SAFETY_PLAN: set(safety_plan_context(case))}
    try:
        from docxtpl import DocxTemplate  # local, as in render.py

        used = DocxTemplate(str(path)).get_undeclared_template_variables(jinja_env())
    except TemplateError as exc:
        kind = kind or _kind_by_name(path)
        return TemplateCheck(path, kind, [], f"een fout in de sjabloontaal: {exc}", sorted(known[kind]))
    except Exception as exc:  # noqa: BLE001 - a damaged .docx, whatever python-docx says
        raise FileProblem(path, "geen-docx", f"het document kan niet gelezen worden ({exc}).",
                          "Sla het opnieuw op in Word als .docx.") from None
    if kind is None:  # the kind whose variables it uses most
        kind = min((MEETING_REPORT, EVALUATION_REPORT, SAFETY_PLAN),
                   key=lambda k: (len(used - known[k]), k != _kind_by_name(path)))
    unknown = sorted(used - known[kind])
    error = None
    with tempfile.TemporaryDirectory(prefix="werkboek-sjabloon-") as tmp:
        try:
            if kind == MEETING_REPORT:
                render_meeting(case, str(meeting.id), Path(tmp) / "proef.docx", template=path)
            elif kind == SAFETY_PLAN:
                render_safety_plan(case, Path(tmp) / "proef.docx", template=path)
            else:
                render_evaluation(case, Path(tmp) / "proef.docx", template=path)
        except Exception as exc:  # noqa: BLE001 - any failure of a staff template is the answer
            error = f"{type(exc).__name__}: {exc}"
    return TemplateCheck(path, kind, unknown, error, sorted(known[kind]))


def _kind_by_name(path: Path) -> str:
    name = path.name.casefold()
    return EVALUATION_REPORT if "eind" in name else SAFETY_PLAN if "veilig" in name else MEETING_REPORT
