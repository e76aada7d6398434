"""Where a button's document goes on this PC, and opening it in its desktop program."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Folders Outlook, Internet Explorer and Office open attachments and downloads from.
_TEMP_PARTS = {"inetcache", "content.outlook", "temporary internet files", "content.mso", "content.ie5"}


def report_folder(fullname: str, read_only: bool = False) -> tuple[Path, bool]:
    """Where a report goes: (folder, True) beside a saved, writable workbook; else (Documents, False).

    Not beside: an unsaved new book ("Map1"), a web address (OneDrive/SharePoint not synced), a
    read-only file, or a temporary folder (an e-mail attachment or a download opened directly).
    """
    path = Path(fullname) if fullname and "://" not in fullname else None
    if (path is not None and path.is_absolute() and path.is_file() and not read_only
            and os.access(path, os.W_OK) and not _is_temporary(path.parent) and _can_write(path.parent)):
        return path.parent, True
    return documents_folder(), False


def _is_temporary(folder: Path) -> bool:
    parts = {p.casefold() for p in folder.parts}
    if parts & _TEMP_PARTS:
        return True
    temp = Path(tempfile.gettempdir()).resolve()
    resolved = folder.resolve()
    return resolved == temp or temp in resolved.parents


def _can_write(folder: Path) -> bool:
    # os.access says little on Windows (ACLs, OneDrive): try it.
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def documents_folder() -> Path:
    """The user's Documents folder (where Windows really keeps it, also when redirected to OneDrive)."""
    if sys.platform == "win32":
        import ctypes  # Windows only here

        buf = ctypes.create_unicode_buffer(260)
        if ctypes.windll.shell32.SHGetFolderPathW(None, 5, None, 0, buf) == 0 and buf.value:  # 5: CSIDL_PERSONAL
            return Path(buf.value)
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


def open_file(path: Path) -> bool:
    """Open the file in its desktop program (Word, Excel) on Windows and Mac; False where there is
    no desktop to open it on."""
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", str(path)])
            return True
    except OSError:
        pass
    return False
