"""The one schema of the Netwerkkaart workbook.

Every sheet, column, form field and dropdown list is declared here once. The builder writes
the workbook from it, the reader parses with it, the checks take types, lists and required
fields from it, and `docs/velden.md` is generated from it. User-facing text is Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Bump when the layout changes; `migrations.py` maps older versions onto this one.
TEMPLATE_VERSION = 1

# Rows that get dropdowns and checks below each table's header (Excel extends tables as
# workers type below them; validations are laid out in advance up to here).
MAX_ROWS = 1000

# Column types. The reader turns a raw cell into the Python type named here.
TEXT = "tekst"  # str
ID = "id"  # str, unique within its sheet
INT = "geheel getal"  # int
YEAR = "jaartal"  # int, plausible birth year
SCORE = "score"  # int 0..10
CIRCLE = "cirkel"  # int 1..3
DATE = "datum"  # datetime.date
YESNO = "ja/nee"  # bool
CHOICE = "keuze"  # str from a list on the Lijsten sheet
PERSON = "persoon"  # str: a person ID ("P01" or "P01 – Jan Peeters" in the cell)
PERSONS = "personen"  # list[str] of person IDs, comma separated in the cell
MEETING = "beraad"  # str: a meeting ID
GOAL = "doel"  # str: a goal ID

REF_SHEET = {PERSON: "personen", PERSONS: "personen", MEETING: "netwerkberaad", GOAL: "doelen"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = TEXT
    required: bool = False
    list: str | None = None  # key of a list in LISTS, for CHOICE
    help: str = ""
    width: int = 14
    # Privacy classes: `identifying` values (names, contacts, free text) never leave the
    # case workbook for yearly figures; `internal` values never go into a meeting report.
    identifying: bool = False
    internal: bool = False


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str  # Dutch sheet name
    table: str  # Excel table name
    columns: tuple[Column, ...]
    help: str = ""
    id_column: str | None = None  # key of the ID column, if rows have IDs
    label: str = ""  # how one row is called in messages: "actie A3"

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def letter(self, key: str) -> str:
        return col_letter(self.index(key))

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


@dataclass(frozen=True)
class ListDef:
    key: str
    name: str  # Dutch header on the Lijsten sheet
    values: tuple[str, ...]
    help: str = ""


@dataclass(frozen=True)
class Form:
    """The dossier form on the first sheet: label in column A, value in column B."""

    name: str
    fields: tuple[Column, ...]
    first_row: int = 4  # 1-based row of the first field

    def row_of(self, key: str) -> int:
        return self.first_row + [f.key for f in self.fields].index(key)

    def field(self, key: str) -> Column:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


def col_letter(index: int) -> str:
    """0-based column index to Excel letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- lists (defaults; organisations adapt them on the Lijsten sheet) --------------------------

SECTORS = ("familie", "vrienden en buren", "school, werk en vrije tijd", "professioneel")
PROFESSIONAL_SECTOR = "professioneel"
INNER, MIDDLE, OUTER = 1, 2, 3

LISTS: tuple[ListDef, ...] = (
    ListDef("geslacht", "Geslacht", ("m", "v", "x", "onbekend"), "Bepaalt het symbool in het genogram."),
    ListDef(
        "relatie",
        "Relatie",
        (
            "centrale persoon", "moeder", "vader", "stiefmoeder", "stiefvader", "pleegmoeder",
            "pleegvader", "broer", "zus", "halfbroer", "halfzus", "stiefbroer", "stiefzus",
            "grootmoeder", "grootvader", "tante", "oom", "neef", "nicht", "meter", "peter",
            "partner", "ex-partner", "kind", "vriend(in)", "buur", "leerkracht", "trainer/coach",
            "collega", "huisarts", "hulpverlener", "andere",
        ),
        "Relatie tot de centrale persoon.",
    ),
    ListDef("sector", "Sector", SECTORS, "De sector van de netwerkcirkels."),
    ListDef("formeel", "Informeel/formeel", ("informeel", "formeel"), "Volgt uit de sector, tenzij anders ingevuld."),
    ListDef("gekozen_door", "Gekozen door", ("jongere", "ouder", "hulpverlener")),
    ListDef("reactie", "Reactie", ("positief", "twijfel", "negatief", "geen reactie")),
    ListDef(
        "rol",
        "Rol in het plan",
        ("steunfiguur", "veiligheidspersoon", "vertrouwenspersoon", "mentor", "steungezin",
         "opvang bij crisis", "praktische hulp"),
    ),
    ListDef("relatiesoort", "Soort relatie", ("partners", "ex-partners", "ouder–kind", "broer/zus")),
    ListDef("kwaliteit", "Kwaliteit relatie", ("goed", "wisselend", "conflict", "verbroken")),
    ListDef("moment", "Moment", ("start", "tussentijds", "einde")),
    ListDef("vraag", "Vraag", ("belang", "hulp", "kennis"), "De vraag die de cirkels beantwoorden."),
    ListDef("status", "Status actie", ("gepland", "bezig", "gedaan", "niet gelukt", "vervallen")),
    ListDef(
        "domein",
        "Domein",
        ("veiligheid", "netwerk", "opvoeding", "welzijn", "school en werk", "gezondheid", "wonen en geld"),
    ),
    ListDef("bereikt", "Bereikt", ("ja", "deels", "nee")),
    ListDef(
        "hulpvorm",
        "Hulpvorm",
        ("ambulant", "mobiel", "residentieel", "CKG", "pleegzorg", "dagbegeleiding", "contextbegeleiding"),
    ),
    ListDef(
        "methode",
        "Methode",
        ("Signs of Safety", "Family Finding", "Sociale Netwerk Strategieën", "Eigen Kracht",
         "geweldloos verzet", "NET-module", "wraparound care", "andere"),
    ),
    ListDef("soort_centraal", "Centrale persoon is", ("kind/jongere", "ouder")),
)
LIST_BY_KEY = {lst.key: lst for lst in LISTS}

