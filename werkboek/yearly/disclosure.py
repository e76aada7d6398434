"""Disclosure audit of the yearly figures: can a reader narrow down a hidden small count?

Hiding 1..4 as `<5` is not enough when the same publication shows totals: the total minus the
shown cells gives hidden cells back, exactly or as a narrower range (issue 16). This module
writes down what a careful reader knows as a linear system over the true counts and bounds
every hidden count by linear programming, the audit of tau-Argus and sdcTable: per `<5` cell the
minimum and maximum over all values consistent with what is published (SciPy
`linprog(method="highs")`, the LP relaxation, bounds rounded inward to whole numbers). A `<5`
cell is safe only when every value 1..threshold-1 stays possible. `protect` then picks secondary
cells (`x`) until `audit` finds nothing.

What the reader knows of a cell, by its status:
- SHOWN: its value. KNOWN: its value too, although this sheet may show `<5`: the overview totals
  that the "Per dossier" sheet adds up (one row per case) are public whatever the overview says.
- SMALL (`<5`): 1..threshold-1.
- SECONDARY (`x`): not 1..threshold-1 (that would read `<5`), and `protect` never hides a 0, so
  at least the threshold. An `x` that holds a 0 (older patterns) counts as known: a hidden zero
  protects nothing.
- BLANKED (`x` in a line hidden whole, zeros included, the last resort): only >= 0. Not audited:
  like any `x` it is no published small count, and nothing in its line tells its cells apart.
  What still bounds such a cell is the line's total: in random small tables almost every
  blanked count a reader can narrow is narrowed by KNOWN totals alone, which hiding cannot change.
Relations: each breakdown column sums to the overview figure (so one total links every
breakdown), subsets per row (closed <= cases, meetings in the year <= meetings), and what a shown
mean or share implies: it rests on >= MIN_CASES cases, each adding >= 1 to its row's cases (and
to its actions or goals for the action and goal shares); a mean whose numerator and denominator
are both published counts (meetings per case) pins the numerator to [mean -+ rounding] x cases.
A share's own numerator and denominator are never published as counts (Acties informeel is
informal / owned actions, owned <= actions), so it says nothing more about a published count.

Timing (scripts/bench_disclosure.py; 2 shared cores at a load of 3-4): `protect` + `audit` of a
yearly set of 4 breakdowns x 8 groups x 8 counts + 6 shares, 60 to 10,000 cases with 19 to 22
leaking `<5` cells, takes a median of 55-75 ms (40-120 ms over three runs), about 30 linprog
calls. Importing scipy.optimize costs 0.3-0.5 s once per run: import it in a thread while the
workbooks are read and it costs nothing.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from .suppression import DEFAULT_THRESHOLD, FEW_CASES, MIN_CASES, SECONDARY, SHOWN, SMALL

KNOWN = "elders bekend"  # exact for every reader (another sheet gives it), whatever this sheet shows
BLANKED = "lijn verborgen"  # shown as x in a line hidden whole: the reader knows only >= 0
STATUSES = (SHOWN, SMALL, SECONDARY, KNOWN, BLANKED)
FIGURE_STATUSES = (SHOWN, FEW_CASES, SECONDARY)
_EPS = 1e-6  # HiGHS' feasibility tolerance is 1e-7: an LP bound within this of a whole number is that number


class Ref(NamedTuple):
    """A published figure: sheet, row label, measure key."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table} / {self.row} / {self.column}"


@dataclass(frozen=True)
class Cell:
    """A published count: its true value (never shown when hidden) and how it is published."""

    value: int
    status: str = SHOWN


@dataclass(frozen=True)
class Relation:
    """lo <= sum(coef * cell) <= hi, known to every reader. With `when` = (figure, status) it is
    known only while that mean or share is published with that status (hiding it drops the fact)."""

    terms: tuple[tuple[Hashable, float], ...]
    lo: float = -math.inf
    hi: float = math.inf
    when: tuple[Hashable, str] | None = None


def total(whole: Hashable, parts: Iterable[Hashable]) -> Relation:
    """sum(parts) == whole: a column and its published total."""
    return Relation((*((p, 1.0) for p in parts), (whole, -1.0)), 0.0, 0.0)


def at_most(part: Hashable, whole: Hashable) -> Relation:
    """part <= whole: closed cases are some of the cases."""
    return Relation(((part, 1.0), (whole, -1.0)), hi=0.0)


