"""The Word reports: the report of a network meeting and the final evaluation of a case, made
from a checked case through one safe render path (`render.py`)."""

from .evaluation import evaluation_context, render_evaluation
from .make import Verslag, evaluation_report, meeting_report, safety_plan_report
from .meeting import find_meeting, latest_meeting, meeting_context, render_meeting
from .output import EVALUATION_REPORT, MEETING_REPORT, SAFETY_PLAN, default_name, template_path, to_pdf
from .safety_plan import PlanMissing, render_safety_plan, safety_plan_context

__all__ = [
           "EVALUATION_REPORT",
           "MEETING_REPORT",
           "SAFETY_PLAN",
           "PlanMissing",
           "Verslag",
           "default_name",
           "evaluation_context",
           "evaluation_report",
           "find_meeting",
           "latest_meeting",
           "meeting_context",
           "meeting_report",
           "render_evaluation",
           "render_meeting",
           "render_safety_plan",
           "safety_plan_context",
           "safety_plan_report",
           "template_path",
           "to_pdf",
]
