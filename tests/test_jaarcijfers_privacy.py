"""Pseudonyms, key files and small-count suppression."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from tests.builders import YEAR, make_case, run_yearly, team_specs
from tests.readers import sheet_rows
from werkboek.errors import WerkboekError
from werkboek.workbook.builder import build
from werkboek.yearly import merge, tables
from werkboek.yearly.harvest import Used
from werkboek.yearly.merge import compute
from werkboek.yearly.pseudonyms import load_key, make_key, random_pseudonymizer
from werkboek.yearly.suppression import FEW_CASES, SHARE_DIGITS, SHOWN, SMALL, count_figure, ratio_figure
from werkboek.yearly.tables import per_case


def test_pseudonyms_need_the_key(tmp_path: Path) -> None:
    a, b = load_key(make_key(tmp_path / "a.key")), load_key(make_key(tmp_path / "b.key"))
    assert a.case("2025-017") == load_key(tmp_path / "a.key").case("2025-017")  # same key, same pseudonym
    assert a.case("2025-017") != b.case("2025-017")
    assert a.case(" 2025 -  017 ") == a.case("2025 - 017") and a.case("AB12") == a.case("ab12")
    assert a.case("2025-017") not in hashlib.sha256(b"2025-017").hexdigest()  # not a plain hash
    assert random_pseudonymizer().case("1") != random_pseudonymizer().case("1")  # no built-in key
    assert a.person("2025-017", "P01") != a.person("2025-018", "P01")


def test_the_documented_recipe_gives_the_pseudonyms(tmp_path: Path) -> None:
    """docs/jaarcijfers.md's recipe, followed here with hmac and hashlib only, gives its own
    examples and werkboek's pseudonyms (so a researcher can check one without the code)."""
    import hmac
    import re

    doc = (Path(__file__).resolve().parent.parent / "docs" / "jaarcijfers.md").read_text(encoding="utf-8")
    key_hex = re.search(r"proefsleutel `([0-9a-f]{64})`", doc)[1]
    examples = re.findall(r"^\| (dossier|persoon) \| (.+?) \| `([0-9a-f]+)` \|$", doc, re.M)
    assert len(examples) == 3

    def recipe(kind: str, *parts: str) -> str:
        key = bytes.fromhex(key_hex)  # 1. the bytes the hex stands for
        case = " ".join(parts[0].split()).casefold()  # 2. whitespace runs to one space, trimmed, case folded
        fields = [kind, case] if kind == "dossier" else [kind, case, " ".join(parts[1].split())]
        message = "\x1f".join(fields).encode("utf-8")  # 3. joined by the unit separator, UTF-8
        return hmac.new(key, message, hashlib.sha256).hexdigest()[: 16 if kind == "dossier" else 10]  # 4.

    path = tmp_path / "proef.sleutel"
    path.write_text(f"# een proefsleutel\n\n{key_hex}\n", encoding="ascii")
    werkboek_key = load_key(path)
    for kind, given, pseudonym in examples:
        inputs = re.findall(r"`([^`]*)`", given)
        assert recipe(kind, *inputs) == pseudonym, given
        made = werkboek_key.case(inputs[0]) if kind == "dossier" else werkboek_key.person(*inputs)
        assert made == pseudonym, given
    assert recipe("dossier", "  DN 2025 -  017 ") == werkboek_key.case("dn 2025 - 017")  # the doc's normalisation


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
    # Published as shown: a mean to one decimal, a share to whole percents (the cell holds no more).
    assert ratio_figure(2 / 3, 12).value == 0.7 and ratio_figure(2 / 3, 12, SHARE_DIGITS).value == 0.67


def test_one_suppression_path() -> None:
    """Secondary suppression happens in the disclosure audit only: no rule of its own elsewhere."""
    from werkboek.yearly import suppression

    assert not [name for name in dir(suppression) if name.startswith("protect")]
    source = Path(merge.__file__).read_text(encoding="utf-8")
    assert "protect_yearly(" in source and source.count("SECONDARY") == 0


