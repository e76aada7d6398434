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
    schema.PERSON: "persoon: keuze uit de lijst, of een naam of ID",
    schema.PERSONS: "personen: namen (of ID's), gescheiden door komma's",
    schema.MEETING: "netwerkberaad: keuze uit de lijst, of het ID of de datum",
    schema.GOAL: "doel: keuze uit de lijst, of het ID",
    schema.SAFETY_GOAL: "veiligheidsdoel: keuze uit de lijst, of het ID",
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


def _grid(sheet: schema.Sheet) -> list[str]:
    spec = sheet.grid
    assert spec is not None
    key, value = sheet.column(spec.key), sheet.column(spec.value)
    across = [sheet.column(k) for k in spec.across]
    shown = ", ".join(s.header for s in spec.shown)
    blocks = "; ".join(f"{moment}: {', '.join(questions)}" for moment, questions in spec.blocks)
    lines = [
        "",
        f"## Blad {sheet.name} (rooster)",
        "",
        sheet.help,
        "",
        (f"- Een rij per persoon, in kolom *{key.header}*: {key.help} {shown} tonen wat het "
         "blad Personen over die persoon zegt (vul je niet in)."),
        (f"- Een kolom per vraag van een meting. Boven elke kolom staan {', '.join(c.header for c in across)}: "
         "typ de datum in de eerste kolom van een meting, de volgende kolommen nemen ze over (je mag er een "
         "andere datum typen)."),
        f"- Klaar gezet: {blocks}; rechts nog lege kolommen voor een extra meting.",
        f"- In de cellen: {value.help}",
        "",
        *_rows((key, *across, value)),
    ]
    return lines


def fields_markdown() -> str:
    lines = [
        "# Velden van de Netwerkkaart",
        "",
        (f"Sjabloonversie {schema.TEMPLATE_VERSION}. Dit overzicht wordt gemaakt uit `werkboek/schema.py`"
         " (`python scripts/gen_docs.py`); pas het niet met de hand aan."),
        "",
        ("Een datum typ je als dd/mm/jjjj (bv. 22/11/2026). De ID's staan al klaar in elke rij; een rij houdt haar"
         " ID als je sorteert, rijen invoegt of verwijdert. Personen kies je bij naam: uit de keuzelijst"
         " ('Fatma Yılmaz (P07)'), of je typt de naam (een voornaam volstaat als maar één persoon zo heet);"
         " hoofdletters tellen niet. Lege rijen tussen de gegevens en extra kolommen die je zelf toevoegt,"
         " zijn geen probleem: werkboek slaat ze over. Verplichte velden hebben een blauw label of een"
         " donkerblauwe kolomkop."),
        "",
        f"## Blad {schema.DOSSIER.name}",
        "",
        "Een formulier: het label staat in kolom A, je vult kolom B in.",
        "",
        *_rows(schema.DOSSIER.fields),
    ]
    for sheet in schema.TABLES:
        if sheet.grid is not None:
            lines += _grid(sheet)
        else:
            lines += ["", f"## Blad {sheet.name} (tabel {sheet.table})", "", sheet.help, "", *_rows(sheet.columns)]
    lines += [
        "",
        f"## Blad {schema.LISTS_SHEET}",
        "",
        ("De keuzelijsten, met hun namen in rij 2. Een organisatie mag waarden toevoegen of aanpassen (onderaan"
         " een kolom); de namen in rij 2 blijven zoals ze zijn."),
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
        f"## Blad {schema.PICKER_SHEET} (verborgen)",
        "",
        ("De formules achter de keuzelijsten van personen, beraden en doelen, en de sjabloonversie. werkboek"
         " leest er geen gegevens uit: wie het blad zichtbaar maakt en iets verandert, breekt hoogstens een"
         " keuzelijst, nooit wat werkboek leest."),
        "",
        "## Privacy",
        "",
        "- *intern: niet in het verslag*: komt nooit in het verslag van een netwerkberaad, dat naar het netwerk gaat.",
        "- *niet in de jaarcijfers*: namen, contactgegevens en vrije tekst verlaten het dossier nooit via de "
        "jaarcijfers.",
        "",
    ]
    return "\n".join(lines)
