"""Benchmark `werkboek bijwerken` on a folder of version-1 workbooks (medians of N runs).

Usage: .venv/bin/python scripts/bench_bijwerken.py [--n 200] [--runs 3]
Each run copies the committed filled version-1 case (tests/fixtures/Demo-v1.xlsm: 21 persons,
placements, meetings, actions and goals) N times into team folders, then times the whole
command (`python -m werkboek.cli bijwerken MAP`, Python's start included), as a beheerder waits
for it; the `--proef` run is timed the same way. Every run starts from fresh version-1 copies.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import compile_package

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "fixtures" / "Demo-v1.xlsm"


def folder(tmp: Path, n: int) -> Path:
    top = tmp / "gedeelde schijf"
    for i in range(n):
        team = top / f"team {i % 5 + 1}"
        team.mkdir(parents=True, exist_ok=True)
        shutil.copy(V1, team / f"Netwerkkaart dossier {i:03d}.xlsm")
    return top


def timed(args: list[str]) -> float:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "werkboek.cli", "bijwerken", *args], capture_output=True, text=True,
                          check=False)
    took = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"bijwerken gave exit code {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    compile_package()
    proef, real = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            top = folder(Path(tmp), args.n)
            proef.append(timed([str(top), "--proef"]))
            real.append(timed([str(top)]))
            upgraded = sum(1 for p in top.rglob("*.xlsm") if "werkboek-oud" not in str(p.parent))
            backups = sum(1 for p in top.rglob("werkboek-oud */*.xlsm"))
            assert upgraded == backups == args.n, (upgraded, backups)
    print(f"werkboek bijwerken --proef, {args.n} version-1 workbooks: {statistics.median(proef):6.1f} s median "
          f"(runs: {', '.join(f'{t:.1f}' for t in proef)})")
    print(f"werkboek bijwerken, {args.n} version-1 workbooks:         {statistics.median(real):6.1f} s median "
          f"(runs: {', '.join(f'{t:.1f}' for t in real)}); {statistics.median(real) / args.n * 1000:.0f} ms a workbook")


if __name__ == "__main__":
    main()
