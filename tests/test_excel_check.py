"""`werkboek excel-check`: what IT sees on a PC, for Linux here and (with the platform given) Windows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from werkboek import cli, excel_check
from werkboek.excel_check import MISSING, NOT_HERE, PRESENT, TIP, diagnose, has_missing


@pytest.fixture
def pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Windows user profile under tmp_path: APPDATA, and xlwings' user config file."""
    import xlwings

    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(tmp_path / ".xlwings" / "xlwings.conf"))
    (tmp_path / ".xlwings").mkdir()
    return tmp_path


def by_what(checks: list[excel_check.Check]) -> dict[str, excel_check.Check]:
    return {c.what: c for c in checks}


def configure(pc: Path, **settings: str) -> None:
    lines = [f'"{key}","{value}"\n' for key, value in settings.items()]
    (pc / ".xlwings" / "xlwings.conf").write_text("".join(lines), encoding="utf-8")


def test_on_linux_the_excel_part_is_not_applicable(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["excel-check"]) == 0
    out = capsys.readouterr().out
    assert "IN ORDE    Python: versie" in out and "IN ORDE    xlwings: versie" in out
    assert f"{NOT_HERE.upper()}" in out and "alleen met Excel op Windows of Mac" in out


def test_a_fresh_windows_pc_is_told_what_to_install(pc: Path) -> None:
    checks = by_what(diagnose(platform="win32"))
    addin = checks["xlwings-invoegtoepassing"]
    assert addin.status == MISSING and "xlwings addin install" in addin.todo
    assert str(pc / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "xlwings.xlam") in addin.detail
    interpreter = checks["Python voor Excel"]
    assert interpreter.status == MISSING and "xlwings config create --force" in interpreter.todo
    assert checks["UDF-server"].status == TIP


def test_a_ready_windows_pc_passes_the_excel_checks(pc: Path) -> None:
    addin = pc / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "xlwings.xlam"
    addin.parent.mkdir(parents=True)
    addin.write_bytes(b"xlam")
    configure(pc, INTERPRETER_WIN=sys.executable, **{"USE UDF SERVER": "True"})
    checks = by_what(diagnose(platform="win32"))
    assert checks["xlwings-invoegtoepassing"].status == PRESENT
    assert checks["Python voor Excel"].status == PRESENT and "laadt werkboek" in checks["Python voor Excel"].detail
    assert checks["UDF-server"].status == PRESENT


def test_an_interpreter_that_is_gone_or_lacks_werkboek_is_missing(pc: Path) -> None:
    configure(pc, INTERPRETER_WIN=str(pc / "Python311" / "python.exe"))
    gone = by_what(diagnose(platform="win32"))["Python voor Excel"]
    assert gone.status == MISSING and "bestaat niet" in gone.detail
    other = pc / "andere-python"
    other.write_text("#!/bin/sh\nexit 1\n")
    other.chmod(0o755)
    configure(pc, INTERPRETER_WIN=str(other))
    lacking = by_what(diagnose(platform="win32"))["Python voor Excel"]
    assert lacking.status == MISSING and "kan werkboek of xlwings niet laden" in lacking.detail
    assert "-m pip install werkboek" in lacking.todo


def test_a_downloaded_workbook_is_reported_blocked(pc: Path, template_path: Path) -> None:
    book = pc / "Netwerkkaart.xlsm"
    book.write_bytes(template_path.read_bytes())
    assert by_what(diagnose(book, platform="win32"))["Werkmap"].status == PRESENT
    # Windows keeps the Mark of the Web in an alternate stream "Netwerkkaart.xlsm:Zone.Identifier";
    # on Linux that name is an ordinary file, which is what the check opens.
    Path(f"{book}:Zone.Identifier").write_text("[ZoneTransfer]\r\nZoneId=3\r\n", encoding="utf-8")
    blocked = by_what(diagnose(book, platform="win32"))["Werkmap"]
    assert blocked.status == MISSING and "Blokkering opheffen" in blocked.todo


def test_a_file_that_is_no_workbook_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "Netwerkkaart.xlsm"
    bad.write_text("geen werkmap")
    assert cli.main(["excel-check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "ONTBREEKT  Werkmap: dit is geen Excel-werkmap." in out
    assert has_missing(diagnose(bad))
