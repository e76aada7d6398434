"""Benchmark the LibreOffice harness of the tests (tests/office.py): medians of N runs.

What a test pays: the session's start (soffice with a fresh profile, and the relay), then per
workbook open, typing, save and reads; and what one relay process per call would add instead
of the long-lived relay (a fresh /usr/bin/python3 that imports uno and connects).

    .venv/bin/python scripts/bench_office.py [--runs 9] [--starts 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_ms, median_s

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.office import SYSTEM_PYTHON, Office, unavailable
from werkboek.demo import demo_case
from werkboek.workbook.builder import build

CONNECT = """
import sys, uno
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
resolver.resolve(f"uno:pipe,name={sys.argv[1]};urp;StarOffice.ComponentContext")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--starts", type=int, default=3)
    args = ap.parse_args()
    reason = unavailable()
    if reason:
        sys.exit(reason)
    with tempfile.TemporaryDirectory(prefix="bench-office-") as tmp:
        root = Path(tmp)
        demo = build(root / "demo.xlsm", demo_case())
        counter = iter(range(10**6))

        def start_stop() -> None:
            with Office(root / f"start-{next(counter)}"):
                pass

        print(f"session start + stop (fresh profile):  {median_s(start_stop, args.starts):7.2f} s median")
        with Office(root / "office") as office:
            opened = median_ms(lambda: office.open(demo).close(), args.runs)
            print(f"open + close (demo):                   {opened:7.0f} ms median")

            def open_type_save() -> None:
                with office.open(demo) as book:
                    for i in range(10):
                        book.set_text("Personen", f"{'ABCDEFGHIJ'[i]}28", f"waarde {i}")
                    book.save_as(root / f"saved-{next(counter)}.xlsm")

            print(f"open, type 10 cells, save .xlsm:       {median_ms(open_type_save, args.runs):7.0f} ms median")
            with office.open(demo) as book:
                typed = median_ms(lambda: book.set_text("Personen", "B2", "x"), args.runs)
                print(f"one operation (type a cell):           {typed:7.1f} ms median")
                read = median_ms(lambda: book.read("Keuzes"), args.runs)
                print(f"read Keuzes (301 x 6, very hidden):    {read:7.0f} ms median")
                offered = median_ms(lambda: book.dropdown("Relaties", "A2"), args.runs)
                print(f"what the person dropdown offers:       {offered:7.0f} ms median")
                save = median_ms(lambda: book.save_as(root / f"saved-{next(counter)}.xlsm"), args.runs)
                print(f"save .xlsm (demo, recalculated):       {save:7.0f} ms median")
            per_call = median_ms(lambda: subprocess.run([SYSTEM_PYTHON, "-c", CONNECT, office.pipe], check=True),
                                 args.runs)
            print(f"a relay process per call would add:    {per_call:7.0f} ms median")


if __name__ == "__main__":
    main()
