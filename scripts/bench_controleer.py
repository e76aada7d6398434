"""Benchmark `werkboek controleer` on a large case: 200 persons, 20 meetings, 300 actions.

Prints the median wall time of the command as a user runs it (a fresh process, Python's start
included), next to a bare Python start, and the median of each step inside one process.
Goal: at most 0.3 s for the command on a 2-core machine.

    .venv/bin/python scripts/bench_controleer.py [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import compile_package
from timing import median_s as median_time

from werkboek.checks import check
from werkboek.workbook.builder import build
from werkboek.workbook.model import Case, Record
from werkboek.workbook.reader import parse_grids
from werkboek.workbook.schema import SECTORS
from werkboek.workbook.source import read_grids

PERSONS, MEETINGS, ACTIONS, GOALS = 200, 20, 300, 20
RELATIONS = ("moeder", "vader", "tante", "oom", "grootmoeder", "vriend(in)", "buur", "leerkracht", "hulpverlener")


def large_case() -> Case:
    """A consistent case of the benchmark's size (it checks clean, so every rule runs in full)."""
    start, end = dt.date(2024, 1, 8), dt.date(2025, 6, 30)
    case = Case.empty()
    case.dossier = Record("dossier", {
        "dossiernummer": "BENCH-1", "gezin": "gezin Groot", "begeleider": "Bench", "team": "Team Groot",
        "hulpvorm": "ambulant", "methode": "Family Finding", "centrale_persoon": "P001",
        "soort_centraal": "kind/jongere",
        "startdatum": start, "einddatum": end, "conclusies": "Het netwerk draagt.",
    })
    ids = [f"P{i:03d}" for i in range(1, PERSONS + 1)]
    case.tables["personen"] = [
        Record("personen", {"id": pid, "voornaam": f"Persoon{i}", "achternaam": "Test", "geslacht": "x",
                            "geboortejaar": 1950 + i % 60,
                            "relatie": "centrale persoon" if i == 0 else RELATIONS[i % 9],
                            "sector": SECTORS[i % len(SECTORS)], "verwaterd": i % 10 == 3,
                            "gecontacteerd_op": start + dt.timedelta(days=i % 30), "reactie": "positief",
                            "notities": "Een notitie van een paar woorden. " * 3})
        for i, pid in enumerate(ids)
    ]
    case.tables["relaties"] = [
        Record("relaties", {"persoon_a": ids[i], "persoon_b": ids[0], "soort": "ouder–kind", "kwaliteit": "goed"})
        for i in range(1, 101)
    ]
    placements = []
    for moment, day in (("start", start + dt.timedelta(days=7)), ("einde", end - dt.timedelta(days=7))):
        for vraag in ("belang", "hulp"):
            placements += [Record("cirkels", {"datum": day, "moment": moment, "vraag": vraag, "persoon": pid,
                                              "cirkel": 1 + i % 3}) for i, pid in enumerate(ids[1:])]
    case.tables["cirkels"] = placements
    meetings = [start + dt.timedelta(days=21 * (m + 1)) for m in range(MEETINGS)]
    case.tables["netwerkberaad"] = [
        Record("netwerkberaad", {"id": f"B{m + 1}", "datum": day, "aanwezigen": ids[m: m + 12:2], "schaal": 3 + m % 7,
                                 "zorgen": "Zorgen " * 20, "goed": "Goed " * 20, "moet_gebeuren": "Doen " * 20})
        for m, day in enumerate(meetings)
    ]
    case.tables["doelen"] = [
        Record("doelen", {"id": f"D{g + 1}", "doel": f"Doel {g + 1}", "domein": "netwerk", "score_start": 2,
                          "score_einde": 7, "bereikt": "ja"})
        for g in range(GOALS)
    ]
    # Owners in circle 1 or 2 on "hulp" (i % 3 != 2), so no practice warning fires.
    owners = [pid for i, pid in enumerate(ids[1:]) if i % 3 != 2]
    case.tables["acties"] = [
        Record("acties", {"id": f"A{a + 1}", "beraad": f"B{a % MEETINGS + 1}", "wat": f"Actie {a + 1}",
                          "wie": owners[a % len(owners)], "tegen": meetings[a % MEETINGS] + dt.timedelta(days=14),
                          "status": "gedaan", "doel": f"D{a % GOALS + 1}"})
        for a in range(ACTIONS)
    ]
    return case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    exe = Path(sys.executable).with_name("werkboek")
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "groot.xlsm", large_case())
        command = [str(exe), "controleer", str(path)]
        first = subprocess.run(command, capture_output=True, text=True, check=False)
        print(f"case: {PERSONS} persons, {MEETINGS} meetings, {ACTIONS} actions; {path.stat().st_size // 1024} KB; "
              f"exit {first.returncode}: {first.stdout.splitlines()[0]}")
        bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
        importing = [sys.executable, "-c", "import werkboek.cli, werkboek.api, werkboek.checks"]
        imports = median_time(lambda: subprocess.run(importing, check=True), runs)
        cmd = median_time(lambda: subprocess.run(command, capture_output=True, check=False), runs)
        grids = read_grids(path)
        case = parse_grids(grids)
        steps = {
            "read_grids (forked, isolated)": median_time(lambda: read_grids(path), runs),
            "read_grids (in process)": median_time(lambda: read_grids(path, isolate=False), runs),
            "parse_grids": median_time(lambda: parse_grids(grids), runs),
            "check": median_time(lambda: check(case), runs),
        }
    print(f"median of {runs} runs")
    print(f"  python -c pass                      {bare:6.3f} s")
    print(f"  python: import werkboek (cli+checks) {imports:6.3f} s")
    print(f"  werkboek controleer (whole command)  {cmd:6.3f} s   goal <= 0.300 s")
    for name, seconds in steps.items():
        print(f"    {name:34} {seconds:6.3f} s")


if __name__ == "__main__":
    compile_package()
    main()
