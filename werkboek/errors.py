"""Errors that reach a user: Dutch, naming the file, saying what to do, and for a file that
cannot be used a stable code from the catalogue below (as the checks' findings have).

The codes appear in `controleer --json`, on the Problemen sheet of the yearly figures and in
docs/controles.md; like finding codes they never change, so scripts and users can look them up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

# Exit codes of every command.
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class WerkboekError(Exception):
    """A problem the user can act on; the faces show it without a traceback."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, message: str, todo: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.todo = todo

    def __str__(self) -> str:
        return f"{self.message} {self.todo}".strip()


class CannotWrite(WerkboekError):
    """An output file or folder that cannot be written there; the advice names another name or place."""


class UnknownMeeting(WerkboekError):
    """The meeting asked for (by ID, on the command line or in the Dossier sheet) does not exist."""


@dataclass(frozen=True)
class ProblemKind:
    """One kind of file werkboek cannot use: a stable code, a short Dutch label, what it means."""

    code: str
    label: str  # as the Problemen sheet names the kind
    description: str


PROBLEMS: dict[str, ProblemKind] = {p.code: p for p in (
    # --- reading one file (every command)
    ProblemKind("bestand-ontbreekt", "onleesbaar", "Het bestand bestaat niet (meer) op die plaats."),
    ProblemKind("geen-bestand", "onleesbaar", "Het pad is een map, een pijp of een apparaat, geen gewoon bestand."),
    ProblemKind("geen-toegang", "onleesbaar", "Het bestand kan niet geopend worden: het is vergrendeld of je hebt "
                "geen leesrechten."),
    ProblemKind("leeg-bestand", "onleesbaar", "Het bestand is 0 bytes groot, meestal een mislukte kopie of opslag."),
    ProblemKind("te-groot", "onleesbaar", "Het bestand is groter dan een Netwerkkaart ooit wordt (50 MB)."),
    ProblemKind("wachtwoord", "onleesbaar", "De werkmap is met een wachtwoord versleuteld; werkboek kan ze niet "
                "openen."),
    ProblemKind("oud-formaat", "ander bestandstype", "Een oud Excel-bestand (.xls) of ander Office-bestand, geen "
                ".xlsm."),
    ProblemKind("geen-werkmap", "onleesbaar", "Het bestand is geen Excel-werkmap (bijvoorbeeld een Word-document of "
                "een pdf)."),
    ProblemKind("geen-netwerkkaart", "onleesbaar", "Een Excel-werkmap zonder de bladen van de Netwerkkaart."),
    ProblemKind("verdacht-pakket", "onleesbaar", "De werkmap pakt uit tot een verdacht grote omvang of bevat verdacht "
                "veel onderdelen (mogelijk een 'zip-bom'); ze wordt niet gelezen."),
    ProblemKind("verboden-xml", "onleesbaar", "Een blad bevat XML-constructies (DTD, entiteiten) die Excel nooit "
                "schrijft; zo'n bestand wordt niet gelezen."),
    ProblemKind("blad-te-groot", "onleesbaar", "Een blad heeft gegevens in een cel ver buiten elke redelijke tabel."),
    ProblemKind("beschadigd", "onleesbaar", "De werkmap is beschadigd of onvolledig, bijvoorbeeld een onderbroken "
                "kopie."),
    ProblemKind("te-veel-geheugen", "onleesbaar", "Het lezen vroeg meer geheugen dan een Netwerkkaart ooit nodig "
                "heeft."),
    ProblemKind("te-traag", "vastgelopen", "Het lezen duurde langer dan de tijdslimiet (30 seconden)."),
    ProblemKind("geen-docx", "onleesbaar", "Een sjabloon dat geen leesbaar Word-document (.docx) is."),
    # --- the yearly figures: files in the folders that do not count
    ProblemKind("vergrendelbestand", "vergrendelbestand", "Een tijdelijk bestand (~$...) van Excel: iemand had de "
                "werkmap open."),
    ProblemKind("ander-bestandstype", "ander bestandstype", "Een rekenblad in een ander formaat (.xls, .ods, ...): "
                "niet gelezen."),
    ProblemKind("fouten-in-controle", "fouten in de controle", "De controle vond fouten; het dossier telt niet mee "
                "tot ze opgelost zijn."),
    ProblemKind("geen-dossiernummer", "geen dossiernummer", "Zonder dossiernummer kan er geen pseudoniem gemaakt "
                "worden."),
    ProblemKind("geen-startdatum", "geen startdatum", "Zonder startdatum is niet te bepalen in welk jaar het dossier "
                "liep."),
    ProblemKind("dubbel-dossier", "dubbel dossier", "Hetzelfde dossiernummer staat in meer werkmappen; alleen de "
                "laatst bewaarde telt mee."),
    ProblemKind("ander-jaar", "niet in dit jaar", "Het dossier was niet open in het gekozen jaar (geen probleem, wel "
                "vermeld)."),
    ProblemKind("vastgelopen", "vastgelopen", "Het lezen brak af op te veel geheugen of een defect onderdeel."),
    ProblemKind("interne-fout", "verwerking mislukt", "Een fout in werkboek zelf; meld ze aan je beheerder."),
)}


class FileProblem(WerkboekError):
    """A file that cannot be used (exit code 2), with a code from PROBLEMS."""

    def __init__(self, path: str | os.PathLike[str], code: str, what: str, todo: str) -> None:
        assert code in PROBLEMS, code
        self.path = str(path)
        self.code = code
        self.what = what
        super().__init__(f"{self.path}: {what}", todo)


def problems_markdown() -> str:
    """The catalogue of file problems for docs/controles.md."""
    lines = ["## Bestanden die niet gebruikt kunnen worden", "",
             ("Een bestand dat werkboek niet kan lezen of niet meetelt, krijgt een vaste code: in `controleer --json` "
             "(veld `code`), op het blad Problemen van de jaarcijfers (kolom Code) en hier."), "",
             "| Code | Soort | Uitleg |", "|---|---|---|"]
    lines += [f"| `{p.code}` | {p.label} | {p.description} |" for p in PROBLEMS.values()]
    return "\n".join(lines)
