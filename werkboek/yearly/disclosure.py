"""Disclosure audit of the yearly figures: can a reader narrow down a hidden small count?

Hiding 1..4 as `<5` is not enough when the same publication shows totals: the total minus the
shown counts gives hidden ones back, exactly or as a narrower range (issue 16). This module
writes down what a careful reader knows as a linear system over the true counts and bounds
every hidden count by linear programming, the audit of tau-Argus and sdcTable: per `<5` count
the minimum and maximum over all values consistent with what is published (SciPy
`linprog(method="highs")`, the LP relaxation, bounds rounded inward to whole numbers). A `<5`
count is safe only when every value 1..threshold-1 stays possible. `protect` then picks
secondary figures (`x`) until `audit` finds nothing. `protect_yearly` does that for the yearly
figures as `merge` makes them: it is the one suppression path.

What the reader knows of a count, by its status:
- SHOWN: its value. KNOWN: its value too, although the sheet may show `<5`: another product
  published together gives it exactly (the research export's rows, when it is written).
- SMALL (`<5`): 1..threshold-1.
- SECONDARY (`x`): not 1..threshold-1 (that would read `<5`), and `protect` never hides a 0, so
  at least the threshold; the legend says so. An `x` that holds a 0 (older patterns) counts as
  known: a hidden zero protects nothing.
- BLANKED (`x` in a column hidden whole, zeros included, the last resort): only >= 0 (the
  legend says a column of x's may hold 0 and small counts). Not audited: like any `x` it is no
  published small count, and nothing in its column tells its counts apart.
Relations: each breakdown column sums to the overview figure (so one total links every
breakdown), subsets per row (closed <= cases, meetings in the year <= meetings, cancelled
actions <= actions), every group row has a case, and what a mean or share implies. A mean or
share that is shown rests on >= MIN_CASES cases, each adding >= 1 to its row's cases (and to
its meetings, actions or goals); one shown as `n<10` rests on 1..MIN_CASES-1 such cases; one
hidden as `x` says nothing (`protect` hides `n<10` ratios as `x` too, when "at least one case"
gives a count away). A mean whose numerator and denominator are both
published counts (meetings per case) pins the numerator to [mean -+ rounding] x cases while it
is shown. Means and shares are published rounded (`suppression.published`), as the model reads
them. A share's own numerator and denominator are never published as counts, so it says
nothing more about a published count.

Limits: the LP relaxation is the audit of the issue and of tau-Argus; a reader who also uses
that counts are whole numbers can in rare patterns (means with odd coefficients) get a little
further. Per-case rows (the coordinator's "Per dossier" sheet, the research export) can be
matched to groups by their sums, which no linear audit covers: that is why the published
workbook has no per-case rows (see docs/jaarcijfers.md).

Timing (scripts/bench_disclosure.py; 2 shared cores at a load of 3-4): `protect` + `audit` of a
yearly set of 4 breakdowns x 8 groups x 8 counts + 6 shares, 60 to 10,000 cases with 19 to 22
leaking `<5` counts, takes a median of 55-75 ms (40-120 ms over three runs), about 30 linprog
calls. Importing scipy.optimize costs 0.3-0.7 s once per run, after the workers are done (on 2
cores an import beside them only takes their CPU); a set without small counts never needs it.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from .suppression import BLANKED, DEFAULT_THRESHOLD, FEW_CASES, MIN_CASES, SECONDARY, SHOWN, SMALL, Figure

KNOWN = "elders bekend"  # exact for every reader (another product gives it), whatever the sheet shows
# On no sheet, but tied to shown counts (a team's cases in one of its units, see `Nesting`): only >= 0.
UNPUBLISHED = "niet gepubliceerd"
STATUSES = (SHOWN, SMALL, SECONDARY, KNOWN, BLANKED, UNPUBLISHED)
RATIO_STATUSES = (SHOWN, FEW_CASES, SECONDARY)
_EPS = 1e-6  # HiGHS' feasibility tolerance is 1e-7: an LP bound within this of a whole number is that number


class Ref(NamedTuple):
    """A published figure: sheet, row label, measure key."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.table} / {self.row} / {self.column}"


@dataclass(frozen=True)
class Count:
    """A published count as the audit sees it: its true value (never shown when hidden) and what
    a reader knows of it (its status)."""

    value: int
    status: str = SHOWN


