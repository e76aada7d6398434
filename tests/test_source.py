"""The reading layer facing the outside world: a sheet judged by what really holds data, the
package XML read with a parser whatever the attribute order, and what calamine is given.

Files are made the way real tools write them: the project's builder, then the package XML edited
as Excel or LibreOffice writes it (LibreOffice itself: tests/test_office.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkboek import api
from werkboek.errors import FileProblem
from werkboek.workbook import schema, sheetxml, source
from werkboek.workbook.builder import build
from werkboek.workbook.reader import read_case

from .test_checks import base_case

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def rezip(src: Path, dst: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


def part_of(path: Path, sheet: str) -> str:
    return source.inspect(path).sheets[sheet]


def edit_sheet(src: Path, dst: Path, sheet: str, change: Callable[[bytes], bytes]) -> Path:
    part = part_of(src, sheet)
    return rezip(src, dst, lambda name, body: change(body) if name == part else body)


def shared_string(src: Path, dst: Path, text: str) -> tuple[Path, int]:
    """A copy with `text` appended to the shared-string table, and its index."""
    with zipfile.ZipFile(src) as zf:
        sst = zf.read("xl/sharedStrings.xml")
    index = len(re.findall(rb"<si>", sst))
    new = sst.replace(b"</sst>", f"<si><t xml:space=\"preserve\">{text}</t></si></sst>".encode())
    return rezip(src, dst, lambda name, body: new if name == "xl/sharedStrings.xml" else body), index


def yearly(path: Path):
    """What a yearly worker makes of a workbook (its quick path: no full per-sheet scan)."""
    from werkboek.yearly.harvest import Settings, examine
    from werkboek.yearly.pseudonyms import Pseudonymizer

    return examine(path, path.name, Settings(Pseudonymizer(b"k" * 32, from_file=False), network=False))


def sheet_in_readable(package: source.Package, sheet: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package.readable)) as zf:
        return zf.read(package.sheets[sheet])


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small case that gives no finding at all."""
    return build(tmp_path_factory.mktemp("bron") / "klein.xlsm", base_case())


# --- a sheet judged by what really holds data ---------------------------------------------------------


def test_a_stated_size_far_beyond_the_data_is_read_and_calamine_gets_the_real_one(small: Path, tmp_path: Path) -> None:
    """As LibreOffice writes a sheet after a row deletion: dimension to row 1048576, styled empty
    rows down to the validated range, and an empty last row."""
    last = schema.PERSONEN.prefilled + 1  # the rows whose IDs stand ready (template version 2)

    def libreoffice(body: bytes) -> bytes:
        body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:T1048576"/>', body)
        empty = b"".join(b'<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>' % (r, r, r)
                         for r in range(last + 1, 1002))
        return body.replace(b"</sheetData>", empty + b'<row r="1048576" ht="12.8"></row></sheetData>')

    path = edit_sheet(small, tmp_path / "rij verwijderd.xlsm", "Personen", libreoffice)
    package = source.inspect(path)
    given_to_calamine = sheet_in_readable(package, "Personen")
    assert sheetxml.stated_size(given_to_calamine) == (last, 20)  # the rows with IDs; the header's columns
    assert b'r="1048576"' not in given_to_calamine and b'r="1001"' not in given_to_calamine
    assert zipfile.ZipFile(path).read(part_of(small, "Personen")).count(b"<row") > 990  # the file itself is untouched
    case = read_case(path)
    assert [p.id for p in case.persons] == ["P01", "P02", "P03", "P04", "P05"] and case.notes == []
    assert api.controleer(path).meldingen == api.controleer(small).meldingen


