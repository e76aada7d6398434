"""The report commands as a worker meets them: check first, names, never overwriting, PDF, templates.

The commands run in this process (tests/commands.py): what they print and their exit codes are
the point here, not the process around them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from tests.commands import werkboek
from werkboek import api, reports
from werkboek.errors import WerkboekError
from werkboek.workbook.builder import build
from werkboek.workbook.reader import read_case

TEMPLATES = reports.output.TEMPLATE_DIR


@pytest.fixture
def workbook(tmp_path, demo_path) -> Path:
    """A fresh copy of the demo workbook (reports land next to it)."""
    target = tmp_path / "Netwerkkaart.xlsm"
    target.write_bytes(demo_path.read_bytes())
    return target


def changed(tmp_path: Path, demo_case, change) -> Path:
    case = read_case(build(tmp_path / "src.xlsm", demo_case))
    change(case)
    return build(tmp_path / "Netwerkkaart.xlsm", case)


def test_default_names_say_case_kind_and_date_and_never_overwrite(workbook, demo_case):
    number = demo_case.dossier["dossiernummer"]
    meeting = reports.latest_meeting(demo_case)
    first = api.verslag(workbook).pad
    assert first == workbook.parent / f"Verslag netwerkberaad {number} {meeting.id} {meeting['datum'].isoformat()}.docx"
    first.write_bytes(b"edited by the worker")
    second = api.verslag(workbook).pad
    assert second.name == f"{first.stem} (2).docx" and first.read_bytes() == b"edited by the worker"
    evaluation = api.eindevaluatie(workbook).pad
    assert evaluation.name.startswith(f"Eindevaluatie {number} 20") and evaluation.suffix == ".docx"


def test_a_report_open_in_word_gets_a_new_name(workbook):
    target = api.verslag(workbook).pad
    target.unlink()
    (target.parent / f"~${target.name[2:]}").write_bytes(b"lock")  # Word's owner file while it has the file open
    again = api.verslag(workbook).pad
    assert again.name == f"{target.stem} (2).docx"


def test_output_to_a_folder_or_a_name(workbook, tmp_path):
    out = tmp_path / "uit"
    out.mkdir()
    assert api.verslag(workbook, beraad="b1", uit=out).pad.parent == out  # IDs in any case
    named = api.eindevaluatie(workbook, uit=tmp_path / "mijn verslag").pad
    assert named == tmp_path / "mijn verslag.docx" and named.is_file()
    with pytest.raises(WerkboekError, match="bestaat niet"):
        api.verslag(workbook, uit=tmp_path / "nergens" / "x.docx")


def test_errors_stop_the_report_with_the_findings(tmp_path, demo_case, capsys):
    path = changed(tmp_path, demo_case, lambda case: case.actions[0].values.update(wie=None))
    result = werkboek(capsys, "verslag", str(path))
    assert result.returncode == 1, result.stderr
    assert "actie A1" in result.stderr and "Acties!D" in result.stderr and "geen verslag gemaakt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_warnings_are_listed_and_the_report_is_made(tmp_path, demo_case, capsys):
    def no_end(case):
        case.tables["cirkels"] = [p for p in case.placements if p["moment"] != "einde"]

    path = changed(tmp_path, demo_case, no_end)
    result = werkboek(capsys, "eindevaluatie", str(path))
    assert result.returncode == 0, result.stderr
    assert "waarschuwing" in result.stdout and "eindmeting" in result.stdout
    assert len(list(tmp_path.glob("Eindevaluatie *.docx"))) == 1


def test_unknown_meeting_and_unreadable_file_are_explained(workbook, tmp_path, capsys):
    result = werkboek(capsys, "verslag", str(workbook), "--beraad", "B9")
    assert result.returncode == 2 and "geen netwerkberaad met ID 'B9' (wel: B1, B2, B3)" in result.stderr
    broken = tmp_path / "kapot.xlsm"
    broken.write_bytes(b"dit is geen werkmap")
    result = werkboek(capsys, "eindevaluatie", str(broken))
    assert result.returncode == 2 and "kapot.xlsm" in result.stderr and "Traceback" not in result.stderr


def test_pdf_without_libreoffice_says_so_and_keeps_the_word_file(workbook, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    result = werkboek(capsys, "verslag", str(workbook), "--pdf")
    assert result.returncode == 2
    assert "LibreOffice is niet geïnstalleerd" in result.stderr and "Opslaan als PDF" in result.stderr
    assert len(list(workbook.parent.glob("Verslag *.docx"))) == 1 and not list(workbook.parent.glob("*.pdf"))


def test_cli_writes_the_report(workbook, capsys):
    result = werkboek(capsys, "verslag", str(workbook), "--beraad", "B2")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip().splitlines()[-1].split(": ", 1)[1])
    assert path.is_file() and "Verslag netwerkberaad" in Document(path).paragraphs[0].text


def test_shipped_templates_pass_their_own_check():
    for name, kind in (("verslag_netwerkberaad.docx", "verslag"), ("eindevaluatie.docx", "eindevaluatie")):
        result = api.sjabloon_controleer(TEMPLATES / name)
        assert (result.kind, result.unknown, result.error) == (kind, [], None)


def edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of a shipped template with one piece of text replaced, as staff would in Word."""
    doc = Document(TEMPLATES / name)
    for p in doc.paragraphs:
        if old in p.text:
            p.text = p.text.replace(old, new)
            break
    else:
        raise AssertionError(old)
    out = tmp_path / f"eigen {name}"
    doc.save(out)
    return out