@dataclass(frozen=True)
class Relation:
    """lo <= sum(coef * count) <= hi, known to every reader. With `when` = (ratio, status) it is
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


def bounded(ref: Hashable, lo: float = -math.inf, hi: float = math.inf,
            when: tuple[Hashable, str] | None = None) -> Relation:
    return Relation(((ref, 1.0),), lo, hi, when)


def mean_of(numerator: Hashable, denominator: Hashable, shown: float, half_width: float,
            when: tuple[Hashable, str] | None = None) -> tuple[Relation, Relation]:
    """A shown mean rounded to `shown`: (shown - half_width) * den <= num <= (shown + half_width) * den."""
    return (Relation(((numerator, 1.0), (denominator, -(shown + half_width))), hi=0.0, when=when),
            Relation(((numerator, 1.0), (denominator, -(shown - half_width))), lo=0.0, when=when))


@dataclass(frozen=True)
class Model:
    """Everything published together: counts, means and shares (`ratios`, by status only), and
    the relations a reader knows between the counts."""

    counts: Mapping[Hashable, Count]
    relations: tuple[Relation, ...] = ()
    ratios: Mapping[Hashable, str] = field(default_factory=dict)
    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        t = self.threshold
        if t < 1:
            raise ValueError(f"threshold {t}: must be at least 1")
        for ref, count in self.counts.items():
            _check(ref, count, t)
        for ref, status in self.ratios.items():
            if status not in RATIO_STATUSES:
                raise ValueError(f"{ref}: ratio status {status!r}")
        for rel in self.relations:
            for ref, _ in rel.terms:
                if ref not in self.counts:
                    raise ValueError(f"relation over an unknown count {ref}")
            if rel.when is not None and rel.when[0] not in self.ratios:
                raise ValueError(f"relation on an unknown ratio {rel.when[0]}")

    def hide(self, refs: Iterable[Hashable], status: str = SECONDARY) -> Model:
        """The same publication with these counts (or ratios) hidden as `x`."""
        counts, ratios = dict(self.counts), dict(self.ratios)
        for ref in refs:
            if ref in counts:
                counts[ref] = replace(counts[ref], status=status)
                _check(ref, counts[ref], self.threshold)
            elif status == SECONDARY:
                ratios[ref] = SECONDARY
            else:
                raise KeyError(ref)
        new = copy.copy(self)  # the rest is checked already: protect hides thousands of times
        object.__setattr__(new, "counts", counts)
        object.__setattr__(new, "ratios", ratios)
        return new

    def unprotected(self) -> Model:
        """The same publication with only the small counts hidden: every x shown again."""
        t = self.threshold
        counts = {ref: replace(c, status=SMALL if 0 < c.value < t else SHOWN) if c.status in (SECONDARY, BLANKED) else c
                  for ref, c in self.counts.items()}
        ratios = {ref: SHOWN if s == SECONDARY else s for ref, s in self.ratios.items()}
        return replace(self, counts=counts, ratios=ratios)

    @property
    def hidden(self) -> list[Hashable]:
        """Counts and ratios hidden as `x`, in model order."""
        return ([r for r, c in self.counts.items() if c.status in (SECONDARY, BLANKED)]
                + [r for r, s in self.ratios.items() if s == SECONDARY])


def _check(ref: Hashable, count: Count, t: int) -> None:
    v = count.value
    if count.status not in STATUSES or v < 0 or v != int(v):
        raise ValueError(f"{ref}: {count} is no published count")
    if count.status == SMALL and not 0 < v < t:
        raise ValueError(f"{ref}: {v} is hidden as small, but only 1..{t - 1} are")
    if count.status in (SHOWN, SECONDARY) and 0 < v < t:
        raise ValueError(f"{ref}: {v} is {count.status or 'shown'}, but 1..{t - 1} are always hidden as small")


@dataclass(frozen=True)
class Leak:
    """A `<threshold` count that the rest of the publication pins to [low, high]."""

    ref: Hashable
    low: int
    high: int
    threshold: int
    mark: str = ""  # as published: "<5", or "x" for a small count in a column hidden whole

    def __str__(self) -> str:
        span = f"precies {self.low}" if self.low == self.high else f"{self.low} tot {self.high}"
        return (f"{self.ref}: getoond als {self.mark or f'<{self.threshold}'}, maar uit de andere cijfers volgt {span} "
                f"(1 tot {self.threshold - 1} moet mogelijk blijven).")


# --- the reader's linear system -------------------------------------------------------------------

def _apriori(count: Count, threshold: int) -> tuple[float, float] | None:
    """What a reader knows of a count before any relation; None: its value (a constant)."""
    if count.status == SMALL:
        return 1.0, threshold - 1.0
    if count.status == SECONDARY and count.value > 0:
        return float(threshold), math.inf
    if count.status in (BLANKED, UNPUBLISHED):
        return 0.0, math.inf
    return None


class _System:
    """The relations over the counts a reader cannot read off: SMALL, SECONDARY (nonzero) and
    BLANKED become LP variables with their a-priori bounds, everything else a constant."""

    def __init__(self, model: Model) -> None:
        self.ids: list[Hashable] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.x0: list[float] = []
        self.index: dict[Hashable, int] = {}
        for ref, count in model.counts.items():
            bounds = _apriori(count, model.threshold)
            if bounds is not None:
                self.index[ref] = len(self.ids)
                self.ids.append(ref)
                self.lower.append(bounds[0])
                self.upper.append(bounds[1])
                self.x0.append(float(count.value))
        self.rows: list[tuple[dict[int, float], float, float, int]] = []  # coefs, lo, hi, relation
        self.row_of: dict[int, int] = {}  # relation -> row
        self.var_rows: list[list[int]] = [[] for _ in self.ids]
        for k, rel in enumerate(model.relations):
            at = sum(c * model.counts[ref].value for ref, c in rel.terms)
            known = rel.when is None or model.ratios[rel.when[0]] == rel.when[1]
            if known and not rel.lo - 1e-9 <= at <= rel.hi + 1e-9:
                raise ValueError(f"a relation does not hold for the true values: {rel}")
            row = self._row(model, k)
            if row is not None:
                for i in row[0]:
                    self.var_rows[i].append(len(self.rows))
                self.row_of[k] = len(self.rows)
                self.rows.append(row)

    def _row(self, model: Model, k: int) -> tuple[dict[int, float], float, float, int] | None:
        """Relation k over this system's variables (the rest moved to the bounds); None if it has none or
        is not known."""
        rel = model.relations[k]
        if rel.when is not None and model.ratios[rel.when[0]] != rel.when[1]:
            return None
        const, coefs = 0.0, dict[int, float]()
        for ref, c in rel.terms:
            i = self.index.get(ref)
            if i is None:
                const += c * model.counts[ref].value
            else:
                coefs[i] = coefs.get(i, 0.0) + c
        coefs = {i: c for i, c in coefs.items() if c}
        return (coefs, rel.lo - const, rel.hi - const, k) if coefs else None

    def hiding(self, model: Model, ref: Hashable, where: Mapping[Hashable, list[int]]) -> _System:
        """This system once the shown count `ref` is hidden as x (`model`: the model after that):
        only the relations through `ref` change, so a trial costs no full rebuild."""
        new = copy.copy(self)
        bounds = _apriori(model.counts[ref], model.threshold)
        assert bounds is not None and ref not in self.index
        n = len(self.ids)
        new.ids, new.lower, new.upper = [*self.ids, ref], [*self.lower, bounds[0]], [*self.upper, bounds[1]]
        new.x0, new.index = [*self.x0, float(model.counts[ref].value)], {**self.index, ref: n}
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

    def solve(self, blocks: Sequence[tuple[list[int], list[int], Mapping[int, float]]],
              caps: Sequence[Mapping[int, float]] = ()) -> list[dict[int, float]] | None:
        """Minimisers of sum(objective * x), one per block (variables closed under their rows),
        from a single LP: the blocks are stacked side by side, each with its own copy of its
        variables, and a separable sum is at its minimum only where every block is. None when
        unbounded. `caps`: per block, upper bounds to add (a maximum only has to reach them).
        Stacking matters: HiGHS solves these in a fraction of linprog's own overhead."""
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
            cap = caps[b] if b < len(caps) else {}
            for v in variables:
                upper = min(self.upper[v], cap.get(v, math.inf))
                bounds.append((self.lower[v], None if upper == math.inf else upper))
        res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status == 3:
            return None
        if res.status != 0:  # the true values are feasible: anything else is a numerical failure
            raise RuntimeError(f"HiGHS: {res.message}")
        return [{v: float(res.x[k]) for v, k in p.items()} for p in pos]

    def narrowed(self, targets: Sequence[int], top: float) -> dict[int, tuple[float, float]]:
        """For the `targets` (small counts: `<5`, or in a column hidden whole) whose LP range does
        not hold all of 1..top: that range (a maximum is only searched up to `top`).

        An LP solution that puts a target at 1 (or at `top`) proves that bound reached, so a few
        LPs over the sum of the targets settle most counts at once; a component with one target
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
            blocks = [(*self.component(pick[sense]), dict.fromkeys(pick[sense], -float(sense))) for sense in senses]
            xs = self.solve(blocks, [dict.fromkeys(pick[sense], top) if sense > 0 else {} for sense in senses])
            assert xs is not None  # every target is bounded below by 0 and capped at `top` when maximised
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


def audited(count: Count, threshold: int) -> bool:
    """A small count as published: `<5`, or a small count in a column hidden whole (its x may not
    give it away either). A secondary x is at least the threshold and needs no range of its own."""
    return count.status == SMALL or (count.status == BLANKED and 0 < count.value < threshold)


def _leaks(model: Model, system: _System, refs: Iterable[Hashable] | None = None) -> list[Leak]:
    t = model.threshold
    if refs is None:
        refs = list(model.counts)
    targets = [system.index[r] for r in refs if audited(model.counts[r], t)]
    found = system.narrowed(targets, t - 1.0)
    return [Leak(system.ids[j], math.ceil(lo - _EPS), math.floor(hi + _EPS), t,
                 f"<{t}" if model.counts[system.ids[j]].status == SMALL else "x") for j, (lo, hi) in found.items()]


def audit(model: Model) -> list[Leak]:
    """Every `<threshold` count that the publication narrows below 1..threshold-1, in model order."""
    return _leaks(model, _System(model))


def ranges(model: Model, refs: Iterable[Hashable] | None = None) -> dict[Hashable, tuple[float, float]]:
    """The LP range [min, max] of hidden counts as a reader can work it out (max may be inf).

    One LP per bound, no shortcuts: for inspection and tests; `audit` is the fast check."""
    system = _System(model)
    out = {}
    for ref in system.ids if refs is None else refs:
        j = system.index[ref]
        variables, rows = system.component([j])
        low, high = system.solve([(variables, rows, {j: 1.0})]), system.solve([(variables, rows, {j: -1.0})])
        out[ref] = (low[0][j] if low else -math.inf, high[0][j] if high else math.inf)
    return out


# --- secondary suppression -------------------------------------------------------------------------

def protect(model: Model, *, trials: int = 16, keep: Collection[Hashable] = ()) -> Model:
    """The publication with secondary figures hidden until `audit` finds nothing. Deterministic.

    Greedy with re-audit, one leak at a time (model order). Candidates are the shown nonzero
    counts, and the shown means and shares, in the relations that reach the leaking count: first
    the lines through the count itself, figures first (one hidden mean costs less than a count),
    then the smallest value (least information lost). The first candidate that makes the count
    safe is hidden; failing that, the one that widens its range most; failing that, all of the
    count's own lines (row and column) at once; failing that, a column is hidden whole (BLANKED):
    the count's own, or for a total the breakdown column that helps most, one at a time, and
    last the total itself; then every other figure that reaches it at once. Figures in `keep`
    (the overview's: they are every breakdown's total and the Word report's key figures) go
    only after that. A small count in a blanked column
    is still audited. Hiding only widens ranges, so counts found safe stay safe, and a leak
    needs a new LP only when something was hidden in its component since its range was computed.
    What nothing can protect (a count that another product gives away) stays in `audit`.
    """
    t, top = model.threshold, model.threshold - 1.0
    system = _System(model)
    targets = [system.index[r] for r, c in model.counts.items() if audited(c, t)]
    leaks = [(system.ids[j], span) for j, span in system.narrowed(targets, top).items()]
    order = {ref: k for k, ref in enumerate([*model.counts, *model.ratios])}
    where: dict[Hashable, list[int]] = {}
    for k, rel in enumerate(model.relations):
        for ref, _ in rel.terms:
            where.setdefault(ref, []).append(k)
    done: list[Hashable | None] = []  # the counts hidden as x, in order; None: a ratio or a column went
    for target, span in leaks:
        seen = 0  # `span` holds for the model before done[seen:] was hidden
        while True:
            j = system.index[target]
            if len(done) > seen:
                part = set(system.component([j])[0])
                if any(ref is None or system.index[ref] in part for ref in done[seen:]):
                    got = system.narrowed([j], top)
                    if not got:
                        break
                    span = got[j]
                seen = len(done)
            choice = _choose(model, system, target, span, order, where, trials, keep)
            if choice is None:  # nothing left that could help
                break
            refs, status, fixed, after = choice
            model = model.hide(refs, status)
            system = after or _System(model)
            done += [ref if status == SECONDARY and ref in model.counts else None for ref in refs]
            if fixed:
                break
    return model


# What to hide, how, whether that is known to fix the leak, and the system after (when already built).
Choice = tuple[list[Hashable], str, bool, "_System | None"]


def _choose(model: Model, system: _System, target: Hashable, span: tuple[float, float], order: Mapping[Hashable, int],
            where: Mapping[Hashable, list[int]], trials: int, keep: Collection[Hashable]) -> Choice | None:
    """What to hide next for a leaking target (see `protect`); None when nothing is left."""
    j = system.index[target]
    _, rows = system.component([j])
    direct = set(system.var_rows[j])
    rank: dict[Hashable, tuple[int, int, int, int]] = {}

    def consider(ref: Hashable, key: tuple[int, int, int, int]) -> None:
        if ref not in rank or key < rank[ref]:
            rank[ref] = key

    for r in rows:
        rel = model.relations[system.rows[r][3]]
        ring = 0 if r in direct else 1
        if rel.when is not None and model.ratios[rel.when[0]] in (SHOWN, FEW_CASES):
            consider(rel.when[0], (ring, 0, 0, order[rel.when[0]]))
        for ref, _ in rel.terms:
            if model.counts[ref].status == SHOWN and model.counts[ref].value > 0:
                consider(ref, (ring, 1, model.counts[ref].value, order[ref]))
    ranked = sorted(rank, key=rank.__getitem__)
    top = model.threshold - 1.0

    def single(candidates: list[Hashable]) -> Choice | None:
        best, gain = None, _EPS
        for ref in candidates[:trials]:
            trial = model.hide([ref])
            after = system.hiding(trial, ref, where) if ref in model.counts else _System(trial)
            got = after.narrowed([after.index[target]], top)
            if not got:
                return [ref], SECONDARY, True, after
            lo, hi = got[after.index[target]]
            if (span[0] - lo) + (hi - span[1]) > gain:
                best, gain = ref, (span[0] - lo) + (hi - span[1])
        return ([best], SECONDARY, False, None) if best is not None else None

    others = [ref for ref in ranked if ref not in keep]
    kept = [ref for ref in ranked if ref in keep]
    own = [ref for ref in others if rank[ref][0] == 0]
    return (single(others) or (own and (own, SECONDARY, False, None)) or _blank(model, system, target, span)
            or (others and (others, SECONDARY, False, None)) or single(kept)
            or (kept and (kept, SECONDARY, False, None)) or None)


def _blank(model: Model, system: _System, target: Hashable, span: tuple[float, float]) -> Choice | None:
    """A column to hide whole (zeros included) for a leaking target: its own, else (a total) the
    breakdown column that helps most, else the linked column that helps most. With no column
    left, the target itself: a row can pin a count on its own (closed <= a known number of
    cases); then a total of its column that stands as x. None when that is done too."""
    j = system.index[target]
    lines = []
    own = system.var_rows[j]
    for r in own or ():
        _, lo, hi, k = system.rows[r]
        line = [ref for ref, c in model.relations[k].terms
                if c > 0 and model.counts[ref].status not in (KNOWN, BLANKED, UNPUBLISHED)]
        if lo == hi and line:
            if target in line:
                return line, BLANKED, False, None
            lines.append(line)
    if not lines:  # the target's own lines are gone: a column linked to it (closed <= cases pins a case count)
        for r in system.component([j])[1]:
            _, lo, hi, k = system.rows[r]
            line = [ref for ref, c in model.relations[k].terms
                    if c > 0 and model.counts[ref].status not in (KNOWN, BLANKED, UNPUBLISHED)]
            if lo == hi and line:
                lines.append(line)
    best, gain = None, _EPS
    for line in lines:
        trial = _System(model.hide(line, BLANKED))
        got = trial.narrowed([trial.index[target]], model.threshold - 1.0)
        if not got:
            return line, BLANKED, True, None
        lo, hi = got[trial.index[target]]
        if (span[0] - lo) + (hi - span[1]) > gain:
            best, gain = line, (span[0] - lo) + (hi - span[1])
    if lines:
        return best or lines[0], BLANKED, False, None
    if model.counts[target].status != BLANKED:
        return [target], BLANKED, False, None
    # Last, a total the target's column adds up to, already hidden as x: an x says "at least the
    # threshold", and with the other cells bounded that can pin the target from below (a total of
    # x over a blanked column where one team has 1 case). Blanked, it says only ">= 0".
    totals = [ref for r in own for ref, c in model.relations[system.rows[r][3]].terms
              if c < 0 and system.rows[r][1] == system.rows[r][2] and model.counts[ref].status == SECONDARY]
    for ref in dict.fromkeys(totals):
        trial = _System(model.hide([ref], BLANKED))
        if not trial.narrowed([trial.index[target]], model.threshold - 1.0):
            return [ref], BLANKED, True, None
    return ([totals[0]], BLANKED, False, None) if totals else None


# --- werkboek's yearly figures -----------------------------------------------------------------

OVERVIEW = "Overzicht"
ALL = "Alle dossiers"  # the overview's row: the total row of every breakdown

# What a careful reader knows about werkboek's figures besides the numbers (measure keys of
# measures.MEASURES; tests check they still mean this).
SUBSETS: tuple[tuple[str, str], ...] = (("started", "cases"), ("closed", "cases"), ("meetings_in_year", "meetings"),
                                        ("actions_cancelled", "actions"))
# A mean or share rests on n cases (n >= MIN_CASES unless it reads n<10), each of which adds >= 1 to these counts.
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
# Means whose n is exactly a published count: "n<10" then says that count is 1..MIN_CASES-1, and
# a shown (or x) one that it is at least MIN_CASES.
N_IS: Mapping[str, str] = {"meetings_mean": "cases", "safety_plan_share": "cases"}
# Means whose n is at least a published count: every case closed in the year has a duration.
N_COVERS: Mapping[str, str] = {"duration_mean": "closed"}


@dataclass(frozen=True)
class Rules:
    """The reader's knowledge about the figures, as data (werkboek's by default)."""

    subsets: tuple[tuple[str, str], ...] = SUBSETS
    rests_on: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(RESTS_ON))
    means: Mapping[str, tuple[str, str, int]] = field(default_factory=lambda: dict(MEANS))
    n_is: Mapping[str, str] = field(default_factory=lambda: dict(N_IS))
    n_covers: Mapping[str, str] = field(default_factory=lambda: dict(N_COVERS))
    group_has: str | None = "cases"  # every group row has at least one of these


WERKBOEK = Rules()


def rules_for(year: int | None) -> Rules:
    """werkboek's rules for a run with or without a year: without one, "closed" counts every case
    with an end date, so the duration's n is exactly the closed cases."""
    if year is not None:
        return WERKBOEK
    return Rules(n_is={**N_IS, "duration_mean": "closed"}, n_covers={})