# What each question's circle 1..3 means, for pictures and reports.
CIRCLE_MEANING = {
    "belang": ("heel belangrijk", "minder belangrijk", "niet belangrijk"),
    "hulp": ("zeker", "misschien", "zeker niet"),
    "kennis": ("weet het meest", "weet een beetje", "weet heel weinig"),
}

# --- the dossier form ----------------------------------------------------------------------

DOSSIER = Form(
    name="Dossier",
    fields=(
        Column("dossiernummer", "Dossiernummer", ID, True, help="Het nummer van het dossier in jullie registratie.",
               identifying=True),
        Column("gezin", "Gezin (label)", TEXT, True, help="Een korte naam voor het gezin, bv. 'gezin Peeters'.",
               identifying=True),
        Column("begeleider", "Begeleider", TEXT, True, help="Wie begeleidt het gezin.", identifying=True),
        Column("team", "Team", TEXT, True, help="Het team van de begeleider."),
        Column("eenheid", "Organisatie-eenheid", TEXT, help="Afdeling of regio."),
        Column("hulpvorm", "Hulpvorm", CHOICE, True, "hulpvorm", "Kies uit de lijst."),
        Column("methode", "Methode", CHOICE, True, "methode", "De belangrijkste methode."),
        Column("methode2", "Tweede methode", CHOICE, False, "methode", "Optioneel: een tweede methode."),
        Column("centrale_persoon", "Centrale persoon", PERSON, True,
               help="Kies de persoon (ID) rond wie het netwerk getekend wordt."),
        Column("soort_centraal", "Centrale persoon is", CHOICE, True, "soort_centraal",
               "Een kind/jongere of een ouder."),
        Column("startdatum", "Startdatum", DATE, True, help="Datum als dd/mm/jjjj."),
        Column("einddatum", "Einddatum", DATE, help="Leeg zolang de begeleiding loopt."),
        Column("reden", "Reden van aanmelding", TEXT, help="Kort: waarom is de hulp gestart.",
               identifying=True, internal=True),
        Column("conclusies", "Conclusies bij afsluiting", TEXT, help="Wat draagt het netwerk na de hulp.",
               identifying=True),
    ),
)

# --- the tables ----------------------------------------------------------------------------

