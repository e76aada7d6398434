"""Writing output files: atomically, and never over a file a user has or has open."""

from __future__ import annotations

import itertools
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import WerkboekError


def new_file(path: str | os.PathLike[str], suffix: str, overschrijf: bool = False) -> Path:
    """Check a path for a new file the user named: right extension, folder exists, and not an
    existing file unless `overschrijf`. Raises a Dutch WerkboekError otherwise."""
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise WerkboekError(f"{path}: dit bestand moet de extensie {suffix} hebben.",
                            f"Kies een naam die op {suffix} eindigt.")
    if path.exists() and not overschrijf:
        raise WerkboekError(f"{path}: dit bestand bestaat al en wordt niet overschreven.",
                            "Kies een andere naam, of gebruik --overschrijf als je het echt wil vervangen.")
    if not path.parent.is_dir():
        raise WerkboekError(f"{path}: de map {path.parent} bestaat niet.", "Maak de map eerst aan.")
    return path


@contextmanager
def atomic(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one step, so a
    reader never sees half a file and a failed write leaves the old file as it was."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    os.close(fd)
    try:
        yield Path(tmp)
        if os.name == "posix":  # mkstemp makes the file private (0600); a user expects the usual mode
            os.chmod(tmp, _usual_mode(path))
        replace_held(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Waits between tries to replace a file another program holds: about 1.5 s in all. OneDrive and
# virus scanners let go within a second; Excel or Word that has the file open does not.
REPLACE_WAITS = (0.05, 0.1, 0.2, 0.4, 0.75)


def replace_held(tmp: Path, path: Path, replace: Callable[[Path, Path], None] = os.replace,
                 waits: tuple[float, ...] = REPLACE_WAITS) -> None:
    """Put `tmp` in the place of `path`; while another program holds `path` (Windows refuses to
    replace a file that is open, and OneDrive and virus scanners hold files for a moment), try
    again a few times, then say in Dutch what to do."""
    for wait in (*waits, None):
        try:
            replace(tmp, path)
            return
        except PermissionError:
            if wait is None:
                raise WerkboekError(f"{path}: dit bestand kan niet vervangen worden: het is geopend in een ander "
                                    "programma (bijvoorbeeld Excel of Word) of wordt even vastgehouden door OneDrive "
                                    "of een virusscanner.",
                                    "Sluit het bestand en probeer het opnieuw, of kies een andere naam.") from None
            time.sleep(wait)


def _usual_mode(path: Path) -> int:
    """The permissions of the file being replaced, or those a new file gets (umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    with atomic(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def busy(path: Path) -> bool:
    """The file exists, or Word/Excel has it open (its lock file "~$name" sits next to it)."""
    if path.exists():
        return True
    return any((path.parent / f"~${path.name[cut:]}").exists() for cut in (0, 1, 2))


def free_path(path: Path, siblings: tuple[str, ...] = ()) -> Path:
    """`path`, or 'name (2).docx', 'name (3).docx', ...: never a file that exists or is open,
    nor one whose sibling with a suffix of `siblings` (written along with it) is."""
    for n in itertools.count(1):
        candidate = path if n == 1 else path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not busy(candidate) and not any(busy(candidate.with_suffix(s)) for s in siblings):
            return candidate
    raise AssertionError("unreachable")