def test_a_lone_space_at_the_bottom_of_a_sheet_is_named_and_left_out(small: Path, tmp_path: Path) -> None:
    with_space, index = shared_string(small, tmp_path / "spatie0.xlsm", " ")

    def stray(body: bytes) -> bytes:
        body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:E1048576"/>', body)
        last = b'<row r="1048576"><c r="E1048576" s="0" t="s"><v>%d</v></c></row>' % index
        return body.replace(b"</sheetData>", last + b"</sheetData>")

    path = edit_sheet(with_space, tmp_path / "spatie.xlsm", "Cirkels", stray)
    grids = source.read_grids(path)
    assert len(grids["Cirkels"]) == 4 + schema.PERSONEN.prefilled  # the grid: calamine never saw row 1048576
    controle = api.controleer(path)
    assert not controle.fouten
    [far] = [f for f in controle.meldingen if f.code == "cel-ver-buiten-tabel"]
    assert (far.severity, far.ref) == ("waarschuwing", "Cirkels!E1048576")
    assert str(far) == ("Cirkels!E1048576: deze cel bevat een spatie, ver onder de tabel; werkboek leest ze niet. "
                        "Maak de cel leeg: druk op F5 (Ga naar), typ E1048576, druk op Enter en dan op Delete.")


def test_a_stray_text_far_right_is_quoted(small: Path, tmp_path: Path) -> None:
    def stray(body: bytes) -> bytes:
        return body.replace(b'<c r="B2"', b'<c r="XFD2" t="inlineStr"><is><t>oeps</t></is></c><c r="B2"', 1)

    path = edit_sheet(small, tmp_path / "rechts.xlsm", "Personen", stray)
    [far] = [f for f in api.controleer(path).meldingen if f.code == "cel-ver-buiten-tabel"]
    assert far.ref == "Personen!XFD2"
    assert far.message == "deze cel bevat 'oeps', ver rechts van de tabel; werkboek leest ze niet."
    assert [p.get("voornaam") for p in read_case(path).persons] == ["Sam", "Lies", "Omer", "Karim", "Eva"]


def test_data_in_a_block_far_below_is_read_not_left_out(small: Path, tmp_path: Path) -> None:
    """More than a few far cells are a worker's data, not a stray keystroke: read, and judged whole."""
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>P%d</t></is></c>'
                    b'<c r="B%d" t="inlineStr"><is><t>Naam</t></is></c></row>' % (r, r, r, r)
                    for r in range(20_000, 20_000 + source.MAX_FAR + 1))  # an ID alone is no person
    path = edit_sheet(small, tmp_path / "blok.xlsm", "Personen",
                      lambda body: body.replace(b"</sheetData>", rows + b"</sheetData>"))
    case = read_case(path)
    assert len(case.persons) == 5 + source.MAX_FAR + 1 and not case.notes


def test_many_real_cells_or_columns_are_refused_before_calamine(small: Path, tmp_path: Path) -> None:
    wide = b'<row r="5">' + b"".join(b'<c r="%s5"><v>1</v></c>' % sheetxml.col_letters(c).encode()
                                     for c in range(1, 2001)) + b"</row>"
    long = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(10, source.LIMIT_ROWS + 20))
    for name, rows, size, says in (
            ("breed", wide, b"A1:BXX5", "(5 rijen x 2000 kolommen): er staan gegevens tot in cel Relaties!BXX5"),
            ("lang", long, b"A1:D200019", f"({source.LIMIT_ROWS + 19} rijen x 4 kolommen): er staan gegevens tot "
                                          f"in cel Relaties!A{source.LIMIT_ROWS + 19}")):
        for true_size in (True, False):  # as a writer states it, or a dimension that hides it
            def change(body: bytes, rows: bytes = rows, size: bytes = size, true_size: bool = true_size) -> bytes:
                if true_size:
                    body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="%s"/>' % size, body)
                return body.replace(b"</sheetData>", rows + b"</sheetData>")

            path = edit_sheet(small, tmp_path / f"{name}-{true_size}.xlsm", "Relaties", change)
            # The full scan (controleer) judges the cells; the yearly workers' quick path the stated size.
            for dimensions in (True, False) if true_size else (True,):
                with pytest.raises(FileProblem, match=re.escape(says)) as err:
                    source.inspect(path, dimensions=dimensions)
                assert err.value.code == "blad-te-groot" and "onwaarschijnlijk groot" in err.value.what


def test_error_cells_far_outside_are_left_out_with_the_stray(small: Path, tmp_path: Path) -> None:
    path = edit_sheet(small, tmp_path / "fout-ver.xlsm", "Doelen", lambda body: body.replace(
        b"</sheetData>", b'<row r="900000"><c r="C900000" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>'))
    [far] = [f for f in api.controleer(path).meldingen if f.code == "cel-ver-buiten-tabel"]
    assert far.ref == "Doelen!C900000" and "'#DIV/0!'" in far.message


