"""Which row a reference names: a person, a meeting or a goal, as workers write them.

Workers choose people by name (the dropdowns offer "Fatma Yılmaz (P07)"; in a list of attendees
they type "Fatma, Marc"), and older workbooks hold IDs ("P07", "P07 – Fatma"). A reference is
matched the way Excel matches text: case does not matter, and neither do invisible characters
or odd spaces pasted with it (`values.clean_id`). In order, the first rule that names exactly one
row wins; one that names several makes the reference ambiguous (the checks list the rows):

1. the row's ID ("p07");
2. a dropdown entry: "Naam (ID)" or "ID – naam" whose ID is a row's ID (the ID wins over the
   name, so a renamed person keeps her references);
3. what the row is called: a person's full name (either order) and then her first name alone; a
   meeting's date; a goal's text;
4. the same without accents ("Zoe" for Zoë).

The reader resolves every reference once (`resolve_case`), so the checks, figures and reports see
IDs only; what resolves to nothing stays as typed, for the checks to report.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import dutch
from . import schema, values
from .model import Case, Record

_LABEL_END = re.compile(r"^(.*?)\s*\(([^()]+)\)$")  # "Fatma Yılmaz (P07)"
_LABEL_START = re.compile(r"^(\S+)\s+[–—-]\s*(.*)$")  # "P07 – Fatma", "B1 – 20/03/2025"
_AND = re.compile(r"\s+(?:en|&|\+)\s+", re.IGNORECASE)  # "Jan en Mia" in a list of names
_DASHES = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "`": "'"})
REF_TYPES = frozenset({schema.PERSON, schema.PERSONS, schema.MEETING, schema.GOAL, schema.SAFETY_GOAL})


def key(text: str) -> str:
    """A reference or a name as compared: case, width, dashes, quotes and spacing do not matter."""
    if text.isascii():  # most IDs: only case and spacing to do
        return " ".join(text.split()).replace("`", "'").casefold()
    return unicodedata.normalize("NFKC", values.clean_id(text)).translate(_DASHES).casefold()


def plain(text: str) -> str:
    """`key` without accents: 'Zoë' and 'zoe' are the same."""
    return "".join(ch for ch in unicodedata.normalize("NFD", key(text)) if not unicodedata.combining(ch))


def _date_key(text: str) -> str | None:
    parsed = values.parse(text, schema.DATE)
    return dutch.short_date(parsed) if isinstance(parsed, dt.date) else None


def cell_text(value: object) -> str:
    """A value as text ('' for none or an unreadable cell)."""
    return values.clean_text(value) if value is not None and not isinstance(value, values.Invalid) else ""


def person_name(rec: Record) -> str:
    return " ".join(p for p in (cell_text(rec.get("voornaam")), cell_text(rec.get("achternaam"))) if p)


def _person_names(rec: Record) -> list[list[str]]:
    first, last = cell_text(rec.get("voornaam")), cell_text(rec.get("achternaam"))
    full = [f"{first} {last}", f"{last} {first}"] if first and last else [first or last] if first or last else []
    return [full, [first] if first and last else []]


def _meeting_names(rec: Record) -> list[list[str]]:
    day = rec.get("datum")
    return [[dutch.short_date(day)] if isinstance(day, dt.date) else []]


def _goal_names(rec: Record) -> list[list[str]]:
    text = cell_text(rec.get("doel"))
    return [[text] if text else [], [text[:40]] if len(text) > 40 else []]


_NAMES: dict[str, Callable[[Record], list[list[str]]]] = {
    "personen": _person_names, "netwerkberaad": _meeting_names, "doelen": _goal_names,
    "veiligheidsdoelen": _goal_names,
}


@dataclass(frozen=True)
class Match:
    id: str | None  # the row's ID, or None
    candidates: tuple[Record, ...] = ()  # when the reference fits several rows: those rows


class Index:
    """The rows of one table (persons, meetings or goals) and what they may be called."""

    def __init__(self, sheet_key: str, rows: Iterable[Record]) -> None:
        self.sheet_key = sheet_key
        self.ids: dict[str, Record] = {}
        self._rows = [rec for rec in rows if rec.id is not None]
        for rec in self._rows:
            self.ids.setdefault(key(str(rec.id)), rec)
        # References that are exactly an ID (version 1's, and most of a year's): no work at all.
        self.exact = {str(rec.id) for rec in self.ids.values()}
        self._tiers: list[dict[str, list[Record]]] | None = None
        self._seen: dict[str, Match] = {}

    @property
    def tiers(self) -> list[dict[str, list[Record]]]:
        """Per rule 3 and 4: name key -> rows (a list: two persons may share a name). Made when a
        reference is no ID or entry: a year's workbooks mostly hold entries."""
        if self._tiers is None:
            names = _NAMES.get(self.sheet_key, lambda rec: [])
            own = [(rec, names(rec)) for rec in self._rows]
            depth = max((len(n) for _, n in own), default=0)
            self._tiers = []
            for fold in (key, plain):
                for tier in range(depth):
                    table: dict[str, list[Record]] = {}
                    for rec, n in own:
                        for k in dict.fromkeys(fold(name) for name in (n[tier] if tier < len(n) else ()) if name):
                            table.setdefault(k, []).append(rec)
                    self._tiers.append(table)
        return self._tiers

    def match(self, text: str) -> Match:
        if text not in self._seen:
            self._seen[text] = self._match(text)
        return self._seen[text]

    def _match(self, text: str) -> Match:
        k = key(text)
        if not k:
            return Match(None)
        rec = self.ids.get(k)
        if rec is not None:
            return Match(str(rec.id))
        for pattern, id_group in ((_LABEL_END, 2), (_LABEL_START, 1)):
            m = pattern.match(k)
            if m and (rec := self.ids.get(m.group(id_group).strip())) is not None:
                return Match(str(rec.id))
        queries = [k]
        if self.sheet_key == "netwerkberaad" and (day := _date_key(text)) is not None:
            queries.append(key(day))
        for i, table in enumerate(self.tiers):
            fold = plain if i >= len(self.tiers) // 2 else key
            found: list[Record] = []
            for q in queries:
                for rec in table.get(fold(q), ()):
                    if rec not in found:
                        found.append(rec)
            if len(found) == 1:
                return Match(str(found[0].id))
            if found:
                return Match(None, tuple(found))
        return Match(None)

    def resolve(self, text: str) -> str | None:
        return self.match(text).id


