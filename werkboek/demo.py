"""Fictitious demo cases: one rich showcase (`demo_case`), the same grown large (`large_case`) and a team
folder (`team_cases`).

Every name, number and story here is invented. Each case is internally consistent, so the
checks find no errors: unique IDs, references that resolve, values from the lists, dates in
order, nobody placed twice in one measurement, no action for someone who said 'zeker niet'.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from .workbook import schema
from .workbook.model import Case, Record

D = dt.date
VRAGEN = ("belang", "hulp", "kennis")
LATEST = D(2026, 10, 31)  # no demo date lies after this, except a planned next meeting or due date
PROF = schema.PROFESSIONAL_SECTOR
SECTOR = dict(zip("FVSP", schema.SECTORS, strict=True))
SOORT = dict(zip("pxob", schema.LIST_BY_KEY["relatiesoort"].values, strict=True))


def _items(text: str, sep: str = "|") -> list[str]:
    """'a | b c\n d' -> ['a', 'b c d']: lists of Dutch texts, wrapped freely in the source."""
    return [" ".join(part.split()) for part in text.strip().split(sep)]


def _blocks(text: str) -> list[list[str]]:
    """One record a line (an indented line continues the one above), fields separated by '|'."""
    return [_items(block) for block in re.split(r"\n(?!\s)", text.strip())]


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _rec(sheet: str, **values: Any) -> Record:
    cols = schema.DOSSIER.fields if sheet == "dossier" else schema.TABLE_BY_KEY[sheet].columns
    if unknown := set(values) - {c.key for c in cols}:
        raise KeyError(f"{sheet}: {sorted(unknown)}")
    return Record(sheet, {c.key: values.get(c.key) for c in cols})


def _case(dossier: dict[str, Any], **tables: list[Record]) -> Case:
    case = Case.empty()
    case.dossier = _rec("dossier", **dossier)
    case.tables.update(tables)
    return case


def _measure(date: D | None, moment: str, circles: dict[str, tuple[int, ...]], vragen: tuple[str, ...] = VRAGEN
             ) -> list[Record]:
    """One measurement: per question, every person with their circle (the tuple is in `vragen` order)."""
    if date is None:
        return []
    return [_rec("cirkels", datum=date, moment=moment, vraag=v, persoon=pid, cirkel=c[i])
            for i, v in enumerate(vragen) for pid, c in circles.items()]


def _phone(rng: random.Random) -> str:
    return f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


# --- the showcase: Zoë (12) and her network ------------------------------------------------------

# voornaam|achternaam|geslacht|geboortejaar|relatie|sector (F/V/S/P)|vlaggen: o overleden, w ver weg, k weet ervan,
# b vroeger betrokken, v verwaterd|gekozen door|reactie|rol|dagen na de start: gevonden,gecontacteerd|
# cirkels bij de start (belang hulp kennis)|hulp tussentijds|cirkels op het einde|notitie
_SHOW_PERSONS = """
Zoë|Van den Broeck|v|2012|centrale persoon|F|k||||||||
Ayşe|Yılmaz|v|1985|moeder|F|kb||||0|111|1|111|Vraagt zelf hulp; werkt halftijds in een bakkerij.
Kristof|Van den Broeck|m|1982|vader|F|kb|jongere|twijfel||0,6|232|3|221|Woont in Mechelen; contact via zijn advocaat.
Marc|Dewaele|m|1980|stiefvader|F|k|ouder|positief|praktische hulp|0,2|121|1|111|
Jonas|Van den Broeck|m|2015|broer|F|k||||0|132|3|122|
Noor|Dewaele|v|2020|halfzus|F|k||||0|133||133|
Fatma|Yılmaz|v|1958|grootmoeder|F|kb|jongere|positief|opvang bij crisis|3,6|111|1|111|Crisisadres; tien minuten fietsen.
Mehmet|Yılmaz|m|1953|grootvader|F|o||||||||Overleden in 2019; Zoë praat nog vaak over hem.
Roger|Van den Broeck|m|1951|grootvader|F|k|jongere|positief||3,9|232|2|221|
Lieve|D'Hondt|v|1954|grootmoeder|F|kb|jongere|positief|steunfiguur|3,9|222|2|111|
Emre|Yılmaz|m|1982|oom|F|wv|hulpverlener|positief||45,52|||222|Woont in Rotterdam; teruggevonden via sociale media.
Elif|Yılmaz|v|1991|tante|F|k|ouder|positief|vertrouwenspersoon|3,6|212|1|111|
Sarah|Van den Broeck|v|1978|tante|F|wv|hulpverlener|geen reactie||45,52||||Twee keer gebeld en een brief gestuurd.
Loïc|Peeters|m|2007|neef|F|wv|jongere|positief|mentor|60,66|||212|Zoon van Sarah; zocht zelf contact met Zoë.
Defne|Yılmaz|v|2012|nicht|F|wv|jongere|positief||52,70|||223|Dochter van Emre; videobellen op zondag.
Jeanne|D'Hondt|v|1931|andere|F|o||||||||Overgrootmoeder (mama van Lieve), overleden in 2022.
Griet|Claes|v|1969|buur|V|k|ouder|positief|opvang bij crisis|3,12|223|2|112|
Hanne|Wouters|v|2012|vriend(in)|V|k|jongere|positief||3,14|123|2|112|Beste vriendin uit de klas.
Ilse|Wouters|v|1980|andere|V|k|jongere|positief|steungezin|70,75||2|111|Mama van Hanne; Zoë eet er elke woensdag.
Johan|Mertens|m|1961|peter|V|vb|ouder|positief|steunfiguur|40,44|||122|Peter van Zoë, jeugdvriend van Kristof.
Inge|Smets|v|1971|leerkracht|S|k|hulpverlener|positief||5,12|222|2|222|Klastitularis 1A.
Bram|Lemmens|m|1988|trainer/coach|S||jongere|positief||5,20|223|2|213|Basketbalcoach, dinsdag en donderdag.
Nadia|El Amrani|v|1996|andere|S||jongere|positief||110,115||2|223|Leidster bij de Chiro; Zoë gaat sinds januari mee.
An|Janssens|v|1966|huisarts|P|k|hulpverlener|positief||10,14|323|2|323|
Sofie|Verhoeven|v|1989|hulpverlener|P|k||||0|212|1|323|Contextbegeleider, Team Noord.
Tom|Vermeulen|m|1985|hulpverlener|P|k|hulpverlener|positief||5,8|322|2|333|CLB-medewerker.
"""
# persoon A, persoon B, soort (p partners, x ex-partners, o ouder–kind with A the parent, b broer/zus), kwaliteit
_SHOW_RELATIONS = """
P07 P08 p goed|P09 P10 p goed|P02 P03 x conflict|P02 P04 p goed|P07 P02 o|P08 P02 o|P07 P11 o|P08 P11 o|P07 P12 o
P08 P12 o|P09 P03 o wisselend|P10 P03 o|P09 P13 o|P10 P13 o|P16 P10 o|P02 P01 o goed|P03 P01 o wisselend|P02 P05 o
P03 P05 o|P02 P06 o|P04 P06 o|P13 P14 o|P11 P15 o|P01 P05 b goed|P01 P06 b goed|P05 P06 b|P02 P11 b wisselend
P02 P12 b goed|P11 P12 b|P03 P13 b verbroken
"""
_SHOW_MEETINGS = """
2024-10-17 | bij oma Fatma thuis | P01 P02 P04 P07 P10 P12 P17 P25 P26 | 3 |
  Ruzies tussen Ayşe en Zoë lopen uit de hand; in september duwde Ayşe Zoë tegen de kast. Zoë loopt dan weg zonder te
  zeggen waar ze is. Zoë mist veel lessen: veertien halve dagen sinds september. |
  Zoë heeft een sterke band met oma Fatma en tante Elif. Ayşe vraagt zelf hulp en wil dat het anders gaat. Marc brengt
  rust en structuur in huis. Zoë speelt graag basketbal. |
  Een veiligheidsplan: waar kan Zoë naartoe als het escaleert, wie belt Ayşe als ze het niet meer ziet zitten. Meer
  mensen rond Zoë buiten het gezin. Elke dag naar school. |
  Kristof niet uitgenodigd op vraag van Ayşe; bespreken voor het volgende beraad.
