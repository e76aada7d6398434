"""`werkboek excel-check`: what a PC still needs before the buttons in the workbook work.

For IT, in Dutch: each line is in orde / ontbreekt / tip / n.v.t., with what to do; `--json`
gives the same as an inventory in a stable shape (docs/installatie-windows.md). It looks, it does
not install or change anything. It knows every place xlwings' add-in can come from and every
place xlwings reads its settings from, in xlwings' own order:

- the add-in: the user's XLSTART (%APPDATA%\\Microsoft\\Excel\\XLSTART, where `xlwings addin
  install` puts it), Excel's own XLSTART for all users (where the release's install script and
  `xlwings addin install --glob` put it: %ProgramFiles%\\Microsoft Office\\root\\Office16\\XLSTART
  and its siblings for MSI, 32-bit and older Office), and on a Mac the user's startup folder;
  its version must be the xlwings package's;
- the settings, key by key: the workbook's own xlwings.conf sheet (which every workbook werkboek
  writes has), an xlwings.conf file beside the workbook, then the user's xlwings.conf.

The Excel part only applies on Windows and Mac; elsewhere those lines say so. Importing xlwings
is not needed (it costs 0.5 s): versions come from the package metadata.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, FileProblem
from .manual import manual
from .workbook import schema, xlwings_conf
from .workbook.source import inspect

PRESENT, MISSING, TIP, NOT_HERE = "in orde", "ontbreekt", "tip", "n.v.t."
JSON_STATUS = {PRESENT: "in-orde", MISSING: "ontbreekt", TIP: "tip", NOT_HERE: "n.v.t."}
JSON_VERSION = 1  # of the --json shape; raised only when a key changes meaning or goes away
ADDIN = "xlwings.xlam"
MIN_PYTHON = (3, 11)
INSTALL = "voer het installatiescript van de werkboek-bundel uit (installeer.cmd, als beheerder)"
# Excel's own folder, below Program Files, for Microsoft 365 / 2019+ (Click-to-Run), MSI installs
# and Office 2013; each has an XLSTART folder whose files open for every user.
OFFICE_FOLDERS = (r"Microsoft Office\root\Office16", r"Microsoft Office\Office16",
                  r"Microsoft Office\root\Office15", r"Microsoft Office\Office15")
PROGRAM_FILES = ("ProgramW6432", "ProgramFiles", "ProgramFiles(x86)")


@dataclass(frozen=True)
class Requirement:
    what: str
    status: str  # PRESENT, MISSING, TIP or NOT_HERE
    detail: str
    todo: str = ""
    code: str = ""  # stable, for --json: what is checked (never its outcome)
    path: str = ""  # the file concerned, if any
    problem: str = ""  # errors.PROBLEMS code when the given workbook could not be read

    def __str__(self) -> str:
        line = f"{self.status.upper():<10} {self.what}: {self.detail}"
        return f"{line}\n{'':<11}-> {self.todo}" if self.todo else line

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "wat": self.what, "status": JSON_STATUS[self.status], "detail": self.detail,
                "oplossing": self.todo or None, "pad": self.path or None, "probleem": self.problem or None}


@dataclass(frozen=True)
class Pc:
    """What the checks look at: the platform and its environment (tests lay one out in tmp_path)."""

    platform: str
    environ: Mapping[str, str]

    def env(self, name: str) -> str:
        if self.platform == "win32":  # Windows' names are case-insensitive
            return next((v for k, v in self.environ.items() if k.upper() == name.upper()), "")
        return self.environ.get(name, "")

    def expand(self, text: str) -> str:
        """%VAR% as the add-in expands it (Windows' ExpandEnvironmentStrings: unknown ones stay)."""
        return re.sub(r"%([^%]+)%", lambda m: self.env(m.group(1)) or m.group(0), text)

    def home(self) -> Path:
        return Path(self.env("USERPROFILE") or self.env("HOME") or Path.home())


def diagnose(werkmap: str | os.PathLike[str] | None = None, platform: str = sys.platform,
             environ: Mapping[str, str] | None = None) -> list[Requirement]:
    """Every check, in the order IT installs things."""
    pc = Pc(platform, os.environ if environ is None else environ)
    desktop = platform in ("win32", "darwin")
    checks = [_python(), Requirement("werkboek", PRESENT, f"versie {__version__} ({Path(__file__).parent})",
                                     code="werkboek", path=str(Path(__file__).parent))]
    xlwings = _xlwings()
    checks.append(xlwings)
    book = Path(werkmap) if werkmap is not None else None
    book_check = _workbook(book, pc) if book is not None else None
    if not desktop:
        checks.append(Requirement("Excel-knoppen", NOT_HERE, "de knoppen in de werkmap werken alleen met Excel op "
                                  "Windows of Mac; de commando's (controleer, verslag, jaarcijfers) werken hier wel.",
                                  code="excel-knoppen"))
    else:
        if platform == "win32":
            checks.append(_module("pywin32", "win32api", INSTALL))
        checks.append(_excel(pc))
        checks.extend(_addins(pc))
        if platform == "darwin":
            checks.append(_applescript())
        if xlwings.status == PRESENT:
            readable = book_check is None or not book_check.problem
            checks.extend(_config(pc, book if readable else None))
    if book_check is not None:
        checks.append(book_check)
    return checks


def has_missing(checks: list[Requirement]) -> bool:
    return any(c.status == MISSING for c in checks)


def exit_code(checks: list[Requirement]) -> int:
    """2: the workbook given could not be read; 1: something is missing; 0: all there."""
    if any(c.problem for c in checks):
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if has_missing(checks) else EXIT_OK


def inventory(checks: list[Requirement], werkmap: str | os.PathLike[str] | None = None,
              platform: str = sys.platform) -> dict[str, Any]:
    """The stable JSON form of `excel-check --json` (documented in docs/installatie-windows.md)."""
    code = exit_code(checks)
    return {
        "versie": JSON_VERSION,
        "werkboek": __version__,
        "xlwings": _package_version("xlwings"),
        "platform": platform,
        "python": sys.executable,
        "werkmap": str(werkmap) if werkmap is not None else None,
        "status": {EXIT_OK: "in-orde", EXIT_FINDINGS: "ontbreekt", EXIT_UNREADABLE: "onleesbaar"}[code],
        "exitcode": code,
        "handleiding": str(manual("installatie-windows")),
        "controles": [c.as_dict() for c in checks],
    }


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _python() -> Requirement:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < MIN_PYTHON:
        return Requirement("Python", MISSING, f"versie {version} is te oud ({sys.executable})",
                           f"{INSTALL}; het installeert Python 3.12 als die ontbreekt", code="python",
                           path=sys.executable)
    return Requirement("Python", PRESENT, f"versie {version} ({sys.executable})", code="python", path=sys.executable)


def _xlwings() -> Requirement:
    version = _package_version("xlwings")
    if version is None:
        return Requirement("xlwings", MISSING, "niet geïnstalleerd voor deze Python", INSTALL, code="xlwings")
    return Requirement("xlwings", PRESENT, f"versie {version}", code="xlwings")


def _module(name: str, module: str, todo: str) -> Requirement:
    if importlib.util.find_spec(module) is None:
        return Requirement(name, MISSING, "niet geïnstalleerd voor deze Python", todo, code=name)
    return Requirement(name, PRESENT, "geïnstalleerd", code=name)


def _excel(pc: Pc) -> Requirement:
    if pc.platform == "darwin":
        app = Path("/Applications/Microsoft Excel.app")
        if app.exists():
            return Requirement("Excel", PRESENT, str(app), code="excel", path=str(app))
        return Requirement("Excel", MISSING, "niet gevonden in Programma's", "installeer Microsoft Excel", code="excel")
    exe = _excel_exe()
    if exe:
        return Requirement("Excel", PRESENT, exe, code="excel", path=exe)
    return Requirement("Excel", MISSING, "niet gevonden in het register", "installeer Microsoft Excel (desktopversie)",
                       code="excel")


def _excel_exe() -> str:
    """EXCEL.EXE as Windows registers it ('' elsewhere or when Excel is not installed)."""
    try:
        winreg: Any = importlib.import_module("winreg")  # Windows only: ImportError elsewhere
        app_paths = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe"
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, app_paths) as key:
            return str(winreg.QueryValue(key, None))
    except (ImportError, OSError):
        return ""


