"""Build the release bundle IT rolls out: one folder with everything a Windows PC needs, offline.

    scripts/release [--uit MAP] [--python-installer PAD] [--alleen-windows]

The folder (default dist/werkboek-VERSIE) holds:

- dist/: the wheel and the sdist (built with `python -m build`: the wheel from the sdist, so the
  sdist is proved to build);
- wheelhouse/: every wheel for Windows x64 and CPython 3.11, 3.12 and 3.13, and (unless
  --alleen-windows) for this machine's Python, so the bundle is tested here;
- requirements.lock: every package pinned with the sha256 of each of its files, for
  `pip install --require-hashes --no-index`;
- addin/xlwings.xlam: the add-in of the pinned xlwings, taken from its Windows wheel;
- installeer.cmd, installeer.ps1, LEESMIJ.txt and handleiding/: the silent install script IT runs
  once per PC, and the manuals;
- python/: the Python installer when --python-installer gives one (python.org, 64-bit), else a
  note that says where IT gets it;
- SHA256SUMS.txt of every file.

pip judges markers for the machine it runs on, even with --platform: a wheelhouse made here for
Windows silently lacks xlwings' pywin32 (and pandas' tzdata). So every wheel's requirements are
evaluated again for Windows, and whatever they name that pip left out is downloaded too.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_PYTHONS = ("3.11", "3.12", "3.13")
# Named explicitly because pip on Linux drops them (their markers say Windows); the marker check
# below finds any other such package.
WINDOWS_EXTRA = ("pywin32",)
MANUALS = ("installatie-windows.md", "controles.md", "velden.md", "cli.md", "jaarcijfers.md", "beheer.md")
PYTHON_NOTE = """De installer van Python staat niet in deze bundel.