def bounded(cell: Hashable, lo: float = -math.inf, hi: float = math.inf, when: tuple[Hashable, str] | None = None) -> Relation:
    return Relation(((cell, 1.0),), lo, hi, when)


def mean_of(numerator: Hashable, denominator: Hashable, shown: float, half_width: float,
            when: tuple[Hashable, str] | None = None) -> tuple[Relation, Relation]:
    """A shown mean rounded to `shown`: (shown - half_width) * den <= num <= (shown + half_width) * den."""
    return (Relation(((numerator, 1.0), (denominator, -(shown + half_width))), hi=0.0, when=when),
            Relation(((numerator, 1.0), (denominator, -(shown - half_width))), lo=0.0, when=when))


@dataclass(frozen=True)
class Model:
    """Everything published together: counts, means and shares (`figures`, by status only), and
    the relations a reader knows between the counts."""

    cells: Mapping[Hashable, Cell]
    relations: tuple[Relation, ...] = ()
    figures: Mapping[Hashable, str] = field(default_factory=dict)
    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        t = self.threshold
        if t < 1:
            raise ValueError(f"threshold {t}: must be at least 1")
        for ref, cell in self.cells.items():
            _check(ref, cell, t)
        for ref, status in self.figures.items():
            if status not in FIGURE_STATUSES:
                raise ValueError(f"{ref}: figure status {status!r}")
        for rel in self.relations:
            for ref, _ in rel.terms:
                if ref not in self.cells:
                    raise ValueError(f"relation over an unknown cell {ref}")
            if rel.when is not None and rel.when[0] not in self.figures:
                raise ValueError(f"relation on an unknown figure {rel.when[0]}")

    def hide(self, refs: Iterable[Hashable], status: str = SECONDARY) -> Model:
        """The same publication with these cells (or figures) hidden as `x`."""
        cells, figures = dict(self.cells), dict(self.figures)
        for ref in refs:
            if ref in cells:
                cells[ref] = replace(cells[ref], status=status)
                _check(ref, cells[ref], self.threshold)
            elif status == SECONDARY:
                figures[ref] = SECONDARY
            else:
                raise KeyError(ref)
        new = copy.copy(self)  # the rest is checked already: protect hides thousands of times
        object.__setattr__(new, "cells", cells)
        object.__setattr__(new, "figures", figures)
        return new

    def unprotected(self) -> Model:
        """The same publication with only the small counts hidden: every x shown again."""
        t = self.threshold
        cells = {ref: replace(c, status=SMALL if 0 < c.value < t else SHOWN) if c.status in (SECONDARY, BLANKED) else c
                 for ref, c in self.cells.items()}
        figures = {ref: SHOWN if s == SECONDARY else s for ref, s in self.figures.items()}
        return replace(self, cells=cells, figures=figures)

    @property
    def hidden(self) -> list[Hashable]:
        """Cells and figures hidden as `x`, in model order."""
        return ([r for r, c in self.cells.items() if c.status in (SECONDARY, BLANKED)]
                + [r for r, s in self.figures.items() if s == SECONDARY])


def _check(ref: Hashable, cell: Cell, t: int) -> None:
    v = cell.value
    if cell.status not in STATUSES or v < 0 or v != int(v):
        raise ValueError(f"{ref}: {cell} is no published count")
    if cell.status == SMALL and not 0 < v < t:
        raise ValueError(f"{ref}: {v} is hidden as small, but only 1..{t - 1} are")
    if cell.status in (SHOWN, SECONDARY) and 0 < v < t:
        raise ValueError(f"{ref}: {v} is {cell.status or 'shown'}, but 1..{t - 1} are always hidden as small")


@dataclass(frozen=True)
class Leak:
    """A `<threshold` cell that the rest of the publication pins to [low, high]."""

    cell: Hashable
    low: int
    high: int
    threshold: int

    def __str__(self) -> str:
        span = f"precies {self.low}" if self.low == self.high else f"{self.low} tot {self.high}"
        return (f"{self.cell}: getoond als <{self.threshold}, maar uit de andere cijfers volgt {span} "
                f"(1 tot {self.threshold - 1} moet mogelijk blijven).")


# --- the reader's linear system -------------------------------------------------------------------

def _apriori(cell: Cell, threshold: int) -> tuple[float, float] | None:
    """What a reader knows of a cell before any relation; None: its value (a constant)."""
    if cell.status == SMALL:
        return 1.0, threshold - 1.0
    if cell.status == SECONDARY and cell.value > 0:
        return float(threshold), math.inf
    if cell.status == BLANKED:
        return 0.0, math.inf
    return None


