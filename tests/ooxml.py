"""The Open XML SDK validator (npm @ooxml-tools/validate, installed by scripts/test into tools/ooxml).

Office accepts some things the SDK flags; each such finding is allowed here with its reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "ooxml"

# (validator error id, part) -> why Office accepts it. Keep each entry justified.
ALLOWED: dict[tuple[str, str], str] = {}


def available() -> bool:
    return shutil.which("node") is not None and (TOOL / "node_modules" / "@ooxml-tools" / "validate").is_dir()


def errors(*paths: str | os.PathLike[str]) -> dict[str, list[dict]]:
    """Validator findings per file, minus the allow-list. Skips (or fails under CI) without the tool."""
    if not available():
        if os.environ.get("CI"):
            pytest.fail("the Open XML validator is not installed (scripts/test installs it with npm)")
        pytest.skip("the Open XML validator is not installed (run scripts/test, which installs it with npm)")
    proc = subprocess.run(["node", str(TOOL / "validate.mjs"), *map(str, paths)], capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    return {
        path: [e for e in errs if (e["id"], e["path"]["partUri"]) not in ALLOWED]
        for path, errs in found.items()
    }