def addin_folder(platform: str = sys.platform, environ: Mapping[str, str] | None = None) -> Path:
    """Excel's personal startup folder, where `xlwings addin install` puts xlwings.xlam."""
    pc = Pc(platform, os.environ if environ is None else environ)
    if platform == "darwin":
        return (Path.home() / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
                / "Startup.localized" / "Excel")
    return Path(pc.env("APPDATA") or pc.home() / "AppData" / "Roaming") / "Microsoft" / "Excel" / "XLSTART"


def machine_addin_folders(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Excel's own XLSTART folders (for all users), the registered Excel's first."""
    pc = Pc("win32", os.environ if environ is None else environ)
    exe = _excel_exe()
    folders = [Path(exe).parent / "XLSTART"] if exe else []
    for var in PROGRAM_FILES:
        base = pc.env(var)
        if base:
            folders += [Path(base, *sub.split("\\"), "XLSTART") for sub in OFFICE_FOLDERS]
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def _addins(pc: Pc) -> list[Requirement]:
    """Where the add-in is, whether it is there only once, and whether its version is xlwings'."""
    what = "xlwings-invoegtoepassing"
    personal = addin_folder(pc.platform, pc.environ) / ADDIN
    places = [(personal, "voor deze gebruiker")]
    if pc.platform == "win32":
        places += [(folder / ADDIN, "voor alle gebruikers") for folder in machine_addin_folders(pc.environ)]
    found = [(path, who) for path, who in places if path.is_file()]
    if not found:
        where = "; ".join(str(p.parent) for p, _ in places[:2])
        todo = f"{INSTALL}; het zet xlwings.xlam in de XLSTART-map van Excel voor alle gebruikers" \
            if pc.platform == "win32" else "sluit Excel en typ: xlwings addin install"
        return [Requirement(what, MISSING, f"niet gevonden in {where}", todo, code="invoegtoepassing")]
    path, who = found[0]
    checks = [Requirement(what, PRESENT, f"{path} ({who})", code="invoegtoepassing", path=str(path))]
    if len(found) > 1:
        # Excel opens one xlwings.xlam and complains at every start about the other. The copy for
        # all users is IT's; a personal one is a leftover of `xlwings addin install`.
        extra = [p for p, who in found if who == "voor deze gebruiker"] or [p for p, _ in found[1:]]
        checks.append(Requirement("xlwings-invoegtoepassing dubbel", MISSING,
                                  f"ook in {', '.join(str(p) for p, _ in found[1:])}: Excel opent er maar één en "
                                  "meldt bij elke start een fout",
                                  f"verwijder met Excel gesloten: {', '.join(map(str, extra))}",
                                  code="invoegtoepassing-dubbel", path=str(extra[0])))
    checks.append(_addin_version(path))
    return checks


def _addin_version(path: Path) -> Requirement:
    what, package = "versie van de invoegtoepassing", _package_version("xlwings")
    version = addin_version(path)
    if package is None:
        return Requirement(what, TIP, f"{version or 'onbekend'}; xlwings is niet geïnstalleerd om mee te vergelijken",
                           code="invoegtoepassing-versie", path=str(path))
    if version == package:
        return Requirement(what, PRESENT, f"{version}, gelijk aan het xlwings-pakket", code="invoegtoepassing-versie",
                           path=str(path))
    shown = version or "onbekend (het bestand is geen leesbare xlwings-invoegtoepassing)"
    return Requirement(what, MISSING, f"{shown}, maar het xlwings-pakket is {package}: de knoppen kunnen mislukken",
                       f"{INSTALL}: het zet de invoegtoepassing van dit xlwings-pakket terug (Excel gesloten)",
                       code="invoegtoepassing-versie", path=str(path))


def addin_version(path: Path) -> str | None:
    """The xlwings version of an add-in file: the package's when it is the package's own copy,
    else the XLWINGS_VERSION constant in its VBA (None when it cannot be read)."""
    package_copy = _package_addin()
    try:
        data = path.read_bytes()
        if package_copy is not None and _digest(data) == _digest(package_copy.read_bytes()):
            return _package_version("xlwings")
        from pyopenvba import ExcelFile  # local: reading VBA takes about 0.1 s, only for a foreign copy

        with ExcelFile(str(path)) as book:
            modules = book.vba_modules()
    except Exception:  # noqa: BLE001  any unreadable file is simply "unknown"
        return None
    for code in modules.values():
        m = re.search(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]+)"', code)
        if m:
            return m.group(1)
    return None


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _package_addin() -> Path | None:
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "addin" / ADDIN
    return path if path.is_file() else None


