"""The Word reports: the report of a network meeting and the final evaluation of a case, made
from a checked case through one safe render path (`render.py`)."""

from .evaluation import evaluation_context, render_evaluation
from .make import Verslag, evaluation_report, meeting_report
from .meeting import UnknownMeeting, find_meeting, latest_meeting, meeting_context, render_meeting
from .output import EVALUATION_REPORT, MEETING_REPORT, default_name, template_path, to_pdf
from .templates import TemplateCheck, check_template

__all__ = ["EVALUATION_REPORT", "MEETING_REPORT", "TemplateCheck", "UnknownMeeting", "Verslag", "check_template",
           "default_name", "evaluation_context", "evaluation_report", "find_meeting", "latest_meeting",
           "meeting_context", "meeting_report", "render_evaluation", "render_meeting", "template_path", "to_pdf"]
