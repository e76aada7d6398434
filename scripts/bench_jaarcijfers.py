"""Benchmark `werkboek jaarcijfers` against a plain pandas + openpyxl read of the same workbooks.

Usage: .venv/bin/python scripts/bench_jaarcijfers.py [--n 1000] [--runs 3] [--baseline-runs 1]
                                                     [--zonder-baseline] [--map DIR] [--koud]
Makes N workbooks (distinct fictitious team cases built once with the project's builder, then
copied with a new case number each), then times in one run:
  - the whole command `werkboek jaarcijfers MAP --jaar 2025` (Python's start included), and
  - a plain read of every sheet of every file with pandas.read_excel(engine="openpyxl").
Prints medians, the speedup, and peak memory: the sum of the resident memory of the command and
its worker processes, sampled every 20 ms (plus the largest single process, from getrusage).
With --koud (root on Linux), the page cache is emptied before each run of ours: a coordinator's
first run reads the workbooks from disk or a share, not from memory.
Goals (issue 6): at least 10x faster than the plain read; 10,000 files in at most 30 s and 500 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from timing import compile_package

DISTINCT = 48
BASELINE = """
import sys, pathlib, pandas
for f in sorted(pathlib.Path(sys.argv[1]).rglob("*.xlsm")):
    pandas.read_excel(f, sheet_name=None, engine="openpyxl")
"""


def make_corpus(folder: Path, n: int) -> None:
    from werkboek.demo import team_cases
    from werkboek.workbook.builder import build_bytes

    have = sum(1 for _ in folder.rglob("*.xlsm"))
    if have == n:
        return
    if have:
        sys.exit(f"{folder} holds {have} workbooks, not {n}: give an empty folder")
    t = time.perf_counter()
    cases = team_cases(n=min(n, DISTINCT), seed=11)
    built = [(str(c.dossier.get("dossiernummer")), build_bytes(c)) for c in cases]
    for k in range(n):
        number, data = built[k % len(built)]
        team = folder / f"team-{k % 12:02d}"
        team.mkdir(exist_ok=True)
        (team / f"dossier-{k:05d}.xlsm").write_bytes(renumber(data, number, f"{number}-{k:05d}")
                                                     if k >= len(built) else data)
    print(f"made {n} workbooks in {time.perf_counter() - t:.0f} s ({len(built)} distinct cases, each copy renumbered)")


def renumber(data: bytes, old: str, new: str) -> bytes:
    """A copy of a workbook with another case number (a shared string), so no copy is a duplicate."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                body = body.replace(f"<t>{old}</t>".encode(), f"<t>{new}</t>".encode(), 1)
            zout.writestr(info, body)
    return out.getvalue()


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def drop_cache() -> None:
    """Empty Linux's page cache, so the command reads the workbooks from disk as a coordinator's
    first run does (root only)."""
    subprocess.run(["sync"], check=True)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError as exc:
        sys.exit(f"--koud needs root on Linux to empty the page cache: {exc}")


def timed(cmd: list[str], cold: bool = False) -> tuple[float, int, float]:
    """Wall seconds, peak summed RSS and CPU seconds (user + system, every process it waited
    for) of the command's process tree. The CPU figure hardly moves when other work loads the
    machine; the wall time does."""
    if cold:
        drop_cache()
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[:4]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return elapsed, peak, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-runs", type=int, default=1)
    ap.add_argument("--zonder-baseline", action="store_true",
                    help="skip the pandas read (it takes about 30 s per 1,000 files)")
    ap.add_argument("--map", type=Path, help="keep the workbooks here (reused when it already holds N)")
    ap.add_argument("--koud", action="store_true", help="empty the page cache before each run of ours (root, Linux)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-jaarcijfers-") as tmp:
        folder = args.map or Path(tmp, "werkmappen")
        folder.mkdir(parents=True, exist_ok=True)
        make_corpus(folder, args.n)
        out = Path(tmp, "Jaarcijfers.xlsx")
        cmd = [sys.executable, "-m", "werkboek.cli", "jaarcijfers", str(folder), "--jaar", "2025", "-o", str(out),
               "--overschrijf"]
        ours = [timed(cmd, args.koud) for _ in range(args.runs)]
        t_ours = statistics.median(t for t, _, _ in ours)
        mem_ours = max(m for _, m, _ in ours)
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(f"werkboek jaarcijfers, {args.n} files{' (cold cache)' if args.koud else ''}: "
              f"{t_ours:6.2f} s median of {args.runs} ({args.n / t_ours:.0f} files/s); "
              f"peak memory {mem_ours / 2**20:.0f} MB summed over the process tree, "
              f"{largest / 2**20:.0f} MB largest single process; runs: {', '.join(f'{t:.1f}' for t, _, _ in ours)} s")
        print(f"  CPU {statistics.median(c for _, _, c in ours):.2f} s median (all processes); "
              f"load {os.getloadavg()[0]:.1f}")
        if args.zonder_baseline:
            return
        base = [timed([sys.executable, "-c", BASELINE, str(folder)]) for _ in range(args.baseline_runs)]
        t_base = statistics.median(t for t, _, _ in base)
        print(f"pandas + openpyxl read, {args.n} files: {t_base:6.2f} s median of {args.baseline_runs} "
              f"({args.n / t_base:.0f} files/s); peak memory {max(m for _, m, _ in base) / 2**20:.0f} MB; "
              f"CPU {statistics.median(c for _, _, c in base):.2f} s; load {os.getloadavg()[0]:.1f}")
        print(f"speedup: {t_base / t_ours:.1f}x")


if __name__ == "__main__":
    compile_package()
    main()
