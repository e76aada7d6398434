"""The one schema of the Netwerkkaart workbook.

Every sheet, column, form field and dropdown list is declared here once. The builder writes
the workbook from it, the reader parses with it, the checks take types, lists and required
fields from it, and `docs/velden.md` is generated from it. User-facing text is Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bump when the layout changes; `migrations.py` maps older versions onto this one.
# Version 2: IDs written in advance, people chosen by name, the circles as a grid.
# Version 3: Signs of Safety: five new sheets (safety goals, scales, the plan's rules, the safety
# network, plan versions with the child's words); the sheets of version 2 are unchanged.
TEMPLATE_VERSION = 3

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
# References: the cell names a row of another table (see `references.py` for what may be typed);
# the reader turns that into the row's ID.
PERSON = "persoon"  # str: a person ID ("Jan Peeters (P01)", "Jan Peeters", "P01" in the cell)
PERSONS = "personen"  # list[str] of person IDs: names (or IDs) separated by commas in the cell
MEETING = "beraad"  # str: a meeting ID ("B1 – 20/03/2025", "B1", or its date)
GOAL = "doel"  # str: a goal ID ("D1 – goal", "D1", or the goal's text)
SAFETY_GOAL = "veiligheidsdoel"  # str: a safety goal ID ("V1 – goal", "V1", or the goal's text)

REF_SHEET = {PERSON: "personen", PERSONS: "personen", MEETING: "netwerkberaad", GOAL: "doelen",
             SAFETY_GOAL: "veiligheidsdoelen"}


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
class Shown:
    """A column of a grid that shows, for the row's key, what another sheet says (a formula)."""

    header: str
    parts: tuple[str, ...]  # columns of the referred sheet, joined with a space
    width: int = 14


@dataclass(frozen=True)
class Grid:
    """A sheet laid out as a grid rather than as a table of records: a row per `key` (a reference,
    written in advance as the IDs of the referred sheet's rows), a column per combination of the
    `across` values (typed once per column, in labelled rows above the header), and in the cells the
    `value`. The reader turns every filled cell into one record with all of them, so the rest of
    werkboek sees the same records a table of rows would give."""

    key: str  # column key of the rows' reference
    value: str  # column key of the values in the cells
    across: tuple[str, ...]  # column keys given per grid column, one labelled row each, in this order
    shown: tuple[Shown, ...]  # read-only columns after the key
    # The columns laid out in advance: (value of across[1], values of across[2]) per block; the
    # first across key (a date) is typed in each block's first column and followed by the others.
    blocks: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str  # Dutch sheet name
    table: str  # Excel table name ("" for a grid)
    columns: tuple[Column, ...]  # a table's columns; for a grid, the keys of the records it gives
    help: str = ""
    id_column: str | None = None  # key of the ID column, if rows have IDs
    label: str = ""  # how one row is called in messages: "actie A3"
    # IDs written in advance by the builder, so nobody types one: prefix + number (at least
    # `id_digits` digits) in the first `prefilled` rows. A row a worker inserts has none; the
    # reader then gives it the next free number (and the checks say so).
    id_prefix: str = ""
    id_digits: int = 1
    prefilled: int = 0
    grid: Grid | None = None
    # The template version that added the sheet: a workbook of an older version lacks it, and
    # then reads as having none of its rows (no missing-column findings).
    since: int = 1

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def letter(self, key: str) -> str:
        return col_letter(self.index(key))

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)

    def make_id(self, number: int) -> str:
        return f"{self.id_prefix}{number:0{self.id_digits}d}"


