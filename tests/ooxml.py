"""The Open XML SDK validator (npm @ooxml-tools/validate, installed by scripts/test into tools/ooxml).

Office accepts some things the SDK flags; each such finding is allowed here with its reason.

The SDK takes about 10 s to start and little per file after that, so one validator process
(`validate.mjs --serve`) serves every test of a test process. Tests that validate carry the
mark `xdist_group("ooxml")`: under `pytest -n ... --dist loadgroup` they run in one worker and
share its validator.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "ooxml"
TIMEOUT = 600  # seconds for one request, the SDK's start included

# (validator error id, part) -> why Office accepts it. Keep each entry justified.
ALLOWED: dict[tuple[str, str], str] = {}

group = pytest.mark.xdist_group("ooxml")  # mark of the tests that validate: one worker, one validator


def available() -> bool:
    return shutil.which("node") is not None and (TOOL / "node_modules" / "@ooxml-tools" / "validate").is_dir()


class _Validator:
    """The validator process of this test process, started on first use, ended at exit (or when
    this process's end closes its stdin)."""

    def __init__(self) -> None:
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the validator runs
        self.proc = subprocess.Popen(["node", str(TOOL / "validate.mjs"), "--serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True, encoding="utf-8")
        atexit.register(self.proc.kill)

    def ask(self, paths: list[str]) -> dict:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps(paths) + "\n")
        stdin.flush()
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(TIMEOUT)
        if not line or not line[0]:
            self.proc.kill()
            self.stderr.seek(0)
            raise AssertionError(f"the validator gave no answer: {self.stderr.read().decode(errors='replace')}")
        answer = json.loads(line[0])
        assert "ok" in answer, answer.get("error")
        return answer["ok"]


_validator: _Validator | None = None


def errors(*paths: str | os.PathLike[str]) -> dict[str, list[dict]]:
    """Validator findings per file, minus the allow-list. Skips (or fails under CI) without the tool."""
    global _validator
    if not available():
        if os.environ.get("CI"):
            pytest.fail("the Open XML validator is not installed (scripts/test installs it with npm)")
        pytest.skip("the Open XML validator is not installed (run scripts/test, which installs it with npm)")
    if _validator is None or _validator.proc.poll() is not None:
        _validator = _Validator()
    found = _validator.ask([str(p) for p in paths])
    return {
        path: [e for e in errs if (e["id"], e["path"]["partUri"]) not in ALLOWED]
        for path, errs in found.items()
    }
