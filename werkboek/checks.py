"""The checks: what workers really get wrong in a Netwerkkaart, each named by sheet, cell and remedy.

Every check is an entry in `CATALOGUE` (stable code, severity, Dutch message and fix templates,
description); docs/controles.md is generated from it (`python -m werkboek.checks`). Types, lists,
required fields and references are checked once, generically over the schema; dates in order,
the network circles and the practice warnings are small functions below. `check` never raises:
whatever is in the cells gives findings or passes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import schema, values
from .figures import DEFAULT_QUESTION, END, HELP_QUESTION, START, counted_day, is_informal
from .findings import ERROR, WARNING, Finding, control_rows, has_errors, sort_key
from .model import Case, Invalid, Record

__all__ = ["CATALOGUE", "Check", "Finding", "catalogue_markdown", "check", "control_rows", "has_errors"]

CENTRAL_RELATION = "centrale persoon"  # the value of the Relatie list for the central person
EARLIEST_DATE = dt.date(1990, 1, 1)  # case dates before this are taken for typos
FUTURE_YEARS = 10  # ... and so are dates this many years ahead
EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    group: str  # section of docs/controles.md, in the order the catalogue first names it
    message: str  # str.format template naming the value
    fix: str
    description: str


CATALOGUE: dict[str, Check] = {c.code: c for c in (
    # --- the workbook as a whole
    Check("verplichte-kolom-ontbreekt", ERROR, "Werkmap",
          "de verplichte kolom '{kolom}' ontbreekt (of de kolomkop werd veranderd).",
          "Zet de kolomkop '{kolom}' terug, precies zo geschreven, of neem de gegevens over in een nieuwe Netwerkkaart.",
          "werkboek vindt kolommen aan hun kop. Een verplichte kolom die hernoemd of verwijderd werd, kan niet gelezen worden."),
    Check("kolom-ontbreekt", WARNING, "Werkmap",
          "de kolom '{kolom}' ontbreekt (of de kolomkop werd veranderd); ze wordt als leeg gelezen.",
          "Zet de kolomkop '{kolom}' terug, precies zo geschreven, of neem de gegevens over in een nieuwe Netwerkkaart.",
          "Een niet-verplichte kolom werd niet gevonden; verslagen en cijfers behandelen ze als leeg."),
    Check("nieuwere-sjabloonversie", WARNING, "Werkmap",
          "deze werkmap is van sjabloonversie {waarde}; deze versie van werkboek kent tot versie {kent}.",
          "Vraag je beheerder om werkboek bij te werken en controleer daarna opnieuw.",
          "De werkmap werd gemaakt met een nieuwere versie van werkboek; nieuwe kolommen worden misschien niet gelezen."),
    # --- filling in: required, types, ranges, lists, unique IDs
    Check("verplicht-veld", ERROR, "Invullen",
          "'{kolom}' is niet ingevuld.",
          "Vul '{kolom}' in: dit is verplicht. {hulp}",
          "Een verplicht veld is leeg. Verplichte velden staan in docs/velden.md en hebben een blauwe kop."),
    Check("excel-foutwaarde", ERROR, "Invullen",
          "de cel bevat de Excel-fout {waarde}.",
          "Herstel de formule in deze cel, of typ de waarde zelf in.",
          "Een formule gaf een fout (#N/A, #REF!, #WAARDE!, ...); die waarde kan niet gebruikt worden."),
    Check("ongeldige-datum", ERROR, "Invullen",
          "'{waarde}' is geen geldige datum.",
          "Typ een bestaande datum als dd/mm/jjjj, bv. 22/11/2026.",
          "Een datumveld bevat tekst die geen datum is, of een datum die niet bestaat (31/02). Datums typ je "
          "als dd/mm/jjjj, dd-mm-jjjj, dd.mm.jjjj of jjjj-mm-dd; werkboek raadt nooit wat 3/4 zou betekenen."),
    Check("onwaarschijnlijke-datum", WARNING, "Invullen",
          "de datum {waarde} ligt wel erg ver in het verleden of de toekomst.",
          "Controleer het jaartal (een tikfout, zoals 2052 voor 2025?).",
          f"Een datum voor {EARLIEST_DATE.year} of meer dan {FUTURE_YEARS} jaar in de toekomst is bijna altijd een tikfout."),
    Check("geen-jaartal", ERROR, "Invullen",
          "'{waarde}' is geen jaartal.",
          "Typ alleen het jaartal, bv. 1984; laat de cel leeg als je het niet weet.",
          "Een geboortejaar bevat tekst, zoals 'ca. 1960' of 'onbekend'."),
    Check("onwaarschijnlijk-geboortejaar", ERROR, "Invullen",
          "{waarde} is geen mogelijk geboortejaar (verwacht: {min} tot {max}).",
          "Controleer het jaartal; laat de cel leeg als je het niet weet.",
          f"Een geboortejaar voor {EARLIEST_BIRTH_YEAR} of in de toekomst."),
    Check("ongeldige-score", ERROR, "Invullen",
          "'{waarde}' is geen score van 0 tot 10.",
          "Typ een geheel getal van 0 tot 10.",
          "Schalen en doelscores gaan van 0 tot 10, in gehele getallen."),
    Check("ongeldige-cirkel", ERROR, "Invullen",
          "'{waarde}' is geen cirkel.",
          "Typ 1 (binnenste), 2 (middelste) of 3 (buitenste cirkel).",
          "Er zijn drie cirkels: 1 is de binnenste, 3 de buitenste."),
    Check("geen-ja-nee", ERROR, "Invullen",
          "'{waarde}' is geen ja of nee.",
          "Kies ja of nee, of laat de cel leeg.",
          "Een ja/nee-veld bevat iets anders."),
    Check("niet-in-lijst", ERROR, "Invullen",
          "'{waarde}' staat niet in de lijst '{lijst}'.",
          "Kies een waarde uit de keuzelijst, of voeg '{waarde}' toe in de kolom '{lijst}' op het blad Lijsten.",
          "Een keuzeveld bevat een waarde die niet op het blad Lijsten staat. Organisaties passen die lijsten "
          "aan; werkboek controleert tegen de lijsten van de werkmap zelf."),
    Check("dubbel-id", ERROR, "Invullen",
          "het ID '{waarde}' staat ook op rij {eerste}.",
          "Geef elke rij een eigen ID en pas de verwijzingen naar deze rij mee aan.",
          "Een ID moet uniek zijn op zijn blad: acties, aanwezigen en plaatsingen verwijzen ernaar."),
    # --- references
    Check("onbekende-persoon", ERROR, "Verwijzingen",
          "'{waarde}' is geen ID van een persoon op het blad Personen.",
          "Kies een persoon uit de keuzelijst of typ een bestaand ID (meerdere ID's gescheiden door komma's); "
          "voeg een nieuwe persoon eerst toe op het blad Personen.",
          "Een verwijzing naar een persoon (centrale persoon, relatie, plaatsing, aanwezige, wie of met wie "
          "van een actie) vindt geen persoon met dat ID."),
    Check("onbekend-beraad", ERROR, "Verwijzingen",
          "'{waarde}' is geen ID van een netwerkberaad op het blad Netwerkberaad.",
          "Kies een beraad uit de keuzelijst, of voeg het beraad eerst toe op het blad Netwerkberaad.",
          "Een actie verwijst naar een netwerkberaad dat niet bestaat."),
    Check("onbekend-doel", ERROR, "Verwijzingen",
          "'{waarde}' is geen ID van een doel op het blad Doelen.",
          "Kies een doel uit de keuzelijst, of voeg het doel eerst toe op het blad Doelen.",
          "Een actie verwijst naar een doel dat niet bestaat."),
    Check("relatie-met-zichzelf", ERROR, "Verwijzingen",
          "persoon A en persoon B zijn dezelfde persoon ({waarde}).",
          "Kies bij 'Persoon B' de andere persoon van de relatie.",
          "Een band in het genogram verbindt een persoon met zichzelf."),
    Check("dubbele-relatie", WARNING, "Verwijzingen",
          "de relatie tussen {a} en {b} staat ook op rij {eerste}.",
          "Houd één rij per paar; verwijder de andere rij of pas ze aan.",
          "Twee rijen op het blad Relaties gaan over hetzelfde paar; het genogram tekent maar één band."),
    Check("centrale-persoon-tegenstrijdig", WARNING, "Verwijzingen",
          "{waarde} heeft als relatie '" + CENTRAL_RELATION + "', maar de centrale persoon op het blad Dossier is {centraal}.",
          "Kies voor {waarde} de relatie tot {centraal}, of pas de centrale persoon op het blad Dossier aan.",
          "Elke relatie wordt uitgedrukt tegenover de centrale persoon van het dossier; een tweede "
          "'" + CENTRAL_RELATION + "' maakt het genogram en de verslagen tegenstrijdig."),
    # --- meetings and actions
    Check("beraad-zonder-aanwezigen", ERROR, "Netwerkberaad en acties",
          "er staan geen aanwezigen bij dit netwerkberaad.",
          "Vul de ID's van de aanwezigen in, gescheiden door komma's, bv. P01, P04, P07.",
          "Een netwerkberaad zonder aanwezigen kan geen verslag krijgen."),
    Check("actie-zonder-eigenaar", ERROR, "Netwerkberaad en acties",
          "niemand neemt deze actie op: 'Wie' is leeg.",
          "Kies wie de actie opneemt (een persoon uit de keuzelijst).",
          "Elke actie heeft iemand die ze opneemt; anders gebeurt ze niet."),
    Check("actie-zonder-termijn", ERROR, "Netwerkberaad en acties",
          "bij deze actie staat niet tegen wanneer ze klaar moet zijn.",
          "Spreek een termijn af en typ die datum als dd/mm/jjjj bij 'Tegen wanneer'.",
          "Elke actie heeft een termijn: wie doet wat, tegen wanneer."),
    # --- dates in order
    Check("einddatum-voor-startdatum", ERROR, "Datums",
          "de einddatum {waarde} ligt voor de startdatum {start}.",
          "Controleer beide datums (dag en maand omgewisseld?).",
          "Een dossier eindigt na zijn start."),
    Check("termijn-voor-beraad", ERROR, "Datums",
          "de termijn {waarde} ligt voor het beraad {beraad} van {datum}, waarop de actie afgesproken werd.",
          "Controleer de termijn en het beraad van deze actie.",
          "Een actie wordt op een beraad afgesproken; haar termijn kan niet eerder vallen."),
    Check("volgend-beraad-voor-beraad", ERROR, "Datums",
          "het volgende beraad ({waarde}) ligt voor dit beraad ({datum}).",
          "Controleer beide datums.",
          "De datum van het volgende beraad ligt voor de datum van het beraad zelf."),
    Check("beraad-buiten-dossier", WARNING, "Datums",
          "het beraad van {waarde} valt buiten de looptijd van het dossier ({periode}).",
          "Controleer de datum van het beraad en de start- en einddatum op het blad Dossier.",
          "Een netwerkberaad voor de start of na het einde van het dossier is meestal een tikfout."),
    Check("meting-buiten-dossier", ERROR, "Datums",
          "de meting van {waarde} valt buiten de looptijd van het dossier ({periode}).",
          "Controleer de datum van de meting en de start- en einddatum op het blad Dossier.",
          "Een meting van de netwerkcirkels hoort binnen de looptijd van het dossier."),
    Check("eindmeting-voor-startmeting", ERROR, "Datums",
          "de eindmeting '{vraag}' van {waarde} ligt voor de startmeting van {start}.",
          "Controleer de datums en het moment (start of einde) van deze metingen.",
          "Voor dezelfde vraag ligt de eindmeting voor de startmeting: de vergelijking start-einde klopt dan niet."),
    # --- network circles
    Check("dubbel-geplaatst", ERROR, "Netwerkcirkels",
          "{waarde} staat twee keer in dezelfde meting ({meting}), ook op rij {eerste}.",
          "Houd één plaatsing per persoon per meting en verwijder de andere rij.",
          "Een persoon staat twee keer in één meting (zelfde datum, moment en vraag); de cijfers tellen alleen de eerste."),
    Check("meting-op-meerdere-datums", WARNING, "Netwerkcirkels",
          "deze {moment}meting '{vraag}' van {waarde} telt niet mee: de cijfers gebruiken de {moment}meting van {gebruikt}.",
          "Geef alle plaatsingen van één meting dezelfde datum, of zet deze plaatsingen op moment 'tussentijds'.",
          "De cijfers nemen de vroegste startmeting en de laatste eindmeting per vraag. Plaatsingen met moment "
          "start of einde op een andere datum tellen niet mee; meestal is de datum niet overal gelijk ingevuld."),
    Check("centrale-persoon-geplaatst", WARNING, "Netwerkcirkels",
          "{waarde} is de centrale persoon: die staat in het midden en telt niet mee als plaatsing.",
          "Verwijder deze rij; plaats alleen de mensen rond de centrale persoon.",
          "De centrale persoon is het midden van de cirkels, geen plaatsing."),
    Check("binnenste-cirkel-enkel-professionelen", WARNING, "Netwerkcirkels",
          "in de binnenste cirkel van de meting {meting} staan alleen professionelen.",
          "Vraag de jongere en het gezin wie uit hun eigen netwerk dichtbij staat, en plaats ook die mensen.",
          "Een binnenste cirkel met alleen hulpverleners draagt niet na het einde van de hulp: zoek samen "
          "met het gezin naar familie, vrienden en buren."),
    # --- practice
    Check("actie-voor-zeker-niet", WARNING, "Praktijk",
          "{waarde} staat bij de vraag 'hulp' in de buitenste cirkel (zeker niet), maar neemt deze actie op.",
          "Bespreek of {waarde} deze actie echt wil opnemen, of geef ze aan iemand anders.",
          "De actie gaat naar iemand die in de laatste meting 'hulp' voor het beraad zei zeker niet te willen helpen."),
    Check("overleden-persoon-actief", WARNING, "Praktijk",
          "{waarde} staat als overleden op het blad Personen, maar staat hier als {rol}.",
          "Controleer het ID (een tikfout?) of de kolom 'Overleden' op het blad Personen.",
          "Een overleden persoon is aanwezig op een beraad of neemt een actie op: meestal een verkeerd ID."),
    Check("verwaterd-niet-gecontacteerd", WARNING, "Praktijk",
          "het contact met {waarde} is verwaterd, maar er staat geen datum bij 'Gecontacteerd op'.",
          "Probeer {waarde} opnieuw te bereiken en vul de datum en de reactie in.",
          "Verwaterde contacten zijn kansen: wie ooit betrokken was, kan teruggevonden worden."),
    Check("afgesloten-zonder-eindmeting", WARNING, "Praktijk",
          "het dossier is afgesloten, maar er is geen eindmeting voor de vraag '{vraag}'.",
          "Plaats het netwerk opnieuw in de cirkels met moment 'einde', zodat de eindevaluatie start en einde kan vergelijken.",
          "Een afgesloten dossier (met einddatum) heeft een eindmeting nodig voor de eindevaluatie."),
    Check("afgesloten-zonder-doelresultaat", WARNING, "Praktijk",
          "het dossier is afgesloten, maar bij dit doel zijn 'Bereikt' en 'Score einde' leeg.",
          "Evalueer het doel samen met het netwerk en vul 'Bereikt' en 'Score einde' in.",
          "In een afgesloten dossier is elk doel geëvalueerd."),
    Check("afgesloten-zonder-conclusies", WARNING, "Praktijk",
          "het dossier is afgesloten, maar er staan geen conclusies.",
          "Schrijf kort wat het netwerk na de hulp draagt; het komt in de eindevaluatie.",
          "De conclusies bij afsluiting horen in de eindevaluatie."),
)}

# Required columns whose emptiness has its own, more telling check.
_EMPTY_CODE = {
    ("netwerkberaad", "aanwezigen"): "beraad-zonder-aanwezigen",
    ("acties", "wie"): "actie-zonder-eigenaar",
    ("acties", "tegen"): "actie-zonder-termijn",
}
# Types whose text can fail to parse (a test keeps this complete when a column type is added).
_INVALID_CODE = {
    schema.DATE: "ongeldige-datum",
    schema.YEAR: "geen-jaartal",
    schema.SCORE: "ongeldige-score",
    schema.CIRCLE: "ongeldige-cirkel",
    schema.YESNO: "geen-ja-nee",
}
_RANGE_CODE = {schema.SCORE: "ongeldige-score", schema.CIRCLE: "ongeldige-cirkel", schema.YEAR: "onwaarschijnlijk-geboortejaar"}
_REF_CODE = {schema.PERSON: "onbekende-persoon", schema.PERSONS: "onbekende-persoon",
             schema.MEETING: "onbekend-beraad", schema.GOAL: "onbekend-doel"}


# --- building findings ---------------------------------------------------------------------------


def _show(value: Any, limit: int = 50) -> str:
    """A value as it appears in a message: one line, no control characters, not too long."""
    text = " ".join(values.strip_control(values.clean_text(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Message fields that come from the schema or are made here; every other field shows workbook content.
_OWN_FIELDS = {"kolom", "hulp", "lijst", "rol", "periode", "kent", "min", "max", "eerste", "moment"}


def _finding(code: str, sheet: str, cell: str, label: str = "", **fields: Any) -> Finding:
    c = CATALOGUE[code]
    fields = {k: v if k in _OWN_FIELDS else _show(v) for k, v in fields.items()}
    return Finding(code, c.severity, sheet, cell, c.message.format(**fields).strip(), c.fix.format(**fields).strip(), label)


def _label(rec: Record) -> str:
    """How the row is called in a message: 'actie A3', 'plaatsing P04', 'relatie P01–P02'."""
    if rec.sheet == "dossier":
        return ""
    sheet = schema.TABLE_BY_KEY[rec.sheet]
    if sheet.id_column:
        return f"{sheet.label} {_show(rec.id, 20)}" if rec.id is not None else ""
    if sheet is schema.CIRKELS:
        pid = rec.get("persoon")
        return f"{sheet.label} {_show(pid, 20)}" if pid else ""
    a, b = rec.get("persoon_a"), rec.get("persoon_b")
    return f"{sheet.label} {_show(a, 20)}–{_show(b, 20)}" if a and b else ""


def _at(code: str, rec: Record, key: str, **fields: Any) -> Finding:
    """A finding on the cell of `key` in `rec`."""
    sheet, _, cell = rec.cell(key).partition("!")
    return _finding(code, sheet, cell, _label(rec), **fields)


def _day(value: dt.date | None) -> str:
    return values.clean_text(value)


# --- the case, looked up once ----------------------------------------------------------------------


class _Case:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.today = dt.date.today()
        self.ranges = {schema.SCORE: (0, 10), schema.CIRCLE: (schema.INNER, schema.OUTER),
                       schema.YEAR: (EARLIEST_BIRTH_YEAR, self.today.year)}  # each with its code in _RANGE_CODE
        self.ids = {key: case.by_id(key) for key in set(schema.REF_SHEET.values())}  # sheet key -> ID -> row
        self.persons = self.ids["personen"]
        self.meetings = self.ids["netwerkberaad"]
        self.central = case.dossier.get("centrale_persoon")
        self.start = _date(case.dossier.get("startdatum"))
        self.end = _date(case.dossier.get("einddatum"))

    def has_column(self, sheet_key: str, key: str) -> bool:
        return key not in self.case.missing_columns.get(sheet_key, ())

    def period(self) -> str:
        return f"{_day(self.start)} tot {_day(self.end)}" if self.end else f"vanaf {_day(self.start)}"

    def outside(self, day: dt.date) -> bool:
        if self.start is None or (self.end is not None and self.end < self.start):
            return False  # no sound period to compare with (reported elsewhere)
        return day < self.start or (self.end is not None and day > self.end)


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


# --- generic: required, types, ranges, lists, references, unique IDs --------------------------------


def _fields(c: _Case) -> Iterator[Finding]:
    for f in schema.DOSSIER.fields:
        yield from _value(c, c.case.dossier, f)
    for sheet in schema.TABLES:
        missing = c.case.missing_columns.get(sheet.key, [])
        for key in missing:
            col = sheet.column(key)
            code = "verplichte-kolom-ontbreekt" if col.required else "kolom-ontbreekt"
            yield _finding(code, sheet.name, "", kolom=col.header)
        # This loop runs for every cell of a year's workbooks: optional empty cells and values
        # that surely pass are passed over without a call to _value.
        columns = [(col, col.key, col.required, _passes(c, col)) for col in sheet.columns if col.key not in missing]
        for rec in c.case.tables[sheet.key]:
            vals = rec.values
            for col, key, required, passes in columns:
                value = vals.get(key)
                if value is None:
                    if required:
                        yield from _value(c, rec, col)
                elif not passes(value):
                    yield from _value(c, rec, col)


_FREE = {schema.TEXT, schema.ID}


def _passes(c: _Case, col: schema.Column) -> Callable[[Any], bool]:
    """For a filled cell of `col`: True only when `_value` would find nothing (a property test
    holds it to that); False sends the value to `_value`."""
    t = col.type
    if t in _FREE:
        return lambda v: v.__class__ is str and v != ""
    if t in c.ranges:
        low, high = c.ranges[t]
        return lambda v: v.__class__ is int and low <= v <= high
    if t == schema.DATE:
        last = c.today.year + FUTURE_YEARS
        return lambda v: v.__class__ is dt.date and v >= EARLIEST_DATE and v.year <= last
    if t == schema.CHOICE and col.list:
        allowed = frozenset(c.case.choices(col.list))
        return lambda v: v.__class__ is str and v in allowed
    if t == schema.PERSONS:
        known = c.ids[schema.REF_SHEET[t]]
        return lambda v: v.__class__ is list and v != [] and all(map(known.__contains__, v))
    if t in _REF_CODE:
        ids = c.ids[schema.REF_SHEET[t]]
        return lambda v: v.__class__ is str and v in ids
    if t == schema.YESNO:
        return lambda v: v.__class__ is bool
    if t == schema.INT:
        return lambda v: v.__class__ is int
    return lambda v: False


def _value(c: _Case, rec: Record, col: schema.Column) -> list[Finding]:
    # A list, not a generator, and the message fields built only for a finding: this runs for
    # every cell of every workbook of a year.
    value = rec.values.get(col.key)

    def at(code: str, **extra: Any) -> Finding:
        return _at(code, rec, col.key, **{"kolom": col.header, "waarde": value, "hulp": col.help, **extra})

    if value is None or value == [] or value == "":
        return [at(_EMPTY_CODE.get((rec.sheet, col.key), "verplicht-veld"))] if col.required else []
    if isinstance(value, Invalid):
        if values.is_excel_error(value.raw):
            return [at("excel-foutwaarde")]
        return [at(_INVALID_CODE[col.type])]
    t = col.type
    if t in c.ranges:
        low, high = c.ranges[t]
        if not low <= value <= high:
            return [at(_RANGE_CODE[t], min=low, max=high)]
    elif t == schema.DATE:
        if value < EARLIEST_DATE or value.year > c.today.year + FUTURE_YEARS:
            return [at("onwaarschijnlijke-datum")]
    elif t == schema.CHOICE and col.list:
        allowed = c.case.choices(col.list)
        if value not in allowed:
            return [at("niet-in-lijst", lijst=schema.LIST_BY_KEY[col.list].name)]
    elif t in _REF_CODE:
        known = c.ids[schema.REF_SHEET[t]]
        refs = value if isinstance(value, list) else [value]
        return [at(_REF_CODE[t], waarde=ref) for ref in refs if ref not in known]
    return []


def _unique_ids(c: _Case) -> Iterator[Finding]:
    for sheet in schema.TABLES:
        if not sheet.id_column or not c.has_column(sheet.key, sheet.id_column):
            continue
        first: dict[str, Record] = {}
        for rec in c.case.tables[sheet.key]:
            rid = rec.id
            if rid is None:
                continue
            if rid in first:
                yield _at("dubbel-id", rec, sheet.id_column, waarde=rid, eerste=first[rid].row)
            else:
                first[rid] = rec


# --- references beyond existence ---------------------------------------------------------------------


def _relations(c: _Case) -> Iterator[Finding]:
    first: dict[frozenset[str], Record] = {}
    for rec in c.case.relations:
        a, b = rec.get("persoon_a"), rec.get("persoon_b")
        if not a or not b:
            continue
        if a == b:
            yield _at("relatie-met-zichzelf", rec, "persoon_b", waarde=a)
            continue
        pair = frozenset((a, b))
        if pair in first:
            yield _at("dubbele-relatie", rec, "persoon_a", a=a, b=b, eerste=first[pair].row)
        else:
            first[pair] = rec


def _central_person(c: _Case) -> Iterator[Finding]:
    if c.central not in c.persons or not c.has_column("personen", "relatie"):
        return
    for rec in c.case.persons:
        if rec.id != c.central and rec.get("relatie") == CENTRAL_RELATION:
            yield _at("centrale-persoon-tegenstrijdig", rec, "relatie", waarde=rec.id, centraal=c.central)


# --- dates in order ----------------------------------------------------------------------------------


def _dates(c: _Case) -> Iterator[Finding]:
    if c.start and c.end and c.end < c.start:
        yield _at("einddatum-voor-startdatum", c.case.dossier, "einddatum", waarde=c.end, start=_day(c.start))
    for m in c.case.meetings:
        day, nxt = _date(m.get("datum")), _date(m.get("volgende"))
        if day and c.outside(day):
            yield _at("beraad-buiten-dossier", m, "datum", waarde=day, periode=c.period())
        if day and nxt and nxt < day:
            yield _at("volgend-beraad-voor-beraad", m, "volgende", waarde=nxt, datum=_day(day))
    for a in c.case.actions:
        meeting = c.meetings.get(a.get("beraad"))
        due, held = _date(a.get("tegen")), _date(meeting.get("datum")) if meeting else None
        if due and held and due < held:
            yield _at("termijn-voor-beraad", a, "tegen", waarde=due, beraad=meeting.id, datum=_day(held))
    for p in c.case.placements:
        day = _date(p.get("datum"))
        if day and c.outside(day):
            yield _at("meting-buiten-dossier", p, "datum", waarde=day, periode=c.period())


# --- network circles ---------------------------------------------------------------------------------


def _measurements(c: _Case) -> dict[tuple[Any, Any, Any], list[Record]]:
    """Placements by measurement (date, moment, question), in sheet order."""
    out: dict[tuple[Any, Any, Any], list[Record]] = defaultdict(list)
    for p in c.case.placements:
        out[(_date(p.get("datum")), p.get("moment"), p.get("vraag"))].append(p)
    return out


def _circles(c: _Case) -> Iterator[Finding]:
    measurements = _measurements(c)
    for (day, moment, vraag), rows in measurements.items():
        name = ", ".join(_show(x) for x in (vraag, moment, day) if x)
        first: dict[str, Record] = {}
        inner: list[Record] = []
        for p in rows:
            pid = p.get("persoon")
            if pid is None:
                continue
            if pid == c.central:
                yield _at("centrale-persoon-geplaatst", p, "persoon", waarde=pid)
                continue
            if pid in first:
                yield _at("dubbel-geplaatst", p, "persoon", waarde=pid, meting=name, eerste=first[pid].row)
                continue
            first[pid] = p
            if p.get("cirkel") == schema.INNER and pid in c.persons:
                inner.append(p)
        if inner and day and moment and vraag and not any(is_informal(c.persons[p.get("persoon")]) for p in inner):
            yield _at("binnenste-cirkel-enkel-professionelen", inner[0], "cirkel", meting=name)
    # Start and end measurements per question: only the date the figures use counts.
    dates: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for (day, moment, vraag) in measurements:
        if day and moment in (START, END) and vraag:
            dates[(moment, vraag)].append(day)
    used = {key: counted_day(key[0], days) for key, days in dates.items()}
    for (moment, vraag), days in dates.items():
        for day in days:
            if day != used[(moment, vraag)]:
                yield _at("meting-op-meerdere-datums", measurements[(day, moment, vraag)][0], "datum",
                          waarde=day, moment="start" if moment == START else "eind", vraag=vraag,
                          gebruikt=_day(used[(moment, vraag)]))
    for (moment, vraag), end in used.items():
        start = used.get((START, vraag))
        if moment == END and start and end < start:
            yield _at("eindmeting-voor-startmeting", measurements[(end, END, vraag)][0], "datum",
                      waarde=end, vraag=vraag, start=_day(start))


# --- practice ----------------------------------------------------------------------------------------


def _practice(c: _Case) -> Iterator[Finding]:
    # Each person's "hulp" placements by date, to see what they said before an action's meeting.
    # Rows without a readable circle say nothing (they are reported as such) and would not sort.
    help_answers: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for p in c.case.placements:
        day, circle = _date(p.get("datum")), p.get("cirkel")
        if p.get("vraag") == HELP_QUESTION and day and circle is not None and p.get("persoon"):
            help_answers[p.get("persoon")].append((day, circle))
    for a in c.case.actions:
        pid = a.get("wie")
        if pid is None:
            continue
        meeting = c.meetings.get(a.get("beraad"))
        held = _date(meeting.get("datum")) if meeting else None
        said = sorted(x for x in help_answers.get(pid, []) if held is None or x[0] <= held)
        if said and said[-1][1] == schema.OUTER:
            yield _at("actie-voor-zeker-niet", a, "wie", waarde=pid)
        if c.persons.get(pid) and c.persons[pid].get("overleden"):
            yield _at("overleden-persoon-actief", a, "wie", waarde=pid, rol="degene die de actie opneemt")
    for m in c.case.meetings:
        for pid in m.get("aanwezigen") or []:
            if c.persons.get(pid) and c.persons[pid].get("overleden"):
                yield _at("overleden-persoon-actief", m, "aanwezigen", waarde=pid, rol="aanwezige")
    if c.has_column("personen", "gecontacteerd_op"):
        for rec in c.case.persons:
            if rec.get("verwaterd") is True and rec.values.get("gecontacteerd_op") is None:
                yield _at("verwaterd-niet-gecontacteerd", rec, "gecontacteerd_op", waarde=rec.id)
    if c.end is None:
        return
    started = {p.get("vraag") for p in c.case.placements if p.get("moment") == START} - {None}
    ended = {p.get("vraag") for p in c.case.placements if p.get("moment") == END} - {None}
    questions = c.case.choices("vraag")
    for vraag in [q for q in questions if q in started - ended] or ([] if ended else [DEFAULT_QUESTION]):
        yield _finding("afgesloten-zonder-eindmeting", schema.CIRKELS.name, "", vraag=vraag)
    if c.has_column("doelen", "bereikt"):
        for goal in c.case.goals:
            if goal.values.get("bereikt") is None and goal.values.get("score_einde") is None:
                yield _at("afgesloten-zonder-doelresultaat", goal, "bereikt")
    if c.case.dossier.values.get("conclusies") is None:
        yield _at("afgesloten-zonder-conclusies", c.case.dossier, "conclusies")


def _workbook(c: _Case) -> Iterator[Finding]:
    if c.case.template_version > schema.TEMPLATE_VERSION:
        yield _finding("nieuwere-sjabloonversie", schema.DOSSIER.name, "", waarde=c.case.template_version,
                       kent=schema.TEMPLATE_VERSION)


_RULES = (_workbook, _fields, _unique_ids, _relations, _central_person, _dates, _circles, _practice)


def check(case: Case) -> list[Finding]:
    """Every finding for a case, sorted by sheet (workbook order), errors first, then by cell."""
    c = _Case(case)
    return sorted((f for rule in _RULES for f in rule(c)), key=sort_key)


# --- the catalogue as documentation ------------------------------------------------------------------


_DOC_INTRO = """\
# Controles van de Netwerkkaart

