"""Writing output files: atomically, and never over a file a user has or has open."""

from __future__ import annotations

import errno
import itertools
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import CannotWrite, WerkboekError


def new_file(path: str | os.PathLike[str], suffix: str, overschrijf: bool = False) -> Path:
    """Check a path for a new file the user named: right extension, folder exists, and not an
    existing file unless `overschrijf`. Raises a Dutch WerkboekError otherwise."""
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise WerkboekError(f"{path}: dit bestand moet de extensie {suffix} hebben.",
                            f"Kies een naam die op {suffix} eindigt.")
    if _exists(path) and not overschrijf:
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
    tmp = _temporary(path)
    try:
        yield Path(tmp)
        if os.name == "posix":  # mkstemp makes the file private (0600); a user expects the usual mode
            os.chmod(tmp, _usual_mode(path))
        replace_held(Path(tmp), path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename not in (None, tmp, str(path)):
            raise  # about another file (a template, say): not this write
        raise write_failed(path, exc) from None
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


def _temporary(path: Path) -> str:
    """A new temporary file beside `path`. Its name is short (a long target name plus mkstemp's
    part would pass the 255 characters a file name may have); a folder werkboek may not write in
    gives a Dutch WerkboekError."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:20]}-", suffix=path.suffix[:10])
    except OSError as exc:
        raise write_failed(path, exc, making=True) from None
    os.close(fd)
    return tmp


def write_failed(path: Path, exc: OSError, making: bool = False) -> CannotWrite:
    """An OSError while writing `path` (`making`: while making a file or folder in its folder), as
    a Dutch message that says what to do instead."""
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:  # 206: Windows' own "too long"
        return CannotWrite(f"{path}: deze bestandsnaam is te lang ({len(path.name)} tekens).",
                           f"Kies een kortere naam, van hoogstens {MAX_NAME} tekens.")
    if exc.errno == errno.ENOSPC:
        return CannotWrite(f"{path}: de schijf is vol; het bestand is niet geschreven.",
                           "Maak plaats vrij, of kies een map op een andere schijf.")
    elsewhere = _writable_suggestion(path.parent)
    if (isinstance(exc, PermissionError) or exc.errno == errno.EROFS) and making:
        return CannotWrite(f"{path}: werkboek mag niet schrijven in de map {path.parent} (ze is alleen-lezen, of je "
                           "hebt er geen schrijfrechten).", f"Kies een map waarin je mag schrijven{elsewhere}.")
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return CannotWrite(f"{path}: het bestand kon niet geschreven worden: het is open in een ander programma, of "
                           f"werkboek mag niet schrijven in de map {path.parent}.",
                           f"Sluit het bestand als het open is, of kies een map waarin je mag schrijven{elsewhere}.")
    return CannotWrite(f"{path}: het bestand kon niet geschreven worden ({exc.strerror or type(exc).__name__}).",
                       f"Probeer opnieuw, of kies een andere map{elsewhere}.")


def make_folder(path: str | os.PathLike[str]) -> Path:
    """A folder for output (made with its parents when missing), or a Dutch CannotWrite."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(path, exc, making=True) from None
    return path


MAX_NAME = 200  # characters: what Windows (MAX_PATH 260 with its folder) and Linux (255 bytes) take in practice


def _writable_suggestion(folder: Path) -> str:
    """A folder the user surely may write in: their Documents, else their home folder."""
    for place in (Path.home() / "Documents", Path.home()):
        if place.is_dir() and place.resolve() != folder.resolve():
            return f", bijvoorbeeld {place}"
    return ""


def _usual_mode(path: Path) -> int:
    """The permissions of the file being replaced, or those a new file gets (umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# The folder beside a workbook where `werkboek bijwerken` keeps the old file ("werkboek-oud 2026-12-02").
# The yearly figures do not read these folders: their workbooks are the same cases again.
BACKUP_PREFIX = "werkboek-oud"


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    with atomic(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def is_lock_file(path: str | os.PathLike[str]) -> bool:
    """Excel's or Word's own "~$name" file, beside a document someone has (or had) open."""
    return Path(path).name.startswith("~$")


def busy(path: Path) -> bool:
    """The file exists, or Word/Excel has it open (its lock file "~$name" sits next to it)."""
    if _exists(path):
        return True
    return any(_exists(path.parent / f"~${path.name[cut:]}") for cut in (0, 1, 2))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long to be a file (a lock file of a long name): it is not there
        return False


def free_path(path: Path, siblings: tuple[str, ...] = ()) -> Path:
    """`path`, or 'name (2).docx', 'name (3).docx', ...: never a file that exists or is open,
    nor one whose sibling with a suffix of `siblings` (written along with it) is."""
    for n in itertools.count(1):
        candidate = path if n == 1 else path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not busy(candidate) and not any(busy(candidate.with_suffix(s)) for s in siblings):
            return candidate
    raise AssertionError("unreachable")
