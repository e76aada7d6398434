"""The catalogue of checks: every check a stable code, a severity, Dutch message and fix
templates, and a description. docs/controles.md is generated from it (`scripts/gen_docs.py`),
together with the catalogue of file problems (`errors.PROBLEMS`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import problems_markdown
from .findings import ERROR, WARNING

CENTRAL_RELATION = "centrale persoon"  # the value of the Relatie list for the central person
# What werkboek does with the meaning-bearing values of a list (schema.ListDef.meanings), for messages.
MEANING_USE = {
    "relatie": "de controle van de centrale persoon",
    "sector": "de cirkels, het genogram en het aandeel informeel netwerk",
    "formeel": "het aandeel informeel netwerk",
    "moment": "de start- en eindmeting",
    "vraag": "de vragen van de cirkels",
    "status": "de gedane en vervallen acties in de eindevaluatie en de jaarcijfers",
    "bereikt": "de bereikte doelen in de eindevaluatie en de jaarcijfers",
}
EARLIEST_DATE = dt.date(1990, 1, 1)  # case dates before this are taken for typos
FUTURE_YEARS = 10  # ... and so are dates this many years ahead
EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    group: str  # section of docs/controles.md, in the order the catalogue first names it
    message: str  # str.format template naming the value
    fix: str
    description: str


CATALOGUE: dict[str, Rule] = {c.code: c for c in (
    # --- the workbook as a whole
    Rule("verplichte-kolom-ontbreekt", ERROR, "Werkmap",
          "de verplichte kolom '{kolom}' ontbreekt (of de kolomkop werd veranderd).",
          "Zet de kolomkop '{kolom}' terug, precies zo geschreven, of neem de gegevens over in een nieuwe "
          "Netwerkkaart.",
          "werkboek vindt kolommen aan hun kop. Een verplichte kolom die hernoemd of verwijderd werd, kan niet "
          "gelezen worden."),
    Rule("kolom-ontbreekt", WARNING, "Werkmap",
          "de kolom '{kolom}' ontbreekt (of de kolomkop werd veranderd); ze wordt als leeg gelezen.",
          "Zet de kolomkop '{kolom}' terug, precies zo geschreven, of neem de gegevens over in een nieuwe "
          "Netwerkkaart.",
          "Een niet-verplichte kolom werd niet gevonden; verslagen en cijfers behandelen ze als leeg."),
    Rule("nieuwere-sjabloonversie", WARNING, "Werkmap",
          "deze werkmap is van sjabloonversie {waarde}; deze versie van werkboek kent tot versie {kent}.",
          "Vraag je beheerder om werkboek bij te werken en controleer daarna opnieuw.",
          "De werkmap werd gemaakt met een nieuwere versie van werkboek; nieuwe kolommen worden misschien niet "
          "gelezen."),
    Rule("betekenis-ontbreekt", WARNING, "Werkmap",
          "de lijst '{lijst}' mist de waarde '{waarde}'; werkboek gebruikt die voor {gebruik}. Rijen met een "
          "andere schrijfwijze ({andere}) tellen daar niet voor mee.",
          "Zet '{waarde}' terug in de lijst '{lijst}' en in de rijen die een andere naam kregen. Noemt je "
          "organisatie ze echt anders, dan zet de beheerder die hernoeming in het profiel van de organisatie "
          "(docs/beheer.md); dan tellen de cijfers ze mee.",
          "Sommige waarden van een lijst hebben een betekenis voor werkboek (in het vet op het blad Lijsten): "
          "gedaan en vervallen bij de status, de sectoren, de momenten, de vragen, bereikt en informeel/formeel. "
          "Wie er een hernoemt of wist zonder hernoeming in het profiel, verandert de cijfers; daarom deze "
          "waarschuwing."),
    Rule("geen-macros", WARNING, "Werkmap",
          "de werkmap bevat geen macro's (ze werd als .xlsx of zonder macro's opgeslagen): de knoppen op het blad "
          "Dossier doen niets.",
          "Sla een Netwerkkaart altijd op als 'Excel-werkmap met macro's (*.xlsm)'. Opnieuw opslaan brengt de knoppen "
          "van deze kopie niet terug: werk verder in de oorspronkelijke .xlsm, of neem de gegevens over in een nieuwe "
          "kopie van Netwerkkaart.xlsm.",
          "Een Netwerkkaart die als gewone Excel-werkmap (.xlsx) werd opgeslagen, verliest haar macro's: de knoppen "
          "Controleer, Verslag netwerkberaad en Eindevaluatie blijven staan maar doen niets. De gegevens worden wel "
          "gelezen, gecontroleerd en meegeteld."),
    Rule("cellen-samengevoegd", WARNING, "Werkmap",
          "de cellen {bereik} zijn samengevoegd; werkboek leest {gelezen}, zoals Excel het toont.",
          "Maak de samenvoeging ongedaan (Start > Samenvoegen en centreren > Samenvoeging van cellen opheffen) en "
          "vul elke cel zelf in: de knop Controleer ziet de waarde alleen in de eerste cel, en sorteren of filteren "
          "lukt niet met samengevoegde cellen.",
          "Cellen die over meer rijen van een tabel samengevoegd zijn, tonen één waarde voor al die rijen; werkboek "
          "leest die waarde dan ook voor elke rij. In Excel zelf staat ze alleen in de eerste cel."),
    Rule("cel-ver-buiten-tabel", WARNING, "Werkmap",
          "deze cel bevat {inhoud}, {waar}; werkboek leest ze niet.",
          "Maak de cel leeg: druk op F5 (Ga naar), typ {cel}, druk op Enter en dan op Delete.",
          "Een cel ver onder de tabel (meer dan 10.000 lege rijen lager) of ver rechts ervan, meestal een spatie of "
          "teken dat per ongeluk getypt werd. werkboek leest de werkmap zonder die cel; de melding noemt ze, zodat "
          "je ze kunt leegmaken."),
    # --- filling in: required, types, ranges, lists, unique IDs
    Rule("verplicht-veld", ERROR, "Invullen",
          "'{kolom}' is niet ingevuld.",
          "Vul '{kolom}' in: dit is verplicht. {hulp}",
          "Een verplicht veld is leeg. Verplichte velden staan in docs/velden.md en hebben een blauwe kop."),
    Rule("excel-foutwaarde", ERROR, "Invullen",
          "de cel bevat de Excel-fout {waarde}{nederlands}.",
          "Herstel de formule in deze cel, of typ de waarde zelf in.",
          "Een formule gaf een fout (#N/A, #REF!, #DIV/0!, ...; in een Nederlandstalige Excel #N/B, #VERW!, "
          "#DEEL/0!, ...); die waarde kan niet gebruikt worden. werkboek leest ze uit het bestand zoals Excel "
          "ze toont."),
    Rule("ongeldige-datum", ERROR, "Invullen",
          "'{waarde}' is geen geldige datum.",
          "Typ een bestaande datum als dd/mm/jjjj, bv. 22/11/2026.",
          "Een datumveld bevat tekst die geen datum is, of een datum die niet bestaat (31/02). Datums typ je "
          "als dd/mm/jjjj, dd-mm-jjjj, dd.mm.jjjj of jjjj-mm-dd; werkboek raadt nooit wat 3/4 zou betekenen."),
    Rule("onwaarschijnlijke-datum", WARNING, "Invullen",
          "de datum {waarde} ligt wel erg ver in het verleden of de toekomst.",
          "Controleer het jaartal (een tikfout, zoals 2052 voor 2025?).",
          f"Een datum voor {EARLIEST_DATE.year} of meer dan {FUTURE_YEARS} jaar in de toekomst is bijna altijd "
          "een tikfout."),
    Rule("geen-jaartal", ERROR, "Invullen",
          "'{waarde}' is geen jaartal.",
          "Typ alleen het jaartal, bv. 1984; laat de cel leeg als je het niet weet.",
          "Een geboortejaar bevat tekst, zoals 'ca. 1960' of 'onbekend'."),
    Rule("onwaarschijnlijk-geboortejaar", ERROR, "Invullen",
          "{waarde} is geen mogelijk geboortejaar (verwacht: {min} tot {max}).",
          "Controleer het jaartal; laat de cel leeg als je het niet weet.",
          f"Een geboortejaar voor {EARLIEST_BIRTH_YEAR} of in de toekomst."),
    Rule("ongeldige-score", ERROR, "Invullen",
          "'{waarde}' is geen score van 0 tot 10.",
          "Typ een geheel getal van 0 tot 10.",
          "Schalen en doelscores gaan van 0 tot 10, in gehele getallen."),
    Rule("ongeldige-cirkel", ERROR, "Invullen",
          "'{waarde}' is geen cirkel.",
          "Typ 1 (binnenste), 2 (middelste) of 3 (buitenste cirkel).",
          "Er zijn drie cirkels: 1 is de binnenste, 3 de buitenste."),
    Rule("geen-geheel-getal", ERROR, "Invullen",
          "'{waarde}' is geen geheel getal.",
          "Typ alleen een getal in cijfers, bv. 2.",
          "Een getalveld (zoals de versie van het veiligheidsplan) bevat tekst of een kommagetal."),
    Rule("geen-ja-nee", ERROR, "Invullen",
          "'{waarde}' is geen ja of nee.",
          "Kies ja of nee, of laat de cel leeg.",
          "Een ja/nee-veld bevat iets anders."),
    Rule("niet-in-lijst", ERROR, "Invullen",
          "'{waarde}' staat niet in de lijst '{lijst}'.",
          "Kies een waarde uit de keuzelijst, of voeg '{waarde}' toe in de kolom '{lijst}' op het blad Lijsten.",
          "Een keuzeveld bevat een waarde die niet op het blad Lijsten staat. Organisaties passen die lijsten "
          "aan; werkboek controleert tegen de lijsten van de werkmap zelf."),
    Rule("vervallen-waarde", WARNING, "Invullen",
          "'{waarde}' is een vervallen waarde van de lijst '{lijst}' (zo staat het in het profiel van de "
          "organisatie){vervanging}.",
          "Kies een waarde uit de keuzelijst{voorbeeld}. Het mag blijven staan: dit blokkeert geen verslag.",
          "De beheerder heeft de waarde in het profiel van de organisatie laten vervallen. Oude werkmappen mogen ze "
          "houden; werkboek waarschuwt, zodat nieuwe rijen de huidige lijst volgen."),
    Rule("dubbel-id", ERROR, "Invullen",
          "het ID '{waarde}' staat ook op rij {eerste}.",
          "Geef deze rij een ID dat nog niet bestaat, bv. {vrij} (hoofdletters tellen niet: p01 is P01).",
          "Een ID moet uniek zijn op zijn blad: acties, aanwezigen en plaatsingen verwijzen ernaar. werkboek zet de "
          "ID's klaar; twee dezelfde ontstaan meestal door een gekopieerde rij."),
    Rule("id-ontbreekt", WARNING, "Invullen",
          "deze rij heeft geen ID (een ingevoegde of leeggemaakte rij); werkboek noemt ze voorlopig {waarde}.",
          "Typ {waarde} in deze cel, zodat het ID blijft (en de persoon ook op het blad Cirkels een rij kan krijgen).",
          "De ID's staan klaar in de rijen van de werkmap. Een rij die je invoegt, of een rij die je helemaal wist en "
          "opnieuw invult, heeft er geen; werkboek geeft ze het volgende vrije nummer, dat kan veranderen zolang het "
          "niet in de cel staat."),
    Rule("dezelfde-naam", WARNING, "Invullen",
          "{waarde} heet hetzelfde als de persoon op rij {eerste}.",
          "Kies deze personen op de andere bladen uit de keuzelijst (met het ID erbij), of maak de namen verschillend, "
          "bv. met een roepnaam of 'sr.' en 'jr.'.",
          "Personen kies je bij naam. Bij twee personen met dezelfde naam weet werkboek niet wie een getypte naam "
          "bedoelt."),
    # --- references
    Rule("onbekende-persoon", ERROR, "Verwijzingen",
          "'{waarde}' is geen persoon van het blad Personen.",
          "Kies een persoon uit de keuzelijst, of typ de naam zoals op het blad Personen (bv. Fatma, of Fatma Yılmaz); "
          "staat de persoon daar niet (meer), voeg haar toe of haal de verwijzing weg.",
          "Een verwijzing naar een persoon (centrale persoon, relatie, plaatsing, aanwezige, wie of met wie "
          "van een actie) vindt geen persoon met die naam of dat ID. Een verwijderde persoon laat zulke verwijzingen "
          "achter."),
    Rule("dubbelzinnige-verwijzing", ERROR, "Verwijzingen",
          "'{waarde}' kan meer dan één {wat} zijn: {kandidaten}.",
          "Kies uit de keuzelijst (met het ID erbij), of typ het ID, bv. {voorbeeld}.",
          "Een getypte naam (of datum) past bij meer dan één rij: twee personen met dezelfde voornaam, of twee "
          "beraden op dezelfde dag. Met het ID erbij is het duidelijk."),
    Rule("onbekend-beraad", ERROR, "Verwijzingen",
          "'{waarde}' is geen netwerkberaad van het blad Netwerkberaad.",
          "Kies een beraad uit de keuzelijst, of voeg het beraad eerst toe op het blad Netwerkberaad.",
          "Een actie verwijst naar een netwerkberaad dat niet bestaat."),
    Rule("onbekend-doel", ERROR, "Verwijzingen",
          "'{waarde}' is geen doel van het blad Doelen.",
          "Kies een doel uit de keuzelijst, of voeg het doel eerst toe op het blad Doelen.",
          "Een actie verwijst naar een doel dat niet bestaat."),
    Rule("onbekend-veiligheidsdoel", ERROR, "Verwijzingen",
          "'{waarde}' is geen veiligheidsdoel van het blad Veiligheidsdoelen.",
          "Kies een veiligheidsdoel uit de keuzelijst, of voeg het eerst toe op het blad Veiligheidsdoelen.",
          "Een schaalvraag of een afspraak van het veiligheidsplan verwijst naar een veiligheidsdoel dat niet "
          "bestaat."),
    Rule("relatie-met-zichzelf", ERROR, "Verwijzingen",
          "persoon A en persoon B zijn dezelfde persoon ({waarde}).",
          "Kies bij 'Persoon B' de andere persoon van de relatie.",
          "Een band in het genogram verbindt een persoon met zichzelf."),
    Rule("dubbele-relatie", WARNING, "Verwijzingen",
          "de relatie tussen {a} en {b} staat ook op rij {eerste}.",
          "Houd één rij per paar; verwijder de andere rij of pas ze aan.",
          "Twee rijen op het blad Relaties gaan over hetzelfde paar; het genogram tekent maar één band."),
    Rule("centrale-persoon-tegenstrijdig", WARNING, "Verwijzingen",
          "{waarde} heeft als relatie '" + CENTRAL_RELATION + "', maar de centrale persoon op het blad Dossier "
          "is {centraal}.",
          "Kies voor {waarde} de relatie tot {centraal}, of pas de centrale persoon op het blad Dossier aan.",
          "Elke relatie wordt uitgedrukt tegenover de centrale persoon van het dossier; een tweede "
          "'" + CENTRAL_RELATION + "' maakt het genogram en de verslagen tegenstrijdig."),
    # --- meetings and actions
    Rule("beraad-zonder-aanwezigen", ERROR, "Netwerkberaad en acties",
          "er staan geen aanwezigen bij dit netwerkberaad.",
          "Typ de namen van wie er was, gescheiden door komma's, bv. Zoë, Ayşe, Marc.",
          "Een netwerkberaad zonder aanwezigen kan geen verslag krijgen."),
    Rule("actie-zonder-eigenaar", ERROR, "Netwerkberaad en acties",
          "niemand neemt deze actie op: 'Wie' is leeg.",
          "Kies wie de actie opneemt (een persoon uit de keuzelijst).",
          "Elke actie heeft iemand die ze opneemt; anders gebeurt ze niet."),
    Rule("actie-zonder-termijn", ERROR, "Netwerkberaad en acties",
          "bij deze actie staat niet tegen wanneer ze klaar moet zijn.",
          "Spreek een termijn af en typ die datum als dd/mm/jjjj bij 'Tegen wanneer'.",
          "Elke actie heeft een termijn: wie doet wat, tegen wanneer."),
    # --- dates in order
    Rule("einddatum-voor-startdatum", ERROR, "Datums",
          "de einddatum {waarde} ligt voor de startdatum {start}.",
          "Controleer beide datums (dag en maand omgewisseld?).",
          "Een dossier eindigt na zijn start."),
    Rule("termijn-voor-beraad", ERROR, "Datums",
          "de termijn {waarde} ligt voor het beraad {beraad} van {datum}, waarop de actie afgesproken werd.",
          "Controleer de termijn en het beraad van deze actie.",
          "Een actie wordt op een beraad afgesproken; haar termijn kan niet eerder vallen."),
    Rule("volgend-beraad-voor-beraad", ERROR, "Datums",
          "het volgende beraad ({waarde}) ligt voor dit beraad ({datum}).",
          "Controleer beide datums.",
          "De datum van het volgende beraad ligt voor de datum van het beraad zelf."),
    Rule("beraad-buiten-dossier", WARNING, "Datums",
          "het beraad van {waarde} valt buiten de looptijd van het dossier ({periode}).",
          "Controleer de datum van het beraad en de start- en einddatum op het blad Dossier.",
          "Een netwerkberaad voor de start of na het einde van het dossier is meestal een tikfout."),
    Rule("meting-buiten-dossier", ERROR, "Datums",
          "de meting van {waarde} valt buiten de looptijd van het dossier ({periode}).",
          "Controleer de datum van de meting en de start- en einddatum op het blad Dossier.",
          "Een meting van de netwerkcirkels hoort binnen de looptijd van het dossier."),
    Rule("eindmeting-voor-startmeting", ERROR, "Datums",
          "de eindmeting '{vraag}' van {waarde} ligt voor de startmeting van {start}.",
          "Controleer de datums en het moment (start of einde) van deze metingen.",
          "Voor dezelfde vraag ligt de eindmeting voor de startmeting: de vergelijking start-einde klopt dan niet."),
    # --- network circles
    Rule("dubbel-geplaatst", ERROR, "Netwerkcirkels",
          "{waarde} staat twee keer in dezelfde meting ({meting}), ook op rij {eerste}.",
          "Houd één plaatsing per persoon per meting: wis het cijfer in een van beide rijen.",
          "Een persoon staat twee keer in één meting (zelfde datum, moment en vraag); de cijfers tellen alleen "
          "de eerste."),
    Rule("meting-op-meerdere-datums", WARNING, "Netwerkcirkels",
          "deze {moment}meting '{vraag}' van {waarde} telt niet mee: de cijfers gebruiken de {moment}meting "
          "van {gebruikt}.",
          "Geef alle vragen van één meting dezelfde datum, of zet deze meting op moment 'tussentijds'.",
          "De cijfers nemen de vroegste startmeting en de laatste eindmeting per vraag. Plaatsingen met moment "
          "start of einde op een andere datum tellen niet mee; meestal is de datum niet overal gelijk ingevuld."),
    Rule("centrale-persoon-geplaatst", WARNING, "Netwerkcirkels",
          "{waarde} is de centrale persoon: die staat in het midden en telt niet mee als plaatsing.",
          "Wis deze plaatsing; plaats alleen de mensen rond de centrale persoon.",
          "De centrale persoon is het midden van de cirkels, geen plaatsing."),
    Rule("binnenste-cirkel-enkel-professionelen", WARNING, "Netwerkcirkels",
          "in de binnenste cirkel van de meting {meting} staan alleen professionelen.",
          "Vraag de jongere en het gezin wie uit hun eigen netwerk dichtbij staat, en plaats ook die mensen.",
          "Een binnenste cirkel met alleen hulpverleners draagt niet na het einde van de hulp: zoek samen "
          "met het gezin naar familie, vrienden en buren."),
    # --- Signs of Safety
    Rule("veiligheidsdoel-zonder-zorg", WARNING, "Veiligheid",
          "bij dit veiligheidsdoel staat geen zorgverklaring: waarover maakt men zich zorgen?",
          "Schrijf in 'Zorgverklaring: waarover' de zorg waar dit doel op antwoordt, in gewone taal, bv. mama "
          "drinkt 's avonds en valt dan in slaap.",
          "Elk veiligheidsdoel antwoordt op een zorg (gevaarverklaring): wie maakt zich zorgen, waarover, en wat "
          "kan er met het kind gebeuren. Zonder zorg weet het netwerk niet waarom het doel er is."),
    Rule("afspraak-zonder-drager", ERROR, "Veiligheid",
          "niemand draagt deze afspraak van het veiligheidsplan: 'Wie' is leeg.",
          "Vul bij 'Wie' in wie de afspraak opneemt, bv. oma Fatma; een afspraak zonder iemand die ze draagt, "
          "gebeurt niet.",
          "Elke afspraak van het veiligheidsplan heeft iemand die ze draagt; het veiligheidsplan noemt die persoon "
          "bij de afspraak."),
    Rule("plan-enkel-professionelen", WARNING, "Veiligheid",
          "alle afspraken van het veiligheidsplan liggen bij professionelen.",
          "Zoek samen met het gezin wie uit familie, vrienden en buren een afspraak kan dragen: het plan moet "
          "blijven werken als de hulp stopt.",
          "Een veiligheidsplan dat alleen hulpverleners dragen, stopt wanneer de hulp stopt. Het informele netwerk "
          "moet het kunnen overnemen."),
    Rule("schaalvraag-zonder-score", WARNING, "Veiligheid",
          "bij deze schaalvraag staat geen enkele score.",
          "Vul 'Score samen' in (0 tot 10), of de scores van gezin, netwerk en hulpverleners.",
          "Een rij op het blad Schaalvragen zonder score telt niet mee in de grafiek van de schalen."),
    Rule("beraad-zonder-schaalvraag", WARNING, "Veiligheid",
          "op dit beraad werd geen enkel open veiligheidsdoel gescoord.",
          "Vul op het blad Schaalvragen per open veiligheidsdoel een rij in voor beraad {beraad}, met de score van "
          "0 tot 10.",
          "Op elk netwerkberaad scoort iedereen de open veiligheidsdoelen. Een doel is open vanaf 'Opgesteld op' "
          "(leeg: vanaf het begin) tot 'Afgesloten op'."),
    Rule("telefoon-zonder-akkoord", WARNING, "Veiligheid",
          "er staat een telefoonnummer, maar geen 'ja' bij 'Mag gebeld worden': het nummer komt niet in het plan.",
          "Vraag de persoon of het gezin en het netwerk haar mogen bellen; vul dan ja in.",
          "Een telefoonnummer komt alleen in het veiligheidsplan met het akkoord van de persoon."),
    Rule("bellen-zonder-telefoon", WARNING, "Veiligheid",
          "de persoon mag gebeld worden, maar er staat geen telefoonnummer.",
          "Vul het nummer in bij 'Telefoon voor het plan', bv. 0470 12 34 56.",
          "Wie gebeld mag worden, staat met het nummer in het veiligheidsplan."),
    # --- practice
    Rule("actie-voor-zeker-niet", WARNING, "Praktijk",
          "{waarde} staat bij de vraag 'hulp' in de buitenste cirkel (zeker niet), maar neemt deze actie op.",
          "Bespreek of {waarde} deze actie echt wil opnemen, of geef ze aan iemand anders.",
          "De actie gaat naar iemand die in de laatste meting 'hulp' voor het beraad zei zeker niet te willen helpen."),
    Rule("overleden-persoon-actief", WARNING, "Praktijk",
          "{waarde} staat als overleden op het blad Personen, maar staat hier als {rol}.",
          "Controleer de naam (een tikfout of de verkeerde persoon gekozen?) of de kolom 'Overleden' op het blad "
          "Personen.",
          "Een overleden persoon is aanwezig op een beraad of neemt een actie op: meestal een verkeerd ID."),
    Rule("verwaterd-niet-gecontacteerd", WARNING, "Praktijk",
          "het contact met {waarde} is verwaterd, maar er staat geen datum bij 'Gecontacteerd op'.",
          "Probeer {waarde} opnieuw te bereiken en vul de datum en de reactie in.",
          "Verwaterde contacten zijn kansen: wie ooit betrokken was, kan teruggevonden worden."),
    Rule("afgesloten-zonder-eindmeting", WARNING, "Praktijk",
          "het dossier is afgesloten, maar er is geen eindmeting voor de vraag '{vraag}'.",
          "Vul op het blad Cirkels een meting met moment 'einde' in, zodat de eindevaluatie start en einde kan "
          "vergelijken.",
          "Een afgesloten dossier (met einddatum) heeft een eindmeting nodig voor de eindevaluatie."),
    Rule("afgesloten-zonder-doelresultaat", WARNING, "Praktijk",
          "het dossier is afgesloten, maar bij dit doel zijn 'Bereikt' en 'Score einde' leeg.",
          "Evalueer het doel samen met het netwerk en vul 'Bereikt' en 'Score einde' in.",
          "In een afgesloten dossier is elk doel geëvalueerd."),
    Rule("afgesloten-zonder-conclusies", WARNING, "Praktijk",
          "het dossier is afgesloten, maar er staan geen conclusies.",
          "Schrijf kort wat het netwerk na de hulp draagt; het komt in de eindevaluatie.",
          "De conclusies bij afsluiting horen in de eindevaluatie."),
)}


# --- the catalogue as documentation ------------------------------------------------------------------


_DOC_INTRO = """\
# Controles van de Netwerkkaart