PERSONEN = Sheet(
    key="personen",
    name="Personen",
    table="tblPersonen",
    id_column="id",
    label="persoon",
    help="Eén rij per persoon in het netwerk, met een vast ID voor het hele dossier.",
    columns=(
        Column("id", "ID", ID, True, help="Een vast, uniek ID, bv. P01.", width=8),
        Column("voornaam", "Voornaam", TEXT, True, identifying=True, width=14),
        Column("achternaam", "Achternaam", TEXT, identifying=True, width=16),
        Column("geslacht", "Geslacht", CHOICE, False, "geslacht", "m, v, x of onbekend (voor het genogram).", width=10),
        Column("geboortejaar", "Geboortejaar", YEAR, help="Bv. 1984. Leeg als onbekend.", width=12),
        Column("overleden", "Overleden", YESNO, False, None, width=10),
        Column("relatie", "Relatie", CHOICE, True, "relatie", "Relatie tot de centrale persoon.", width=16),
        Column("sector", "Sector", CHOICE, True, "sector",
               "Familie; vrienden en buren; school, werk en vrije tijd; professioneel.", width=22),
        Column("formeel", "Informeel/formeel", CHOICE, False, "formeel",
               "Leeg: volgt uit de sector (professioneel = formeel).", width=14),
        Column("ver_weg", "Woont ver weg", YESNO, False, None, width=11),
        Column("weet_ervan", "Weet van de situatie", YESNO, False, None, width=12),
        Column("vroeger_betrokken", "Vroeger betrokken", YESNO, False, None, width=12),
        Column("verwaterd", "Contact verwaterd", YESNO, False, None,
               "Ja als het contact weggevallen is maar teruggevonden kan worden.", width=12),
        Column("gevonden_op", "Gevonden/toegevoegd op", DATE,
               help="Wanneer deze persoon (terug)gevonden of toegevoegd werd.", width=13),
        Column("gekozen_door", "Gekozen door", CHOICE, False, "gekozen_door", "Wie koos om deze persoon te betrekken.",
               width=13),
        Column("gecontacteerd_op", "Gecontacteerd op", DATE, width=13),
        Column("reactie", "Reactie", CHOICE, False, "reactie", width=12),
        Column("rol", "Rol in het plan", CHOICE, False, "rol", width=16),
        Column("contact", "Contactgegevens", TEXT, help="Telefoon of e-mail.",
               identifying=True, internal=True, width=18),
        Column("notities", "Notities (intern)", TEXT, help="Interne notities: komen niet in een verslag.",
               identifying=True, internal=True, width=30),
    ),
)

RELATIES = Sheet(
    key="relaties",
    name="Relaties",
    table="tblRelaties",
    label="relatie",
    help="De banden van het genogram: één rij per paar.",
    columns=(
        Column("persoon_a", "Persoon A", PERSON, True, help="Kies een persoon.", width=24),
        Column("persoon_b", "Persoon B", PERSON, True, help="Kies een persoon. Bij ouder–kind: A is de ouder.",
               width=24),
        Column("soort", "Soort", CHOICE, True, "relatiesoort", width=14),
        Column("kwaliteit", "Kwaliteit", CHOICE, False, "kwaliteit", width=12),
    ),
)

CIRKELS = Sheet(
    key="cirkels",
    name="Cirkels",
    table="tblCirkels",
    label="plaatsing",
    help="Eén rij per persoon per meting, zodat start en einde vergeleken kunnen worden.",
    columns=(
        Column("datum", "Datum meting", DATE, True, width=13),
        Column("moment", "Moment", CHOICE, True, "moment", "start, tussentijds of einde.", width=12),
        Column("vraag", "Vraag", CHOICE, True, "vraag", "belang, hulp of kennis.", width=10),
        Column("persoon", "Persoon", PERSON, True, help="Kies een persoon.", width=24),
        Column("cirkel", "Cirkel", CIRCLE, True, help="1 = binnenste, 2 = middelste, 3 = buitenste cirkel.", width=8),
    ),
)

NETWERKBERAAD = Sheet(
    key="netwerkberaad",
    name="Netwerkberaad",
    table="tblNetwerkberaad",
    id_column="id",
    label="beraad",
    help="Eén rij per netwerkberaad.",
    columns=(
        Column("id", "ID", ID, True, help="Een uniek ID, bv. B1.", width=7),
        Column("datum", "Datum", DATE, True, width=12),
        Column("plaats", "Plaats of vorm", TEXT, identifying=True, width=16),
        Column("aanwezigen", "Aanwezigen", PERSONS, True,
               help="Persoon-ID's gescheiden door komma's, bv. P01, P04, P07.", width=22),
        Column("zorgen", "Waar maken we ons zorgen over?", TEXT, identifying=True, width=36),
        Column("goed", "Wat gaat goed?", TEXT, identifying=True, width=36),
        Column("moet_gebeuren", "Wat moet er gebeuren?", TEXT, identifying=True, width=36),
        Column("schaal", "Schaal (0-10)", SCORE, help="0 = grote zorgen, 10 = voldoende veilig.", width=9),
        Column("volgende", "Volgend beraad", DATE, width=12),
        Column("notitie", "Interne notitie", TEXT, help="Komt niet in het verslag.",
               identifying=True, internal=True, width=24),
    ),
)

