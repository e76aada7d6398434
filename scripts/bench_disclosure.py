"""Benchmark the disclosure audit: `protect` + `audit` of a realistic yearly set.

Usage: .venv/bin/python scripts/bench_disclosure.py [--runs 15] [--cases 150 400 1500 10000]
A year of N fictitious cases (fixed seed) spread unevenly over 4 breakdowns of 8 groups each
(a few big teams, and at every N a rare group of 8 cases and an unknown one of 3 to 6), with the 8 count
measures of the yearly breakdowns and their 6 shares (shown over >= 10 cases), merged as jaarcijfers does and modelled
with werkboek's rules. Prints, per N, the small and secondary cells and the median time of
protect + audit (SciPy imported beforehand: its import, once per run, is printed apart).
Goal (issue 16): well under 1 s; the merge of 10,000 workbooks takes about 20 s.
"""

from __future__ import annotations

import argparse
import random
import time

from timing import median_ms

from werkboek.yearly.disclosure import Row, audit, protect, yearly_model
from werkboek.yearly.suppression import MIN_CASES

DIMENSIONS = ("Per team", "Per hulpvorm", "Per methode", "Per centrale persoon")
GROUPS = 8
WEIGHTS = (34, 24, 17, 13, 8, 4)  # uneven, and two more groups of a few cases each (fake_cases)
COUNTS = ("cases", "closed", "meetings", "meetings_in_year", "added", "refound", "actions", "goals")
SHARES = {"start_size_mean": "start", "end_size_mean": "end", "start_informal_share": "start",
          "end_informal_share": "end", "actions_informal_share": "owned", "goals_reached_share": "evaluated"}


def fake_cases(n: int, seed: int = 2025) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        meetings = rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 8))
        both = rng.random() < 0.55
        actions = rng.choice((0, 1, 2, 3, 4, 6, 9))
        goals = rng.choice((0, 1, 2, 3))
        out.append({
            "groups": [rng.choices(range(GROUPS - 2), WEIGHTS)[0] for _ in DIMENSIONS],
            "cases": 1, "closed": int(rng.random() < 0.4), "meetings": meetings,
            "meetings_in_year": rng.randint(0, meetings),
            "added": rng.choice((0, 0, 1, 1, 2, 3)) if both else None,
            "refound": rng.choice((0, 0, 0, 1, 2)) if both else None,
            "actions": actions, "goals": goals,
            "start": rng.random() < 0.85, "end": both,
            "owned": actions > 0 and rng.random() < 0.8, "evaluated": goals > 0 and rng.random() < 0.6,
        })
    for d in range(len(DIMENSIONS)):  # a rare group and an "(onbekend)" of a few cases, whatever the size
        for k, case in enumerate(rng.sample(out, min(n, 11 + d))):
            case["groups"][d] = GROUPS - 2 if k < 8 else GROUPS - 1
    return out


def row(label: str, cases: list[dict]) -> Row:
    counts = {k: sum(c[k] or 0 for c in cases) for k in COUNTS}
    n = {key: sum(bool(c[flag]) for c in cases) for key, flag in SHARES.items()}
    return Row(label, counts, {k: 0.5 for k, v in n.items() if v >= MIN_CASES},
               frozenset(k for k, v in n.items() if 0 < v < MIN_CASES))


def yearly_set(n: int):
    cases = fake_cases(n)
    breakdowns = {}
    for d, name in enumerate(DIMENSIONS):
        groups = [[c for c in cases if c["groups"][d] == g] for g in range(GROUPS)]
        breakdowns[name] = [row(f"groep {g + 1}", members) for g, members in enumerate(groups) if members]
    return yearly_model(row("", cases), breakdowns)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cases", type=int, nargs="+", default=[60, 150, 400, 1500, 10000])
    args = parser.parse_args()
    t = time.perf_counter()
    import scipy.optimize  # noqa: F401

    print(f"import scipy.optimize: {(time.perf_counter() - t) * 1000:.0f} ms (once per run)")
    for n in args.cases:
        model = yearly_set(n)
        protected = protect(model)
        assert not audit(protected)
        small = sum(c.status == "klein" for c in model.cells.values())
        ms = median_ms(lambda model=model: audit(protect(model)), args.runs)
        print(f"{n:>6} cases: {len(model.cells)} counts, {small} <5, {len(audit(model))} leaking before, "
              f"{len(protected.hidden)} hidden as x after; protect + audit median {ms:.0f} ms")


if __name__ == "__main__":
    main()