class Cell(NamedTuple):
    """The part of a fine group's count that lies in one coarse group (never published)."""

    fine: str
    fine_row: str
    coarse: str
    coarse_row: str
    column: str


@dataclass(frozen=True)
class Nesting:
    """Groups of one breakdown that lie within groups of another, as a reader knows from the
    organisation (teams within units): each coarse row is the sum of its fine rows. `cells`: the
    true counts of every (fine row, coarse row) pair that has cases; a fine group that spans
    several coarse ones is split over unpublished counts, each pair with at least one case (a
    reader may know which pairs exist)."""

    fine: str  # sheet names
    coarse: str
    cells: Mapping[tuple[str, str], Mapping[str, int | None]]


@dataclass(frozen=True)
class Row:
    """One row as published: true counts (None: no data, shown as '–', adds 0), the means and
    shares shown (their published value), those shown as n<10, and what is hidden as x already
    (`secondary`: counts and ratios; `blanked`: counts in a column hidden whole)."""

    label: str
    counts: Mapping[str, int | None]
    ratios: Mapping[str, float] = field(default_factory=dict)
    few: Collection[str] = frozenset()
    secondary: Collection[str] = frozenset()
    blanked: Collection[str] = frozenset()


def row_from_figures(label: str, figures: Mapping[str, Figure]) -> Row:
    """A Row from the published figures of one row (`suppression.Figure`)."""
    counts, ratios, few, secondary, blanked = {}, {}, set(), set(), set()
    for key, fig in figures.items():
        if fig.count:
            counts[key] = int(fig.value or 0)
        if fig.hidden == SECONDARY:
            secondary.add(key)
        elif fig.hidden == BLANKED:
            blanked.add(key)
        elif fig.hidden == FEW_CASES:
            few.add(key)
        elif not fig.count and fig.hidden == SHOWN and fig.value is not None:
            ratios[key] = float(fig.value)
    return Row(label, counts, ratios, frozenset(few), frozenset(secondary), frozenset(blanked))


