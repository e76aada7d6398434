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
from werkboek.workbook.model import Case, Record
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


# --- version 1, as it was committed: the fixtures were built by the version-1 builder ------------------

FIXTURES = Path(__file__).parent / "fixtures"


def same(a: Case, b: Case) -> bool:
    """The same case: dossier, tables and lists (whatever template version each came from), as far
    as the older of the two can hold it (a version-2 workbook has no Signs of Safety sheets)."""
    version = min(a.template_version, b.template_version)

    def held(case: Case) -> dict[str, list[Record]]:
        return {k: v for k, v in case.tables.items() if schema.TABLE_BY_KEY[k].since <= max(version, 2)}

    return (a.dossier, held(a), a.lists) == (b.dossier, held(b), b.lists)


def test_the_committed_version_1_workbook_reads_as_an_empty_case() -> None:
    case = read_case(FIXTURES / "Netwerkkaart-v1.xlsm")
    assert case.template_version == 1
    assert same(case, Case.empty()) and case.missing_columns == {} and case.derived_ids == {}


def test_a_filled_version_1_workbook_reads_to_the_same_case(demo_case: Case) -> None:
    """The demo case written by the version-1 builder: one row per placement on Cirkels, IDs in the
    references ("P01, P04"), "P01 – Zoë" entries, the list names in row 1 of Lijsten."""
    case = read_case(FIXTURES / "Demo-v1.xlsm")
    assert case.template_version == 1
    assert same(case, demo_case)
    assert case.placements[0].cell("cirkel") == "Cirkels!E2"  # the old layout's own cells
    assert check(case) == []


def test_each_layout_is_recognised_when_the_marker_says_otherwise(demo_case: Case, tmp_path: Path) -> None:
    """A worker can unhide the picker sheet and change the version: the sheets' headers decide."""
    from werkboek.workbook.reader import parse_grids
    from werkboek.workbook.source import read_grids

    for path, own in ((FIXTURES / "Demo-v1.xlsm", 1), (build(tmp_path / "v2.xlsm", demo_case), 2)):
        grids = read_grids(path)
        for version in (None, 0, 1, 2, 7):
            marker = grids[schema.PICKER_SHEET][0]
            marker[marker.index(schema.VERSION_MARKER) + 1] = version
            assert parse_grids(grids).placements == demo_case.placements, (own, version)


def test_a_version_1_workbook_saved_by_libreoffice_reads_to_the_same_case(office, demo_case: Case,
                                                                          tmp_path: Path) -> None:
    with office.open(FIXTURES / "Demo-v1.xlsm") as book:
        saved = book.save_as(tmp_path / "v1 opgeslagen.xlsm")
    case = read_case(saved)
    assert case.template_version == 1 and same(case, demo_case)


def test_every_reshaped_sheet_has_its_old_layout_declared() -> None:
    """Version 1 to 2 reshaped Cirkels: its version-1 layout is in the table, with the same record keys."""
    assert set(migrations.LAYOUTS[1]) == {"cirkels"}
    old = migrations.LAYOUTS[1]["cirkels"]
    assert [c.key for c in old.columns] == [c.key for c in schema.CIRKELS.columns] and old.grid is None
    assert migrations.layouts(1, schema.CIRKELS)[0] is old
    assert migrations.layouts(2, schema.CIRKELS)[0] is schema.CIRKELS
    assert migrations.layouts(None, schema.CIRKELS)[0] is old  # no marker: older than markers
