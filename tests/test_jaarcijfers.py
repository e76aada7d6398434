"""Yearly figures end to end: a team folder of varied cases built with the project's builder,
merged by `werkboek jaarcijfers`, compared cell by cell with figures computed here from the
cases' own specification (not through werkboek.figures); plus a folder with broken and foreign
files, a scan of every output for every name, and the Open XML validator."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests import ooxml
from tests.builders import TEAM, YEAR, Spec, make_case, other_year_spec, run_yearly, team_specs
from tests.readers import published_values, sheet_rows
from werkboek import cli
from werkboek.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from werkboek.workbook import schema
from werkboek.workbook.builder import build
from werkboek.yearly.measures import MEASURES
from werkboek.yearly.pseudonyms import load_key, make_key


def expected(specs: list[Spec]) -> dict[str, Any]:
    """The overview figures, computed from the specifications only."""
    closed = [s for s in specs if s.closed]
    start_sizes = [len(s.start_ids) for s in specs]
    end_sizes = [len(s.start_ids) - s.lost + s.added + s.refound for s in closed]
    start_informal = sum(s.family + s.friends for s in specs)
    end_informal = sum(s.family + s.friends - max(0, s.lost - s.profs) + s.added + s.refound for s in closed)
    meetings = sum(s.meetings for s in specs)
    active = sum(2 * s.meetings - s.cancelled for s in specs)
    goals = [g for s in specs for g in s.goals]
    counts = {
        "Dossiers": len(specs),
        "Gestart in het jaar": len(specs),
        "Afgesloten in het jaar": len(closed),
        "Netwerkberaden": meetings,
        "Personen toegevoegd": sum(s.added for s in closed),
        "Personen teruggevonden": sum(s.refound for s in closed),
        "Personen uit beeld": sum(s.lost for s in closed),
        "Personen naar binnen geschoven": sum(s.inwards for s in closed),
        "Personen naar buiten geschoven": 0,
        "Acties afgesproken": sum(2 * s.meetings for s in specs),
        "Acties vervallen": sum(s.cancelled for s in specs),
        "Doelen": len(goals),
    }
    small = {label: "<5" for label, n in counts.items() if 0 < n < 5}
    return {**counts, **small,
        "Netwerkberaden per dossier": meetings / len(specs),
        "Aanwezigen per netwerkberaad": 3.0,
        "Aanwezigen uit het informele netwerk": 2 / 3,
        "Netwerk bij de start (personen, gemiddeld)": sum(start_sizes) / len(specs),
        "Netwerk bij het einde (personen, gemiddeld)": sum(end_sizes) / len(closed),
        "Informeel bij de start": start_informal / sum(start_sizes),
        "Informeel bij het einde": end_informal / sum(end_sizes),
        "Zeker hulp bij de start (personen, gemiddeld)": "–",
        "Zeker hulp bij het einde (personen, gemiddeld)": "–",
        "Acties gedaan (van de niet-vervallen)": meetings / active,
        INFORMAL_ACTIONS: meetings / active,  # the informal member's actions are the done ones
        "Doelen bereikt": sum(r == "ja" for _, _, r in goals) / len(goals),
        "Scoreverschil per doel (punten, gemiddeld)": sum(b - a for a, b, _ in goals) / len(goals),
        "Duur afgesloten dossiers (dagen, gemiddeld)": 210.0
    }


INFORMAL_ACTIONS = "Acties bij het informele netwerk (van de niet-vervallen)"
SHARES = {m.label for m in MEASURES if m.percent}
@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Spec]]:
    folder = tmp_path_factory.mktemp("team")
    specs = team_specs()
    for s in specs:
        sub = folder / s.team.strip("=").replace(" ", "-")
        sub.mkdir(exist_ok=True)
        build(sub / f"werkmap-{s.i:02d}.xlsm", make_case(s))
    build(folder / "werkmap-90.xlsm", make_case(other_year_spec()))
    # An older copy of case 0 under another name: counted once, the copy listed.
    copy = shutil.copy(next(folder.rglob("werkmap-00.xlsm")), folder / "kopie-van-werkmap.xlsm")
    old = dt.datetime(2024, 1, 1).timestamp()
    os.utime(copy, (old, old))
    return folder, specs


@pytest.fixture(scope="module")
def outcome(team: tuple[Path, list[Spec]], tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("uit")
    key = make_key(out / "sleutel.txt")
    return run_yearly([team[0]], jaar=YEAR, uit=out / "Jaarcijfers.xlsx", sleutel=key, export_csv=out / "egor",
                      voortgang=False)


def test_overview_matches_figures_computed_from_the_cases(outcome, team) -> None:
    got = published_values(outcome.werkmap)
    want = expected(team[1])
    for label, value in want.items():
        assert label in got, label
        # The audit hides an overview figure (every breakdown's total, a key figure of the report) only when
        # nothing else helps: for this team every one is shown.
        if isinstance(value, float):  # published rounded: a mean to 0.1, a share to 1%
            assert got[label] == pytest.approx(value, abs=0.005 if label in SHARES else 0.05), label
        else:
            assert got[label] == value, label
    rows = sheet_rows(outcome.werkmap, "Overzicht")
    info = {r[0]: r[1] for r in rows if r and r[0]}
    assert info["Werkmappen niet meegeteld wegens een probleem"] == 1  # the old copy; another year is no problem
    texts = " ".join(str(c) for r in rows for c in r)
    assert "Bestanden bekeken" not in texts and "pseudoniem" not in texts.casefold()  # the coordinator's business
    own = {r[0]: r[1] for r in sheet_rows(outcome.coordinator, "Uitleg") if r and r[0]}
    assert (own["Bestanden bekeken"], own["Dossiers meegeteld"]) == (17, 15)
    assert own["Met een probleem (niet meegeteld)"] == own["Van een ander jaar (niet meegeteld, geen probleem)"] == 1
    assert "sleutel van de coördinator" in " ".join(str(c) for r in sheet_rows(outcome.coordinator, "Uitleg")
                                                    for c in r)


CASES, START_MEAN, CLOSED = "Dossiers", "Netwerk bij de start (personen, gemiddeld)", "Afgesloten in het jaar"


def breakdown(path: Path, sheet: str) -> dict[str, dict[str, Any]]:
    """A breakdown table by group label and column header, up to its Totaal row (the chart's data follows below)."""
    rows = sheet_rows(path, sheet)
    top = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1] == CASES)  # below the title and the legend
    header, out = rows[top], {}
    for r in rows[top + 1:]:
        out[r[0]] = dict(zip(header[1:], r[1:], strict=False))
        if r[0] == "Totaal":
            return out
    raise AssertionError("no Totaal row")


