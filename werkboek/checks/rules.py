"""The checks: what workers really get wrong in a Netwerkkaart, each named by sheet, cell and remedy.

Types, lists, required fields and references are checked once, generically over the schema;
dates in order, the network circles and the practice warnings are small functions below. Every
finding's code is an entry of `catalogue.CATALOGUE`. `check` never raises: whatever is in the
cells gives findings or passes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .. import dutch
from ..figures import DEFAULT_QUESTION, END, HELP_QUESTION, START, counted_day, is_informal
from ..workbook import references, schema, values
from ..workbook.model import FAR_CELL, MERGED, NO_MACROS, Case, Invalid, Record
from .catalogue import CATALOGUE, CENTRAL_RELATION, EARLIEST_BIRTH_YEAR, EARLIEST_DATE, FUTURE_YEARS, MEANING_USE
from .findings import Finding, sort_key

# Required columns whose emptiness has its own, more telling check.
_EMPTY_CODE = {
    ("netwerkberaad", "aanwezigen"): "beraad-zonder-aanwezigen",
    ("acties", "wie"): "actie-zonder-eigenaar",
    ("acties", "tegen"): "actie-zonder-termijn",
    ("veiligheidsplan", "wie"): "afspraak-zonder-drager",
}
# Types whose text can fail to parse (a test keeps this complete when a column type is added).
_INVALID_CODE = {
    schema.DATE: "ongeldige-datum",
    schema.YEAR: "geen-jaartal",
    schema.SCORE: "ongeldige-score",
    schema.CIRCLE: "ongeldige-cirkel",
    schema.YESNO: "geen-ja-nee",
    schema.INT: "geen-geheel-getal",
}
_RANGE_CODE = {schema.SCORE: "ongeldige-score", schema.CIRCLE: "ongeldige-cirkel",
               schema.YEAR: "onwaarschijnlijk-geboortejaar"}
_REF_CODE = {schema.PERSON: "onbekende-persoon", schema.PERSONS: "onbekende-persoon",
             schema.MEETING: "onbekend-beraad", schema.GOAL: "onbekend-doel",
             schema.SAFETY_GOAL: "onbekend-veiligheidsdoel"}


# --- building findings ---------------------------------------------------------------------------


def _show(value: Any, limit: int = 50) -> str:
    """A value as it appears in a message: one line, no control characters, not too long."""
    text = " ".join(dutch.strip_control(values.clean_text(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Message fields that come from the schema or are made here; every other field shows workbook content.
_OWN_FIELDS = {"kolom", "hulp", "lijst", "rol", "periode", "kent", "min", "max", "eerste", "moment", "wat", "vrij",
               "inhoud", "waar", "cel", "nederlands", "bereik", "gelezen",  # inhoud, gelezen: _show'd (_content)
               "gebruik", "vervanging", "voorbeeld"}


def _finding(code: str, sheet: str, cell: str, label: str = "", **fields: Any) -> Finding:
    c = CATALOGUE[code]
    fields = {k: v if k in _OWN_FIELDS else _show(v, 160 if k == "kandidaten" else 50) for k, v in fields.items()}
    return Finding(code, c.severity, sheet, cell, c.message.format(**fields).strip(), c.fix.format(**fields).strip(),
                   label)


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
        self._indexes: dict[str, references.Index] | None = None
        self.persons = self.ids["personen"]
        self.meetings = self.ids["netwerkberaad"]
        self.central = case.dossier.get("centrale_persoon")
        self.start = _date(case.dossier.get("startdatum"))
        self.end = _date(case.dossier.get("einddatum"))

    def index(self, sheet_key: str) -> references.Index:
        """What references may call the rows of a table (built only when a reference fails)."""
        if self._indexes is None:
            self._indexes = references.indexes(self.case)
        return self._indexes[sheet_key]

    def who(self, pid: Any) -> str:
        """A person in a message: 'Fatma Yılmaz (P07)', or the reference as it is."""
        person = self.persons.get(pid) if isinstance(pid, str) else None
        return references.label("personen", person) if person is not None else values.clean_text(pid)

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


def _missing_columns(sheet: schema.Sheet, missing: list[str]) -> Iterator[Finding]:
    for key in missing:
        col = sheet.column(key)
        code = "verplichte-kolom-ontbreekt" if col.required else "kolom-ontbreekt"
        yield _finding(code, sheet.name, "", kolom=col.header)


def _fields(c: _Case) -> Iterator[Finding]:
    for f in schema.DOSSIER.fields:
        yield from _value(c, c.case.dossier, f)
    for sheet in schema.TABLES:
        missing = c.case.missing_columns.get(sheet.key, [])
        yield from _missing_columns(sheet, missing)
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


def _every_field(c: _Case) -> Iterator[Finding]:
    """`_fields` without its short cuts: `_value` for every cell of every row, in the same order."""
    for f in schema.DOSSIER.fields:
        yield from _value(c, c.case.dossier, f)
    for sheet in schema.TABLES:
        missing = c.case.missing_columns.get(sheet.key, [])
        yield from _missing_columns(sheet, missing)
        for rec in c.case.tables[sheet.key]:
            for col in sheet.columns:
                if col.key not in missing:
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
        allowed = frozenset(c.case.choices(col.list)) - c.case.retired.get(col.list, {}).keys()
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
            shown = values.DUTCH_EXCEL_ERRORS.get(value.raw.strip())
            return [at("excel-foutwaarde", nederlands=f" (in een Nederlandstalige Excel: {shown})" if shown else "")]
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
        retired = c.case.retired.get(col.list, {})
        if value in retired:
            new = retired[value]
            return [at("vervallen-waarde", lijst=schema.LIST_BY_KEY[col.list].name,
                       vervanging=f"; de nieuwe naam is '{_show(new)}'" if new else "",
                       voorbeeld=f", bv. '{_show(new)}'" if new else "")]
        if value not in allowed:
            return [at("niet-in-lijst", lijst=schema.LIST_BY_KEY[col.list].name)]
    elif t in _REF_CODE:
        target = schema.REF_SHEET[t]
        known = c.ids[target]
        refs = value if isinstance(value, list) else [value]
        return [_unresolved(c, at, t, target, ref) for ref in refs if ref not in known]
    return []


_WHAT = {"personen": "persoon", "netwerkberaad": "beraad", "doelen": "doel", "veiligheidsdoelen": "veiligheidsdoel"}


def _unresolved(c: _Case, at: Callable[..., Finding], type_: str, target: str, ref: Any) -> Finding:
    """A reference that names no row: unknown, or ambiguous (then the rows it could be)."""
    found = c.index(target).match(ref) if isinstance(ref, str) else references.Match(None)
    if found.candidates:
        rows = found.candidates
        names = ", ".join(f"{references.label(target, r)} op rij {r.row}" if r.row else references.label(target, r)
                          for r in rows[:4]) + (" ..." if len(rows) > 4 else "")
        return at("dubbelzinnige-verwijzing", waarde=ref, wat=_WHAT[target], kandidaten=names, voorbeeld=rows[0].id)
    return at(_REF_CODE[type_], waarde=ref)


def _unique_ids(c: _Case) -> Iterator[Finding]:
    for sheet in schema.TABLES:
        if not sheet.id_column or not c.has_column(sheet.key, sheet.id_column):
            continue
        derived = set(c.case.derived_ids.get(sheet.key, ()))
        first: dict[str, Record] = {}
        rows = c.case.tables[sheet.key]
        for rec in rows:
            rid = rec.id
            if rid is None:
                continue
            if rid in derived:
                yield _at("id-ontbreekt", rec, sheet.id_column, waarde=rid)
            k = references.key(rid)  # as Excel compares text: p01 is P01
            if k in first:
                yield _at("dubbel-id", rec, sheet.id_column, waarde=rid, eerste=first[k].row,
                          vrij=_free_id(sheet, rows))
            else:
                first[k] = rec


def _free_id(sheet: schema.Sheet, rows: list[Record]) -> str:
    """The next ID after every numbered one on the sheet ('an ID that does not exist yet')."""
    numbered = re.compile(rf"(?i){re.escape(sheet.id_prefix)}(\d+)$")
    numbers = [int(m.group(1)) for r in rows if r.id and (m := numbered.match(str(r.id)))]
    return sheet.make_id(max(numbers, default=0) + 1) if sheet.id_prefix else "een nieuw ID"


def _same_names(c: _Case) -> Iterator[Finding]:
    if not c.has_column("personen", "voornaam"):
        return
    first: dict[str, Record] = {}
    for rec in c.case.persons:
        name = references.person_name(rec)
        if not name:
            continue
        k = references.key(name)
        if k in first:
            yield _at("dezelfde-naam", rec, "voornaam", waarde=name, eerste=first[k].row or "?")
        else:
            first[k] = rec


# --- references beyond existence ---------------------------------------------------------------------


def _relations(c: _Case) -> Iterator[Finding]:
    first: dict[frozenset[str], Record] = {}
    for rec in c.case.relations:
        a, b = rec.get("persoon_a"), rec.get("persoon_b")
        if not a or not b:
            continue
        if a == b:
            yield _at("relatie-met-zichzelf", rec, "persoon_b", waarde=c.who(a))
            continue
        pair = frozenset((a, b))
        if pair in first:
            yield _at("dubbele-relatie", rec, "persoon_a", a=c.who(a), b=c.who(b), eerste=first[pair].row)
        else:
            first[pair] = rec


def _central_person(c: _Case) -> Iterator[Finding]:
    if c.central not in c.persons or not c.has_column("personen", "relatie"):
        return
    for rec in c.case.persons:
        if rec.id != c.central and c.case.means("relatie", rec.get("relatie")) == CENTRAL_RELATION:
            yield _at("centrale-persoon-tegenstrijdig", rec, "relatie", waarde=c.who(rec.id), centraal=c.who(c.central))


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
        if due and held and due < held and meeting is not None:
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
        means = c.case.means
        out[(_date(p.get("datum")), means("moment", p.get("moment")), means("vraag", p.get("vraag")))].append(p)
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
                yield _at("centrale-persoon-geplaatst", p, "persoon", waarde=c.who(pid))
                continue
            if pid in first:
                yield _at("dubbel-geplaatst", p, "persoon", waarde=c.who(pid), meting=name, eerste=first[pid].row)
                continue
            first[pid] = p
            if p.get("cirkel") == schema.INNER and pid in c.persons:
                inner.append(p)
        if inner and day and moment and vraag \
                and not any(is_informal(c.persons[p.get("persoon")], c.case) for p in inner):
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
        if c.case.means("vraag", p.get("vraag")) == HELP_QUESTION and day and circle is not None and p.get("persoon"):
            help_answers[p.get("persoon")].append((day, circle))
    for a in c.case.actions:
        pid = a.get("wie")
        if pid is None:
            continue
        meeting = c.meetings.get(a.get("beraad"))
        held = _date(meeting.get("datum")) if meeting else None
        said = sorted(x for x in help_answers.get(pid, []) if held is None or x[0] <= held)
        if said and said[-1][1] == schema.OUTER:
            yield _at("actie-voor-zeker-niet", a, "wie", waarde=c.who(pid))
        if c.persons.get(pid) and c.persons[pid].get("overleden"):
            yield _at("overleden-persoon-actief", a, "wie", waarde=c.who(pid), rol="degene die de actie opneemt")
    for m in c.case.meetings:
        for pid in m.get("aanwezigen") or []:
            if c.persons.get(pid) and c.persons[pid].get("overleden"):
                yield _at("overleden-persoon-actief", m, "aanwezigen", waarde=c.who(pid), rol="aanwezige")
    if c.has_column("personen", "gecontacteerd_op"):
        for rec in c.case.persons:
            if rec.get("verwaterd") is True and rec.values.get("gecontacteerd_op") is None:
                yield _at("verwaterd-niet-gecontacteerd", rec, "gecontacteerd_op", waarde=c.who(rec.id))
    if c.end is None:
        return
    means = c.case.means
    started = {means("vraag", p.get("vraag")) for p in c.case.placements if means("moment", p.get("moment")) == START}
    ended = {means("vraag", p.get("vraag")) for p in c.case.placements if means("moment", p.get("moment")) == END}
    started, ended = started - {None}, ended - {None}
    questions = [means("vraag", q) for q in c.case.choices("vraag")]
    for vraag in [q for q in questions if q in started - ended] or ([] if ended else [DEFAULT_QUESTION]):
        yield _finding("afgesloten-zonder-eindmeting", schema.CIRKELS.name, "", vraag=vraag)
    if c.has_column("doelen", "bereikt"):
        for goal in c.case.goals:
            if goal.values.get("bereikt") is None and goal.values.get("score_einde") is None:
                yield _at("afgesloten-zonder-doelresultaat", goal, "bereikt")
    if c.case.dossier.values.get("conclusies") is None:
        yield _at("afgesloten-zonder-conclusies", c.case.dossier, "conclusies")


# --- Signs of Safety ---------------------------------------------------------------------------------

VOICES = ("score", "gezin", "netwerk", "hulpverleners")  # the score columns of Schaalvragen


def _safety(c: _Case) -> Iterator[Finding]:
    case = c.case
    for goal in case.safety_goals:
        if goal.get("doel") and not goal.get("zorg") and c.has_column("veiligheidsdoelen", "zorg"):
            yield _at("veiligheidsdoel-zonder-zorg", goal, "zorg")
    carriers = [pid for rule in case.safety_rules for pid in rule.get("wie") or [] if pid in c.persons]
    if carriers and not any(is_informal(c.persons[pid], case) for pid in carriers):
        first = next(r for r in case.safety_rules if r.get("wie"))
        yield _at("plan-enkel-professionelen", first, "wie")
    for row in case.scales:
        if all(row.values.get(k) is None for k in VOICES):
            yield _at("schaalvraag-zonder-score", row, "score")
    for member in case.safety_network:
        phone, call = member.get("telefoon"), member.values.get("bellen")
        if phone and call is not True and c.has_column("veiligheidsnetwerk", "bellen"):
            yield _at("telefoon-zonder-akkoord", member, "bellen")
        if call is True and not phone and c.has_column("veiligheidsnetwerk", "telefoon"):
            yield _at("bellen-zonder-telefoon", member, "telefoon")
    goals = [g for g in case.safety_goals if g.id is not None and g.get("doel")]
    if not goals:
        return
    scored: dict[Any, set[Any]] = defaultdict(set)
    for row in case.scales:
        if row.get("beraad") and any(row.values.get(k) is not None for k in VOICES):
            scored[row.get("beraad")].add(row.get("doel"))
    for m in case.meetings:
        day = _date(m.get("datum"))
        if m.id is None or day is None:
            continue
        open_goals = {g.id for g in goals if _open_on(g, day)}
        if open_goals and not open_goals & scored.get(m.id, set()):
            yield _at("beraad-zonder-schaalvraag", m, "datum", beraad=m.id)


def _open_on(goal: Record, day: dt.date) -> bool:
    """A safety goal is open from the day it was made (empty: from the start) until it was closed."""
    made, closed = _date(goal.get("opgesteld_op")), _date(goal.get("afgesloten_op"))
    return (made is None or made <= day) and (closed is None or closed > day)


def _workbook(c: _Case) -> Iterator[Finding]:
    if c.case.template_version > schema.TEMPLATE_VERSION:
        yield _finding("nieuwere-sjabloonversie", schema.DOSSIER.name, "", waarde=c.case.template_version,
                       kent=schema.TEMPLATE_VERSION)
    yield from _meanings(c)


def _meanings(c: _Case) -> Iterator[Finding]:
    """A meaning-bearing value missing from its list on Lijsten (renamed or wiped, and no rename
    declared): the figures would silently stop counting it, so say so."""
    case = c.case
    for lst in schema.LISTS:
        where = case.list_cells.get(lst.key)
        if not lst.meanings or where is None:
            continue  # the sheet lacks the list: its defaults are used
        values_ = case.choices(lst.key)
        meant = {case.means(lst.key, v) for v in values_}
        others = [v for v in values_ if case.means(lst.key, v) not in lst.meanings]
        sheet, _, cell = where.partition("!")
        for meaning in lst.meanings:
            if meaning not in meant:
                yield _finding("betekenis-ontbreekt", sheet, cell, lijst=lst.name, waarde=meaning,
                               gebruik=MEANING_USE[lst.key],
                               andere=", ".join(f"'{v}'" for v in others) or "geen")


def _read_notes(c: _Case) -> Iterator[Finding]:
    """What reading the file noticed that the cells do not show."""
    for note in c.case.notes:
        if note.kind == FAR_CELL:
            where = "ver rechts van de tabel" if note.where == "right" else "ver onder de tabel"
            yield _finding("cel-ver-buiten-tabel", note.sheet, note.cell, inhoud=_content(note.value), waar=where,
                           cel=note.cell)
        elif note.kind == NO_MACROS:
            yield _finding("geen-macros", note.sheet, "")
        elif note.kind == MERGED:
            first, _, last = note.where.partition(":")
            shown = _content(note.value) if note.value else "ze als leeg"
            rows = first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            read = f"{shown} in elke rij ervan" if rows else f"{shown} alleen in {first}"
            yield _finding("cellen-samengevoegd", note.sheet, note.cell, bereik=note.where, gelezen=read)


def _content(text: str) -> str:
    """What a cell holds, as a message says it: a lone space is named, since it cannot be seen."""
    if text == " ":
        return "een spatie"
    if not text.strip():
        return "alleen spaties" if text else "een lege waarde"
    return f"'{_show(text)}'"


_RULES = (_workbook, _read_notes, _fields, _unique_ids, _same_names, _relations, _central_person, _dates, _circles,
          _practice, _safety)


def check(case: Case) -> list[Finding]:
    """Every finding for a case, sorted by sheet (workbook order), errors first, then by cell.

    The same finding on the same cell is given once: in the circle grid, a measurement's date or
    moment cell and a person's row are shared by many placements."""
    c = _Case(case)
    return _sorted_once(f for rule in _RULES for f in rule(c))


def _sorted_once(findings: Iterable[Finding]) -> list[Finding]:
    unique = {(f.code, f.sheet, f.cell, f.message): f for f in findings}
    return sorted(unique.values(), key=sort_key)


_SLOW_RULES = tuple(_every_field if rule is _fields else rule for rule in _RULES)


def check_slow(case: Case) -> list[Finding]:
    """`check` without the field loop's short cuts (`_passes`): every cell goes through `_value`.

    The reference `check` is held to: a property test asserts both give the same findings for
    odd and valid cases alike. For tests and benchmarks only; `check` is what werkboek runs.
    """
    c = _Case(case)
    return _sorted_once(f for rule in _SLOW_RULES for f in rule(c))
