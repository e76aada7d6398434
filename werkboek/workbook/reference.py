"""The Dutch field reference (docs/velden.md), generated from the schema."""

from __future__ import annotations

from . import schema

_TYPE_HELP = {
    schema.TEXT: "tekst",
    schema.ID: "uniek ID (tekst)",
    schema.INT: "geheel getal",
    schema.YEAR: "jaartal (1900–nu)",
    schema.SCORE: "getal 0–10",
    schema.CIRCLE: "1, 2 of 3",
    schema.DATE: "datum (dd/mm/jjjj)",
    schema.YESNO: "ja / nee",
    schema.CHOICE: "keuze uit de lijst",
    schema.PERSON: "persoon-ID (of 'ID – naam' uit de keuzelijst)",
    schema.PERSONS: "persoon-ID's, gescheiden door komma's",
    schema.MEETING: "ID van een netwerkberaad",
    schema.GOAL: "ID van een doel",
}


def _privacy(col: schema.Column) -> str:
    marks = []
    if col.internal:
        marks.append("intern: niet in het verslag")
    if col.identifying:
        marks.append("niet in de jaarcijfers")
    return "; ".join(marks)


def _rows(columns: tuple[schema.Column, ...]) -> list[str]:
    out = ["| Kolom | Soort | Verplicht | Lijst | Uitleg | Privacy |", "|---|---|---|---|---|---|"]
    for c in columns:
        lst = schema.LIST_BY_KEY[c.list].name if c.list else ""
        out.append(f"| {c.header} | {_TYPE_HELP[c.type]} | {'ja' if c.required else ''} | {lst} | {c.help} "
                   f"| {_privacy(c)} |")
    return out


def fields_markdown() -> str:
    lines = [
        "# Velden van de Netwerkkaart",
        "",
        (f"Sjabloonversie {schema.TEMPLATE_VERSION}. Dit overzicht wordt gemaakt uit `werkboek/schema.py`"
         " (`python scripts/gen_docs.py`); pas het niet met de hand aan."),
        "",
        ("Een datum typ je als dd/mm/jjjj (bv. 22/11/2026). In een personenkolom mag je het ID typen"
         " (P01) of de keuze 'P01 – Naam' uit de lijst nemen. Lege rijen tussen de gegevens en extra"
         " kolommen die je zelf toevoegt, zijn geen probleem: werkboek slaat ze over."),
        "",
        f"## Blad {schema.DOSSIER.name}",
        "",
        "Een formulier: het label staat in kolom A, je vult kolom B in.",
        "",
        *_rows(schema.DOSSIER.fields),
    ]
    for sheet in schema.TABLES:
        lines += ["", f"## Blad {sheet.name} (tabel {sheet.table})", "", sheet.help, "", *_rows(sheet.columns)]
    lines += [
        "",
        f"## Blad {schema.LISTS_SHEET}",
        "",
        ("De keuzelijsten. Een organisatie mag waarden toevoegen of aanpassen (onderaan een kolom, zonder"
         " lege cellen ertussen); de kolomkoppen blijven zoals ze zijn."),
        "",
        "| Lijst | Standaardwaarden |",
        "|---|---|",
    ]
    lines += [f"| {lst.name} | {', '.join(lst.values)} |" for lst in schema.LISTS]
    lines += [
        "",
        f"## Blad {schema.CHECK_SHEET}",
        "",
        "Hier zet de knop *Controleer* de meldingen: " + ", ".join(schema.CHECK_COLUMNS) + ". Typ hier niets.",
        "",
        "## Privacy",
        "",
        "- *intern: niet in het verslag*: komt nooit in het verslag van een netwerkberaad, dat naar het netwerk gaat.",
        "- *niet in de jaarcijfers*: namen, contactgegevens en vrije tekst verlaten het dossier nooit via de "
        "jaarcijfers.",
        "",
    ]
    return "\n".join(lines)
