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


def compile_package() -> None:
    """Compile werkboek's modules as `pip install` does. An editable install under
    PYTHONDONTWRITEBYTECODE (set on these machines) would otherwise recompile every module at
    each start, a cost no installed user pays. The __pycache__ folders are git-ignored."""
    import compileall
    from pathlib import Path

    compileall.compile_dir(Path(__file__).resolve().parent.parent / "werkboek", quiet=1)
