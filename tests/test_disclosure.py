"""The disclosure audit (issue 16): hidden small counts must stay hidden.

The leaking examples of the issue come out of `jaarcijfers.compute` as it is today; the audit
must refuse them and `protect` must repair them. A property test checks `protect` on random
yearly sets against an LP written here from scratch over every cell (no shortcuts)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

from werkboek.yearly import disclosure as d
from werkboek.yearly.disclosure import (
    ALL,
    BLANKED,
    KNOWN,
    OVERVIEW,
    Cell,
    Model,
    Ref,
    Row,
    Rules,
    audit,
    protect,
    row_from_cells,
    yearly_model,
)
from werkboek.yearly.harvest import Used
from werkboek.yearly.measures import MEAN, MEASURE_BY_KEY, RATIO, WEIGHTED
from werkboek.yearly.merge import compute
from werkboek.yearly.suppression import MIN_CASES, SECONDARY, SHOWN, SMALL
from werkboek.yearly.workbook import PER_CASE_COLUMNS

YEAR = 2025


def used(i: int, team: str, closed: bool, **summary: int) -> Used:
    attrs = {"team": team, "hulpvorm": "Thuis", "methode": "Netwerkberaad", "soort_centraal": "Jongere",
             "startdatum": dt.date(YEAR, 2, 1), "einddatum": dt.date(YEAR, 11, 1) if closed else None}
    return Used(f"w{i}.xlsm", 0.0, f"p{i:04d}", attrs, 1, {"meetings": 0, "actions": 0, **summary}, 0, 0)


def teams(spec: dict[str, tuple[int, int]]) -> list[Used]:
    """Cases per team: name -> (cases, of which closed in the year)."""
    out = []
    for team, (n, closed) in spec.items():
        out += [used(len(out), team, k < closed) for k in range(n)]
    return out


def published(cases: list[Used], rules: Rules = d.WERKBOEK) -> Model:
    """The model of what jaarcijfers publishes today, its own secondary cells included."""
    y = compute(cases, [], year=YEAR, threshold=5, key_from_file=False, files=len(cases), others=0)
    return yearly_model(row_from_cells("", y.overview),
                        {b.dimension.sheet: [row_from_cells(label, cells) for label, cells in b.rows] for b in y.breakdowns},
                        threshold=y.threshold, rules=rules)


def team(row: str, key: str) -> Ref:
    return Ref("Per team", row, key)


def spans(leaks: list[d.Leak]) -> dict[Ref, tuple[int, int]]:
    return {leak.cell: (leak.low, leak.high) for leak in leaks}


def assert_protected(before: Model) -> Model:
    after = protect(before.unprotected())
    assert audit(after) == []
    assert_safe(after)
    for ref, cell in after.cells.items():
        if cell.status == SECONDARY:
            assert cell.value > 0, f"{ref}: a hidden zero protects nothing"
    return after


# --- the examples of issue 16, as werkboek writes them today ------------------------------------

def test_two_small_cells_that_the_total_gives_away() -> None:
    model = published(teams({"A": (20, 0), "B": (15, 0), "C": (4, 0), "D": (4, 0)}))
    assert model.cells[team("C", "cases")].status == model.cells[team("D", "cases")].status == SMALL
    assert spans(audit(model)) == {team("C", "cases"): (4, 4), team("D", "cases"): (4, 4)}  # 43 - 20 - 15 = 8
    assert "precies 4" in str(audit(model)[0])
    after = assert_protected(model)
    assert after.cells[team("B", "cases")].status == SECONDARY  # the smaller shown cell of the column
    assert d.ranges(after) == {team("B", "cases"): (15.0, 21.0), team("C", "cases"): (1.0, 4.0), team("D", "cases"): (1.0, 4.0)}


def test_a_hidden_zero_is_no_protection() -> None:
    model = published(teams({"A": (20, 12), "B": (6, 0), "C": (8, 3)}))
    assert model.cells[team("B", "closed")] == Cell(0, SECONDARY)  # today's protect_column hides the zero
    assert spans(audit(model)) == {team("C", "closed"): (3, 3)}  # 15 - 12 - 0
    after = assert_protected(model)
    assert after.cells[team("B", "closed")].status == SHOWN
    assert after.cells[team("A", "closed")].status == SECONDARY


def test_closed_cases_give_away_a_hidden_dossiers_cell() -> None:
    model = published(teams({"A": (30, 5), "B": (4, 4), "C": (9, 4), "D": (12, 4), "E": (7, 4)}))
    assert model.cells[team("E", "cases")].status == SECONDARY  # today's secondary for B's <5 cases
    assert spans(audit(model)) == {
        team("B", "cases"): (4, 4),  # closed <= cases, and B's closed is 4
        **{team(t, "closed"): (4, 4) for t in "BCDE"},  # 21 - 5 = 16 = 4 x 4
    }
    after = assert_protected(model)
    assert after.cells[team("A", "closed")].status == SECONDARY


def test_without_the_row_relation_the_dossiers_cell_would_pass() -> None:
    model = published(teams({"A": (30, 5), "B": (4, 4), "C": (9, 4), "D": (12, 4), "E": (7, 4)}), Rules(subsets=()))
    assert team("B", "cases") not in spans(audit(model))


# --- what else links the figures -----------------------------------------------------------------

def test_one_total_links_every_breakdown() -> None:
    overview = Row("", {"closed": 9}, secondary={"closed"})
    per_team = [Row("A", {"closed": 5}), Row("B", {"closed": 4})]
    alone = yearly_model(overview, {"Per team": per_team})
    assert audit(alone) == []  # 5 + B = a total of at least 5: B can be 1..4
    linked = yearly_model(overview, {"Per team": per_team, "Per hulpvorm": [Row("Thuis", {"closed": 9})]})
    assert spans(audit(linked)) == {team("B", "closed"): (4, 4)}  # the other breakdown shows the total
    assert_protected(linked)


def test_a_shown_share_says_its_group_has_ten_cases() -> None:
    def model(share: bool) -> Model:
        rows = [Row("A", {"cases": 20}), Row("B", {"cases": 3}), Row("C", {"cases": 10}, {"end_size_mean": 6.1} if share else {})]
        return yearly_model(Row("", {"cases": 33}), {"Per team": rows}).hide([team("C", "cases")])

    assert audit(model(share=False)) == []  # B + C = 13 with C >= 5
    assert spans(audit(model(share=True))) == {team("B", "cases"): (1, 3)}  # C >= 10: B <= 3
    assert_protected(model(share=True))


def test_a_shown_mean_of_two_published_counts() -> None:
    overview = Row("", {"cases": 10, "meetings": 3}, {"meetings_mean": 0.3})
    plain = Rules(known_totals=())  # as if no Per dossier sheet gave the totals
    model = yearly_model(overview, {}, rules=plain)
    assert spans(audit(model)) == {Ref(OVERVIEW, ALL, "meetings"): (3, 3)}  # 0.25 * 10 <= meetings <= 0.35 * 10
    after = assert_protected(model)
    assert after.hidden == [Ref(OVERVIEW, ALL, "meetings_mean")]  # the mean goes, not a count
    few = yearly_model(Row("", {"cases": 9, "meetings": 3}, few={"meetings_mean"}), {}, rules=plain)
    assert audit(few) == []  # n<10 says only that cases <= 9


def test_the_per_case_sheet_makes_totals_known() -> None:
    overview = Row("", {"cases": 43, "meetings": 3, "closed": 3})
    model = yearly_model(overview, {})
    assert model.cells[Ref(OVERVIEW, ALL, "meetings")].status == KNOWN  # one row per case: the sum is public
    assert model.cells[Ref(OVERVIEW, ALL, "closed")].status == SMALL  # no per-case column gives it exactly


def test_a_small_total_over_small_cells_hides_the_column_whole() -> None:
    rows = [Row("A", {"cases": 20, "closed": 2}), Row("B", {"cases": 9, "closed": 2}), Row("C", {"cases": 6, "closed": 0})]
    model = yearly_model(Row("", {"cases": 35, "closed": 4}), {"Per team": rows})
    assert spans(audit(model)) == {Ref(OVERVIEW, ALL, "closed"): (2, 4),  # two teams of at least 1
                                   team("A", "closed"): (1, 3), team("B", "closed"): (1, 3)}  # the other one is >= 1
    after = assert_protected(model)
    assert [after.cells[team(t, "closed")].status for t in "ABC"] == [BLANKED] * 3  # zeros too: none tells
    assert after.cells[Ref(OVERVIEW, ALL, "closed")].status == SMALL


def test_the_model_refuses_what_cannot_be_published() -> None:
    with pytest.raises(ValueError, match="always hidden as small"):
        Model({"a": Cell(3)})
    with pytest.raises(ValueError, match="does not hold"):
        audit(Model({"a": Cell(10), "b": Cell(20)}, (d.at_most("b", "a"),)))


# --- the rules are werkboek's -------------------------------------------------------------------

def test_the_rules_name_werkboeks_measures() -> None:
    for part, whole in d.SUBSETS:
        assert MEASURE_BY_KEY[part].is_count and MEASURE_BY_KEY[whole].is_count
    for key, counts in d.RESTS_ON.items():
        assert MEASURE_BY_KEY[key].kind in (MEAN, RATIO, WEIGHTED)
        assert all(MEASURE_BY_KEY[c].is_count for c in counts)
    for key, (num, den, _) in d.MEANS.items():
        m = MEASURE_BY_KEY[key]
        assert m.kind == MEAN and m.of == MEASURE_BY_KEY[num].of and den == "cases"
    per_case = {key for _, key, kind in PER_CASE_COLUMNS if kind == "count"}
    assert d.PER_CASE_TOTALS - {"cases"} <= per_case
    assert {k for k in per_case if k in MEASURE_BY_KEY} <= d.PER_CASE_TOTALS


# --- random yearly sets ---------------------------------------------------------------------------

MEASURES = ("cases", "closed", "meetings", "actions")


@st.composite
def yearly_sets(draw: st.DrawFn) -> Model:
    """2-4 breakdowns of 2-6 groups over up to 60 cases: group counts of 0..30, many of them small."""
    groups = draw(st.lists(st.integers(2, 6), min_size=2, max_size=4))
    keys = draw(st.lists(st.sampled_from(MEASURES), min_size=1, max_size=4, unique=True))
    case = st.tuples(st.tuples(*(st.integers(0, n - 1) for n in groups)), st.booleans(), st.integers(0, 3),
                     st.integers(0, 2), st.booleans())
    cases = draw(st.lists(case, min_size=1, max_size=60))

    def row(label: str, members: list) -> Row:
        values = {"cases": len(members), "closed": sum(c[1] for c in members), "meetings": sum(c[2] for c in members),
                  "actions": sum(c[3] for c in members)}
        n = sum(c[4] for c in members)  # cases with an end measurement
        return Row(label, {k: values[k] for k in keys}, {"end_size_mean": 5.0} if n >= MIN_CASES else {},
                   frozenset({"end_size_mean"}) if 0 < n < MIN_CASES else frozenset())

    breakdowns = {}
    for i, n in enumerate(groups):
        rows = [row(f"g{g}", [c for c in cases if c[0][i] == g]) for g in range(n)]
        breakdowns[f"b{i}"] = [r for r in rows if r.counts.get("cases", 1) or any(r.counts.values())]
    overview = row("", cases)
    if len(cases) >= MIN_CASES:  # meetings per case: a mean of two published counts
        overview = replace(overview, ratios={**overview.ratios, "meetings_mean": sum(c[2] for c in cases) / len(cases)})
    else:
        overview = replace(overview, few={*overview.few, "meetings_mean"})
    rules = d.WERKBOEK if draw(st.booleans()) else Rules(known_totals=())
    return yearly_model(overview, breakdowns, threshold=draw(st.sampled_from((3, 5))), rules=rules)


def reader_range(model: Model, ref: Ref) -> tuple[float, float]:
    """The LP over every cell, written here without the module's shortcuts."""
    t, refs = model.threshold, list(model.cells)
    pos = {r: k for k, r in enumerate(refs)}
    bounds = []
    for r in refs:
        c = model.cells[r]
        known = c.status in (SHOWN, KNOWN) or (c.status == SECONDARY and c.value == 0)
        bounds.append((c.value, c.value) if known else (1, t - 1) if c.status == SMALL
                      else (t, None) if c.status == SECONDARY else (0, None))
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for rel in model.relations:
        if rel.when is not None and model.figures[rel.when[0]] != rel.when[1]:
            continue
        row = [0.0] * len(refs)
        for r, c in rel.terms:
            row[pos[r]] += c
        if rel.lo == rel.hi:
            a_eq.append(row)
            b_eq.append(rel.lo)
            continue
        if rel.hi < math.inf:
            a_ub.append(row)
            b_ub.append(rel.hi)
        if rel.lo > -math.inf:
            a_ub.append([-v for v in row])
            b_ub.append(-rel.lo)
    out = []
    for sign in (1, -1):
        c = [0.0] * len(refs)
        c[pos[ref]] = sign
        res = linprog(c, A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds,
                      method="highs")
        assert res.status == 0, res.message
        out.append(sign * res.fun)
    return out[0], out[1]


