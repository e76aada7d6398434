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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .files import make_folder, new_file
from .policy import Controle, Source, check, read, workbook_path
from .profile import Profiel, find
from .workbook.model import Case
from .yearly.suppression import DEFAULT_THRESHOLD

# Each function imports the modules of its own command only: `werkboek controleer` and the
# Controleer button would otherwise pay about 110 ms for report, yearly and PC-check code they
# never run. Nothing below the API imports it, so these imports hide no cycle.
if TYPE_CHECKING:
    from .excel_check import Requirement
    from .reports import Verslag
    from .reports.templates import TemplateCheck
    from .upgrade import Bijwerking
    from .yearly.run import Uitkomst

__all__ = ["Controle", "Profiel", "bijwerken", "controleer", "demo", "eindevaluatie", "excel_check", "jaarcijfers",
           "jaarcijfers_werkmap", "lees", "nieuw", "profiel_controleer", "profiel_nieuw", "profiel_zoeken",
           "sjabloon_controleer", "sleutel", "veiligheidsplan", "verslag"]

# Every command that uses the organisation profile takes `profiel`: a path, a Profiel already read,
# or None to find it as every command does (WERKBOEK_PROFIEL, else werkboek-profiel.xlsx in the
# workbook's folder or a folder above it; see `profile.lookup`).
ProfielBron = Profiel | str | os.PathLike[str] | None


def profiel_zoeken(profiel: ProfielBron = None, bij: str | os.PathLike[str] | None = None) -> Profiel | None:
    """The organisation profile that applies to a workbook or folder `bij` (None: there is none).
    Raises FileProblem when it cannot be read, profile.ProfileError when it has errors."""
    return profiel if isinstance(profiel, Profiel) else find(profiel, bij)


def _near(bron: Source) -> Path | None:
    path = workbook_path(bron)
    if path is None and isinstance(bron, (Case, Controle)):
        case = bron.dossier if isinstance(bron, Controle) else bron
        path = Path(case.source) if case.source else None
    return path


def profiel_nieuw(pad: str | os.PathLike[str], overschrijf: bool = False) -> Path:
    """Write an empty organisation profile (werkboek-profiel.xlsx) for the beheerder to fill in Excel."""
    from .profile import write_empty

    return write_empty(pad, overschrijf)


def profiel_controleer(pad: str | os.PathLike[str],
                       werkmappen: Sequence[str | os.PathLike[str]] = (),
                       voortgang: bool | Callable[[int, int], None] | None = None) -> Profiel:
    """Read and check an organisation profile: `.meldingen` names every problem by sheet and cell.
    With `werkmappen` (workbooks or folders), also what they use that the profile leaves without a
    place: values retired without a replacement, and teams the Teams sheet does not know."""
    from .profile import read_profile
    from .upgrade import checked_against

    profiel = read_profile(pad)
    return checked_against(profiel, [Path(p) for p in werkmappen], voortgang) if werkmappen else profiel


def nieuw(pad: str | os.PathLike[str], overschrijf: bool = False, dossier: Case | None = None,
          python_voor_excel: str | None = None, profiel: ProfielBron = None) -> Path:
    """Write an empty (or pre-filled) Netwerkkaart workbook, with the organisation's lists when a
    profile applies. Never overwrites unless asked. `python_voor_excel`: the Python its buttons
    start (default: the profile's, else WERKBOEK_PYTHON_VOOR_EXCEL, else the install script's
    fixed path; '' leaves it to each user's xlwings setting)."""
    from .profile.model import new_case
    from .workbook import xlwings_conf
    from .workbook.builder import build

    target = new_file(pad, ".xlsm", overschrijf)
    prof = profiel_zoeken(profiel, target.parent)
    if python_voor_excel is None and prof is not None:
        python_voor_excel = prof.python_voor_excel
    with xlwings_conf.interpreter_chosen(python_voor_excel):
        return build(target, dossier if dossier is not None else new_case(prof))


def lees(pad: str | os.PathLike[str]) -> Case:
    """Read a filled Netwerkkaart workbook into a Case (never writes to it). Raises FileProblem."""
    return read(pad)


