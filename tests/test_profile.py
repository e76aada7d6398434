"""The organisation profile: written empty, filled through LibreOffice Calc as a beheerder fills
it in Excel, checked with every problem named by sheet and cell, found the same way by every
command, and used by each: `nieuw` (lists, Python for Excel), the checks (a retired value warns),
the reports (templates, organisation name) and the yearly figures (teams and units).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.commands import werkboek
from werkboek import api
from werkboek.demo import demo_case, team_cases
from werkboek.errors import FileProblem
from werkboek.profile import PROFILE_ENV, find, read_profile, write_empty
from werkboek.workbook import schema
from werkboek.workbook.builder import build
from werkboek.workbook.reader import read_case

LIST_COLUMN = {lst.key: schema.col_letter(i) for i, lst in enumerate(schema.LISTS)}


def _row_of(key: str, value: str) -> int:
    return schema.LIST_BY_KEY[key].values.index(value) + 3


def filled(office, folder: Path, edits: list[tuple[str, str, str]], name: str = "werkboek-profiel.xlsx") -> Path:
    """An empty profile with `edits` (sheet, cell, text; "" clears), saved by LibreOffice."""
    empty = write_empty(folder / f"leeg-{name}")
    with office.open(empty) as book:
        for sheet, cell, text in edits:
            if text:
                book.set_text(sheet, cell, text)
            else:
                book.clear(sheet, cell)
        out = book.save_as(folder / name)
    empty.unlink()
    return out


def test_the_empty_profile_is_in_order_and_has_werkboeks_lists(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    run = werkboek(capsys, "profiel", "nieuw", str(tmp_path / "werkboek-profiel.xlsx"))
    assert run.returncode == 0, run.stderr
    profile = read_profile(tmp_path / "werkboek-profiel.xlsx")
    assert profile.meldingen == () and profile.all_lists() == {lst.key: lst.values for lst in schema.LISTS}
    run = werkboek(capsys, "profiel", "controleer", str(tmp_path / "werkboek-profiel.xlsx"))
    assert run.returncode == 0 and "in orde" in run.stdout
    again = werkboek(capsys, "profiel", "nieuw", str(tmp_path / "werkboek-profiel.xlsx"))
    assert again.returncode == 2 and "Traceback" not in again.stderr  # never over an existing file


def test_every_problem_is_named_by_sheet_and_cell(office, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    status, relation = LIST_COLUMN["status"], LIST_COLUMN["relatie"]
    hulpvorm = LIST_COLUMN["hulpvorm"]
    edits = [
        # an empty list: every value of Hulpvorm wiped
        *((("Lijsten", f"{hulpvorm}{r}", "")) for r in range(3, 3 + len(schema.LIST_BY_KEY["hulpvorm"].values))),
        ("Lijsten", f"{relation}{_row_of('relatie', 'oom')}", "Moeder"),  # a duplicate (case is ignored)
        ("Lijsten", f"{status}{_row_of('status', 'gedaan')}", "afgerond"),  # a meaning-bearing value gone...
        ("Hernoemd", "A3", "Methode"), ("Hernoemd", "B3", "NET-module"), ("Hernoemd", "C3", "NET"),  # target missing
        ("Hernoemd", "A4", "Methode"), ("Hernoemd", "B4", "Eigen Kracht"),  # retired without replacement
        ("Hernoemd", "A5", "Kleur"), ("Hernoemd", "B5", "rood"),  # no such list
        ("Hernoemd", "A6", "Status actie"), ("Hernoemd", "B6", "vervallen"),  # a meaning retired
        ("Teams", "A3", "Team Noord"), ("Teams", "C3", "Noord; Team Nrd"),
        ("Teams", "A4", "Team Oost"), ("Teams", "C4", "noord"),  # a spelling of two teams
        ("Organisatie", "B5", str(tmp_path / "bestaat niet")),
    ]
    path = filled(office, tmp_path, edits)
    profile = read_profile(path)
    found = {(f.code, f.ref) for f in profile.meldingen}
    assert found == {
        ("profiel-sjablonen-ontbreken", "Organisatie!B5"),
        ("profiel-lege-lijst", f"Lijsten!{hulpvorm}2"),
        ("profiel-dubbele-waarde", f"Lijsten!{relation}{_row_of('relatie', 'oom')}"),
        ("profiel-betekenis-verwijderd", f"Lijsten!{status}2"),
        ("profiel-doel-niet-in-lijst", "Hernoemd!C3"),
        ("profiel-vervallen-zonder-vervanging", "Hernoemd!C4"),
        ("profiel-onbekende-lijst", "Hernoemd!A5"),
        ("profiel-betekenis-verwijderd", "Hernoemd!C6"),
        ("profiel-oude-waarde-in-lijst", "Hernoemd!B3"),
        ("profiel-oude-waarde-in-lijst", "Hernoemd!B4"),
        ("profiel-oude-waarde-in-lijst", "Hernoemd!B6"),
        ("profiel-dubbel-team", "Teams!A4"),
    }
    dup = next(f for f in profile.meldingen if f.code == "profiel-dubbele-waarde")
    assert "'Moeder'" in dup.message and dup.fix
    assert not next(f for f in profile.meldingen if f.code == "profiel-vervallen-zonder-vervanging").is_error
    run = werkboek(capsys, "profiel", "controleer", str(path))
    assert run.returncode == 1 and "Hernoemd!C3" in run.stdout and "Traceback" not in run.stderr
    # A command that would use it refuses, in Dutch, naming the profile (exit code 2).
    run = werkboek(capsys, "nieuw", str(tmp_path / "N.xlsm"), "--profiel", str(path))
    assert run.returncode == 2 and "het profiel van de organisatie heeft" in run.stderr
    assert not (tmp_path / "N.xlsm").exists()


def test_an_unreadable_profile_is_a_dutch_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kapot.xlsx").write_bytes(b"geen werkmap")
    with pytest.raises(FileProblem):
        read_profile(tmp_path / "kapot.xlsx")
    run = werkboek(capsys, "profiel", "controleer", str(tmp_path / "kapot.xlsx"))
    assert run.returncode == 2 and "kapot.xlsx" in run.stderr and "Traceback" not in run.stderr
    run = werkboek(capsys, "controleer", str(tmp_path / "x.xlsm"), "--profiel", str(tmp_path / "weg.xlsx"))
    assert run.returncode == 2 and "weg.xlsx" in run.stdout + run.stderr


def test_found_by_option_environment_or_a_folder_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROFILE_ENV, raising=False)
    top = write_empty(tmp_path / "werkboek-profiel.xlsx")
    deep = tmp_path / "team noord" / "2025"
    deep.mkdir(parents=True)
    workbook = deep / "Gezin.xlsm"
    assert find(near=workbook).pad == top
    other = write_empty(tmp_path / "ander.xlsx")
    monkeypatch.setenv(PROFILE_ENV, str(other))
    assert find(near=workbook).pad == other
    assert find(top, near=workbook).pad == top
    monkeypatch.delenv(PROFILE_ENV)
    top.unlink()
    assert find(near=workbook) is None


def test_nieuw_writes_the_organisations_lists_and_python(office, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    relation, method = LIST_COLUMN["relatie"], LIST_COLUMN["methode"]
    path = filled(office, tmp_path, [
        ("Lijsten", f"{relation}{len(schema.LIST_BY_KEY['relatie'].values) + 3}", "plusmama"),
        ("Lijsten", f"{method}{_row_of('methode', 'NET-module')}", ""),
        ("Hernoemd", "A3", "Methode"), ("Hernoemd", "B3", "NET-module"), ("Hernoemd", "C3", "andere"),
        ("Organisatie", "B6", r"D:\werkboek\Scripts\pythonw.exe"),
    ])
    run = werkboek(capsys, "nieuw", str(tmp_path / "Netwerkkaart.xlsm"))  # the profile beside it is found
    assert run.returncode == 0, run.stderr
    case = read_case(tmp_path / "Netwerkkaart.xlsm")
    assert case.lists["relatie"][-1] == "plusmama" and "NET-module" not in case.lists["methode"]
    with zipfile.ZipFile(tmp_path / "Netwerkkaart.xlsm") as zf:
        assert b"D:\\werkboek\\Scripts\\pythonw.exe" in b"".join(zf.read(n) for n in zf.namelist()
                                                                 if n.startswith("xl/"))
    # Through LibreOffice the dropdown offers the organisation's values.
    with office.open(tmp_path / "Netwerkkaart.xlsm") as book:
        assert "plusmama" in book.dropdown("Personen", f"{schema.PERSONEN.letter('relatie')}2")
    # An old workbook that still uses the retired value: a warning, not an error.
    old = demo_case()
    old.dossier.values["methode"] = "NET-module"
    old_path = build(tmp_path / "oud.xlsm", old)
    found = api.controleer(old_path).meldingen
    assert [(f.code, f.ref, f.is_error) for f in found] == [("vervallen-waarde", "Dossier!B10", False)]
    assert "'andere'" in found[0].message
    assert api.controleer(old_path, profiel=None).meldingen == found  # the same profile, found again
    assert read_profile(path).meldingen == ()


def test_reports_use_the_profiles_templates_and_name(office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from werkboek.reports.output import TEMPLATE_DIR, TEMPLATES, TEMPLATES_ENV

    monkeypatch.setenv(TEMPLATES_ENV, str(tmp_path / "oud"))  # the profile's folder wins over the variable
    own = tmp_path / "huisstijl"
    own.mkdir()
    doc = Document(str(TEMPLATE_DIR / TEMPLATES["eindevaluatie"]))
    doc.add_paragraph("Huisstijl van {{ organisatie }}")
    doc.save(str(own / TEMPLATES["eindevaluatie"]))
    # A templates folder written relative to the profile's own folder.
    path = filled(office, tmp_path, [("Organisatie", "B4", "Jeugdhulp Oost"), ("Organisatie", "B5", "huisstijl")])
    profile = read_profile(path)
    assert profile.meldingen == () and profile.organisatie == "Jeugdhulp Oost" and profile.sjablonen == own
    case_path = build(tmp_path / "dossier.xlsm", demo_case())
    made = api.eindevaluatie(case_path, uit=tmp_path)  # the profile beside the workbook is found
    text = "\n".join(p.text for p in Document(str(made.pad)).paragraphs)
    header = Document(str(made.pad)).sections[0].header.paragraphs[0].text
    assert "Huisstijl van Jeugdhulp Oost" in text and header.startswith("Jeugdhulp Oost – Dossier")
    meeting = api.verslag(case_path, uit=tmp_path)  # no own copy: werkboek's template, with the name
    assert Document(str(meeting.pad)).sections[0].header.paragraphs[0].text.startswith("Jeugdhulp Oost – ")
    # The template check knows the new variable.
    assert "organisatie" in api.sjabloon_controleer(own / TEMPLATES["eindevaluatie"]).known
    assert not api.sjabloon_controleer(own / TEMPLATES["eindevaluatie"]).unknown


def test_the_yearly_figures_group_by_the_profiles_teams_and_units(office, tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    cases = team_cases(8)
    spellings = ["Team Noord", "team  noord", "Team Nrd", "Noord", "Team Zuid", "Team Zuid", "Team Zuid", "Zuid"]
    for i, (case, spelling) in enumerate(zip(cases, spellings, strict=True)):
        case.dossier.values["team"] = spelling
        case.dossier.values["eenheid"] = None
        build(team / f"dossier-{i}.xlsm", case)
    elsewhere = tmp_path / "beheer"  # not above the team folder: the plain run below finds no profile
    elsewhere.mkdir()
    profile = filled(office, elsewhere, [
        ("Teams", "A3", "Team Noord"), ("Teams", "B3", "Regio Oost"), ("Teams", "C3", "Team Nrd; Noord"),
        ("Teams", "A4", "Team Zuid"), ("Teams", "B4", "Regio West"), ("Teams", "C4", "Zuid"),
    ], name="profiel.xlsx")
    done = api.jaarcijfers(team, uit=tmp_path / "J.xlsx", profiel=profile, voortgang=False)
    rows = {b.dimension.attr: [label for label, _ in b.rows] for b in done.cijfers.breakdowns}
    assert rows["team"] == ["Team Noord", "Team Zuid"]
    assert rows["eenheid"] == ["Regio Oost", "Regio West"]
    plain = api.jaarcijfers(team, uit=tmp_path / "J2.xlsx", voortgang=False)
    teams = next(b for b in plain.cijfers.breakdowns if b.dimension.attr == "team")
    assert len(teams.rows) == 5  # Noord, Team Noord, Team Nrd, Team Zuid, Zuid: without the profile


def test_the_check_names_what_the_workbooks_use_that_the_profile_leaves_without_a_place(
        office, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team"
    team.mkdir()
    cases = team_cases(4)
    for i, case in enumerate(cases):
        case.dossier.values["methode"] = "Eigen Kracht" if i < 2 else "NET-module"
        case.dossier.values["methode2"] = None
        case.dossier.values["team"] = "Team West" if i == 3 else "Team Noord"
        build(team / f"dossier-{i}.xlsm", case)
    (team / "kapot.xlsm").write_bytes(b"PK\x03\x04 geen werkmap")
    profile = filled(office, tmp_path, [
        ("Hernoemd", "A3", "Methode"), ("Hernoemd", "B3", "Eigen Kracht"),  # retired, two workbooks use it
        ("Hernoemd", "A4", "Hulpvorm"), ("Hernoemd", "B4", "CKG"),  # retired, nobody uses it
        ("Teams", "A3", "Team Noord"),
    ], name="profiel.xlsx")
    alone = {(f.code, f.ref) for f in read_profile(profile).meldingen}
    assert {("profiel-vervallen-zonder-vervanging", "Hernoemd!C3"),
            ("profiel-vervallen-zonder-vervanging", "Hernoemd!C4")} <= alone
    checked = api.profiel_controleer(profile, [team])
    found = {(f.code, f.ref): f for f in checked.meldingen}
    # The generic warning gives way: none for CKG (nobody uses it), the concrete one for Eigen Kracht.
    assert not any(code == "profiel-vervallen-zonder-vervanging" for code, _ in found)
    used = found[("profiel-vervallen-in-gebruik", "Hernoemd!C3")]
    assert "2 werkmappen (dossier-0.xlsm, dossier-1.xlsm) gebruiken ze" in used.message
    assert "'Eigen Kracht'" in used.message
    west = found[("profiel-team-onbekend", "Teams")]
    assert "'Team West'" in west.message and "1 werkmap (dossier-3.xlsm) noemt het" in west.message
    broken = found[("profiel-werkmap-onleesbaar", "Werkmappen")]
    assert "1 werkmap (kapot.xlsm) kon niet gelezen worden" in broken.message
    assert not checked.fouten
    run = werkboek(capsys, "profiel", "controleer", str(profile), "--werkmappen", str(team))
    assert run.returncode == 0 and "Hernoemd!C3" in run.stdout and "Team West" in run.stdout
    assert "Traceback" not in run.stderr