class _System:
    """The relations over the cells a reader cannot read off: SMALL, SECONDARY (nonzero) and
    BLANKED become LP variables with their a-priori bounds, everything else a constant."""

    def __init__(self, model: Model) -> None:
        self.ids: list[Hashable] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.x0: list[float] = []
        self.index: dict[Hashable, int] = {}
        for ref, cell in model.cells.items():
            bounds = _apriori(cell, model.threshold)
            if bounds is not None:
                self.index[ref] = len(self.ids)
                self.ids.append(ref)
                self.lower.append(bounds[0])
                self.upper.append(bounds[1])
                self.x0.append(float(cell.value))
        self.rows: list[tuple[dict[int, float], float, float, int]] = []  # coefs, lo, hi, relation
        self.row_of: dict[int, int] = {}  # relation -> row
        self.var_rows: list[list[int]] = [[] for _ in self.ids]
        for k, rel in enumerate(model.relations):
            at = sum(c * model.cells[ref].value for ref, c in rel.terms)
            if (rel.when is None or model.figures[rel.when[0]] == rel.when[1]) and not rel.lo - 1e-9 <= at <= rel.hi + 1e-9:
                raise ValueError(f"a relation does not hold for the true values: {rel}")
            row = self._row(model, k)
            if row is not None:
                for i in row[0]:
                    self.var_rows[i].append(len(self.rows))
                self.row_of[k] = len(self.rows)
                self.rows.append(row)

    def _row(self, model: Model, k: int) -> tuple[dict[int, float], float, float, int] | None:
        """Relation k over this system's variables (the rest moved to the bounds); None if it has none or is not known."""
        rel = model.relations[k]
        if rel.when is not None and model.figures[rel.when[0]] != rel.when[1]:
            return None
        const, coefs = 0.0, {}
        for ref, c in rel.terms:
            i = self.index.get(ref)
            if i is None:
                const += c * model.cells[ref].value
            else:
                coefs[i] = coefs.get(i, 0.0) + c
        coefs = {i: c for i, c in coefs.items() if c}
        return (coefs, rel.lo - const, rel.hi - const, k) if coefs else None

    def hiding(self, model: Model, ref: Hashable, where: Mapping[Hashable, list[int]]) -> _System:
        """This system once the shown count `ref` is hidden as x (`model`: the model after that):
        only the relations through `ref` change, so a trial costs no full rebuild."""
        new = copy.copy(self)
        bounds = _apriori(model.cells[ref], model.threshold)
        assert bounds is not None and ref not in self.index
        n = len(self.ids)
        new.ids, new.lower, new.upper = [*self.ids, ref], [*self.lower, bounds[0]], [*self.upper, bounds[1]]
        new.x0, new.index = [*self.x0, float(model.cells[ref].value)], {**self.index, ref: n}
        new.rows, new.row_of, new.var_rows = list(self.rows), dict(self.row_of), [*self.var_rows, []]
        for k in where.get(ref, ()):
            row = new._row(model, k)
            if row is None:
                continue
            if k in new.row_of:
                r = new.row_of[k]
                new.rows[r] = row
                new.var_rows[n].append(r)
            else:
                r = new.row_of[k] = len(new.rows)
                new.rows.append(row)
                for i in row[0]:
                    new.var_rows[i] = [*new.var_rows[i], r]
        return new

    def component(self, start: Iterable[int]) -> tuple[list[int], list[int]]:
        """The variables linked to `start` by relations, and those relations (sorted)."""
        seen, rows, todo = set(start), set(), list(start)
        while todo:
            for r in self.var_rows[todo.pop()]:
                if r not in rows:
                    rows.add(r)
                    for j in self.rows[r][0]:
                        if j not in seen:
                            seen.add(j)
                            todo.append(j)
        return sorted(seen), sorted(rows)

    def solve(self, blocks: Sequence[tuple[list[int], list[int], Mapping[int, float]]]) -> list[dict[int, float]] | None:
        """Minimisers of sum(objective * x), one per block (variables closed under their rows),
        from a single LP: the blocks are stacked side by side, each with its own copy of its
        variables, and a separable sum is at its minimum only where every block is. None when
        unbounded. Stacking matters: HiGHS solves these in a fraction of linprog's own overhead."""
        import numpy as np
        from scipy.optimize import linprog

        pos: list[dict[int, int]] = []
        eq: list[tuple[int, dict[int, float], float]] = []
        ub: list[tuple[int, dict[int, float], float]] = []
        width = 0
        for b, (variables, rows, _) in enumerate(blocks):
            pos.append({v: width + k for k, v in enumerate(variables)})
            width += len(variables)
            for r in rows:
                coefs, lo, hi, _ = self.rows[r]
                if lo == hi:
                    eq.append((b, coefs, hi))
                    continue
                if hi < math.inf:
                    ub.append((b, coefs, hi))
                if lo > -math.inf:
                    ub.append((b, {i: -c for i, c in coefs.items()}, -lo))

        def matrix(items: list[tuple[int, dict[int, float], float]]) -> tuple[Any, Any]:
            if not items:
                return None, None
            a = np.zeros((len(items), width))
            for k, (b, coefs, _) in enumerate(items):
                for i, c in coefs.items():
                    a[k, pos[b][i]] = c
            return a, np.array([rhs for _, _, rhs in items])

        a_eq, b_eq = matrix(eq)
        a_ub, b_ub = matrix(ub)
        c = np.zeros(width)
        bounds = []
        for b, (variables, _, objective) in enumerate(blocks):
            for i, w in objective.items():
                c[pos[b][i]] = w
            bounds += [(self.lower[v], None if self.upper[v] == math.inf else self.upper[v]) for v in variables]
        res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status == 3:
            return None
        if res.status != 0:  # the true values are feasible: anything else is a numerical failure
            raise RuntimeError(f"HiGHS: {res.message}")
        return [{v: float(res.x[k]) for v, k in p.items()} for p in pos]

    def narrowed(self, targets: Sequence[int], top: float) -> dict[int, tuple[float, float]]:
        """For the SMALL variables among `targets` whose LP range is not all of 1..top: that range.

        An LP solution that puts a target at 1 (or at `top`) proves that bound reached, so a few
        LPs over the sum of the targets settle most cells at once; a component with one target
        left gets its optimum from that sum too. The rest get an LP each, one per component at a
        time. Maximum and minimum always go into the same call (`solve` stacks them).
        """
        need = {+1: [j for j in targets if self.x0[j] < top], -1: [j for j in targets if self.x0[j] > 1]}
        found: dict[int, dict[int, float]] = {+1: {}, -1: {}}

        def certify(x: Mapping[int, float]) -> None:
            need[+1] = [j for j in need[+1] if j not in x or x[j] < top - _EPS]
            need[-1] = [j for j in need[-1] if j not in x or x[j] > 1 + _EPS]

        def round_(pick: Mapping[int, list[int]]) -> None:
            senses = [sense for sense in (+1, -1) if pick[sense]]
            xs = self.solve([(*self.component(pick[sense]), dict.fromkeys(pick[sense], -float(sense)))
                             for sense in senses])
            assert xs is not None  # SMALL cells are bounded
            for sense, x in zip(senses, xs, strict=True):
                solved = pick[sense] if len(pick[sense]) == 1 else self._alone(pick[sense])
                found[sense].update((j, x[j]) for j in solved)
                need[sense] = [j for j in need[sense] if j not in found[sense]]
            for x in xs:
                certify(x)

        joint = {+1: True, -1: True}
        while any(joint[sense] and need[sense] for sense in (+1, -1)):
            left = {sense: len(need[sense]) for sense in (+1, -1)}
            round_({sense: need[sense] if joint[sense] else [] for sense in (+1, -1)})
            joint = {sense: joint[sense] and len(need[sense]) < left[sense] for sense in (+1, -1)}
        while need[+1] or need[-1]:
            pick: dict[int, list[int]] = {+1: [], -1: []}
            for sense in (+1, -1):
                taken: set[int] = set()
                for j in need[sense]:
                    if j not in taken:
                        pick[sense].append(j)
                        taken.update(self.component([j])[0])
            round_(pick)
        out = {}
        for j in targets:
            lo, hi = found[-1].get(j, 1.0), found[+1].get(j, top)
            if math.ceil(lo - _EPS) > 1 or math.floor(hi + _EPS) < top:
                out[j] = (lo, hi)
        return out

    def _alone(self, targets: list[int]) -> set[int]:
        """The targets that share their component with no other target."""
        owner: dict[int, int] = {}
        alone: set[int] = set()
        for j in targets:
            if j in owner:
                alone.discard(owner[j])
                continue
            alone.add(j)
            owner.update(dict.fromkeys(self.component([j])[0], j))
        return alone


