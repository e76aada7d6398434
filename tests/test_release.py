"""The release bundle (scripts/release), built once for this module: what can be proved on Linux.

It installs offline into a fresh venv and runs the demo; pip resolves it for Windows x64 and
CPython 3.11-3.13 without an index; pywin32 is there; the lock has a hash for every file; the
add-in is the pinned xlwings'; the sdist's own tests run. Builds take a minute or two (pip
downloads about 360 MB the first time, from its cache after that)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

# Five minutes and 360 MB: CI always runs these; a developer asks with WERKBOEK_RELEASE_TESTS=1.
pytestmark = pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("WERKBOEK_RELEASE_TESTS")),
                                reason="the release bundle is built under CI (or WERKBOEK_RELEASE_TESTS=1)")

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_PYTHONS = ("3.11", "3.12", "3.13")


def pip_env() -> dict[str, str]:
    """pip without this machine's own configuration (its extra indexes and find-links)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def sh(*cmd: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None,
       timeout: float = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout,
                          check=False)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "werkboek"
    sh(sys.executable, ROOT / "scripts" / "release.py", "--uit", out, timeout=1800)
    return out


def lock_entries(bundle: Path) -> dict[str, tuple[str, str, list[str]]]:
    """name -> (version, marker, hashes), per line of requirements.lock (a name may have several lines)."""
    text = (bundle / "requirements.lock").read_text(encoding="utf-8").replace("\\\n", " ")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"([\w.-]+)==([^\s;]+)\s*(?:;\s*(.*?))?\s+(--hash.*)$", line)
        assert m, line
        out[f"{m[1]}=={m[2]}"] = (m[2], m[3] or "", re.findall(r"--hash=sha256:([0-9a-f]{64})", m[4]))
    return out


def test_every_file_of_the_wheelhouse_is_pinned_with_its_hash(bundle: Path) -> None:
    entries = lock_entries(bundle)
    hashes = {h for _, _, hs in entries.values() for h in hs}
    wheels = sorted((bundle / "wheelhouse").glob("*.whl"))
    assert {hashlib.sha256(w.read_bytes()).hexdigest() for w in wheels} == hashes
    names = {key.split("==")[0].lower() for key in entries}
    assert {"werkboek", "xlwings", "pywin32", "pyopenvba", "python-calamine", "scipy", "pandas"} <= names
    assert "openpyxl" not in names and "defusedxml" not in names  # test-only, not shipped
    [pywin32] = [v for k, v in entries.items() if k.startswith("pywin32==")]
    assert pywin32[1] == 'sys_platform == "win32"'
    assert {f"cp{v.replace('.', '')}" for v in WINDOWS_PYTHONS} <= {
        w.name.split("-")[2] for w in wheels if w.name.startswith("pywin32-") and w.name.endswith("win_amd64.whl")}
    sums = dict(line.split("  ", 1)[::-1] for line in (bundle / "SHA256SUMS.txt").read_text().splitlines())
    assert sums["requirements.lock"] == hashlib.sha256((bundle / "requirements.lock").read_bytes()).hexdigest()


@pytest.mark.parametrize("python", WINDOWS_PYTHONS)
def test_pip_resolves_the_bundle_for_windows_without_an_index(bundle: Path, python: str, tmp_path: Path) -> None:
    windows = ["--dry-run", "--only-binary=:all:", "--platform", "win_amd64", "--python-version", python,
               "--implementation", "cp", "--no-index", "-f", bundle / "wheelhouse", "--target", tmp_path / "t"]
    done = sh(sys.executable, "-m", "pip", "install", *windows, "werkboek", env=pip_env())
    would = done.stdout.rsplit("Would install", 1)[1]
    for name in ("werkboek-0", "xlwings-", "pyopenvba-", "python-calamine-", "scipy-", "matplotlib-", "docxtpl-"):
        assert name in would.lower().replace("python_calamine", "python-calamine")
    # pip on Linux judges pywin32's marker for Linux even here: ask for it by name (as a Windows pip would).
    sh(sys.executable, "-m", "pip", "install", *windows, "pywin32", env=pip_env())
    # The install script's own command, with every hash checked.
    sh(sys.executable, "-m", "pip", "install", *windows, "--require-hashes", "-r", bundle / "requirements.lock",
       env=pip_env())