def test_breakdowns_suppress_small_counts_and_protect_them(outcome) -> None:
    teams = breakdown(outcome.werkmap, "Per team")
    # Team West has 2 cases (<5): 15 - 8 (Noord) - 5 (Zuid) would give it away, so Noord's cases go as x. Then
    # Zuid's 3 closed cases (<5) are narrowed: closed <= cases, and an x is at least 5. Hiding single figures
    # and the closed column does not help, so the linked Dossiers column goes whole (its x's may then hold
    # small counts, as the legend says), before any overview figure: the total 15 and the 12 closed stay.
    assert [teams[t][CASES] for t in ("=Team West", "Team Noord", "Team Zuid", "Totaal")] == ["x", "x", "x", 15]
    assert [teams[t][CLOSED] for t in ("=Team West", "Team Noord", "Team Zuid", "Totaal")] == ["x", "x", "x", 12]
    assert teams["Team Noord"][START_MEAN] == "n<10"  # a mean over 8 cases
    # Re-found persons: three teams of 1..4 would make the total of 4 at least 3: the column goes whole.
    assert {teams[t]["Personen teruggevonden"] for t in ("=Team West", "Team Noord", "Team Zuid")} == {"x"}
    assert teams["Totaal"]["Personen teruggevonden"] == "<5"
    forms = breakdown(outcome.werkmap, "Per hulpvorm")
    specs = [s for s in team_specs() if s.hulpvorm == "ambulant"]
    assert forms["ambulant"][CASES] == 10 and forms["pleegzorg"][CASES] == "<5" and forms["mobiel"][CASES] == "<5"
    # Two cells hidden already: no third needed, and the mean over 10 cases is shown, rounded as shown.
    assert forms["ambulant"][START_MEAN] == round(sum(len(s.start_ids) for s in specs) / 10, 1)
    persons = breakdown(outcome.werkmap, "Per centrale persoon")
    # Parents 4 (<5), so the children's 11 is hidden too (15 - 11 = 4). No single figure fixes it (each n<10 of
    # the parents says "at least one case"), so the parents' means and shares go as x with it; the children's
    # mean says nothing about a count and stays.
    assert persons["ouder"][CASES] == "<5" and persons["kind/jongere"][CASES] == "x"
    assert persons["ouder"][START_MEAN] == "x" and isinstance(persons["kind/jongere"][START_MEAN], float)
    assert persons["Totaal"][CASES] == 15


