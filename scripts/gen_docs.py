"""Regenerate the docs that are made from code: docs/velden.md (and docs/controles.md when the
checks catalogue is there). Tests fail when a committed file differs from what this writes."""

from __future__ import annotations

import importlib
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

GENERATED = {
    "velden.md": ("werkboek.reference", "fields_markdown"),
    "controles.md": ("werkboek.checks", "catalogue_markdown"),
}


def main() -> None:
    for name, (module, func) in GENERATED.items():
        try:
            text = getattr(importlib.import_module(module), func)()
        except (ImportError, AttributeError):
            continue
        (DOCS / name).write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
