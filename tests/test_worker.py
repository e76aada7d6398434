"""A worker fills an empty version-2 Netwerkkaart in LibreOffice Calc, as at the office: names
without IDs, people picked from the dropdowns by name, several attendees typed as names, circle
numbers in the grid with one date per measurement; then the edits workers make: a row deleted, a
table sorted, a column inserted, a row cleared, a row inserted and typed in. The file LibreOffice
saves is read by werkboek without an error, its dropdowns (as LibreOffice recalculates them) show
no #REF! and lose no one, every ID stayed with its person, and the case and its figures are those
of the case the worker meant, built here in Python.

One workbook is typed and saved once (module fixture, about 10 s); each test looks at one side of it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from werkboek import api, figures
from werkboek.checks import check
from werkboek.workbook import schema
from werkboek.workbook.model import Case, Record
from werkboek.workbook.reader import read_case

D = dt.date
START, END = D(2025, 1, 13), D(2025, 6, 16)

# What the worker types on Personen, row by row (the IDs stand ready: P01, P02, ...).
PERSONS = [
    {"Voornaam": "Lotte", "Achternaam": "Peeters", "Geslacht": "v", "Geboortejaar": 2012, "Relatie": "centrale persoon",
     "Sector": "familie"},
    {"Voornaam": "Els", "Achternaam": "Peeters", "Geslacht": "v", "Geboortejaar": 1984, "Relatie": "moeder",
     "Sector": "familie"},
    {"Voornaam": "Fout", "Achternaam": "Ingevuld", "Relatie": "andere", "Sector": "familie"},  # deleted later
    {"Voornaam": "Omer", "Achternaam": "Demir", "Geboortejaar": 1950, "Relatie": "grootvader", "Sector": "familie",
     "Contact verwaterd": "ja", "Gecontacteerd op": D(2025, 1, 20), "Reactie": "positief"},
    {"Voornaam": "Karim", "Achternaam": "Aziz", "Relatie": "buur", "Sector": "vrienden en buren"},
    {"Voornaam": "Tijdelijk", "Relatie": "andere", "Sector": "familie"},  # cleared later
    {"Voornaam": "Eva", "Achternaam": "Janssens", "Relatie": "hulpverlener", "Sector": "professioneel",
     "Rol in het plan": "steunfiguur"},
]
MIA = {"Voornaam": "Mia", "Achternaam": "Peeters", "Relatie": "tante", "Sector": "familie"}  # typed in an inserted row
# Circle numbers per person name: (start belang, start hulp, end belang, end hulp).
CIRCLES = {"Els": (1, 1, 1, 1), "Omer": (2, None, 1, 1), "Karim": (2, 2, 2, None), "Eva": (1, None, 3, None)}
LONG = ("Lotte is na school vaak alleen thuis tot mama om zeven uur terug is van haar werk in de bakkerij, "
        "en dan kookt niemand.")


def intended() -> Case:
    """The case the worker meant, as werkboek should read it: the mistakes gone, Mia with the next free ID."""
    case = Case.empty()
    case.dossier = Record("dossier", {
        "dossiernummer": "2025-0917", "gezin": "gezin Peeters", "begeleider": "An Claes", "team": "Team Noord",
        "hulpvorm": "ambulant", "methode": "Signs of Safety", "centrale_persoon": "P01",
        "soort_centraal": "kind/jongere",
        "startdatum": D(2025, 1, 6), "einddatum": D(2025, 6, 30), "conclusies": "Oma en de buur dragen de opvang."})
    keys = {"Voornaam": "voornaam", "Achternaam": "achternaam", "Geslacht": "geslacht", "Geboortejaar": "geboortejaar",
            "Relatie": "relatie", "Sector": "sector", "Contact verwaterd": "verwaterd",
            "Gecontacteerd op": "gecontacteerd_op",
            "Reactie": "reactie", "Rol in het plan": "rol"}

    def person(pid: str, typed: dict) -> Record:
        values = {keys[k]: (v == "ja" if k == "Contact verwaterd" else v) for k, v in typed.items()}
        return Record("personen", {"id": pid, **values})

    ids = {"Lotte": "P01", "Els": "P02", "Omer": "P04", "Karim": "P05", "Eva": "P07", "Mia": "P301"}
    case.tables["personen"] = [person(ids[p["Voornaam"]], p) for p in [*PERSONS, MIA] if p["Voornaam"] in ids]
    case.tables["relaties"] = [
        Record("relaties", {"persoon_a": "P02", "persoon_b": "P01", "soort": "ouder–kind", "kwaliteit": "goed"}),
        Record("relaties", {"persoon_a": "P04", "persoon_b": "P02", "soort": "ouder–kind"}),
        Record("relaties", {"persoon_a": "P301", "persoon_b": "P02", "soort": "broer/zus"}),
    ]
    placements = []
    for name, circles in CIRCLES.items():
        for (day, moment, vraag), circle in zip(((START, "start", "belang"), (START, "start", "hulp"),
                                                 (END, "einde", "belang"), (END, "einde", "hulp")), circles,
                                                 strict=True):
            if circle is not None:
                placements.append(Record("cirkels", {"datum": day, "moment": moment, "vraag": vraag,
                                                     "persoon": ids[name],
                                                     "cirkel": circle}))
    placements += [Record("cirkels", {"datum": START, "moment": "start", "vraag": "belang", "persoon": "P301",
                                      "cirkel": 2}),
                   Record("cirkels", {"datum": END, "moment": "einde", "vraag": "belang", "persoon": "P301",
                                      "cirkel": 1})]
    case.tables["cirkels"] = placements
    case.tables["netwerkberaad"] = [
        Record("netwerkberaad", {"id": "B1", "datum": D(2025, 2, 3), "aanwezigen": ["P01", "P02", "P05", "P07"],
                                 "zorgen": LONG, "schaal": 4, "volgende": D(2025, 4, 7)}),
        Record("netwerkberaad", {"id": "B2", "datum": D(2025, 4, 7), "aanwezigen": ["P01", "P02", "P04", "P07", "P301"],
                                 "schaal": 6}),
    ]
    case.tables["acties"] = [
        Record("acties", {"id": "A1", "beraad": "B1", "wat": "Lotte ophalen op woensdag", "wie": "P05",
                          "tegen": D(2025, 2, 28), "status": "gedaan", "doel": "D1"}),
        Record("acties", {"id": "A2", "beraad": "B1", "wat": "Opa opbellen", "wie": "P02", "met_wie": ["P07", "P301"],
                          "tegen": D(2025, 3, 15), "status": "gedaan", "doel": "D2"}),
        Record("acties", {"id": "A3", "beraad": "B2", "wat": "Wekelijks bellen", "wie": "P04",
                          "tegen": D(2025, 5, 1), "status": "bezig", "doel": "D2"}),
    ]
    case.tables["doelen"] = [
        Record("doelen", {"id": "D1", "doel": "Lotte is veilig na school", "domein": "veiligheid", "score_start": 3,
                          "score_laatst": 6, "score_einde": 7, "bereikt": "ja", "geevalueerd_op": END}),
        Record("doelen", {"id": "D2", "doel": "Het netwerk is groter", "domein": "netwerk", "score_start": 2,
                          "score_laatst": 5, "score_einde": 6, "bereikt": "deels", "geevalueerd_op": END}),
    ]
    return case


def pick(book, sheet: str, cell: str, starts: str) -> str:
    """Open the dropdown of `cell` and choose the entry that starts with `starts` (the cell gets its text)."""
    offered = book.dropdown(sheet, cell)
    [entry] = [e for e in offered if e.startswith(starts)]
    book.set_text(sheet, cell, entry)
    return entry


def row_of(book, sheet: str, column: str, text: str) -> int:
    return book.column(sheet, column).index(text) + 2


def named(book) -> dict[str, str]:
    """Personen as LibreOffice shows it now: voornaam -> ID."""
    grid = book.read("Personen")
    head = grid.texts[0]
    return {r[head.index("Voornaam")]: r[head.index("ID")] for r in grid.texts[1:] if r[head.index("Voornaam")]}


@pytest.fixture(scope="module")
def typed(office, template_path, tmp_path_factory) -> dict:
    """The workbook typed and edited in LibreOffice, what LibreOffice showed, and the saved file."""
    seen: dict = {}
    with office.open(template_path) as book:
        seen["empty_person_dropdown"] = book.dropdown("Dossier", "B12")
        seen["empty_check_sheet"] = book.text("Controle", "D2")
        for person in PERSONS:
            book.add_row("Personen", person, below="Voornaam")
        seen["ids_typed"] = named(book)
        # Dossier: the form, the central person picked by name.
        form = {"dossiernummer": "2025-0917", "gezin": "gezin Peeters", "begeleider": "An Claes", "team": "Team Noord",
                "conclusies": "Oma en de buur dragen de opvang."}
        for key, text in form.items():
            book.set_text("Dossier", f"B{schema.DOSSIER.row_of(key)}", text)
        for key, entry in (("hulpvorm", "ambulant"), ("methode", "Signs of Safety"), ("soort_centraal", "kind/jongere"),
                           ("centrale_persoon", "Lotte")):
            pick(book, "Dossier", f"B{schema.DOSSIER.row_of(key)}", entry)
        book.set_date("Dossier", f"B{schema.DOSSIER.row_of('startdatum')}", D(2025, 1, 6))
        book.set_date("Dossier", f"B{schema.DOSSIER.row_of('einddatum')}", D(2025, 6, 30))
        # Relaties: picked by name; the third typed as a name, in lower case.
        pick(book, "Relaties", "A2", "Els")
        pick(book, "Relaties", "B2", "Lotte")
        pick(book, "Relaties", "C2", "ouder–kind")
        pick(book, "Relaties", "D2", "goed")
        pick(book, "Relaties", "A3", "Omer")
        pick(book, "Relaties", "B3", "Els")
        pick(book, "Relaties", "C3", "ouder–kind")
        # Netwerkberaad: the attendees typed as names, as a worker writes them.
        book.add_row("Netwerkberaad", {"Datum": D(2025, 2, 3), "Aanwezigen": "lotte, Els, Karim Aziz, eva",
                                       "Waar maken we ons zorgen over?": LONG, "Schaal (0-10)": 4,
                                       "Volgend beraad": D(2025, 4, 7)}, below="Datum")
        seen["meeting_dropdown"] = book.dropdown("Acties", "B2")
        # Doelen, then Acties: the meeting and the goal picked, the owner picked or typed.
        for goal in (("Lotte is veilig na school", "veiligheid", 3, 6, 7, "ja"),
                     ("Het netwerk is groter", "netwerk", 2, 5, 6, "deels")):
            book.add_row("Doelen", dict(zip(("Doel", "Domein", "Score start", "Laatste score", "Score einde",
                                             "Bereikt"),
                                            goal, strict=True)) | {"Geëvalueerd met netwerk op": END}, below="Doel")
        book.add_row("Acties", {"Wat": "Lotte ophalen op woensdag", "Tegen wanneer": D(2025, 2, 28),
                                "Status": "gedaan"},
                     below="Wat")
        pick(book, "Acties", "B2", "B1 – ")
        pick(book, "Acties", "D2", "Karim")
        pick(book, "Acties", "I2", "D1 – ")
        book.add_row("Acties", {"Beraad": "b1", "Wat": "Opa opbellen", "Wie": "Els", "Met wie": "Eva",
                                "Tegen wanneer": D(2025, 3, 15),
                                "Status": "gedaan", "Doel": "D2"}, below="Wat")
        # Cirkels: one date per measurement, then a number per person.
        seen["grid_names_before"] = [r[1] for r in book.read("Cirkels", "A5:B11").texts]
        book.set_date("Cirkels", "E1", START)
        book.set_date("Cirkels", "N1", END)
        seen["followed_dates"] = (book.text("Cirkels", "F1"), book.text("Cirkels", "O1"))
        ids = named(book)
        grid_rows = {r[0]: i + 1 for i, r in enumerate(book.read("Cirkels").texts)}
        for name, circles in CIRCLES.items():
            row = grid_rows[ids[name]]
            for column, circle in zip("EFNO", circles, strict=True):
                if circle is not None:
                    book.set_number("Cirkels", f"{column}{row}", circle)
        # The edits: delete the mistake, clear the temporary row, insert a row and type Mia in it.
        book.delete_rows("Personen", row_of(book, "Personen", "Voornaam", "Fout"))
        book.clear_row("Personen", row_of(book, "Personen", "Voornaam", "Tijdelijk"))
        book.insert_rows("Personen", 3)
        for header, value in MIA.items():
            book.set(sheet="Personen", cell=f"{'ABCDEFGHIJ'[book.read('Personen').texts[0].index(header)]}3",
                     value=value)
        book.sort("Personen", "tblPersonen", by="B")  # by first name
        book.insert_column("Personen", "C")
        book.set_text("Personen", "C1", "Roepnaam")
        # Mia has no ID (an inserted row); she is placed, and named, by her name.
        book.set_text("Cirkels", "A305", "Mia")
        book.set_number("Cirkels", "E305", 2)
        book.set_number("Cirkels", "N305", 1)
        book.set_text("Relaties", "A4", "mia")
        book.set_text("Relaties", "B4", "Els Peeters")
        pick(book, "Relaties", "C4", "broer/zus")
        book.add_row("Netwerkberaad", {"Datum": D(2025, 4, 7), "Aanwezigen": "Lotte; Els, Omer en Eva, Mia",
                                       "Schaal (0-10)": 6}, below="Datum")
        book.set_text("Acties", "E3", "Eva, Mia")
        book.add_row("Acties", {"Wat": "Wekelijks bellen", "Wie": "p04\u200b", "Tegen wanneer": D(2025, 5, 1),
                                "Status": "bezig"}, below="Wat")  # an ID in lower case, a zero-width space with it
        pick(book, "Acties", "B4", "B2 – ")
        pick(book, "Acties", "I4", "D2 – ")
        book.insert_column("Cirkels", "F")  # between the start measurement's first two questions
        book.sort("Cirkels", "A4:T304", by="B", descending=True)  # the grid by name
        book.sort("Acties", "tblActies", by="F", descending=True)  # by due date, latest first
        book.insert_column("Acties", "D")
        # What LibreOffice shows after all that.
        seen["ids_after"] = named(book)
        seen["person_dropdowns"] = {cell: book.dropdown(sheet, cell) for sheet, cell in
                                    (("Relaties", "A2"), ("Acties", "E2"), ("Dossier", "B12"))}
        seen["meeting_dropdowns"] = {"Acties!B2": book.dropdown("Acties", "B2"),
                                     "Dossier!F8": book.dropdown("Dossier", "F8")}
        seen["goal_dropdown"] = book.dropdown("Acties", "J2")
        grid = book.read("Cirkels")
        seen["grid"] = grid.texts
        seen["long_text_row"] = book.layout("Netwerkberaad", "E2")
        seen["keuzes"] = book.read("Keuzes").values
        seen["saved"] = book.save_as(tmp_path_factory.mktemp("worker") / "Netwerkkaart gezin Peeters.xlsm")
    return seen


def test_an_empty_workbook_says_what_to_do_first(typed):
    assert typed["empty_person_dropdown"] == ["(vul eerst het blad Personen in)"]
    assert "klik op de knop Controleer" in typed["empty_check_sheet"]


def test_ids_stood_ready_and_stayed_with_their_person(typed):
    assert typed["ids_typed"] == {"Lotte": "P01", "Els": "P02", "Fout": "P03", "Omer": "P04", "Karim": "P05",
                                  "Tijdelijk": "P06", "Eva": "P07"}
    after = typed["ids_after"]
    assert {k: v for k, v in after.items() if k != "Mia"} == {"Lotte": "P01", "Els": "P02", "Omer": "P04",
                                                              "Karim": "P05",
                                                                 "Eva": "P07"}
    assert after["Mia"] == ""  # an inserted row has no ID: werkboek gives the next free one (and says so)


def test_dropdowns_show_everyone_by_name_and_no_error(typed):
    people = {"Lotte Peeters (P01)", "Els Peeters (P02)", "Omer Demir (P04)", "Karim Aziz (P05)", "Eva Janssens (P07)",
              "Mia Peeters"}
    for cell, offered in typed["person_dropdowns"].items():
        assert set(offered) == people and len(offered) == len(people), cell
    for cell, offered in typed["meeting_dropdowns"].items():
        assert offered == ["B1 – 03/02/2025", "B2 – 07/04/2025"], cell
    assert typed["goal_dropdown"] == ["D1 – Lotte is veilig na school", "D2 – Het netwerk is groter"]
    assert typed["meeting_dropdown"] == ["B1 – 03/02/2025"]  # as soon as the meeting had a date
    errors = [v for row in typed["keuzes"] for v in row if isinstance(v, str) and v.startswith("#")]
    assert errors == []


def test_the_circle_grid_shows_each_id_with_its_person_after_every_edit(typed):
    assert typed["grid_names_before"][:2] == ["Lotte Peeters", "Els Peeters"]
    assert typed["followed_dates"] == ("13/01/2025", "16/06/2025")  # typed once per measurement
    grid = typed["grid"]
    head = grid[3]
    rows = {r[0]: r for r in grid[4:] if r[0]}
    names = {"P01": "Lotte Peeters", "P02": "Els Peeters", "P04": "Omer Demir", "P05": "Karim Aziz",
             "P07": "Eva Janssens"}
    for pid, name in names.items():
        assert rows[pid][head.index("Naam")] == name
    assert rows["P03"][head.index("Naam")] == "" and rows["P06"][head.index("Naam")] == ""  # deleted, cleared
    assert rows["P04"][4:8] == ["2", "", "", ""]  # start: belang, (the inserted column), hulp, kennis


def test_long_texts_wrap_and_their_row_grows(typed):
    layout = typed["long_text_row"]
    assert layout["wrapped"] and layout["row_height"] > 2 * 529  # more than two lines of 0.53 cm


def test_werkboek_reads_the_saved_file_as_the_worker_meant_it(typed):
    case = read_case(typed["saved"])
    want = intended()
    assert case.dossier == want.dossier
    assert sorted(case.persons, key=lambda p: p.id) == sorted(want.persons, key=lambda p: p.id)
    for key in ("relaties", "netwerkberaad", "doelen"):
        assert case.tables[key] == want.tables[key], key
    assert sorted(case.actions, key=lambda a: a.id) == want.actions

    def canonical(rows):
        return sorted(tuple(sorted((k, repr(v)) for k, v in r.filled().items())) for r in rows)

    assert canonical(case.placements) == canonical(want.placements)
    assert case.derived_ids == {"personen": ["P301"]}


def test_the_check_finds_no_error_only_the_missing_id(typed):
    findings = check(read_case(typed["saved"]))
    assert [f.code for f in findings] == ["id-ontbreekt"]
    [f] = findings
    assert f.sheet == "Personen" and f.cell.startswith("A") and "P301" in f.message


def test_the_figures_are_those_of_the_typed_case(typed):
    controle = api.controleer(typed["saved"])
    assert not controle.fouten
    assert figures.case_numbers(controle.dossier) == figures.case_numbers(intended())
    for moment in (figures.START, figures.END):
        assert figures.moment_figures(controle.dossier, moment) == figures.moment_figures(intended(), moment)
    assert figures.change_figures(controle.dossier) == figures.change_figures(intended())


def test_the_reports_are_made_from_the_saved_file(typed, tmp_path: Path):
    report = api.verslag(typed["saved"], beraad="b1", uit=tmp_path / "verslag.docx")
    assert report.pad.exists()