# --- the parser ------------------------------------------------------------------------------------------


def test_the_version_marker_is_read_whatever_the_attribute_order_quotes_or_prefix() -> None:
    for head in (b'<worksheet><sheetData><row r="1"><c r="E1" t="s"><v>3</v></c><c r="F1" t="n" s="2"><v>1</v></c>',
                 b'<worksheet><sheetData><row r="1"><c r="E1" t="s"><v>3</v></c><c s="2" t="n" r="F1"><v>1</v></c>',
                 b"<x:worksheet xmlns:x='m'><x:sheetData><x:row r='1'><x:c r='E1' t='s'><x:v>3</x:v></x:c>"
                 b"<x:c r = 'F1'><x:v>1</x:v></x:c></x:row>"):
        assert sheetxml.version_marker(head) == 1.0
    no_marker = b'<worksheet><sheetData><row r="1"><c r="F1"><v>1</v></c></row>'
    assert sheetxml.version_marker(no_marker) is None
    with pytest.raises(sheetxml.ForbiddenXml):
        sheetxml.version_marker(b'<!DOCTYPE w [<!ENTITY a "1">]><worksheet>')


def test_sheets_and_their_parts_are_found_whatever_the_attribute_order() -> None:
    workbook = (b'<workbook xmlns="m" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                b'<sheets><sheet rel:id="rId2" sheetId="1" name="Personen &amp; co"/>'
                b'<sheet name="Dossier" rel:id="rId1" sheetId="2"/></sheets></workbook>')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Target="worksheets/sheet1.xml" Id="rId1" Type="t/worksheet"/>'
            b'<Relationship Id="rId2" Type="t/worksheet" Target="/xl/worksheets/../worksheets/blad2.xml"/>'
            b'<Relationship Id="rId3" Type="http://x/sharedStrings" Target="./sharedStrings.xml"/></Relationships>')
    parts = sheetxml.package_parts(workbook, rels)
    assert parts.sheets == {"Personen & co": "xl/worksheets/blad2.xml", "Dossier": "xl/worksheets/sheet1.xml"}
    assert parts.shared_strings == "xl/sharedStrings.xml"


def test_a_dtd_in_the_workbook_part_is_refused(small: Path, tmp_path: Path) -> None:
    path = rezip(small, tmp_path / "dtd.xlsm", lambda name, body: body.replace(
        b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1) if name == "xl/workbook.xml" else body)
    with pytest.raises(FileProblem, match="verboden XML") as err:
        source.inspect(path)
    assert err.value.code == "verboden-xml"


CELL = st.tuples(st.integers(1, 40), st.integers(1, 12))


@given(cells=st.dictionaries(CELL, st.sampled_from(["1", "x", "#N/A", ""]), max_size=30),
       far=st.lists(st.tuples(st.integers(source.FAR_ROWS + 41, 1048576), st.integers(1, 16384)),
                    max_size=3, unique=True),
       styled_to=st.integers(0, 60))