Dit overzicht wordt gemaakt uit `werkboek/checks/catalogue.py` en `werkboek/errors.py`
(`python scripts/gen_docs.py`); pas het niet met de hand aan.

Elke melding noemt het blad, de cel en de rij (bv. `Acties!F7 (actie A3)`), zegt wat er mis is en
hoe je het oplost. Een **fout** houdt een verslag tegen; een **waarschuwing** niet: die wijst op
iets dat in de praktijk vaak misloopt. De code van een controle verandert niet, zodat je ze kunt
opzoeken en scripts erop kunnen steunen.

Controleren kan met de knop **Controleer** in de werkmap (de meldingen komen op het blad Controle,
met een link naar elke cel) of met `werkboek controleer PAD...` op de opdrachtregel (`--json` voor
een vaste, machineleesbare vorm). Exitcodes: 0 geen fouten (waarschuwingen mogen), 1 fouten
gevonden, 2 een bestand kon niet gelezen worden. Bij meerdere bestanden geldt de ergste.
"""

_DOC_JSON = """\
## JSON-uitvoer

`werkboek controleer --json PAD...` geeft een lijst met één object per bestand, in de volgorde van
de opdracht. Deze vorm blijft stabiel:

```json
[
  {"pad": "Gezin-Peeters.xlsm", "status": "fouten", "fouten": 1, "waarschuwingen": 0,
   "meldingen": [{"code": "ongeldige-datum", "ernst": "fout", "blad": "Acties", "cel": "F7",
                  "melding": "'31/02/2025' is geen geldige datum.",
                  "oplossing": "Typ een bestaande datum als dd/mm/jjjj, bv. 22/11/2026.",
                  "label": "actie A3"}]},
  {"pad": "kapot.xlsm", "status": "onleesbaar", "code": "beschadigd",
   "probleem": "de werkmap is beschadigd of onvolledig (...).",
   "oplossing": "Neem een vorige versie of een back-up van het bestand."}
]
```