def _leaks(model: Model, system: _System, cells: Iterable[Hashable] | None = None) -> list[Leak]:
    t = model.threshold
    if cells is None:
        cells = [r for r, c in model.cells.items() if c.status == SMALL]
    targets = [system.index[r] for r in cells if model.cells[r].status == SMALL]
    found = system.narrowed(targets, t - 1.0)
    return [Leak(system.ids[j], math.ceil(lo - _EPS), math.floor(hi + _EPS), t) for j, (lo, hi) in found.items()]


def audit(model: Model) -> list[Leak]:
    """Every `<threshold` cell that the publication narrows below 1..threshold-1, in model order."""
    return _leaks(model, _System(model))


def ranges(model: Model, cells: Iterable[Hashable] | None = None) -> dict[Hashable, tuple[float, float]]:
    """The LP range [min, max] of hidden cells as a reader can work it out (max may be inf).

    One LP per bound, no shortcuts: for inspection and tests; `audit` is the fast check."""
    system = _System(model)
    out = {}
    for ref in system.ids if cells is None else cells:
        j = system.index[ref]
        variables, rows = system.component([j])
        low, high = system.solve([(variables, rows, {j: 1.0})]), system.solve([(variables, rows, {j: -1.0})])
        out[ref] = (low[0][j] if low else -math.inf, high[0][j] if high else math.inf)
    return out