Dit overzicht wordt gemaakt uit `werkboek/checks.py` (`python scripts/gen_docs.py` of
`python -m werkboek.checks > docs/controles.md`); pas het niet met de hand aan.

Elke melding noemt het blad, de cel en de rij (bv. `Acties!F7 (actie A3)`), zegt wat er mis is en
hoe je het oplost. Een **fout** houdt een verslag tegen; een **waarschuwing** niet: die wijst op
iets dat in de praktijk vaak misloopt. De code van een controle verandert niet, zodat je ze kunt
opzoeken en scripts erop kunnen steunen.

Controleren kan met de knop **Controleer** in de werkmap (de meldingen komen op het blad Controle,
met een link naar elke cel) of met `werkboek controleer PAD...` op de opdrachtregel (`--json` voor
een vaste, machineleesbare vorm). Exitcodes: 0 geen fouten (waarschuwingen mogen), 1 fouten
gevonden, 2 een bestand kon niet gelezen worden. Bij meerdere bestanden geldt de ergste.
"""

_DOC_JSON = """\
## JSON-uitvoer

`werkboek controleer --json PAD...` geeft een lijst met één object per bestand, in de volgorde van
de opdracht. Deze vorm blijft stabiel:

```json
[
  {"pad": "Gezin-Peeters.xlsm", "status": "fouten", "fouten": 1, "waarschuwingen": 0,
   "meldingen": [{"code": "ongeldige-datum", "ernst": "fout", "blad": "Acties", "cel": "F7",
                  "melding": "'31/02/2025' is geen geldige datum.",
                  "oplossing": "Typ een bestaande datum als dd/mm/jjjj, bv. 22/11/2026.",
                  "label": "actie A3"}]},
  {"pad": "kapot.xlsm", "status": "onleesbaar",
   "probleem": "de werkmap is beschadigd of onvolledig (...).",
   "oplossing": "Neem een vorige versie of een back-up van het bestand."}
]
```

