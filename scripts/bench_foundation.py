"""Benchmark the foundation: build the workbook, and read the demo case (medians of N runs).

Usage: .venv/bin/python scripts/bench_foundation.py [--runs 9]
Prints in-process medians and, for `werkboek nieuw`, the wall time of the whole command
(Python's start included), since that is what a user waits for.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import compile_package, median_ms

from werkboek.demo import demo_case
from werkboek.workbook.builder import build, build_bytes
from werkboek.workbook.reader import read_case


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    runs = ap.parse_args().runs
    case = demo_case()
    with tempfile.TemporaryDirectory() as tmp:
        demo = build(Path(tmp) / "demo.xlsm", case)
        build_bytes()  # warm imports
        print(f"build empty workbook (in process):   {median_ms(build_bytes, runs):7.1f} ms median")
        print(f"build demo workbook (in process):    {median_ms(lambda: build_bytes(case), runs):7.1f} ms median")
        print(f"read demo case, isolated child:      {median_ms(lambda: read_case(demo), runs):7.1f} ms median")
        print(f"read demo case, in process:          "
              f"{median_ms(lambda: read_case(demo, isolate=False), runs):7.1f} ms median")
        n = 0

        def nieuw() -> None:
            nonlocal n
            n += 1
            subprocess.run([sys.executable, "-m", "werkboek.cli", "nieuw", str(Path(tmp) / f"n{n}.xlsm")],
                           check=True, capture_output=True)

        print(f"'werkboek nieuw' (whole command):    {median_ms(nieuw, runs):7.1f} ms median")


if __name__ == "__main__":
    compile_package()
    main()
