"""The profile workbook: written empty by `werkboek profiel nieuw`, filled by the beheerder in
Excel, read back with every problem named by sheet and cell.

An Excel workbook, not a TOML file: a beheerder (often a method expert, not IT) edits it without a
terminal or a text editor, the lists look exactly as they do on a Netwerkkaart's Lijsten sheet,
and the house already names every problem by sheet and cell. Sheets: Organisatie (a form),
Lijsten (one column per list), Hernoemd (old value -> new value, empty = retired), Teams.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..checks.findings import ERROR, WARNING, Finding
from ..errors import FileProblem
from ..files import new_file, write_atomic
from ..workbook import schema, xlsx
from ..workbook.values import clean_text, norm_header
from .model import Profiel, Team

ORG_SHEET, LISTS_SHEET, RENAMED_SHEET, TEAMS_SHEET = "Organisatie", "Lijsten", "Hernoemd", "Teams"
ORG_FIELDS = (  # (key, label in column A, help in column C)
    ("organisatie", "Naam van de organisatie", "Komt in de hoofding van de verslagen, bv. Jeugdhulp Oost. Mag leeg."),
    ("sjablonen", "Map met sjablonen",
     "Map met de Word-sjablonen in huisstijl (kopieën van verslag_netwerkberaad.docx en eindevaluatie.docx), bv. "
     r"\\server\werkboek\sjablonen. Mag leeg: dan de sjablonen van werkboek."),
    ("python_voor_excel", "Python voor Excel",
     r"Het programma dat de knoppen starten, bv. C:\Program Files\werkboek\Scripts\pythonw.exe. Leeg: dat van de "
     "installatie."),
)
ORG_FIRST_ROW = 4  # 1-based
TABLE_HEADER_ROW = 2  # 1-based, on Lijsten, Hernoemd and Teams
RENAMED_HEADERS = ("Lijst", "Oude waarde", "Nieuwe waarde")
TEAMS_HEADERS = ("Team", "Eenheid", "Andere schrijfwijzen")
MAX_PROFILE_BYTES = 5 * 2**20

# Every problem a profile can have: code -> (severity, fix). Messages are made where found.
RULES = {
    "profiel-lege-lijst": (ERROR, "Vul minstens één waarde in onder de kop, of wis de kolom helemaal (dan geldt de "
                                  "lijst van werkboek)."),
    "profiel-dubbele-waarde": (ERROR, "Wis een van de twee (hoofdletters en spaties tellen niet)."),
    "profiel-onbekende-lijst": (ERROR, "Kies een lijst zoals ze op het blad Lijsten heet (rij 2)."),
    "profiel-doel-niet-in-lijst": (ERROR, "Zet de nieuwe waarde ook in de lijst op het blad Lijsten, of verbeter ze."),
    "profiel-vervallen-zonder-vervanging": (WARNING, "Geef een nieuwe waarde als die er is: oude werkmappen met deze "
                                                     "waarde krijgen anders alleen een waarschuwing."),
    "profiel-betekenis-verwijderd": (ERROR, "Zet de waarde terug in de lijst, of geef op het blad Hernoemd aan hoe ze "
                                            "nu heet: werkboek telt ermee (acties gedaan, sectoren, momenten, ...)."),
    "profiel-vervallen-in-gebruik": (WARNING, "Geef op het blad Hernoemd de nieuwe waarde in kolom C als die er is: "
                                              "'werkboek bijwerken' zet ze dan in elke werkmap. Zonder nieuwe waarde "
                                              "blijft de oude staan en waarschuwt de controle in die werkmappen."),
    "profiel-team-onbekend": (WARNING, "Zet die schrijfwijze bij het juiste team op het blad Teams (kolom Andere "
                                       "schrijfwijzen): anders telt ze in de jaarcijfers als een team apart."),
    "profiel-werkmap-onleesbaar": (WARNING, "Bekijk die werkmappen met 'werkboek controleer'; ze telden niet mee in "
                                            "deze controle van het profiel."),
    "profiel-oude-waarde-in-lijst": (WARNING, "Wis de oude waarde uit de lijst op het blad Lijsten, of wis de rij op "
                                              "het blad Hernoemd."),
    "profiel-dubbel-team": (ERROR, "Elke schrijfwijze hoort bij één team: wis de dubbele."),
    "profiel-sjablonen-ontbreken": (ERROR, "Verbeter het pad, of maak de cel leeg om de sjablonen van werkboek te "
                                           "gebruiken."),
    "profiel-geen-profiel": (ERROR, "Maak een profiel met 'werkboek profiel nieuw PAD' en vul dat in."),
}


def _finding(code: str, sheet: str, cell: str, message: str) -> Finding:
    severity, fix = RULES[code]
    return Finding(code, severity, sheet, cell, message, fix)


# --- writing the empty profile -------------------------------------------------------------------


def usage_finding(code: str, sheet: str, cell: str, message: str) -> Finding:
    """A finding about what the workbooks use (see `upgrade.in_use`)."""
    return _finding(code, sheet, cell, message)


def _table_sheet(wb: Any, fmt: dict[str, Any], name: str, intro: str, columns: Iterable[tuple[str, int]]) -> Any:
    """A sheet with an intro line and a header row of text columns (header, width)."""
    ws = wb.add_worksheet(name)
    ws.write_string(0, 0, intro, fmt["intro"])
    for c, (head, width) in enumerate(columns):
        ws.set_column(c, c, width, fmt["text"])
        ws.write_string(TABLE_HEADER_ROW - 1, c, head, fmt["header"])
    return ws


def write_empty(path: str | os.PathLike[str], overschrijf: bool = False) -> Path:
    """Write an empty profile: the lists as werkboek has them, the rest to fill in."""
    target = new_file(path, ".xlsx", overschrijf)
    buf = io.BytesIO()
    wb = xlsx.new_workbook(buf, title="Profiel van de organisatie (werkboek)")
    fmt = xlsx.formats(wb, {
        "title": {**xlsx.STYLES["title"], "font_size": 16},
        "intro": {"italic": True, "font_color": xlsx.GREY},
        "label": xlsx.STYLES["label"],
        "input": {**xlsx.STYLES["input"], "num_format": "@"},
        "header": xlsx.STYLES["header"],
        "text": {"num_format": "@"},
        "meaning": {"num_format": "@", "bold": True},
    })
    ws = wb.add_worksheet(ORG_SHEET)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 50, fmt["input"])
    ws.set_column(2, 2, 90)
    ws.write_string(0, 0, "Profiel van de organisatie", fmt["title"])
    ws.write_string(1, 0, "Vul de blauwe cellen in; de bladen Lijsten, Hernoemd en Teams staan hiernaast. Controleer "
                          "daarna met 'werkboek profiel controleer' (zie docs/beheer.md).", fmt["intro"])
    for i, (_, label, help_) in enumerate(ORG_FIELDS):
        ws.write_string(ORG_FIRST_ROW - 1 + i, 0, label, fmt["label"])
        ws.write_blank(ORG_FIRST_ROW - 1 + i, 1, None, fmt["input"])
        ws.write_string(ORG_FIRST_ROW - 1 + i, 2, help_, fmt["intro"])

    ws = wb.add_worksheet(LISTS_SHEET)
    ws.write_string(0, 0, "De keuzelijsten van elke nieuwe Netwerkkaart: voeg waarden toe onderaan een kolom. Een "
                          "waarde hernoemen of laten vervallen doe je op het blad Hernoemd. Waarden in het vet tellen "
                          "mee in de cijfers: die kunnen alleen hernoemd worden.", fmt["intro"])
    for c, lst in enumerate(schema.LISTS):
        ws.set_column(c, c, max(14, len(lst.name) + 2), fmt["text"])
        ws.write_string(TABLE_HEADER_ROW - 1, c, lst.name, fmt["header"])
        for r, value in enumerate(lst.values, start=TABLE_HEADER_ROW):
            ws.write_string(r, c, value, fmt["meaning" if value in lst.meanings else "text"])
    ws.freeze_panes(TABLE_HEADER_ROW, 0)

    ws = _table_sheet(wb, fmt, RENAMED_SHEET, "Eén rij per waarde die anders heet of vervalt, bv. Status actie | "
                      "gedaan | afgerond. Laat 'Nieuwe waarde' leeg als de waarde vervalt. Oude werkmappen mogen de "
                      "oude waarde houden (een waarschuwing); de cijfers volgen de betekenis.",
                      zip(RENAMED_HEADERS, (24, 30, 30), strict=True))
    ws.data_validation(TABLE_HEADER_ROW, 0, TABLE_HEADER_ROW + 500, 0, {
        "validate": "list", "source": f"=Lijsten!$A${TABLE_HEADER_ROW}:${schema.col_letter(len(schema.LISTS) - 1)}"
                                      f"${TABLE_HEADER_ROW}"})
    ws.freeze_panes(TABLE_HEADER_ROW, 0)

    ws = _table_sheet(wb, fmt, TEAMS_SHEET, "De teams (en hun eenheid) waarop de jaarcijfers groeperen. Schrijven "
                      "oude werkmappen een team anders, zet die schrijfwijzen dan in de derde kolom, gescheiden door ; "
                      "(bv. Team Nrd; Noord).", zip(TEAMS_HEADERS, (24, 24, 50), strict=True))
    ws.freeze_panes(TABLE_HEADER_ROW, 0)
    wb.close()
    return write_atomic(target, buf.getvalue())


# --- reading and checking a filled profile --------------------------------------------------------


def _grids(path: Path) -> dict[str, list[list[Any]]]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileProblem(path, "bestand-ontbreekt", f"het profiel {path} bestaat niet.",
                          RULES["profiel-geen-profiel"][1]) from None
    except OSError as exc:
        raise FileProblem(path, "geen-toegang", f"het profiel {path} kan niet geopend worden ({exc.strerror}).",
                          "Sluit het in Excel of vraag toegang aan je IT-dienst.") from None
    if path.is_dir():
        raise FileProblem(path, "geen-bestand", f"{path} is een map, geen profiel.",
                          "Geef het pad van het profiel (.xlsx).")
    if size == 0 or size > MAX_PROFILE_BYTES:
        raise FileProblem(path, "leeg-bestand" if size == 0 else "te-groot",
                          f"{path} is geen bruikbaar profiel (leeg of veel te groot).",
                          RULES["profiel-geen-profiel"][1])
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    except Exception:  # noqa: BLE001 - calamine says only that it failed: the file is no workbook it can read
        raise FileProblem(path, "geen-werkmap", f"{path} is geen leesbaar profiel (geen Excel-werkmap).",
                          "Open het in Excel en bewaar het als Excel-werkmap (.xlsx).") from None


def _text(value: Any) -> str:
    return " ".join(clean_text(value).split()) if value not in (None, "") else ""


def _cell(col: int, row: int) -> str:
    return f"{schema.col_letter(col)}{row + 1}"


def read_profile(path: str | os.PathLike[str]) -> Profiel:
    """A filled profile with every problem found (`meldingen`); raises FileProblem when unreadable."""
    path = Path(path)
    grids = _grids(path)
    missing = [s for s in (ORG_SHEET, LISTS_SHEET, RENAMED_SHEET, TEAMS_SHEET) if s not in grids]
    if len(missing) == 4:
        raise FileProblem(path, "geen-netwerkkaart", f"{path} is geen profiel van werkboek (de bladen Organisatie, "
                          "Lijsten, Hernoemd en Teams ontbreken).", RULES["profiel-geen-profiel"][1])
    found: list[Finding] = []
    org = _organisation(grids.get(ORG_SHEET) or [])
    templates = None
    if org.get("sjablonen"):
        templates = Path(org["sjablonen"][0])
        if not templates.is_absolute():
            templates = path.parent / templates
        if not templates.is_dir():
            found.append(_finding("profiel-sjablonen-ontbreken", ORG_SHEET, org["sjablonen"][1],
                                  f"de map met sjablonen '{org['sjablonen'][0]}' bestaat niet."))
    list_cells: dict[str, str] = {}
    lists = _lists(grids.get(LISTS_SHEET) or [], found, list_cells)
    renamed = _renamed(grids.get(RENAMED_SHEET) or [], found)
    teams = _teams(grids.get(TEAMS_SHEET) or [], found)
    profiel = Profiel(path, org.get("organisatie", ("", ""))[0] or "", templates,
                      org["python_voor_excel"][0] if org.get("python_voor_excel") else None,
                      lists, {k: {o: n for o, (n, _) in v.items()} for k, v in renamed.items()}, teams,
                      hernoemd_cellen={k: {o: c for o, (_, c) in v.items()} for k, v in renamed.items()})
    found += _meanings(profiel, renamed, list_cells)
    order = {ORG_SHEET: 0, LISTS_SHEET: 1, RENAMED_SHEET: 2, TEAMS_SHEET: 3}
    found.sort(key=lambda f: (order.get(f.sheet, 9), not f.is_error, int(f.cell[1:] or 0) if f.cell[1:].isdigit()
                              else 0, f.cell))
    return replace(profiel, meldingen=tuple(found))


def _organisation(grid: list[list[Any]]) -> dict[str, tuple[str, str]]:
    by_label = {norm_header(label): key for key, label, _ in ORG_FIELDS}
    out: dict[str, tuple[str, str]] = {}
    for r, row in enumerate(grid):
        key = by_label.get(norm_header(row[0])) if row else None
        if key and len(row) > 1 and _text(row[1]):
            out[key] = (_text(row[1]), _cell(1, r))
    return out


def _header_row(grid: list[list[Any]], names: set[str]) -> int | None:
    hits = [sum(1 for v in row if norm_header(v) in names) for row in grid[:5]]
    best = max(hits, default=0)
    return hits.index(best) if best else None


def _lists(grid: list[list[Any]], found: list[Finding], cells: dict[str, str]) -> dict[str, tuple[str, ...]]:
    by_name = {norm_header(lst.name): lst for lst in schema.LISTS}
    top = _header_row(grid, set(by_name))
    out: dict[str, tuple[str, ...]] = {}
    if top is None:
        return out
    for c, head in enumerate(grid[top]):
        if not _text(head):
            continue
        lst = by_name.get(norm_header(head))
        if lst is None:
            found.append(_finding("profiel-onbekende-lijst", LISTS_SHEET, _cell(c, top),
                                  f"'{_text(head)}' is geen lijst van de Netwerkkaart."))
            continue
        cells[lst.key] = _cell(c, top)
        seen: dict[str, str] = {}
        items = []
        for r in range(top + 1, len(grid)):
            value = _text(grid[r][c]) if c < len(grid[r]) else ""
            if not value:
                continue
            if value.casefold() in seen:
                found.append(_finding("profiel-dubbele-waarde", LISTS_SHEET, _cell(c, r),
                                      f"'{value}' staat al in de lijst '{lst.name}' (in {seen[value.casefold()]})."))
                continue
            seen[value.casefold()] = _cell(c, r)
            items.append(value)
        if not items:
            found.append(_finding("profiel-lege-lijst", LISTS_SHEET, _cell(c, top),
                                  f"de lijst '{lst.name}' is leeg."))
        else:
            out[lst.key] = tuple(items)
    return out


def _renamed(grid: list[list[Any]], found: list[Finding]) -> dict[str, dict[str, tuple[str, str]]]:
    """list key -> old -> (new, the cell of the row's list name)."""
    top = _header_row(grid, {norm_header(h) for h in RENAMED_HEADERS})
    by_name = {norm_header(lst.name): lst for lst in schema.LISTS}
    out: dict[str, dict[str, tuple[str, str]]] = {}
    if top is None:
        return out
    for r in range(top + 1, len(grid)):
        row = [_text(v) for v in grid[r][:3]] + [""] * 3
        name, old, new = row[:3]
        if not (name or old or new):
            continue
        lst = by_name.get(norm_header(name))
        if lst is None:
            found.append(_finding("profiel-onbekende-lijst", RENAMED_SHEET, _cell(0, r),
                                  f"'{name}' is geen lijst van de Netwerkkaart." if name else
                                  "de rij noemt geen lijst."))
            continue
        if not old:
            continue
        out.setdefault(lst.key, {})[old] = (new, _cell(0, r))
    return out


def _teams(grid: list[list[Any]], found: list[Finding]) -> tuple[Team, ...]:
    top = _header_row(grid, {norm_header(h) for h in TEAMS_HEADERS})
    if top is None:
        return ()
    teams = []
    seen: dict[str, str] = {}
    for r in range(top + 1, len(grid)):
        row = [_text(v) for v in grid[r][:3]] + [""] * 3
        name, unit, others = row[:3]
        if not name:
            continue
        spellings = [name, *(s.strip() for s in others.replace(",", ";").split(";") if s.strip())]
        kept = []
        for s in spellings:
            key = s.casefold()
            if key in seen:
                found.append(_finding("profiel-dubbel-team", TEAMS_SHEET, _cell(0, r),
                                      f"'{s}' staat ook bij een ander team (rij {seen[key]})."))
                continue
            seen[key] = str(r + 1)
            kept.append(s)
        if kept and kept[0] == name:
            teams.append(Team(name, unit, tuple(kept[1:])))
    return tuple(teams)


def _meanings(profiel: Profiel, renamed: dict[str, dict[str, tuple[str, str]]], cells: dict[str, str]
              ) -> list[Finding]:
    """Renames whose target is not listed, retirements without replacement, and meaning-bearing
    values gone from a list without a declared new name."""
    found = []
    for key, pairs in renamed.items():
        lst = schema.LIST_BY_KEY[key]
        current = profiel.values(key)
        for old, (new, cell) in pairs.items():
            if new and new not in current:
                found.append(_finding("profiel-doel-niet-in-lijst", RENAMED_SHEET, cell.replace("A", "C", 1),
                                      f"'{old}' heet nu '{new}', maar '{new}' staat niet in de lijst '{lst.name}'."))
            elif not new and old in lst.meanings:
                found.append(_finding("profiel-betekenis-verwijderd", RENAMED_SHEET, cell.replace("A", "C", 1),
                                      f"'{old}' vervalt zonder nieuwe waarde, maar werkboek telt ermee."))
            elif not new:
                found.append(_finding("profiel-vervallen-zonder-vervanging", RENAMED_SHEET, cell.replace("A", "C", 1),
                                      f"'{old}' van de lijst '{lst.name}' vervalt zonder nieuwe waarde."))
            if old in current:
                found.append(_finding("profiel-oude-waarde-in-lijst", RENAMED_SHEET, cell.replace("A", "B", 1),
                                      f"'{old}' staat nog in de lijst '{lst.name}', maar is hernoemd of vervallen."))
    renames = profiel.renames()
    for lst in schema.LISTS:
        if lst.key not in profiel.lijsten:
            continue
        meant = {renames.get(lst.key, {}).get(v, v) for v in profiel.values(lst.key)}
        declared = {old for old, (new, _) in renamed.get(lst.key, {}).items() if not new}
        found.extend(_finding("profiel-betekenis-verwijderd", LISTS_SHEET, cells[lst.key],
                              f"de lijst '{lst.name}' mist '{meaning}', en het blad Hernoemd zegt niet hoe die waarde "
                              "nu heet.")
                     for meaning in lst.meanings if meaning not in meant and meaning not in declared)
    return found
