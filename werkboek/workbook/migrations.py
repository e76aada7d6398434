"""Reading workbooks of older template versions: the migration table.

Every workbook carries its template version (Keuzes!F1, next to the marker
"werkboek-sjabloonversie"; a workbook without the marker predates markers). The reader finds
columns by their Dutch header, so an older workbook can differ in three ways, each declared here:

- a column was **renamed** since: list its old header in `RENAMED` under the last version that
  used it; the reader then reads the old header as the new one, for that version and older, e.g.

      RENAMED = {1: {"Rol": "Rol in het plan"}}  # version 1 said "Rol"; version 2 "Rol in het plan"

  Old labels of a dossier-form field (column A of the Dossier sheet) go in the same table.
- a sheet was **reshaped**: its old layout goes in `LAYOUTS` under the last version that had it,
  as a `schema.Sheet` declaration of that layout. The reader reads it as that layout says and
  gives the same records the current layout gives (so Case, checks and figures see no difference).
  Because a worker can unhide the picker sheet and change the marker, the reader also recognises
  each layout by its headers: of the layouts a sheet has had, it reads with the one whose headers
  it finds, preferring the one the version names.
- a column did **not exist yet**: nothing to list; the reader leaves its values empty and the
  check warns `kolom-ontbreekt` (or fails with `verplichte-kolom-ontbreekt` for a required one,
  which a new required column must therefore not be, or the old workbooks stop counting).

A column that was removed needs no entry: an unknown header is ignored.

Version 1 to 2:
- Cirkels was a table of placements, one row per person, question and moment (`V1_CIRKELS`);
  it is now a grid (`schema.CIRKELS.grid`): a row per person, a column per measurement question.
- Lijsten had its list names in row 1; they are now in row 2, below the instructions. The reader
  finds the row of list names wherever it is (no entry needed).
- Keuzes (the picker sheet) is laid out anew; only its version marker (E1:F1) and werkboek's
  record of marked cells (H:I) are read, and they stayed where they were.
- References were IDs ("P01, P04"), now names; both are read (`references`), so no entry.
- ID columns are written in advance now; in version 1 workers typed them. Nothing to map.

Version 2 to 3:
- Five sheets were added (Veiligheidsdoelen, Schaalvragen, Veiligheidsplan, Veiligheidsnetwerk,
  Planversies; `schema.Sheet.since` = 3); the sheets of version 2 did not change. A workbook without
  them reads as having none of their rows, without findings (`reader.parse_grids`). No entry.
"""

from __future__ import annotations

from . import schema
from .values import norm_header

# version -> {old header: current header}; applies to workbooks of that version or older.
RENAMED: dict[int, dict[str, str]] = {}

# Version 1's Cirkels: one row per placement. Same record keys as the grid gives.
V1_CIRKELS = schema.Sheet(
    key="cirkels",
    name="Cirkels",
    table="tblCirkels",
    label="plaatsing",
    help="Eén rij per persoon per meting (sjabloonversie 1).",
    columns=(
        schema.Column("datum", "Datum meting", schema.DATE, True),
        schema.Column("moment", "Moment", schema.CHOICE, True, "moment"),
        schema.Column("vraag", "Vraag", schema.CHOICE, True, "vraag"),
        schema.Column("persoon", "Persoon", schema.PERSON, True),
        schema.Column("cirkel", "Cirkel", schema.CIRCLE, True),
    ),
)

# version -> {sheet key: the layout that sheet had up to and including that version}.
LAYOUTS: dict[int, dict[str, schema.Sheet]] = {1: {"cirkels": V1_CIRKELS}}


def header_map(version: int | None) -> dict[str, str]:
    """Normalised old header -> normalised current header, for a workbook of `version`.

    A workbook without a version marker predates markers: every rename applies.
    """
    out: dict[str, str] = {}
    for since, renames in sorted(RENAMED.items()):
        if version is None or version <= since:
            out.update({norm_header(old): norm_header(new) for old, new in renames.items()})
    return out


def layouts(version: int | None, sheet: schema.Sheet) -> list[schema.Sheet]:
    """The layouts `sheet` may have in a workbook of `version`: the one of that version first,
    then every other it has had (newest first), for when the marker does not tell the truth."""
    declared = [(since, by_key[sheet.key]) for since, by_key in sorted(LAYOUTS.items()) if sheet.key in by_key]
    own = next((old for since, old in declared if version is None or version <= since), sheet)
    others = [sheet, *(old for _, old in reversed(declared))]
    return [own, *(s for s in others if s is not own)]
