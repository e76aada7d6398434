"""Reading workbooks of older template versions: the migration table.

Every workbook carries its template version (Keuzes!F1, next to the marker
"werkboek-sjabloonversie"; a workbook without the marker predates markers). The reader finds
columns by their Dutch header, so only two things can differ in an older workbook:

- a column was **renamed** since: list its old header in `RENAMED` under the last version that
  used it; the reader then reads the old header as the new one, for that version and older;
- a column did **not exist yet**: nothing to list; the reader leaves its values empty and the
  check warns `kolom-ontbreekt` (or fails with `verplichte-kolom-ontbreekt` for a required one,
  which a new required column must therefore not be, or the old workbooks stop counting).

Whenever `schema.TEMPLATE_VERSION` is raised, add the renames of the old version here, e.g.

    RENAMED = {1: {"Rol": "Rol in het plan"}}  # version 1 said "Rol"; version 2 "Rol in het plan"

A column that was removed needs no entry: an unknown header is ignored. Old headers of a
dossier-form field (the labels in column A of the Dossier sheet) go in the same table.
"""

from __future__ import annotations

from .values import norm_header

# version -> {old header: current header}; applies to workbooks of that version or older.
# Empty: version 1 is the first released template.
RENAMED: dict[int, dict[str, str]] = {}


def header_map(version: int | None) -> dict[str, str]:
    """Normalised old header -> normalised current header, for a workbook of `version`.

    A workbook without a version marker predates markers: every rename applies.
    """
    out: dict[str, str] = {}
    for since, renames in sorted(RENAMED.items()):
        if version is None or version <= since:
            out.update({norm_header(old): norm_header(new) for old, new in renames.items()})
    return out
