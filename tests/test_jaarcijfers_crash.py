"""A hostile file kills the worker that reads it, not the merge: it is listed, the rest is counted."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from tests.builders import YEAR, make_case, run_yearly, team_specs
from tests.readers import published_values, sheet_rows
from werkboek.errors import WerkboekError
from werkboek.workbook.builder import build, build_bytes
from werkboek.yearly.harvest import CRASHED


def shared_strings_bomb(path: Path) -> Path:
    """A real workbook whose shared-string table claims two billion entries: calamine reserves
    48 GB for it before reading a cell and aborts the process when it cannot (uncatchable)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_bytes(make_case(team_specs()[0])))) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                body, n = re.subn(rb'uniqueCount="\d+"', b'uniqueCount="2000000000"', body)
                assert n == 1
            zout.writestr(info, body)
    path.write_bytes(out.getvalue())
    return path


def test_a_worker_crash_lists_that_file_and_merges_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    specs = team_specs()[1:12]
    for s in specs:
        build(folder / f"werkmap-{s.i:02d}.xlsm", make_case(s))
    shared_strings_bomb(folder / "werkmap-05b.xlsm")  # sorted among the others, mid-run
    done = run_yearly([folder], jaar=YEAR, uit=tmp_path / "J.xlsx", voortgang=False, workers=2)
    problems = {Path(r[0]).name: (r[1], r[2]) for r in sheet_rows(done.coordinator, "Problemen")[4:] if r and r[0]}
    assert problems == {"werkmap-05b.xlsm": (CRASHED, "het lezen brak af (te veel geheugen of een defect onderdeel).")}
    assert len(done.cijfers.used) == len(specs)
    assert published_values(done.werkmap)["Dossiers"] == len(specs)


def test_two_hostile_files_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    for s in team_specs()[:3]:
        build(folder / f"b-{s.i:02d}.xlsm", make_case(s))
    shared_strings_bomb(folder / "a-bom.xlsm")
    shared_strings_bomb(folder / "c-bom.xlsm")
    done = run_yearly([folder], jaar=YEAR, uit=tmp_path / "J.xlsx", voortgang=False, workers=2)
    assert sorted(Path(p.file).name for p in done.cijfers.problems) == ["a-bom.xlsm", "c-bom.xlsm"]
    assert {p.kind for p in done.cijfers.problems} == {CRASHED}
    assert len(done.cijfers.used) == 3


def _small_team(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    for s in team_specs()[:2]:
        build(folder / f"w-{s.i:02d}.xlsm", make_case(s))
    return folder


def test_the_report_written_beside_the_workbook_survives_its_process(tmp_path: Path, monkeypatch) -> None:
    """The Word report is written in a forked process while the workbook is written: when that
    process dies, the report is written in the command's own process instead."""
    from werkboek.yearly import report as yearly_report

    parent, write = os.getpid(), yearly_report.write
    monkeypatch.setattr(yearly_report, "write",
                        lambda *a, **k: write(*a, **k) if os.getpid() == parent else os._exit(3))
    done = run_yearly([_small_team(tmp_path)], jaar=YEAR, uit=tmp_path / "J.xlsx", voortgang=False, workers=1)
    assert done.verslag.exists() and done.werkmap.exists()


def test_a_report_problem_reaches_the_user_in_dutch(tmp_path: Path, monkeypatch) -> None:
    from werkboek.yearly import report as yearly_report

    def refuse(*args: object, **kwargs: object) -> None:
        raise WerkboekError("J.docx is geopend in Word.", "Sluit het verslag en probeer opnieuw.")

    monkeypatch.setattr(yearly_report, "write", refuse)
    with pytest.raises(WerkboekError) as err:
        run_yearly([_small_team(tmp_path)], jaar=YEAR, uit=tmp_path / "J.xlsx", voortgang=False, workers=1)
    assert (err.value.message, err.value.todo) == ("J.docx is geopend in Word.",
                                                   "Sluit het verslag en probeer opnieuw.")