- `status`: `in-orde` (geen fouten; waarschuwingen kunnen er zijn), `fouten`, `onleesbaar`, of
  `overgeslagen` voor een bestand dat geen werkmap is om te controleren: het tijdelijke bestand
  (`~$...`) dat Excel naast een geopende werkmap zet, dat `team/*.xlsm` ook vindt. Zo'n bestand
  heeft `code` `vergrendelbestand` en een `reden`, en telt niet mee voor de exitcode.
- `code` van een onleesbaar bestand: een van de codes onder *Bestanden die niet gebruikt kunnen worden*.
- `cel` is leeg bij een melding over een heel blad (bv. een ontbrekende kolom).
- `label` noemt de rij (`actie A3`, `plaatsing P04`), of is leeg.
- `melding` en `oplossing` kunnen waarden uit de werkmap bevatten (ook namen): deel ze niet buiten
  het team. `code`, `ernst`, `blad` en `cel` bevatten nooit gegevens uit de werkmap.
"""


def catalogue_markdown() -> str:
    """docs/controles.md: every check, by group, with its code, severity, message and fix."""
    errors = sum(c.severity == ERROR for c in CATALOGUE.values())
    lines = [_DOC_INTRO, f"{len(CATALOGUE)} controles: {errors} fouten, {len(CATALOGUE) - errors} waarschuwingen."]
    for group in dict.fromkeys(c.group for c in CATALOGUE.values()):
        lines += ["", f"## {group}", "", "| Code | Ernst | Melding | Oplossing | Uitleg |", "|---|---|---|---|---|"]
        for c in CATALOGUE.values():
            if c.group == group:
                lines.append(f"| `{c.code}` | {c.severity} | {_doc(c.message)} | {_doc(c.fix)} "
                             f"| {_doc(c.description)} |")
    lines += ["", problems_markdown(), "", _DOC_JSON]
    return "\n".join(lines)


def _doc(text: str) -> str:
    """A template for a Markdown table cell: placeholders in italics, pipes escaped."""
    text = text.replace("}{", "} {")  # "{waarde}{nederlands}": two placeholders, two words
    return re.sub(r"\{(\w+)\}", r"*\1*", text).replace("|", "\\|")
