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


def _hypothesis_profiles() -> None:
    """Hypothesis profiles: `dev` (the default) tries a tenth of the examples, for quick runs while
    working; `ci` (CI=true ./scripts/test) has the full numbers. HYPOTHESIS_PROFILE names one.

    Each profile extends what is registered under its name already (Hypothesis's own `ci`:
    derandomized, no database; or another conftest's), so a second registration elsewhere keeps
    working. Tests that need more or fewer examples than the default use tests.strategies.examples.
    """
    import os

    from hypothesis.errors import InvalidArgument

    for name, max_examples in (("ci", 300), ("dev", 30)):
        try:
            parent = settings.get_profile(name)
        except InvalidArgument:
            parent = settings.get_profile("default")
        settings.register_profile(name, parent, max_examples=max_examples, deadline=None)  # machines are shared
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


_hypothesis_profiles()