@dataclass(frozen=True)
class ListDef:
    key: str
    name: str  # Dutch header on the Lijsten sheet
    values: tuple[str, ...]
    help: str = ""
    # Values werkboek gives a meaning to (figures, pictures, checks): the key of each meaning is its
    # default spelling. An organisation may spell one otherwise only by declaring the rename in its
    # profile (`werkboek/profile/`); the Case then maps the new spelling to the meaning (`Case.means`).
    meanings: tuple[str, ...] = ()


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
        meanings=("centrale persoon",),
    ),
    ListDef("sector", "Sector", SECTORS, "De sector van de netwerkcirkels.", meanings=SECTORS),
    ListDef("formeel", "Informeel/formeel", ("informeel", "formeel"), "Volgt uit de sector, tenzij anders ingevuld.",
            meanings=("informeel", "formeel")),
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
    ListDef("moment", "Moment", ("start", "tussentijds", "einde"), meanings=("start", "tussentijds", "einde")),
    ListDef("vraag", "Vraag", ("belang", "hulp", "kennis"), "De vraag die de cirkels beantwoorden.",
            meanings=("belang", "hulp", "kennis")),
    ListDef("status", "Status actie", ("gepland", "bezig", "gedaan", "niet gelukt", "vervallen"),
            meanings=("gedaan", "vervallen")),
    ListDef(
        "domein",
        "Domein",
        ("veiligheid", "netwerk", "opvoeding", "welzijn", "school en werk", "gezondheid", "wonen en geld"),
    ),
    ListDef("bereikt", "Bereikt", ("ja", "deels", "nee"), meanings=("ja", "deels", "nee")),
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
        Column("dossiernummer", "Dossiernummer", ID, True, help="Het nummer in jullie registratie, bv. 2025-0917.",
               identifying=True),
        Column("gezin", "Gezin (label)", TEXT, True, help="Een korte naam voor het gezin, bv. gezin Peeters.",
               identifying=True),
        Column("begeleider", "Begeleider", TEXT, True, help="Wie het gezin begeleidt, bv. An Claes.", identifying=True),
        Column("team", "Team", TEXT, True, help="Het team van de begeleider, bv. Team Noord."),
        Column("eenheid", "Organisatie-eenheid", TEXT, help="Afdeling of regio, bv. regio Gent. Mag leeg."),
        Column("hulpvorm", "Hulpvorm", CHOICE, True, "hulpvorm", "Kies uit de lijst, bv. ambulant."),
        Column("methode", "Methode", CHOICE, True, "methode",
               "De methode waarmee je vooral werkt, bv. Signs of Safety."),
        Column("methode2", "Tweede methode", CHOICE, False, "methode",
               "Alleen als je met een tweede methode werkt, bv. Family Finding."),
        Column("centrale_persoon", "Centrale persoon", PERSON, True,
               help="De persoon in het midden van de cirkels: kies uit de lijst, bv. Zoë Van den Broeck (P01). Vul "
                    "eerst het blad Personen in."),
        Column("soort_centraal", "Centrale persoon is", CHOICE, True, "soort_centraal",
               "Een kind/jongere of een ouder."),
        Column("startdatum", "Startdatum", DATE, True, help="De eerste dag van de begeleiding."),
        Column("einddatum", "Einddatum", DATE, help="De laatste dag; leeg zolang de begeleiding loopt."),
        Column("reden", "Reden van aanmelding", TEXT,
               help="Kort waarom de hulp startte, bv. zorgen over de veiligheid thuis. Komt niet in het verslag.",
               identifying=True, internal=True),
        Column("conclusies", "Conclusies bij afsluiting", TEXT,
               help="Wat het netwerk draagt na de hulp, bv. oma vangt Zoë op na school. Komt in de eindevaluatie.",
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
    id_prefix="P",
    id_digits=2,
    prefilled=300,
    help="Eén rij per persoon in het netwerk. Het ID staat al klaar en blijft bij de persoon, ook als je sorteert of "
         "rijen verwijdert.",
    columns=(
        Column("id", "ID", ID,
               help="Staat al klaar, bv. P07: vul de rij ernaast in. Op andere bladen kies je de persoon bij naam.",
               width=7),
        Column("voornaam", "Voornaam", TEXT, True, help="Zo kies je de persoon op de andere bladen, bv. Fatma.",
               identifying=True, width=14),
        Column("achternaam", "Achternaam", TEXT, help="Bv. Yılmaz. Mag leeg als je die niet kent.", identifying=True,
               width=16),
        Column("geslacht", "Geslacht", CHOICE, False, "geslacht",
               "Voor het symbool in het genogram: m, v, x of onbekend.", width=10),
        Column("geboortejaar", "Geboortejaar", YEAR, help="Alleen het jaar, bv. 1984. Leeg als je het niet weet.",
               width=13),
        Column("overleden", "Overleden", YESNO, False, None,
               "ja als de persoon overleden is: het genogram toont een kruis.", width=11),
        Column("relatie", "Relatie", CHOICE, True, "relatie", "Wie is dit voor de centrale persoon? Bv. grootmoeder.",
               width=16),
        Column("sector", "Sector", CHOICE, True, "sector", "Het deel van de cirkels, bv. familie of professioneel.",
               width=22),
        Column("formeel", "Informeel/formeel", CHOICE, False, "formeel",
               "Leeg: volgt uit de sector (professioneel = formeel). Anders kies je, bv. formeel voor een betaalde "
               "oppas.", width=13),
        Column("ver_weg", "Woont ver weg", YESNO, False, None,
               "ja als de persoon ver weg woont (bv. in het buitenland).", width=11),
        Column("weet_ervan", "Weet van de situatie", YESNO, False, None,
               "ja als de persoon weet wat er speelt in het gezin.", width=12),
        Column("vroeger_betrokken", "Vroeger betrokken", YESNO, False, None, "ja als de persoon vroeger al hielp.",
               width=12),
        Column("verwaterd", "Contact verwaterd", YESNO, False, None,
               "ja als het contact weggevallen is maar teruggevonden kan worden.", width=12),
        Column("gevonden_op", "Gevonden/toegevoegd op", DATE,
               help="Wanneer deze persoon (terug)gevonden of toegevoegd werd.", width=14),
        Column("gekozen_door", "Gekozen door", CHOICE, False, "gekozen_door",
               "Wie koos om deze persoon te betrekken, bv. jongere.", width=13),
        Column("gecontacteerd_op", "Gecontacteerd op", DATE, help="Wanneer je de persoon vroeg om mee te doen.",
               width=16),
        Column("reactie", "Reactie", CHOICE, False, "reactie", "Wat de persoon antwoordde, bv. positief.", width=12),
        Column("rol", "Rol in het plan", CHOICE, False, "rol", "Wat de persoon opneemt, bv. steunfiguur.", width=16),
        Column("contact", "Contactgegevens", TEXT,
               help="Telefoon of e-mail, bv. 0470 12 34 56. Komt niet in een verslag.",
               identifying=True, internal=True, width=18),
        Column("notities", "Notities (intern)", TEXT,
               help="Wat alleen jij moet weten, bv. bereikbaar na 18 uur. Komt niet in een verslag.",
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
        Column("persoon_a", "Persoon A", PERSON, True, help="Kies een persoon uit de lijst, bv. Ayşe Yılmaz (P02).",
               width=26),
        Column("persoon_b", "Persoon B", PERSON, True,
               help="Kies de andere persoon, bv. Zoë Van den Broeck (P01). Bij ouder–kind is A de ouder en B het kind.",
               width=26),
        Column("soort", "Soort", CHOICE, True, "relatiesoort",
               "Bv. partners of ouder–kind: zo tekent het genogram de lijn.", width=14),
        Column("kwaliteit", "Kwaliteit", CHOICE, False, "kwaliteit", "Hoe de band is, bv. goed of conflict. Mag leeg.",
               width=12),
    ),
)

CIRKELS = Sheet(
    key="cirkels",
    name="Cirkels",
    table="",
    label="plaatsing",
    help=("Een rij per persoon, een kolom per meting en vraag. Typ per meting één keer de datum; zet dan bij elke "
          "persoon 1, 2 of 3. Leeg: niet geplaatst."),
    columns=(
        Column("datum", "Datum meting", DATE, True,
               help="De dag van de meting; de andere vragen van dezelfde meting nemen ze over.", width=13),
        Column("moment", "Moment", CHOICE, True, "moment", "Wanneer in de begeleiding: start, tussentijds of einde.",
               width=12),
        Column("vraag", "Vraag", CHOICE, True, "vraag",
               "Wat de cirkels beantwoorden: belang (wie is belangrijk), hulp (wie zou helpen) of kennis (wie weet "
               "het meest).",
               width=12),
        Column("persoon", "ID", PERSON, True,
               help="Het ID van de persoon (staat al klaar); of typ een naam van het blad Personen.", width=7),
        Column("cirkel", "Cirkel", CIRCLE, True,
               help="1 = binnenste, 2 = middelste, 3 = buitenste cirkel; leeg = niet geplaatst.", width=10),
    ),
    grid=Grid(
        key="persoon",
        value="cirkel",
        across=("datum", "moment", "vraag"),
        shown=(Shown("Naam", ("voornaam", "achternaam"), 24), Shown("Relatie", ("relatie",), 16),
               Shown("Sector", ("sector",), 22)),
        blocks=(("start", ("belang", "hulp", "kennis")), ("tussentijds", ("belang", "hulp", "kennis")),
                ("tussentijds", ("belang", "hulp", "kennis")), ("einde", ("belang", "hulp", "kennis"))),
    ),
)

NETWERKBERAAD = Sheet(
    key="netwerkberaad",
    name="Netwerkberaad",
    table="tblNetwerkberaad",
    id_column="id",
    label="beraad",
    id_prefix="B",
    prefilled=60,
    help="Eén rij per netwerkberaad. Het ID staat al klaar.",
    columns=(
        Column("id", "ID", ID, help="Staat al klaar, bv. B3; zo kies je het beraad bij een actie en voor het verslag.",
               width=7),
        Column("datum", "Datum", DATE, True, help="De dag van het beraad.", width=12),
        Column("plaats", "Plaats of vorm", TEXT, help="Waar het beraad was, bv. bij oma thuis, of online.",
               identifying=True, width=16),
        Column("aanwezigen", "Aanwezigen", PERSONS, True,
               help="Typ de namen, gescheiden door komma's, bv. Zoë, Ayşe Yılmaz, Marc. Een voornaam volstaat als "
                    "maar één persoon zo heet.",
               width=30),
        Column("zorgen", "Waar maken we ons zorgen over?", TEXT,
               help="Wat er kan misgaan als niemand iets doet, bv. Zoë is alleen thuis als mama werkt. Komt in het "
                    "verslag.",
               identifying=True, width=40),
        Column("goed", "Wat gaat goed?", TEXT, help="Sterktes en wat al helpt, bv. oma is er elke woensdag.",
               identifying=True, width=40),
        Column("moet_gebeuren", "Wat moet er gebeuren?", TEXT,
               help="Wat het netwerk wil bereiken, bv. Zoë heeft elke dag een volwassene na school. De afspraken "
                    "komen op het blad Acties.",
               identifying=True, width=40),
        Column("schaal", "Schaal (0-10)", SCORE, help="0 = grote zorgen, 10 = voldoende veilig, bv. 6.", width=9),
        Column("volgende", "Volgend beraad", DATE, help="De afgesproken datum van het volgende beraad.", width=12),
        Column("notitie", "Interne notitie", TEXT,
               help="Voor jezelf, bv. vader kwam niet opdagen. Komt niet in het verslag.", identifying=True,
               internal=True, width=24),
    ),
)

ACTIES = Sheet(
    key="acties",
    name="Acties",
    table="tblActies",
    id_column="id",
    label="actie",
    id_prefix="A",
    prefilled=300,
    help="Eén rij per afgesproken actie: wie doet wat, tegen wanneer. Het ID staat al klaar.",
    columns=(
        Column("id", "ID", ID, help="Staat al klaar, bv. A12: vul de rij ernaast in.", width=7),
        Column("beraad", "Beraad", MEETING, True,
               help="Het beraad waarop de actie afgesproken werd: kies uit de lijst, bv. B1 – 20/03/2025.", width=18),
        Column("wat", "Wat", TEXT, True, help="Wat er gebeurt, concreet, bv. Zoë elke woensdag ophalen aan school.",
               identifying=True, width=40),
        Column("wie", "Wie", PERSON, True, help="Wie de actie opneemt: kies uit de lijst, bv. Fatma Yılmaz (P07).",
               width=26),
        Column("met_wie", "Met wie", PERSONS,
               help="Wie helpt: namen gescheiden door komma's, bv. Marc, Jonas. Mag leeg.", width=20),
        Column("tegen", "Tegen wanneer", DATE, True, help="De afgesproken datum waarop het klaar is.", width=13),
        Column("status", "Status", CHOICE, False, "status", "Hoe ver het staat, bv. bezig of gedaan.", width=12),
        Column("opvolging", "Opvolging", TEXT, help="Wat er van kwam, bv. lukt, op twee weken na.", identifying=True,
               width=36),
        Column("doel", "Doel", GOAL,
               help="Het doel waaraan de actie bijdraagt: kies uit de lijst, bv. D1 – Zoë is veilig. Mag leeg.",
               width=26),
    ),
)

DOELEN = Sheet(
    key="doelen",
    name="Doelen",
    table="tblDoelen",
    id_column="id",
    label="doel",
    id_prefix="D",
    prefilled=60,
    help="Eén rij per doel, met scores van 0 tot 10. Het ID staat al klaar.",
    columns=(
        Column("id", "ID", ID, help="Staat al klaar, bv. D2; zo kies je het doel bij een actie.", width=7),
        Column("doel", "Doel", TEXT, True,
               help="Wat er anders moet zijn, in de woorden van het gezin, bv. Zoë voelt zich veilig thuis.",
               identifying=True, width=44),
        Column("domein", "Domein", CHOICE, False, "domein", "Waarover het doel gaat, bv. veiligheid.", width=14),
        Column("score_start", "Score start", SCORE, help="Hoe ver het staat bij de start: 0 tot 10, bv. 3.", width=9),
        Column("score_laatst", "Laatste score", SCORE, help="De score bij de laatste evaluatie: 0 tot 10.", width=10),
        Column("score_einde", "Score einde", SCORE, help="De score bij het einde van de begeleiding: 0 tot 10.",
               width=9),
        Column("bereikt", "Bereikt", CHOICE, False, "bereikt", "Bij het einde: ja, deels of nee.", width=9),
        Column("geevalueerd_op", "Geëvalueerd met netwerk op", DATE,
               help="De dag waarop je het doel met het netwerk besprak.", width=14),
        Column("toelichting", "Toelichting", TEXT, help="Waarom deze score, bv. oma neemt het over na juni.",
               identifying=True, width=40),
    ),
)

# --- Signs of Safety (template version 3) ----------------------------------------------------

VEILIGHEIDSDOELEN = Sheet(
    key="veiligheidsdoelen",
    name="Veiligheidsdoelen",
    table="tblVeiligheidsdoelen",
    id_column="id",
    label="veiligheidsdoel",
    id_prefix="V",
    prefilled=10,
    since=3,
    help="Eén rij per zorg en het veiligheidsdoel dat erbij hoort (meestal hooguit drie), in gewone taal. Het ID "
         "staat al klaar.",
    columns=(
        Column("id", "ID", ID, help="Staat al klaar, bv. V1; zo kies je het doel bij de schaalvragen en het plan.",
               width=7),
        Column("bezorgd", "Wie maakt zich zorgen", TEXT,
               help="Wie de zorg heeft, bv. de school en Kind en Gezin.", identifying=True, width=22),
        Column("zorg", "Zorgverklaring: waarover", TEXT,
               help="Waarover, wat er gebeurd is, bv. mama drinkt 's avonds en valt dan in slaap terwijl Zoë alleen "
                    "wakker is.", identifying=True, width=40),
        Column("gevolg", "Wat kan er met het kind gebeuren", TEXT,
               help="Als er niets verandert, bv. Zoë raakt gewond en niemand helpt haar.", identifying=True, width=34),
        Column("doel", "Veiligheidsdoel", TEXT, True,
               help="Wat iedereen zal zien als het veilig genoeg is, bv. er is elke avond een nuchtere volwassene bij "
                    "Zoë.", identifying=True, width=40),
        Column("hoe_lang", "Hoe lang", TEXT, help="Hoe lang dat zo moet zijn om af te sluiten, bv. zes maanden.",
               width=14),
        Column("opgesteld_op", "Opgesteld op", DATE,
               help="Het beraad of de dag waarop zorg en doel samen opgesteld werden.", width=12),
        Column("afgesloten_op", "Afgesloten op", DATE,
               help="De dag waarop het doel bereikt en afgesloten is; leeg zolang het open is.", width=12),
    ),
)

SCHAALVRAGEN = Sheet(
    key="schaalvragen",
    name="Schaalvragen",
    table="tblSchaalvragen",
    label="schaalvraag",
    since=3,
    help="Eén rij per beraad en veiligheidsdoel: de score van 0 tot 10, samen en (als je ze vroeg) per stem.",
    columns=(
        Column("beraad", "Beraad", MEETING, True, help="Kies het beraad uit de lijst, bv. B2 – 15/04/2025.", width=18),
        Column("doel", "Veiligheidsdoel", SAFETY_GOAL, True,
               help="Kies het veiligheidsdoel uit de lijst, bv. V1 – Er is elke avond een nuchtere volwassene.",
               width=30),
        Column("score", "Score samen", SCORE,
               help="De score waarover het beraad het eens werd: 0 = groot gevaar, 10 = veilig genoeg om af te "
                    "sluiten.", width=9),
        Column("gezin", "Gezin", SCORE, help="Hoe de ouders (en het kind) het scoren, bv. 6. Mag leeg.", width=8),
        Column("netwerk", "Netwerk", SCORE, help="Hoe het netwerk het scoort, bv. 5. Mag leeg.", width=9),
        Column("hulpverleners", "Hulpverleners", SCORE, help="Hoe de hulpverleners het scoren, bv. 3. Mag leeg.",
               width=13),
        Column("toelichting", "Toelichting", TEXT, help="Waarom deze score, bv. twee avonden lukte het niet.",
               identifying=True, width=36),
    ),
)

VEILIGHEIDSPLAN = Sheet(
    key="veiligheidsplan",
    name="Veiligheidsplan",
    table="tblVeiligheidsplan",
    id_column="id",
    label="afspraak",
    id_prefix="R",
    prefilled=40,
    since=3,
    help="Eén rij per afspraak van het veiligheidsplan: wie doet wat en wanneer, welk signaal betekent gevaar en "
         "wat gebeurt er dan. Het ID staat al klaar.",
    columns=(
        Column("id", "ID", ID, help="Staat al klaar, bv. R3: vul de rij ernaast in.", width=7),
        Column("afspraak", "Afspraak", TEXT, True,
               help="Wat er gebeurt, concreet, bv. oma belt Zoë elke avond om 20 uur.", identifying=True, width=40),
        Column("wie", "Wie", PERSONS, True,
               help="Wie de afspraak draagt: namen gescheiden door komma's, bv. oma Fatma, Marc.", width=24),
        Column("wanneer", "Wanneer", TEXT, help="Wanneer of hoe vaak, bv. elke avond, of in het weekend.",
               identifying=True, width=18),
        Column("signaal", "Signaal", TEXT,
               help="Wat betekent dat er gevaar is, bv. mama neemt de telefoon niet op.", identifying=True, width=30),
        Column("dan", "Wat gebeurt er dan", TEXT,
               help="Wat er dan gebeurt, bv. oma gaat meteen naar Zoë en neemt haar mee.", identifying=True, width=34),
        Column("controle", "Wie kijkt het na", PERSON,
               help="Wie nagaat of de afspraak gehouden wordt: kies uit de lijst, bv. Marc Peeters (P05).", width=24),
        Column("doel", "Veiligheidsdoel", SAFETY_GOAL,
               help="Het veiligheidsdoel waar de afspraak bij hoort: kies uit de lijst, bv. V1 – Er is geen "
                    "geweld meer. Mag leeg.", width=26),
    ),
)

VEILIGHEIDSNETWERK = Sheet(
    key="veiligheidsnetwerk",
    name="Veiligheidsnetwerk",
    table="tblVeiligheidsnetwerk",
    label="lid van het veiligheidsnetwerk",
    since=3,
    help="Eén rij per persoon die een rol in het veiligheidsplan aanvaardde. Een telefoonnummer komt alleen in het "
         "plan als de persoon ermee akkoord ging dat het gezin haar belt.",
    columns=(
        Column("persoon", "Persoon", PERSON, True, help="Kies uit de lijst, bv. Fatma Yılmaz (P07).", width=26),
        Column("rol", "Rol in het veiligheidsplan", TEXT, True,
               help="Wat de persoon in het plan doet, bv. opvang als mama niet nuchter is.", identifying=True,
               width=34),
        Column("akkoord_op", "Akkoord op", DATE, help="De dag waarop de persoon de rol aanvaardde.", width=12),
        Column("bellen", "Mag gebeld worden", YESNO, False, None,
               "ja als de persoon akkoord ging dat het gezin en het netwerk haar bellen: dan staat het nummer in "
               "het plan.", width=12),
        Column("telefoon", "Telefoon voor het plan", TEXT,
               help="Het nummer dat in het plan mag staan, bv. 0470 12 34 56. Alleen met 'ja' bij Mag gebeld "
                    "worden; komt nooit in een verslag.", identifying=True, internal=True, width=18),
    ),
)

PLANVERSIES = Sheet(
    key="planversies",
    name="Planversies",
    table="tblPlanversies",
    label="planversie",
    since=3,
    help="Eén rij per versie van het veiligheidsplan, met de woorden van het kind (de drie huizen). Een nieuwe "
         "versie: een nieuwe rij, met het volgende nummer.",
    columns=(
        Column("versie", "Versie", INT, True, help="Het nummer van de versie, bv. 2.", width=8),
        Column("datum", "Datum", DATE, True, help="De dag waarop het netwerk deze versie afsprak.", width=12),
        Column("kind", "Kind", PERSON, help="Wiens woorden dit zijn: kies uit de lijst, bv. Zoë (P01).", width=22),
        Column("huis_zorgen", "Huis van de zorgen", TEXT,
               help="Wat het kind zegt dat zorgen geeft, in zijn eigen woorden, bv. als mama slaapt en niet wakker "
                    "wordt.", identifying=True, width=34),
        Column("huis_goed", "Huis van de goede dingen", TEXT,
               help="Wat goed gaat, in de woorden van het kind, bv. pannenkoeken bakken met oma.", identifying=True,
               width=34),
        Column("huis_dromen", "Huis van de dromen", TEXT,
               help="Hoe het kind het wil, in zijn eigen woorden, bv. dat mama altijd wakker is als ik thuiskom.",
               identifying=True, width=34),
    ),
)

SAFETY_TABLES: tuple[Sheet, ...] = (VEILIGHEIDSDOELEN, SCHAALVRAGEN, VEILIGHEIDSPLAN, VEILIGHEIDSNETWERK, PLANVERSIES)
TABLES: tuple[Sheet, ...] = (PERSONEN, RELATIES, CIRKELS, NETWERKBERAAD, ACTIES, DOELEN, *SAFETY_TABLES)
TABLE_BY_KEY = {s.key: s for s in TABLES}

# Other sheets of the workbook.
LISTS_SHEET = "Lijsten"
LISTS_HEADER_ROW = 2  # 1-based: the instructions are in row 1, the list names in row 2
CHECK_SHEET = "Controle"
PICKER_SHEET = "Keuzes"  # very hidden: the pickers behind the dropdowns, and the template marker
VERSION_MARKER = "werkboek-sjabloonversie"  # Keuzes!E1, version in Keuzes!F1
CHECK_COLUMNS = ("Ernst", "Blad", "Cel", "Melding", "Oplossing", "Code")
CHECK_HINT = "Nog niet gecontroleerd: klik op de knop Controleer op het blad Dossier. De meldingen komen hier."

# werkboek's own areas of the workbook, where the Excel buttons write (and nowhere else).
BUTTON_COLUMN = 4  # 0-based: column E of the Dossier sheet holds the buttons
MEETING_CHOICE_CELL = "F8"  # Dossier: the meeting for the report button (empty: the latest)
STATUS_CELL = "F14"  # Dossier: the last button's result
# The record of cells a check marked, on the picker sheet: "Blad!A1" in H, its fill before in I.
MARKS_COLUMN = 7  # 0-based: H
MARKS_HEADER = ("werkboek-markeringen", "oorspronkelijke vulling")
XLWINGS_SHEET = "xlwings.conf"  # hidden: the settings of xlwings' add-in (workbook/xlwings_conf.py)
SHEET_ORDER = (DOSSIER.name, *(s.name for s in TABLES), LISTS_SHEET, CHECK_SHEET, PICKER_SHEET, XLWINGS_SHEET)
# A workbook must have the sheets of version 2; the later ones are read when it has them.
REQUIRED_SHEETS = (DOSSIER.name, *(s.name for s in TABLES if s.since <= 2))
OPTIONAL_SHEETS = tuple(s.name for s in TABLES if s.since > 2)


@dataclass(frozen=True)
class Picker:
    """The entries of a dropdown that names rows of a table ("Fatma Yılmaz (P07)", "B1 – 20/03/2025").

    On the picker sheet, per table row: a label (`label_column`; empty for a row that names
    nothing yet) and a running count of labels (the next column); the picker (`column`) lists
    the labels without gaps. Every formula reads the table's columns as whole ranges by
    position, never a fixed cell, so deleting, inserting, clearing or sorting rows leaves no
    #REF! and loses no entry."""

    name: str  # defined name used by data validations
    sheet: Sheet
    column: int  # 0-based column of the entries on the picker sheet
    label_column: int  # 0-based column of the labels; the running count is the next column
    shows: str  # column key of `sheet` whose filling makes a row an entry
    empty: str  # the only entry while the table has none: what to do first
    # Rows of the table the picker covers (more when a pre-filled case has more). Each is three
    # formulas, and formulas are most of the build time: sized for real cases, not for MAX_ROWS.
    rows: int = 100


PICKERS = {
    PERSON: Picker("keuze_persoon", PERSONEN, 0, 10, "voornaam", "(vul eerst het blad Personen in)", rows=300),
    MEETING: Picker("keuze_beraad", NETWERKBERAAD, 1, 12, "datum", "(vul eerst het blad Netwerkberaad in)", rows=60),
    GOAL: Picker("keuze_doel", DOELEN, 2, 14, "doel", "(vul eerst het blad Doelen in)", rows=60),
    SAFETY_GOAL: Picker("keuze_veiligheidsdoel", VEILIGHEIDSDOELEN, 3, 16, "doel",
                        "(vul eerst het blad Veiligheidsdoelen in)", rows=10),
}
PICKER_HINTS = frozenset(p.empty for p in PICKERS.values())