2024-12-12 | in het wijkcentrum | P01 P02 P04 P07 P09 P10 P12 P14 P17 P19 P21 P25 | 5 |
  Er waren twee ruzies, maar zonder geweld. De verblijfsregeling met Kristof blijft voor spanning zorgen. Zoë slaapt
  slecht en is 's ochtends moe. |
  Zoë ging twee keer naar oma Fatma toen het thuis te veel werd: het plan werkt. Neef Loïc is terug in beeld en Zoë
  kijkt naar hem op. Ze mist minder lessen. |
  Vaste momenten buiten het gezin: woensdag bij Hanne, zaterdag bij oma Lieve. Bemiddeling tussen de ouders. Hulp bij
  het slapen via de huisarts. |
  Loïc nam online deel. Ayşe wil Kristof in maart wel uitnodigen.
2025-03-20 | bij het gezin thuis | P01 P02 P03 P04 P07 P09 P10 P11 P12 P14 P19 P20 P23 P25 | 7 |
  Ayşe en Kristof praten nog niet rechtstreeks met elkaar. Na de afsluiting moet het netwerk het zelf dragen: wie houdt
  het overzicht? |
  Geen escalaties meer sinds januari. Zoë gaat elke dag naar school, op twee dagen na. Ze heeft nu elke week vaste
  mensen: Hanne en Ilse, oma Lieve, Loïc, de Chiro. Kristof is er voor het eerst bij. Oom Emre en Defne zijn terug in
  contact. |
  Een overdrachtslijst: wie doet wat na juni. Een bijeenkomst van het netwerk zonder hulpverlening. Bemiddeling over de
  verblijfsregeling. |
  Sfeer tussen Ayşe en Kristof gespannen maar correct. Eindevaluatie plannen begin juni.
"""
# beraad | wie | met wie | dagen na het beraad | status | doel | wat | opvolging
_SHOW_ACTIONS = """
1|P07|P02|7|gedaan|D1|Oma Fatma is het crisisadres: Zoë mag er altijd naartoe; sleutel en busabonnement regelen.|
  Sleutel ligt bij Zoë; drie keer gebruikt.
1|P25|P01|14|gedaan|D1|Het veiligheidsplan op één blad zetten en met Zoë overlopen.|
  Plan hangt op Zoë's kamer en bij oma.
1|P25||28|gedaan|D2|Oom Emre en tante Sarah opzoeken en contacteren.|
  Emre gevonden via sociale media; Sarah reageert niet.
1|P04||30|gedaan|D3|Zoë elke maandagochtend naar school brengen.|Lukt, op twee weken na.
1|P26|P21|21|gedaan|D3|Gesprek met Zoë en de zorgcoördinator over de afwezigheden.|
1|P12|P02|45|gedaan|D5|Elke zondag samen koken en bijpraten met Ayşe.|Loopt nog, elke week.
2|P19|P18|21|gedaan|D2|Zoë mag elke woensdag na school bij Hanne eten.|
2|P17||35|gedaan|D2|Kennismaken met de Chiro en Zoë de eerste keren brengen.|Zoë is sinds januari lid.
2|P14|P01|60|gedaan|D2|Elke week bellen of chatten met Zoë; samen een dag naar zee plannen.|
  Uitstap naar Oostende in februari.
2|P02|P24|14|gedaan||Een afspraak maken bij de huisarts over Zoë's slaapproblemen.|
2|P25||42|niet gelukt|D4|Bemiddeling opstarten tussen Ayşe en Kristof over de verblijfsregeling.|
  Kristof wilde eerst niet; in maart opnieuw bekeken.
2|P10||30|gedaan|D2|Zoë en Jonas om de twee weken op zaterdag uitnodigen.|
3|P09||28|gedaan|D4|Met Kristof praten over een bemiddelingsgesprek.|Kristof kwam in mei naar een eerste gesprek.
3|P12|P02 P07|70|gedaan|D2|Een overdrachtslijst maken: wie neemt wat op na juni; uitdelen aan iedereen.|
3|P07|P12 P10|75|bezig|D2|Een netwerkbijeenkomst zonder hulpverlening organiseren.|Vastgelegd op 21 juni bij oma Fatma.
3|P25||77|gedaan||Eindevaluatie voorbereiden en afsluiten met het netwerk.|
"""
# domein | start | laatst | einde | bereikt | doel | toelichting
_SHOW_GOALS = """
veiligheid|3|7|8|ja|Zoë en Ayşe weten wat ze doen als een ruzie escaleert; er is geen geweld meer.|
  Geen geweld sinds oktober; het crisisadres bij oma werd drie keer gebruikt.
netwerk|2|7|8|ja|Zoë heeft minstens drie vaste mensen buiten het gezin die ze elke week ziet.|
  Hanne en Ilse, oma Lieve, Loïc en de Chiro.
school en werk|4|7|7|deels|Zoë gaat elke dag naar school.|Nog twee ongewettigde afwezigheden in het derde trimester.
opvoeding|2|3|4|nee|Ayşe en Kristof maken samen afspraken over de kinderen.|
  Bemiddeling gestart in mei; loopt verder via het CAW.
welzijn|3|7|8|ja|Ayşe heeft zelf iemand bij wie ze terecht kan op moeilijke avonden.|Tante Elif en buurvrouw Griet.
"""

# Signs of Safety. wie maakt zich zorgen | zorgverklaring | wat kan er gebeuren | veiligheidsdoel | hoe lang
_SHOW_SAFETY_GOALS = """
de school, het CLB en Sofie (contextbegeleiding) | Als Ayşe en Zoë ruzie maken, loopt het uit de hand: in
  september duwde Ayşe Zoë tegen de kast. Zoë loopt dan weg zonder te zeggen waar ze is. |
  Zoë kan gewond raken, of 's avonds alleen op straat zijn zonder dat iemand weet waar ze is. |
  Als een ruzie oploopt, stoppen Ayşe en Zoë op tijd en gaat Zoë naar oma Fatma. Er is geen geweld meer, en
  iemand weet altijd waar Zoë is. | zes maanden
