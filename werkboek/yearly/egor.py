"""Research export: the networks of the counted cases as three CSV tables in the layout of the
R package egor (`egor(alters, egos, aaties)` with its default ID columns egoID, alterID,
Source and Target), and a LEESMIJ.txt that says what they are.

Pseudonymised personal data, not anonymous figures: no names, contacts, free text, birth years
or dates, but one row per case and per network member. Their sums give counts the yearly
figures may hide, and their rows can be matched to hidden groups; so the export carries only
the grouping columns the coordinator asks for (`GROUPINGS`), the audit takes what it gives
exactly as public (`known`), and LEESMIJ.txt says to share it only under a data agreement.
UTF-8 with a BOM (Excel opens it correctly), comma separated; a cell that starts with = + - @
gets a leading apostrophe so a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import __version__, dutch
from ..errors import WerkboekError
from ..files import atomic, make_folder, write_atomic
from .disclosure import OVERVIEW
from .harvest import MEASURED, PERSON_ATTRS, Used

EGOS, ALTERS, AATIES, README = "egos.csv", "alters.csv", "aaties.csv", "LEESMIJ.txt"
FILES = (EGOS, ALTERS, AATIES, README)
EGO_FIGURES = ("meetings", "actions", "actions_informal_share", "goals", "goals_reached_share")
# The grouping columns a coordinator may ask for (--export-groepen): name -> egos.csv columns.
GROUPINGS: dict[str, tuple[str, ...]] = {
    "team": ("team",),
    "eenheid": ("eenheid",),
    "hulpvorm": ("hulpvorm",),
    "methode": ("methode", "methode2"),
    "centrale-persoon": ("soort_centraal",),
    "jaren": ("startjaar", "eindjaar"),
}
# The breakdown sheet a grouping column rebuilds, row by row.
SHEET_OF = {"team": "Per team", "hulpvorm": "Per hulpvorm", "methode": "Per methode",
            "centrale-persoon": "Per centrale persoon"}
# Counts the rows add up to exactly: per case in egos.csv, or counted from alters.csv (its circles
# at start and end give added, re-found, lost and moved; a row per case gives the cases).
EXACT = frozenset({"cases", "meetings", "actions", "goals", "added", "refound", "lost", "inwards", "outwards"})


def groupings(names: Iterable[str]) -> tuple[str, ...]:
    """The grouping names as asked (comma lists allowed), checked; in GROUPINGS' order."""
    asked = {part.strip().casefold() for name in names for part in name.split(",") if part.strip()}
    unknown = sorted(asked - set(GROUPINGS))
    if unknown:
        raise WerkboekError(f"onbekende groepering voor de export: {', '.join(unknown)}.",
                            f"Kies uit: {', '.join(GROUPINGS)} (gescheiden door komma's).")
    return tuple(g for g in GROUPINGS if g in asked)


def known(groups: Sequence[str]) -> dict[str, frozenset[str]]:
    """What the export gives exactly, per sheet of the yearly figures (for the audit)."""
    exact = EXACT | ({"started", "closed"} if "jaren" in groups else frozenset())
    out = {OVERVIEW: exact}
    out.update({SHEET_OF[g]: exact for g in groups if g in SHEET_OF})
    return out