def indexes(case: Case) -> dict[str, Index]:
    """An index per table that references name (sheet key -> Index)."""
    return {k: Index(k, case.tables[k]) for k in set(schema.REF_SHEET.values())}


def _one(index: Index, value: object) -> object:
    if value.__class__ is not str:
        return value  # None, or an Invalid (an Excel error in the cell)
    if value in index.exact:
        return value
    if value in schema.PICKER_HINTS:
        return None  # the empty dropdown's "fill in ... first" entry: nothing chosen
    found = index.resolve(value)
    return found if found is not None else value


def _many(index: Index, value: object) -> object:
    if not isinstance(value, list):
        return value
    exact = index.exact
    if all(v in exact for v in value):
        return list(dict.fromkeys(value))
    out: list[str] = []
    for part in value:
        found = index.resolve(part)
        if found is None and _AND.search(part):  # "Jan en Mia": two names, unless it is one
            pieces = [p for p in _AND.split(part) if p.strip()]
            ids = [index.resolve(p) for p in pieces]
            out += [i if i is not None else p for i, p in zip(ids, pieces, strict=True)]
        else:
            out.append(found if found is not None else part)
    return list(dict.fromkeys(out))


def resolve_case(case: Case) -> None:
    """Replace every reference in `case` by the ID of the row it names, where it names one."""
    idx = indexes(case)
    columns = [(schema.DOSSIER.fields, [case.dossier])]
    columns += [(sheet.columns, case.tables[sheet.key]) for sheet in schema.TABLES]
    for cols, records in columns:
        refs = [(c.key, idx[schema.REF_SHEET[c.type]], _many if c.type == schema.PERSONS else _one)
                for c in cols if c.type in REF_TYPES]
        if not refs:
            continue
        for rec in records:
            vals = rec.values
            for k, index, fix in refs:
                value = vals.get(k)
                if value is not None:
                    vals[k] = fix(index, value)


# --- writing references (the builder) ----------------------------------------------------------


def label(sheet_key: str, rec: Record) -> str:
    """A row as its dropdown entry shows it: 'Fatma Yılmaz (P07)', 'B1 – 20/03/2025', 'D1 – Zoë is veilig'."""
    rid = "" if rec.id is None else str(rec.id)
    if sheet_key == "personen":
        name = person_name(rec)
        return f"{name} ({rid})" if name and rid else name or rid
    if sheet_key == "netwerkberaad":
        day = rec.get("datum")
        return f"{rid} – {dutch.short_date(day)}" if isinstance(day, dt.date) and rid else rid
    text = cell_text(rec.get("doel"))[:40]
    return f"{rid} – {text}" if text and rid else rid


def spelling(index: Index, rid: str, short: bool) -> str:
    """How to write a reference to `rid` so that it reads back as `rid`: in a list of names
    (`short`) the shortest of first name, full name, entry and ID; else the dropdown entry."""
    rec = index.ids.get(key(rid))
    if rec is None or str(rec.id) != rid:
        return rid
    forms = [label(index.sheet_key, rec)]
    if short and index.sheet_key == "personen":
        first = cell_text(rec.get("voornaam"))
        forms = [first, person_name(rec), *forms]
    for form in forms:
        # A list splits at commas (and tries 'en' only when the whole does not resolve).
        if form and not values.is_excel_error(form) and not re.search(r"[,;\n]", form) \
                and form not in schema.PICKER_HINTS and index.resolve(values.clean_id(form)) == rid:
            return form
    return rid
