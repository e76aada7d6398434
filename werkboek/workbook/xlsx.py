"""The one workbook factory: XlsxWriter with werkboek's options and house styles, and the VBA
project added with pyOpenVBA. Every workbook werkboek writes (the Netwerkkaart, the
coordinator's Jaarcijfers.xlsm, the yearly figures) starts here.

Text is never guessed into a formula, number or link (a team called "=HYPERLINK(...)" lands as
text), and document dates are fixed where a build must be deterministic.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from ..errors import WerkboekError

VBA_DIR = Path(__file__).parent.parent / "vba"
FIXED_TIME = dt.datetime(2026, 1, 1)  # document properties: deterministic builds
OPTIONS = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
_MACRO_CT = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_PLAIN_CT = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

# House styles: every format is BASE plus one of these (plus what a sheet needs on top).
BASE = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
TITLE_BLUE, GREY, HEADER_FILL, INPUT_BORDER = "#1F4E79", "#595959", "#DDEBF7", "#BFBFBF"
INPUT_FILL = "#FFF9E6"
STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_color": TITLE_BLUE},
    "intro": {"italic": True, "font_color": GREY, "text_wrap": True},
    "label": {"bold": True},
    "help": {"font_color": GREY, "font_size": 9, "text_wrap": True},
    "header": {"bold": True, "text_wrap": True, "bg_color": HEADER_FILL, "border": 1},
    "input": {"bg_color": INPUT_FILL, "border": 1, "border_color": INPUT_BORDER},
}


class BuildError(WerkboekError):
    """A workbook werkboek cannot build (a broken installation, not a user's file)."""


def new_workbook(target: io.BytesIO | str | os.PathLike[str], **properties: Any) -> Any:
    """An XlsxWriter workbook writing to `target` (in memory for a buffer), authored by werkboek."""
    import xlsxwriter  # local: keep it off the read and check paths

    in_memory = isinstance(target, io.BytesIO)
    wb = xlsxwriter.Workbook(target if in_memory else str(target),
                             {**({"in_memory": True} if in_memory else {}), **OPTIONS})
    wb.set_properties({"author": "werkboek", "company": "", "created": FIXED_TIME, **properties})
    return wb


def formats(wb: Any, specs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Named formats, each BASE plus its spec, added in the order given."""
    return {name: wb.add_format({**BASE, **spec}) for name, spec in specs.items()}


def vba_modules(folder: Path | None = None) -> dict[str, str]:
    """The macros in `folder` (default: the Netwerkkaart's), by module name, as VBA wants them:
    CRLF, and every character in cp1252 (another would silently become '?')."""
    modules = {}
    for bas in sorted((folder or VBA_DIR).glob("*.bas")):
        text = bas.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
        try:
            text.encode("cp1252", errors="strict")
        except UnicodeEncodeError as exc:
            bad = text[exc.start : exc.end]
            raise BuildError(f"{bas}: het teken {bad!r} past niet in cp1252 (VBA zou '?' tonen).",
                             "Herstel de installatie van werkboek (dit bestand hoort bij werkboek zelf).") from None
        modules[bas.stem] = text
    return modules


def add_vba(xlsx: bytes, folder: Path | None = None) -> bytes:
    """An XlsxWriter workbook with the macros of `folder` added, declared macro-enabled."""
    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory(prefix="werkboek-build-") as tmp:
        src, dst = Path(tmp, "in.xlsm"), Path(tmp, "out.xlsm")
        src.write_bytes(xlsx)
        with ExcelFile(str(src)) as book:
            project = book.add_vba_project()
            for name, code in vba_modules(folder).items():
                project.add_module(name, code)
            book.save(str(dst))
        return _macro_content_type(dst.read_bytes())


def _macro_content_type(data: bytes) -> bytes:
    """Declare the workbook part macro-enabled (Excel refuses an .xlsm without it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(_PLAIN_CT, _MACRO_CT)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, body)
    return out.getvalue()
