"""The checks on real workbooks: a valid case, then a corpus of cases with one thing broken.

Each broken case is written with the project's builder, read back from the file and checked; the
test asserts the exact finding code and cell (and that nothing else was found), so a finding
that points at the wrong cell, or noise next to the real problem, fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.builders import base_case
from werkboek.checks import CATALOGUE, check, has_errors
from werkboek.checks.findings import ERROR, WARNING, Finding, control_rows
from werkboek.workbook import schema
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case, Invalid, Record
from werkboek.workbook.reader import parse_grids, read_case
from werkboek.workbook.source import read_grids

D = dt.date


def _set(sheet: str, row: int, **values: object) -> Callable[[Case], None]:
    """Breaker: overwrite values of one row (row = index in the table, 0-based; -1 for the dossier)."""
    def breaker(case: Case) -> None:
        rec = case.dossier if sheet == "dossier" else case.tables[sheet][row]
        rec.values.update(values)
    return breaker


def _where(sheet: str, which: Callable[[Record], bool], **values: object) -> Callable[[Case], None]:
    """Breaker: overwrite values of every row that `which` picks."""
    def breaker(case: Case) -> None:
        for rec in case.tables[sheet]:
            if which(rec):
                rec.values.update(values)
    return breaker


def _add(sheet: str, **values: object) -> Callable[[Case], None]:
    return lambda case: case.tables[sheet].append(Record(sheet, dict(values)))


def _all(*breakers: Callable[[Case], None]) -> Callable[[Case], None]:
    def breaker(case: Case) -> None:
        for b in breakers:
            b(case)
    return breaker


def _drop(sheet: str, keep: Callable[[Record], bool]) -> Callable[[Case], None]:
    def breaker(case: Case) -> None:
        case.tables[sheet] = [r for r in case.tables[sheet] if keep(r)]
    return breaker


def _without_list_value(key: str, value: str) -> Callable[[Case], None]:
    def breaker(case: Case) -> None:
        case.lists[key] = tuple(v for v in case.lists[key] if v != value)
    return breaker


def _rename_list_value(key: str, old: str, new: str) -> Callable[[Case], None]:
    def breaker(case: Case) -> None:
        case.lists[key] = tuple(new if v == old else v for v in case.lists[key])
    return breaker


# (name, breaker, expected (code, ref), other findings this break rightly causes)
CORPUS: list[tuple[str, Callable[[Case], None], tuple[str, str], set[tuple[str, str]]]] = [
    # required fields
    ("dossier zonder gezin", _set("dossier", -1, gezin=None), ("verplicht-veld", "Dossier!B5"), set()),
    ("persoon zonder voornaam", _set("personen", 2, voornaam=None), ("verplicht-veld", "Personen!B4"), set()),
    ("relatie zonder soort", _set("relaties", 0, soort=None), ("verplicht-veld", "Relaties!C2"), set()),
    ("meting zonder datum", _where("cirkels", lambda r: r["moment"] == "start", datum=None),
     ("verplicht-veld", "Cirkels!E1"),
     {("verplicht-veld", "Cirkels!F1")}),  # F1 takes E1's date: a formula, but a worker may type there too
    ("beraad zonder datum", _set("netwerkberaad", 1, datum=None), ("verplicht-veld", "Netwerkberaad!B3"), set()),
    ("doel zonder tekst", _set("doelen", 1, doel=None), ("verplicht-veld", "Doelen!B3"), set()),
    ("actie zonder ID", _set("acties", 2, id=None), ("id-ontbreekt", "Acties!A4"), set()),
    # types and ranges
    ("31 februari", _set("acties", 1, tegen=Invalid("31/02/2025", schema.DATE)),
     ("ongeldige-datum", "Acties!F3"), set()),
    ("startdatum in woorden", _set("dossier", -1, startdatum=Invalid("volgende week", schema.DATE)),
     ("ongeldige-datum", "Dossier!B14"), set()),
    ("Amerikaanse datum met jaar in twee cijfers", _set("netwerkberaad", 0, volgende=Invalid("4/7/25", schema.DATE)),
     ("ongeldige-datum", "Netwerkberaad!I2"), set()),
    ("datum met tikfout in het jaar", _set("personen", 1, gevonden_op=D(2205, 1, 14)),
     ("onwaarschijnlijke-datum", "Personen!N3"), set()),
    ("geboortejaar in woorden", _set("personen", 2, geboortejaar=Invalid("ca. 1960", schema.YEAR)),
     ("geen-jaartal", "Personen!E4"), set()),
    ("geboortejaar in de toekomst", _set("personen", 0, geboortejaar=2090),
     ("onwaarschijnlijk-geboortejaar", "Personen!E2"), set()),
    ("schaal 12", _set("netwerkberaad", 0, schaal=12), ("ongeldige-score", "Netwerkberaad!H2"), set()),
    ("score met komma", _set("doelen", 0, score_start=Invalid("7,5", schema.SCORE)),
     ("ongeldige-score", "Doelen!D2"), set()),
    ("cirkel 4", _set("cirkels", 1, cirkel=4), ("ongeldige-cirkel", "Cirkels!E7"), set()),
    ("cirkel in woorden", _set("cirkels", 2, cirkel=Invalid("binnen", schema.CIRCLE)),
     ("ongeldige-cirkel", "Cirkels!E8"), set()),
    ("overleden: misschien", _set("personen", 2, overleden=Invalid("misschien", schema.YESNO)),
     ("geen-ja-nee", "Personen!F4"), set()),
    ("Excel-fout in een tekstcel", _set("acties", 0, wat=Invalid("#N/A", schema.TEXT)),
     ("excel-foutwaarde", "Acties!C2"), set()),
    ("Excel-fout in een datumcel", _set("doelen", 0, geevalueerd_op=Invalid("#REF!", schema.DATE)),
     ("excel-foutwaarde", "Doelen!H2"), set()),
    # lists
    ("relatie niet in de lijst", _set("personen", 3, relatie="bompa"), ("niet-in-lijst", "Personen!G5"), set()),
    ("moment niet in de lijst", _set("cirkels", 1, moment="begin"), ("niet-in-lijst", "Cirkels!Q2"), set()),
    ("waarde uit de lijst gehaald op het blad Lijsten", _without_list_value("relatie", "buur"),
     ("niet-in-lijst", "Personen!G5"), set()),
    ("hulpvorm niet in de lijst", _set("dossier", -1, hulpvorm="thuisbegeleiding"),
     ("niet-in-lijst", "Dossier!B9"), set()),
    # unique IDs
    ("persoon-ID twee keer", _add("personen", id="P04", voornaam="Kim", relatie="tante", sector="familie"),
     ("dubbel-id", "Personen!A7"), set()),
    ("persoon-ID twee keer, in een andere hoofdletter",
     _add("personen", id="p04", voornaam="Kim", relatie="tante", sector="familie"),
     ("dubbel-id", "Personen!A7"), set()),
    ("twee personen met dezelfde naam", _add("personen", id="P06", voornaam="Lies", relatie="tante", sector="familie"),
     ("dezelfde-naam", "Personen!B7"), set()),
    ("actie-ID twee keer", _add("acties", id="A1", beraad="B2", wat="Nog eens", wie="P02", tegen=D(2025, 5, 2)),
     ("dubbel-id", "Acties!A5"), set()),
    # references
    ("actie voor onbekende persoon", _set("acties", 0, wie="P99"), ("onbekende-persoon", "Acties!D2"), set()),
    ("onbekende aanwezige", _set("netwerkberaad", 0, aanwezigen=["P01", "P98"]),
     ("onbekende-persoon", "Netwerkberaad!D2"), set()),
    ("plaatsing van onbekende persoon", _set("cirkels", 1, persoon="P77"), ("onbekende-persoon", "Cirkels!A81"), set()),
    ("relatie met onbekende persoon", _set("relaties", 0, persoon_b="P66"),
     ("onbekende-persoon", "Relaties!B2"), set()),
    ("onbekende centrale persoon", _set("dossier", -1, centrale_persoon="P00"),
     ("onbekende-persoon", "Dossier!B12"), set()),
    ("met wie: onbekende persoon", _set("acties", 1, met_wie=["P05", "P55"]),
     ("onbekende-persoon", "Acties!E3"), set()),
    ("actie voor een voornaam die twee personen hebben",
     _all(_add("personen", id="P06", voornaam="Lies", relatie="tante", sector="familie"),
          _set("acties", 0, wie="lies")),
     ("dubbelzinnige-verwijzing", "Acties!D2"), {("dezelfde-naam", "Personen!B7")}),
    ("aanwezige met een naam die niemand heeft", _set("netwerkberaad", 1, aanwezigen=["Sam", "Lies", "Omar"]),
     ("onbekende-persoon", "Netwerkberaad!D3"), set()),
    ("actie bij onbekend beraad", _set("acties", 1, beraad="B9"), ("onbekend-beraad", "Acties!B3"), set()),
    ("actie bij onbekend doel", _set("acties", 2, doel="D7"), ("onbekend-doel", "Acties!I4"), set()),
    ("relatie met zichzelf", _set("relaties", 0, persoon_b="P02"), ("relatie-met-zichzelf", "Relaties!B2"), set()),
    ("relatie twee keer", _add("relaties", persoon_a="P01", persoon_b="P02", soort="ouder–kind"),
     ("dubbele-relatie", "Relaties!A4"), set()),
    ("tweede centrale persoon", _set("personen", 3, relatie="centrale persoon"),
     ("centrale-persoon-tegenstrijdig", "Personen!G5"), set()),
    # meetings and actions
    ("beraad zonder aanwezigen", _set("netwerkberaad", 0, aanwezigen=[]),
     ("beraad-zonder-aanwezigen", "Netwerkberaad!D2"), set()),
    ("actie zonder eigenaar", _set("acties", 1, wie=None), ("actie-zonder-eigenaar", "Acties!D3"), set()),
    ("actie zonder termijn", _set("acties", 2, tegen=None), ("actie-zonder-termijn", "Acties!F4"), set()),
    # dates in order
    ("einddatum voor startdatum", _set("dossier", -1, einddatum=D(2024, 12, 1)),
     ("einddatum-voor-startdatum", "Dossier!B15"), set()),
    ("termijn voor het beraad", _set("acties", 0, tegen=D(2025, 1, 20)), ("termijn-voor-beraad", "Acties!F2"), set()),
    ("volgend beraad voor het beraad", _set("netwerkberaad", 0, volgende=D(2025, 1, 15)),
     ("volgend-beraad-voor-beraad", "Netwerkberaad!I2"), set()),
    ("beraad voor de start van het dossier", _set("netwerkberaad", 0, datum=D(2024, 12, 20)),
     ("beraad-buiten-dossier", "Netwerkberaad!B2"), set()),
    ("meting na het einde van het dossier", _set("cirkels", 6, datum=D(2025, 7, 20)),
     ("meting-buiten-dossier", "Cirkels!Q1"),
     {("meting-op-meerdere-datums", "Cirkels!N1")}),
    ("eindmeting voor de startmeting", _all(_set("cirkels", 10, datum=D(2025, 1, 10)),
     _set("cirkels", 11, datum=D(2025, 1, 10))),
     ("eindmeting-voor-startmeting", "Cirkels!O1"), set()),
    # network circles
    ("cijfers in een kolom zonder moment",
     _add("cirkels", datum=D(2025, 1, 13), vraag="belang", persoon="P04", cirkel=2),
     ("verplicht-veld", "Cirkels!Q2"), set()),
    ("persoon twee keer in een meting",
     _add("cirkels", datum=D(2025, 1, 13), moment="start", vraag="belang", persoon="P03", cirkel=3),
     ("dubbel-geplaatst", "Cirkels!A305"), set()),
    ("startmeting op twee datums", _set("cirkels", 2, datum=D(2025, 1, 14)),
     ("meting-op-meerdere-datums", "Cirkels!Q1"), set()),
    ("centrale persoon geplaatst",
     _add("cirkels", datum=D(2025, 1, 13), moment="start", vraag="belang", persoon="P01", cirkel=1),
     ("centrale-persoon-geplaatst", "Cirkels!A5"), set()),
    ("binnenste cirkel alleen professionelen", _set("cirkels", 0, cirkel=2),
     ("binnenste-cirkel-enkel-professionelen", "Cirkels!E9"), set()),
    # practice
    ("actie voor iemand die zeker niet wil helpen", _set("cirkels", 5, cirkel=3),
     ("actie-voor-zeker-niet", "Acties!D2"), set()),
    ("overleden persoon neemt een actie op", _set("personen", 2, overleden=True),
     ("overleden-persoon-actief", "Acties!D4"), {("overleden-persoon-actief", "Netwerkberaad!D3")}),
    ("verwaterd contact nooit gecontacteerd", _set("personen", 2, gecontacteerd_op=None),
     ("verwaterd-niet-gecontacteerd", "Personen!P4"), set()),
    ("afgesloten zonder eindmeting hulp",
     _drop("cirkels", lambda r: not (r["moment"] == "einde" and r["vraag"] == "hulp")),
     ("afgesloten-zonder-eindmeting", "Cirkels"), set()),
    ("afgesloten zonder doelresultaat", _set("doelen", 1, bereikt=None, score_einde=None),
     ("afgesloten-zonder-doelresultaat", "Doelen!G3"), set()),
    # Signs of Safety
    ("veiligheidsdoel zonder zorg", _set("veiligheidsdoelen", 0, zorg=None),
     ("veiligheidsdoel-zonder-zorg", "Veiligheidsdoelen!C2"), set()),
    ("afspraak die niemand draagt", _set("veiligheidsplan", 0, wie=[]),
     ("afspraak-zonder-drager", "Veiligheidsplan!C2"), set()),
    ("plan enkel bij professionelen",
     _all(_set("veiligheidsplan", 0, wie=["P05"]), _set("veiligheidsplan", 1, wie=["P05"])),
     ("plan-enkel-professionelen", "Veiligheidsplan!C2"), set()),
    ("schaal 11 op een veiligheidsdoel", _set("schaalvragen", 0, gezin=11),
     ("ongeldige-score", "Schaalvragen!D2"), set()),
    ("schaalvraag zonder score", _set("schaalvragen", 1, score=None),
     ("schaalvraag-zonder-score", "Schaalvragen!C3"), {("beraad-zonder-schaalvraag", "Netwerkberaad!B3")}),
    ("beraad dat geen open veiligheidsdoel scoort", _drop("schaalvragen", lambda r: r["beraad"] != "B2"),
     ("beraad-zonder-schaalvraag", "Netwerkberaad!B3"), set()),
    ("schaalvraag bij onbekend veiligheidsdoel", _set("schaalvragen", 0, doel="V7"),
     ("onbekend-veiligheidsdoel", "Schaalvragen!B2"), {("beraad-zonder-schaalvraag", "Netwerkberaad!B2")}),
    ("telefoon zonder akkoord", _set("veiligheidsnetwerk", 0, bellen=False),
     ("telefoon-zonder-akkoord", "Veiligheidsnetwerk!D2"), set()),
    ("mag gebeld worden zonder nummer", _set("veiligheidsnetwerk", 0, telefoon=None),
     ("bellen-zonder-telefoon", "Veiligheidsnetwerk!E2"), set()),
    ("planversie in woorden", _set("planversies", 0, versie=Invalid("twee", schema.INT)),
     ("geen-geheel-getal", "Planversies!A2"), set()),
    ("afgesloten zonder conclusies", _set("dossier", -1, conclusies=None),
     ("afgesloten-zonder-conclusies", "Dossier!B17"), set()),
    # a meaning-bearing value renamed on Lijsten (and in the rows) without a rename in the profile
    ("status gedaan hernoemd", _all(_rename_list_value("status", "gedaan", "afgerond"),
                                    _where("acties", lambda r: r["status"] == "gedaan", status="afgerond")),
     ("betekenis-ontbreekt", "Lijsten!L2"), set()),
]


def _found(case: Case) -> set[tuple[str, str]]:
    return {(f.code, f.ref) for f in check(case)}


def _roundtrip(tmp_path: Path, case: Case, name: str = "dossier") -> Case:
    return read_case(build(tmp_path / f"{name}.xlsm", case))


def test_base_case_is_clean_in_memory_and_from_its_workbook(tmp_path: Path) -> None:
    assert check(base_case()) == []
    assert check(_roundtrip(tmp_path, base_case())) == []


@pytest.mark.parametrize(("name", "breaker", "expected", "also"), CORPUS, ids=[c[0] for c in CORPUS])
def test_broken_workbook(tmp_path: Path, name: str, breaker: Callable[[Case], None], expected: tuple[str, str],
                         also: set[tuple[str, str]]) -> None:
    case = base_case()
    breaker(case)
    found = check(_roundtrip(tmp_path, case))
    assert {(f.code, f.ref) for f in found} == {expected} | also
    f = next(f for f in found if (f.code, f.ref) == expected)
    assert f.severity == CATALOGUE[f.code].severity
    assert f.message and f.fix and f.message != f.fix


def test_corpus_is_large_and_every_check_is_exercised() -> None:
    assert len(CORPUS) >= 40
    exercised = {c[2][0] for c in CORPUS} | {code for c in CORPUS for code, _ in c[3]}
    exercised |= {code for code, _ in SHEET_LEVEL} | FILE_LEVEL
    assert exercised == set(CATALOGUE)


# --- breaks that cannot be made through a Case: headers and the version marker in the file ---------

# Findings about the file itself, made in tests/test_source.py and tests/test_office.py with the
# package XML as Excel or LibreOffice writes it.
FILE_LEVEL = {"cel-ver-buiten-tabel", "geen-macros", "cellen-samengevoegd"}
# Findings that need an organisation profile: made in tests/test_profile.py.
FILE_LEVEL |= {"vervallen-waarde"}

SHEET_LEVEL = [
    ("verplichte-kolom-ontbreekt", "Acties"),
    ("kolom-ontbreekt", "Relaties"),
    ("nieuwere-sjabloonversie", "Dossier"),
]


def test_renamed_headers_and_newer_template(tmp_path: Path) -> None:
    grids = read_grids(build(tmp_path / "dossier.xlsm", base_case()))
    assert check(parse_grids(grids)) == []
    acties, relaties = grids["Acties"], grids["Relaties"]
    acties[0][acties[0].index("Wie")] = "Wie doet het"
    relaties[0][relaties[0].index("Kwaliteit")] = "Hoe gaat het"
    marker = grids[schema.PICKER_SHEET][0]
    marker[marker.index(schema.VERSION_MARKER) + 1] = float(schema.TEMPLATE_VERSION + 1)
    found = check(parse_grids(grids))
    assert {(f.code, f.ref) for f in found} == set(SHEET_LEVEL)
    missing = next(f for f in found if f.code == "verplichte-kolom-ontbreekt")
    assert "'Wie'" in missing.message and missing.cell == "" and missing.link == "#'Acties'!A1"
    # The missing "Wie" column is reported once, not as an empty "Wie" in every action.
    assert not any(f.code == "actie-zonder-eigenaar" for f in found)


# --- lists that organisations adapt -------------------------------------------------------------------


def test_values_are_checked_against_the_workbooks_own_lists(tmp_path: Path) -> None:
    case = base_case()
    case.lists["relatie"] = (*case.lists["relatie"], "plusmama")
    case.lists["hulpvorm"] = ("thuisbegeleiding", "ambulant")
    case.persons[1].values["relatie"] = "plusmama"
    case.dossier.values["hulpvorm"] = "thuisbegeleiding"
    back = _roundtrip(tmp_path, case)
    assert back.lists["relatie"][-1] == "plusmama"
    assert check(back) == []


def test_open_case_needs_no_end_measurement_or_results(tmp_path: Path) -> None:
    case = base_case()
    case.dossier.values.update(einddatum=None, conclusies=None)
    case.tables["cirkels"] = [p for p in case.placements if p["moment"] == "start"]
    for goal in case.goals:
        goal.values.update(bereikt=None, score_einde=None)
    assert check(_roundtrip(tmp_path, case)) == []


# --- the demo ---------------------------------------------------------------------------------------


def test_demo_workbook_has_no_finding(demo_path: Path) -> None:
    assert check(read_case(demo_path)) == []


def test_team_cases_have_no_error() -> None:
    demo = pytest.importorskip("werkboek.demo")
    for case in demo.team_cases():
        assert [str(f) for f in check(case) if f.is_error] == [], case.label


# --- messages, order and the Controle sheet ---------------------------------------------------------


def test_message_names_the_value_cell_and_row(tmp_path: Path) -> None:
    case = base_case()
    case.actions[2].values["tegen"] = Invalid("31/02/2025", schema.DATE)
    [f] = check(_roundtrip(tmp_path, case))
    assert str(f) == ("Acties!F4 (actie A3): '31/02/2025' is geen geldige datum. "
                      "Typ een bestaande datum als dd/mm/jjjj, bv. 22/11/2026.")
    assert f.as_dict() == {"code": "ongeldige-datum", "ernst": "fout", "blad": "Acties", "cel": "F4",
                           "melding": "'31/02/2025' is geen geldige datum.",
                           "oplossing": "Typ een bestaande datum als dd/mm/jjjj, bv. 22/11/2026.", "label": "actie A3"}


def test_measurement_on_another_date_names_start_or_end_measurement(tmp_path: Path) -> None:
    case = base_case()
    case.placements[2].values["datum"] = D(2025, 1, 14)   # a start placement: a measurement of its own (Q)
    case.placements[9].values["datum"] = D(2025, 6, 10)   # an end placement: the earlier end measurement (N)
    found = {f.ref: f.message for f in check(_roundtrip(tmp_path, case))}
    assert found == {
        "Cirkels!Q1": "deze startmeting 'belang' van 14/01/2025 telt niet mee: de cijfers gebruiken de startmeting "
                      "van 13/01/2025.",
        "Cirkels!N1": "deze eindmeting 'belang' van 10/06/2025 telt niet mee: de cijfers gebruiken de eindmeting van "
                      "16/06/2025.",
    }


def test_findings_sorted_by_sheet_errors_first_then_cell(tmp_path: Path) -> None:
    case = base_case()
    case.actions[0].values["tegen"] = None            # Acties!F2, error
    case.actions[1].values["wie"] = None              # Acties!D3, error
    case.placements[5].values["cirkel"] = 3           # makes Acties!D2 a warning (P04 said "zeker niet")
    case.persons[4].values["geboortejaar"] = 2200     # Personen!E6, error
    case.dossier.values["conclusies"] = None          # Dossier!B17, warning
    refs = [(f.ref, f.severity) for f in check(_roundtrip(tmp_path, case))]
    assert refs == [("Dossier!B17", WARNING), ("Personen!E6", ERROR), ("Acties!F2", ERROR),
                    ("Acties!D3", ERROR), ("Acties!D2", WARNING)]


def test_control_rows_with_hyperlinks(tmp_path: Path) -> None:
    case = base_case()
    case.actions[0].values["wie"] = "P99"
    case.dossier.values["conclusies"] = None
    findings = check(_roundtrip(tmp_path, case))
    rows = control_rows(findings)
    assert [len(values) for values, _ in rows] == [len(schema.CHECK_COLUMNS)] * 2
    (warn, warn_link), (err, err_link) = rows
    assert warn[:3] == ["waarschuwing", "Dossier", "B17"] and warn_link == "#'Dossier'!B17"
    assert err[0:3] == ["fout", "Acties", "D2"] and err_link == "#'Acties'!D2"
    assert err[3].startswith("actie A1: 'P99' is geen persoon") and err[5] == "onbekende-persoon"
    assert has_errors(findings) and not has_errors([f for f in findings if not f.is_error])


def test_catalogue_entries_are_complete_dutch_sentences() -> None:
    for c in CATALOGUE.values():
        assert c.code == c.code.lower() and " " not in c.code
        assert c.severity in (ERROR, WARNING)
        assert c.message[0].islower() or c.message[0] in "'{", c.code  # follows "Blad!A1 (label): "
        assert c.fix[0].isupper() and (c.fix.endswith(".") or c.fix.endswith("{hulp}")), c.code
        assert c.description


def test_every_value_that_can_be_invalid_has_a_check() -> None:
    """A new column type whose values can be unreadable needs its own finding code."""
    from werkboek import checks
    from werkboek.workbook import values

    for col in (*schema.DOSSIER.fields, *(c for s in schema.TABLES for c in s.columns)):
        parsed = values.parse("onzin ✗ 31/02/2025", col.type, ("a",))
        if isinstance(parsed, Invalid):
            assert col.type in checks.rules._INVALID_CODE, col.key


def test_finding_is_plain_data() -> None:
    f = Finding("verplicht-veld", ERROR, "Dossier", "B5", "'Gezin (label)' is niet ingevuld.", "Vul het in.", "")
    assert f.ref == "Dossier!B5" and str(f).startswith("Dossier!B5: ") and f.link == "#'Dossier'!B5"
