"""The reader tolerates what workers really type, and refuses what is not a Netwerkkaart."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from werkboek.errors import FileProblem
from werkboek.workbook import schema
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case, Invalid, Record
from werkboek.workbook.reader import read_case
from werkboek.workbook.values import parse


def small_case() -> Case:
    case = Case.empty()
    case.dossier = Record("dossier", {"dossiernummer": "2025-001", "startdatum": dt.date(2025, 1, 6),
                                      "centrale_persoon": "P01"})
    case.tables["personen"] = [
        Record("personen", {"id": "P01", "voornaam": "Lotte", "relatie": "centrale persoon", "sector": "familie"}),
        Record("personen", {"id": "P02", "voornaam": "Els", "relatie": "moeder", "sector": "familie",
                            "geboortejaar": 1984}),
    ]
    return case


def worker_edited(tmp_path: Path) -> Path:
    """A copy edited as a worker would in Excel (openpyxl saves this test copy only)."""
    path = build(tmp_path / "w.xlsm", small_case())
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb["Personen"]
    ws["A2"] = "P01  "  # trailing spaces
    ws["E3"] = "1984"  # a number stored as text
    ws["A6"] = "P03"  # after blank rows 4 and 5
    ws["B6"] = " Yusuf "
    ws["G6"] = "Broer"  # other case than the list
    ws["H6"] = "familie"
    ws["V1"] = "Eigen kolom"  # a column the worker added
    ws["V6"] = "iets"
    ws["N6"] = "3/4/2024"  # day-first text date
    ws["P6"] = dt.datetime(2024, 4, 5)  # a real date cell
    ws["N3"] = "2024-13-45"  # nonsense
    dossier = wb["Dossier"]
    dossier[f"B{schema.DOSSIER.row_of('centrale_persoon')}"] = "P01 – Lotte"
    dossier[f"B{schema.DOSSIER.row_of('einddatum')}"] = "31.12.2025"
    rel = wb["Relaties"]
    rel["A2"], rel["B2"], rel["C2"] = "P02 - Els", "P01 – Lotte Peeters", "ouder–kind"
    mtg = wb["Netwerkberaad"]
    mtg["A2"], mtg["B2"], mtg["D2"] = "B1", "14/02/2025", "P01; P02 – Els,P03"
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def test_reader_tolerates_what_workers_type(tmp_path: Path) -> None:
    case = read_case(worker_edited(tmp_path))
    p1, p2, p3 = case.persons
    assert p1.id == "P01" and p2["geboortejaar"] == 1984
    assert p3.row == 6 and p3["voornaam"] == "Yusuf" and p3["relatie"] == "broer"
    assert p3["verwaterd"] is None and p3["gevonden_op"] == dt.date(2024, 4, 3)
    assert p3["gecontacteerd_op"] == dt.date(2024, 4, 5)
    assert p2["gevonden_op"] == Invalid("2024-13-45", schema.DATE)
    assert p2.cell("gevonden_op") == "Personen!N3"
    assert case.dossier["centrale_persoon"] == "P01"
    assert case.dossier["einddatum"] == dt.date(2025, 12, 31)
    assert case.relations[0]["persoon_a"] == "P02" and case.relations[0]["persoon_b"] == "P01"
    assert case.meetings[0]["aanwezigen"] == ["P01", "P02", "P03"]
    assert case.meetings[0]["datum"] == dt.date(2025, 2, 14)
    assert case.missing_columns == {}


def test_reader_never_writes_to_the_file(tmp_path: Path) -> None:
    path = build(tmp_path / "r.xlsm", small_case())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_case(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_columns_found_by_header_not_position(tmp_path: Path) -> None:
    path = build(tmp_path / "c.xlsm", small_case())
    wb = openpyxl.load_workbook(path, keep_vba=True)
    ws = wb["Personen"]
    ws.insert_cols(2)  # a worker inserts a column before Voornaam
    ws["B1"] = "Bijnaam"
    ws.delete_cols(ws.max_column)  # and deletes "Notities (intern)"
    wb.save(tmp_path / "c2.xlsx")
    case = read_case(tmp_path / "c2.xlsx")
    assert case.persons[0]["voornaam"] == "Lotte"
    assert case.persons[0].cell("voornaam") == "Personen!C2"
    assert case.missing_columns == {"personen": ["notities"]}


@pytest.mark.parametrize(
    ("raw", "type_", "expected"),
    [
        ("12/03/2024", schema.DATE, dt.date(2024, 3, 12)),
        ("12-3-2024", schema.DATE, dt.date(2024, 3, 12)),
        ("2024-03-12", schema.DATE, dt.date(2024, 3, 12)),
        ("3/4/24", schema.DATE, Invalid("3/4/24", schema.DATE)),
        ("31/02/2024", schema.DATE, Invalid("31/02/2024", schema.DATE)),
        (45000.0, schema.DATE, Invalid("45000", schema.DATE)),
        (7.0, schema.SCORE, 7),
        ("7,0", schema.SCORE, 7),
        (7.5, schema.SCORE, Invalid("7.5", schema.SCORE)),
        ("JA", schema.YESNO, True),
        (False, schema.YESNO, False),
        ("#N/A", schema.TEXT, Invalid("#N/A", schema.TEXT)),
        ("   ", schema.TEXT, None),
        ("P07 – Jan Peeters", schema.PERSON, "P07"),
        (12.0, schema.ID, "12"),
    ],
)
def test_cell_values(raw, type_, expected) -> None:
    assert parse(raw, type_) == expected


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_text("geen excel"), "geen Excel-werkmap"),
        (lambda p: p.write_bytes(b""), "leeg"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")),
         "wachtwoord"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".xls"),
        (lambda p: _zip(p, {"word/document.xml": b"<w/>"}), "Word-document"),
    ],
)
def test_unreadable_files_get_a_dutch_answer(tmp_path: Path, make, says: str) -> None:
    path = tmp_path / "x.xlsm"
    make(path)
    with pytest.raises(FileProblem) as err:
        read_case(path)
    assert says in str(err.value) and str(path) in str(err.value)


def test_truncated_and_foreign_workbooks(tmp_path: Path, template_path: Path) -> None:
    data = template_path.read_bytes()
    (tmp_path / "half.xlsm").write_bytes(data[: len(data) // 2])
    with pytest.raises(FileProblem, match="beschadigd of onvolledig"):
        read_case(tmp_path / "half.xlsm")
    wb = openpyxl.Workbook()
    wb.active.title = "Blad1"
    wb.save(tmp_path / "vreemd.xlsx")
    with pytest.raises(FileProblem, match="geen Netwerkkaart-werkmap: de bladen Dossier, Personen"):
        read_case(tmp_path / "vreemd.xlsx")


def test_an_absurd_stated_dimension_is_not_what_calamine_gets(tmp_path: Path, template_path: Path) -> None:
    """calamine reserves memory for a sheet's stated dimension: it gets one that matches the data
    (refusing sheets with absurd data: tests/test_source.py)."""
    from werkboek.workbook import sheetxml, source

    src = zipfile.ZipFile(template_path)
    out = tmp_path / "groot.xlsm"
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', body)
                assert b"XFD1048576" in body
            z.writestr(info.filename, body)
    package = source.inspect(out)
    with zipfile.ZipFile(io.BytesIO(package.readable)) as readable:
        assert sheetxml.stated_size(readable.read("xl/worksheets/sheet2.xml")) == (1, 20)
    assert read_case(out).persons == []


def test_each_workbook_keeps_its_own_lists(tmp_path: Path) -> None:
    """List sheets are remembered by content across reads: an adapted list, or one with a TRUE
    cell where another has 1, is still read as its own."""
    from werkboek.workbook.reader import parse_grids
    from werkboek.workbook.source import read_grids

    grids = read_grids(build(tmp_path / "a.xlsm", small_case()))
    lists = grids[schema.LISTS_SHEET]
    col = next(c for c, head in enumerate(lists[0]) if head == schema.LIST_BY_KEY["sector"].name)
    assert parse_grids(grids).choices("sector") == schema.LIST_BY_KEY["sector"].values
    for value, expect in (("buurt", "buurt"), (1.0, "1"), (True, "ja"), ("buurt", "buurt")):
        lists[1][col] = value
        assert parse_grids(grids).choices("sector")[0] == expect
