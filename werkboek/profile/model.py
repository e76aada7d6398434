"""What a profile says, and how it applies to a case read from a workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..checks.findings import Finding
from ..workbook import schema
from ..workbook.model import Case


@dataclass(frozen=True)
class Team:
    naam: str
    eenheid: str = ""
    andere: tuple[str, ...] = ()  # other spellings old workbooks use ("Team Nrd", "Noord")


@dataclass(frozen=True)
class Profiel:
    """An organisation's choices. Names are Dutch: `api.profiel_controleer` returns it."""

    pad: Path | None = None
    organisatie: str = ""  # for report headers
    sjablonen: Path | None = None  # house-style Word templates (what WERKBOEK_SJABLONEN points at)
    python_voor_excel: str | None = None  # the interpreter the buttons start (None: the install's default)
    lijsten: dict[str, tuple[str, ...]] = field(default_factory=dict)  # list key -> values (lists not given: defaults)
    hernoemd: dict[str, dict[str, str]] = field(default_factory=dict)  # list key -> old -> new ("" = retired)
    teams: tuple[Team, ...] = ()
    meldingen: tuple[Finding, ...] = ()  # what reading and checking the profile found
    # Where each row of the Hernoemd sheet is (list key -> old value -> cell of its list name), for findings.
    hernoemd_cellen: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    @property
    def fouten(self) -> list[Finding]:
        return [f for f in self.meldingen if f.is_error]

    def values(self, list_key: str) -> tuple[str, ...]:
        """A list as the organisation has it (the default when the profile leaves it out)."""
        return self.lijsten.get(list_key) or schema.LIST_BY_KEY[list_key].values

    def all_lists(self) -> dict[str, tuple[str, ...]]:
        return {lst.key: self.values(lst.key) for lst in schema.LISTS}

    def renames(self) -> dict[str, dict[str, str]]:
        """Declared renames of meaning-bearing values: list key -> {new spelling: meaning}."""
        out: dict[str, dict[str, str]] = {}
        for key, pairs in self.hernoemd.items():
            meanings = schema.LIST_BY_KEY[key].meanings if key in schema.LIST_BY_KEY else ()
            for old, new in pairs.items():
                meaning = _follow(pairs, old, meanings)
                if new and meaning:
                    out.setdefault(key, {})[new] = meaning
        return out

    def retired(self) -> dict[str, dict[str, str]]:
        """Values old workbooks may use that the organisation no longer lists: list key -> {old: new or ""}."""
        out: dict[str, dict[str, str]] = {}
        for key, pairs in self.hernoemd.items():
            current = set(self.values(key)) if key in schema.LIST_BY_KEY else set()
            for old, new in pairs.items():
                if old not in current:
                    out.setdefault(key, {})[old] = new
        return out

    def team(self, spelling: str) -> Team | None:
        """The team a workbook's Team field names, by its name or another spelling (case and spaces ignored)."""
        want = _fold(spelling)
        for team in self.teams:
            if want == _fold(team.naam) or want in {_fold(a) for a in team.andere}:
                return team
        return None


def _follow(pairs: dict[str, str], old: str, meanings: tuple[str, ...]) -> str | None:
    """The meaning a renamed value carries: its own, or the one of a value renamed into it (a chain)."""
    if old in meanings:
        return old
    for before, after in pairs.items():
        if after == old and before != old:
            return _follow({k: v for k, v in pairs.items() if k != before}, before, meanings)
    return None


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def apply(case: Case, profiel: Profiel | None) -> Case:
    """The case with the profile's declared renames (the figures follow the meaning) and retired
    values (the checks warn, never refuse). The values themselves are left as the workbook has them."""
    if profiel is None:
        return case
    case.renames = profiel.renames()
    case.retired = profiel.retired()
    case.organisation = profiel.organisatie
    case.templates = str(profiel.sjablonen) if profiel.sjablonen else None
    return case


def new_case(profiel: Profiel | None) -> Case:
    """An empty case with the organisation's lists, for `werkboek nieuw`."""
    case = Case.empty()
    if profiel is not None:
        case.lists = profiel.all_lists()
        apply(case, profiel)
    return case
