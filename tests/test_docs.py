"""Generated docs are committed as generated, and the README's promises hold."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
gen_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen_docs)


@pytest.mark.parametrize("name", sorted(gen_docs.GENERATED))
def test_generated_doc_is_in_sync(name: str) -> None:
    module, func = gen_docs.GENERATED[name]
    expected = getattr(importlib.import_module(module), func)()
    assert (ROOT / "docs" / name).read_text(encoding="utf-8") == expected, "run: python scripts/gen_docs.py"


def test_field_reference_names_every_header() -> None:
    from werkboek.workbook import schema

    text = (ROOT / "docs" / "velden.md").read_text(encoding="utf-8")
    for sheet in schema.TABLES:
        for col in sheet.columns:
            assert f"| {col.header} |" in text


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/test" in readme and "./scripts/test" in ci
    assert "./scripts/demo" in readme
