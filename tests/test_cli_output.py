"""The command line never fails on its own output: a console or redirect that cannot show 'ı' or
an emoji (Windows gives a redirected run its ANSI code page), `python -m werkboek`, pythonw."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from werkboek import cli

NAME = "Netwerkkaart Yılmaz 👶.xlsm"


def werkboek(*args: str, encoding: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command, in a fresh interpreter, with its output in `encoding` (PYTHONIOENCODING)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "werkboek", *args], capture_output=True, env=env, cwd=cwd,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def odd_name(tmp_path_factory: pytest.TempPathFactory, template_path: Path) -> Path:
    path = tmp_path_factory.mktemp("naam") / NAME
    path.write_bytes(template_path.read_bytes())
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp850"])
def test_a_check_prints_a_name_its_output_cannot_hold(odd_name: Path, encoding: str) -> None:
    done = werkboek("controleer", str(odd_name), encoding=encoding)
    out, err = done.stdout.decode(encoding), done.stderr.decode(encoding)
    assert "Onverwachte fout" not in err and "Traceback" not in err
    assert done.returncode == 1  # the empty template has errors: a finding, not a crash (2)
    assert "Netwerkkaart Y" in out and "\\U0001f476" in out and "Dossier" in out  # the name, escaped where needed


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp850"])
def test_json_stays_valid_and_names_the_file_exactly(odd_name: Path, encoding: str) -> None:
    done = werkboek("controleer", "--json", str(odd_name), encoding=encoding)
    assert done.returncode == 1 and done.stderr == b""
    [result] = json.loads(done.stdout.decode(encoding))
    assert result["pad"] == str(odd_name) and result["status"] == "fouten"


def test_yearly_figures_of_a_folder_with_a_turkish_name(tmp_path: Path, template_path: Path) -> None:
    """The files used to be written, then printing their names crashed, and a rerun refused them."""
    from tests.builders import YEAR, make_case, team_specs
    from werkboek.workbook.builder import build

    team = tmp_path / "Team Gülşen"
    team.mkdir()
    for s in team_specs()[:2]:
        build(team / f"Netwerkkaart Gülşen {s.i}.xlsm", make_case(s))
    out = tmp_path / "Jaarcijfers Gülşen.xlsx"
    done = werkboek("jaarcijfers", str(team), "--jaar", str(YEAR), "-o", str(out), encoding="cp1252")
    text = done.stdout.decode("cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252")
    assert "Jaarcijfers G\\xfcl\\u015fen.xlsx" not in text  # ü is in cp1252: only ş is escaped
    assert "Jaarcijfers Gül\\u015fen.xlsx" in text and out.is_file() and out.with_suffix(".docx").is_file()


def fake_stream(encoding: str, terminal: bool) -> io.TextIOWrapper:
    class Stream(io.BytesIO):
        def isatty(self) -> bool:
            return terminal

    return io.TextIOWrapper(Stream(), encoding=encoding)


@pytest.mark.parametrize(("terminal", "chosen", "expected"), [
    (False, "", "utf-8"),  # redirected: UTF-8, what Notepad reads
    (True, "", "cp1252"),  # a console keeps its own (Python writes to it in UTF-16 anyway)
    (False, "cp1252", "cp1252"),  # the user chose: respected, without errors
])
def test_on_windows_a_redirected_run_writes_utf8(monkeypatch: pytest.MonkeyPatch, terminal: bool, chosen: str,
                                                   expected: str) -> None:
    out, err = fake_stream("cp1252", terminal), fake_stream("cp1252", terminal)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    cli.safe_streams("win32", {"PYTHONIOENCODING": chosen} if chosen else {})
    for stream in (out, err):
        assert (stream.encoding, stream.errors) == (expected, "backslashreplace")
        print("Yılmaz 👶", file=stream)


def test_without_streams_nothing_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """pythonw.exe (the xlwings UDF server) has no stdout or stderr at all."""
    from werkboek.yearly.harvest import Progress

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    cli.safe_streams("win32", {})
    assert cli.main(["excel-check"]) in (0, 1)
    seen: list[tuple[int, int]] = []
    progress = Progress(3, report=lambda count, total: seen.append((count, total)), every=0)
    assert progress.enabled is False
    progress(1)
    progress(2)
    progress.close()
    assert seen == [(1, 3), (3, 3)]


def test_python_m_werkboek_is_the_command_line(odd_name: Path) -> None:
    done = werkboek("--versie")
    assert done.returncode == 0 and done.stdout.decode().startswith("werkboek ")
    assert werkboek("controleer", str(odd_name.with_name("bestaat-niet.xlsm"))).returncode == 2