def test_trimming_keeps_every_cell_that_is_read_and_only_those(cells: dict[tuple[int, int], str],
                                                               far: list[tuple[int, int]], styled_to: int) -> None:
    """The bytes calamine gets hold exactly the cells read, where they were, with a dimension that fits."""
    rows: dict[int, list[bytes]] = {}
    for (r, c), v in sorted(cells.items()):
        ref = f"{sheetxml.col_letters(c)}{r}".encode()
        kind = b' t="e"' if v.startswith("#") else b' t="str"'
        cell = b'<c r="%s" s="1"%s><v>%s</v></c>' % (ref, kind, v.encode()) if v else b'<c r="%s" s="1"/>' % ref
        rows.setdefault(r, []).append(cell)
    for r in range(41, 41 + styled_to):  # styled empty rows after the data, as LibreOffice writes them
        rows.setdefault(r, []).append(b'<c r="A%d" s="3"/>' % r)
    for r, c in sorted(far):
        rows.setdefault(r, []).append(b'<c r="%s%d" t="str"><v>ver</v></c>' % (sheetxml.col_letters(c).encode(), r))
    data = b"".join(b'<row r="%d">%s</row>' % (r, b"".join(sorted(cs, key=lambda x: sheetxml.cell_ref(
        re.search(rb'r="(\w+)"', x).group(1).decode())[1]))) for r, cs in sorted(rows.items()))
    xml = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>'.encode() + data
           + b"</sheetData><pageMargins/></worksheet>")
    scan = sheetxml.scan(xml, source.FAR_ROWS, source.LIMIT_COLS, source.MAX_FAR, source.LIMIT_CELLS)
    out = sheetxml.trimmed(xml, scan)
    again = sheetxml.scan(out, source.FAR_ROWS, source.LIMIT_COLS, source.MAX_FAR, source.LIMIT_CELLS)
    filled = {k: v for k, v in cells.items() if v}
    assert (again.rows, again.cols) == (max((r for r, _ in filled), default=0), max((c for _, c in filled), default=0))
    assert again.cells == len(filled) and not again.far
    assert sorted(again.errors) == sorted((r, c, v) for (r, c), v in filled.items() if v.startswith("#"))
    assert sheetxml.stated_size(out) == ((again.rows, again.cols) if filled else (1, 1))
    assert out.endswith(b"</sheetData><pageMargins/></worksheet>")
    assert len(scan.far) == len(far)


# --- error cells ----------------------------------------------------------------------------------------


def excel_error(body: bytes, ref: str, formula: str, error: str) -> bytes:
    """The cell `ref` as Excel stores a formula that shows an error."""
    cell = f'<c r="{ref}" s="1" t="e"><f>{formula}</f><v>{error}</v></c>'.encode()
    new, n = re.subn(rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref.encode(), cell, body, count=1)
    assert n == 1
    return new


def test_excel_error_cells_are_read_as_errors_and_named(small: Path, tmp_path: Path) -> None:
    deadline = f"{schema.TABLE_BY_KEY['acties'].letter('tegen')}2"
    scale = f"{schema.TABLE_BY_KEY['netwerkberaad'].letter('schaal')}2"
    step = edit_sheet(small, tmp_path / "na.xlsm", "Acties", lambda body: excel_error(body, deadline, "NA()", "#N/A"))
    path = edit_sheet(step, tmp_path / "fouten.xlsm", "Netwerkberaad",
                      lambda body: excel_error(body, scale, "1/0", "#DIV/0!"))
    found = {f.ref: f for f in api.controleer(path).fouten}
    assert set(found) == {f"Acties!{deadline}", f"Netwerkberaad!{scale}"}
    assert {f.code for f in found.values()} == {"excel-foutwaarde"}
    assert found[f"Acties!{deadline}"].message == ("de cel bevat de Excel-fout #N/A "
                                                  "(in een Nederlandstalige Excel: #N/B).")
    assert found[f"Netwerkberaad!{scale}"].message == ("de cel bevat de Excel-fout #DIV/0! "
                                                      "(in een Nederlandstalige Excel: #DEEL/0!).")
    # The yearly workers' quick path finds them too: the case does not count, for the same reasons.
    problem = yearly(path)
    assert problem.kind == "fouten-in-controle"
    assert problem.detail == f"excel-foutwaarde (Netwerkberaad!{scale}); excel-foutwaarde (Acties!{deadline})"


# --- sheet names ------------------------------------------------------------------------------------------


def test_a_sheet_renamed_only_in_case_is_read(small: Path, tmp_path: Path) -> None:
    """Excel ignores case in sheet names: "personen" and "KEUZES" are werkboek's sheets."""
    def rename(name: str, body: bytes) -> bytes:
        if name == "xl/workbook.xml":
            body = body.replace(b'name="Personen"', b'name="personen"').replace(b'name="Keuzes"', b'name="KEUZES"')
            assert b'name="personen"' in body and b'name="KEUZES"' in body
        return body

    path = rezip(small, tmp_path / "kleine letters.xlsm", rename)
    case = read_case(path)
    assert [p.id for p in case.persons] == ["P01", "P02", "P03", "P04", "P05"]
    assert case.template_version == schema.TEMPLATE_VERSION
    assert api.controleer(path).meldingen == []