def test_no_small_count_in_the_published_workbook_can_be_narrowed(outcome) -> None:
    """The audit, from the file: each sheet's numbers and marks as a reader sees them, the true
    values from the run, and every <5 checked with a plain LP (tests/test_disclosure.py)."""
    from tests.test_disclosure import safe
    from werkboek.yearly import disclosure as d
    from werkboek.yearly import egor

    y = outcome.cijfers
    key_of = {m.label: m.key for m in y.measures}

    def row(label: str, shown: dict[str, Any], truth: dict[str, Any], blanked: set[str]) -> d.Row:
        counts, ratios, few, secondary = {}, {}, set(), set()
        for header, mark in shown.items():
            key = key_of[header]
            fig = truth[key]
            if fig.count:
                counts[key] = fig.value
                assert mark in ("<5", "x", "–") or mark == fig.value, (label, header)
                if mark == "x":
                    secondary.add(key)
            elif mark == "n<10":
                few.add(key)
            elif mark == "x":
                secondary.add(key)
            elif mark != "–":
                assert mark == fig.value, (label, header)
                ratios[key] = mark
        return d.Row(label, counts, ratios, frozenset(few), frozenset(secondary - blanked),
                     frozenset(blanked & secondary))

    overview = row(d.ALL, published_values(outcome.werkmap), y.overview, set())
    sheets = {}
    for b in y.breakdowns:
        table = breakdown(outcome.werkmap, b.dimension.sheet)
        assert list(table) == [label for label, _ in b.rows] + ["Totaal"]
        groups = [label for label, _ in b.rows]
        whole = {h for h in table["Totaal"] if all(table[g][h] == "x" for g in groups)}
        blanked = {key_of[h] for h in whole if y.overview[key_of[h]].count}
        sheets[b.dimension.sheet] = [row(label, table[label], figs, blanked) for label, figs in b.rows]
    model = d.yearly_model(overview, sheets, threshold=y.threshold, rules=d.rules_for(YEAR), known=egor.known(()),
                           nestings=y.nestings)
    small = [ref for ref, c in model.counts.items() if c.status == "klein"]
    assert len(small) > 10
    assert [ref for ref in small if not safe(model, ref)] == []


