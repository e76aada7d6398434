"""Benchmark the reports on the demo case: medians of whole commands, Python's start included.

Usage: .venv/bin/python scripts/bench_reports.py [--runs 7] [--pdf]
Goals on the project machines: `werkboek verslag` at most 1.0 s, `werkboek eindevaluatie` at most
1.5 s. Also prints in-process medians of the parts, to see where the time goes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import compile_package, median_s

from werkboek.demo import demo_case
from werkboek.workbook.builder import build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pdf", action="store_true", help="also time the commands with --pdf (LibreOffice)")
    args = ap.parse_args()
    case = demo_case()
    with tempfile.TemporaryDirectory() as tmp:
        workbook = build(Path(tmp) / "demo.xlsm", case)

        def command(*extra: str) -> None:
            # Each run writes a new file: reports never overwrite, so names get " (2)", " (3)", ...
            subprocess.run([sys.executable, "-m", "werkboek.cli", *extra, str(workbook)], check=True, capture_output=True)

        print(f"python -c pass (start only):           {median_s(lambda: subprocess.run([sys.executable, '-c', 'pass'], check=True), args.runs):6.2f} s median")
        print(f"werkboek verslag (demo case):          {median_s(lambda: command('verslag'), args.runs):6.2f} s median  (goal 1.0 s)")
        print(f"werkboek eindevaluatie (demo case):    {median_s(lambda: command('eindevaluatie'), args.runs):6.2f} s median  (goal 1.5 s)")
        if args.pdf:
            print(f"werkboek verslag --pdf:                {median_s(lambda: command('verslag', '--pdf'), args.runs):6.2f} s median")
            print(f"werkboek eindevaluatie --pdf:          {median_s(lambda: command('eindevaluatie', '--pdf'), args.runs):6.2f} s median")

        from werkboek import pictures, reports

        meeting = str(reports.latest_meeting(case).id)
        pictures.circles_png(case, "start")  # warm imports for the in-process parts
        print("in process (imports warm):")
        print(f"  circles picture:      {median_s(lambda: pictures.circles_png(case, 'start'), args.runs) * 1000:6.0f} ms median")
        print(f"  start/end pictures:   {median_s(lambda: pictures.circles_pair_png(case), args.runs) * 1000:6.0f} ms median")
        print(f"  genogram:             {median_s(lambda: pictures.genogram_png(case, 2025), args.runs) * 1000:6.0f} ms median")
        out = Path(tmp) / "r.docx"
        print(f"  render meeting:       {median_s(lambda: reports.render_meeting(case, meeting, out), args.runs) * 1000:6.0f} ms median")
        print(f"  render evaluation:    {median_s(lambda: reports.render_evaluation(case, out), args.runs) * 1000:6.0f} ms median")


if __name__ == "__main__":
    compile_package()
    main()
