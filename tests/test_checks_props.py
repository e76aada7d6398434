"""Arbitrary cell values anywhere give findings or pass, never an exception (hypothesis).

Three levels: raw values as calamine hands them over, put into any cell of a real workbook's
grids (headers, lists and the version marker included); random valid cases; and a few
examples written into a real workbook with the builder and read back from the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import base_case
from tests.strategies import cases, examples
from werkboek.checks import CATALOGUE, check
from werkboek.checks.findings import Finding
from werkboek.checks.rules import check_slow
from werkboek.workbook import schema, values
from werkboek.workbook.builder import build
from werkboek.workbook.model import Invalid
from werkboek.workbook.reader import parse_grids, read_case
from werkboek.workbook.source import read_grids

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

EXCEL_ERRORS = st.sampled_from([*sorted(values.EXCEL_ERRORS), " #N/A "])
FORMULAS = st.sampled_from(["=1+1", "=SUM(A1:A3)", "=HYPERLINK(\"http://x\")", "+32 470 12 34 56", "@home", "-"])
ODD_TEXT = st.sampled_from([
    "P01 – Jan Peeters", "P01, P02;P03\nP04", "31/02/2025", "2025-13-01", "3/4/25", "ja ", "NEE", "waar", "1.0",
    "7,5", "  ", "\x0b", "x" * 40_000, "🙂" * 300, "\u202e\u200b", "a\x00b\x1fc", "{waarde} {0} %s", "'; DROP TABLE",
])
RAW = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.text(st.characters(codec="utf-8"), max_size=30),  # control characters, surrogates excluded
    ODD_TEXT, EXCEL_ERRORS, FORMULAS,
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)),
    st.times(),
    st.timedeltas(),
)


def _sound(findings: list[Finding], in_memory: bool = False) -> None:
    """Known codes, real sheets and cells (rows are unknown, "?", for cases made in code), clean text."""
    sheets = {*schema.SHEET_ORDER}
    cell = r"([A-Z]{1,3}(\d+|\?))?" if in_memory else r"([A-Z]{1,3}\d+)?"
    for f in findings:
        assert f.code in CATALOGUE and f.severity == CATALOGUE[f.code].severity
        assert f.sheet in sheets and re.fullmatch(cell, f.cell), f
        for text in (f.message, f.fix, f.label):
            assert not _CONTROL.search(text) and len(text) < 500, f


@pytest.fixture(scope="module")
def grids(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[object]]]:
    return read_grids(build(tmp_path_factory.mktemp("props") / "dossier.xlsm", base_case()))


@st.composite
def edits(draw, grids: dict[str, list[list[object]]]) -> list[tuple[str, int, int, object]]:
    """1 to 4 cells anywhere in the grids (also just outside them), each set to an arbitrary value."""
    out = []
    for _ in range(draw(st.integers(1, 4))):
        sheet = draw(st.sampled_from(sorted(grids)))
        grid = grids[sheet]
        r = draw(st.integers(0, len(grid)))
        c = draw(st.integers(0, (len(grid[0]) if grid else 1) + 1))
        out.append((sheet, r, c, draw(RAW)))
    return out


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_in_any_cell_gives_findings_or_passes(grids, data) -> None:
    changed = copy.deepcopy(grids)
    for sheet, r, c, value in data.draw(edits(grids)):
        grid = changed[sheet]
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        row.extend([None] * (c + 1 - len(row)))
        row[c] = value
    _sound(check(parse_grids(changed)))


@settings(deadline=None)
@given(data=st.data())
def test_any_value_parsed_into_any_field(data) -> None:
    """values.parse of an arbitrary value, for any column of any row of the case."""
    from werkboek.workbook import values

    case = base_case()
    records = [case.dossier, *(r for rows in case.tables.values() for r in rows)]
    for _ in range(data.draw(st.integers(1, 5))):
        rec = data.draw(st.sampled_from(records))
        columns = schema.DOSSIER.fields if rec.sheet == "dossier" else schema.TABLE_BY_KEY[rec.sheet].columns
        col = data.draw(st.sampled_from(columns))
        rec.values[col.key] = values.parse(data.draw(RAW), col.type, case.lists.get(col.list) if col.list else None)
    _sound(check(case), in_memory=True)


USED_TYPES = sorted({c.type for s in schema.TABLES for c in s.columns} | {f.type for f in schema.DOSSIER.fields})
TYPED_LISTS = st.sampled_from([None, *(lst.values for lst in schema.LISTS), ("Ja", "ja ", "Team  Noord")])
SPACED = st.builds(lambda pad, text, end: pad + text + end, st.sampled_from(["", " ", "\t", "\r\n"]),
                   ODD_TEXT | st.sampled_from([v for lst in schema.LISTS for v in lst.values]),
                   st.sampled_from(["", "  ", "\n", "\r"]))


@settings(max_examples=examples(1500), deadline=None)
@given(raw=RAW | SPACED, type_=st.sampled_from(USED_TYPES), allowed=TYPED_LISTS)
def test_the_column_parser_answers_as_parse(raw, type_: str, allowed) -> None:
    """The reader's per-column short cuts (values.parser) change nothing: same value, same type."""
    fast, slow = values.parser(type_, allowed)(raw), values.parse(raw, type_, allowed)
    assert (fast.__class__, fast) == (slow.__class__, slow)


@settings(deadline=None)
@given(data=st.data(), case=cases(max_rows=4))
def test_field_checks_skip_only_what_passes(data, case) -> None:
    """The field loop's short cuts lose no finding, for odd and valid values alike: `check` gives
    what `check_slow` gives, which sends every cell through the full field check."""
    records = [case.dossier, *(r for rows in case.tables.values() for r in rows)]
    for _ in range(data.draw(st.integers(0, 6)) if records else 0):
        rec = data.draw(st.sampled_from(records))
        columns = schema.DOSSIER.fields if rec.sheet == "dossier" else schema.TABLE_BY_KEY[rec.sheet].columns
        col = data.draw(st.sampled_from(columns))
        rec.values[col.key] = values.parse(data.draw(RAW | SPACED), col.type,
                                           case.lists.get(col.list) if col.list else None)
    assert check(case) == check_slow(case)


@settings(max_examples=examples(150), deadline=None)
@given(case=cases(max_rows=6))
def test_random_valid_cases_check_without_exception(case) -> None:
    _sound(check(case), in_memory=True)


@settings(max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(ODD_TEXT, EXCEL_ERRORS, FORMULAS, st.text(min_size=1, max_size=200)), data=st.data())
def test_odd_values_through_a_real_workbook(tmp_path: Path, raw: str, data) -> None:
    """Written by the builder as raw text into a typed column, read back from the file, checked."""
    case = base_case()
    sheet = data.draw(st.sampled_from([s for s in schema.TABLES if case.tables[s.key]]))
    col = data.draw(st.sampled_from(sheet.columns))
    case.tables[sheet.key][0].values[col.key] = Invalid(raw, col.type)
    back = read_case(build(tmp_path / "dossier.xlsm", case))
    findings = check(back)
    _sound(findings)
    cell = f"{sheet.name}!{sheet.letter(col.key)}2"
    if back.tables[sheet.key] and isinstance(back.tables[sheet.key][0].values.get(col.key), Invalid):
        assert any(f.ref == cell for f in findings)  # an unreadable value is always reported at its cell
