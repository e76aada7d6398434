"""Benchmark the Excel face: what a click costs on the Python side (medians of N runs).

Usage: .venv/bin/python scripts/bench_excel.py [--runs 9]

- import cost in a fresh process: `werkboek.excel` alone (what importing the module costs), and
  everything a click loads (xlwings, reader, checks; reports add docxtpl and matplotlib). Without
  xlwings' UDF server every click pays this again; with it, only the first click does.
- one click through xlwings' remote engine with the demo workbook: reading the book, parsing,
  checking and queueing the writes, and for the reports rendering the Word document with its
  pictures (Excel's own time to apply the writes is not measured here).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import compile_package, median_ms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.xlremote

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' remote engine, benchmark only


def fresh_import_ms(code: str, runs: int) -> float:
    base = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    return median_ms(lambda: subprocess.run([sys.executable, "-c", code], check=True, capture_output=True), runs) - base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    runs = ap.parse_args().runs

    print(f"import werkboek.excel (fresh process):         "
          f"{fresh_import_ms('import werkboek.excel', runs):7.1f} ms median")
    click = "import xlwings, werkboek.excel, werkboek.workbook.reader, werkboek.checks"
    print(f"imports of a Controleer click:                 {fresh_import_ms(click, runs):7.1f} ms median")
    report = click + ", werkboek.reports, docxtpl, matplotlib.pyplot"
    try:
        print(f"imports of a report click:                     {fresh_import_ms(report, runs):7.1f} ms median")
    except subprocess.CalledProcessError:
        print("imports of a report click:                     (werkboek.reports not available)")

    from tests.xlremote import payload, remote_xlwings
    from werkboek import excel
    from werkboek.demo import demo_case
    from werkboek.excel.book import read_grids
    from werkboek.workbook.builder import build

    xw = remote_xlwings()
    with tempfile.TemporaryDirectory() as tmp:
        demo = build(Path(tmp) / "demo.xlsm", demo_case())
        data = payload(xw, demo)
        book = xw.Book(json=data)
        print(f"read live book into grids (demo):              "
              f"{median_ms(lambda: read_grids(book), runs):7.1f} ms median")

        def click() -> None:
            excel.controleer(xw.Book(json=data))

        print(f"Controleer click, Python side (demo):          {median_ms(click, runs):7.1f} ms median")

        os.environ["HOME"] = tmp  # an unsaved book's reports go to ~/Documents (here: the temp folder)
        unsaved = payload(xw, demo, name="Map1")
        meeting = median_ms(lambda: excel.verslag_netwerkberaad(xw.Book(json=unsaved)), runs)
        print(f"Verslag netwerkberaad click, Python side:      {meeting:7.1f} ms median")
        evaluation = median_ms(lambda: excel.eindevaluatie(xw.Book(json=unsaved)), runs)
        print(f"Eindevaluatie click, Python side:              {evaluation:7.1f} ms median")
        plan = median_ms(lambda: excel.veiligheidsplan(xw.Book(json=unsaved)), runs)
        print(f"Veiligheidsplan click, Python side:            {plan:7.1f} ms median")


if __name__ == "__main__":
    compile_package()
    main()