def test_per_case_table_lists_each_counted_case_under_its_pseudonym(outcome, team) -> None:
    rows = sheet_rows(outcome.coordinator, "Per dossier")
    header = rows[3]
    table = {r[0]: dict(zip(header, r, strict=False)) for r in rows[4:] if r and r[0]}
    key = load_key(outcome.werkmap.parent / "sleutel.txt")
    for s in team[1]:
        row = table[key.case(s.number)]
        assert row["Netwerk start"] == len(s.start_ids)
        assert row["Netwerkberaden"] == s.meetings
        assert row["Acties afgesproken"] == 2 * s.meetings and row["Acties vervallen"] == s.cancelled
        assert row["Afgesloten"] == ("ja" if s.closed else "nee")
        assert row["Netwerk einde"] == ((len(s.start_ids) - s.lost + s.added + s.refound) if s.closed else "")
        assert row["Team"] == s.team and row["Werkmap"].endswith(f"werkmap-{s.i:02d}.xlsm")
    assert len(table) == 15
    assert key.case(" dn-000-k ") == key.case("DN-000-K")  # normalised: spaces and case do not matter
    frame = outcome.per_dossier
    assert list(frame.columns) == list(header) and len(frame) == 15
    assert frame.set_index("Pseudoniem").loc[key.case(team[1][0].number), "Netwerkberaden"] == team[1][0].meetings


def test_every_file_is_used_or_listed(outcome) -> None:
    problems = sheet_rows(outcome.coordinator, "Problemen")[4:]
    listed = {Path(r[0]).name: r[1] for r in problems if r and r[0]}
    assert listed == {"werkmap-90.xlsm": "niet in dit jaar", "kopie-van-werkmap.xlsm": "dubbel dossier"}
    assert outcome.exitcode == EXIT_FINDINGS  # the duplicate is a problem to fix; another year is not
    assert "1 met een probleem, 1 van een ander jaar" in outcome.samenvatting


def test_tables_are_the_published_figures_as_dataframes(outcome) -> None:
    import pandas as pd

    tables, marks = outcome.tabellen, outcome.markeringen
    assert list(tables) == ["Overzicht", "Per team", "Per eenheid", "Per hulpvorm", "Per methode",
                            "Per centrale persoon"]
    teams, signs = tables["Per team"], marks["Per team"]
    assert teams.index.name == "Team" and list(teams.index) == ["=Team West", "Team Noord", "Team Zuid", "Totaal"]
    assert str(teams["Dossiers"].dtype) == "Int64" and str(teams[INFORMAL_ACTIONS].dtype) == "Float64"
    assert teams.loc["Totaal", "Dossiers"] == 15 and teams["Dossiers"].iloc[:3].isna().all()
    assert list(signs["Dossiers"]) == ["x", "x", "x", ""]
    assert list(signs["Personen toegevoegd"]) == ["<5", "x", "<5", ""]
    file = breakdown(outcome.werkmap, "Per team")
    for label in teams.index:  # the frame holds exactly what the sheet shows, nothing more
        for header in teams.columns:
            value, mark = teams.loc[label, header], signs.loc[label, header]
            assert file[label][header] == (mark if mark else value), (label, header)
            assert (value is pd.NA) == bool(mark)
    overview = tables["Overzicht"]
    assert overview.loc["Dossiers", "Waarde"] == 15
    assert overview.loc["Afgesloten in het jaar", "Waarde"] == 12 and marks["Overzicht"].loc["Dossiers", "Waarde"] == ""
    assert marks["Overzicht"].loc["Personen teruggevonden", "Waarde"] == "<5"
    start = "Informeel bij de start"
    assert overview.loc[start, "Waarde"] == published_values(outcome.werkmap)[start]