def test_the_addin_is_the_pinned_xlwings(bundle: Path) -> None:
    [xlwings] = [k.split("==")[1] for k in lock_entries(bundle) if k.startswith("xlwings==")]
    from werkboek.excel_check import addin_version

    assert addin_version(bundle / "addin" / "xlwings.xlam") == xlwings
    for name in ("installeer.cmd", "installeer.ps1", "LEESMIJ.txt", "handleiding/installatie-windows.md",
                 "python/LEESMIJ.txt"):
        assert (bundle / name).is_file(), name


def test_wheel_and_sdist_carry_the_licence_and_the_manuals(bundle: Path) -> None:
    [wheel] = (bundle / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = zf.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "werkboek-0.1.0.dist-info/licenses/LICENSE" in names
    manuals = ("installatie-windows", "controles", "velden", "cli", "jaarcijfers", "beheer")
    assert {f"werkboek/docs/{m}.md" for m in manuals} <= names
    assert "License-Expression: MIT" in meta and "Requires-Dist: xlwings~=" in meta
    assert "openpyxl" not in meta.split("Provides-Extra")[0]  # only in the test extra
    [sdist] = (bundle / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        members = {m.split("/", 1)[1] for m in tf.getnames() if "/" in m}
    assert {"LICENSE", "Netwerkkaart.xlsm", ".ci/run", "tests/conftest.py", "scripts/gen_docs.py",
            "packaging/windows/installeer.ps1", "docs/installatie-windows.md"} <= members


@pytest.fixture(scope="module")
def installed(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the bundle installed the way the install script does it, offline."""
    target = tmp_path_factory.mktemp("venv") / "werkboek"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    sh(python, "-m", "pip", "install", "--no-index", "--find-links", bundle / "wheelhouse", "--require-hashes",
       "--only-binary=:all:", "-r", bundle / "requirements.lock", env=pip_env())
    return python


def test_the_bundle_installs_offline_and_runs_the_demo(installed: Path, tmp_path: Path) -> None:
    env = {**pip_env(), "PYTHONNOUSERSITE": "1"}
    done = sh(installed.parent / "werkboek", "demo", tmp_path / "demo", env=env, cwd=tmp_path)
    assert "Demo geschreven" in done.stdout and (tmp_path / "demo" / "Jaarcijfers demo.xlsx").is_file()
    check = json.loads(sh(installed, "-m", "werkboek", "excel-check", "--json", env=env, cwd=tmp_path).stdout)
    guide = Path(check["handleiding"])
    assert guide.is_file() and "site-packages" in guide.parts and check["status"] == "in-orde"
    freeze = sh(installed, "-m", "pip", "freeze", "--all", env=env).stdout.lower()
    assert "openpyxl" not in freeze and "defusedxml" not in freeze


def test_the_sdists_tests_run(bundle: Path, installed: Path, tmp_path: Path) -> None:
    [sdist] = (bundle / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        tf.extractall(tmp_path, filter="data")
    [source] = tmp_path.glob("werkboek-*")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTHONPATH")}  # the validator is not set up there
    tools = ("pytest", "pytest-xdist", "hypothesis", "openpyxl", "defusedxml", "oletools")
    sh(installed, "-m", "pip", "install", "--quiet", *tools, env=env)
    sh(installed, "-m", "pip", "install", "--quiet", "--no-deps", source, env=env)
    done = sh(installed, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_docs.py", "tests/test_builder.py",
              "tests/test_cli_output.py", "tests/test_layers.py", env=env, cwd=source)
    assert re.search(r"\d+ passed", done.stdout) and " failed" not in done.stdout
