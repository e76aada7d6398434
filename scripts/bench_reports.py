"""Benchmark the reports: medians of whole commands, Python's start included.

Usage: .venv/bin/python scripts/bench_reports.py [--runs 5] [--sizes 200 400 800 5000] [--pdf]
Goals on the project machines: on the demo case `werkboek verslag` at most 1.0 s, `werkboek
eindevaluatie` at most 1.5 s and `werkboek veiligheidsplan` at most 1.0 s; with 200 persons
(`demo.large_case`) 1.5 s and 2 s; with 5,000 persons 10 s each. Also prints in-process medians of
the parts on the demo case, to see where the time goes. Building the 5,000-person workbook takes a
while (the builder, not the reports).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import compile_package, median_s

from werkboek.demo import demo_case, large_case
from werkboek.workbook.builder import build

GOALS = {200: (1.5, 2.0), 5000: (10.0, 10.0)}  # persons -> goal of verslag, eindevaluatie (s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="runs per command (at most 3 for 5,000 persons or more)")
    ap.add_argument("--sizes", type=int, nargs="*", default=[200, 400, 800, 5000],
                    help="persons of the large cases (none: only the demo case)")
    ap.add_argument("--pdf", action="store_true", help="also time the commands with --pdf (LibreOffice)")
    args = ap.parse_args()
    case = demo_case()
    with tempfile.TemporaryDirectory() as tmp:
        workbook = build(Path(tmp) / "demo.xlsm", case)

        def command(path: Path, *extra: str) -> None:
            # Each run writes a new file: reports never overwrite, so names get " (2)", " (3)", ...
            subprocess.run([sys.executable, "-m", "werkboek.cli", *extra, str(path)], check=True, capture_output=True)

        print(f"python -c pass (start only):           "
              f"{median_s(lambda: subprocess.run([sys.executable, '-c', 'pass'], check=True), args.runs):6.2f}"
              " s median")
        print(f"werkboek verslag (demo case):          "
              f"{median_s(lambda: command(workbook, 'verslag'), args.runs):6.2f} s median  (goal 1.0 s)")
        print(f"werkboek eindevaluatie (demo case):    "
              f"{median_s(lambda: command(workbook, 'eindevaluatie'), args.runs):6.2f} s median  (goal 1.5 s)")
        print(f"werkboek veiligheidsplan (demo case):  "
              f"{median_s(lambda: command(workbook, 'veiligheidsplan'), args.runs):6.2f} s median  (goal 1.0 s)")
        if args.pdf:
            print(f"werkboek verslag --pdf:                "
                  f"{median_s(lambda: command(workbook, 'verslag', '--pdf'), args.runs):6.2f} s median")
            print(f"werkboek eindevaluatie --pdf:          "
                  f"{median_s(lambda: command(workbook, 'eindevaluatie', '--pdf'), args.runs):6.2f} s median")

        for n in args.sizes:
            folder = Path(tmp) / f"groot-{n}"
            folder.mkdir()
            large = build(folder / f"groot-{n}.xlsm", large_case(n))
            runs = args.runs if n < 5000 else min(args.runs, 3)
            goals = GOALS.get(n)
            for i, kind in enumerate(("verslag", "eindevaluatie")):
                goal = f"  (goal {goals[i]:.1f} s)" if goals else ""
                label = f"werkboek {kind} ({n} persons):"
                print(f"{label:39}{median_s(lambda large=large, kind=kind: command(large, kind), runs):6.2f}"
                      f" s median of {runs}{goal}")

        from werkboek import pictures, reports

        meeting = str(reports.latest_meeting(case).id)
        pictures.circles_png(case, "start")  # warm imports for the in-process parts
        print("in process, demo case (imports warm):")
        print(f"  circles picture:      "
              f"{median_s(lambda: pictures.circles_png(case, 'start'), args.runs) * 1000:6.0f} ms median")
        print(f"  start/end pictures:   "
              f"{median_s(lambda: pictures.circles_pair_png(case), args.runs) * 1000:6.0f} ms median")
        print(f"  genogram:             "
              f"{median_s(lambda: pictures.genogram_png(case, 2025), args.runs) * 1000:6.0f} ms median")
        print(f"  safety scales chart:  "
              f"{median_s(lambda: pictures.scales_png(case), args.runs) * 1000:6.0f} ms median")
        out = Path(tmp) / "r.docx"
        print(f"  render meeting:       "
              f"{median_s(lambda: reports.render_meeting(case, meeting, out), args.runs) * 1000:6.0f} ms median")
        print(f"  render evaluation:    "
              f"{median_s(lambda: reports.render_evaluation(case, out), args.runs) * 1000:6.0f} ms median")
        print(f"  render safety plan:   "
              f"{median_s(lambda: reports.render_safety_plan(case, out), args.runs) * 1000:6.0f} ms median")


if __name__ == "__main__":
    compile_package()
    main()
