"""The command line: `werkboek COMMANDO ...`, in Dutch. Thin: parse, call `api`, print."""

from __future__ import annotations

import argparse
import functools
import glob
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence

from . import __version__, api
from .checks.findings import count_text, file_result, has_errors, problem_result, skipped_result, text_report
from .errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, CannotWrite, FileProblem, WerkboekError
from .files import is_lock_file
from .yearly.suppression import DEFAULT_THRESHOLD

# argparse looks its messages up through gettext at call time: give it Dutch ones.
_DUTCH = {
    "usage: ": "gebruik: ",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
}
argparse._ = lambda s: _DUTCH.get(s, s)  # type: ignore[attr-defined]
argparse.ngettext = lambda s, p, n: _DUTCH.get(s if n == 1 else p, s if n == 1 else p)  # type: ignore[attr-defined]


def safe_streams(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> None:
    """The command line never fails on its own output. On Windows a redirected run (`> rapport.txt`,
    a pipe, a scheduled task) gets the ANSI code page, which has no 'ı' or emoji: there, unless the
    user chose an encoding (PYTHONIOENCODING, UTF-8 mode), write UTF-8, which Notepad and
    PowerShell 7 read as it is. Whatever the encoding, a character it lacks becomes an escape
    (`\\u0131`) instead of an error. Under pythonw.exe there are no streams: nothing to do."""
    chosen = bool(environ.get("PYTHONIOENCODING")) or sys.flags.utf8_mode
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        try:
            terminal = stream.isatty()
        except (OSError, ValueError):
            terminal = False
        if platform == "win32" and not terminal and not chosen:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        elif stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def print_json(data: object) -> None:
    """JSON as it is where the output takes every character, else with \\u escapes: valid JSON
    that says the same, where backslashreplace would write escapes JSON does not know."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2)
    print(text)


def _nieuw(args: argparse.Namespace) -> int:
    path = api.nieuw(args.pad, overschrijf=args.overschrijf, python_voor_excel=args.python_voor_excel,
                     profiel=args.profiel)
    print(f"Nieuwe Netwerkkaart geschreven: {path}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    done = api.demo(args.map)
    print(f"Demo geschreven in {args.map}:")
    print(f"  voorbeelddossier: {done.dossier}")
    print(f"  verslag: {done.verslagen[0]}")
    print(f"  eindevaluatie: {done.verslagen[1]}")
    print(f"  veiligheidsplan: {done.verslagen[2]}")
    print(f"  teammap met {len(done.team)} dossiers: {done.team[0].parent}")
    for path in done.jaarcijfers:
        print(f"  jaarcijfers: {path}")
    return EXIT_OK


def _verslag(args: argparse.Namespace) -> int:
    """`verslag` and `eindevaluatie`: warnings are listed, the report is made."""
    if args.commando == "verslag":
        made = api.verslag(args.pad, args.beraad, args.uit, args.pdf, profiel=args.profiel)
    elif args.commando == "veiligheidsplan":
        made = api.veiligheidsplan(args.pad, args.uit, args.pdf, profiel=args.profiel)
    else:
        made = api.eindevaluatie(args.pad, args.uit, args.pdf, profiel=args.profiel)
    what = "het veiligheidsplan" if args.commando == "veiligheidsplan" else "het verslag"
    if made.waarschuwingen:
        print(f"De controle gaf {count_text(made.waarschuwingen)}; {what} is toch gemaakt:")
        for f in made.waarschuwingen:
            print(f"  waarschuwing: {f}")
    print(f"{what[4:].capitalize()} geschreven: {made.pad}")
    if made.pdf:
        print(f"PDF geschreven: {made.pdf}")
    return EXIT_OK


PLAN_HELP = (" Het plan is voor het gezin en het netwerk: zorgen en veiligheidsdoelen, de afspraken met wie en "
             "wanneer, wie je belt (een telefoonnummer alleen van wie akkoord ging), de woorden van het kind, datum "
             "en versie (de hoogste op het blad Planversies). Elke versie wordt een eigen bestand; vorige versies "
             "blijven staan.")


def _sjabloon_controleer(args: argparse.Namespace) -> int:
    result = api.sjabloon_controleer(args.pad, args.soort)
    kind = {"verslag": "verslag netwerkberaad"}.get(result.kind, result.kind)
    print(f"Sjabloon {result.path} (soort: {kind})")
    if result.unknown:
        print(f"  Variabelen die werkboek niet geeft: {', '.join(result.unknown)}")
        print(f"  Wel beschikbaar: {', '.join(result.known)}")
    else:
        print("  Alle variabelen in het sjabloon worden door werkboek gegeven.")
    if result.error:
        print(f"  Proefverslag met het voorbeelddossier mislukt: {result.error}")
    else:
        print("  Proefverslag met het voorbeelddossier: gelukt.")
    if not result.ok:
        print("Pas het sjabloon aan in Word en controleer opnieuw.")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _expand(paths: list[str]) -> list[str]:
    """Wildcards as Windows' cmd passes them on ("team\\*.xlsm"); a POSIX shell has expanded them already."""
    out = []
    for path in paths:
        matches = sorted(glob.glob(path)) if any(c in path for c in "*?[") and not os.path.exists(path) else []
        out.extend(matches or [path])
    return out


LOCK_FILE = ("een tijdelijk bestand van Excel: iemand heeft de werkmap open (of had ze open toen Excel afsloot). "
             "Het is geen werkmap; er is niets mee te doen.")


def _controleer(args: argparse.Namespace) -> int:
    worst, results, blocks = EXIT_OK, [], []
    for pad in _expand(args.pad):
        if is_lock_file(pad):  # "team/*.xlsm" also matches Excel's "~$dossier.xlsm" while it is open
            results.append(skipped_result(pad, "vergrendelbestand", LOCK_FILE))
            blocks.append(f"{pad}: overgeslagen: {LOCK_FILE}")
            continue
        try:
            findings = api.controleer(pad, args.profiel).meldingen
        except WerkboekError as exc:
            problem = exc.what if isinstance(exc, FileProblem) else exc.message
            code = exc.code if isinstance(exc, FileProblem) else ""
            results.append(problem_result(pad, code, problem, exc.todo))
            blocks.append(f"{pad}: onleesbaar: {problem} {exc.todo}".strip())
            worst = max(worst, exc.exit_code)
            continue
        results.append(file_result(pad, findings))
        blocks.append(text_report(pad, findings))
        worst = max(worst, EXIT_FINDINGS if has_errors(findings) else EXIT_OK)
    if args.json:
        print_json(results)
        return worst
    print("\n\n".join(blocks))
    if len(results) > 1:
        n = {s: sum(r["status"] == s for r in results) for s in ("in-orde", "fouten", "onleesbaar", "overgeslagen")}
        skipped = f", {n['overgeslagen']} overgeslagen" if n["overgeslagen"] else ""
        print(f"\n{len(results)} bestanden: {n['in-orde']} zonder fouten, {n['fouten']} met fouten, "
              f"{n['onleesbaar']} onleesbaar{skipped}.")
    return worst


def _excel_check(args: argparse.Namespace) -> int:
    # local, like the API: this command's imports are its own
    from .excel_check import exit_code, has_missing, inventory
    from .manual import manual

    checks = api.excel_check(args.werkmap)
    if args.json:
        print_json(inventory(checks, args.werkmap))
        return exit_code(checks)
    print("\n".join(map(str, checks)))
    guide = manual("installatie-windows")
    if has_missing(checks):
        print(f"\nEr ontbreekt nog iets: volg de stappen hierboven. Uitleg: {guide}")
    else:
        print(f"\nAlles wat werkboek nodig heeft is aanwezig. Uitleg: {guide}")
    return exit_code(checks)


def _jaarcijfers(args: argparse.Namespace) -> int:
    done = api.jaarcijfers(args.map, jaar=args.jaar, uit=args.uit, sleutel=args.sleutel, drempel=args.drempel,
                           export_csv=args.export_csv, overschrijf=args.overschrijf, export_groepen=args.export_groepen,
                           profiel=args.profiel)
    print(f"Jaarcijfers {done.cijfers.period} geschreven (om door te geven): {done.werkmap}")
    print(f"  Word-verslag: {done.verslag}")
    print(f"  alleen voor jou (niet doorgeven): {done.coordinator}")
    if done.export:
        print(f"  onderzoeksexport (egor): {done.export} - persoonsgegevens onder pseudoniem: alleen delen onder een "
              "verwerkersovereenkomst (zie LEESMIJ.txt)")
    print(f"  {done.samenvatting}")
    if done.sleutelnotitie:
        print(f"  Let op: {done.sleutelnotitie} Maak één keer een sleutel met 'werkboek sleutel PAD' en geef die "
              "elk jaar mee met --sleutel.")
    return done.exitcode


def _jaarcijfers_werkmap(args: argparse.Namespace) -> int:
    path = api.jaarcijfers_werkmap(args.pad, overschrijf=args.overschrijf, python_voor_excel=args.python_voor_excel)
    print(f"Werkmap met de knop 'Jaarcijfers maken' geschreven: {path}")
    return EXIT_OK


def _sleutel(args: argparse.Namespace) -> int:
    path = api.sleutel(args.pad)
    print(f"Sleutel geschreven: {path}")
    print("Bewaar ze veilig en buiten de teammappen; met dezelfde sleutel krijgt een dossier elk jaar hetzelfde "
          "pseudoniem.")
    return EXIT_OK


def _profiel_nieuw(args: argparse.Namespace) -> int:
    path = api.profiel_nieuw(args.pad, overschrijf=args.overschrijf)
    print(f"Leeg profiel geschreven: {path}")
    print("Vul het in Excel in (bladen Organisatie, Lijsten, Hernoemd, Teams) en controleer het met "
          f'werkboek profiel controleer "{path}". Uitleg: docs/beheer.md.')
    return EXIT_OK


def _profiel_controleer(args: argparse.Namespace) -> int:
    profiel = api.profiel_controleer(args.pad, args.werkmappen)
    if not profiel.meldingen:
        print(f"{profiel.pad}: in orde, geen fouten of waarschuwingen.")
    else:
        print(f"{profiel.pad}: {count_text(profiel.meldingen)}")
        for f in profiel.meldingen:
            print(f"  {f.severity}: {f}")
    own = list(profiel.lijsten)
    print(f"  {len(own)} eigen lijsten, {sum(len(v) for v in profiel.hernoemd.values())} hernoemde of vervallen "
          f"waarden, {len(profiel.teams)} teams" + (f"; organisatie: {profiel.organisatie}" if profiel.organisatie
                                                     else ""))
    return EXIT_FINDINGS if profiel.fouten else EXIT_OK


def _bijwerken(args: argparse.Namespace) -> int:
    done = api.bijwerken(_expand(args.pad), profiel=args.profiel, proef=args.proef)
    for line in done.regels():
        print(line)
    print(done.samenvatting)
    return done.exitcode


def _profiel(p: argparse.ArgumentParser) -> None:
    p.add_argument("--profiel", metavar="PAD",
                   help="het profiel van de organisatie (werkboek-profiel.xlsx); standaard WERKBOEK_PROFIEL, "
                   "anders werkboek-profiel.xlsx in de map van de werkmap of een map erboven")


def _python_voor_excel(p: argparse.ArgumentParser) -> None:
    p.add_argument("--python-voor-excel", metavar="PAD",
                   help="de Python die de knoppen starten (komt in het verborgen blad xlwings.conf); standaard "
                   "WERKBOEK_PYTHON_VOOR_EXCEL, anders die van het installatiescript: "
                   r'%%ProgramW6432%%\werkboek\Scripts\pythonw.exe; leeg (""): de eigen xlwings-instelling '
                   "van elke gebruiker")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="werkboek",
        description="Netwerkgericht werken: de Netwerkkaart aanmaken, controleren, verslagen en jaarcijfers maken.",
        epilog="Uitleg per commando: werkboek COMMANDO --help. Exitcodes: 0 in orde, 1 de controle vond fouten, "
        "2 een bestand kon niet gelezen worden.",
    )
    parser.add_argument("--versie", action="version", version=f"werkboek {__version__}", help="toon de versie en stop")
    sub = parser.add_subparsers(dest="commando", metavar="COMMANDO", title="commando's")

    p = sub.add_parser("nieuw", help="schrijf een lege Netwerkkaart.xlsm",
                       description="Schrijf een lege Netwerkkaart-werkmap.")
    p.add_argument("pad", metavar="PAD", help="waar de nieuwe werkmap komt, bv. Netwerkkaart.xlsm")
    p.add_argument("--overschrijf", action="store_true", help="vervang een bestaand bestand")
    _python_voor_excel(p)
    _profiel(p)
    p.set_defaults(func=_nieuw)

    p = sub.add_parser("demo", help="schrijf een fictief voorbeelddossier en een teammap",
                       description="Schrijf een fictief voorbeelddossier en een map met fictieve teamdossiers.")
    p.add_argument("map", metavar="MAP", help="de map waarin de demo komt")
    p.set_defaults(func=_demo)

    p = sub.add_parser("controleer", help="controleer werkmappen op fouten en ontbrekende gegevens",
                       description="Controleer een of meer Netwerkkaart-werkmappen. Elke melding noemt blad, cel en "
                       "oplossing; fouten houden een verslag tegen, waarschuwingen niet. De werkmap wordt niet "
                       "aangepast. Alle controles: docs/controles.md.",
                       epilog="Exitcodes: 0 geen fouten (waarschuwingen mogen), 1 fouten gevonden, "
                       "2 een bestand kon niet gelezen worden; bij meerdere bestanden de ergste.")
    p.add_argument("pad", metavar="PAD", nargs="+", help="een of meer werkmappen (.xlsm)")
    p.add_argument("--json", action="store_true",
                   help="geef het resultaat als JSON (vaste vorm, zie docs/controles.md)")
    _profiel(p)
    p.set_defaults(func=_controleer)

    p = sub.add_parser("excel-check", help="toon wat deze pc nog nodig heeft voor de knoppen in Excel",
                       description="Ga na of Python, werkboek, xlwings, de xlwings-invoegtoepassing (voor deze "
                       "gebruiker of voor alle gebruikers, en of haar versie die van xlwings is) en de instellingen "
                       "van xlwings (het blad xlwings.conf van de werkmap, xlwings.conf ernaast, die van de "
                       "gebruiker) klaar zijn voor de knoppen in de werkmap. Verandert niets.",
                       epilog="Exitcodes: 0 alles aanwezig, 1 er ontbreekt iets, 2 de werkmap kon niet gelezen "
                       "worden. Uitleg: de handleiding installatie-windows (docs/installatie-windows.md bij werkboek).")
    p.add_argument("werkmap", metavar="WERKMAP", nargs="?",
                   help="optioneel: een werkmap; dan gelden haar eigen xlwings-instellingen, en er wordt "
                   "nagegaan of Windows haar macro's blokkeert")
    p.add_argument("--json", action="store_true",
                   help="geef het resultaat als JSON, voor een inventaris (vaste vorm, zie "
                   "docs/installatie-windows.md)")
    p.set_defaults(func=_excel_check)

    p = sub.add_parser("jaarcijfers", help="voeg de werkmappen van een jaar samen tot jaarcijfers zonder namen",
                       description="Lees alle werkmappen (.xlsm, .xlsx) in de mappen en hun submappen, controleer "
                       "ze en voeg ze samen tot jaarcijfers: een Excel-werkmap met tabellen en grafieken en een kort "
                       "Word-verslag ernaast, zonder namen, contactgegevens, vrije tekst of dossiernummers; kleine "
                       "aantallen worden verborgen. Daarnaast een bestand alleen voor de coördinator: de dossiers "
                       "onder pseudoniem en op het blad Problemen elke werkmap die niet meetelt, met de reden.",
                       epilog="Exitcodes: 0 alle werkmappen meegeteld (dossiers van een ander jaar tellen niet als "
                       "probleem), 1 jaarcijfers gemaakt maar sommige werkmappen hebben een probleem, 2 er kon "
                       "niets gemaakt worden.")
    p.add_argument("map", metavar="MAP", nargs="+", help="een of meer mappen met werkmappen")
    p.add_argument("--jaar", metavar="JJJJ", type=int,
                   help="alleen dossiers die in dit jaar open waren (standaard: alle dossiers)")
    p.add_argument("-o", "--uit", metavar="UIT.xlsx",
                   help="de werkmap met de jaarcijfers (standaard: 'Jaarcijfers JJJJ.xlsx')")
    p.add_argument("--sleutel", metavar="PAD",
                   help="sleutelbestand voor de pseudoniemen (maak er een met 'werkboek sleutel PAD'); zonder sleutel "
                   "zijn de pseudoniemen willekeurig voor deze keer")
    p.add_argument("--drempel", metavar="N", type=int, default=DEFAULT_THRESHOLD,
                   help="aantallen van 1 tot N-1 worden verborgen als '<N' (standaard 5)")
    p.add_argument("--export-csv", metavar="MAP", help="schrijf ook de netwerken zonder namen als CSV voor onderzoek "
                   "(egos.csv, alters.csv, aaties.csv, voor het R-pakket egor): persoonsgegevens onder pseudoniem, "
                   "alleen te delen onder een verwerkersovereenkomst")
    p.add_argument("--export-groepen", metavar="GROEPEN", action="append", default=[],
                   help="groeperingen in egos.csv, met komma's: team, eenheid, hulpvorm, methode, centrale-persoon, "
                   "jaren (standaard: geen)")
    p.add_argument("--overschrijf", action="store_true", help="vervang bestaande uitvoerbestanden")
    _profiel(p)
    p.set_defaults(func=_jaarcijfers)

    p = sub.add_parser("jaarcijfers-werkmap", help="schrijf Jaarcijfers.xlsm: jaarcijfers maken met een knop in Excel",
                       description="Schrijf de werkmap voor de coördinator: kies daarin een map (en jaar, sleutel) "
                       "en klik op 'Jaarcijfers maken'. Nodig: Python met werkboek en de xlwings-invoegtoepassing, "
                       "zoals voor de knoppen in de Netwerkkaart.")
    p.add_argument("pad", metavar="PAD", help="waar de werkmap komt, bv. Jaarcijfers.xlsm")
    p.add_argument("--overschrijf", action="store_true", help="vervang een bestaand bestand")
    _python_voor_excel(p)
    p.set_defaults(func=_jaarcijfers_werkmap)

    p = sub.add_parser("sleutel", help="maak een sleutelbestand voor de pseudoniemen in de jaarcijfers",
                       description="Maak een nieuw, willekeurig sleutelbestand voor de pseudoniemen in de jaarcijfers. "
                       "Een bestaand bestand wordt nooit overschreven. Bewaar de sleutel buiten de teammappen.")
    p.add_argument("pad", metavar="PAD", help="waar het sleutelbestand komt, bv. jaarcijfers.sleutel")
    p.set_defaults(func=_sleutel)

    for name, what in (("verslag", "het verslag van een netwerkberaad"), ("eindevaluatie", "de eindevaluatie"),
                       ("veiligheidsplan", "het veiligheidsplan voor het gezin en het netwerk")):
        p = sub.add_parser(name, help=f"maak {what} in Word (eerst wordt de werkmap gecontroleerd)",
                           description=f"Maak {what} in Word. De werkmap wordt eerst gecontroleerd: bij fouten komt er "
                           "geen verslag, waarschuwingen worden getoond. Een bestaand bestand wordt nooit "
                           "overschreven." + PLAN_HELP * (name == "veiligheidsplan"))
        p.add_argument("pad", metavar="PAD", help="de ingevulde Netwerkkaart (.xlsm)")
        if name == "verslag":
            p.add_argument("--beraad", metavar="ID", help="het ID van het beraad, bv. B2 (standaard: het laatste)")
        p.add_argument("-o", "--uit", metavar="UIT",
                       help="een map of bestandsnaam voor het verslag (standaard: naast de werkmap, met dossier, "
                       "soort en datum)")
        p.add_argument("--pdf", action="store_true", help="maak ook een PDF (met LibreOffice)")
        _profiel(p)
        p.set_defaults(func=_verslag)

    p = sub.add_parser("sjabloon", help="werk met de Word-sjablonen van de verslagen",
                       description="Werk met de Word-sjablonen van de verslagen (eigen huisstijl).")
    templates = p.add_subparsers(dest="sjabloon_commando", metavar="COMMANDO", title="commando's", required=True)
    p = templates.add_parser("controleer", help="controleer een aangepast sjabloon",
                             description="Zeg welke variabelen een aangepast sjabloon gebruikt die werkboek niet "
                             "geeft, en of het een verslag oplevert (proef met het fictieve voorbeelddossier).")
    p.add_argument("pad", metavar="PAD", help="het sjabloon (.docx)")
    p.add_argument("--soort", choices=("verslag", "eindevaluatie", "veiligheidsplan"),
                   help="de soort verslag (standaard: geraden)")
    p.set_defaults(func=_sjabloon_controleer)

    p = sub.add_parser("profiel", help="maak of controleer het profiel van de organisatie",
                       description="Het profiel van de organisatie: eigen keuzelijsten (toegevoegd, hernoemd, "
                       "vervallen), teams en eenheden, de map met sjablonen in huisstijl en de naam in de verslagen. "
                       "Uitleg: docs/beheer.md.")
    profiles = p.add_subparsers(dest="profiel_commando", metavar="COMMANDO", title="commando's", required=True)
    p = profiles.add_parser("nieuw", help="schrijf een leeg profiel om in Excel in te vullen",
                            description="Schrijf een leeg profiel (werkboek-profiel.xlsx) met de lijsten van werkboek.")
    p.add_argument("pad", metavar="PAD", help="waar het profiel komt, bv. werkboek-profiel.xlsx")
    p.add_argument("--overschrijf", action="store_true", help="vervang een bestaand bestand")
    p.set_defaults(func=_profiel_nieuw)
    p = profiles.add_parser("controleer", help="controleer een ingevuld profiel",
                            description="Controleer een ingevuld profiel: elke fout met blad en cel.",
                            epilog="Exitcodes: 0 in orde (waarschuwingen mogen), 1 fouten, 2 onleesbaar.")
    p.add_argument("pad", metavar="PAD", help="het profiel (.xlsx)")
    p.add_argument("--werkmappen", metavar="MAP", nargs="+", default=[],
                   help="kijk ook na wat deze werkmappen (of alle .xlsm in deze mappen) gebruiken: vervallen waarden "
                   "zonder nieuwe waarde, en teams die niet op het blad Teams staan")
    p.set_defaults(func=_profiel_controleer)

    p = sub.add_parser("bijwerken", help="werk werkmappen bij naar de nieuwste sjabloonversie en het profiel",
                       description="Werk een of meer werkmappen (of alle .xlsm in mappen) bij naar de nieuwste "
                       "sjabloonversie, met de lijsten van het profiel. Elke waarde gaat mee. De oude werkmap "
                       "verhuist ongewijzigd naar een reservemap ernaast ('werkboek-oud DATUM'); de nieuwe krijgt "
                       "haar naam. Een werkmap die open is in Excel, onleesbaar of nieuwer is, wordt overgeslagen.",
                       epilog="Exitcodes: 0 alles bijgewerkt of al bij, 1 iets overgeslagen of niet volledig "
                       "meegenomen, 2 een pad bestaat niet.")
    p.add_argument("pad", metavar="PAD", nargs="+", help="werkmappen (.xlsm) of mappen")
    p.add_argument("--proef", action="store_true", help="verander niets: zeg per werkmap wat er zou gebeuren")
    _profiel(p)
    p.set_defaults(func=_bijwerken)

    return parser


