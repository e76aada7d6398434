"""Pseudonyms, key files and small-count suppression."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.builders import YEAR, make_case, run_yearly, team_specs
from tests.readers import sheet_rows
from werkboek.errors import WerkboekError
from werkboek.workbook.builder import build
from werkboek.yearly.pseudonyms import load_key, make_key, random_pseudonymizer
from werkboek.yearly.suppression import FEW_CASES, SECONDARY, SHOWN, SMALL, count_figure, protect_column, ratio_figure


def test_pseudonyms_need_the_key(tmp_path: Path) -> None:
    a, b = load_key(make_key(tmp_path / "a.key")), load_key(make_key(tmp_path / "b.key"))
    assert a.case("2025-017") == load_key(tmp_path / "a.key").case("2025-017")  # same key, same pseudonym
    assert a.case("2025-017") != b.case("2025-017")
    assert a.case(" 2025 -  017 ") == a.case("2025 - 017") and a.case("AB12") == a.case("ab12")
    assert a.case("2025-017") not in hashlib.sha256(b"2025-017").hexdigest()  # not a plain hash
    assert random_pseudonymizer().case("1") != random_pseudonymizer().case("1")  # no built-in key
    assert a.person("2025-017", "P01") != a.person("2025-018", "P01")


def test_key_files(tmp_path: Path) -> None:
    path = make_key(tmp_path / "sleutel.txt")
    lines = path.read_text().splitlines()
    assert lines[0].startswith("#") and len(bytes.fromhex(lines[1])) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(WerkboekError, match="niet overschreven"):
        make_key(path)
    (tmp_path / "kort.txt").write_text("abcd\n")
    with pytest.raises(WerkboekError, match="geen geldig sleutelbestand"):
        load_key(tmp_path / "kort.txt")
    with pytest.raises(WerkboekError, match="bestaat niet"):
        load_key(tmp_path / "weg.txt")


def test_small_counts_and_few_cases() -> None:
    assert [count_figure(n, 9, 5).hidden for n in (0, 1, 4, 5)] == [SHOWN, SMALL, SMALL, SHOWN]
    assert count_figure(3, 3, 1).hidden == SHOWN  # drempel 1 hides nothing
    assert count_figure(9, 9, 10).hidden == SMALL
    assert ratio_figure(0.5, 9).hidden == FEW_CASES and ratio_figure(0.5, 10).hidden == SHOWN
    assert ratio_figure(None, 0).hidden == SHOWN and ratio_figure(None, 0).value is None


def test_secondary_suppression_hides_one_more_only_when_needed() -> None:
    cells = [count_figure(n, n, 5) for n in (20, 7, 3)]
    protect_column(cells)
    assert [c.hidden for c in cells] == [SHOWN, SECONDARY, SMALL]  # 30 - 20 - 7 would give the 3 away
    two = [count_figure(n, n, 5) for n in (20, 2, 3)]
    protect_column(two)
    assert [c.hidden for c in two] == [SHOWN, SMALL, SMALL]  # 5 = 2 + 3: neither is given away
    zero = [count_figure(n, 1, 5) for n in (0, 3)]
    protect_column(zero)
    assert [c.hidden for c in zero] == [SECONDARY, SMALL]  # total 3 minus the shown 0 would give it away


@pytest.fixture(scope="module")
def small_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("klein")
    for s in team_specs()[:3]:
        build(folder / f"w{s.i}.xlsm", make_case(s))
    return folder


def pseudonyms(path: Path) -> set[str]:
    return {r[0] for r in sheet_rows(path, "Per dossier")[4:] if r and r[0]}


def test_same_key_same_pseudonyms_across_runs_and_never_without_one(small_team: Path, tmp_path: Path) -> None:
    key = make_key(tmp_path / "k")
    one = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "1.xlsx", sleutel=key, voortgang=False)
    two = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "2.xlsx", sleutel=key, voortgang=False)
    assert (pseudonyms(one.werkmap) == pseudonyms(two.werkmap)
            == {load_key(key).case(s.number) for s in team_specs()[:3]})
    three = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "3.xlsx", voortgang=False)
    assert pseudonyms(three.werkmap).isdisjoint(pseudonyms(one.werkmap))
    texts = " ".join(str(c) for r in sheet_rows(three.werkmap, "Overzicht") for c in r)
    assert "gemaakt zonder sleutel" in texts


def test_threshold_option(small_team: Path, tmp_path: Path) -> None:
    hidden = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "a.xlsx", voortgang=False)
    shown = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "b.xlsx", drempel=1, voortgang=False)
    value = {r[0]: r[1] for r in sheet_rows(hidden.werkmap, "Overzicht") if r and r[0]}
    assert value["Dossiers"] == "<5"
    assert {r[0]: r[1] for r in sheet_rows(shown.werkmap, "Overzicht") if r and r[0]}["Dossiers"] == 3
