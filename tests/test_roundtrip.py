"""Any valid Case written into a workbook by the builder and read back is equal."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.strategies import cases, examples
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case
from werkboek.workbook.reader import read_case


@settings(max_examples=examples(25), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_case_survives_a_workbook_round_trip(case: Case) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "r.xlsm", case)
        back = read_case(path, isolate=False)
    assert back.dossier == case.dossier
    for key, rows in case.tables.items():
        assert back.tables[key] == rows, key
    assert back.lists == case.lists
    assert back == case


def test_adapted_lists_survive(tmp_path: Path) -> None:
    case = Case.empty()
    case.lists = dict(case.lists, relatie=(*case.lists["relatie"], "plusmama"), rol=("steunfiguur", "buddy"))
    back = read_case(build(tmp_path / "l.xlsm", case))
    assert back.lists["relatie"][-1] == "plusmama"
    assert back.lists["rol"] == ("steunfiguur", "buddy")


def test_read_remembers_cells(tmp_path: Path, demo_case: Case) -> None:
    back = read_case(build(tmp_path / "d.xlsm", demo_case))
    action = back.actions[2]
    assert action.cell("wie") == f"Acties!D{action.row}" and action.row == 4
    assert back.dossier.cell("startdatum") == "Dossier!B14"
    assert back == demo_case
