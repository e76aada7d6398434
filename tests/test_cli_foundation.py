"""`werkboek nieuw`, `werkboek demo` and the command line itself: Dutch output, exit codes.

Most tests run the command line in this process (tests/commands.py). The real processes here are
kept because the process boundary is what they check: the installed `werkboek` script and
`python -m werkboek` give the shell the exit code and no traceback, and Ctrl+C ends a command.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import python_calamine

from tests.commands import process, werkboek
from werkboek.workbook import schema


def test_nieuw_writes_a_workbook_and_never_overwrites(tmp_path: Path) -> None:
    # A real process through the installed entry point (pyproject's [project.scripts]): what a
    # user types, the exit codes the shell sees, no traceback.
    script = Path(sys.executable).with_name("werkboek")
    if not script.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the werkboek script is not installed beside {sys.executable} (scripts/setup-env installs it)")
        pytest.skip("the werkboek script is not installed beside this Python")
    target = tmp_path / "Gezin.xlsm"
    first = process(script, "nieuw", target)
    assert first.returncode == 0 and "geschreven" in first.stdout
    assert python_calamine.CalamineWorkbook.from_path(str(target)).sheet_names == list(schema.SHEET_ORDER)
    target.write_bytes(b"ingevuld werk")
    again = process(script, "nieuw", target)
    assert again.returncode == 2 and "bestaat al" in again.stderr and "Traceback" not in again.stderr
    assert target.read_bytes() == b"ingevuld werk"


def test_python_m_werkboek_is_the_command_line(tmp_path: Path) -> None:
    # A real process: `python -m werkboek` (werkboek/__main__.py, for a PC where the script is not
    # on PATH) hands main's exit code to the shell.
    target = tmp_path / "bestaat.xlsm"
    target.write_bytes(b"ingevuld werk")
    ran = process(sys.executable, "-m", "werkboek", "nieuw", target)
    assert ran.returncode == 2 and "bestaat al" in ran.stderr and "Traceback" not in ran.stderr


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    out = werkboek(capsys, "--help").stdout
    assert "gebruik: werkboek" in out and "commando's" in out and "toon deze hulp" in out
    bad = werkboek(capsys, "bestaat-niet")
    assert bad.returncode == 2 and "ongeldige keuze" in bad.stderr


def test_ctrl_c_stops_a_command_in_dutch_without_a_traceback() -> None:
    # A real process and a real SIGINT: Python turns it into KeyboardInterrupt wherever the
    # command is. The check is held up so that the signal lands in the middle of the command.
    code = ("import sys, time\nfrom werkboek import api\nfrom werkboek.cli import main\n"
            "def held(*args, **kwargs):\n    print('bezig', flush=True)\n    time.sleep(120)\n"
            "api.controleer = held\nsys.exit(main(['controleer', 'werkmap.xlsm']))\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "bezig\n"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130 and err == "Onderbroken.\n"


def test_demo_writes_the_case_and_a_team_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = werkboek(capsys, "demo", str(tmp_path / "demo"))
    assert out.returncode == 0, out.stderr
    demo = tmp_path / "demo"
    assert (demo / "Netwerkkaart-demo.xlsm").is_file()
    assert len(list((demo / "team").glob("*.xlsm"))) >= 20
    assert len(list(demo.glob("Verslag netwerkberaad 2024-0917 B3 *.docx"))) == 1
    assert len(list(demo.glob("Eindevaluatie 2024-0917 *.docx"))) == 1
    assert (demo / "Jaarcijfers demo.xlsx").is_file() and (demo / "Jaarcijfers demo.docx").is_file()
    for line in ("voorbeelddossier:", "verslag:", "eindevaluatie:", "jaarcijfers:", "teammap met 24 dossiers"):
        assert line in out.stdout