# --- macros --------------------------------------------------------------------------------------------


def as_xlsx(src: Path, dst: Path) -> Path:
    """What Excel writes for "Save as Excel workbook (.xlsx)": no VBA project, the plain content type."""
    def change(name: str, body: bytes) -> bytes:
        if name == "[Content_Types].xml":
            body = body.replace(b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
            body = re.sub(rb'<Override PartName="/xl/vbaProject.bin"[^>]*/>|<Default Extension="bin"[^>]*/>', b"", body)
        elif name == "xl/_rels/workbook.xml.rels":
            body = re.sub(rb'<Relationship [^>]*vbaProject[^>]*/>', b"", body)
        return body

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/vbaProject.bin":
                zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


def test_a_workbook_saved_without_macros_gets_a_warning(small: Path, tmp_path: Path) -> None:
    path = as_xlsx(small, tmp_path / "zonder macros.xlsx")
    [warning] = api.controleer(path).meldingen
    assert (warning.code, warning.severity, warning.ref) == ("geen-macros", "waarschuwing", "Dossier")
    assert "(*.xlsm)" in warning.fix
    used = yearly(path)
    assert used.warnings == 1  # counted, with its warning
    assert api.controleer(small).meldingen == []


# --- merged cells -----------------------------------------------------------------------------------------


def merge(body: bytes, *ranges: str) -> bytes:
    """Cells merged as Excel stores it: the value stays in the first cell only, the others keep
    their style, and the ranges follow the sheet data."""
    for ref in ranges:
        first, last = ref.split(":")
        (top, left), (bottom, right) = sheetxml.cell_ref(first), sheetxml.cell_ref(last)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    cell = f"{sheetxml.col_letters(c)}{r}".encode()
                    pattern = rb'<c r="%s"( s="\d+")?[^>]*?(/>|>.*?</c>)' % cell
                    body = re.sub(pattern, rb'<c r="%s"\1/>' % cell, body, count=1)
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in ranges)
    return body.replace(b"</sheetData>", f'</sheetData><mergeCells count="{len(ranges)}">{cells}</mergeCells>'.encode())


def test_merged_cells_over_actions_are_read_for_every_row_they_cover(small: Path, tmp_path: Path) -> None:
    path = edit_sheet(small, tmp_path / "samengevoegd.xlsm", "Acties", lambda body: merge(body, "B2:B3"))
    assert b'<c r="B3" s=' in zipfile.ZipFile(path).read(part_of(small, "Acties"))  # B3 holds no value
    case = read_case(path)
    assert [a.get("beraad") for a in case.actions] == ["B1", "B1", "B2"]
    controle = api.controleer(path)
    assert not controle.fouten
    [merged] = controle.meldingen
    assert str(merged) == (
        "Acties!B2: de cellen B2:B3 zijn samengevoegd; werkboek leest 'B1 – 03/02/2025' in elke rij ervan, "
        "zoals Excel het toont. "
        "Maak de samenvoeging ongedaan (Start > Samenvoegen en centreren > Samenvoeging van cellen opheffen) en vul "
        "elke cel zelf in: de knop Controleer ziet de waarde alleen in de eerste cel, en sorteren of filteren lukt "
        "niet met samengevoegde cellen.")
    used = yearly(path)  # the yearly figures count the case as controleer reads it
    from werkboek import figures
    assert used.warnings == 1 and used.numbers == figures.case_numbers(case)


def test_cells_merged_across_columns_leave_the_covered_ones_empty(small: Path, tmp_path: Path) -> None:
    """On screen the text spans Wat and Wie: nobody is named. Merged headers hide the second one's
    header: that column is reported missing, the merge itself needs no word."""
    path = edit_sheet(small, tmp_path / "breed.xlsm", "Acties", lambda body: merge(body, "C4:D4", "H1:I1"))
    controle = api.controleer(path)
    assert [(f.code, f.ref) for f in controle.meldingen] == [("actie-zonder-eigenaar", "Acties!D4"),
                                                            ("kolom-ontbreekt", "Acties"),
                                                            ("cellen-samengevoegd", "Acties!C4")]
    assert controle.meldingen[2].message == ("de cellen C4:D4 zijn samengevoegd; werkboek leest 'Wekelijks bellen' "
                                             "alleen in C4, zoals Excel het toont.")