def check_folder(folder: Path, overwrite: bool) -> None:
    """Refuse, before any work, a folder that is a file or already holds an export."""
    if folder.exists() and not folder.is_dir():
        raise WerkboekError(f"{folder}: dit is een bestand, geen map.", "Geef een map voor de CSV-bestanden.")
    there = [name for name in FILES if (folder / name).exists()]
    if there and not overwrite:
        raise WerkboekError(f"{folder}: deze map bevat al een export ({', '.join(there)}); die wordt niet "
                            "overschreven.",
                            "Kies een andere map, of gebruik --overschrijf als je ze echt wil vervangen.")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return dutch.yes_no(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return dutch.as_text_cell(str(value))


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with atomic(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows([cell(v) for v in row] for row in rows)


def _year(value: Any) -> int | None:
    return value.year if isinstance(value, dt.date) else None


def _ego_value(case: Used, column: str) -> Any:
    if column == "startjaar":
        return _year(case.attrs.get("startdatum"))
    if column == "eindjaar":
        return _year(case.attrs.get("einddatum"))
    return case.attrs.get(column)


def write(cases: Sequence[Used], folder: str | os.PathLike[str], groups: Sequence[str] = (), *, period: str = "",
          key_from_file: bool = True, made_on: dt.date | None = None) -> Path:
    folder = make_folder(folder)
    cases = sorted(cases, key=lambda c: c.pseudonym)
    columns = [col for g in groups for col in GROUPINGS[g]]
    _write(folder / EGOS, ("egoID", *columns, *EGO_FIGURES),
           ((c.pseudonym, *(_ego_value(c, col) for col in columns), *(c.numbers.get(k) for k in EGO_FIGURES))
            for c in cases))
    circles = tuple(f"{vraag}_{moment}" for vraag, moment in MEASURED)
    _write(folder / ALTERS, ("egoID", "alterID", *PERSON_ATTRS, *(f"cirkel_{c}" for c in circles)),
           ((c.pseudonym, a.alter_id, *(a.values.get(k) for k in PERSON_ATTRS), *(a.circles.get(k) for k in circles))
            for c in cases if c.network for a in c.network.alters))
    _write(folder / AATIES, ("egoID", "Source", "Target", "soort", "kwaliteit"),
           ((c.pseudonym, *tie) for c in cases if c.network for tie in c.network.ties))
    write_atomic(folder / README, readme(groups, period=period, key_from_file=key_from_file, made_on=made_on,
                                         cases=len(cases)).encode("utf-8"))
    return folder


def readme(groups: Sequence[str], *, period: str, key_from_file: bool, made_on: dt.date | None, cases: int) -> str:
    made = f"{made_on or dt.date.today():%d/%m/%Y}"
    asked = ", ".join(f"{g} ({', '.join(GROUPINGS[g])})" for g in groups) if groups else \
        "geen (vraag ze met --export-groepen, bv. --export-groepen team,hulpvorm)"
    key = ("met de sleutel van de coördinator: met dezelfde sleutel krijgt een dossier elk jaar "
           "hetzelfde egoID, zodat jaren te koppelen zijn" if key_from_file else
           "ZONDER sleutelbestand: de egoID's zijn willekeurig voor deze keer en niet te koppelen aan andere jaren")
    return f"""Onderzoeksexport van de jaarcijfers {period}
Gemaakt op {made} met werkboek {__version__}; {dutch.plural(cases, 'dossier', 'dossiers')}.

LET OP: GEPSEUDONIMISEERDE PERSOONSGEGEVENS, GEEN ANONIEME CIJFERS.
Er staan geen namen, contactgegevens, geboortejaren, datums of vrije tekst in. Maar elke rij van
egos.csv is één gezin en elke rij van alters.csv één persoon uit zijn netwerk: wie een gezin kent,
kan het herkennen, en wie deze rijen optelt of naast de jaarcijfers legt, vindt ook cijfers terug
die daar verborgen zijn (<5, x). Deel deze map alleen onder een verwerkersovereenkomst of een
onderzoeksprotocol, bewaar ze beveiligd en verwijder ze als het onderzoek klaar is.

Groeperingskolommen in egos.csv: {asked}.
De coördinator kiest ze; neem er niet meer dan het onderzoek nodig heeft.

Bestanden (UTF-8, komma's; in R: egor::threefiles_to_egor of egor::egor(alters, egos, aaties)):
- egos.csv: één rij per dossier. egoID = pseudoniem van het dossier; de gevraagde groeperingen;
  netwerkberaden (meetings), acties (actions, ook vervallen), aandeel niet-vervallen acties bij het
  informele netwerk (actions_informal_share), doelen (goals), aandeel bereikte doelen.
- alters.csv: één rij per persoon in het netwerk, zonder de centrale persoon. alterID =
  pseudoniem van de persoon binnen het dossier; relatie, sector, informeel/formeel, rol, reactie;
  de cirkel (1 binnen, 3 buiten, leeg: niet geplaatst) bij start en einde voor belang, hulp, kennis.
- aaties.csv: de familiebanden van het genogram (egoID, Source, Target, soort, kwaliteit).

Pseudoniemen: {key}. Het recept (HMAC-SHA256) staat in docs/jaarcijfers.md van werkboek.
"""
