"""Renamed list values never silently change a figure (issue 15).

A worker or an organisation renames "gedaan" to "afgerond" and "professioneel" to "professionele
hulp" on Lijsten, through LibreOffice Calc, and uses the new values in the rows. Without a
declared rename the check warns on the list (`betekenis-ontbreekt`); with the rename declared in
the organisation profile (also filled through Calc) the final evaluation and the yearly figures
are exactly those of the unrenamed case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from werkboek import figures
from werkboek.policy import check
from werkboek.profile import read_profile, write_empty
from werkboek.reports.evaluation import evaluation_context
from werkboek.workbook import schema
from werkboek.workbook.reader import read_case
from werkboek.yearly import harvest
from werkboek.yearly.pseudonyms import random_pseudonymizer

RENAMES = {"status": ("gedaan", "afgerond"), "sector": ("professioneel", "professionele hulp")}


def _list_cell(key: str, value: str) -> str:
    """Where a default list value is on a built Lijsten sheet (or on the empty profile's)."""
    col = [lst.key for lst in schema.LISTS].index(key)
    row = schema.LIST_BY_KEY[key].values.index(value) + schema.LISTS_HEADER_ROW + 1
    return f"{schema.col_letter(col)}{row}"


@pytest.fixture(scope="module")
def renamed(office, demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case with both values renamed on Lijsten and in every row, saved by LibreOffice."""
    case = read_case(demo_path)
    out = tmp_path_factory.mktemp("hernoemd") / "hernoemd.xlsm"
    with office.open(demo_path) as book:
        for key, (old, new) in RENAMES.items():
            assert book.text(schema.LISTS_SHEET, _list_cell(key, old)) == old
            book.set_text(schema.LISTS_SHEET, _list_cell(key, old), new)
        rows = [(a, "status") for a in case.actions] + [(p, "sector") for p in case.persons]
        for rec, key in rows:
            old, new = RENAMES[key]
            if rec.get(key) == old:
                sheet, _, cell = rec.cell(key).partition("!")
                book.set_text(sheet, cell, new)
        book.save_as(out)
    return out


@pytest.fixture(scope="module")
def profile(office, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile that declares both renames, filled in Calc as a beheerder fills it in Excel."""
    folder = tmp_path_factory.mktemp("profiel")
    empty = write_empty(folder / "leeg.xlsx")
    out = folder / "werkboek-profiel.xlsx"
    with office.open(empty) as book:
        for r, (key, (old, new)) in enumerate(RENAMES.items(), start=3):
            book.set_text("Lijsten", _list_cell(key, old), new)
            book.set_text("Hernoemd", f"A{r}", schema.LIST_BY_KEY[key].name)
            book.set_text("Hernoemd", f"B{r}", old)
            book.set_text("Hernoemd", f"C{r}", new)
        book.save_as(out)
    return out


def test_the_rows_really_carry_the_new_spelling(renamed: Path, demo_path: Path) -> None:
    before, after = read_case(demo_path), read_case(renamed)
    done = sum(a.get("status") == "gedaan" for a in before.actions)
    assert done > 0 and sum(a.get("status") == "afgerond" for a in after.actions) == done
    assert "gedaan" not in after.lists["status"] and "afgerond" in after.lists["status"]
    assert "professionele hulp" in after.lists["sector"]


def test_without_a_declared_rename_the_check_warns_on_the_list(renamed: Path) -> None:
    found = check(renamed).meldingen
    warned = {(f.code, f.ref) for f in found if f.code == "betekenis-ontbreekt"}
    assert warned == {("betekenis-ontbreekt", "Lijsten!L2"), ("betekenis-ontbreekt", "Lijsten!C2")}
    status = next(f for f in found if f.ref == "Lijsten!L2")
    assert "'gedaan'" in status.message and "'afgerond'" in status.message and "profiel" in status.fix
    assert not any(f.is_error for f in found)


def test_with_the_rename_in_the_profile_the_figures_are_those_of_the_meaning(renamed: Path, profile: Path,
                                                                            demo_path: Path) -> None:
    prof = read_profile(profile)
    assert prof.meldingen == ()
    original = check(demo_path).dossier
    controle = check(renamed, prof)
    assert not any(f.code == "betekenis-ontbreekt" for f in controle.meldingen)
    case = controle.dossier
    assert figures.case_figures(case) == figures.case_figures(original)
    assert figures.case_figures(case).actions_done > 0
    start, start0 = figures.moment_figures(case, figures.START), figures.moment_figures(original, figures.START)
    assert start.informal_share == start0.informal_share < 1
    assert start.per_sector_meaning == start0.per_sector_meaning
    # The final evaluation says what the original says, figure for figure ("14 gedaan", not "0 gedaan").
    ours, theirs = evaluation_context(case), evaluation_context(original)
    for key in ("acties_samenvatting", "beraden", "veranderingen"):
        assert ours[key] == theirs[key]
    assert [r["gedaan"] for r in ours["acties_per_persoon"]] == [r["gedaan"] for r in theirs["acties_per_persoon"]]
    assert [(r["start"], r["einde"]) for r in ours["cijfers"] if "informeel" in r["label"].casefold()] == \
        [(r["start"], r["einde"]) for r in theirs["cijfers"] if "informeel" in r["label"].casefold()]


def test_with_the_rename_in_the_profile_the_yearly_numbers_are_those_of_the_meaning(renamed: Path, profile: Path,
                                                                                   demo_path: Path) -> None:
    pseudonyms = random_pseudonymizer()
    plain = harvest.Settings(pseudonyms, network=False)
    with_profile = harvest.Settings(pseudonyms, network=False, profile=read_profile(profile))
    original = harvest.examine(demo_path, "origineel", plain)
    ours = harvest.examine(renamed, "hernoemd", with_profile)
    unprofiled = harvest.examine(renamed, "hernoemd", plain)
    assert isinstance(original, harvest.Used) and isinstance(ours, harvest.Used)
    assert ours.numbers == original.numbers
    # Without the profile the numbers do change: the warning above is what keeps that from being silent.
    assert isinstance(unprofiled, harvest.Used) and unprofiled.numbers != original.numbers
    assert unprofiled.warnings > original.warnings