def yearly_model(overview: Row, breakdowns: Mapping[str, Sequence[Row]], *, threshold: int = DEFAULT_THRESHOLD,
                 rules: Rules = WERKBOEK, known: Mapping[str, Collection[str]] | None = None,
                 nestings: Sequence[Nesting] = ()) -> Model:
    """The model of an overview and its breakdowns (sheet name -> group rows). Small counts are
    hidden here (`<threshold`), as `count_figure` does; each breakdown's columns sum to the
    overview, and the rows of a nested breakdown to the rows they lie in (`nestings`). `known`:
    per sheet (OVERVIEW or a breakdown), the counts another product gives exactly."""
    counts: dict[Hashable, Count] = {}
    ratios: dict[Hashable, str] = {}
    relations: list[Relation] = []
    known = known or {}

    def status(key: str, value: int, row: Row, exact: Collection[str]) -> str:
        if key in exact:
            return KNOWN
        if key in row.blanked:
            return BLANKED
        if 0 < value < threshold:
            return SMALL
        return SECONDARY if key in row.secondary else SHOWN

    def add_row(table: str, row: Row, group: bool) -> None:
        ref = {key: Ref(table, row.label, key) for key in row.counts}
        exact = known.get(table, ())
        for key, value in row.counts.items():
            counts[ref[key]] = Count(int(value or 0), status(key, int(value or 0), row, exact))
        relations.extend(at_most(ref[part], ref[whole])
                         for part, whole in rules.subsets if part in ref and whole in ref)
        if group and rules.group_has in ref:
            relations.append(bounded(ref[rules.group_has], lo=1))
        marked = {**dict.fromkeys(row.ratios, SHOWN), **{k: SECONDARY for k in row.secondary if k not in row.counts},
                  **dict.fromkeys(row.few, FEW_CASES)}
        for key, mark in marked.items():
            fig = Ref(table, row.label, key)
            ratios[fig] = mark
            rests = [ref[c] for c in rules.rests_on.get(key, ()) if c in ref]
            n_is, n_covers = ref.get(rules.n_is.get(key, "")), ref.get(rules.n_covers.get(key, ""))
            if mark == FEW_CASES:  # 1..MIN_CASES-1 cases have it, while it reads n<10
                when = (fig, FEW_CASES)
                relations.extend(bounded(c, lo=1, when=when) for c in rests)
                relations.extend(bounded(c, hi=MIN_CASES - 1, when=when) for c in (n_is, n_covers) if c is not None)
                if n_is is not None:
                    relations.append(bounded(n_is, lo=1, when=when))
                continue
            if mark != SHOWN:  # x: protect hides n<10 ratios as x too, so an x says nothing
                continue
            when = (fig, SHOWN)  # shown: at least MIN_CASES cases have it
            relations.extend(bounded(c, lo=MIN_CASES, when=when) for c in rests)
            if n_is is not None:
                relations.append(bounded(n_is, lo=MIN_CASES, when=when))
            if key in rules.means and all(k in ref for k in rules.means[key][:2]):
                num, den, decimals = rules.means[key]
                shown = float(f"{row.ratios[key]:.{decimals}f}")
                relations.extend(mean_of(ref[num], ref[den], shown, 0.5 * 10.0 ** -decimals, when))

    add_row(OVERVIEW, replace(overview, label=ALL), group=False)
    for table, rows in breakdowns.items():
        for row in rows:
            add_row(table, row, group=True)
        keys = list(dict.fromkeys(key for row in rows for key in row.counts))
        for key in keys:
            if key not in overview.counts:
                raise ValueError(f"{table}: '{key}' has no total in the overview")
            parts = [Ref(table, row.label, key) for row in rows if key in row.counts]
            relations.append(total(Ref(OVERVIEW, ALL, key), parts))
    for nesting in nestings:
        relations += _nested(nesting, breakdowns, counts, rules)
    return Model(counts, tuple(relations), ratios, threshold)