def test_a_part_is_read_straight_from_the_package_as_zipfile_reads_it(small: Path, tmp_path: Path) -> None:
    data = small.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            assert source._part(data, info) == zf.read(info.filename)
        info = zf.getinfo(part_of(small, "Personen"))
    broken = bytearray(data)
    broken[info.header_offset + 60] ^= 0xFF  # a bit flipped in the compressed sheet
    with pytest.raises(zipfile.BadZipFile):
        source._part(bytes(broken), info)
    (tmp_path / "kapot.xlsm").write_bytes(bytes(broken))
    with pytest.raises(FileProblem, match="beschadigd"):
        source.inspect(tmp_path / "kapot.xlsm")


# --- the lean read of the yearly workers ----------------------------------------------------------


def lean_and_whole(path: Path) -> tuple[source.Package, str, str]:
    """The package of a lean read, and the Case of a lean and of a whole read (as repr: every
    value, cell and note)."""
    from werkboek.workbook.reader import parse_grids

    cases = []
    for lean in (True, False):
        package, book = source.open_book(path, dimensions=False, lean=lean)
        with book:
            cases.append(parse_grids(source.book_grids(package, book), book.notes(), package.lean))
        if lean:
            lean_package = package
    return lean_package, repr(cases[0]), repr(cases[1])


def test_a_lean_read_leaves_out_the_rows_written_in_advance_and_reads_the_same_case(tmp_path: Path) -> None:
    from werkboek.demo import demo_case, team_cases

    for i, case in enumerate([demo_case(), *team_cases(n=8, seed=3)]):
        path = build(tmp_path / f"d{i}.xlsm", case)
        package, lean, whole = lean_and_whole(path)
        assert lean == whole
        assert {"Personen", "Cirkels", "Acties"} <= package.lean
        # calamine gets far fewer rows: the 300 IDs of Personen written in advance are gone
        personen = sheet_in_readable(package, "Personen")
        assert personen.count(b"<row ") < 60 < zipfile.ZipFile(path).read(part_of(path, "Personen")).count(b"<row ")


def test_a_row_without_its_id_is_read_whole_by_the_yearly_workers(small: Path, tmp_path: Path) -> None:
    """A started row without an ID gets the next free number after every ID in the column,
    blank rows included: the rows a lean read leaves out. The reader says so, and the worker
    reads the workbook again whole."""
    from werkboek import figures
    from werkboek.workbook.reader import WholeSheetNeeded, parse_grids

    def typed_without_id(body: bytes) -> bytes:  # row 30: a person typed as in row 2, the ID deleted
        like = b"".join(re.search(rb'<c r="' + col + rb'2".*?</c>', body).group().replace(b"2", b"30", 1)
                        for col in (b"G", b"H"))
        row = b'<row r="30"><c r="B30" t="inlineStr"><is><t>Nieuw</t></is></c>' + like + b"</row>"
        return re.sub(rb'<row r="30".*?</row>', row, body, count=1)

    path = edit_sheet(small, tmp_path / "zonder-id.xlsm", "Personen", typed_without_id)
    package, book = source.open_book(path, dimensions=False, lean=True)
    with book, pytest.raises(WholeSheetNeeded):
        parse_grids(source.book_grids(package, book), book.notes(), package.lean)
    whole = read_case(path)
    assert whole.derived_ids["personen"]
    assert yearly(path).numbers == figures.case_numbers(whole)


def test_a_lean_read_needs_the_id_in_column_a(small: Path, tmp_path: Path) -> None:
    """Column A that is not the ID column (a worker's own column put in front): its values are
    data, so the reader asks for the whole sheet."""
    from werkboek.workbook.reader import WholeSheetNeeded, parse_grids

    def swap_headers(grids: dict) -> dict:
        rows = grids["Personen"]
        rows[0][0], rows[0][1] = rows[0][1], rows[0][0]
        return grids

    package, book = source.open_book(small, dimensions=False, lean=True)
    with book, pytest.raises(WholeSheetNeeded):
        parse_grids(swap_headers(source.book_grids(package, book)), book.notes(), package.lean)