het CLB en juf Inge | Zoë mist veel lessen: veertien halve dagen sinds september, en niemand weet dan waar ze is. |
  Zoë raakt achter op school, haakt af, en is overdag alleen op straat. |
  Zoë is elke schooldag op school, of bij een volwassene die het weet. | een volledig trimester
"""
# beraad | veiligheidsdoel | samen, gezin, netwerk, hulpverleners | toelichting
_SHOW_SCALES = """
1|V1|3 5 4 2|Het plan is nieuw; in september was er geweld.
1|V2|4 5 4 3|Veertien halve dagen afwezig.
2|V1|5 6 5 4|Twee ruzies zonder geweld; Zoë ging twee keer naar oma.
2|V2|5 6 6 5|Minder afwezig, maar nog moe 's ochtends.
3|V1|7 8 7 7|Geen escalaties meer sinds januari.
3|V2|7 7 7 6|Elke dag op school, op twee dagen na.
"""
# wie | wanneer | signaal | wat gebeurt er dan | wie kijkt het na | doel | afspraak
_SHOW_RULES = """
P02 P01 P07|altijd, dag en nacht|Stemmen gaan omhoog; iemand roept, of slaat met deuren.|
  Zoë fietst naar oma Fatma (tien minuten) en stuurt haar onderweg een berichtje. Ayşe belt tante Elif.|P12|V1|
  Als een ruzie oploopt, zegt Zoë of Ayşe het codewoord 'pauze': dan stopt het gesprek meteen.
P02 P12 P17|op moeilijke avonden|Ayşe voelt dat ze kwaad wordt, of heeft twee nachten slecht geslapen.|
  Elif of Griet komt langs, of neemt Jonas en Noor een avond mee.|P12|V1|
  Ayşe belt tante Elif of buurvrouw Griet als ze het thuis niet meer ziet zitten.
P07|elke avond om 20 uur|Zoë neemt niet op en belt niet terug binnen het halfuur.|
  Oma Fatma belt Ayşe; weet die niet waar Zoë is, dan gaat oma langs.|P12|V1|
  Oma Fatma belt of chat elke avond even met Zoë.
P04 P19|elke schooldag|Zoë is om half negen niet op school.|
  De school belt Ayşe; Ayşe belt Marc en oma Fatma, die Zoë gaan zoeken.|P21|V2|
  Marc brengt Zoë op maandag naar school; op woensdag vertrekt ze samen met Hanne, bij Ilse.
P25 P07|op elk netwerkberaad; na juni elke maand|Iemand houdt zich niet aan een afspraak, of een afspraak werkt niet
  meer.|Het netwerk komt samen en past het plan aan.|P07||
  Het plan wordt samen nagelopen: eerst met Sofie, na juni neemt oma Fatma dat over.
"""
# persoon | rol in het plan | mag gebeld worden | telefoon voor het plan
_SHOW_SAFETY_NETWORK = """
P07|Crisisadres: Zoë mag altijd bij haar terecht, ook 's nachts. Belt Zoë elke avond.|ja|0471 20 30 40
P12|Vertrouwenspersoon van Ayşe op moeilijke avonden; kijkt na of het plan gehouden wordt.|ja|0472 50 60 70
P17|Buurvrouw: komt langs of neemt Jonas en Noor mee als het thuis te veel wordt.|ja|0473 80 90 10
P04|Brengt Zoë op maandag naar school en blijft rustig bij een ruzie.|nee|
P19|Steungezin op woensdag; Zoë vertrekt daar samen met Hanne naar school.|ja|0474 11 22 33
P21|Merkt op school als Zoë er niet is en belt Ayşe.|nee|
"""
# versie | datum | huis van de zorgen | huis van de goede dingen | huis van de dromen (Zoë's own words)
_SHOW_PLAN_VERSIONS = """
1|2024-10-17|Als mama en ik ruzie maken en mama heel boos wordt. Als ik niet weet waar ik naartoe moet.|
  Bij oma Fatma mag ik altijd komen. Basketbal met Bram. Jonas en Noor.|
  Dat mama en ik niet meer ruziën, en dat ik weer graag naar school ga.
2|2025-03-20|Soms nog als papa en mama over mij ruzie maken aan de telefoon.|
  We zeggen 'pauze' en dan stopt het echt. Woensdag bij Hanne. De Chiro. Loïc.|
  Dat papa en mama gewoon normaal tegen elkaar praten. Met Loïc naar zee.
