"""Which row a reference names (werkboek/workbook/references.py), and the IDs workers really type:
in another case, with an invisible character pasted along (issue 15), or as a name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from werkboek import api
from werkboek.checks import check
from werkboek.workbook import references, schema
from werkboek.workbook.model import Record
from werkboek.workbook.reader import read_case


def person(pid: str, first: str, last: str | None = None) -> Record:
    return Record("personen", {"id": pid, "voornaam": first, "achternaam": last}, row=int(pid[1:]) + 1)


PERSONS = references.Index("personen", [
    person("P01", "Zoë", "Van den Broeck"), person("P02", "Ayşe", "Yılmaz"), person("P03", "Jan", "Peeters"),
    person("P04", "Jan", "Claes"), person("P05", "Mia"), person("P06", "Jan en Piet"), person("P07", "Marc", "Dewaele"),
])


@pytest.mark.parametrize(("typed", "named"), [
    ("P02", "P02"), ("p02", "P02"), ("P02\u200b", "P02"), ("\u00a0P02 ", "P02"), ("P\u200c02", "P02"),
    ("Ayşe Yılmaz (P02)", "P02"), ("P02 – Ayşe", "P02"), ("P02 - Ayse Yilmaz", "P02"),
    ("Ayşe Yılmaz (P07)", "P07"),  # the ID wins over the name: a renamed person keeps her references
    ("ayşe yılmaz", "P02"), ("Yılmaz Ayşe", "P02"), ("AYŞE", "P02"), ("Ayse", "P02"),  # names, in any case or order
    ("Zoe van den broeck", "P01"), ("mia", "P05"), ("Jan Peeters", "P03"), ("Jan  Claes", "P04"),
    ("Jan en Piet", "P06"),  # a first name with 'en' in it is one person
    ("Marc\u00a0Dewaele", "P07"),
])
def test_a_reference_names_one_row(typed: str, named: str) -> None:
    assert PERSONS.resolve(typed) == named


@pytest.mark.parametrize(("typed", "candidates"), [("Jan", ["P03", "P04"]), ("jan", ["P03", "P04"])])
def test_an_ambiguous_name_names_its_candidates(typed: str, candidates: list[str]) -> None:
    found = PERSONS.match(typed)
    assert found.id is None and [r.id for r in found.candidates] == candidates


@pytest.mark.parametrize("typed", ["P99", "Jantje", "", "Zoë (P99)", "(P02"])
def test_what_names_no_row(typed: str) -> None:
    assert PERSONS.match(typed) == references.Match(None) or PERSONS.match(typed).id is None


def test_meetings_by_id_entry_or_date_and_goals_by_text() -> None:
    meetings = references.Index("netwerkberaad", [
        Record("netwerkberaad", {"id": "B1", "datum": dt.date(2025, 3, 20)}),
        Record("netwerkberaad", {"id": "B2", "datum": dt.date(2025, 5, 2)}),
        Record("netwerkberaad", {"id": "B3", "datum": dt.date(2025, 5, 2)}),
    ])
    typed = ("b1", "B1 – 20/03/2025", "20/03/2025", "20/3/2025", "2025-03-20")
    assert [meetings.resolve(t) for t in typed] == ["B1"] * 5
    assert [r.id for r in meetings.match("02/05/2025").candidates] == ["B2", "B3"]
    text = "Zoë voelt zich veilig thuis en op school, ook als mama werkt"
    goals = references.Index("doelen", [Record("doelen", {"id": "D1", "doel": text})])
    assert [goals.resolve(t) for t in ("d1", "zoë voelt zich veilig thuis en op school, ook als mama werkt",
                                      "D1 – Zoë voelt zich veilig thuis en op school")] == ["D1"] * 3


def test_the_builder_writes_what_reads_back_as_the_same_id() -> None:
    for rec in PERSONS.ids.values():
        for short in (False, True):
            written = references.spelling(PERSONS, str(rec.id), short)
            assert PERSONS.resolve(written) == rec.id, written
    assert references.spelling(PERSONS, "P05", short=True) == "Mia"
    assert references.spelling(PERSONS, "P03", short=True) == "Jan Peeters"  # "Jan" is two persons
    assert references.spelling(PERSONS, "P06", short=True) == "Jan en Piet"  # whole first, then split at "en"
    assert references.spelling(PERSONS, "P02", short=False) == "Ayşe Yılmaz (P02)"


# --- issue 15: "IDs in other case block the report", "An invisible character in an ID" ---------------


@pytest.fixture(scope="module")
def typed_ids(office, demo_path, tmp_path_factory) -> Path:
    """The demo with IDs typed as workers do in LibreOffice: lower case, a zero-width or a non-breaking space."""
    with office.open(demo_path) as book:
        book.set_text("Netwerkberaad", "D4", "p01, p02, P04\u200b, p07\u00a0, p10")  # B3's attendees
        book.set_text("Acties", "D2", "p07")  # an owner
        book.set_text("Acties", "B2", "b1")  # a meeting
        book.set_text("Acties", "D3", "P25\u200b")  # an owner, with a zero-width space
        book.set_text("Relaties", "A2", "\u00a0p07")
        book.set_text("Dossier", f"B{schema.DOSSIER.row_of('centrale_persoon')}", "p01")
        book.set_text("Personen", "A28", "p27")  # an own ID in lower case, unique as Excel compares
        book.set_text("Personen", "B28", "Nieuw")
        book.set_text("Personen", "G28", "buur")
        book.set_text("Personen", "H28", "vrienden en buren")
        return book.save_as(tmp_path_factory.mktemp("ids") / "ids getypt.xlsm")


def test_ids_in_another_case_or_with_invisible_characters_block_nothing(typed_ids: Path, tmp_path: Path) -> None:
    case = read_case(typed_ids)
    b3 = case.by_id("netwerkberaad")["B3"]
    assert b3["aanwezigen"] == ["P01", "P02", "P04", "P07", "P10"]
    assert (case.actions[0]["wie"], case.actions[0]["beraad"], case.actions[1]["wie"]) == ("P07", "B1", "P25")
    assert case.relations[0]["persoon_a"] == "P07" and case.dossier["centrale_persoon"] == "P01"
    assert [f for f in check(case) if f.is_error] == []
    assert api.verslag(typed_ids, beraad="b3", uit=tmp_path / "v.docx").pad.exists()
    assert api.eindevaluatie(typed_ids, uit=tmp_path / "e.docx").pad.exists()


def test_an_unknown_id_with_an_invisible_character_is_shown_without_it(office, demo_path, tmp_path: Path) -> None:
    with office.open(demo_path) as book:
        book.set_text("Acties", "D2", "P99\u200b")
        book.set_text("Acties", "D3", "p01\u200b")  # p01 exists, in another case
        book.set_text("Personen", "A3", "p01")  # a second P01, in another case: the same ID to Excel
        saved = book.save_as(tmp_path / "onbekend.xlsm")
    found = {(f.code, f.ref): f.message for f in check(read_case(saved)) if f.is_error}
    assert found[("onbekende-persoon", "Acties!D2")] == "'P99' is geen persoon van het blad Personen."
    assert found[("dubbel-id", "Personen!A3")] == "het ID 'p01' staat ook op rij 2."


def test_invisible_characters_are_unicodes_format_characters_and_spaces() -> None:
    """values.INVISIBLE and values.ODD_SPACE are written out for speed; they are Unicode's categories Cf and Zs."""
    import sys
    import unicodedata

    from werkboek.workbook import values

    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        category = unicodedata.category(ch)
        assert bool(values.INVISIBLE.match(ch)) == (category == "Cf"), hex(code)
        assert bool(values.ODD_SPACE.match(ch)) == (category == "Zs"), hex(code)
