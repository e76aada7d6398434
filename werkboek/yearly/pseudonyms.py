"""Pseudonyms for everything that leaves a case workbook.

Case numbers become HMAC-SHA256 pseudonyms under a key the coordinator keeps outside every
workbook and the repository: the same case gets the same pseudonym across runs and years, and
without the key nobody can go back (a plain hash of a case number is reversed in milliseconds).
There is no built-in key: without a key file every run draws a fresh random one.

The recipe is public (docs/jaarcijfers.md, "Het recept", checked by a test that follows it with
hmac and hashlib only): key = the bytes of the key file's one hex line; message = UTF-8 of
"dossier" 0x1F normalised number (whitespace runs to one space, trimmed, casefolded); first 16
hex digits of HMAC-SHA256. A person: "persoon" 0x1F number 0x1F ID (whitespace only), 10 digits.
Changing any step changes every pseudonym and breaks the link between years.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..errors import WerkboekError
from ..files import write_failed

KEY_BYTES = 32
PSEUDONYM_HEX = 16  # 64 bits: no collision to fear among a sector's case numbers
ALTER_HEX = 10

_KEY_HEADER = ("# werkboek-sleutel voor pseudoniemen in de jaarcijfers. Geheim houden; niet in een werkmap of "
               "repository.\n")


def normalise_case_number(number: object) -> str:
    """'  2025 - 017 ' and '2025 - 017' give the same pseudonym; so do 'AB12' and 'ab12'."""
    return " ".join(str(number).split()).casefold()


@dataclass(frozen=True)
class Pseudonymizer:
    key: bytes
    from_file: bool  # False: a random key for this run only

    def _mac(self, *parts: str) -> str:
        message = "\x1f".join(parts).encode("utf-8")
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()

    def case(self, number: object) -> str:
        return self._mac("dossier", normalise_case_number(number))[:PSEUDONYM_HEX]

    def person(self, number: object, person_id: object) -> str:
        """A person within a case: stable across runs with the same key, unrelated across cases."""
        return self._mac("persoon", normalise_case_number(number), " ".join(str(person_id).split()))[:ALTER_HEX]


def random_pseudonymizer() -> Pseudonymizer:
    return Pseudonymizer(secrets.token_bytes(KEY_BYTES), from_file=False)


def make_key(path: str | os.PathLike[str]) -> Path:
    """Write a new random key file (readable by its owner only); never overwrite one."""
    path = Path(path)
    if path.exists():
        raise WerkboekError(f"{path}: dit bestand bestaat al en wordt niet overschreven.",
                            "Een bestaande sleutel vervangen maakt alle pseudoniemen anders. Kies een andere naam.")
    if not path.parent.is_dir():
        raise WerkboekError(f"{path}: de map {path.parent} bestaat niet.", "Maak de map eerst aan.")
    text = _KEY_HEADER + secrets.token_hex(KEY_BYTES) + "\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise WerkboekError(f"{path}: dit bestand bestaat al en wordt niet overschreven.",
                            "Kies een andere naam.") from None
    except OSError as exc:
        raise write_failed(path, exc, making=True) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
    return path


def load_key(path: str | os.PathLike[str]) -> Pseudonymizer:
    path = Path(path)
    todo = "Geef het sleutelbestand dat 'werkboek sleutel PAD' maakte, of maak er een."
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise WerkboekError(f"{path}: het sleutelbestand bestaat niet.", todo) from None
    except (OSError, UnicodeDecodeError):
        raise WerkboekError(f"{path}: dit is geen leesbaar sleutelbestand.", todo) from None
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    try:
        key = bytes.fromhex(lines[0]) if len(lines) == 1 else b""
    except ValueError:
        key = b""
    if len(key) < 16:
        raise WerkboekError(f"{path}: dit is geen geldig sleutelbestand "
                            "(verwacht: één regel met 64 hexadecimale tekens).", todo)
    return Pseudonymizer(key, from_file=True)
