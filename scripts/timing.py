"""The one timing helper of the benchmark scripts: medians, never a single run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_s(run: Callable[[], object], runs: int) -> float:
    """Median wall time of `run`, in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def median_ms(run: Callable[[], object], runs: int) -> float:
    return median_s(run, runs) * 1000