def test_template_check_names_unknown_variables_and_render_errors(tmp_path, capsys):
    unknown = edited(tmp_path, "verslag_netwerkberaad.docx", "{{ beraad.volgende }}", "{{ volgende_datum }} {{ logo }}")
    result = werkboek(capsys, "sjabloon", "controleer", str(unknown))
    assert result.returncode == 1
    assert "Variabelen die werkboek niet geeft: logo, volgende_datum" in result.stdout
    assert "mislukt" in result.stdout and "Wel beschikbaar:" in result.stdout

    attribute = edited(tmp_path, "eindevaluatie.docx", "{{ periode }}", "{{ periode.jaar }}")
    check = api.sjabloon_controleer(attribute)
    assert check.kind == "eindevaluatie" and check.unknown == [] and "jaar" in check.error

    syntax = edited(tmp_path, "eindevaluatie.docx", "{{ periode }}", "{{ periode ")
    assert "sjabloontaal" in api.sjabloon_controleer(syntax).error

    result = werkboek(capsys, "sjabloon", "controleer", str(tmp_path / "bestaat-niet.docx"))
    assert result.returncode == 2 and "geen Word-document" in result.stderr


def test_an_organisation_template_is_used_when_configured(tmp_path, workbook, monkeypatch):
    own = tmp_path / "sjablonen"
    own.mkdir()
    edited(tmp_path, "verslag_netwerkberaad.docx", "Verslag netwerkberaad", "Verslag van ons netwerkberaad").rename(
        own / "verslag_netwerkberaad.docx")
    monkeypatch.setenv(reports.output.TEMPLATES_ENV, str(own))
    assert Document(api.verslag(workbook).pad).paragraphs[0].text == "Verslag van ons netwerkberaad"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_outputs_get_the_usual_file_mode(workbook, tmp_path):
    """Files are written beside their target and moved into place; they still get the mode a new
    file gets from the umask (a private 0600 would lock a team out of a shared folder), and a
    replaced file keeps its own."""
    mask = os.umask(0o022)
    try:
        made = api.nieuw(tmp_path / "Nieuw.xlsm")
        report = api.verslag(workbook, uit=tmp_path).pad
        assert {oct(p.stat().st_mode & 0o777) for p in (made, report)} == {oct(0o644)}
        made.chmod(0o640)
        api.nieuw(made, overschrijf=True)
        assert made.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(mask)


@pytest.fixture
def read_only(tmp_path, demo_path):
    """A folder werkboek may read but not write in, with a workbook in it: chmod for a user, the
    immutable attribute for root (who may write anywhere else); skipped where neither holds."""
    folder = tmp_path / "alleen lezen"
    folder.mkdir()
    (folder / "Netwerkkaart.xlsm").write_bytes(demo_path.read_bytes())
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):  # root
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode == 0
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("no read-only folder can be made here (root without chattr)")
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_read_only_folder_gets_a_dutch_message_that_says_where_to_write(capsys, read_only, tmp_path):
    before = sorted(p.name for p in read_only.iterdir())
    result = werkboek(capsys, "verslag", str(read_only / "Netwerkkaart.xlsm"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Fout: {read_only}/Verslag netwerkberaad ")
    assert (f"werkboek mag niet schrijven in de map {read_only} (ze is alleen-lezen, of je hebt er geen "
            "schrijfrechten).") in result.stderr
    assert "Kies een map waarin je mag schrijven, bijvoorbeeld " in result.stderr
    assert result.stderr.endswith(". Geef die op met -o.\n")
    assert "Traceback" not in result.stderr and "PermissionError" not in result.stderr
    assert sorted(p.name for p in read_only.iterdir()) == before  # no temporary file left behind
    elsewhere = werkboek(capsys, "verslag", str(read_only / "Netwerkkaart.xlsm"), "-o", str(tmp_path))
    assert elsewhere.returncode == 0, elsewhere.stderr


def test_a_long_output_name_is_written_and_a_too_long_one_gets_a_dutch_message(capsys, workbook, tmp_path):
    longest = tmp_path / ("n" * 250 + ".docx")  # 255 characters: what a file name may have here
    result = werkboek(capsys, "verslag", str(workbook), "-o", str(longest))
    assert result.returncode == 0, result.stderr
    assert longest.is_file() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    too_long = tmp_path / ("n" * 252 + ".docx")
    result = werkboek(capsys, "verslag", str(workbook), "-o", str(too_long))
    assert result.returncode == 2
    assert result.stderr == (f"Fout: {too_long}: deze bestandsnaam is te lang (257 tekens). Kies een kortere naam, "
                             "van hoogstens 200 tekens. Geef die op met -o.\n")


def test_every_command_that_writes_says_so_in_dutch_in_a_read_only_folder(read_only):
    from werkboek.errors import CannotWrite

    for write in (lambda: api.nieuw(read_only / "Nieuw.xlsm"), lambda: api.sleutel(read_only / "sleutel.txt"),
                  lambda: api.demo(read_only / "demo"), lambda: api.eindevaluatie(read_only / "Netwerkkaart.xlsm")):
        with pytest.raises(CannotWrite, match=f"werkboek mag niet schrijven in de map {read_only} "):
            write()
    assert sorted(p.name for p in read_only.iterdir()) == ["Netwerkkaart.xlsm"]