def _applescript() -> Requirement:
    folder = Path.home() / "Library" / "Application Scripts" / "com.microsoft.Excel"
    if any(folder.glob("xlwings-*.applescript")):
        return Requirement("xlwings runpython (Mac)", PRESENT, str(folder), code="applescript")
    return Requirement("xlwings runpython (Mac)", MISSING, f"geen xlwings-script in {folder}",
                       "typ: xlwings runpython install", code="applescript")


# --- the settings ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Layer:
    """One place xlwings reads settings from, with its keys upper-cased."""

    where: str
    values: dict[str, str]


def user_config_file(pc: Pc) -> Path:
    if pc.platform == "darwin":
        return pc.home() / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    return pc.home() / ".xlwings" / "xlwings.conf"


def config_layers(pc: Pc, werkmap: Path | None) -> list[Layer]:
    """xlwings' order: the workbook's sheet, the file beside it, the user's file. Without a workbook
    the sheet is what werkboek writes into every new workbook."""
    layers = []
    if werkmap is None:
        layers.append(Layer("het blad xlwings.conf van nieuwe werkboek-werkmappen",
                            {k.upper(): v for k, v in xlwings_conf.settings()}))
    else:
        sheet = _conf_sheet(werkmap)
        if sheet is not None:
            layers.append(Layer(f"het blad xlwings.conf van {werkmap.name}", sheet))
        beside = werkmap.parent / "xlwings.conf"
        if beside.is_file():
            layers.append(Layer(str(beside), _conf_file(beside)))
    user = user_config_file(pc)
    if user.is_file():
        layers.append(Layer(str(user), _conf_file(user)))
    return layers