"""


def _safety(dates: list[D]) -> dict[str, list[Record]]:
    """The showcase's safety plan: two danger statements with their goals, scales at every meeting,
    the plan's rules, the safety network and two versions of the plan with Zoë's three houses."""
    goals = [_rec("veiligheidsdoelen", id=f"V{i}", bezorgd=who, zorg=worry, gevolg=harm, doel=goal, hoe_lang=how_long,
                  opgesteld_op=dates[0])
             for i, (who, worry, harm, goal, how_long) in enumerate(_blocks(_SHOW_SAFETY_GOALS), start=1)]
    scales = []
    for m, goal, scores, why in _blocks(_SHOW_SCALES):
        joint, family, others, helpers = (int(x) for x in scores.split())
        scales.append(_rec("schaalvragen", beraad=f"B{m}", doel=goal, score=joint, gezin=family, netwerk=others,
                           hulpverleners=helpers, toelichting=why))
    rules = [_rec("veiligheidsplan", id=f"R{i}", wie=who.split(), wanneer=when, signaal=signal, dan=then,
                  controle=checker, doel=goal or None, afspraak=what)
             for i, (who, when, signal, then, checker, goal, what) in enumerate(_blocks(_SHOW_RULES), start=1)]
    network = [_rec("veiligheidsnetwerk", persoon=pid, rol=role, akkoord_op=dates[0], bellen=call == "ja",
                    telefoon=phone or None)
               for pid, role, call, phone in _blocks(_SHOW_SAFETY_NETWORK)]
    versions = [_rec("planversies", versie=int(v), datum=D.fromisoformat(day), kind="P01", huis_zorgen=worries,
                     huis_goed=good, huis_dromen=dreams)
                for v, day, worries, good, dreams in _blocks(_SHOW_PLAN_VERSIONS)]
    return {"veiligheidsdoelen": goals, "schaalvragen": scales, "veiligheidsplan": rules,
            "veiligheidsnetwerk": network, "planversies": versions}


def demo_case() -> Case:
    """The showcase: Zoë (12), three generations, a network that grows from start to end."""
    start, m_start, m_mid, m_end, end = D(2024, 9, 16), D(2024, 9, 26), D(2025, 1, 23), D(2025, 6, 5), D(2025, 6, 27)
    rng = random.Random(2024)
    persons: list[Record] = []
    circles: dict[str, dict[str, tuple[int, ...]]] = {"start": {}, "mid": {}, "end": {}}
    for i, line in enumerate(_SHOW_PERSONS.strip().splitlines(), start=1):
        first, last, g, year, rel, sec, flags, chosen, reaction, role, days, s, mid, e, note = line.split("|")
        pid, dates = f"P{i:02d}", [start + _days(int(x)) for x in days.split(",") if x]
        persons.append(_rec(
            "personen", id=pid, voornaam=first, achternaam=last, geslacht=g, geboortejaar=int(year),
            overleden="o" in flags, relatie=rel, sector=SECTOR[sec], ver_weg="w" in flags, weet_ervan="k" in flags,
            vroeger_betrokken="b" in flags, verwaterd="v" in flags, gevonden_op=dates[0] if dates else None,
            gekozen_door=chosen or None, gecontacteerd_op=dates[1] if len(dates) > 1 else None,
            reactie=reaction or None, rol=role or None, notities=note or None,
            contact=_phone(rng) if "o" not in flags and int(year) < 2010 else None))
        for key, value in (("start", s), ("mid", mid), ("end", e)):
            if value:
                circles[key][pid] = tuple(int(c) for c in value)
    ties = (item.split() for item in _items(_SHOW_RELATIONS.strip().replace("\n", "|")))
    relations = [_rec("relaties", persoon_a=a, persoon_b=b, soort=SOORT[kind],
                      kwaliteit=quality[0] if quality else None)
                 for a, b, kind, *quality in ties]
    placements = (_measure(m_start, "start", circles["start"])
                  + _measure(m_mid, "tussentijds", circles["mid"], ("hulp",))
                  + _measure(m_end, "einde", circles["end"]))
    rows = _blocks(_SHOW_MEETINGS)
    dates = [D.fromisoformat(r[0]) for r in rows]
    meetings = [_rec("netwerkberaad", id=f"B{i}", datum=dates[i - 1], plaats=place, aanwezigen=present.split(),
                     schaal=int(scale), zorgen=worry, goed=good, moet_gebeuren=todo, notitie=note,
                     volgende=dates[i] if i < len(dates) else None)
                for i, (_, place, present, scale, worry, good, todo, note) in enumerate(rows, start=1)]
    actions = [_rec("acties", id=f"A{i}", beraad=f"B{m}", wie=who, met_wie=with_.split() or None,
                    tegen=dates[int(m) - 1] + _days(int(due)), status=status, doel=goal or None, wat=what,
                    opvolging=follow or None)
               for i, (m, who, with_, due, status, goal, what, follow) in enumerate(_blocks(_SHOW_ACTIONS), start=1)]
    goals = [_rec("doelen", id=f"D{i}", domein=dom, score_start=int(a), score_laatst=int(b), score_einde=int(c),
                  bereikt=reached, doel=text, toelichting=why, geevalueerd_op=m_end)
             for i, (dom, a, b, c, reached, text, why) in enumerate(_blocks(_SHOW_GOALS), start=1)]
    dossier = {
        "dossiernummer": "2024-0917", "gezin": "gezin Van den Broeck – Yılmaz", "begeleider": "Sofie Verhoeven",
        "team": "Team Noord", "eenheid": "Regio Antwerpen", "hulpvorm": "contextbegeleiding",
        "methode": "Signs of Safety", "methode2": "Family Finding", "centrale_persoon": "P01",
        "soort_centraal": "kind/jongere", "startdatum": start, "einddatum": end,
        "reden": "Aanmelding via het CLB: Zoë (12) spijbelt en vertelde op school dat ruzies met haar moeder "
                 "escaleren. Moeder vraagt zelf hulp; het netwerk is klein en versnipperd.",
        "conclusies": "Het informele netwerk rond Zoë groeide van 13 naar 19 personen. Oma Fatma, tante Elif en "
                      "buurvrouw Griet dragen samen het veiligheidsplan; Ilse en Hanne Wouters zijn een steungezin "
                      "op woensdag. Oom Emre, neef Loïc en peter Johan zijn teruggevonden. Geen geweld meer sinds "
                      "oktober; Zoë gaat weer naar school. De bemiddeling tussen de ouders loopt verder via het CAW; "
                      "oma Fatma organiseert de netwerkbijeenkomst van 21 juni."}
    return _case(dossier, personen=persons, relaties=relations, cirkels=placements, netwerkberaad=meetings,
                 acties=actions, doelen=goals, **_safety(dates))


# Relations of the persons `large_case` adds, by sector (F, V, S, P as in SECTOR).
_LARGE_RELATIONS = {"F": ("neef", "nicht", "andere"), "V": ("vriend(in)", "buur", "andere"),
                    "S": ("leerkracht", "trainer/coach", "collega"), "P": ("hulpverlener", "huisarts")}


def large_case(n: int) -> Case:
    """The showcase with its network grown to `n` persons (for benchmarks and tests of large networks).

    The added persons are spread over the sectors and circles and placed at the start and the end
    (every question); they have no family ties, meetings or actions, so the case still checks clean.
    """
    case = demo_case()
    persons, placements = case.tables["personen"], case.tables["cirkels"]
    when = {m: next(p.get("datum") for p in placements if p.get("moment") == m) for m in ("start", "einde")}
    rng = random.Random(n)
    weights = dict(zip("FVSP", ((5, 3, 2), (3, 4, 3), (2, 4, 4), (2, 4, 4)), strict=True))
    start_c: dict[str, tuple[int, ...]] = {}
    end_c: dict[str, tuple[int, ...]] = {}
    for i in range(len(persons) + 1, n + 1):
        pid, sec = f"P{i:02d}", "FVSP"[i % 4]
        g = rng.choice("mv")
        persons.append(_rec("personen", id=pid, voornaam=rng.choice(_M if g == "m" else _V),
                            achternaam=rng.choice(_SURNAMES), geslacht=g, geboortejaar=rng.randint(1950, 2012),
                            relatie=rng.choice(_LARGE_RELATIONS[sec]), sector=SECTOR[sec], weet_ervan=True,
                            gevonden_op=when["start"]))
        c = tuple(rng.choices((1, 2, 3), weights[sec])[0] for _ in VRAGEN)
        start_c[pid] = c
        end_c[pid] = tuple(max(1, v - 1) if rng.random() < 0.2 else v for v in c)
    placements += _measure(when["start"], "start", start_c) + _measure(when["einde"], "einde", end_c)
    return case


# --- the team folder ------------------------------------------------------------------------

_M = _items("Jan Pieter Koen Bart Wim Stijn Tom Joris Dries Lucas Noah Liam Arthur Milan Loïc Mehdi Youssef Emre Ruben "
            "Sem Daan Jens Wout Seppe Kobe Finn Thijs Bram Mathis Yannick Senne Rayan", " ")
_V = _items("An Els Katrien Sofie Lien Eva Marie Julie Emma Zoë Noor Lotte Ayşe Fien Hanne Nina Ines Amira Yasmine "
            "Elif Anouk Sanne Mila Lore Fleur Jana Chloë Leen Nele Maïté Océane Hind", " ")
_X = _items("Robin Sam Charlie Noa Jo Alex", " ")
_SURNAMES = _items("""Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Dubois|Lambert|
Martens|Vermeulen|Hermans|Van Damme|D'Hondt|Desmet|Vandenberghe|Yılmaz|El Idrissi|Bakker|De Vries|Van Dijk|Smits|
Öztürk|Nowak|Leclercq|Verstraete|Van Acker|Coppens|De Clercq|Bogaerts|Aerts|Çelik|Lefèvre|Mbala|Dierckx|Geerts""")
_TEAMS = {  # unit, workers (gender first)
    "Team Noord": ("Regio Antwerpen", "v Sofie Verhoeven", "m Kevin Bosmans"),
    "Team Zuid": ("Regio Mechelen", "v Sarah De Wilde", "m Jeroen Lauwers"),
    "Team Oost": ("Regio Limburg", "v Leen Vanhoof", "m Mourad Benali"),
    "Team West": ("Regio Gent", "v Eline Van de Velde", "m Pieter-Jan Ghyselen"),
    "Team Centrum": ("Regio Brussel", "v Aïcha Bouzid", "m Dirk Wouters"),
}
# relatie: sector, age range, gender, relative (1: years older than the central person; 0: age at the start)
_ROLES = {
    "moeder": ("F", 20, 40, "v", 1), "vader": ("F", 21, 44, "m", 1), "stiefvader": ("F", 20, 48, "m", 1),
    "broer": ("F", -8, 8, "m", 1), "zus": ("F", -8, 8, "v", 1), "halfbroer": ("F", -12, 12, "m", 1),
    "halfzus": ("F", -12, 12, "v", 1), "tante": ("F", 15, 45, "v", 1), "oom": ("F", 15, 45, "m", 1),
    "grootmoeder": ("F", 44, 72, "v", 1), "grootvader": ("F", 46, 75, "m", 1), "neef": ("F", -10, 12, "m", 1),
    "nicht": ("F", -10, 12, "v", 1), "meter": ("F", 18, 45, "v", 1), "peter": ("F", 18, 45, "m", 1),
    "partner": ("F", -6, 6, "", 1), "ex-partner": ("F", -6, 8, "", 1), "vriend(in)": ("V", -3, 3, "", 1),
    "buur": ("V", 25, 80, "", 0), "andere": ("V", 20, 70, "", 0), "leerkracht": ("S", 24, 60, "", 0),
    "trainer/coach": ("S", 18, 55, "", 0), "collega": ("S", 22, 60, "", 0), "huisarts": ("P", 30, 64, "", 0),
    "hulpverlener": ("P", 23, 60, "", 0),
}
_KID_POOL = _items("broer zus halfbroer halfzus grootmoeder grootvader grootmoeder grootvader tante oom tante oom neef "
                   "nicht stiefvader meter peter vriend(in) vriend(in) vriend(in) buur buur leerkracht trainer/coach "
                   "andere huisarts hulpverlener", " ")
_PARENT_POOL = _items("moeder vader broer zus tante oom neef nicht vriend(in) vriend(in) vriend(in) buur buur collega "
                      "collega trainer/coach andere huisarts hulpverlener kind", " ")
_CAP = {"moeder": 1, "vader": 1, "stiefvader": 1, "grootmoeder": 2, "grootvader": 2, "huisarts": 1, "meter": 1,
        "peter": 1}
_PLACES = _items("bij het gezin thuis | op de dienst | online (Teams) | bij de grootouders | in het wijkcentrum | "
                 "op school | in het lokaal dienstencentrum")
_WORRIES = _items("""Er is veel ruzie thuis en het loopt soms uit de hand. | De kinderen gaan onregelmatig
naar school. | De schulden zorgen voor veel stress. | Niemand weet wat er gebeurt als moeder opnieuw opgenomen wordt. |
{c} trekt zich terug en heeft weinig mensen om op terug te vallen. | Het gezin staat er alleen voor; weinig mensen
weten ervan. | De ouders zijn het niet eens over de opvoeding. | Na een crisis is er niemand die kan opvangen. |
Er wordt te veel gedronken als het spannend wordt.""")
_GOOD = _items("""Er is veel warmte tussen {c} en de grootouders. | Iedereen wil dat het beter gaat. | De buren springen
spontaan bij. | Er waren geen crisissen meer sinds het vorige beraad. | {c} praat makkelijker over wat er scheelt. |
Het netwerk is groter geworden: nieuwe mensen zeiden ja. | De afspraken van het vorige beraad zijn nagekomen. |
De kinderen hebben een hobby waar ze graag naartoe gaan.""")
_TODO = _items("""Een veiligheidsplan dat iedereen kent. | Vaste momenten waarop iemand uit het netwerk langskomt. |
Een crisisadres. | Iemand die de kinderen elke dag naar school brengt. | Hulp bij de administratie en de schulden. |
Mensen betrekken die vroeger dichtbij stonden. | Een vertrouwenspersoon voor {c}. | Een steungezin voor één weekend
per maand.""")
_ACTIONS = _items("""Elke woensdag samen eten met het gezin. | De kinderen naar de training brengen en ophalen. |
Een afspraak maken bij de huisarts. | Het veiligheidsplan op papier zetten en uitdelen aan het netwerk. | Contact
opnemen met de school over de afwezigheden. | Eén weekend per maand opvang voorzien. | Bereikbaar zijn tot 22 uur
als het thuis misloopt. | Mee naar het OCMW voor een gesprek over de schulden. | Samen met {c} een hobby zoeken. |
Op zondag samen de week plannen. | Oude vrienden van de familie opsporen en uitnodigen voor het volgende beraad. |
Een steungezin zoeken via de gemeente. | Een vaste babysit regelen voor de dinsdagavond. | Helpen bij het
inrichten van de nieuwe woning. | Samen naar de infoavond van de jeugdbeweging. | De bemiddeling tussen de ouders
opstarten. | Elke vrijdag bellen met {c} om te horen hoe de week was.""")
_FOLLOW = {"gedaan": ("Afgesproken en gedaan.", "Loopt goed, wordt verdergezet.", None),
           "niet gelukt": ("Lukte niet door ziekte; nieuwe afspraak nodig.", "Geen tijd gevonden."),
           "vervallen": ("Niet meer nodig.",), "bezig": ("Eerste keer gebeurd.", None), "gepland": (None,)}
_GOALS = [tuple(_items(g, ":")) for g in _items("""veiligheid: Iedereen in het gezin is veilig en weet wie te bellen
bij een crisis. | netwerk: Minstens drie mensen buiten het gezin helpen elke week mee. | opvoeding: De ouders maken
samen afspraken over regels en bedtijden. | welzijn: {c} heeft iets buiten het gezin om naar uit te kijken. |
school en werk: De kinderen gaan elke dag naar school. | gezondheid: {c} slaapt en eet regelmatig. | wonen en geld:
Het gezin heeft een overzicht van de schulden en een stabiele woning. | netwerk: Het netwerk komt samen zonder
hulpverlening.""")]
_REASONS = _items("""Melding via het CLB over spijbelen en spanningen thuis. | Vraag van moeder na een opname in de
psychiatrie. | Verwijzing door het OCK na partnergeweld. | Ouders vragen hulp bij de opvoeding van een puber. |
Aanmelding door de huisarts: moeder is uitgeput en alleen. | Doorverwijzing na een crisisopvang.""")
_CONCLUSIONS = _items("""Het netwerk neemt de taken van de hulpverlening over; er is een vast crisisadres. |
Het netwerk is groter geworden, maar blijft kwetsbaar; opvolging via de huisarts. | De familie komt maandelijks
samen zonder hulpverlening en houdt het plan levend.""")
_NOTES = _items("""Belt liever dan te mailen. | Enkel bereikbaar na 18 uur. | Wil liever niet naar een groot
beraad. | Spreekt vooral Frans.""")
_MEETING_NOTES = (None, "Sfeer was goed.", "Eén deelnemer kwam later.", "Tolk nodig volgende keer.",
                  "Moeder vond het spannend om iedereen samen te zien.")


def team_cases(n: int = 24, seed: int = 7) -> list[Case]:
    """`n` varied, fictitious team cases; the same `seed` gives the same cases."""
    rng, numbers, teams = random.Random(seed), set[str](), list(_TEAMS)
    return [_team_case(rng, numbers, teams[i % len(teams)], size=5 if i == 0 else 40 if i == 1 else rng.randint(6, 38),
                       n_meet=0 if i % 7 == 3 else rng.choice((1, 2, 2, 3, 3, 4)), child=i % 4 != 1)
            for i in range(n)]


def _team_case(rng: random.Random, numbers: set[str], team: str, size: int, n_meet: int, child: bool) -> Case:
    year = rng.choice((2024, 2025, 2025, 2026))
    start = D(year, 1, 2) + _days(rng.randint(0, 240 if year == 2026 else 360))
    while (nr := f"{year}-{rng.randint(1, 999):04d}") in numbers:
        pass
    numbers.add(nr)
    # the timeline: start measurement, meetings, end measurement, end
    m_start = start + _days(rng.randint(3, 14))
    dates = [m_start + _days(rng.randint(10, 35))]
    while len(dates) < n_meet:
        dates.append(dates[-1] + _days(rng.randint(35, 80)))
    m_end: dt.date | None = dates[-1] + _days(rng.randint(21, 60)) if n_meet else m_start + _days(rng.randint(90, 200))
    assert m_end is not None
    end: dt.date | None = m_end + _days(rng.randint(5, 21))
    assert end is not None
    closed = end <= LATEST and (year == 2024 or rng.random() < 0.65)
    meet_dates = dates[:n_meet] if closed else [d for d in dates[:n_meet] if d <= LATEST - _days(14)]
    if not closed:
        m_end = end = None
    upper = end or LATEST
    mid = meet_dates[0] + (meet_dates[1] - meet_dates[0]) // 2 if len(meet_dates) > 2 and rng.random() < 0.5 else None
    # the people: central person, the core family, the worker, then a mix by relation
    cby = start.year - (rng.randint(8, 17) if child else rng.randint(24, 48))
    fam, other = rng.sample(_SURNAMES, 2)
    wg, worker = rng.choice(_TEAMS[team][1:]).split(" ", 1)
    people: list[dict[str, Any]] = []
    names: set[tuple[str, str]] = set()

    def add(rel: str, g: str = "", first: str = "", last: str = "", by: int | None = None, **kw: Any) -> dict:
        sec, lo, hi, g0, relative = _ROLES.get(rel, ("F", 0, 0, "", 1))
        g = g or g0 or rng.choices("mvx", (48, 48, 4))[0]
        if by is None:
            by = cby - rng.randint(lo, hi) if relative else start.year - rng.randint(lo, hi)
        name = (first, last)
        while not (first and last):
            name = (first or rng.choice({"m": _M, "v": _V, "x": _X}[g]),
                    last or rng.choice((fam, other) if sec == "F" else _SURNAMES))
            if name not in names:
                break
        names.add(name)
        p = {"id": f"P{len(people) + 1:02d}", "voornaam": name[0], "achternaam": name[1], "geslacht": g,
             "relatie": rel, "geboortejaar": max(1930, min(by, start.year - 1, 2020)), "sector": SECTOR[sec], **kw}
        people.append(p)
        return p

    central = add("centrale persoon", g=rng.choice("mvv" if child else "vvvm"), last=fam, by=cby)
    if child:
        anchor, core = add("moeder", last=other), [add("vader", last=fam)]
        parents = [anchor, core[0]]
    else:
        anchor = add(rng.choice(("moeder", "zus")))
        partner = add(rng.choice(("partner", "ex-partner")), g="m" if central["geslacht"] == "v" else "v")
        core = [partner, add("kind", by=rng.randint(cby + 18, min(start.year - 1, 2020)))]
    wp = add("hulpverlener", g=wg, first=worker.split()[0], last=worker.split(" ", 1)[1])
    counts: dict[str, int] = {anchor["relatie"]: 1}
    while len(people) < size:
        rel = rng.choice(_KID_POOL if child else _PARENT_POOL)
        n = counts.get(rel, 0)
        if n >= _CAP.get(rel, 99):
            continue
        counts[rel] = n + 1
        if child and rel in ("grootmoeder", "grootvader", "tante", "oom"):  # one generation from a parent
            side = n if rel.startswith("groot") else rng.randrange(2)
            pby = parents[side]["geboortejaar"]
            by = pby - rng.randint(20, 36) if rel.startswith("groot") else pby + rng.randint(-10, 10)
            add(rel, last=(other, fam)[side] if rel != "grootmoeder" else "", by=by, _tie=parents[side])
        else:
            add(rel)
    # who is who: known at the start, contact faded (maybe re-found), or added during the case
    start_c: dict[str, tuple[int, ...]] = {}
    end_c: dict[str, tuple[int, ...]] = {}
    weights = dict(zip(schema.SECTORS, ((5, 3, 2), (3, 4, 3), (2, 4, 4), (2, 4, 4)), strict=True))
    for p in people[1:]:
        age, informal, key = start.year - p["geboortejaar"], p["sector"] != PROF, p in (anchor, wp, *core)
        p.update(weet_ervan=True, vroeger_betrokken=rng.random() < 0.2, verwaterd=False,
                 ver_weg=informal and age >= 18 and rng.random() < 0.12,
                 overleden=p["relatie"].startswith("groot") and rng.random() < 0.3)
        if p["overleden"]:
            p.update(weet_ervan=None, ver_weg=None)
            continue
        kind = "start" if key or not informal or age < 12 else rng.choices(("start", "faded", "new"), (70, 17, 13))[0]
        p["verwaterd"], p["weet_ervan"] = kind == "faded", kind != "faded" or rng.random() < 0.3
        if kind == "start":
            p["gevonden_op"] = start + _days(rng.randint(0, (m_start - start).days))
        else:
            p["gevonden_op"] = m_start + _days(rng.randint(1, max(1, ((m_end or upper) - m_start).days - 10)))
        if p is not wp and age >= 12 and (kind != "start" or rng.random() < 0.75):
            p["gecontacteerd_op"] = min(upper, p["gevonden_op"] + _days(rng.randint(0, 10)))
            p["contact"] = _phone(rng) if rng.random() < 0.7 else None
            p["reactie"] = ("positief" if p is anchor or not informal else rng.choice(("positief", "twijfel")) if key
                            else rng.choice(("positief", "positief", "twijfel", "geen reactie", "negatief"))
                            if kind == "faded" else
                            rng.choices(("positief", "twijfel", "negatief", "geen reactie"), (70, 15, 8, 7))[0])
        if not key and rng.random() < 0.7:
            p["gekozen_door"] = ("hulpverlener" if not informal or kind == "faded" else
                                 rng.choice(("jongere", "ouder")) if child and start.year - cby >= 10 else "ouder")
        if informal and not key and p.get("reactie") == "positief" and rng.random() < 0.3:
            p["rol"] = rng.choice(schema.LIST_BY_KEY["rol"].values)
        if rng.random() < 0.1:
            p["notities"] = rng.choice(_NOTES)
        neg = p.get("reactie") in ("negatief", "geen reactie")
        c = (1, 1, 1) if p is anchor else tuple(rng.choices((1, 2, 3), weights[p["sector"]])[0] for _ in VRAGEN)
        c = (c[0], 3 if neg else rng.choice((1, 2)) if p is wp else c[1], c[2])
        if kind == "start":
            start_c[p["id"]] = c
            move = (0.1, 0.35) if not informal else (0.35, 0.1)  # professionals step back, the network steps in
            end_c[p["id"]] = c if p is anchor else tuple(
                max(1, v - 1) if (r := rng.random()) < move[0] else min(3, v + 1) if r < sum(move) else v for v in c)
        elif not neg:
            end_c[p["id"]] = c
    mid_c = {pid: tuple(max(1, v - (rng.random() < 0.2)) for v in c) for pid, c in start_c.items()}
    placements = (_measure(m_start, "start", start_c) + _measure(mid, "tussentijds", mid_c)
                  + _measure(m_end, "einde", end_c))

    def able(p: dict[str, Any], date: D, owner: bool) -> bool:  # can attend, or own an action, on `date`
        if p is central:
            return date.year - cby >= (12 if owner else 8)
        if p.get("overleden") or p["gevonden_op"] > date or p.get("reactie") in ("negatief", "geen reactie"):
            return False
        if date.year - p["geboortejaar"] < (12 if owner else 10) or (p["verwaterd"] and not p.get("reactie")):
            return False
        hulp = sorted((r["datum"], r["cirkel"]) for r in placements
                      if r["persoon"] == p["id"] and r["vraag"] == "hulp" and r["datum"] <= date)
        return not (owner and hulp and hulp[-1][1] == 3) and (p.get("gecontacteerd_op") or date) <= date

    cname = central["voornaam"]
    goals = []
    for i, (dom, text) in enumerate(rng.sample(_GOALS, rng.randint(1, 5) if meet_dates else rng.randint(0, 2)), 1):
        a = rng.randint(1, 5)
        b = min(10, a + rng.randint(0, 5)) if meet_dates or closed else None
        e = min(10, (b or a) + rng.randint(0, 2)) if closed else None
        why = rng.choice((None, "Samen met het netwerk geëvalueerd.", "Het netwerk neemt dit verder op."))
        goals.append(_rec("doelen", id=f"D{i}", doel=text.format(c=cname), domein=dom, score_start=a, score_laatst=b,
                          score_einde=e, toelichting=why if closed else None,
                          bereikt=None if e is None else "ja" if e >= 7 else "deels" if e >= a + 2 else "nee",
                          geevalueerd_op=m_end if closed else meet_dates[-1] if meet_dates else None))
    meetings: list[Record] = []
    actions: list[Record] = []
    scale, todo = rng.randint(1, 4), rng.sample(_ACTIONS, len(_ACTIONS))
    for i, md in enumerate(meet_dates):
        present = [p for p in people if p not in (central, anchor, wp) and able(p, md, False)]
        pros = [p for p in present if p["sector"] == PROF]
        att = [wp, *(p for p in (central, anchor) if able(p, md, False))]
        att += rng.sample(pros, min(len(pros), rng.randint(0, 2)))
        informal = [p for p in present if p["sector"] != PROF]
        att = sorted(att + rng.sample(informal, min(len(informal), rng.randint(1, 8))), key=lambda p: p["id"])
        nxt = meet_dates[i + 1] if i + 1 < len(meet_dates) else None if closed else md + _days(42)
        meetings.append(_rec(
            "netwerkberaad", id=f"B{i + 1}", datum=md, plaats=rng.choice(_PLACES), aanwezigen=[p["id"] for p in att],
            zorgen=" ".join(rng.sample(_WORRIES, 2)).format(c=cname), goed=" ".join(rng.sample(_GOOD, 2)).format(
                c=cname), moet_gebeuren=" ".join(rng.sample(_TODO, 2)).format(c=cname), schaal=scale, volgende=nxt,
            notitie=rng.choice(_MEETING_NOTES)))
        scale = min(10, scale + rng.randint(0, 2))
        owners_i = [p for p in att if p["sector"] != PROF and able(p, md, True)]
        owners_p = [p for p in att if p["sector"] == PROF and able(p, md, True)]
        last = i == len(meet_dates) - 1
        for _ in range(rng.randint(2, 5)):
            who = rng.choice(owners_i if owners_i and rng.random() < 0.4 + 0.15 * i else owners_p)
            others = [p["id"] for p in att if p is not who]
            due = md + _days(rng.randint(7, 56))
            due = min(due, end) if end else due
            status = rng.choices(("gedaan", "niet gelukt", "vervallen", "bezig"), (70, 12, 8, 10 if last else 0))[0]
            if not closed and last:
                status = rng.choice(("gepland", "bezig")) if due > LATEST - _days(30) else "gedaan"
            actions.append(_rec(
                "acties", id=f"A{len(actions) + 1}", beraad=f"B{i + 1}", wie=who["id"], tegen=due, status=status,
                wat=(todo.pop() if todo else rng.choice(_ACTIONS)).format(c=cname),
                met_wie=[rng.choice(others)] if others and rng.random() < 0.3 else None,
                opvolging=rng.choice(_FOLLOW[status]),
                doel=rng.choice(goals)["id"] if goals and rng.random() < 0.6 else None))
    persons = [_rec("personen", **{k: v for k, v in p.items() if not k.startswith("_")}) for p in people]
    methods = schema.LIST_BY_KEY["methode"].values
    method = rng.choice(methods[:-1])
    dossier = {
        "dossiernummer": nr, "gezin": f"gezin {fam}", "begeleider": worker, "team": team, "eenheid": _TEAMS[team][0],
        "hulpvorm": rng.choice(schema.LIST_BY_KEY["hulpvorm"].values), "methode": method,
        "methode2": rng.choice([None, None, *(m for m in methods if m != method)]), "centrale_persoon": central["id"],
        "soort_centraal": "kind/jongere" if child else "ouder", "startdatum": start, "einddatum": end,
        "reden": rng.choice(_REASONS), "conclusies": rng.choice(_CONCLUSIONS) if closed else None}
    # A safety plan in most cases with meetings; its own random stream, so the rest stays as it was.
    safety = _team_safety(random.Random(nr), meetings, persons, cname, child) if meetings else {}
    return _case(dossier, personen=persons, relaties=_genogram(rng, people, central, core, child), cirkels=placements,
                 netwerkberaad=meetings, acties=actions, doelen=goals, **safety)


# Danger statement | safety goal, for the team cases ({c}: the central person's first name).
_TEAM_DANGERS = (
    ("{c} is 's avonds vaak alleen thuis en weet dan niet wie ze kan bellen.",
     "Er is elke avond een volwassene bij {c}, of {c} weet bij wie ze terecht kan."),
    ("Bij ruzie thuis vallen er klappen; {c} is dan bang.",
     "Ruzies thuis lopen niet meer uit de hand: geen klappen meer."),
    ("{c} komt dagen niet op school en niemand weet waar ze is.",
     "{c} is elke schooldag op school of bij iemand die het weet."),
    ("Er is vaak geen eten in huis en de rekeningen blijven liggen.",
     "{c} eet elke dag warm en er is iemand die meekijkt."),
)
_TEAM_RULES = (
    ("belt elke avond even met {c}", "elke avond", "{c} neemt niet op", "gaat langs"),
    ("is het noodadres: {c} mag er altijd naartoe", "altijd", "het wordt thuis te veel", "vangt {c} op"),
    ("brengt {c} 's ochtends naar school", "op schooldagen", "{c} is er niet om half negen", "belt het netwerk"),
    ("komt op zondag samen koken", "elke zondag", "er is geen eten in huis", "regelt boodschappen"),
)


def _team_safety(rng: random.Random, meetings: list[Record], persons: list[Record], cname: str,
                 child: bool) -> dict[str, list[Record]]:
    if rng.random() < 0.35:
        return {}
    first = meetings[0]
    by_id = {str(p.id): p for p in persons}
    present = [by_id[pid] for pid in first.get("aanwezigen") or [] if pid in by_id]
    informal = [p for p in present if p.get("sector") != PROF and p.get("relatie") != "centrale persoon"]
    formal = [p for p in present if p.get("sector") == PROF]
    if not informal:
        return {}
    goals = [_rec("veiligheidsdoelen", id=f"V{i}", bezorgd=rng.choice(("de school", "het CLB", "de begeleider")),
                  zorg=worry.format(c=cname), gevolg=f"{cname} raakt gewond of ontspoort.", doel=goal.format(c=cname),
                  hoe_lang=rng.choice(("drie maanden", "zes maanden")), opgesteld_op=first.get("datum"))
             for i, (worry, goal) in enumerate(rng.sample(_TEAM_DANGERS, rng.randint(1, 2)), start=1)]
    scales = []
    for g in goals:
        score = rng.randint(1, 4)
        voices = rng.random() < 0.5
        for m in meetings:
            scales.append(_rec("schaalvragen", beraad=m.id, doel=g.id, score=score,
                               gezin=min(10, score + rng.randint(0, 2)) if voices else None,
                               netwerk=score if voices else None,
                               hulpverleners=max(0, score - rng.randint(0, 2)) if voices else None))
            score = min(10, score + rng.randint(0, 3))
    rules, carriers = [], []
    for i, (what, when, signal, then) in enumerate(rng.sample(_TEAM_RULES, rng.randint(2, 4)), start=1):
        pool = informal if i == 1 or not formal or rng.random() < 0.7 else formal
        who = rng.choice(pool)
        carriers.append(who)
        first_name = str(who.get("voornaam"))
        rules.append(_rec("veiligheidsplan", id=f"R{i}", afspraak=f"{first_name} {what.format(c=cname)}",
                          wie=[str(who.id)], wanneer=when, signaal=signal.format(c=cname),
                          dan=f"{first_name} {then.format(c=cname)}", doel=rng.choice(goals).id))
    network = []
    for p in {str(c.id): c for c in carriers}.values():
        call = p.get("sector") != PROF and rng.random() < 0.8
        network.append(_rec("veiligheidsnetwerk", persoon=str(p.id), rol="draagt een afspraak van het plan",
                            akkoord_op=first.get("datum"), bellen=call, telefoon=_phone(rng) if call else None))
    words = {"huis_zorgen": "Als het thuis ruzie is.", "huis_goed": "Mijn vrienden.", "huis_dromen": "Rust thuis."}
    versions = [_rec("planversies", versie=1, datum=first.get("datum"), **(words if child else {}))]
    return {"veiligheidsdoelen": goals, "schaalvragen": scales, "veiligheidsplan": rules,
            "veiligheidsnetwerk": network, "planversies": versions}


def _genogram(rng: random.Random, people: list[dict], central: dict, core: list[dict], child: bool) -> list[Record]:
    """The genogram ties that follow from the relations (a parent is at least 14 years older)."""
    out: list[Record] = []

    def tie(a: dict, b: dict, soort: str, quality: str | None = None) -> None:
        if soort != "ouder–kind" or a["geboortejaar"] <= b["geboortejaar"] - 14:
            out.append(_rec("relaties", persoon_a=a["id"], persoon_b=b["id"], soort=soort, kwaliteit=quality))

    if child:
        mother, father = people[1], core[0]
        together = rng.random() < 0.4 and not any(p["relatie"] == "stiefvader" for p in people)
        tie(mother, father, "partners" if together else "ex-partners",
            rng.choice(("goed", "wisselend") if together else ("wisselend", "conflict", "verbroken", None)))
        tie(mother, central, "ouder–kind")
        tie(father, central, "ouder–kind")
        grandparents: dict[str, list[dict]] = {}
        for p in people:
            rel = p["relatie"]
            if rel in ("broer", "zus", "halfbroer", "halfzus"):
                tie(central, p, "broer/zus")
                for parent in (mother, father) if rel in ("broer", "zus") else (mother,):
                    tie(parent, p, "ouder–kind")
            elif rel in ("grootmoeder", "grootvader"):
                tie(p, p["_tie"], "ouder–kind")
                grandparents.setdefault(p["_tie"]["id"], []).append(p)
            elif rel in ("tante", "oom"):
                tie(p["_tie"], p, "broer/zus", rng.choice((None, "goed", "wisselend", "conflict")))
            elif rel == "stiefvader":
                tie(mother, p, "partners", "goed")
        for pair in grandparents.values():
            if len(pair) == 2:
                tie(pair[0], pair[1], "partners")
    else:
        partner, kid = core
        together = partner["relatie"] == "partner"
        tie(central, partner, "partners" if together else "ex-partners", "goed" if together else "conflict")
        for p in people:
            if p["relatie"] == "kind":
                tie(central, p, "ouder–kind")
                if p is kid:
                    tie(partner, p, "ouder–kind")
            elif p["relatie"] in ("moeder", "vader"):
                tie(p, central, "ouder–kind")
            elif p["relatie"] in ("broer", "zus"):
                tie(central, p, "broer/zus")
    return out