- `status`: `in-orde` (geen fouten; waarschuwingen kunnen er zijn), `fouten` of `onleesbaar`.
- `cel` is leeg bij een melding over een heel blad (bv. een ontbrekende kolom).
- `label` noemt de rij (`actie A3`, `plaatsing P04`), of is leeg.
- `melding` en `oplossing` kunnen waarden uit de werkmap bevatten (ook namen): deel ze niet buiten
  het team. `code`, `ernst`, `blad` en `cel` bevatten nooit gegevens uit de werkmap.
"""


def catalogue_markdown() -> str:
    """docs/controles.md: every check, by group, with its code, severity, message and fix."""
    errors = sum(c.severity == ERROR for c in CATALOGUE.values())
    lines = [_DOC_INTRO, f"{len(CATALOGUE)} controles: {errors} fouten, {len(CATALOGUE) - errors} waarschuwingen."]
    for group in dict.fromkeys(c.group for c in CATALOGUE.values()):
        lines += ["", f"## {group}", "", "| Code | Ernst | Melding | Oplossing | Uitleg |", "|---|---|---|---|---|"]
        for c in CATALOGUE.values():
            if c.group == group:
                lines.append(f"| `{c.code}` | {c.severity} | {_doc(c.message)} | {_doc(c.fix)} | {_doc(c.description)} |")
    lines += ["", _DOC_JSON]
    return "\n".join(lines)


def _doc(text: str) -> str:
    """A template for a Markdown table cell: placeholders in italics, pipes escaped."""
    return re.sub(r"\{(\w+)\}", r"*\1*", text).replace("|", "\\|")


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