ID_ROW = ('<row r="{r}" spans="1:4"><c r="A{r}" s="10" t="s"><v>{r}</v></c>'
          '<c r="B{r}" s="15"><f>X($A{r})</f><v></v></c></row>')


def sheet(*rows: str, after: str = "") -> bytes:
    head = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:D9"/><sheetData>'
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
    return (head + "".join(rows) + "</sheetData>" + after + "</worksheet>").encode()


@pytest.mark.parametrize("row, cut", [
    (ID_ROW.format(r=5), True),  # only an ID and an empty formula result
    ('<row r="5"><c r="A5" t="s"><v>5</v></c><c r="B5" s="15"><v>7</v></c></row>', False),  # a number in B
    ('<row r="5"><c r="A5" t="s"><v>5</v></c><c r="B5" t="inlineStr"><is><t>An</t></is></c></row>', False),
    ("<row r='5'><c r='A5' t='s'><v>5</v></c></row>", False),  # single quotes: not proven, kept
    ('<row r="5"><c r="B5" t="s"><v>5</v></c></row>', False),  # the value is not in column A
    ('<row r="5"><c r="A5" r="B5" t="s"><v>5</v></c></row>', False),  # two r attributes
    ('<row r="5"><c r="A5" t="s"><v>5</v></c><c><v>3</v></c></row>', False),  # a cell without r sits in B
    ('<row r="5">\n<c r="A5" t="s"><v>5</v></c></row>', False),  # whitespace between elements
])
def test_lean_cuts_only_rows_it_can_prove_hold_nothing_but_column_a(row: str, cut: bool) -> None:
    rows = [ID_ROW.format(r=r) for r in (2, 3, 4)]
    xml = sheet(*rows[:2], row, rows[2])
    leaned = sheetxml.lean(xml)
    assert leaned is not None and b'<row r="4"' not in leaned  # the last row is always an ID row here
    assert (b'r="5"' not in leaned and b"r='5'" not in leaned) == cut
    assert b'<row r="1"' in leaned


def test_lean_sees_a_value_hidden_among_rows_that_differ_only_in_digits() -> None:
    """Rows that equal the last one but for digits differ in the texts of <v> too: a number in
    B where an ID row has an empty result, with A emptied to keep the count of empty <v>."""
    rows = [ID_ROW.format(r=r) for r in range(2, 9)]
    rows[3] = rows[3].replace("<v>5</v>", "<v></v>").replace("<v></v></c></row>", "<v>42</v></c></row>")
    leaned = sheetxml.lean(sheet(*rows))
    assert leaned is None or b"<v>42</v>" in leaned


def test_lean_leaves_a_sheet_with_merged_cells_as_it_is() -> None:
    rows = [ID_ROW.format(r=r) for r in range(2, 6)]
    assert sheetxml.lean(sheet(*rows)) is not None
    assert sheetxml.lean(sheet(*rows, after='<mergeCells count="1"><mergeCell ref="B2:B5"/></mergeCells>')) is None


def dossier_alone_and_whole(path: Path) -> tuple[str, str]:
    """The dossier form as the yearly workers first read it (alone, with only the shared strings
    it uses) and as a whole read gives it."""
    from werkboek.workbook.reader import parse_dossier

    forms = []
    for only in ((schema.DOSSIER.name,), None):
        package, book = source.open_book(path, dimensions=False, lean=True, only=only)
        with book:
            forms.append(repr(parse_dossier(source.book_grids(package, book, (schema.DOSSIER.name,)))))
    return forms[0], forms[1]


def test_the_dossier_form_read_alone_is_the_one_a_whole_read_gives(small: Path, tmp_path: Path) -> None:
    from werkboek.demo import demo_case

    demo = build(tmp_path / "demo.xlsm", demo_case())
    for path in (small, demo):
        alone, whole = dossier_alone_and_whole(path)
        assert alone == whole
        package, book = source.open_book(path, dimensions=False, lean=True, only=(schema.DOSSIER.name,))
        with book, pytest.raises(ValueError):
            book.grid("Personen")  # not judged: never handed to calamine
        with zipfile.ZipFile(io.BytesIO(package.readable)) as zf:
            strings = zf.read("xl/sharedStrings.xml")
        assert 0 < strings.count(b"<si>") < zipfile.ZipFile(path).read("xl/sharedStrings.xml").count(b"<si>") / 4