def test_outputs_open_with_charts_and_tables(outcome) -> None:
    wb = openpyxl.load_workbook(outcome.werkmap)
    assert wb.sheetnames == ["Overzicht", "Per team", "Per eenheid", "Per hulpvorm", "Per methode",
                             "Per centrale persoon", "Uitleg"]
    assert len(wb["Overzicht"]._charts) == 3
    # A breakdown sheet charts the groups whose count is shown: per team and per central person none is.
    assert [len(wb[s]._charts) for s in wb.sheetnames[1:6]] == [0, 1, 1, 1, 0]
    with zipfile.ZipFile(outcome.werkmap) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert not [n for n in zf.namelist() if n.startswith("xl/tables/")]  # no per-case table, no file list
    assert len(charts) == 3 + 3
    own = openpyxl.load_workbook(outcome.coordinator)
    assert outcome.coordinator.name == "Jaarcijfers - coördinator.xlsx"
    assert own.sheetnames == ["Uitleg", "Per dossier", "Problemen"]
    assert own["Per dossier"].tables["tblPerDossier"].ref.startswith("A4:")
    assert "tblProblemen" in own["Problemen"].tables
    assert "Niet doorgeven" in own["Uitleg"]["A2"].value
    # Formula-like team names are text cells, not formulas.
    cell = next(c for row in wb["Per team"].iter_rows() for c in row if c.value == TEAM)
    assert cell.data_type == "s"


def test_every_sheet_with_marks_explains_them_on_its_first_screen(outcome) -> None:
    for sheet in ("Overzicht", "Per team", "Per hulpvorm", "Per methode", "Per centrale persoon", "Uitleg"):
        rows = sheet_rows(outcome.werkmap, sheet)[:14]  # above the table, in column A
        lines = [str(r[0]) for r in rows if r and r[0]]
        for mark in ("<5:", "n<10:", "x:", "–:"):
            line = next((x for x in lines if x.startswith(mark)), None)
            assert line is not None, (sheet, mark)
            assert len(line) <= 110, (sheet, line)  # short enough to read without scrolling sideways


def test_word_report_has_the_key_figures_and_charts(outcome, team) -> None:
    from docx import Document

    doc = Document(str(outcome.verslag))
    rows = {r.cells[0].text: r.cells[1].text for t in doc.tables for r in t.rows}
    assert rows["Dossiers"] == "15"
    assert rows[INFORMAL_ACTIONS] == f"{expected(team[1])[INFORMAL_ACTIONS]:.0%}"
    assert rows["Personen teruggevonden"] == "<5"
    assert rows["Netwerkberaden in het jaar"] == str(sum(s.meetings for s in team[1])) and "Netwerkberaden" not in rows
    assert len(rows) == 1 + 13  # a header and the 13 key figures: the full list is in the workbook
    pictures = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert len(pictures) >= 2
    assert doc.core_properties.title == f"Jaarcijfers {YEAR}"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "15 dossiers meegeteld. 1 werkmap telde niet mee" in text
    # For readers outside the team: no command-line advice, no pseudonyms, no file list.
    for word in ("werkboek sleutel", "--", "sleutelbestand", "pseudoniem", "Problemen", "per dossier"):
        assert word not in text, word


def test_research_export_in_egor_layout(outcome, team) -> None:
    folder = outcome.export
    with (folder / "egos.csv").open(encoding="utf-8-sig") as fh:
        egos = list(csv.DictReader(fh))
    with (folder / "alters.csv").open(encoding="utf-8-sig") as fh:
        alters = list(csv.DictReader(fh))
    with (folder / "aaties.csv").open(encoding="utf-8-sig") as fh:
        aaties = list(csv.DictReader(fh))
    # Only the grouping columns the coordinator asked for: none here.
    assert len(egos) == 15 and list(egos[0]) == ["egoID", "meetings", "actions", "actions_informal_share", "goals",
                                                 "goals_reached_share"]
    assert {"egoID", "alterID", "sector", "formeel", "cirkel_belang_start", "cirkel_belang_einde"} <= set(alters[0])
    assert list(aaties[0]) == ["egoID", "Source", "Target", "soort", "kwaliteit"]
    assert len(aaties) == 15 and {a["soort"] for a in aaties} == {"broer/zus"}
    assert all(t["Source"] in {a["alterID"] for a in alters if a["egoID"] == t["egoID"]} for t in aaties)
    key = load_key(outcome.werkmap.parent / "sleutel.txt")
    s = team[1][0]
    mine = [a for a in alters if a["egoID"] == key.case(s.number)]
    assert len(mine) == len(s.start_ids) + s.added + s.refound  # every network member but the ego
    assert int(next(e for e in egos if e["egoID"] == key.case(s.number))["meetings"]) == s.meetings
    readme = (folder / "LEESMIJ.txt").read_text(encoding="utf-8")
    assert "GEPSEUDONIMISEERDE PERSOONSGEGEVENS, GEEN ANONIEME CIJFERS" in readme
    assert "Groeperingskolommen in egos.csv: geen" in readme


