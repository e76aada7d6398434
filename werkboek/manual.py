"""Where the Dutch manuals are on this PC: beside the code in an installed werkboek (the wheel
carries docs/*.md as werkboek/docs/, see setup.py), or in docs/ of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def manual(name: str) -> Path:
    """The manual `name` ("installatie-windows", "controles", ...); its usual place if it is missing."""
    for folder in (_PACKAGE / "docs", _PACKAGE.parent / "docs"):
        path = folder / f"{name}.md"
        if path.is_file():
            return path
    return _PACKAGE / "docs" / f"{name}.md"