ACTIES = Sheet(
    key="acties",
    name="Acties",
    table="tblActies",
    id_column="id",
    label="actie",
    help="Eén rij per afgesproken actie: wie doet wat, tegen wanneer.",
    columns=(
        Column("id", "ID", ID, True, help="Een uniek ID, bv. A1.", width=7),
        Column("beraad", "Beraad", MEETING, True, help="Het beraad waarop de actie afgesproken werd.", width=16),
        Column("wat", "Wat", TEXT, True, identifying=True, width=36),
        Column("wie", "Wie", PERSON, True, help="Wie neemt de actie op (persoon-ID).", width=24),
        Column("met_wie", "Met wie", PERSONS, help="Optioneel: persoon-ID's, gescheiden door komma's.", width=16),
        Column("tegen", "Tegen wanneer", DATE, True, width=13),
        Column("status", "Status", CHOICE, False, "status", width=12),
        Column("opvolging", "Opvolging", TEXT, identifying=True, width=30),
        Column("doel", "Doel", GOAL, help="Het doel waaraan de actie bijdraagt.", width=16),
    ),
)

DOELEN = Sheet(
    key="doelen",
    name="Doelen",
    table="tblDoelen",
    id_column="id",
    label="doel",
    help="Eén rij per doel, met scores van 0 tot 10.",
    columns=(
        Column("id", "ID", ID, True, help="Een uniek ID, bv. D1.", width=7),
        Column("doel", "Doel", TEXT, True, identifying=True, width=40),
        Column("domein", "Domein", CHOICE, False, "domein", width=14),
        Column("score_start", "Score start", SCORE, help="0 tot 10.", width=9),
        Column("score_laatst", "Laatste score", SCORE, help="0 tot 10.", width=9),
        Column("score_einde", "Score einde", SCORE, help="0 tot 10.", width=9),
        Column("bereikt", "Bereikt", CHOICE, False, "bereikt", width=9),
        Column("geevalueerd_op", "Geëvalueerd met netwerk op", DATE, width=14),
        Column("toelichting", "Toelichting", TEXT, identifying=True, width=36),
    ),
)

TABLES: tuple[Sheet, ...] = (PERSONEN, RELATIES, CIRKELS, NETWERKBERAAD, ACTIES, DOELEN)
TABLE_BY_KEY = {s.key: s for s in TABLES}

# Other sheets of the workbook.
LISTS_SHEET = "Lijsten"
CHECK_SHEET = "Controle"
PICKER_SHEET = "Keuzes"  # very hidden: "ID – name" pickers and the template marker
VERSION_MARKER = "werkboek-sjabloonversie"  # Keuzes!E1, version in Keuzes!F1
CHECK_COLUMNS = ("Ernst", "Blad", "Cel", "Melding", "Oplossing", "Code")

# werkboek's own areas of the workbook, where the Excel buttons write (and nowhere else).
BUTTON_COLUMN = 4  # 0-based: column E of the Dossier sheet holds the buttons
MEETING_CHOICE_CELL = "F8"  # Dossier: the meeting for the report button (empty: the latest)
STATUS_CELL = "F14"  # Dossier: the last button's result
# The record of cells a check marked, on the picker sheet: "Blad!A1" in H, its fill before in I.
MARKS_COLUMN = 7  # 0-based: H
MARKS_HEADER = ("werkboek-markeringen", "oorspronkelijke vulling")
XLWINGS_SHEET = "xlwings.conf"  # hidden: the settings of xlwings' add-in (workbook/xlwings_conf.py)
SHEET_ORDER = (DOSSIER.name, *(s.name for s in TABLES), LISTS_SHEET, CHECK_SHEET, PICKER_SHEET, XLWINGS_SHEET)
REQUIRED_SHEETS = (DOSSIER.name, *(s.name for s in TABLES))


@dataclass(frozen=True)
class Picker:
    """A hidden column of "ID – label" entries feeding a person/meeting/goal dropdown."""

    name: str  # defined name used by data validations
    sheet: Sheet
    column: int  # 0-based column on the picker sheet
    parts: tuple[str, ...] = field(default=())  # columns of `sheet` joined after the ID
    # Rows of the table the picker covers (more when a pre-filled case has more). Each is one
    # formula, and formulas are most of the build time: sized for real cases, not for MAX_ROWS.
    rows: int = 100


PICKERS = {
    PERSON: Picker("keuze_persoon", PERSONEN, 0, ("voornaam", "achternaam"), rows=300),
    MEETING: Picker("keuze_beraad", NETWERKBERAAD, 1, ("datum",), rows=60),
    GOAL: Picker("keuze_doel", DOELEN, 2, ("doel",), rows=60),
}