def _output_texts(outcome) -> dict[str, str]:
    texts = {}
    for path in (outcome.werkmap, outcome.verslag, outcome.coordinator):
        with zipfile.ZipFile(path) as zf:
            for part in zf.namelist():
                texts[f"{path.name}:{part}"] = zf.read(part).decode("utf-8", "replace")
    for path in outcome.export.iterdir():
        texts[path.name] = path.read_text(encoding="utf-8-sig")
    return texts


def test_no_output_contains_a_name_contact_free_text_or_case_number(outcome, team) -> None:
    cases = [make_case(s) for s in (*team[1], other_year_spec())]
    secrets = set()
    for case in cases:
        for f in schema.DOSSIER.fields:
            if f.identifying and case.dossier.get(f.key):
                secrets.add(str(case.dossier.get(f.key)))
        for sheet in schema.TABLES:
            for rec in case.tables[sheet.key]:
                secrets |= {str(rec.get(c.key)) for c in sheet.columns if c.identifying and rec.get(c.key)}
    assert len(secrets) > 300
    texts = _output_texts(outcome)
    leaks = sorted({(s, where) for where, text in texts.items() for s in secrets
                    if s in text or s.casefold() in text.casefold()})
    assert leaks == []


@ooxml.group
def test_validator_accepts_the_workbook_and_the_report(outcome) -> None:
    files = (outcome.werkmap, outcome.verslag, outcome.coordinator)
    assert ooxml.errors(*files) == {str(f): [] for f in files}


# --- a folder with broken and foreign files ---------------------------------------------------------