installeer.ps1 gebruikt een Python 3.11, 3.12 of 3.13 (64-bit) die al voor alle gebruikers op de
pc staat. Staat er geen, zet dan hier de officiële installer van python.org, bijvoorbeeld
python-3.12.10-amd64.exe ("Windows installer (64-bit)" op https://www.python.org/downloads/windows/),
en controleer zijn digitale handtekening (Python Software Foundation). Het script vindt hem hier
vanzelf, of geef het pad met -PythonInstaller.
"""


class Target:
    """One platform and Python the wheelhouse serves."""

    def __init__(self, platform: str, python: str) -> None:
        self.platform, self.python = platform, python

    @property
    def windows(self) -> bool:
        return self.platform == "win_amd64"

    def marker_env(self) -> dict[str, str]:
        if self.windows:
            return {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
                    "python_version": self.python, "python_full_version": f"{self.python}.0",
                    "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
        return {"python_version": self.python, "python_full_version": f"{self.python}.0", "extra": ""}

    def marker(self) -> str:
        system = "win32" if self.windows else sys.platform
        return f'sys_platform == "{system}" and python_version == "{self.python}"'

    def pip_options(self) -> list[str]:
        if not self.windows:
            return ["--only-binary=:all:"]
        return ["--only-binary=:all:", "--platform", self.platform, "--python-version", self.python,
                "--implementation", "cp"]

    def __str__(self) -> str:
        return f"{self.platform} cp{self.python}"


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kwargs)  # type: ignore[call-overload]


def build_dists(out: Path) -> tuple[Path, Path]:
    """Wheel and sdist; fails on any setuptools warning (the license form, a missing file)."""
    done = run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], capture_output=True)
    log = done.stdout + done.stderr
    # Benign: MANIFEST.in's excludes that match nothing in a clean tree, and no .pyc in a wheel.
    benign = ("no previously-included files matching", "byte-compiling is disabled")
    warnings = [line for line in log.splitlines()
                if re.search(r"warn", line, re.I) and not any(b in line for b in benign)]
    if warnings:
        sys.exit("setuptools warned:\n" + "\n".join(warnings))
    [wheel] = out.glob("werkboek-*.whl")
    [sdist] = out.glob("werkboek-*.tar.gz")
    return wheel, sdist


def download(target: Target, wheel: Path, extra: list[str], into: Path, pins: Path | None) -> None:
    constraints = ["--constraint", str(pins)] if pins else []
    run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", *target.pip_options(),
         *constraints, "--dest", str(into), str(wheel), *extra])


def wheel_requirements(path: Path) -> list[Requirement]:
    with zipfile.ZipFile(path) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(zf.read(meta).decode("utf-8"))
    return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def missing_for(target: Target, folder: Path) -> list[str]:
    """Requirements the wheels in `folder` have on `target` that no wheel there satisfies."""
    present = {canonicalize_name(parse_wheel_filename(p.name)[0]) for p in folder.glob("*.whl")}
    env = target.marker_env()
    missing = set()
    for wheel in folder.glob("*.whl"):
        for req in wheel_requirements(wheel):
            if req.marker is not None and not req.marker.evaluate(env):
                continue
            if canonicalize_name(req.name) not in present:
                missing.add(str(req.name))
    return sorted(missing)


def resolve(target: Target, wheel: Path, wheelhouse: Path, pins: Path | None = None) -> set[tuple[str, str]]:
    """Download everything `target` needs (the versions in `pins` where given); returns its
    (name, version) pairs."""
    with tempfile.TemporaryDirectory(prefix="werkboek-release-") as tmp:
        folder = Path(tmp)
        download(target, wheel, list(WINDOWS_EXTRA) if target.windows else [], folder, pins)
        for _ in range(5):
            missing = missing_for(target, folder)
            if not missing:
                break
            print(f"  {target}: pip left out {', '.join(missing)}; downloading them", flush=True)
            download(target, wheel, [*WINDOWS_EXTRA, *missing] if target.windows else missing, folder, pins)
        else:
            sys.exit(f"{target}: the wheelhouse does not close: {missing_for(target, folder)}")
        pairs = set()
        for path in folder.glob("*.whl"):
            name, version, *_ = parse_wheel_filename(path.name)
            pairs.add((str(name), str(version)))
            shutil.copy2(path, wheelhouse / path.name)
    return pairs


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_lock(path: Path, wheelhouse: Path, used: dict[str, set[tuple[str, str]]], targets: list[Target]) -> None:
    """One line per package version: its marker (which targets use it) and the hash of every file."""
    files: dict[tuple[str, str], list[str]] = {}
    for wheel in sorted(wheelhouse.glob("*.whl")):
        name, version, *_ = parse_wheel_filename(wheel.name)
        files.setdefault((str(name), str(version)), []).append(sha256(wheel))
    by_target = {str(t): t for t in targets}
    lines = ["# werkboek release lock: every package pinned, with the sha256 of each of its files in wheelhouse/.",
             "# Written by scripts/release; install with:",
             "#   python -m pip install --no-index --find-links wheelhouse --require-hashes -r requirements.lock", ""]
    for key in sorted(files, key=lambda k: (canonicalize_name(k[0]), k[1])):
        users = [by_target[t] for t, pairs in used.items() if key in pairs]
        if not users:
            continue
        line = f"{key[0]}=={key[1]}"
        if len(users) < len(targets):
            windows = [t for t in targets if t.windows]
            if set(map(str, users)) == set(map(str, windows)):
                marker = 'sys_platform == "win32"'
            else:
                marker = " or ".join(f"({t.marker()})" for t in users)
            Marker(marker)  # a marker pip can read
            line += f" ; {marker}"
        hashes = "".join(f" \\\n    --hash=sha256:{h}" for h in sorted(set(files[key])))
        lines.append(line + hashes)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def addin(wheelhouse: Path, out: Path) -> str:
    """The add-in from the Windows xlwings wheels (one and the same file in each); its version."""
    copies = {}
    for wheel in wheelhouse.glob("xlwings-*-win_amd64.whl"):
        with zipfile.ZipFile(wheel) as zf:
            copies[wheel.name] = zf.read("xlwings/addin/xlwings.xlam")
    if not copies or len(set(copies.values())) != 1:
        found = len(set(copies.values()))
        sys.exit(f"expected one and the same xlwings.xlam in the Windows xlwings wheels, found {found}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "xlwings.xlam").write_bytes(next(iter(copies.values())))
    return str(parse_wheel_filename(next(iter(copies)))[1])


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from werkboek import __version__

    parser = argparse.ArgumentParser(description="Build the werkboek release bundle for Windows PCs.")
    parser.add_argument("--uit", type=Path, default=ROOT / "dist" / f"werkboek-{__version__}",
                        help="the bundle's folder (emptied first)")
    parser.add_argument("--python-installer", type=Path, help="the python.org installer (64-bit) to bundle")
    parser.add_argument("--alleen-windows", action="store_true", help="no wheels for this machine's Python")
    args = parser.parse_args(argv)
    out: Path = args.uit.resolve()
    if out.exists():
        shutil.rmtree(out)
    (out / "wheelhouse").mkdir(parents=True)
    wheel, sdist = build_dists(out / "dist")
    targets = [Target("win_amd64", v) for v in WINDOWS_PYTHONS]
    if not args.alleen_windows:
        targets.append(Target("host", f"{sys.version_info.major}.{sys.version_info.minor}"))
    # The oldest Python decides every version; the others get the same ones, so one lock line per
    # package serves every PC, and the Linux test below runs exactly what Windows PCs get.
    first = resolve(targets[0], wheel, out / "wheelhouse")
    used = {str(targets[0]): first}
    with tempfile.TemporaryDirectory(prefix="werkboek-pins-") as tmp:
        pins = Path(tmp, "pins.txt")
        pins.write_text("".join(f"{n}=={v}\n" for n, v in sorted(first) if n != "werkboek"), encoding="utf-8")
        for target in targets[1:]:
            used[str(target)] = resolve(target, wheel, out / "wheelhouse", pins)
    versions: dict[str, set[str]] = {}
    for pairs in used.values():
        for name, version in pairs:
            versions.setdefault(name, set()).add(version)
    split = {n: v for n, v in versions.items() if len(v) > 1}
    if split:
        sys.exit(f"versions differ between the targets: {split}")
    write_lock(out / "requirements.lock", out / "wheelhouse", used, targets)
    xlwings = addin(out / "wheelhouse", out / "addin")
    for name in ("installeer.ps1", "installeer.cmd", "LEESMIJ.txt"):
        shutil.copy2(ROOT / "packaging" / "windows" / name, out / name)
    (out / "handleiding").mkdir()
    for name in MANUALS:
        shutil.copy2(ROOT / "docs" / name, out / "handleiding" / name)
    (out / "python").mkdir()
    if args.python_installer:
        shutil.copy2(args.python_installer, out / "python" / args.python_installer.name)
    else:
        (out / "python" / "LEESMIJ.txt").write_text(PYTHON_NOTE, encoding="utf-8")
    sums = [f"{sha256(p)}  {p.relative_to(out).as_posix()}" for p in sorted(out.rglob("*")) if p.is_file()]
    (out / "SHA256SUMS.txt").write_text("\n".join(sums) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"\nBundle: {out} ({size / 2**20:.0f} MB): werkboek {__version__}, xlwings {xlwings} (add-in), "
          f"{len(list((out / 'wheelhouse').glob('*.whl')))} wheels for {', '.join(map(str, targets))}; "
          f"{wheel.name}, {sdist.name}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    sys.exit(main())
