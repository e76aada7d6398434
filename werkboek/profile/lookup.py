"""Finding the profile, the same way for every command and every button: the option given
(`--profiel`), else the environment variable IT's install sets (WERKBOEK_PROFIEL), else a file
named `werkboek-profiel.xlsx` in the workbook's folder or a folder above it (a shared drive
with a folder per team finds the organisation's profile at its top)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import EXIT_UNREADABLE, WerkboekError
from .book import read_profile
from .model import Profiel

PROFILE_ENV = "WERKBOEK_PROFIEL"
PROFILE_NAME = "werkboek-profiel.xlsx"
_CACHE: dict[tuple[str, int, int], Profiel] = {}


class ProfileError(WerkboekError):
    """The profile has errors: nothing is made with it until they are fixed (exit code 2)."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, profiel: Profiel) -> None:
        lines = "\n".join(f"  {f.ref}: {f.message} {f.fix}" for f in profiel.fouten)
        super().__init__(f"{profiel.pad}: het profiel van de organisatie heeft {len(profiel.fouten)} "
                         f"{'fout' if len(profiel.fouten) == 1 else 'fouten'}:\n{lines}\n",
                         f"Verbeter het profiel (werkboek profiel controleer \"{profiel.pad}\") en probeer opnieuw.")


def located(explicit: str | os.PathLike[str] | None = None, near: str | os.PathLike[str] | None = None
            ) -> Path | None:
    """Where the profile is (without reading it), or None when there is none."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(PROFILE_ENV, "").strip()
    if env:
        return Path(env)
    if near is None:
        return None
    start = Path(near).resolve()
    folder = start if start.is_dir() else start.parent
    for place in (folder, *folder.parents):
        candidate = place / PROFILE_NAME
        if candidate.is_file():
            return candidate
    return None


def find(explicit: str | os.PathLike[str] | None = None, near: str | os.PathLike[str] | None = None,
         strict: bool = True) -> Profiel | None:
    """The profile that applies (see the module's docstring), read and checked; None without one.
    Raises FileProblem when it cannot be read and, when `strict`, ProfileError when it has errors.
    A profile is read once per process while its file is unchanged (a year of workbooks shares it)."""
    path = located(explicit, near)
    if path is None:
        return None
    try:
        info = path.stat()
        key = (str(path.resolve()), info.st_mtime_ns, info.st_size)
    except OSError:
        key = None
    profiel = _CACHE.get(key) if key else None
    if profiel is None:
        profiel = read_profile(path)
        if key:
            _CACHE[key] = profiel
    if strict and profiel.fouten:
        raise ProfileError(profiel)
    return profiel
