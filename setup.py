"""The one thing pyproject.toml cannot say: the wheel carries the Dutch manuals the program points
to (`werkboek excel-check`, `--help`, the buttons' messages), copied from docs/ into werkboek/docs/
when the package is built, so every PC has them beside the code. docs/ stays their one source."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MANUALS = ("installatie-windows.md", "controles.md", "velden.md", "cli.md", "jaarcijfers.md", "beheer.md")


class BuildWithManuals(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads docs/ itself
            return
        target = Path(self.build_lib, "werkboek", "docs")
        target.mkdir(parents=True, exist_ok=True)
        for name in MANUALS:
            shutil.copyfile(Path(__file__).parent / "docs" / name, target / name)


setup(cmdclass={"build_py": BuildWithManuals})