def test_broken_and_foreign_files_each_land_on_problemen(tmp_path: Path, team) -> None:
    folder = tmp_path / "gemengd"
    folder.mkdir()
    good = make_case(team[1][0])
    build(folder / "goed.xlsm", good)
    bad = make_case(team[1][1])
    bad.tables["acties"][0].values["wie"] = "P99"  # an action for nobody: an error
    build(folder / "met-fouten.xlsm", bad)
    (folder / "leeg.xlsm").write_bytes(b"")
    (folder / "rommel.xlsx").write_bytes(b"PK\x03\x04 dit is geen zip")
    (folder / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (folder / "~$goed.xlsm").write_bytes(b"\0" * 165)
    other = openpyxl.Workbook()
    other.active.title = "Begroting"
    other.save(folder / "begroting.xlsx")
    with zipfile.ZipFile(folder / "verslag.xlsx", "w") as zf:  # a Word file with the wrong extension
        zf.writestr("word/document.xml", "<w:document/>")
    (folder / "notities.txt").write_text("niet lezen")
    out = tmp_path / "J.xlsx"
    code = cli.main(["jaarcijfers", str(folder), "-o", str(out), "--jaar", str(YEAR)])
    assert code == EXIT_FINDINGS
    own = tmp_path / "J - coördinator.xlsx"
    problems = {Path(r[0]).name: (r[1], r[2], r[4]) for r in sheet_rows(own, "Problemen")[4:] if r and r[0]}
    assert set(problems) == {"met-fouten.xlsm", "leeg.xlsm", "rommel.xlsx", "oud.xls", "~$goed.xlsm", "begroting.xlsx",
                             "verslag.xlsx"}
    assert problems["met-fouten.xlsm"][0] == "fouten in de controle"
    assert "onbekende-persoon (Acties!D2)" in problems["met-fouten.xlsm"][2]
    assert problems["leeg.xlsm"][0] == "onleesbaar" and "leeg" in problems["leeg.xlsm"][1]
    assert problems["oud.xls"][0] == "ander bestandstype"
    assert problems["~$goed.xlsm"][0] == "vergrendelbestand"
    assert "Word" in problems["verslag.xlsx"][1]
    info = {r[0]: r[1] for r in sheet_rows(own, "Uitleg") if r and r[0]}
    assert info["Andere bestanden in de mappen (niet gelezen)"] == 1
    assert published_values(out)["Dossiers"] == "<5"
    assert "zonder sleutelbestand" in " ".join(str(c) for r in sheet_rows(own, "Uitleg") for c in r)


def test_cli_refuses_what_it_cannot_do_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["jaarcijfers", str(tmp_path / "bestaat-niet"), "-o", str(tmp_path / "J.xlsx")]) == EXIT_UNREADABLE
    assert "deze map bestaat niet" in capsys.readouterr().err
    assert cli.main(["jaarcijfers", str(tmp_path), "-o", str(tmp_path / "J.xlsm")]) == EXIT_UNREADABLE
    assert ".xlsx" in capsys.readouterr().err
    key = tmp_path / "s.key"
    assert cli.main(["sleutel", str(key)]) == EXIT_OK
    assert cli.main(["sleutel", str(key)]) == EXIT_UNREADABLE
    assert "niet overschreven" in capsys.readouterr().err
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    (tmp_path / "kapot.key").write_text("geen sleutel")
    assert cli.main(["jaarcijfers", str(tmp_path), "-o", str(tmp_path / "J.xlsx"),
                     "--sleutel", str(tmp_path / "kapot.key")]) == EXIT_UNREADABLE
    assert "geen geldig sleutelbestand" in capsys.readouterr().err
    # An empty folder gives empty figures; a second run does not overwrite them silently.
    assert cli.main(["jaarcijfers", str(tmp_path), "-o", str(tmp_path / "J.xlsx")]) == EXIT_OK
    assert cli.main(["jaarcijfers", str(tmp_path), "-o", str(tmp_path / "J.xlsx")]) == EXIT_UNREADABLE
    assert cli.main(["jaarcijfers", str(tmp_path), "-o", str(tmp_path / "J.xlsx"), "--overschrijf"]) == EXIT_OK


def test_progress_bar_only_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from werkboek.yearly.harvest import Progress

    quiet = Progress(2)  # stderr is no terminal under pytest
    quiet(1), quiet(1), quiet.close()
    assert capsys.readouterr().err == ""
    bar = Progress(2, enabled=True)
    bar(1), bar(1), bar.close()
    assert capsys.readouterr().err.rstrip().endswith("] 2/2")


def test_meetings_in_the_year_are_counted_apart(tmp_path: Path) -> None:
    """A case open across new year: 'Netwerkberaden' counts all its meetings, 'in het jaar' only
    those dated in the year; a run without a year has no such row."""
    # meetings 15/10, 24/11, 3/1, 12/2
    spec = replace(other_year_spec(), i=91, start=dt.date(2024, 10, 1), closed=False, meetings=4)
    folder = tmp_path / "team"
    folder.mkdir()
    build(folder / "over-de-jaarwissel.xlsm", make_case(spec))

    def overview(year: int | None) -> dict[str, Any]:
        done = run_yearly([folder], jaar=year, uit=tmp_path / f"J{year}.xlsx", drempel=1, voortgang=False)
        return {r[0]: r[1] for r in sheet_rows(done.werkmap, "Overzicht") if r and r[0]}

    in_2025, in_2024, all_years = overview(2025), overview(2024), overview(None)
    assert (in_2025["Netwerkberaden"], in_2025["Netwerkberaden in het jaar"]) == (4, 2)
    assert in_2024["Netwerkberaden in het jaar"] == 2
    assert "Netwerkberaden in het jaar" not in all_years and all_years["Netwerkberaden"] == 4
    row = dict(zip(*sheet_rows(tmp_path / "J2025 - coördinator.xlsx", "Per dossier")[3:5], strict=False))
    assert row["Beraden in het jaar"] == 2
    assert "Beraden in het jaar" not in sheet_rows(tmp_path / "JNone - coördinator.xlsx", "Per dossier")[3]


