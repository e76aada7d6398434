"""The Python API: the boundary every face calls. The command line (`cli.py`) and the Excel
buttons (`excel/`) are thin wrappers over these functions, with the same Dutch names and
parameters; the yearly workers check through the same policy (`policy.check`).

    from werkboek import api
    controle = api.controleer("Netwerkkaart.xlsm")       # .dossier, .meldingen, .fouten, .waarschuwingen
    verslag = api.verslag(controle)                        # .pad, .pdf, .waarschuwingen (errors block it)
    uitkomst = api.jaarcijfers("team", jaar=2025, uit="Jaarcijfers 2025.xlsx")
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .files import make_folder, new_file
from .policy import Controle, Source, check, read, workbook_path
from .workbook.model import Case
from .yearly.suppression import DEFAULT_THRESHOLD

# Each function imports the modules of its own command only: `werkboek controleer` and the
# Controleer button would otherwise pay about 110 ms for report, yearly and PC-check code they
# never run. Nothing below the API imports it, so these imports hide no cycle.
if TYPE_CHECKING:
    from .excel_check import Requirement
    from .reports import Verslag
    from .reports.templates import TemplateCheck
    from .yearly.run import Uitkomst

__all__ = ["Controle", "controleer", "demo", "eindevaluatie", "excel_check", "jaarcijfers",
           "jaarcijfers_werkmap", "lees", "nieuw", "sjabloon_controleer", "sleutel", "veiligheidsplan", "verslag"]


def nieuw(pad: str | os.PathLike[str], overschrijf: bool = False, dossier: Case | None = None,
          python_voor_excel: str | None = None) -> Path:
    """Write an empty (or pre-filled) Netwerkkaart workbook. Never overwrites unless asked.
    `python_voor_excel`: the Python its buttons start (default: WERKBOEK_PYTHON_VOOR_EXCEL, else
    the install script's fixed path; '' leaves it to each user's xlwings setting)."""
    from .workbook import xlwings_conf
    from .workbook.builder import build

    with xlwings_conf.interpreter_chosen(python_voor_excel):
        return build(new_file(pad, ".xlsm", overschrijf), dossier)


def lees(pad: str | os.PathLike[str]) -> Case:
    """Read a filled Netwerkkaart workbook into a Case (never writes to it). Raises FileProblem."""
    return read(pad)


def controleer(bron: Source) -> Controle:
    """Check a workbook (a path, or a Case already read): every finding, by sheet, errors first."""
    return check(bron)


def verslag(bron: Source, beraad: str | None = None, uit: str | os.PathLike[str] | None = None,
            pdf: bool = False) -> Verslag:
    """Write the report of a network meeting (the latest by default) as .docx (and .pdf with `pdf`).
    The check runs first: errors stop it (`policy.ReportBlocked`, exit code 1). By default the
    report goes beside the workbook, under a name that says case, kind and date; never over a file."""
    from .reports import meeting_report

    return meeting_report(check(bron), workbook_path(bron), beraad, uit, pdf)


def eindevaluatie(bron: Source, uit: str | os.PathLike[str] | None = None, pdf: bool = False) -> Verslag:
    """Write the final evaluation of a case as .docx (and .pdf with `pdf`); checks first, like `verslag`."""
    from .reports import evaluation_report

    return evaluation_report(check(bron), workbook_path(bron), uit, pdf)


def veiligheidsplan(bron: Source, uit: str | os.PathLike[str] | None = None, pdf: bool = False) -> Verslag:
    """Write the safety plan (its latest version on Planversies) as .docx for the family and the
    network; checks first, like `verslag`, and holds nothing internal except the phone numbers of
    people who agreed to be called. Each version is its own file; earlier ones stay."""
    from .reports import safety_plan_report

    return safety_plan_report(check(bron), workbook_path(bron), uit, pdf)


def sjabloon_controleer(pad: str | os.PathLike[str], soort: str | None = None) -> TemplateCheck:
    """Check a Word template staff edited: variables werkboek does not give, and whether it renders.
    `soort` is "verslag", "eindevaluatie" or "veiligheidsplan" (default: guessed from the variables it uses)."""
    from .reports.templates import check_template

    return check_template(pad, soort)


def excel_check(werkmap: str | os.PathLike[str] | None = None) -> list[Requirement]:
    """What this PC still needs before the buttons in the workbook work."""
    from .excel_check import diagnose

    return diagnose(werkmap)


def jaarcijfers(
    mappen: str | os.PathLike[str] | list[str | os.PathLike[str]],
    jaar: int | None = None,
    uit: str | os.PathLike[str] | None = None,
    sleutel: str | os.PathLike[str] | None = None,
    drempel: int = DEFAULT_THRESHOLD,
    export_csv: str | os.PathLike[str] | None = None,
    overschrijf: bool = False,
    voortgang: bool | Callable[[int, int], None] | None = None,
) -> Uitkomst:
    """Merge the case workbooks in `mappen` (recursively) into yearly figures: `uit` (.xlsx) and a
    Word report beside it (.docx); with `export_csv`, also the egor research tables. Returns
    `.werkmap`, `.verslag`, `.export`, the merged `.cijfers` and `.exitcode`. Unusable files are
    listed on the Problemen sheet, never dropped silently. `voortgang`: a progress bar (default:
    only on a terminal), or a function called with (read, total) about twice a second."""
    from .yearly import run

    folders = [mappen] if isinstance(mappen, (str, os.PathLike)) else list(mappen)
    return run.run(run.Request(folders, year=jaar, out=uit, key=sleutel, threshold=drempel, export=export_csv,
                               overwrite=overschrijf, progress=voortgang))


def jaarcijfers_werkmap(pad: str | os.PathLike[str], overschrijf: bool = False,
                        python_voor_excel: str | None = None) -> Path:
    """Write Jaarcijfers.xlsm: the coordinator's workbook with a button that makes the yearly
    figures (`python_voor_excel` as for `nieuw`)."""
    from .workbook import xlwings_conf
    from .yearly import coordinator_book

    with xlwings_conf.interpreter_chosen(python_voor_excel):
        return coordinator_book.build(pad, overschrijf)


def sleutel(pad: str | os.PathLike[str]) -> Path:
    """Write a new key file for the pseudonyms of the yearly figures (never overwrites one)."""
    from .yearly import pseudonyms

    return pseudonyms.make_key(pad)


@dataclass(frozen=True)
class Demo:
    """What `demo` wrote."""

    dossier: Path
    verslagen: list[Path]
    team: list[Path]
    jaarcijfers: list[Path]  # the yearly figures of the team folder: workbook and Word report


def demo(map_: str | os.PathLike[str]) -> Demo:
    """Write the fictitious demo case with its two reports, a team folder of demo cases, and the
    yearly figures of that folder into `map_`."""
    from . import demo as demo_cases
    from .workbook.builder import build

    out = make_folder(map_)
    team = make_folder(out / "team")
    case = build(out / "Netwerkkaart-demo.xlsm", demo_cases.demo_case())
    reports = [verslag(case, uit=out).pad, eindevaluatie(case, uit=out).pad, veiligheidsplan(case, uit=out).pad]
    cases = [build(team / f"Netwerkkaart-{str(c.dossier.get('dossiernummer')).replace('/', '-')}.xlsm", c)
             for c in demo_cases.team_cases()]
    yearly = jaarcijfers(team, uit=out / "Jaarcijfers demo.xlsx", overschrijf=True, voortgang=False)
    return Demo(case, reports, cases, [yearly.werkmap, yearly.verslag])
