"""Regenerate the docs that are made from code: docs/velden.md, docs/controles.md and docs/cli.md.
Tests fail when a committed file differs from what this writes."""

from __future__ import annotations

import importlib
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

GENERATED = {
    "velden.md": ("werkboek.workbook.reference", "fields_markdown"),
    "controles.md": ("werkboek.checks", "catalogue_markdown"),
    "cli.md": ("werkboek.cli", "reference_markdown"),
}


def main() -> None:
    for name, (module, func) in GENERATED.items():
        text = getattr(importlib.import_module(module), func)()
        (DOCS / name).write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