def safe(model: Model, ref: Ref) -> bool:
    lo, hi = reader_range(model, ref)
    return (math.ceil(lo - 1e-6), math.floor(hi + 1e-6)) == (1, model.threshold - 1)


def assert_safe(model: Model) -> None:
    for ref, cell in model.cells.items():
        if cell.status == SMALL:
            assert safe(model, ref), ref


@given(yearly_sets())
def test_protect_leaves_no_small_count_narrowed(model: Model) -> None:
    leaking = {ref for ref in model.cells if model.cells[ref].status == SMALL and not safe(model, ref)}
    assert set(spans(audit(model))) == leaking  # the audit's shortcuts agree with the plain LP
    after = protect(model)
    assert_safe(after)
    for ref, cell in after.cells.items():
        before = model.cells[ref]
        assert cell.value == before.value
        assert cell.status == before.status or (before.status, cell.status) in (
            (SHOWN, SECONDARY), (SHOWN, BLANKED), (SMALL, BLANKED))
        if cell.status == SECONDARY:
            assert cell.value > 0
    assert protect(model) == after  # deterministic


@given(yearly_sets(), st.data())
def test_a_trial_system_is_a_rebuilt_one(model: Model, data: st.DataObject) -> None:
    shown = [r for r, c in model.cells.items() if c.status == SHOWN and c.value > 0]
    if not shown:
        return
    ref = data.draw(st.sampled_from(shown))
    where: dict = {}
    for k, rel in enumerate(model.relations):
        for r, _ in rel.terms:
            where.setdefault(r, []).append(k)
    hidden = model.hide([ref])
    quick, full = d._System(model).hiding(hidden, ref, where), d._System(hidden)

    def rows(s: d._System) -> dict:
        return {k: ({s.ids[i]: c for i, c in coefs.items()}, lo, hi) for coefs, lo, hi, k in s.rows}

    assert rows(quick) == rows(full)
    assert {(quick.ids[i], quick.lower[i], quick.upper[i]) for i in range(len(quick.ids))} == {
        (full.ids[i], full.lower[i], full.upper[i]) for i in range(len(full.ids))}
    for i, ref_i in enumerate(quick.ids):
        assert {quick.rows[r][3] for r in quick.var_rows[i]} == {full.rows[r][3] for r in full.var_rows[full.index[ref_i]]}


def test_protect_is_deterministic_on_a_yearly_set() -> None:
    cases = teams({"A": (31, 9), "B": (12, 4), "C": (4, 1), "D": (7, 3), "E": (2, 2)})
    one, two = protect(published(cases).unprotected()), protect(published(cases).unprotected())
    assert one == two and one.hidden
    assert audit(one) == []
