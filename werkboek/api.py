"""The Python API. The command line (`cli.py`) and the Excel macros (`excel.py`) are thin faces
over these functions, with the same names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .files import new_file
from .findings import Finding
from .model import Case
from .privacy import DEFAULT_THRESHOLD
from .reader import read_case

__all__ = ["controleer", "demo", "eindevaluatie", "excel_check", "jaarcijfers", "jaarcijfers_werkmap", "lees", "nieuw",
           "sjabloon_controleer", "sleutel", "verslag"]


def nieuw(pad: str | os.PathLike[str], overschrijf: bool = False, case: Case | None = None) -> Path:
    """Write an empty (or pre-filled) Netwerkkaart workbook. Never overwrites unless asked."""
    from .builder import build

    return build(new_file(pad, ".xlsm", overschrijf), case)


def lees(pad: str | os.PathLike[str]) -> Case:
    """Read a filled Netwerkkaart workbook into a Case (never writes to it)."""
    return read_case(pad)


def controleer(pad: str | os.PathLike[str]) -> list[Finding]:
    """Check a workbook: findings sorted by sheet, errors first. Raises FileProblem when unreadable."""
    from .checks import check

    return check(read_case(pad))


def verslag(pad: str | os.PathLike[str], beraad: str | None = None, uit: str | os.PathLike[str] | None = None,
            pdf: bool = False, waarschuwingen: list[Finding] | None = None) -> Path:
    """Write the report of a network meeting (the latest by default) as .docx (and .pdf with `pdf`).
    The check runs first: errors stop it (`reports.ReportBlocked`, exit code 1); warnings are added
    to `waarschuwingen` if given. Default name next to the workbook; never overwrites a file."""
    from .reports import meeting_report

    return meeting_report(pad, beraad, uit, pdf, waarschuwingen)


def eindevaluatie(pad: str | os.PathLike[str], uit: str | os.PathLike[str] | None = None, pdf: bool = False,
                  waarschuwingen: list[Finding] | None = None) -> Path:
    """Write the final evaluation of a case as .docx (and .pdf with `pdf`); checks first, like `verslag`."""
    from .reports import evaluation_report

    return evaluation_report(pad, uit, pdf, waarschuwingen)


def sjabloon_controleer(pad: str | os.PathLike[str], soort: str | None = None):  # -> reports.TemplateCheck
    """Check a Word template staff edited: variables werkboek does not give, and whether it renders.
    `soort` is "verslag" or "eindevaluatie" (default: guessed from the variables it uses)."""
    from .reports import check_template

    return check_template(pad, soort)


def excel_check(werkmap: str | os.PathLike[str] | None = None) -> list:
    """What this PC still needs before the buttons in the workbook work (a list of `excel_check.Check`)."""
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
    voortgang: bool | None = None,
):  # -> jaarcijfers.Outcome
    """Merge the case workbooks in `mappen` (recursively) into yearly figures: `uit` (.xlsx) and a
    Word report beside it (.docx); with `export_csv`, also the egor research tables. Returns the
    outcome: `.workbook`, `.report`, `.export`, the merged `.yearly` figures and `.exit_code`.
    Unusable files are listed on the Problemen sheet, never dropped silently. `voortgang`: a
    progress bar (default: only on a terminal)."""
    from . import jaarcijfers as yearly

    folders = [mappen] if isinstance(mappen, (str, os.PathLike)) else list(mappen)
    return yearly.run(folders, jaar, uit, sleutel, drempel, export_csv, overschrijf, voortgang)


def jaarcijfers_werkmap(pad: str | os.PathLike[str], overschrijf: bool = False) -> Path:
    """Write Jaarcijfers.xlsm: the coordinator's workbook with a button that makes the yearly figures."""
    from .coordinator import build

    return build(pad, overschrijf)


def sleutel(pad: str | os.PathLike[str]) -> Path:
    """Write a new key file for the pseudonyms of the yearly figures (never overwrites one)."""
    from .privacy import make_key

    return make_key(pad)


@dataclass
class Demo:
    """What `demo` wrote."""

    case: Path
    reports: list[Path]
    team: list[Path]
    yearly: list[Path]  # the yearly figures of the team folder: workbook and Word report


def demo(map_: str | os.PathLike[str]) -> Demo:
    """Write the fictitious demo case with its two reports, a team folder of demo cases, and the
    yearly figures of that folder into `map_`."""
    from . import demo as demo_cases
    from .builder import build

    out = Path(map_)
    out.mkdir(parents=True, exist_ok=True)
    team = out / "team"
    team.mkdir(exist_ok=True)
    case = build(out / "Netwerkkaart-demo.xlsm", demo_cases.demo_case())
    reports = [verslag(case, uit=out), eindevaluatie(case, uit=out)]
    cases = [build(team / f"Netwerkkaart-{str(c.dossier.get('dossiernummer')).replace('/', '-')}.xlsm", c)
             for c in demo_cases.team_cases()]
    yearly = jaarcijfers(team, uit=out / "Jaarcijfers demo.xlsx", overschrijf=True, voortgang=False)
    return Demo(case, reports, cases, [yearly.workbook, yearly.report])