def _conf_sheet(path: Path) -> dict[str, str] | None:
    """The workbook's xlwings.conf sheet as the add-in reads it: A1 down to the first empty cell."""
    import python_calamine

    try:
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(inspect(path).data)) as book:
            if schema.XLWINGS_SHEET not in book.sheet_names:
                return None
            rows = book.get_sheet_by_name(schema.XLWINGS_SHEET).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001  the workbook's own check reports an unreadable file
        return None
    out = {}
    for row in rows:
        key = str(row[0]).strip() if row and row[0] is not None else ""
        if not key:
            break
        out[key.upper()] = _text(row[1] if len(row) > 1 else "")
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _conf_file(path: Path) -> dict[str, str]:
    """xlwings.conf as xlwings writes it: one "KEY","VALUE" per line."""
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return out
    for line in text.splitlines():
        values = re.findall(r'"([^"]*)"', line)
        if len(values) >= 2:
            out.setdefault(values[0].upper(), values[1])
    return out


def _setting(layers: list[Layer], *keys: str) -> tuple[str, str]:
    """The first layer's value for the first key it has (xlwings asks key by key): (value, where)."""
    for key in keys:
        for layer in layers:
            if layer.values.get(key, "") != "":
                return layer.values[key], layer.where
    return "", ""


def _config(pc: Pc, werkmap: Path | None) -> list[Requirement]:
    """The interpreter xlwings starts and whether it can load werkboek; the UDF server."""
    layers = config_layers(pc, werkmap)
    checks = []
    conda, where = _setting(layers, "CONDA PATH")
    if conda:
        checks.append(Requirement("Python voor Excel", TIP, f"conda-omgeving ({where}); niet nagekeken",
                                  code="python-voor-excel"))
    else:
        key = "INTERPRETER_MAC" if pc.platform == "darwin" else "INTERPRETER_WIN"
        interpreter, where = _setting(layers, key)
        if not interpreter:
            interpreter, where = _setting(layers, "INTERPRETER")
        checks.extend(_interpreter(pc, interpreter, where or "nergens ingesteld"))
    udf, where = _setting(layers, "USE UDF SERVER")
    if udf.lower() == "true":
        checks.append(Requirement("UDF-server", PRESENT, f"aan ({where}): Python blijft klaarstaan tussen twee klikken",
                                  code="udf-server"))
    elif pc.platform == "win32":
        checks.append(Requirement("UDF-server", TIP, "uit: elke klik start Python opnieuw (enkele seconden)",
                                  "werkmappen van werkboek zetten de UDF-server zelf aan (blad xlwings.conf); voor een "
                                  "oudere werkmap: maak een nieuwe met 'werkboek nieuw' en neem de gegevens over",
                                  code="udf-server"))
    return checks


