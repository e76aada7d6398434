"""`werkboek excel-check`: what a PC still needs before the buttons in the workbook work.

For IT, in Dutch: each line is in orde / ontbreekt / tip / n.v.t., with what to do. It looks, it
does not install or change anything. The Excel part (add-in, interpreter setting, Excel itself)
only applies on Windows and Mac; elsewhere those lines say so and the rest is still checked.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import FileProblem
from .workbook.source import inspect

PRESENT, MISSING, TIP, NOT_HERE = "in orde", "ontbreekt", "tip", "n.v.t."
ADDIN = "xlwings.xlam"
MIN_PYTHON = (3, 11)
GUIDE = "zie docs/installatie-windows.md"


@dataclass(frozen=True)
class Requirement:
    what: str
    status: str  # PRESENT, MISSING, TIP or NOT_HERE
    detail: str
    todo: str = ""

    def __str__(self) -> str:
        line = f"{self.status.upper():<10} {self.what}: {self.detail}"
        return f"{line}\n{'':<11}-> {self.todo}" if self.todo else line


def diagnose(werkmap: str | os.PathLike[str] | None = None, platform: str = sys.platform) -> list[Requirement]:
    """Every check, in the order IT installs things."""
    desktop = platform in ("win32", "darwin")
    checks = [_python(), Requirement("werkboek", PRESENT, f"versie {__version__} ({Path(__file__).parent})")]
    xlwings = _xlwings()
    checks.append(xlwings)
    if not desktop:
        checks.append(Requirement("Excel-knoppen", NOT_HERE,
                                  "de knoppen in de werkmap werken alleen met Excel op Windows of Mac; "
                                  "de commando's (controleer, verslag, jaarcijfers) werken hier wel."))
    else:
        if platform == "win32":
            checks.append(_module("pywin32", "win32api", "py -m pip install pywin32"))
        checks.append(_excel(platform))
        checks.append(_addin(platform))
        if platform == "darwin":
            checks.append(_applescript())
        if xlwings.status == PRESENT:
            checks.extend(_config(platform))
    if werkmap is not None:
        checks.append(_workbook(Path(werkmap), platform))
    return checks


def has_missing(checks: list[Requirement]) -> bool:
    return any(c.status == MISSING for c in checks)


def _python() -> Requirement:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < MIN_PYTHON:
        return Requirement("Python", MISSING, f"versie {version} is te oud ({sys.executable})",
                     "installeer Python 3.11 of nieuwer van python.org (vink 'Add python.exe to PATH' aan)")
    return Requirement("Python", PRESENT, f"versie {version} ({sys.executable})")


def _xlwings() -> Requirement:
    try:
        version = importlib.metadata.version("xlwings")
    except importlib.metadata.PackageNotFoundError:
        return Requirement("xlwings", MISSING, "niet geïnstalleerd voor deze Python", "py -m pip install xlwings")
    return Requirement("xlwings", PRESENT, f"versie {version}")


def _module(name: str, module: str, todo: str) -> Requirement:
    if importlib.util.find_spec(module) is None:
        return Requirement(name, MISSING, "niet geïnstalleerd voor deze Python", todo)
    return Requirement(name, PRESENT, "geïnstalleerd")


def _excel(platform: str) -> Requirement:
    if platform == "darwin":
        app = Path("/Applications/Microsoft Excel.app")
        return (Requirement("Excel", PRESENT, str(app)) if app.exists()
                else Requirement("Excel", MISSING, "niet gevonden in Programma's", "installeer Microsoft Excel"))
    try:
        winreg: Any = importlib.import_module("winreg")  # Windows only: ImportError elsewhere
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                            r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe") as key:
            return Requirement("Excel", PRESENT, str(winreg.QueryValue(key, None)))
    except (ImportError, OSError):
        return Requirement("Excel", MISSING, "niet gevonden in het register",
                           "installeer Microsoft Excel (desktopversie)")


def addin_folder(platform: str = sys.platform) -> Path:
    """Excel's personal startup folder, where `xlwings addin install` puts xlwings.xlam."""
    if platform == "darwin":
        return (Path.home() / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
                / "Startup.localized" / "Excel")
    return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Microsoft" / "Excel" / "XLSTART"