def test_per_case_rows_would_undo_the_suppression_so_they_are_not_published() -> None:
    """The issue's example: the only care type with no actions and no goals. Its cases are few
    (<5) and its network figures hidden, but a per-case table finds its one row by those zeros."""
    def case(i: int, form: str, actions: int, goals: int, added: int) -> Used:
        attrs = {"team": "T", "hulpvorm": form, "methode": "M", "soort_centraal": "ouder",
                 "startdatum": dt.date(YEAR, 1, 5), "einddatum": dt.date(YEAR, 9, 1)}
        return Used(f"w{i}.xlsm", 0.0, f"p{i:03d}", attrs, 1,
                    {"meetings": 1, "actions": actions, "goals": goals, "added": added}, 0, 0)

    cases = [case(i, "ambulant", 2 + i % 3, 1 + i % 2, i % 4) for i in range(30)] + [case(99, "crisis", 0, 0, 3)]
    y = compute(cases, [], year=YEAR, threshold=5, key_from_file=False, files=31, others=0)
    crisis = dict(next(b for b in y.breakdowns if b.dimension.attr == "hulpvorm").rows)["crisis"]
    assert crisis["cases"].hidden == SMALL and not crisis["added"].shown
    assert (crisis["actions"].value, crisis["goals"].value) == (0, 0) and crisis["actions"].shown
    rows = per_case(y)
    match = rows[(rows["Acties afgesproken"] == 0) & (rows["Doelen"] == 0)]
    assert len(match) == 1 and match["Toegevoegd"].iloc[0] == 3  # the hidden figure, read off
    published, _ = tables.published(y)
    assert "Per dossier" not in published  # the rows stay in the coordinator's own file


@pytest.fixture(scope="module")
def small_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("klein")
    for s in team_specs()[:3]:
        build(folder / f"w{s.i}.xlsm", make_case(s))
    return folder


def pseudonyms(path: Path) -> set[str]:
    own = path.with_name(f"{path.stem} - coördinator.xlsx")
    return {r[0] for r in sheet_rows(own, "Per dossier")[4:] if r and r[0]}


def test_same_key_same_pseudonyms_across_runs_and_never_without_one(small_team: Path, tmp_path: Path) -> None:
    key = make_key(tmp_path / "k")
    one = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "1.xlsx", sleutel=key, voortgang=False)
    two = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "2.xlsx", sleutel=key, voortgang=False)
    assert (pseudonyms(one.werkmap) == pseudonyms(two.werkmap)
            == {load_key(key).case(s.number) for s in team_specs()[:3]})
    three = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "3.xlsx", voortgang=False)
    assert pseudonyms(three.werkmap).isdisjoint(pseudonyms(one.werkmap))
    texts = " ".join(str(c) for r in sheet_rows(three.coordinator, "Uitleg") for c in r)
    assert "gemaakt zonder sleutelbestand" in texts and "werkboek sleutel PAD" in texts


def test_threshold_option(small_team: Path, tmp_path: Path) -> None:
    hidden = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "a.xlsx", voortgang=False)
    shown = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "b.xlsx", drempel=1, voortgang=False)
    value = {r[0]: r[1] for r in sheet_rows(hidden.werkmap, "Overzicht") if r and r[0]}
    assert value["Dossiers"] == "<5"
    assert {r[0]: r[1] for r in sheet_rows(shown.werkmap, "Overzicht") if r and r[0]}["Dossiers"] == 3


def test_the_export_carries_only_the_groupings_asked_for(small_team: Path, tmp_path: Path) -> None:
    plain = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "a.xlsx", export_csv=tmp_path / "a", voortgang=False)
    with (plain.export / "egos.csv").open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert not {"team", "eenheid", "hulpvorm", "methode", "soort_centraal", "startjaar", "eindjaar"} & set(header)
    asked = run_yearly([small_team], jaar=YEAR, uit=tmp_path / "b.xlsx", export_csv=tmp_path / "b", voortgang=False,
                export_groepen=["team,jaren"])
    with (asked.export / "egos.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:4] == ["egoID", "team", "startjaar", "eindjaar"] and "hulpvorm" not in rows[0]
    readme = (asked.export / "LEESMIJ.txt").read_text(encoding="utf-8")
    assert "PERSOONSGEGEVENS, GEEN ANONIEME CIJFERS" in readme and "team (team), jaren (startjaar, eindjaar)" in readme
    assert "verwerkersovereenkomst" in readme
    # The audit takes what the export gives exactly as public: per team its cases are known.
    assert asked.cijfers.known["Per team"] >= {"cases", "meetings", "started", "closed"}


def test_the_export_is_refused_before_any_work(small_team: Path, tmp_path: Path) -> None:
    with pytest.raises(WerkboekError, match="onbekende groepering"):
        run_yearly([small_team], uit=tmp_path / "a.xlsx", export_csv=tmp_path / "e", export_groepen=["gezin"],
                   voortgang=False)
    with pytest.raises(WerkboekError, match="geen export"):
        run_yearly([small_team], uit=tmp_path / "a.xlsx", export_groepen=["team"], voortgang=False)
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "egos.csv").write_text("vorig jaar")
    with pytest.raises(WerkboekError, match="niet overschreven"):
        run_yearly([small_team], uit=tmp_path / "a.xlsx", export_csv=tmp_path / "e", voortgang=False)
    assert not (tmp_path / "a.xlsx").exists() and (tmp_path / "e" / "egos.csv").read_text() == "vorig jaar"
