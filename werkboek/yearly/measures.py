"""What the yearly figures measure: each figure's key, Dutch label, how the per-case numbers of
`figures.case_numbers` are merged over cases, and the dimensions they are split by."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .suppression import MEAN_DIGITS, SHARE_DIGITS

# Kinds of measure: how the per-case numbers of `of` (and `per`) are merged over cases.
CASES = "dossiers"  # number of cases for which `of` (a case attribute test) holds
SUM = "som"  # sum of `of`
MEAN = "gemiddelde"  # mean of `of` over cases that have it
RATIO = "verhouding"  # sum of `of` / sum of `per` (pooled over cases)
WEIGHTED = "gewogen"  # mean of `of` weighted by `per` (a per-case mean and its count)


@dataclass(frozen=True)
class Measure:
    key: str  # stable English key
    label: str  # Dutch, as the workbook and the report show it (with a year)
    kind: str
    of: str
    per: str = ""
    percent: bool = False
    note: str = ""  # Dutch: what exactly is counted (with a year)
    label_all: str = ""  # without a year, when the label speaks of "the year"
    note_all: str = ""

    @property
    def is_count(self) -> bool:
        return self.kind in (CASES, SUM)

    @property
    def digits(self) -> int:
        """Decimals as published (a share in whole percents)."""
        return SHARE_DIGITS if self.percent else MEAN_DIGITS

    def for_period(self, year: int | None) -> Measure:
        """The measure as a run with this year (or without one) shows it: no text of a run
        without a year speaks of "the year"."""
        if year is not None:
            return self
        return replace(self, label=self.label_all or self.label, note=self.note_all or self.note, label_all="",
                       note_all="")


MEASURES: tuple[Measure, ...] = (
    Measure("cases", "Dossiers", CASES, "all",
            note="Dossiers die in het jaar open waren en de controle doorstonden.",
            note_all="Alle dossiers die de controle doorstonden (er is geen jaar gekozen)."),
    Measure("started", "Gestart in het jaar", CASES, "started", note="Startdatum in het jaar."),
    Measure("closed", "Afgesloten in het jaar", CASES, "closed", note="Einddatum in het jaar.",
            label_all="Afgesloten", note_all="Dossiers met een einddatum."),
    Measure("meetings", "Netwerkberaden", SUM, "meetings",
            note="Alle beraden van deze dossiers, ook die buiten het jaar.",
            note_all="Alle beraden van deze dossiers."),
    Measure("meetings_in_year", "Netwerkberaden in het jaar", SUM, "meetings_in_year",
            note="Beraden met een datum in het jaar."),
    Measure("meetings_mean", "Netwerkberaden per dossier", MEAN, "meetings", note="Gemiddeld, over alle dossiers."),
    Measure("attendees_mean", "Aanwezigen per netwerkberaad", RATIO, "attendances", "meetings",
            note="Gemiddeld, over alle beraden."),
    Measure("attendees_informal_share", "Aanwezigen uit het informele netwerk", RATIO, "attendees_informal",
            "attendances", True, note="Van alle aanwezigen op alle beraden."),
    Measure("start_size_mean", "Netwerk bij de start (personen, gemiddeld)", MEAN, "start_size",
            note="Geplaatst in de cirkels op de vraag 'belang', zonder de centrale persoon; over de dossiers met "
                 "een startmeting."),
    Measure("end_size_mean", "Netwerk bij het einde (personen, gemiddeld)", MEAN, "end_size",
            note="Over de dossiers met een eindmeting."),
    Measure("start_informal_share", "Informeel bij de start", RATIO, "start_informal", "start_size", True,
            note="Van alle personen in de startmetingen."),
    Measure("end_informal_share", "Informeel bij het einde", RATIO, "end_informal", "end_size", True,
            note="Van alle personen in de eindmetingen."),
    Measure("start_certain_help_mean", "Zeker hulp bij de start (personen, gemiddeld)", MEAN, "start_certain_help",
            note="Binnenste cirkel op de vraag 'hulp'; over de dossiers die die vraag stelden."),
    Measure("end_certain_help_mean", "Zeker hulp bij het einde (personen, gemiddeld)", MEAN, "end_certain_help"),
    Measure("added", "Personen toegevoegd", SUM, "added",
            note="In de eindmeting, niet in de startmeting, en het contact was niet verwaterd; alleen dossiers met "
                 "beide metingen."),
    Measure("refound", "Personen teruggevonden", SUM, "refound",
            note="Het contact was verwaterd en de persoon staat in de eindmeting, ook als die al in de startmeting "
                 "stond (dan telt die soms ook bij 'naar binnen geschoven'). Daarom is toegevoegd + teruggevonden - "
                 "uit beeld niet altijd de groei van het netwerk."),
    Measure("lost", "Personen uit beeld", SUM, "lost", note="In de startmeting, niet in de eindmeting."),
    Measure("inwards", "Personen naar binnen geschoven", SUM, "inwards",
            note="In beide metingen; bij het einde in een cirkel dichter bij het midden."),
    Measure("outwards", "Personen naar buiten geschoven", SUM, "outwards",
            note="In beide metingen; bij het einde in een cirkel verder van het midden."),
    Measure("actions", "Acties afgesproken", SUM, "actions", note="Alle acties, ook de vervallen."),
    Measure("actions_cancelled", "Acties vervallen", SUM, "actions_cancelled",
            note="Tellen mee bij de afgesproken acties, en verder nergens."),
    Measure("actions_done_share", "Acties gedaan (van de niet-vervallen)", RATIO, "actions_done", "actions_active",
            True, note="Gedaan, van de acties die niet vervallen zijn."),
    Measure("actions_informal_share", "Acties bij het informele netwerk (van de niet-vervallen)", RATIO,
            "actions_informal", "actions_owned", True,
            note="Van de acties die niet vervallen zijn: het deel dat iemand uit het informele netwerk opneemt. Het "
                 "duidelijkste teken dat professionele hulp overbodig wordt."),
    Measure("goals", "Doelen", SUM, "goals"),
    Measure("goals_reached_share", "Doelen bereikt", RATIO, "goals_reached", "goals_evaluated", True,
            note="Van de geëvalueerde doelen ('ja'; 'deels' telt niet als bereikt)."),
    Measure("score_change_mean", "Scoreverschil per doel (punten, gemiddeld)", WEIGHTED, "score_change_mean",
            "goals_scored", note="Eindscore (of laatste score) min startscore, op 0 tot 10; over de doelen met beide "
                                 "scores."),
    Measure("duration_mean", "Duur afgesloten dossiers (dagen, gemiddeld)", MEAN, "duration_days",
            note="Van start- tot einddatum, over alle dossiers met een einddatum (ook na het jaar).",
            note_all="Van start- tot einddatum, over alle dossiers met een einddatum."),
    # Signs of Safety (template version 3; older workbooks count as cases without a safety plan).
    Measure("safety_plans", "Dossiers met een veiligheidsplan", SUM, "safety_plan",
            note="Met minstens één afspraak op het blad Veiligheidsplan."),
    Measure("safety_plan_share", "Dossiers met een veiligheidsplan (aandeel)", MEAN, "safety_plan", percent=True),
    Measure("safety_rules", "Afspraken in veiligheidsplannen", SUM, "safety_rules",
            note="Afspraken met minstens één gekende drager."),
    Measure("safety_rules_informal_share", "Afspraken van het veiligheidsplan gedragen door het informele netwerk",
            RATIO, "safety_rules_informal", "safety_rules", True,
            note="Een afspraak telt als informeel gedragen als minstens één drager uit het informele netwerk komt: "
            "het plan moet blijven werken als de hulp stopt."),
    Measure("safety_goals", "Veiligheidsdoelen", SUM, "safety_goals"),
    Measure("safety_change_mean", "Verschil op de veiligheidsschalen (gemiddeld)", WEIGHTED, "safety_change_mean",
            "safety_goals_scored",
            note="Per veiligheidsdoel dat op minstens twee beraden gescoord werd: laatste min eerste score, 0 tot 10."),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}
YEAR_ONLY = ("started", "meetings_in_year")  # measures of a run without --jaar leave these out
# The short Word report's figures; with a year, the meetings in it stand for all the cases' meetings.
KEY_FIGURES = ("cases", "meetings", "meetings_in_year", "start_size_mean", "end_size_mean", "start_informal_share",
               "end_informal_share", "added", "refound", "actions_informal_share", "goals_reached_share",
               "safety_plan_share", "safety_rules_informal_share", "safety_change_mean")
BREAKDOWN_MEASURES = ("cases", "closed", "meetings", "meetings_in_year", "start_size_mean", "end_size_mean",
                      "start_informal_share", "end_informal_share", "added", "refound", "actions",
                      "actions_informal_share", "goals", "goals_reached_share")


@dataclass(frozen=True)
class Dimension:
    attr: str  # dossier field key
    sheet: str  # Dutch sheet name
    header: str
    within: str | None = None  # the attr of a coarser dimension its groups lie in, as a reader knows
    optional: bool = False  # left out when no case has a value


DIMENSIONS = (
    Dimension("team", "Per team", "Team", within="eenheid"),
    Dimension("eenheid", "Per eenheid", "Eenheid", optional=True),
    Dimension("hulpvorm", "Per hulpvorm", "Hulpvorm"),
    Dimension("methode", "Per methode", "Methode"),
    Dimension("soort_centraal", "Per centrale persoon", "Centrale persoon is"),
)
