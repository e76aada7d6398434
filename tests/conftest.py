"""Shared fixtures: real workbooks built by the project's own builder, in tmp_path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from werkboek.workbook.builder import build


@pytest.fixture(scope="session")
def template_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty Netwerkkaart, freshly built."""
    return build(tmp_path_factory.mktemp("template") / "Netwerkkaart.xlsm")


@pytest.fixture(scope="session")
def demo_case():
    from werkboek.demo import demo_case as make

    return make()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory, demo_case) -> Path:
    """The demo case written into a workbook (read-only for tests: copy before changing)."""
    return build(tmp_path_factory.mktemp("demo") / "Netwerkkaart-demo.xlsm", demo_case)


@pytest.fixture
def soffice() -> str:
    """LibreOffice's binary; skipped when absent (scripts/test installs it as root)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed (scripts/test installs it as root)")
        pytest.skip("LibreOffice is not installed")
    return exe


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory):
    """One headless LibreOffice Calc for the whole session (tests/office.py), stopped at the end.
    Skipped when Calc or the system Python's uno is absent (scripts/test installs them as root);
    under CI=true that fails instead."""
    from tests.office import Office, unavailable

    reason = unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (scripts/test installs it as root)")
        pytest.skip(reason)
    with Office(tmp_path_factory.mktemp("office")) as running:
        yield running


# Hypothesis: "dev" keeps property tests quick; "ci" (chosen when CI is set) runs them thoroughly.
# Tests that pass their own max_examples keep it. Choose with HYPOTHESIS_PROFILE=dev|ci.
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