# --- secondary suppression -------------------------------------------------------------------------

def protect(model: Model, *, trials: int = 16) -> Model:
    """The publication with secondary cells hidden until `audit` finds nothing. Deterministic.

    Greedy with re-audit, one leak at a time (model order). Candidates are the shown nonzero
    counts, and the shown means and shares, in the relations that reach the leaking cell: first
    the lines through the cell itself, figures first (one hidden mean costs less than a count), then
    the smallest value (least information lost). The first candidate that makes the cell safe is
    hidden; failing that, the one that widens its range most; failing that, all of the cell's lines
    (row and column); when nothing is left to hide, a column is hidden whole (BLANKED): the
    cell's own, or for a total the breakdown column that helps most, one at a time.
    Hiding only widens ranges, so cells found safe stay safe, and a leak needs a new LP only when
    something was hidden in its component since its range was computed.
    """
    top = model.threshold - 1.0
    system = _System(model)
    small = [system.index[r] for r, c in model.cells.items() if c.status == SMALL]
    leaks = [(system.ids[j], span) for j, span in system.narrowed(small, top).items()]
    order = {ref: k for k, ref in enumerate([*model.cells, *model.figures])}
    where: dict[Hashable, list[int]] = {}
    for k, rel in enumerate(model.relations):
        for ref, _ in rel.terms:
            where.setdefault(ref, []).append(k)
    done: list[Hashable | None] = []  # the counts hidden as x, in order; None: a figure or a line went
    for cell, span in leaks:
        seen = 0  # `span` holds for the model before done[seen:] was hidden
        while model.cells[cell].status == SMALL:
            j = system.index[cell]
            if len(done) > seen:
                part = set(system.component([j])[0])
                if any(ref is None or system.index[ref] in part for ref in done[seen:]):
                    got = system.narrowed([j], top)
                    if not got:
                        break
                    span = got[j]
                seen = len(done)
            refs, status, fixed, after = _choose(model, system, cell, span, order, where, trials)
            model = model.hide(refs, status)
            system = after or _System(model)
            done += [ref if status == SECONDARY and ref in model.cells else None for ref in refs]
            if fixed:
                break
    return model


