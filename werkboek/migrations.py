"""Reading workbooks of older template versions.

Each template version that renamed columns lists its old Dutch headers here, mapped to the
current ones. The reader finds columns by header, so a renamed column is read through this
table and a column that did not exist yet is simply missing (the checks say so as a warning
when it matters). Add an entry whenever `schema.TEMPLATE_VERSION` is raised.
"""

from __future__ import annotations

# version -> {old header: current header}; applies to workbooks of that version or older.
RENAMED: dict[int, dict[str, str]] = {}


def header_map(version: int | None) -> dict[str, str]:
    """Normalised old header -> normalised current header, for a workbook of `version`.

    A workbook without a version marker predates markers: every rename applies.
    """
    from .reader import norm_header

    out: dict[str, str] = {}
    for since, renames in sorted(RENAMED.items()):
        if version is None or version <= since:
            out.update({norm_header(old): norm_header(new) for old, new in renames.items()})
    return out