def _nested(nesting: Nesting, breakdowns: Mapping[str, Sequence[Row]], counts: dict[Hashable, Count],
            rules: Rules) -> list[Relation]:
    """The relations of one nesting; adds the unpublished cells it needs to `counts`."""
    fine = {row.label: row for row in breakdowns.get(nesting.fine, ())}
    coarse = {row.label: row for row in breakdowns.get(nesting.coarse, ())}
    within: dict[str, list[str]] = {}
    for f, c in nesting.cells:
        if f in fine and c in coarse:
            within.setdefault(f, []).append(c)
    out: list[Relation] = []
    made: dict[tuple[str, str, str], Cell] = {}  # (fine row, coarse row, column) -> its unpublished cell
    keys = [k for k in dict.fromkeys(k for row in fine.values() for k in row.counts)
            if any(k in row.counts for row in coarse.values())]
    for key in keys:
        parts: dict[str, list[Hashable]] = {}
        for f, cs in within.items():
            if key not in fine[f].counts:
                continue
            if len(cs) == 1:
                parts.setdefault(cs[0], []).append(Ref(nesting.fine, f, key))
                continue
            cells: list[Hashable] = []
            for c in cs:
                cell = made[(f, c, key)] = Cell(nesting.fine, f, nesting.coarse, c, key)
                counts[cell] = Count(int(nesting.cells[(f, c)].get(key) or 0), UNPUBLISHED)
                if key == rules.group_has:
                    out.append(bounded(cell, lo=1))
                cells.append(cell)
                parts.setdefault(c, []).append(cell)
            out.append(total(Ref(nesting.fine, f, key), cells))
        out += [total(Ref(nesting.coarse, c, key), refs) for c, refs in parts.items() if key in coarse[c].counts]
    for (f, c, key), cell in made.items():  # closed cases are some of the cases, in every cell too
        out += [at_most(cell, made[(f, c, whole)]) for part, whole in rules.subsets
                if part == key and (f, c, whole) in made]
    return out


