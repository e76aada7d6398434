"""Hypothesis strategies for valid cases (used by round-trip and property tests), and `examples`.

How many examples a property test tries is the loaded profile's business (tests/conftest.py: a
quick `dev` by default, `ci` with the full numbers under CI). A test that needs more or fewer
than the profile's default names its number under `ci` through `examples`.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import settings
from hypothesis import strategies as st

from werkboek.workbook import schema
from werkboek.workbook.model import Case, Record
from werkboek.workbook.values import clean_id, is_excel_error

# Text as workers type it: diacritics, apostrophes, &, <, leading =, emoji, Alt+Enter breaks.
_ALPHABET = (st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\u00a0\u2007\u202f")
             | st.sampled_from("\n&<>'\"=+-@é ëïçñøÅŞ"))
SPECIAL = st.sampled_from(["=1+1", "+32 470", "-", "@home", "D'Hondt & Zoë <3", "Ayşe Öztürk", "a\nb", "1",
                           "01/02/2024", "#N/A tekst"])
# Text that is exactly an Excel error literal is an error value in Excel too (tested in test_checks_props).
text = ((st.text(_ALPHABET, min_size=1, max_size=40) | SPECIAL).map(str.strip).filter(bool)
        .filter(lambda s: not is_excel_error(s)))
dates = st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31))


def examples(under_ci: int) -> int:
    """A test's max_examples: `under_ci` with the ci profile, scaled like the loaded profile's
    default (the dev profile tries a tenth). Read when the test module is imported, after
    conftest has loaded the profile."""
    ci = settings.get_profile("ci").max_examples
    return max(1, round(under_ci * settings.default.max_examples / ci))


def value_for(col: schema.Column, person_ids: list[str], meeting_ids: list[str], goal_ids: list[str],
              safety_ids: list[str] = ()):
    t = col.type
    if t in (schema.TEXT,):
        return text
    if t == schema.DATE:
        return dates
    if t == schema.YEAR:
        return st.integers(1900, 2100)
    if t == schema.SCORE:
        return st.integers(0, 10)
    if t == schema.CIRCLE:
        return st.integers(1, 3)
    if t == schema.INT:
        return st.integers(-1000, 1000)
    if t == schema.YESNO:
        return st.booleans()
    if t == schema.CHOICE:
        return st.sampled_from(schema.LIST_BY_KEY[col.list].values)
    if t == schema.PERSON:
        return st.sampled_from(person_ids) if person_ids else st.just("P99")
    if t == schema.PERSONS:
        return (st.lists(st.sampled_from(person_ids), min_size=1, max_size=4, unique=True) if person_ids
                else st.just(["P99"]))
    if t == schema.MEETING:
        return st.sampled_from(meeting_ids) if meeting_ids else st.just("B9")
    if t == schema.GOAL:
        return st.sampled_from(goal_ids) if goal_ids else st.just("D9")
    if t == schema.SAFETY_GOAL:
        return st.sampled_from(safety_ids) if safety_ids else st.just("V9")
    raise AssertionError(t)


@st.composite
def record(draw, sheet: str, columns, ids: dict[str, list[str]], own_id: str | None = None) -> Record:
    values = {}
    for col in columns:
        if col.type == schema.ID:
            values[col.key] = own_id
            continue
        strat = value_for(col, ids["personen"], ids["netwerkberaad"], ids["doelen"], ids["veiligheidsdoelen"])
        values[col.key] = draw(strat) if col.required else draw(st.none() | strat)
    return Record(sheet, values)


@st.composite
def cases(draw, max_rows: int = 5) -> Case:
    n = {key: draw(st.integers(0, max_rows)) for key in ("personen", "netwerkberaad", "doelen", "veiligheidsdoelen")}
    ids = {
        "personen": [f"P{i:02d}" for i in range(1, n["personen"] + 1)],
        "netwerkberaad": [f"B{i}" for i in range(1, n["netwerkberaad"] + 1)],
        "doelen": [f"D{i}" for i in range(1, n["doelen"] + 1)],
        "veiligheidsdoelen": [f"V{i}" for i in range(1, n["veiligheidsdoelen"] + 1)],
    }
    case = Case.empty()
    dossier_number = draw(text.map(clean_id).filter(bool))  # IDs lose invisible characters and collapse spaces
    case.dossier = draw(record("dossier", schema.DOSSIER.fields, ids, own_id=dossier_number))
    for sheet in schema.TABLES:
        if sheet.key in ids:
            rows = [draw(record(sheet.key, sheet.columns, ids, own_id=i)) for i in ids[sheet.key]]
        elif sheet.id_prefix:  # acties, veiligheidsplan: IDs in order, nothing refers to them
            rows = [draw(record(sheet.key, sheet.columns, ids, own_id=sheet.make_id(i)))
                    for i in range(1, draw(st.integers(0, max_rows)) + 1)]
        else:
            rows = [draw(record(sheet.key, sheet.columns, ids)) for _ in range(draw(st.integers(0, max_rows)))]
        case.tables[sheet.key] = rows
    return case