def controleer(bron: Source, profiel: ProfielBron = None) -> Controle:
    """Check a workbook (a path, or a Case already read): every finding, by sheet, errors first.
    Under the organisation profile, a retired value gives a warning and a declared rename counts
    as the value it renamed."""
    if isinstance(bron, Controle):
        return bron
    return check(bron, profiel_zoeken(profiel, _near(bron)))


def verslag(bron: Source, beraad: str | None = None, uit: str | os.PathLike[str] | None = None,
            pdf: bool = False, profiel: ProfielBron = None) -> Verslag:
    """Write the report of a network meeting (the latest by default) as .docx (and .pdf with `pdf`).
    The check runs first: errors stop it (`policy.ReportBlocked`, exit code 1). By default the
    report goes beside the workbook, under a name that says case, kind and date; never over a file.
    The profile's templates and organisation name are used when one applies."""
    from .reports import meeting_report

    return meeting_report(controleer(bron, profiel), workbook_path(bron), beraad, uit, pdf)


def eindevaluatie(bron: Source, uit: str | os.PathLike[str] | None = None, pdf: bool = False,
                  profiel: ProfielBron = None) -> Verslag:
    """Write the final evaluation of a case as .docx (and .pdf with `pdf`); checks first, like `verslag`."""
    from .reports import evaluation_report

    return evaluation_report(controleer(bron, profiel), workbook_path(bron), uit, pdf)


def bijwerken(paden: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], profiel: ProfielBron = None,
              proef: bool = False, voortgang: bool | Callable[[int, int], None] | None = None) -> Bijwerking:
    """Upgrade workbooks (files, or every .xlsm in folders) to the current template version and
    the organisation's lists. Each old file moves, untouched, into a backup folder beside it
    (`werkboek-oud <date>`); the upgraded one takes its name. With `proef`, nothing changes and the
    result says what would happen. Files open in Excel, unreadable or newer are skipped with a reason."""
    from .upgrade import upgrade_all

    items = [paden] if isinstance(paden, (str, os.PathLike)) else list(paden)
    prof = profiel if isinstance(profiel, Profiel) else (find(profiel, items[0]) if items else find(profiel))
    return upgrade_all([Path(p) for p in items], prof, proef, voortgang)


def veiligheidsplan(bron: Source, uit: str | os.PathLike[str] | None = None, pdf: bool = False,
                    profiel: ProfielBron = None) -> Verslag:
    """Write the safety plan (its latest version on Planversies) as .docx for the family and the
    network; checks first, like `verslag`, and holds nothing internal except the phone numbers of
    people who agreed to be called. Each version is its own file; earlier ones stay."""
    from .reports import safety_plan_report

    return safety_plan_report(controleer(bron, profiel), workbook_path(bron), uit, pdf)


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
    export_groepen: list[str] | tuple[str, ...] = (),
    profiel: ProfielBron = None,
) -> Uitkomst:
    """Merge the case workbooks in `mappen` (recursively) into yearly figures: `uit` (.xlsx) and a
    Word report beside it (.docx), both anonymous and suppressed, and the coordinator's own file
    ('... - coördinator.xlsx': the cases under pseudonyms and the files that did not count, with
    the reason). With `export_csv`, also the egor research tables, with only the grouping columns
    of `export_groepen` (team, eenheid, hulpvorm, methode, centrale-persoon, jaren). Returns
    `.werkmap`, `.verslag`, `.coordinator`, `.export`, the merged `.cijfers`, `.exitcode`, and the
    published tables as pandas DataFrames: `.tabellen["Per team"]` (pd.NA where the sheet shows a
    mark) with `.markeringen["Per team"]` (the marks). Unusable files are listed on the Problemen
    sheet of the coordinator's file, never dropped silently. `voortgang`: a progress bar (default:
    only on a terminal), or a function called with (read, total) about twice a second."""
    from .yearly import run

    folders = [mappen] if isinstance(mappen, (str, os.PathLike)) else list(mappen)
    prof = profiel_zoeken(profiel, folders[0] if folders else None)
    return run.run(run.Request(folders, year=jaar, out=uit, key=sleutel, threshold=drempel, export=export_csv,
                               overwrite=overschrijf, progress=voortgang, export_groups=tuple(export_groepen),
                               profile=prof))


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
