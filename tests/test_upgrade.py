"""`werkboek bijwerken` on real workbooks: version 1 as committed, the demo case as version 1, a
version-1 case edited and saved by LibreOffice (a column, a comment and a colour added by hand),
and a version-2 workbook with a renamed and a missing column, under an organisation profile.

Each upgrade must lose no value, give the same figures, put the new buttons and VBA in place and
leave the old file byte for byte as it was (moved into the backup folder).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.commands import werkboek
from werkboek import api, figures
from werkboek.demo import demo_case as make_demo
from werkboek.profile import apply, read_profile, write_empty
from werkboek.workbook import migrations, schema, xlsx
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case
from werkboek.workbook.reader import read_case

FIXTURES = Path(__file__).parent / "fixtures"


def same(a: Case, b: Case) -> bool:
    return (a.dossier, a.tables) == (b.dossier, b.tables)


def same_figures(a: Case, b: Case) -> bool:
    return figures.case_figures(a) == figures.case_figures(b) and figures.case_numbers(a) == figures.case_numbers(b)


def has_buttons_and_vba(path: Path) -> bool:
    from oletools.olevba import VBA_Parser

    vba = VBA_Parser(str(path))
    modules = {name: code for (_, _, name, code) in vba.extract_macros()}
    vba.close()
    with zipfile.ZipFile(path) as zf:
        drawings = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/drawings/vmlDrawing"))
    ours = xlsx.vba_modules()
    # The current macros, exactly (version 1's differ), and the buttons that call them.
    return (all(modules.get(f"{stem}.bas", "").replace("\r\n", "\n").strip() == code.replace("\r\n", "\n").strip()
                for stem, code in ours.items())
            and all(macro.encode() in drawings for macro in ("Controleer", "Eindevaluatie", "Veiligheidsplan")))


def upgraded(src: Path, folder: Path) -> tuple[Path, bytes, Case]:
    path = folder / src.name
    shutil.copy(src, path)
    return path, path.read_bytes(), read_case(path)


@pytest.mark.parametrize("name", ["Netwerkkaart-v1.xlsm", "Demo-v1.xlsm"])
def test_a_version_1_workbook_upgrades_without_losing_a_value(name: str, tmp_path: Path) -> None:
    path, before, old = upgraded(FIXTURES / name, tmp_path)
    assert old.template_version == 1
    done = api.bijwerken(path)
    [result] = done.bestanden
    assert result.status == "bijgewerkt" and done.exitcode == 0 and result.niet_meegenomen == ()
    assert result.reserve is not None and result.reserve.read_bytes() == before  # the old file, untouched
    assert result.reserve.parent.name.startswith("werkboek-oud ")
    new = read_case(path)
    assert new.template_version == schema.TEMPLATE_VERSION
    assert same(new, old) and same_figures(new, old)
    assert has_buttons_and_vba(path)
    # The sheets of later versions are there, empty and ready (the Signs of Safety sheets of version 3).
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert all(sheet.name in names for sheet in schema.SAFETY_TABLES)
    assert all(not new.tables[sheet.key] for sheet in schema.SAFETY_TABLES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, result.reserve.parent.name])  # no temp file
    # Once more: nothing to do.
    assert api.bijwerken(path).bestanden[0].status == "al bij"


def test_proef_changes_nothing_and_says_what_would_happen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, before, _ = upgraded(FIXTURES / "Demo-v1.xlsm", tmp_path)
    run = werkboek(capsys, "bijwerken", str(tmp_path), "--proef")
    assert run.returncode == 0, run.stderr
    assert f"zou bijwerken (versie 1 -> {schema.TEMPLATE_VERSION}" in run.stdout
    assert "Proef: er is niets veranderd." in run.stdout
    assert [p.name for p in tmp_path.iterdir()] == [path.name] and path.read_bytes() == before


def test_a_folder_skips_locked_unreadable_and_newer_workbooks_with_their_reason(
        office, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team"
    (team / "noord").mkdir(parents=True)
    shutil.copy(FIXTURES / "Demo-v1.xlsm", team / "noord" / "Gezin A.xlsm")
    shutil.copy(FIXTURES / "Demo-v1.xlsm", team / "Open.xlsm")
    (team / "~$Open.xlsm").write_bytes(b"lock")
    (team / "Kapot.xlsm").write_bytes(b"PK\x03\x04 dit is geen werkmap")
    with office.open(build(tmp_path / "v2.xlsm", make_demo())) as book:
        book.set_number(schema.PICKER_SHEET, "F1", schema.TEMPLATE_VERSION + 1)
        book.save_as(team / "Nieuwer.xlsm")
    newer = (team / "Nieuwer.xlsm").read_bytes()
    run = werkboek(capsys, "bijwerken", str(team))
    assert run.returncode == 1, run.stderr
    lines = run.stdout
    assert "Gezin A.xlsm: bijgewerkt" in lines
    assert "Open.xlsm: overgeslagen: de werkmap is open in Excel" in lines
    assert "Kapot.xlsm: overgeslagen: onleesbaar" in lines
    assert f"Nieuwer.xlsm: overgeslagen: de werkmap is van sjabloonversie {schema.TEMPLATE_VERSION + 1}" in lines
    assert "4 werkmappen: 1 bijgewerkt, 0 al bij, 3 overgeslagen" in lines
    assert (team / "Nieuwer.xlsm").read_bytes() == newer and (team / "Open.xlsm").read_bytes() == \
        (FIXTURES / "Demo-v1.xlsm").read_bytes()
    assert read_case(team / "noord" / "Gezin A.xlsm").template_version == schema.TEMPLATE_VERSION


def test_a_version_1_case_saved_by_libreoffice_keeps_its_own_column_comment_and_colour(office, tmp_path: Path
                                                                                        ) -> None:
    old_path = tmp_path / "v1 met eigen kolom.xlsm"
    source = read_case(FIXTURES / "Demo-v1.xlsm")
    persons = source.persons
    with office.open(FIXTURES / "Demo-v1.xlsm") as book:
        width = len(book.read("Personen", "A1:AZ1").texts[0])
        grid = book.texts("Personen")
        own = schema.col_letter(len([h for h in grid[0] if h]) + 1)  # one empty column right of the table
        book.set_text("Personen", f"{own}1", "Hobby")
        book.set_text("Personen", f"{own}2", "voetbal")
        book.set_text("Personen", f"{own}4", "piano")
        book.set_text("Personen", f"{own}{len(persons) + 5}", "op een lege rij")
        book.set_comment("Acties", "C2", "Navragen bij oma")
        book.set_fill("Personen", "B3", "#92D050")
        book.save_as(old_path)
    assert width > 0
    before = old_path.read_bytes()
    old = read_case(old_path)
    done = api.bijwerken(old_path)
    [result] = done.bestanden
    assert result.status == "bijgewerkt", result.reden
    assert result.eigen_kolommen == 1 and result.opmerkingen == 1 and result.kleuren == 1
    # The value on a row without data cannot go with a row: listed, and the exit code says so.
    assert len(result.niet_meegenomen) == 1 and "op een lege rij" in result.niet_meegenomen[0]
    assert done.exitcode == 1
    assert result.reserve is not None and result.reserve.read_bytes() == before
    new = read_case(old_path)
    assert same(new, old) and same_figures(new, old) and has_buttons_and_vba(old_path)
    wb = openpyxl.load_workbook(old_path)  # reading only
    ws = wb["Personen"]
    col = len(schema.PERSONEN.columns) + 1
    assert ws.cell(1, col).value == "Hobby"
    by_id = {ws.cell(r, 1).value: ws.cell(r, col).value for r in range(2, len(persons) + 2)}
    assert by_id[persons[0].id] == "voetbal" and by_id[persons[2].id] == "piano"
    assert sum(v is not None for v in by_id.values()) == 2
    assert ws.cell(3, 2).fill.fgColor.rgb.endswith("92D050")
    acties = wb["Acties"]
    assert acties.cell(2, schema.ACTIES.index("wat") + 1).comment.text.startswith("Navragen bij oma")


def test_a_version_2_workbook_with_a_renamed_and_a_missing_column_upgrades_under_a_profile(
        office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a later template would: "Rol in het plan" was called "Rol", "Gekozen door" did not exist yet.
    monkeypatch.setattr(migrations, "RENAMED", {2: {"Rol": "Rol in het plan"}})
    case = make_demo()
    v2 = build(tmp_path / "bron.xlsm", case)
    old_path = tmp_path / "v2 oud.xlsm"
    with office.open(v2) as book:
        header = book.texts("Personen", "A1:Z1")[0]
        book.set_text("Personen", f"{schema.col_letter(header.index('Rol in het plan'))}1", "Rol")
        book.delete_column("Personen", schema.col_letter(header.index("Gekozen door")))
        book.set_number(schema.PICKER_SHEET, "F1", 2)  # a version 2 workbook (the builder writes the current one)
        book.save_as(old_path)
    old = read_case(old_path)
    assert old.template_version == 2 and old.missing_columns == {"personen": ["gekozen_door"]}
    assert [p.get("rol") for p in old.persons] == [p.get("rol") for p in case.persons]
    # The organisation renamed "gedaan" to "afgerond" and added a relation.
    empty = write_empty(tmp_path / "leeg.xlsx")
    profile_path = tmp_path / "werkboek-profiel.xlsx"
    with office.open(empty) as book:
        status = [lst.key for lst in schema.LISTS].index("status")
        book.set_text("Lijsten", f"{schema.col_letter(status)}5", "afgerond")
        book.set_text("Lijsten", f"B{len(schema.LIST_BY_KEY['relatie'].values) + 3}", "plusmama")
        book.set_text("Hernoemd", "A3", "Status actie")
        book.set_text("Hernoemd", "B3", "gedaan")
        book.set_text("Hernoemd", "C3", "afgerond")
        book.set_text("Organisatie", "B6", r"E:\werkboek\pythonw.exe")
        book.save_as(profile_path)
    profile = read_profile(profile_path)
    assert profile.meldingen == ()
    done = api.bijwerken(old_path)  # the profile beside the workbook is found
    [result] = done.bestanden
    assert result.status == "bijgewerkt" and done.profiel == profile_path
    new = read_case(old_path)
    assert not new.missing_columns
    assert same(new, old)
    assert same_figures(apply(new, profile), apply(old, profile))
    assert figures.case_figures(apply(new, profile)).actions_done == figures.case_figures(case).actions_done > 0
    # The profile's lists first, the workbook's own values kept (so its rows still read as choices).
    assert new.lists["status"][:5] == profile.values("status") and "gedaan" in new.lists["status"]
    assert "plusmama" in new.lists["relatie"]
    with zipfile.ZipFile(old_path) as zf:  # the buttons start the profile's Python
        assert b"E:\\werkboek\\pythonw.exe" in b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/"))
    found = api.controleer(old_path).meldingen
    assert found and {f.code for f in found} == {"vervallen-waarde"}
    assert all(f.sheet == "Acties" and "'afgerond'" in f.message for f in found)


def test_the_yearly_figures_do_not_count_the_backup_again(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    path, _, old = upgraded(FIXTURES / "Demo-v1.xlsm", team)
    assert api.bijwerken(team).bestanden[0].status == "bijgewerkt"
    outcome = api.jaarcijfers(team, uit=tmp_path / "J.xlsx", voortgang=False)
    assert [Path(u.file).name for u in outcome.cijfers.used] == [path.name]
    assert not [p for p in outcome.cijfers.problems if p.kind == "dubbel-dossier"]
    assert outcome.cijfers.used[0].numbers == figures.case_numbers(old)
