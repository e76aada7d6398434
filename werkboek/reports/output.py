"""Where a report goes and what it is called, which template it uses (the organisation's own
copy when there is one), and its PDF (LibreOffice)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import WerkboekError
from ..files import free_path, write_failed
from ..workbook.model import Case, Record
from .common import text

MEETING_REPORT, EVALUATION_REPORT = "verslag", "eindevaluatie"  # the kinds, as the command line names them
SAFETY_PLAN = "veiligheidsplan"
TEMPLATES = {MEETING_REPORT: "verslag_netwerkberaad.docx", EVALUATION_REPORT: "eindevaluatie.docx",
             SAFETY_PLAN: "veiligheidsplan.docx"}
TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
# A beheerder points this at a folder with the organisation's own copies of the templates.
TEMPLATES_ENV = "WERKBOEK_SJABLONEN"
PDF_TIMEOUT = 180  # seconds


def template_path(kind: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """The organisation's own copy when its profile's templates folder (`folder`), else the folder
    WERKBOEK_SJABLONEN names, has one; else werkboek's own."""
    for own in (folder, os.environ.get(TEMPLATES_ENV)):
        if own and (Path(own) / TEMPLATES[kind]).is_file():
            return Path(own) / TEMPLATES[kind]
    return TEMPLATE_DIR / TEMPLATES[kind]


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def default_name(case: Case, kind: str, meeting: Record | None, today: dt.date,
                 version: tuple[int, dt.date] | None = None) -> str:
    """'Verslag netwerkberaad 2025-0412 B2 2025-03-14.docx', 'Eindevaluatie 2025-0412 2026-11-23.docx',
    'Veiligheidsplan 2025-0412 versie 2 2025-03-20.docx' (a version and its date: each its own file)."""
    number_ = (_UNSAFE.sub("-", text(case.dossier.get("dossiernummer"))).strip(" .-")
               or Path(case.source or "dossier").stem)
    if kind == MEETING_REPORT and meeting is not None:
        day = meeting.get("datum")
        return f"Verslag netwerkberaad {number_} {_UNSAFE.sub('-', str(meeting.id))} {(day or today).isoformat()}.docx"
    if kind == SAFETY_PLAN and version is not None:
        return f"Veiligheidsplan {number_} versie {version[0]} {version[1].isoformat()}.docx"
    return f"Eindevaluatie {number_} {today.isoformat()}.docx"


def output_path(workbook: Path | None, uit: str | os.PathLike[str] | None, name: str, pdf: bool) -> Path:
    """Where a report goes: next to the workbook by default (the current folder for a case read
    from no file), in `uit` if it is a folder, else `uit` itself. Never a file that exists or is open."""
    if uit is None:
        path = (workbook.parent if workbook else Path.cwd()) / name
    elif _is_dir(Path(uit)):
        path = Path(uit) / name
    else:
        path = Path(uit)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
    if not path.parent.is_dir():
        raise WerkboekError(f"{path}: de map {path.parent} bestaat niet.",
                            "Maak de map eerst aan of kies een andere plaats.")
    return free_path(path, (".pdf",) if pdf else ())


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a name too long to be anything: not a folder (writing it gives the message)
        return False


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        exe = Path(base or "/nonexistent") / "LibreOffice" / "program" / "soffice.exe"
        if exe.is_file():
            return str(exe)
    return None


def to_pdf(docx: Path) -> Path:
    """Convert with LibreOffice (its own profile per run: concurrent runs would write nothing)."""
    exe = soffice()
    if exe is None:
        raise WerkboekError(f"{docx}: het Word-verslag is gemaakt, maar er is geen PDF: LibreOffice is niet "
                            "geïnstalleerd.",
                            "Installeer LibreOffice (www.libreoffice.org), of open het verslag in Word en kies "
                            "Opslaan als PDF.")
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="werkboek-pdf-") as tmp:
        outdir = Path(tmp) / "uit"
        cmd = [exe, f"-env:UserInstallation={(Path(tmp) / 'profiel').as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
        made = outdir / f"{docx.stem}.pdf"
        for _ in range(2):  # a fresh profile's very first start sometimes gives up ("user installation")
            try:
                subprocess.run(cmd, capture_output=True, timeout=PDF_TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                raise WerkboekError(f"{docx}: LibreOffice deed er langer dan {PDF_TIMEOUT} seconden over om een "
                                    "PDF te maken.",
                                    "Probeer opnieuw, of open het verslag in Word en kies Opslaan als PDF.") from None
            if made.is_file():
                break
        if not made.is_file():
            raise WerkboekError(f"{docx}: LibreOffice kon er geen PDF van maken.",
                                "Open het verslag in Word en kies Opslaan als PDF.")
        try:
            shutil.move(str(made), target)
        except OSError as exc:  # e.g. an older PDF of that name open in a viewer
            raise write_failed(target, exc) from None
    return target