def test_without_a_year_no_text_speaks_of_the_year(tmp_path: Path, team) -> None:
    from docx import Document

    done = run_yearly([team[0]], uit=tmp_path / "J.xlsx", voortgang=False)
    texts = [str(c) for path in (done.werkmap, done.coordinator)
             for sheet in CalamineWorkbook.from_path(str(path)).sheet_names
             for r in sheet_rows(path, sheet) for c in r if isinstance(c, str)]
    texts += [p.text for p in Document(str(done.verslag)).paragraphs]
    texts += [c.text for t in Document(str(done.verslag)).tables for r in t.rows for c in r.cells]
    texts.append(done.samenvatting)
    said = [t for t in texts if any(w in t for w in ("dat jaar", "in het jaar", "buiten het jaar", "dit jaar",
                                                     "ander jaar"))]
    assert said == []
    assert "Afgesloten" in published_values(done.werkmap)


def test_the_merge_sums_are_those_of_a_pandas_groupby(outcome) -> None:
    """The merge sums in plain Python (pandas would cost a third of a 300-workbook run); here the
    same figures come from a pandas groupby of the cases' numbers, written independently."""
    import pandas as pd

    from werkboek.yearly import merge
    from werkboek.yearly.measures import CASES as COUNT
    from werkboek.yearly.measures import MEAN, RATIO, SUM, WEIGHTED

    y = outcome.cijfers
    frame = pd.DataFrame([{**c.numbers, **{f"attr_{k}": v for k, v in c.attrs.items()}} for c in y.used])
    frame = frame.astype({k: float for k in frame.columns if not k.startswith("attr_")})
    flags = {"all": lambda c: True,
             "started": lambda c: c.attrs["startdatum"].year == YEAR,
             "closed": lambda c: c.attrs.get("einddatum") is not None and c.attrs["einddatum"].year == YEAR}

    def expect(m, rows: pd.DataFrame, cases) -> tuple[float | None, int]:
        if m.kind == COUNT:
            n = sum(flags[m.of](c) for c in cases)
            return n, len(cases)
        of = rows[m.of]
        if m.kind == SUM:
            n = int(of.notna().sum())
            return (of.sum() if n else None), n
        if m.kind == MEAN:
            return (round(of.mean(), m.digits) if of.notna().any() else None), int(of.notna().sum())
        per = rows[m.per]
        mask = of.notna() & per.fillna(0).ne(0)
        num = (of * per)[mask].sum() if m.kind == WEIGHTED else of[mask].sum()
        assert m.kind in (RATIO, WEIGHTED)
        den = per[mask].sum()
        return (round(num / den, m.digits) if den else None), int(mask.sum())

    for b in y.breakdowns:
        labels = frame[f"attr_{b.dimension.attr}"].map(merge.group_label).str.casefold()
        for label, figures in b.rows:
            rows = frame[labels == label.casefold()]
            cases = [y.used[i] for i in rows.index]
            for m in b.measures:
                value, n = expect(m, rows, cases)
                got = figures[m.key]
                assert (got.value, got.n) == (pytest.approx(value) if value is not None else None, n), \
                    (b.dimension.sheet, label, m.key)