def _choose(model: Model, system: _System, cell: Hashable, span: tuple[float, float], order: Mapping[Hashable, int],
            where: Mapping[Hashable, list[int]], trials: int) -> tuple[list[Hashable], str, bool, _System | None]:
    """What to hide next for a leaking cell, how, whether that makes it safe, and the system after."""
    j = system.index[cell]
    _, rows = system.component([j])
    direct = set(system.var_rows[j])
    rank: dict[Hashable, tuple[int, int, int, int]] = {}

    def consider(ref: Hashable, key: tuple[int, int, int, int]) -> None:
        if ref not in rank or key < rank[ref]:
            rank[ref] = key

    for r in rows:
        rel = model.relations[system.rows[r][3]]
        ring = 0 if r in direct else 1
        if rel.when is not None and model.figures[rel.when[0]] == SHOWN:
            consider(rel.when[0], (ring, 0, 0, order[rel.when[0]]))
        for ref, _ in rel.terms:
            if model.cells[ref].status == SHOWN and model.cells[ref].value > 0:
                consider(ref, (ring, 1, model.cells[ref].value, order[ref]))
    ranked = sorted(rank, key=rank.__getitem__)
    if not ranked:
        line, fixed = _blank(model, system, cell, span)
        return line, BLANKED, fixed, None
    top = model.threshold - 1.0
    best, gain = None, _EPS
    for ref in ranked[:trials]:
        trial = model.hide([ref])
        after = system.hiding(trial, ref, where) if ref in model.cells else _System(trial)
        got = after.narrowed([after.index[cell]], top)
        if not got:
            return [ref], SECONDARY, True, after
        lo, hi = got[after.index[cell]]
        if (span[0] - lo) + (hi - span[1]) > gain:
            best, gain = ref, (span[0] - lo) + (hi - span[1])
    if best is not None:
        return [best], SECONDARY, False, None
    return [ref for ref in ranked if rank[ref][0] == 0] or ranked, SECONDARY, False, None


def _blank(model: Model, system: _System, cell: Hashable, span: tuple[float, float]) -> tuple[list[Hashable], bool]:
    """The column to hide whole (zeros included) for a leaking cell, and whether that is known to
    make it safe: its own column if it has one, else (a total) the breakdown column that helps
    most. With no column left, the cell itself: a row can pin a cell on its own (closed <= a
    known number of cases)."""
    j = system.index[cell]
    lines = []
    for r in system.var_rows[j]:
        _, lo, hi, k = system.rows[r]
        line = [ref for ref, c in model.relations[k].terms if c > 0 and model.cells[ref].status not in (KNOWN, BLANKED)]
        if lo == hi and line:
            if cell in line:
                return line, True
            lines.append(line)
    best, gain = None, _EPS
    for line in lines:
        trial = _System(model.hide(line, BLANKED))
        got = trial.narrowed([trial.index[cell]], model.threshold - 1.0)
        if not got:
            return line, True
        lo, hi = got[trial.index[cell]]
        if (span[0] - lo) + (hi - span[1]) > gain:
            best, gain = line, (span[0] - lo) + (hi - span[1])
    return (best or lines[0], False) if lines else ([cell], True)


# --- werkboek's yearly figures -----------------------------------------------------------------

OVERVIEW = "Overzicht"
ALL = "Alle dossiers"  # the overview's row: the total row of every breakdown

# What a careful reader knows about werkboek's figures besides the numbers (measure keys of
# jaarcijfers.MEASURES; tests check they still mean this).
SUBSETS: tuple[tuple[str, str], ...] = (("started", "cases"), ("closed", "cases"), ("meetings_in_year", "meetings"))
# A shown mean or share rests on >= MIN_CASES cases, each of which adds >= 1 to these counts.
RESTS_ON: Mapping[str, tuple[str, ...]] = {
    "meetings_mean": ("cases",),
    "attendees_mean": ("cases", "meetings"),
    "attendees_informal_share": ("cases", "meetings"),
    "start_size_mean": ("cases",),
    "end_size_mean": ("cases",),
    "start_informal_share": ("cases",),
    "end_informal_share": ("cases",),
    "start_certain_help_mean": ("cases",),
    "end_certain_help_mean": ("cases",),
    "actions_done_share": ("cases", "actions"),
    "actions_informal_share": ("cases", "actions"),
    "goals_reached_share": ("cases", "goals"),
    "score_change_mean": ("cases", "goals"),
    "duration_mean": ("cases",),
    "safety_plan_share": ("cases",),
    "safety_rules_informal_share": ("cases", "safety_plans", "safety_rules"),
    "safety_change_mean": ("cases", "safety_plans", "safety_goals"),
}
# Means of one published count over another: key -> (numerator, denominator, decimals shown).
# A share shown as a whole percentage is a mean with two decimals.
MEANS: Mapping[str, tuple[str, str, int]] = {"meetings_mean": ("meetings", "cases", 1),
                                             "safety_plan_share": ("safety_plans", "cases", 2)}
