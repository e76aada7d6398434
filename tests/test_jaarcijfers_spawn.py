"""The yearly merge on the Windows and macOS path, forced on Linux: spawned workers without a memory
cap or an alarm. They refuse absurd sheet sizes before reading, the parent's timeout ends a read
that hangs, and the same folder gives the same figures as the capped fork path."""

from __future__ import annotations

import io
import re
import sys
import time
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.builders import YEAR, make_case, team_specs
from tests.builders import run_yearly as run
from werkboek.workbook.builder import build, build_bytes
from werkboek.yearly import harvest
from werkboek.yearly.pseudonyms import make_key, random_pseudonymizer


def stray_cell(path: Path) -> Path:
    """A real case workbook (a ninth case of the team) with one stray value at AHP150000 on
    Personen: a dense read of that sheet would be 135 million cells (16 s and 5.3 GB measured
    without a cap), so the reader leaves the far cell out and names it in a warning."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_bytes(make_case(team_specs()[8])))) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        sheets = re.findall(r'<sheet name="([^"]+)"', zin.read("xl/workbook.xml").decode())
        part = f"xl/worksheets/sheet{sheets.index('Personen') + 1}.xml"
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == part:
                stray = b'<row r="150000"><c r="AHP150000"><v>1</v></c></row></sheetData>'
                body, n = re.subn(rb"</sheetData>", stray, body)
                assert n == 1
            zout.writestr(info, body)
    path.write_bytes(out.getvalue())
    return path


def every_sheet(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    team = tmp_path_factory.mktemp("team")
    for s in team_specs()[:8]:
        build(team / f"werkmap-{s.i:02d}.xlsm", make_case(s))
    stray_cell(team / "werkmap-04b.xlsm")
    return team


def test_start_method_follows_the_platform_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(harvest.START_METHOD_ENV, raising=False)
    assert harvest.start_method() == ("fork" if sys.platform.startswith("linux") else "spawn")
    monkeypatch.setenv(harvest.START_METHOD_ENV, "spawn")
    assert harvest.start_method() == "spawn"


def test_the_same_folder_gives_the_same_figures_on_both_paths(folder: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    key = make_key(tmp_path / "j.sleutel")  # the same pseudonyms in both runs
    outcomes = {}
    for start in ("fork", "spawn"):
        monkeypatch.setenv(harvest.START_METHOD_ENV, start)
        started = time.monotonic()
        outcomes[start] = run([folder], jaar=YEAR, uit=tmp_path / f"J-{start}.xlsx", sleutel=key, workers=2)
        assert time.monotonic() - started < 60
    fork, spawn = (every_sheet(outcomes[s].werkmap) for s in ("fork", "spawn"))
    problems = {s: {(Path(p.file).name, p.kind) for p in outcomes[s].cijfers.problems} for s in outcomes}
    # The stray cell is left out on both paths (and named in the workbook's warnings): the case counts.
    assert problems["spawn"] == problems["fork"] == set()
    assert len(outcomes["spawn"].cijfers.used) == len(outcomes["fork"].cijfers.used) == 9
    assert {k: v for k, v in fork.items() if k != "Problemen"} == {k: v for k, v in spawn.items() if k != "Problemen"}


def test_a_read_that_hangs_is_ended_by_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker has no alarm: a read that never returns (a stalled network share, a reader
    bug) is ended from the parent after the file's timeout and a margin, and listed."""
    hook = tmp_path / "hook"
    hook.mkdir()
    # Installed in every spawned worker at start: the read of one file sleeps for an hour.
    (hook / "sitecustomize.py").write_text(
        "import os, time\n"
        "import werkboek.workbook.source as source\n"
        "_open = source.open_book\n"
        "def open_book(path, *args, **kwargs):\n"
        "    if os.path.basename(str(path)) == 'hangt.xlsm':\n"
        "        time.sleep(3600)\n"
        "    return _open(path, *args, **kwargs)\n"
        "source.open_book = open_book\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(hook))
    team = tmp_path / "team"
    team.mkdir()
    for s in team_specs()[:3]:
        build(team / f"w-{s.i:02d}.xlsm", make_case(s))
    (team / "hangt.xlsm").write_bytes((team / "w-00.xlsm").read_bytes())
    found = harvest.scan([team])
    settings = harvest.Settings(random_pseudonymizer(), network=False, start="spawn", timeout=2.0)
    started = time.monotonic()
    results = harvest.harvest(found.candidates, settings, workers=2)
    took = time.monotonic() - started
    by_name = {Path(r.file).name: r for r in results}
    hung = by_name.pop("hangt.xlsm")
    assert isinstance(hung, harvest.Problem) and hung.kind == harvest.TOO_SLOW, hung
    assert all(isinstance(r, harvest.Used) for r in by_name.values()) and len(by_name) == 3
    assert took < 4 * (settings.timeout + harvest.MARGIN) + 20  # ended, not waited for
    import multiprocessing

    assert multiprocessing.active_children() == []  # no worker left behind