Breakdowns = Mapping[str, Sequence[tuple[str, Mapping[str, Figure]]]]


def protect_yearly(overview: Mapping[str, Figure], breakdowns: Breakdowns, *, threshold: int, rules: Rules = WERKBOEK,
                   known: Mapping[str, Collection[str]] | None = None, nestings: Sequence[Nesting] = ()) -> Model:
    """Secondary suppression of the yearly figures, in place: every figure `protect` hides gets
    SECONDARY (or BLANKED for a column hidden whole). Returns the protected model, for the audit."""
    sheets = {table: [row_from_figures(label, figs) for label, figs in rows] for table, rows in breakdowns.items()}
    model = yearly_model(row_from_figures(ALL, overview), sheets, threshold=threshold, rules=rules, known=known,
                         nestings=nestings)
    tops = frozenset(ref for ref in [*model.counts, *model.ratios] if isinstance(ref, Ref) and ref.table == OVERVIEW)
    protected = protect(model, keep=tops)
    by_row = {(table, label): figs for table, rows in breakdowns.items() for label, figs in rows}
    for ref in protected.hidden:
        assert isinstance(ref, Ref)
        figs = overview if ref.table == OVERVIEW else by_row[(ref.table, ref.row)]
        count = protected.counts.get(ref)
        figs[ref.column].hidden = BLANKED if count is not None and count.status == BLANKED else SECONDARY
    return protected
