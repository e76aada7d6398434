"""`werkboek controleer` as a user runs it on real files: Dutch output, exit codes.

Unreadable and hostile files (not Excel, encrypted, truncated, foreign, zip and entity bombs, absurd
dimensions, huge, empty, a folder) must each give exit 2 and a Dutch message naming the file,
without a traceback, quickly (a real process's timeout) and in bounded memory (its own peak).

Most tests run the command in this process (tests/commands.py). Real processes stay where the
boundary is the point: the exit code of the real script, all hostile files in one process with a
timeout and a memory bound, and the imports of a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.builders import base_case
from tests.commands import werkboek as command
from tests.commands import werkboek_process
from werkboek.workbook import schema, sheetxml, source
from werkboek.workbook.builder import build
from werkboek.workbook.model import Invalid

TIMEOUT = 60  # seconds: generous for 2 busy cores; a hang or a huge allocation blows it
MAX_CHILD_RSS_KB = 1024 * 1024  # 1 GB


@pytest.fixture
def werkboek(capsys: pytest.CaptureFixture[str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`werkboek controleer ARGS`, in this process."""
    return lambda *args: command(capsys, "controleer", *args)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A clean workbook, one with errors, one with only a warning."""
    out = tmp_path_factory.mktemp("controleer")
    broken = base_case()
    broken.actions[2].values["tegen"] = Invalid("31/02/2025", schema.DATE)   # Acties!F4
    broken.actions[0].values["wie"] = "P99"                                  # Acties!D2
    broken.persons[2].values["gecontacteerd_op"] = None                      # Personen!P4, warning
    warning = base_case()
    warning.dossier.values["conclusies"] = None                              # Dossier!B17, warning
    return {
        "schoon": build(out / "schoon.xlsm", base_case()),
        "fouten": build(out / "fouten.xlsm", broken),
        "waarschuwing": build(out / "waarschuwing.xlsm", warning),
    }


def test_clean_workbook_exits_0(werkboek, files: dict[str, Path]) -> None:
    run = werkboek(str(files["schoon"]))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"{files['schoon']}: in orde, geen fouten of waarschuwingen."


def test_warnings_alone_exit_0(werkboek, files: dict[str, Path]) -> None:
    run = werkboek(str(files["waarschuwing"]))
    assert run.returncode == 0
    assert f"{files['waarschuwing']}: 0 fouten, 1 waarschuwing" in run.stdout
    assert "waarschuwing: Dossier!B17: het dossier is afgesloten, maar er staan geen conclusies." in run.stdout


def test_errors_exit_1_grouped_per_sheet_errors_first(files: dict[str, Path]) -> None:
    # A real process: exit code 1 of the real script, and nothing on stderr.
    before = files["fouten"].read_bytes(), files["fouten"].stat().st_mtime_ns
    run = werkboek_process("controleer", files["fouten"], timeout=TIMEOUT)
    assert run.returncode == 1 and run.stderr == ""
    lines = run.stdout.splitlines()
    assert lines[0] == f"{files['fouten']}: 2 fouten, 1 waarschuwing"
    assert lines[1:] == [
        "  Blad Personen",
        ("    waarschuwing: Personen!P4 (persoon P03): het contact met Omer (P03) is verwaterd, maar er staat geen "
         "datum bij "
         "'Gecontacteerd op'. Probeer Omer (P03) opnieuw te bereiken en vul de datum en de reactie in."),
        "  Blad Acties",
        ("    fout: Acties!D2 (actie A1): 'P99' is geen persoon van het blad Personen. Kies een persoon uit "
         "de keuzelijst, of typ de naam zoals op het blad Personen (bv. Fatma, of Fatma Yılmaz); staat de persoon "
         "daar niet (meer), voeg haar toe of haal de verwijzing weg."),
        ("    fout: Acties!F4 (actie A3): '31/02/2025' is geen geldige datum. Typ een bestaande datum als dd/mm/jjjj, "
         "bv. 22/11/2026."),
    ]
    # Checking never writes into the worker's workbook.
    assert (files["fouten"].read_bytes(), files["fouten"].stat().st_mtime_ns) == before


def test_several_files_each_reported_worst_exit_code(werkboek, files: dict[str, Path], tmp_path: Path) -> None:
    stuk = tmp_path / "stuk.xlsm"
    stuk.write_text("geen werkmap")
    run = werkboek(str(files["schoon"]), str(files["fouten"]))
    assert run.returncode == 1
    assert run.stdout.count("\n\n") >= 1 and "2 bestanden: 1 zonder fouten, 1 met fouten, 0 onleesbaar." in run.stdout
    run = werkboek(str(files["fouten"]), str(stuk), str(files["schoon"]))
    assert run.returncode == 2
    blocks = run.stdout.split("\n\n")
    assert blocks[0].startswith(f"{files['fouten']}: 2 fouten")
    assert blocks[1] == f"{stuk}: onleesbaar: dit is geen Excel-werkmap. Kies een Netwerkkaart-werkmap (.xlsm)."
    assert blocks[2].startswith(f"{files['schoon']}: in orde")
    assert blocks[3].strip() == "3 bestanden: 1 zonder fouten, 1 met fouten, 1 onleesbaar."


def test_json_has_the_documented_stable_shape(werkboek, files: dict[str, Path], tmp_path: Path) -> None:
    stuk = tmp_path / "leeg.xlsm"
    stuk.write_bytes(b"")
    run = werkboek("--json", str(files["fouten"]), str(stuk), str(files["schoon"]))
    assert run.returncode == 2
    result = json.loads(run.stdout)
    assert [r["status"] for r in result] == ["fouten", "onleesbaar", "in-orde"]
    assert set(result[0]) == {"pad", "status", "fouten", "waarschuwingen", "meldingen"}
    assert (result[0]["fouten"], result[0]["waarschuwingen"]) == (2, 1)
    assert result[0]["meldingen"][1] == {
        "code": "onbekende-persoon", "ernst": "fout", "blad": "Acties", "cel": "D2",
        "melding": "'P99' is geen persoon van het blad Personen.",
        "oplossing": "Kies een persoon uit de keuzelijst, of typ de naam zoals op het blad Personen (bv. Fatma, of "
                     "Fatma Yılmaz); staat de persoon daar niet (meer), voeg haar toe of haal de verwijzing weg.",
        "label": "actie A1",
    }
    assert result[1] == {"pad": str(stuk), "status": "onleesbaar", "code": "leeg-bestand",
                         "probleem": "het bestand is leeg (0 bytes).",
                         "oplossing": "Neem een vorige versie of een back-up."}
    assert result[2]["meldingen"] == [] and result[2]["pad"] == str(files["schoon"])


def test_help_and_docs_agree_on_the_json_keys(werkboek) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "controles.md").read_text(encoding="utf-8")
    for key in ("pad", "status", "fouten", "waarschuwingen", "meldingen", "code", "ernst", "blad", "cel", "melding",
                "oplossing", "label", "probleem", "in-orde", "onleesbaar"):
        assert f'"{key}"' in docs or f"`{key}`" in docs, key
    run = werkboek("--help")
    assert "gebruik: werkboek controleer" in run.stdout and "--json" in run.stdout and "Exitcodes" in run.stdout


# --- unreadable and hostile files -------------------------------------------------------------------


def _rezip(src: Path, dst: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


def _text(p: Path, src: Path) -> Path:
    p.write_text("Dit is een boodschappenlijstje, geen werkmap.\n", encoding="utf-8")
    return p


def _encrypted(p: Path, src: Path) -> Path:
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
                  + b"\0" * 2048)
    return p


def _old_xls(p: Path, src: Path) -> Path:
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return p


def _truncated(p: Path, src: Path) -> Path:
    data = src.read_bytes()
    p.write_bytes(data[: len(data) * 2 // 3])
    return p


def _foreign(p: Path, src: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(p))
    wb.add_worksheet("Blad1").write(0, 0, "Naam")
    wb.add_worksheet("Overzicht").write(0, 0, "Totaal")
    wb.close()
    return p


def _docx(p: Path, src: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("Verslag")
    doc.save(str(p))
    return p


def _zip_bomb(p: Path, src: Path) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == "xl/worksheets/sheet2.xml":
                with zout.open(info.filename, "w") as fh:  # 200 MB of zeros, a few hundred KB packed
                    fh.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                    chunk = b"0" * 2**20
                    for _ in range(200):
                        fh.write(chunk)
            else:
                zout.writestr(info.filename, zin.read(info.filename))
    return p


def _huge_dimension(p: Path, src: Path) -> Path:
    """Data in 2,000 columns of the last row: an absurd sheet, not a stray keystroke."""
    def change(name: str, body: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', body)
            cells = b"".join(b'<c r="%s1048576"><v>1</v></c>' % sheetxml.col_letters(c).encode()
                             for c in range(1, 2001))
            body = body.replace(b"</sheetData>", b'<row r="1048576">' + cells + b"</row></sheetData>")
            assert b"XFD1048576" in body
        return body

    return _rezip(src, p, change)


def _entity_bomb(p: Path, src: Path) -> Path:
    lol = b"".join(b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 10))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">' + lol + b']>'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            b"<si><t>&l9;</t></si></sst>")
    return _rezip(src, p, lambda name, body: bomb if name == "xl/sharedStrings.xml" else body)


def _entity_bomb_in_sheet(p: Path, src: Path) -> Path:
    def change(name: str, body: bytes) -> bytes:
        if name == "xl/worksheets/sheet2.xml":
            body = body.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', 1)
        return body

    return _rezip(src, p, change)


def _entity_bomb_in_picker(p: Path, src: Path) -> Path:
    """The hidden picker sheet is never parsed, only its head searched for the version marker."""
    part = source.inspect(src).sheets[schema.PICKER_SHEET]

    def change(name: str, body: bytes) -> bytes:
        if name == part:
            body = body.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', 1)
        return body

    return _rezip(src, p, change)


def _empty(p: Path, src: Path) -> Path:
    p.write_bytes(b"")
    return p


def _directory(p: Path, src: Path) -> Path:
    p.mkdir()
    return p


def _missing(p: Path, src: Path) -> Path:
    return p


def _fifo(p: Path, src: Path) -> Path:
    os.mkfifo(p)  # opening it for reading would wait for a writer forever
    return p


def _huge_file(p: Path, src: Path) -> Path:
    with p.open("wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.write(b"PK\x03\x04")
        fh.truncate(60 * 2**20)
    return p


HOSTILE = [
    ("tekst.xlsm", _text, "geen Excel-werkmap"),
    ("beveiligd.xlsm", _encrypted, "wachtwoord"),
    ("oud.xls", _old_xls, "oud Excel-bestand"),
    ("afgebroken.xlsm", _truncated, "beschadigd of onvolledig"),
    ("vreemd.xlsx", _foreign, "geen Netwerkkaart-werkmap"),
    ("verslag.docx", _docx, "Word-document"),
    ("zipbom.xlsm", _zip_bomb, "zip-bom"),
    ("reuzeblad.xlsm", _huge_dimension, "onwaarschijnlijk groot"),
    ("entiteiten.xlsm", _entity_bomb, "kan niet gelezen worden"),
    ("entiteiten-blad.xlsm", _entity_bomb_in_sheet, "verboden XML"),
    ("entiteiten-keuzes.xlsm", _entity_bomb_in_picker, "verboden XML"),
    ("leeg.xlsm", _empty, "leeg"),
    ("een map.xlsm", _directory, "map"),
    ("bestaat-niet.xlsm", _missing, "bestaat niet"),
    ("enorm.xlsm", _huge_file, "te groot"),
    ("pijp.xlsm", _fifo, "geen gewoon bestand"),
]


# In this process every file but the pipe: should a change open it for reading, the test process
# would wait forever. The real process below reads it too, under a timeout.
IN_PROCESS = [h for h in HOSTILE if h[1] is not _fifo]


@pytest.mark.parametrize(("name", "make", "says"), IN_PROCESS, ids=[h[0] for h in IN_PROCESS])
def test_unreadable_file_exits_2_with_a_dutch_message(werkboek, tmp_path: Path, files: dict[str, Path], name: str,
                                                      make: Callable[[Path, Path], Path], says: str) -> None:
    path = make(tmp_path / name, files["schoon"])
    run = werkboek(str(path))
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout.startswith(f"{path}: onleesbaar: ") and says in run.stdout, run.stdout
    assert run.stderr == ""
    as_json = json.loads(werkboek("--json", str(path)).stdout)
    assert as_json[0]["status"] == "onleesbaar" and says in as_json[0]["probleem"] and as_json[0]["oplossing"]


def test_hostile_files_in_one_real_process_exit_2_quickly_in_bounded_memory(tmp_path: Path,
                                                                            files: dict[str, Path]) -> None:
    # A real process: exit code 2 of the real script, no traceback, the timeout, and the peak
    # memory of that process and the readers it forks (not of this test process's other children).
    paths = [make(tmp_path / name, files["schoon"]) for name, make, _ in HOSTILE]
    run = werkboek_process("controleer", *paths, timeout=TIMEOUT)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr and run.stderr == ""
    assert run.peak_kb < MAX_CHILD_RSS_KB
    blocks = run.stdout.split("\n\n")
    for path, (_, _, says), block in zip(paths, HOSTILE, blocks, strict=False):
        assert block.startswith(f"{path}: onleesbaar: ") and says in block, block
    assert blocks[-1].strip() == f"{len(HOSTILE)} bestanden: 0 zonder fouten, 0 met fouten, {len(HOSTILE)} onleesbaar."


def test_controleer_keeps_heavy_libraries_unloaded(files: dict[str, Path]) -> None:
    """The check must start fast (goal 0.3 s, scripts/bench_controleer.py): none of these on its path."""
    heavy = ("pandas", "numpy", "openpyxl", "xlsxwriter", "docx", "docxtpl", "matplotlib", "xlwings", "pyopenvba")
    code = ("import sys, contextlib, io\nfrom werkboek.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): rc = main(['controleer', {str(files['fouten'])!r}])\n"
            f"print(rc, sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))")
    # A real process: only a fresh interpreter shows what the command imports.
    run = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=TIMEOUT)
    assert run.stdout.split() == ["1", "[]"], run.stdout + run.stderr


def test_wildcards_are_expanded_when_the_shell_did_not(werkboek, files: dict[str, Path]) -> None:
    folder = files["schoon"].parent
    run = werkboek(str(folder / "*.xlsm"))
    assert run.returncode == 1
    assert "3 bestanden: 2 zonder fouten, 1 met fouten, 0 onleesbaar." in run.stdout
    nothing = werkboek(str(folder / "geen-*.xlsm"))
    assert nothing.returncode == 2 and "geen-*.xlsm: onleesbaar: dit bestand bestaat niet." in nothing.stdout


def test_excels_lock_file_is_skipped_with_a_note_not_an_error(
        werkboek: Callable[..., subprocess.CompletedProcess[str]], files: dict[str, Path], tmp_path: Path) -> None:
    """`werkboek controleer team/*.xlsm` while a colleague has a workbook open in Excel."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "dossier.xlsm").write_bytes(files["schoon"].read_bytes())
    # Excel's owner file: 165 bytes with the user's name in it
    (team / "~$dossier.xlsm").write_bytes((b"\x07An Claes" + b" " * 46 + b"\x07\x00A\x00n\x00").ljust(165, b"\x00"))
    run = werkboek(str(team / "*.xlsm"))  # as Windows' cmd passes a wildcard on
    assert run.returncode == 0, run.stdout + run.stderr
    reason = ("een tijdelijk bestand van Excel: iemand heeft de werkmap open (of had ze open toen Excel afsloot). "
              "Het is geen werkmap; er is niets mee te doen.")
    assert run.stdout.split("\n\n")[:2] == [f"{team / 'dossier.xlsm'}: in orde, geen fouten of waarschuwingen.",
                                              f"{team / '~$dossier.xlsm'}: overgeslagen: {reason}"]
    assert run.stdout.rstrip().endswith("2 bestanden: 1 zonder fouten, 0 met fouten, 0 onleesbaar, 1 overgeslagen.")
    as_json = json.loads(werkboek("--json", str(team / "*.xlsm")).stdout)
    assert as_json[1] == {"pad": str(team / "~$dossier.xlsm"), "status": "overgeslagen", "code": "vergrendelbestand",
                          "reden": reason}