# Means whose n is exactly a published count: "n<10" then says that count is below MIN_CASES.
N_IS: Mapping[str, str] = {"meetings_mean": "cases", "safety_plan_share": "cases"}
# The "Per dossier" sheet has one row per case with these numbers: their overview totals are public.
PER_CASE_TOTALS = frozenset({"cases", "meetings", "meetings_in_year", "added", "refound", "lost", "inwards",
                             "outwards", "actions", "goals"})


@dataclass(frozen=True)
class Rules:
    """The reader's knowledge about the figures, as data (werkboek's by default)."""

    subsets: tuple[tuple[str, str], ...] = SUBSETS
    rests_on: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(RESTS_ON))
    means: Mapping[str, tuple[str, str, int]] = field(default_factory=lambda: dict(MEANS))
    n_is: Mapping[str, str] = field(default_factory=lambda: dict(N_IS))
    known_totals: Collection[str] = PER_CASE_TOTALS


WERKBOEK = Rules()


@dataclass(frozen=True)
class Row:
    """One row as published: true counts (None: no data, shown as '–', adds 0), the means and
    shares shown (their value), those hidden as n<10, and counts already hidden as x."""

    label: str
    counts: Mapping[str, int | None]
    ratios: Mapping[str, float] = field(default_factory=dict)
    few: Collection[str] = frozenset()
    secondary: Collection[str] = frozenset()


def row_from_cells(label: str, cells: Mapping[str, Any]) -> Row:
    """A Row from jaarcijfers' published cells (`privacy.Cell`: value, hidden, count)."""
    counts, ratios, few, secondary = {}, {}, set(), set()
    for key, cell in cells.items():
        if cell.count:
            counts[key] = int(cell.value or 0)
            if cell.hidden == SECONDARY:
                secondary.add(key)
        elif cell.hidden == FEW_CASES:
            few.add(key)
        elif cell.hidden == SHOWN and cell.value is not None:
            ratios[key] = float(cell.value)
    return Row(label, counts, ratios, frozenset(few), frozenset(secondary))


def yearly_model(overview: Row, breakdowns: Mapping[str, Sequence[Row]], *, threshold: int = DEFAULT_THRESHOLD,
                 rules: Rules = WERKBOEK) -> Model:
    """The model of an overview and its breakdowns (sheet name -> group rows). Small counts are
    hidden here (`<threshold`), as `count_cell` does; each breakdown's columns sum to the overview."""
    cells: dict[Hashable, Cell] = {}
    figures: dict[Hashable, str] = {}
    relations: list[Relation] = []

    def status(value: int, hidden: bool, known: bool) -> str:
        if known:
            return KNOWN
        if 0 < value < threshold:
            return SMALL
        return SECONDARY if hidden else SHOWN

    def add_row(table: str, row: Row, known: Collection[str]) -> None:
        ref = {key: Ref(table, row.label, key) for key in row.counts}
        for key, value in row.counts.items():
            cells[ref[key]] = Cell(int(value or 0), status(int(value or 0), key in row.secondary, key in known))
        relations.extend(at_most(ref[part], ref[whole]) for part, whole in rules.subsets if part in ref and whole in ref)
        for key, value in row.ratios.items():
            fig = Ref(table, row.label, key)
            figures[fig] = SHOWN
            when = (fig, SHOWN)
            relations.extend(bounded(ref[c], lo=MIN_CASES, when=when) for c in rules.rests_on.get(key, ()) if c in ref)
            if key in rules.means and all(k in ref for k in rules.means[key][:2]):
                num, den, decimals = rules.means[key]
                relations.extend(mean_of(ref[num], ref[den], float(f"{value:.{decimals}f}"), 0.5 * 10.0 ** -decimals, when))
        for key in row.few:
            fig = Ref(table, row.label, key)
            figures[fig] = FEW_CASES
            if rules.n_is.get(key) in ref:
                relations.append(bounded(ref[rules.n_is[key]], hi=MIN_CASES - 1, when=(fig, FEW_CASES)))

    add_row(OVERVIEW, replace(overview, label=ALL), rules.known_totals)
    for table, rows in breakdowns.items():
        for row in rows:
            add_row(table, row, ())
        keys = list(dict.fromkeys(key for row in rows for key in row.counts))
        for key in keys:
            if key not in overview.counts:
                raise ValueError(f"{table}: '{key}' has no total in the overview")
            relations.append(total(Ref(OVERVIEW, ALL, key), [Ref(table, row.label, key) for row in rows if key in row.counts]))
    return Model(cells, tuple(relations), figures, threshold)
