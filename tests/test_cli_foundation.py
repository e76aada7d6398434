"""`werkboek nieuw` and `werkboek demo` as a user runs them: a real process, Dutch output, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import python_calamine

from werkboek.workbook import schema


def werkboek(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "werkboek.cli", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, check=False)


def test_nieuw_writes_a_workbook_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "Gezin.xlsm"
    first = werkboek("nieuw", str(target))
    assert first.returncode == 0 and "geschreven" in first.stdout
    assert python_calamine.CalamineWorkbook.from_path(str(target)).sheet_names == list(schema.SHEET_ORDER)
    target.write_bytes(b"ingevuld werk")
    again = werkboek("nieuw", str(target))
    assert again.returncode == 2 and "bestaat al" in again.stderr and "Traceback" not in again.stderr
    assert target.read_bytes() == b"ingevuld werk"


def test_help_is_dutch() -> None:
    out = werkboek("--help").stdout
    assert "gebruik: werkboek" in out and "commando's" in out and "toon deze hulp" in out
    bad = werkboek("bestaat-niet")
    assert bad.returncode == 2 and "ongeldige keuze" in bad.stderr


def test_demo_writes_the_case_and_a_team_folder(tmp_path: Path) -> None:
    out = werkboek("demo", str(tmp_path / "demo"))
    assert out.returncode == 0, out.stderr
    demo = tmp_path / "demo"
    assert (demo / "Netwerkkaart-demo.xlsm").is_file()
    assert len(list((demo / "team").glob("*.xlsm"))) >= 20
    assert len(list(demo.glob("Verslag netwerkberaad 2024-0917 B3 *.docx"))) == 1
    assert len(list(demo.glob("Eindevaluatie 2024-0917 *.docx"))) == 1
    assert (demo / "Jaarcijfers demo.xlsx").is_file() and (demo / "Jaarcijfers demo.docx").is_file()
    for line in ("voorbeelddossier:", "verslag:", "eindevaluatie:", "jaarcijfers:", "teammap met 24 dossiers"):
        assert line in out.stdout
