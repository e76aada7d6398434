"""The in-memory case: typed values that remember the sheet and cell they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import schema


@dataclass(frozen=True)
class Invalid:
    """A cell the reader could not turn into its column's type; the checks report it."""

    raw: str
    expected: str  # the schema type, e.g. "datum"

    def __str__(self) -> str:
        return self.raw


# Kinds of ReadNote.
FAR_CELL = "far-cell"  # a cell with data far below or right of the table: left out of the read
NO_MACROS = "no-macros"  # the package has no VBA project (saved as .xlsx): the buttons do nothing
MERGED = "merged"  # merged cells over rows of a table: read as Excel shows them


@dataclass(frozen=True)
class ReadNote:
    """Something reading the file noticed that the cells themselves do not show; a check reports it."""

    kind: str  # FAR_CELL, NO_MACROS or MERGED
    sheet: str = ""  # the sheet, as the schema names it
    cell: str = ""  # "E1048576"; merged cells: the first one
    value: str = ""  # a far cell's text; the value merged cells show
    where: str = ""  # a far cell: "below" or "right" (of the table); merged cells: their range, "B3:B5"


@dataclass(slots=True)
class Record:
    """One row of a table, or the dossier form. Values are keyed by schema column key.

    `row` is the 1-based Excel row it was read from (None when made in code); equality
    ignores it, so a case read back equals the case that was written.
    """

    sheet: str  # schema sheet key, or "dossier"
    values: dict[str, Any]
    row: int | None = field(default=None, compare=False)
    # Where each value was read: `cells` per key ("Dossier!B7"), or for table rows the shared
    # `columns` of their table ("Acties!D") plus `row` (one dict per table, not per cell).
    cells: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    columns: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self.sheet == other.sheet and self.filled() == other.filled()

    def filled(self) -> dict[str, Any]:
        """The non-empty values (a missing key and an empty cell are the same)."""
        return {k: v for k, v in self.values.items() if v is not None and v != []}

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None or value.__class__ is Invalid else value

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    @property
    def id(self) -> str | None:
        return self.get("id")

    def cell(self, key: str) -> str:
        """Where `key` lives, as 'Sheet!A1' (for messages and hyperlinks)."""
        if key in self.cells:
            return self.cells[key]
        if key in self.columns and self.row is not None:
            return f"{self.columns[key]}{self.row}"
        if self.sheet == "dossier":
            return f"{schema.DOSSIER.name}!B{schema.DOSSIER.row_of(key)}"
        sheet = schema.TABLE_BY_KEY[self.sheet]
        row = self.row if self.row is not None else "?"
        return f"{sheet.name}!{sheet.letter(key)}{row}"


@dataclass
class Case:
    """One family's workbook."""

    dossier: Record
    tables: dict[str, list[Record]]
    lists: dict[str, tuple[str, ...]] = field(default_factory=lambda: default_lists())
    template_version: int = schema.TEMPLATE_VERSION
    source: str | None = field(default=None, compare=False)
    # Schema columns whose header the reader did not find: sheet key -> column keys.
    missing_columns: dict[str, list[str]] = field(default_factory=dict, compare=False)
    # IDs the reader gave rows that had none (a row inserted or cleared and typed again): sheet key -> IDs.
    derived_ids: dict[str, list[str]] = field(default_factory=dict, compare=False)
    notes: list[ReadNote] = field(default_factory=list, compare=False)  # what reading the file noticed
    # Declared renames of meaning-bearing list values (the organisation profile's): list key ->
    # {spelling: meaning}, the meaning being the schema's default spelling ("afgerond" -> "gedaan").
    renames: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    # Values the organisation retired: list key -> {value: its replacement, or "" for none}.
    retired: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    # From the organisation profile: its name for report headers and its templates folder.
    organisation: str = field(default="", compare=False)
    templates: str | None = field(default=None, compare=False)
    # Where the reader found each list on the Lijsten sheet: list key -> "Lijsten!C2" (its header).
    list_cells: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def empty(cls) -> Case:
        return cls(Record("dossier", {}), {s.key: [] for s in schema.TABLES})

    persons = property(lambda self: self.tables["personen"])
    relations = property(lambda self: self.tables["relaties"])
    placements = property(lambda self: self.tables["cirkels"])
    meetings = property(lambda self: self.tables["netwerkberaad"])
    actions = property(lambda self: self.tables["acties"])
    goals = property(lambda self: self.tables["doelen"])
    safety_goals = property(lambda self: self.tables["veiligheidsdoelen"])
    scales = property(lambda self: self.tables["schaalvragen"])
    safety_rules = property(lambda self: self.tables["veiligheidsplan"])
    safety_network = property(lambda self: self.tables["veiligheidsnetwerk"])
    plan_versions = property(lambda self: self.tables["planversies"])

    def choices(self, list_key: str) -> tuple[str, ...]:
        """A dropdown list as this workbook has it (organisations adapt them), else the default."""
        return self.lists.get(list_key) or schema.LIST_BY_KEY[list_key].values

    def means(self, list_key: str, value: Any) -> Any:
        """What a list value means to werkboek: the schema value it was declared a rename of, else
        itself. Figures, pictures and checks compare meanings, never a workbook's spelling."""
        renames = self.renames.get(list_key)
        return renames.get(value, value) if renames and value.__class__ is str else value

    def by_id(self, sheet_key: str) -> dict[str, Record]:
        """Rows of a table by ID (the first row wins when an ID repeats)."""
        out: dict[str, Record] = {}
        for rec in self.tables[sheet_key]:
            if rec.id is not None:
                out.setdefault(str(rec.id), rec)
        return out

    @property
    def label(self) -> str:
        return str(self.dossier.get("dossiernummer") or self.source or "dossier")


def default_lists() -> dict[str, tuple[str, ...]]:
    return {lst.key: lst.values for lst in schema.LISTS}


