"""Workbooks of an older template version are read through the migration table.

The synthetic older version (0) had the column 'Rol' where version 1 has 'Rol in het plan', and
no column 'Gekozen door' yet. Its rename is added to `migrations.RENAMED` for the test only; the
workbook is a real one built by the builder and then changed as version 0 would have had it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.builders import YEAR, make_case, run_yearly, team_specs
from tests.readers import sheet_rows
from werkboek.checks import check
from werkboek.checks.findings import has_errors
from werkboek.workbook import migrations, schema
from werkboek.workbook.builder import build
from werkboek.workbook.reader import read_case

OLD = {"Rol": "Rol in het plan"}


def with_roles(i: int):
    case = make_case(team_specs()[i])
    for person, role in zip(case.persons[1:], ("steunfiguur", "mentor"), strict=False):
        person.values["rol"] = role
        person.values["gekozen_door"] = "ouder"
    return case


def older(tmp_path: Path, i: int = 0, version: int = 0) -> Path:
    """The case as a version-0 workbook (openpyxl saves this test copy only, never a real one)."""
    wb = openpyxl.load_workbook(build(tmp_path / f"nieuw-{i}.xlsm", with_roles(i)), keep_vba=True)
    ws = wb[schema.PERSONEN.name]
    del ws.tables[schema.PERSONEN.table]  # the older template had no table here
    ws.cell(1, schema.PERSONEN.index("rol") + 1).value = "Rol"
    ws.delete_cols(schema.PERSONEN.index("gekozen_door") + 1)
    wb[schema.PICKER_SHEET]["F1"] = version
    out = tmp_path / f"oud-{i}.xlsx"
    wb.save(out)
    return out


@pytest.fixture
def migration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(migrations.RENAMED, 0, OLD)


def test_header_map_applies_to_that_version_and_older(migration: None) -> None:
    assert migrations.header_map(0) == {"rol": "rol in het plan"}
    assert migrations.header_map(None) == {"rol": "rol in het plan"}  # no marker: older than markers
    assert migrations.header_map(schema.TEMPLATE_VERSION) == {}


def test_an_older_workbook_is_read_through_the_table(tmp_path: Path, migration: None) -> None:
    case = read_case(older(tmp_path))
    assert case.template_version == 0
    assert [p["rol"] for p in case.persons[1:3]] == ["steunfiguur", "mentor"]
    assert all(p["gekozen_door"] is None for p in case.persons)  # did not exist yet: absent, not an error
    assert case.missing_columns == {"personen": ["gekozen_door"]}
    findings = check(case)
    assert not has_errors(findings)
    assert "kolom-ontbreekt" in {f.code for f in findings}


def test_without_the_table_entry_the_renamed_column_is_not_found(tmp_path: Path) -> None:
    case = read_case(older(tmp_path))
    assert all(p["rol"] is None for p in case.persons)
    assert set(case.missing_columns["personen"]) == {"rol", "gekozen_door"}


def test_a_current_workbook_with_an_own_column_called_like_an_old_one_is_not_remapped(tmp_path: Path,
                                                                                      migration: None) -> None:
    path = build(tmp_path / "nieuw.xlsm", with_roles(0))
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb[schema.PERSONEN.name]
    ws.cell(1, len(schema.PERSONEN.columns) + 2).value = "Rol"  # a worker's own extra column
    ws.cell(3, len(schema.PERSONEN.columns) + 2).value = "iets anders"
    wb.save(tmp_path / "nieuw.xlsx")
    case = read_case(tmp_path / "nieuw.xlsx")
    assert case.persons[1]["rol"] == "steunfiguur" and case.missing_columns == {}


def test_older_workbooks_count_in_the_yearly_figures(tmp_path: Path, migration: None) -> None:
    # Worker processes are forked (Linux), so they see the test's entry in the table too.
    folder = tmp_path / "team"
    folder.mkdir()
    older(tmp_path, 0).rename(folder / "oud-0.xlsx")
    build(folder / "nieuw-1.xlsm", with_roles(1))
    done = run_yearly([folder], jaar=YEAR, uit=tmp_path / "J.xlsx", voortgang=False)
    assert done.cijfers.problems == []
    rows = sheet_rows(done.coordinator, "Per dossier")
    versions = sorted(r[rows[3].index("Sjabloonversie")] for r in rows[4:] if r and r[0])
    assert versions == [0, schema.TEMPLATE_VERSION]