def _addin(platform: str) -> Requirement:
    path = addin_folder(platform) / ADDIN
    if path.is_file():
        return Requirement("xlwings-invoegtoepassing", PRESENT, str(path))
    return Requirement("xlwings-invoegtoepassing", MISSING, f"niet gevonden: {path}",
                 "sluit Excel en typ: xlwings addin install  (herhaal dit na elke update van xlwings)")


def _applescript() -> Requirement:
    folder = Path.home() / "Library" / "Application Scripts" / "com.microsoft.Excel"
    if any(folder.glob("xlwings-*.applescript")):
        return Requirement("xlwings runpython (Mac)", PRESENT, str(folder))
    return Requirement("xlwings runpython (Mac)", MISSING, f"geen xlwings-script in {folder}",
                       "typ: xlwings runpython install")


def _config(platform: str) -> list[Requirement]:
    """The interpreter xlwings starts (xlwings.conf), and whether it can load werkboek."""
    import xlwings  # local: xlwings takes 0.5 s to import (it loads pandas), only needed here
    from xlwings.utils import read_user_config

    config = read_user_config()
    where = f"instelling in {xlwings.USER_CONFIG_FILE}"
    checks = []
    if config.get("conda path"):
        checks.append(Requirement("Python voor Excel", TIP, f"conda-omgeving {config.get('conda env', '')} ({where}); "
                            "niet nagekeken"))
    else:
        key = "interpreter_mac" if platform == "darwin" else "interpreter_win"
        interpreter = config.get(key) or config.get("interpreter") or ""
        checks.append(_interpreter(interpreter, where))
    if str(config.get("use udf server", "")).lower() == "true":
        checks.append(Requirement("UDF-server", PRESENT, "aan: Python blijft klaarstaan tussen twee klikken"))
    elif platform == "win32":
        checks.append(Requirement("UDF-server", TIP, "uit: elke klik start Python opnieuw (enkele seconden)",
                                  "zet in het xlwings-lint 'Use UDF Server' aan, of voeg aan xlwings.conf toe: "
                                  "\"USE UDF SERVER\",\"True\""))
    return checks


def _interpreter(interpreter: str, where: str) -> Requirement:
    what = "Python voor Excel"
    if not interpreter:
        return Requirement(what, MISSING, f"geen interpreter ingesteld ({where})",
                     "typ met de Python waarin werkboek staat: xlwings config create --force")
    found = interpreter if os.sep in interpreter or "/" in interpreter else _which(interpreter)
    if not found or not Path(found).is_file():
        return Requirement(what, MISSING, f"'{interpreter}' bestaat niet ({where})",
                     "typ met de Python waarin werkboek staat: xlwings config create --force")
    try:
        proc = subprocess.run([found, "-c", "import werkboek.excel, xlwings; print(xlwings.__version__)"],
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Requirement(what, MISSING, f"{found} start niet ({exc})",
                           "herinstalleer Python of zet de juiste interpreter")
    if proc.returncode != 0:
        return Requirement(what, MISSING, f"{found} kan werkboek of xlwings niet laden",
                     f"typ: \"{found}\" -m pip install werkboek   "
                     "(of zet de interpreter goed: xlwings config create --force)")
    return Requirement(what, PRESENT, f"{found} laadt werkboek (xlwings {proc.stdout.strip()})")


def _which(name: str) -> str | None:
    return shutil.which(name)


def _workbook(path: Path, platform: str) -> Requirement:
    try:
        inspect(path)
    except FileProblem as exc:
        return Requirement("Werkmap", MISSING, exc.what, exc.todo)
    if path.suffix.lower() != ".xlsm":
        return Requirement("Werkmap", MISSING, f"{path.name} heeft geen macro's (.xlsm nodig)",
                     "gebruik een kopie van Netwerkkaart.xlsm")
    if platform == "win32" and _downloaded(path):
        return Requirement("Werkmap", MISSING,
                           f"{path} komt van internet of uit een e-mail: Windows blokkeert de macro's",
                     "rechtsklik op het bestand > Eigenschappen > vink 'Blokkering opheffen' aan > PRESENT; "
                     "of bewaar de werkmappen in een vertrouwde locatie")
    return Requirement("Werkmap", PRESENT, str(path))


def _downloaded(path: Path) -> bool:
    """Mark of the Web: Windows keeps a Zone.Identifier stream on files from the internet or e-mail."""
    try:
        with open(f"{path}:Zone.Identifier", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return False
    return any(f"ZoneId={zone}" in text.replace(" ", "") for zone in (3, 4))
