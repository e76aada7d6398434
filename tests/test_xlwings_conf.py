"""Every macro workbook werkboek writes carries its xlwings settings on a hidden xlwings.conf
sheet, read back here by xlwings' own reader (and as its VBA add-in reads it), so no PC needs a
per-user step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.xlremote import payload, remote_xlwings
from werkboek import cli
from werkboek.workbook import schema, xlwings_conf

DEFAULT = r"%ProgramW6432%\werkboek\Scripts\pythonw.exe"


@pytest.fixture
def xw(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    return remote_xlwings()


def vba_view(path: Path) -> dict[str, str]:
    """What the add-in's GetConfigFromSheet sees: column A from A1 down to the first empty cell,
    keys upper-cased, the value beside each; the sheet may be hidden."""
    wb = openpyxl.load_workbook(path)
    ws = wb[schema.XLWINGS_SHEET]
    assert ws.sheet_state == "hidden"
    out, row = {}, 1
    while ws.cell(row, 1).value not in (None, ""):
        out[str(ws.cell(row, 1).value).upper()] = ws.cell(row, 2).value
        row += 1
    return out


def test_a_new_workbook_starts_the_bundles_python_with_the_udf_server(tmp_path: Path, xw: Any,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(xlwings_conf.ENV, raising=False)
    path = tmp_path / "Netwerkkaart.xlsm"
    assert cli.main(["nieuw", str(path)]) == 0
    expected = {"INTERPRETER_WIN": DEFAULT, "USE UDF SERVER": "True", "ADD_WORKBOOK_TO_PYTHONPATH": "False"}
    assert vba_view(path) == expected
    from xlwings.utils import read_config_sheet

    assert read_config_sheet(xw.Book(json=payload(xw, path))) == expected  # xlwings' Python side agrees


def test_the_committed_template_carries_the_default(xw: Any) -> None:
    assert vba_view(Path(__file__).resolve().parent.parent / "Netwerkkaart.xlsm")["INTERPRETER_WIN"] == DEFAULT


def test_an_organisation_chooses_its_python_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(xlwings_conf.ENV, r"D:\Apps\werkboek\Scripts\pythonw.exe")
    assert cli.main(["nieuw", str(tmp_path / "a.xlsm")]) == 0
    assert vba_view(tmp_path / "a.xlsm")["INTERPRETER_WIN"] == r"D:\Apps\werkboek\Scripts\pythonw.exe"
    # The option wins over the environment, for both workbooks werkboek writes.
    chosen = r"C:\Python312\pythonw.exe"
    assert cli.main(["jaarcijfers-werkmap", str(tmp_path / "J.xlsm"), "--python-voor-excel", chosen]) == 0
    assert vba_view(tmp_path / "J.xlsm")["INTERPRETER_WIN"] == chosen
    # Empty: no interpreter on the sheet, so each user's own xlwings setting applies.
    assert cli.main(["nieuw", str(tmp_path / "b.xlsm"), "--python-voor-excel", ""]) == 0
    assert vba_view(tmp_path / "b.xlsm") == {"USE UDF SERVER": "True", "ADD_WORKBOOK_TO_PYTHONPATH": "False"}
    assert xlwings_conf.interpreter({}) == DEFAULT  # nothing chosen after the build


def test_the_sheet_holds_no_case_data(demo_path: Path) -> None:
    values = {str(v) for row in openpyxl.load_workbook(demo_path)[schema.XLWINGS_SHEET].iter_rows(values_only=True)
              for v in row if v is not None}
    settings = xlwings_conf.settings()
    assert values == {k for k, _ in settings} | {v for _, v in settings} | {xlwings_conf.NOTE}
