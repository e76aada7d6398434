"""The werkboek command line as the tests run it (shared by several test modules).

Most tests call `werkboek.cli.main` in this process and read its output through pytest's capsys:
the same parsing, output and exit codes, without a Python start and werkboek's imports per call.
`process` runs a real process, for the tests where the process boundary is the point: the exit
code the real script gives the shell, no traceback on stderr, a fresh interpreter's imports, the
memory and time a hostile file may cost, a real Ctrl+C.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from werkboek import cli

# `python -m werkboek.cli`, as the tests start the real command line.
WERKBOEK = (sys.executable, "-m", "werkboek.cli")
TIMEOUT = 300  # seconds


def werkboek(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """`werkboek ARGS` in this process: its exit code and what it wrote to stdout and stderr, as a
    real run gives them (argparse's own exits, for --help and usage errors, included)."""
    capsys.readouterr()  # only this command's output
    try:
        code = cli.main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["werkboek", *args], code, out, err)


@dataclass
class Ran:
    """A finished real process."""

    returncode: int
    stdout: str
    stderr: str
    peak_kb: int  # peak resident memory of the process and the children it waited for (ru_maxrss)


def process(*cmd: str | Path, env: dict[str, str] | None = None, timeout: float = TIMEOUT) -> Ran:
    """Runs `cmd` as a real process, killed after `timeout` seconds (then TimeoutExpired). Its own
    rusage comes from wait4, so the memory is that process tree's, not the test process's
    earlier children's."""
    killed = threading.Event()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err, env=env)

        def kill() -> None:
            killed.set()
            proc.kill()  # a no-op once reaped: Popen finds it gone

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if killed.is_set():
            raise subprocess.TimeoutExpired([str(c) for c in cmd], timeout)
        out.seek(0)
        err.seek(0)
        return Ran(proc.returncode, out.read().decode(), err.read().decode(), usage.ru_maxrss)


def werkboek_process(*args: str | Path, env: dict[str, str] | None = None, timeout: float = TIMEOUT) -> Ran:
    """`python -m werkboek.cli ARGS` as a real process."""
    return process(*WERKBOEK, *args, env=env, timeout=timeout)
