"""What a check found, and the forms it is shown in: a text line, JSON, a row of the Controle sheet.

A finding names the sheet, the cell and the row (e.g. "Acties!F7 (actie A3)"), says what is wrong
with the value and how to fix it, in Dutch. `fout` blocks a report; `waarschuwing` does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..workbook import schema

ERROR, WARNING = "fout", "waarschuwing"

_CELL_RE = re.compile(r"^([A-Z]{1,3})(\d+)$")
_SHEET_RANK = {name: i for i, name in enumerate(schema.SHEET_ORDER)}


@dataclass(frozen=True)
class Finding:
    code: str  # stable, Dutch kebab-case: "onbekende-persoon"
    severity: str  # ERROR or WARNING
    sheet: str  # Dutch sheet name
    cell: str  # "D7", or "" for the sheet as a whole
    message: str  # what is wrong, naming the value
    fix: str  # how to fix it
    label: str = ""  # the row: "actie A3"

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def link(self) -> str:
        """Hyperlink target inside the workbook: "#'Acties'!D7" (A1 for a sheet-level finding)."""
        return "#'{}'!{}".format(self.sheet.replace("'", "''"), self.cell or "A1")

    def __str__(self) -> str:
        where = f"{self.ref} ({self.label})" if self.label else self.ref
        return f"{where}: {self.message} {self.fix}"

    def as_dict(self) -> dict[str, str]:
        """The stable JSON form (keys in Dutch, as documented in docs/controles.md)."""
        return {
            "code": self.code,
            "ernst": self.severity,
            "blad": self.sheet,
            "cel": self.cell,
            "melding": self.message,
            "oplossing": self.fix,
            "label": self.label,
        }


def sort_key(f: Finding) -> tuple[int, int, int, int, str]:
    """Sheets in workbook order; within a sheet errors first, then by row and column."""
    m = _CELL_RE.match(f.cell)
    row = col = 0
    if m:
        row = int(m.group(2))
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
    return (_SHEET_RANK.get(f.sheet, len(_SHEET_RANK)), 0 if f.is_error else 1, row, col, f.code)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for f in findings:
        if f.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def count_text(findings: Iterable[Finding]) -> str:
    """'3 fouten, 1 waarschuwing'."""
    errors, warnings = counts(findings)
    return (f"{errors} {'fout' if errors == 1 else 'fouten'}, "
            f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")


def control_rows(findings: Iterable[Finding]) -> list[tuple[list[str], str]]:
    """Rows for the Controle sheet (columns schema.CHECK_COLUMNS) with each row's hyperlink target."""
    rows = []
    for f in findings:
        message = f"{f.label}: {f.message}" if f.label else f.message
        rows.append(([f.severity, f.sheet, f.cell, message, f.fix, f.code], f.link))
    return rows


def text_report(path: str, findings: list[Finding]) -> str:
    """The findings of one file for the terminal: a summary line, then per sheet, errors first."""
    lines = [f"{path}: {count_text(findings)}" if findings else f"{path}: in orde, geen fouten of waarschuwingen."]
    sheet = None
    for f in sorted(findings, key=sort_key):
        if f.sheet != sheet:
            sheet = f.sheet
            lines.append(f"  Blad {sheet}")
        lines.append(f"    {f.severity}: {f}")
    return "\n".join(lines)


def file_result(path: str, findings: list[Finding]) -> dict[str, object]:
    """One checked file in the stable JSON form of `werkboek controleer --json`."""
    errors, warnings = counts(findings)
    return {
        "pad": path,
        "status": "fouten" if errors else "in-orde",
        "fouten": errors,
        "waarschuwingen": warnings,
        "meldingen": [f.as_dict() for f in sorted(findings, key=sort_key)],
    }


def skipped_result(path: str, code: str, reason: str) -> dict[str, object]:
    """A file that is no workbook to check, such as Excel's lock file, in the JSON form."""
    return {"pad": path, "status": "overgeslagen", "code": code, "reden": reason}


def problem_result(path: str, code: str, problem: str, fix: str) -> dict[str, object]:
    """One unreadable file in the JSON form (`code` from errors.PROBLEMS)."""
    return {"pad": path, "status": "onleesbaar", "code": code, "probleem": problem, "oplossing": fix}