def _interpreter(pc: Pc, interpreter: str, where: str) -> list[Requirement]:
    what, code = "Python voor Excel", "python-voor-excel"
    todo = INSTALL
    if not interpreter:
        return [Requirement(what, MISSING, f"geen interpreter ingesteld ({where})", todo, code=code)]
    expanded = pc.expand(interpreter)
    shown = interpreter if expanded == interpreter else f"{interpreter} = {expanded}"
    windowsy = "\\" in expanded or "/" in expanded
    found = expanded if windowsy else _which(expanded)
    if not found or not Path(found).is_file():
        return [Requirement(what, MISSING, f"'{shown}' bestaat niet ({where})", todo, code=code, path=expanded)]
    try:
        proc = subprocess.run([found, "-c", "import werkboek.excel, xlwings; print(xlwings.__version__)"],
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Requirement(what, MISSING, f"{found} start niet ({exc})", todo, code=code, path=found)]
    if proc.returncode != 0:
        return [Requirement(what, MISSING, f"{found} kan werkboek of xlwings niet laden ({where})", todo,
                            code=code, path=found)]
    theirs, ours = proc.stdout.strip(), _package_version("xlwings")
    checks = [Requirement(what, PRESENT, f"{shown} laadt werkboek (xlwings {theirs}; {where})", code=code, path=found)]
    if ours and theirs != ours:
        checks.append(Requirement("xlwings van Python voor Excel", MISSING,
                                  f"{theirs}, maar dit werkboek heeft xlwings {ours}", todo,
                                  code="xlwings-voor-excel", path=found))
    if pc.platform == "win32":
        checks.append(_dll(Path(found), theirs))
    return checks


def _dll(interpreter: Path, version: str) -> Requirement:
    """The add-in loads xlwings' DLL from the interpreter's folder or the one above (a venv);
    a per-user pip install puts it elsewhere."""
    names = [f"xlwings64-{version}.dll", f"xlwings32-{version}.dll"]
    for folder in (interpreter.parent, interpreter.parent.parent):
        for name in names:
            if (folder / name).is_file():
                found = str(folder / name)
                return Requirement("xlwings-DLL", PRESENT, found, code="xlwings-dll", path=found)
    return Requirement("xlwings-DLL", MISSING, f"{names[0]} staat niet in {interpreter.parent} of "
                       f"{interpreter.parent.parent}: "
                       "xlwings is waarschijnlijk per gebruiker geïnstalleerd (pip install --user)", INSTALL,
                       code="xlwings-dll")


def _which(name: str) -> str | None:
    return shutil.which(name)


def _workbook(path: Path, pc: Pc) -> Requirement:
    what, code = "Werkmap", "werkmap"
    try:
        inspect(path)
    except FileProblem as exc:
        return Requirement(what, MISSING, exc.what, exc.todo, code=code, path=str(path), problem=exc.code)
    if path.suffix.lower() != ".xlsm":
        return Requirement(what, MISSING, f"{path.name} heeft geen macro's (.xlsm nodig)",
                           "gebruik een kopie van Netwerkkaart.xlsm", code=code, path=str(path))
    if pc.platform == "win32" and _downloaded(path):
        return Requirement(what, MISSING, f"{path} komt van internet of uit een e-mail: Windows blokkeert de macro's",
                           "rechtsklik op het bestand > Eigenschappen > vink 'Blokkering opheffen' aan > OK; "
                           "of bewaar de werkmappen in een vertrouwde locatie", code=code, path=str(path))
    return Requirement(what, PRESENT, str(path), code=code, path=str(path))


def _downloaded(path: Path) -> bool:
    """Mark of the Web: Windows keeps a Zone.Identifier stream on files from the internet or e-mail."""
    try:
        with open(f"{path}:Zone.Identifier", encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return False
    return any(f"ZoneId={zone}" in text.replace(" ", "") for zone in (3, 4))
