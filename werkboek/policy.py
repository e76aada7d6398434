"""The one policy path: read a workbook, check it, and let errors block what is made from it.

Every face goes through here: the API (and so the command line), the Excel buttons (which read
the live book themselves and hand over the Case) and the yearly workers. A report or a yearly
figure is made only from a `Controle` without errors. `Controle` is what `api.controleer`
returns, so its names are Dutch, like the API's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .checks import check as run_checks
from .checks.findings import Finding, count_text
from .errors import EXIT_FINDINGS, WerkboekError
from .profile import Profiel, apply
from .workbook.model import Case
from .workbook.reader import read_case


class ReportBlocked(WerkboekError):
    """The check found errors: nothing is made (exit code 1). `findings` are all of them."""

    exit_code = EXIT_FINDINGS

    def __init__(self, where: str, findings: list[Finding]) -> None:
        self.findings = findings
        lines = "\n".join(f"  {f}" for f in findings if f.is_error)
        super().__init__(f"{where}: de controle vond {count_text(findings)}; er is geen verslag gemaakt.\n{lines}\n",
                         "Los de fouten op (de knop Controleer zet ze ook op het blad Controle) en probeer opnieuw.")


@dataclass(frozen=True)
class Controle:
    """A case (`dossier`) with every finding of its check (`meldingen`: by sheet, errors first)."""

    dossier: Case
    meldingen: list[Finding]

    @property
    def fouten(self) -> list[Finding]:
        return [f for f in self.meldingen if f.is_error]

    @property
    def waarschuwingen(self) -> list[Finding]:
        return [f for f in self.meldingen if not f.is_error]

    def zonder_fouten(self) -> Case:
        """The case, or ReportBlocked when the check found errors."""
        if self.fouten:
            raise ReportBlocked(self.dossier.source or self.dossier.label, self.meldingen)
        return self.dossier


Source = Case | Controle | str | os.PathLike[str]


def read(path: str | os.PathLike[str]) -> Case:
    """A workbook file as a Case (never writes to it). Raises FileProblem when it cannot be read."""
    return read_case(path)


def check(source: Source, profiel: Profiel | None = None) -> Controle:
    """Check a case, or the workbook at a path (read first), under the organisation's profile if
    given (its renames and retired values); a Controle is returned as it is."""
    if isinstance(source, Controle):
        return source
    case = apply(source if isinstance(source, Case) else read(source), profiel)
    return Controle(case, run_checks(case))


def workbook_path(source: Source) -> Path | None:
    """The file a case was read from, if it was read from one."""
    if isinstance(source, (str, os.PathLike)):
        return Path(source)
    case = source.dossier if isinstance(source, Controle) else source
    return Path(case.source) if case.source and Path(case.source).is_file() else None