def test_the_shared_strings_are_cut_only_when_every_use_is_seen() -> None:
    cells = '<c r="A1" t="s"><v>3</v></c><c r="B1" s="2" t="s"><v>7</v></c><c r="C1"><v>46000</v></c>'
    assert sheetxml.strings_used(cells.encode()) == 8  # the date's number is not a string
    assert sheetxml.strings_used(b"<c r='A1' t='s'><v>3</v></c>") is None
    assert sheetxml.strings_used(b'<c r="A1" t="s"><v xml:space="preserve">3</v></c>') is None
    table = f'<sst xmlns="{MAIN}" count="3">' + "".join(f"<si><t>{t}</t></si>" for t in "abc") + "</sst>"
    assert sheetxml.first_strings(table.encode(), 2) == (table[:table.index("<si><t>c")] + "</sst>").encode()
    assert sheetxml.first_strings(table.replace("si>", "x:si>").encode(), 2) is None  # prefixed: not cut
    assert sheetxml.first_strings(table.encode(), 5) is None  # more than it holds


def test_a_part_that_cannot_be_copied_as_stored_reaches_calamine_inflated(small: Path, tmp_path: Path) -> None:
    """calamine's package copies every other part it reads as the file stores it; one compressed
    another way (here the content types, in bzip2, which zipfile writes and reads) is inflated by zipfile
    and stored instead. The parts calamine never reads are left out."""
    path = tmp_path / "bzip2.xlsm"
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            other = zipfile.ZIP_BZIP2 if info.filename == "[Content_Types].xml" else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, zin.read(info.filename), compress_type=other)
    package, lean, whole = lean_and_whole(path)
    assert lean == whole and package.lean
    kept = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
            "xl/sharedStrings.xml")
    with zipfile.ZipFile(io.BytesIO(package.readable)) as zf, zipfile.ZipFile(path) as original:
        assert zf.getinfo("[Content_Types].xml").compress_type == zipfile.ZIP_STORED
        assert {n: zf.read(n) for n in zf.namelist() if not n.startswith("xl/worksheets/")} == \
            {n: original.read(n) for n in kept}
        unread = ("docProps/", "xl/tables/", "xl/worksheets/_rels/", "xl/vbaProject", "xl/theme/")
        assert not any(n.startswith(unread) for n in zf.namelist())


def test_the_read_after_the_first_look_is_the_read_without_one(small: Path, tmp_path: Path) -> None:
    """The yearly read takes the first look's package apart no second time (inspect's `after`):
    what calamine gets, the error cells and the notes are those of a read without a first look,
    here with a stray cell far below the dossier form (judged in the first look) and an error
    cell on Acties (judged after it)."""
    with_space, index = shared_string(small, tmp_path / "spatie0.xlsm", " ")

    def stray(body: bytes) -> bytes:
        body = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:E1048576"/>', body)
        last = b'<row r="1048576"><c r="E1048576" s="0" t="s"><v>%d</v></c></row>' % index
        return body.replace(b"</sheetData>", last + b"</sheetData>")

    def error(body: bytes) -> bytes:
        return body.replace(b"</sheetData>", b'<row r="2000"><c r="D2000" t="e"><v>#N/A</v></c></row></sheetData>')

    path = edit_sheet(edit_sheet(with_space, tmp_path / "ver.xlsm", "Dossier", stray), tmp_path / "fout.xlsm",
                      "Acties", error)
    first = source.inspect(path, dimensions=False, lean=True, only=(schema.DOSSIER.name,))
    assert [n.cell for n in first.notes if n.kind == "far-cell"] == ["E1048576"]
    for lean in (True, False):
        after = source.inspect(path, dimensions=False, lean=lean, after=first)
        alone = source.inspect(path, dimensions=False, lean=lean)
        assert after.opened is first.opened
        assert (after.readable, after.errors, after.notes, after.lean, after.version) == \
            (alone.readable, alone.errors, alone.notes, alone.lean, alone.version)
        assert after.errors["Acties"] == [(2000, 4, "#N/A")]
