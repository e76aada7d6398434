"""What one yearly worker spends on a workbook: read, check and summarise (`harvest.examine`),
read lean (the default) and whole (`Settings(lean=False)`: the first look at the dossier form
with the whole shared-string table, then every sheet whole), for counted cases and for cases of
another year.

Usage: .venv/bin/python scripts/bench_worker.py [--runs 5] [--valgrind]
The workbooks are the 48 distinct cases of scripts/bench_jaarcijfers.py. Prints the median CPU
time a workbook over `runs` passes (after one pass to warm up). CPU time on a shared machine
moves by a fifth from run to run; with --valgrind it also counts instructions (callgrind,
about 2 minutes), which do not move: the difference of 3 passes and 1, per workbook.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import compile_package

DISTINCT, SEED, YEAR = 48, 11, 2025


def settings(lean: bool):  # werkboek is imported late: a --pass run under valgrind counts from its start
    from werkboek.yearly.harvest import Settings
    from werkboek.yearly.pseudonyms import Pseudonymizer

    return Settings(Pseudonymizer(b"k" * 32, from_file=False), network=False, year=YEAR, lean=lean)


def corpus(folder: Path) -> dict[str, list[Path]]:
    """The distinct cases, by group: counted in the year, or of another year."""
    from werkboek.demo import team_cases
    from werkboek.workbook.builder import build
    from werkboek.yearly.harvest import Used, examine

    files = [build(folder / f"dossier-{k:02d}.xlsm", c) for k, c in enumerate(team_cases(n=DISTINCT, seed=SEED))]
    whole = settings(lean=False)
    counted = [f for f in files if isinstance(examine(f, f.name, whole), Used)]
    return {"geteld": counted, "ander jaar": [f for f in files if f not in counted]}


def passes(files: list[Path], lean: bool, n: int) -> list[float]:
    """CPU ms a workbook, for each of `n` passes over the files."""
    from werkboek.yearly.harvest import examine

    chosen = settings(lean)
    out = []
    for _ in range(n):
        t = time.process_time()
        for f in files:
            examine(f, f.name, chosen)
        out.append((time.process_time() - t) / len(files) * 1000)
    return out


def instructions(folder: Path, group: str, lean: bool) -> float:
    """Millions of instructions a workbook: callgrind's count of 3 passes minus that of 1."""
    counts = []
    for n in (1, 3):
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
               "--pass", folder.as_posix(), group, str(int(lean)), str(n)]
        err = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}).stderr
        found = re.search(r"Collected : (\d+)", err)
        if not found:
            sys.exit(f"valgrind gave no count: {err[-500:]}")
        counts.append(int(found.group(1)))
    return (counts[1] - counts[0]) / 2 / len(list_group(folder, group)) / 1e6


def list_group(folder: Path, group: str) -> list[Path]:
    return [Path(line) for line in (folder / f"{group}.txt").read_text().splitlines()]


def main() -> None:
    if sys.argv[1:2] == ["--pass"]:  # one counted run, under valgrind
        folder, group, lean, n = Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1", int(sys.argv[5])
        files = list_group(folder, group)
        gc.freeze()
        passes(files, lean, 1)  # warm-up: the same in both counts, so it cancels out
        passes(files, lean, n)
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--valgrind", action="store_true", help="also count instructions (needs valgrind)")
    args = ap.parse_args()
    if args.valgrind and not shutil.which("valgrind"):
        sys.exit("--valgrind needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="bench-worker-") as tmp:
        folder = Path(tmp)
        groups = corpus(folder)
        for group, files in groups.items():
            (folder / f"{group}.txt").write_text("\n".join(map(str, files)))
        gc.freeze()  # as a worker does (harvest._init_worker)
        gc.set_threshold(50_000, 20, 20)
        for group, files in groups.items():
            for lean in (False, True):
                passes(files, lean, 1)
                ms = statistics.median(passes(files, lean, args.runs))
                line = f"{group:10s} ({len(files)} workbooks), {'lean ' if lean else 'whole'}: {ms:5.2f} ms CPU"
                if args.valgrind:
                    line += f", {instructions(folder, group, lean):5.1f} M instructions"
                print(line + " a workbook", flush=True)


if __name__ == "__main__":
    compile_package()
    main()