def reference_markdown() -> str:
    """docs/cli.md: the help of every command, as `werkboek COMMANDO --help` prints it (100 wide)."""
    lines = ["# Opdrachtregel", "",
             "Dit overzicht wordt gemaakt uit `werkboek/cli.py` (`python scripts/gen_docs.py`); pas het niet met de "
             "hand aan. Elk commando is een dunne laag over de functie met dezelfde naam in `werkboek.api`.", ""]

    def add(parser: argparse.ArgumentParser, title: str) -> None:
        parser.formatter_class = functools.partial(argparse.HelpFormatter, width=100)
        lines.extend([f"## `{title}`", "", "```text", parser.format_help().rstrip(), "```", ""])
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    add(child, f"{title} {name}")

    add(build_parser(), "werkboek")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return args.func(args)
    except WerkboekError as exc:
        if isinstance(exc, CannotWrite) and hasattr(args, "uit"):  # this command chooses its output with -o
            exc.todo += " Geef die op met -o."
        print(f"Fout: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Onderbroken.", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for a user; WERKBOEK_DEBUG=1 shows it
        if os.environ.get("WERKBOEK_DEBUG"):
            raise
        print(f"Onverwachte fout in werkboek ({type(exc).__name__}: {exc}). "
              "Meld dit aan je beheerder, met het commando dat je gaf.", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
