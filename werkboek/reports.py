"""The Word reports: the network-meeting report (verslag netwerkberaad) and the final evaluation.

A context of Dutch-named plain values is built from a Case and the figures module, the pictures
are drawn, and `render.render_docx` renders the template safely (sandbox, autoescape, strict).
The meeting report goes to the network, so its context is built only from columns that are not
`internal` (see `shared`). Every number comes from `figures`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import figures, schema
from .errors import FINDINGS, FileProblem, WerkboekError
from .files import free_path
from .model import Case, Invalid, Record
from .render import jinja_env, render_docx
from .values import long_date

MEETING, EVALUATION = "verslag", "eindevaluatie"
TEMPLATES = {MEETING: "verslag_netwerkberaad.docx", EVALUATION: "eindevaluatie.docx"}
TEMPLATE_DIR = Path(__file__).with_name("templates")
# A beheerder points this at a folder with the organisation's own copies of the templates.
TEMPLATES_ENV = "WERKBOEK_SJABLONEN"
SCALE_ON, SCALE_OFF = "7FB2E5", "FFFFFF"  # cell colours of the 0..10 scale
PDF_TIMEOUT = 180  # seconds


class ReportBlocked(WerkboekError):
    """The check found errors: no report is made (exit code 1)."""

    exit_code = FINDINGS


# --- formatting ------------------------------------------------------------------------------


def text(value: Any) -> str:
    """A value as report text: dates long and Dutch, lists comma-separated, nothing as ''."""
    if value is None or isinstance(value, Invalid):
        return ""
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(text(v) for v in value)
    return str(value)


def pct(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def number(value: float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def signed(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    shown = number(abs(value))
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{shown}{unit}"


def count_share(count: int, share: float | None) -> str:
    return f"{count} ({pct(share)})"


def shared(record: Record | None) -> dict[str, Any]:
    """A record's valid values without its `internal` columns: all a meeting report may use."""
    if record is None:
        return {}
    columns = schema.DOSSIER.fields if record.sheet == "dossier" else schema.TABLE_BY_KEY[record.sheet].columns
    internal = {c.key for c in columns if c.internal}
    return {k: v for k, v in record.values.items() if k not in internal and not isinstance(v, Invalid)}


def full_name(person: dict[str, Any] | None, fallback: str = "") -> str:
    if not person:
        return fallback
    name = " ".join(str(person[k]) for k in ("voornaam", "achternaam") if person.get(k))
    return name or str(person.get("id") or fallback)


def _dossier(d: dict[str, Any], persons: dict[str, dict[str, Any]], today: dt.date) -> dict[str, Any]:
    central = d.get("centrale_persoon")
    return {
        "dossiernummer": text(d.get("dossiernummer")),
        "gezin": text(d.get("gezin")),
        "begeleider": text(d.get("begeleider")),
        "team": text(d.get("team")),
        "eenheid": text(d.get("eenheid")),
        "hulpvorm": text(d.get("hulpvorm")),
        "methode": ", ".join(text(d.get(k)) for k in ("methode", "methode2") if d.get(k)),
        "centrale_persoon": full_name(persons.get(central), text(central)),
        "startdatum": text(d.get("startdatum")),
        "einddatum": text(d.get("einddatum")),
        "datum": long_date(today),
    }


# --- the meeting report ------------------------------------------------------------------------


def latest_meeting(case: Case) -> Record | None:
    """The meeting with the latest date (the last row among equal dates)."""
    rows = [m for m in case.meetings if m.id]
    return max(reversed(rows), key=lambda m: m.get("datum") or dt.date.min, default=None)


def find_meeting(case: Case, meeting_id: str | None, path: str = "") -> Record:
    if meeting_id is None:
        meeting = latest_meeting(case)
        if meeting is None:
            raise WerkboekError(f"{path or case.label}: er staat nog geen netwerkberaad in het blad Netwerkberaad.",
                                "Vul eerst het beraad in (ID, datum, aanwezigen) en probeer opnieuw.")
        return meeting
    meetings = case.by_id("netwerkberaad")
    wanted = " ".join(meeting_id.split()).casefold()
    for mid, meeting in meetings.items():
        if mid.casefold() == wanted:
            return meeting
    known = ", ".join(meetings) or "geen"
    raise WerkboekError(f"{path or case.label}: er is geen netwerkberaad met ID '{meeting_id}' (wel: {known}).",
                        "Kies een ID uit de kolom ID van het blad Netwerkberaad.")


def meeting_moment(case: Case, meeting: Record) -> str | None:
    """The measurement to draw for a meeting: the latest one taken on or before its date, else the start."""
    day = meeting.get("datum")
    best = None
    for moment in (figures.START, figures.MIDWAY, figures.END):
        when = figures.measurement_date(figures.measurement(case, moment, figures.DEFAULT_QUESTION))
        if when is not None and (day is None or when <= day):
            best = moment
    if best is None and figures.measurement(case, figures.START, figures.DEFAULT_QUESTION):
        best = figures.START
    return best


def meeting_context(case: Case, meeting_id: str, today: dt.date | None = None) -> dict[str, Any]:
    """What the meeting template may use. Built from `shared` values only: no internal notes."""
    today = today or dt.date.today()
    record = find_meeting(case, meeting_id)
    meeting = shared(record)
    persons = {str(p.id): shared(p) for p in case.persons if p.id}

    def who(pid: str) -> str:
        return full_name(persons.get(pid), pid)

    actions = [shared(a) for a in case.actions if str(a.get("beraad") or "").casefold() == str(meeting["id"]).casefold()]
    scale = meeting.get("schaal")
    moment = meeting_moment(case, record)
    return {
        **_dossier(shared(case.dossier), persons, today),
        "beraad": {
            "id": text(meeting.get("id")),
            "datum": text(meeting.get("datum")),
            "plaats": text(meeting.get("plaats")),
            "zorgen": text(meeting.get("zorgen")),
            "goed": text(meeting.get("goed")),
            "moet_gebeuren": text(meeting.get("moet_gebeuren")),
            "schaal": "" if scale is None else str(scale),
            "volgende": text(meeting.get("volgende")) or "nog niet gepland",
        },
        "aanwezigen": [
            {"naam": who(pid), "relatie": text(persons.get(pid, {}).get("relatie")), "rol": text(persons.get(pid, {}).get("rol"))}
            for pid in meeting.get("aanwezigen") or []
        ],
        "acties": [
            {
                "id": text(a.get("id")),
                "wat": text(a.get("wat")),
                "wie": who(a["wie"]) if a.get("wie") else "",
                "met_wie": ", ".join(who(p) for p in a.get("met_wie") or []),
                "tegen": text(a.get("tegen")),
                "status": text(a.get("status")),
            }
            for a in actions
        ],
        "schaal_kleuren": [SCALE_ON if scale == i else SCALE_OFF for i in range(11)],
        "netwerk_uitleg": _circles_caption(case, moment) if moment else "De netwerkcirkels zijn nog niet ingevuld.",
    }


def _circles_caption(case: Case, moment: str) -> str:
    from .pictures import MOMENT_LABEL

    when = figures.measurement_date(figures.measurement(case, moment, figures.DEFAULT_QUESTION))
    return f"Zo zag het netwerk eruit bij de meting van {long_date(when)} ({MOMENT_LABEL[moment].lower()})."


def render_meeting(case: Case, meeting_id: str, out_path: str | os.PathLike[str], today: dt.date | None = None,
                   template: str | os.PathLike[str] | None = None) -> Path:
    """Write the report of one network meeting to `out_path` (overwrites: callers pick a free name)."""
    from . import pictures

    ctx = meeting_context(case, meeting_id, today)
    moment = meeting_moment(case, find_meeting(case, meeting_id))
    pngs = {"netwerk": pictures.circles_png(case, moment) if moment else None}
    return render_docx(template or template_path(MEETING), ctx, out_path, pngs, widths=_natural(pngs),
                       title=f"Verslag netwerkberaad {ctx['beraad']['id']}", subject=f"Dossier {ctx['dossiernummer']}")


# --- the final evaluation ----------------------------------------------------------------------


def figure_rows(change: figures.ChangeFigures, sectors: list[str]) -> list[dict[str, str]]:
    """The start/end table of the evaluation: label, start, end, difference."""
    start, end = change.start, change.end
    have_end = end.measured

    def row(label: str, a: int | None, b: int | None, shown: Callable[[Any], str] = number) -> dict[str, str]:
        return {"label": label, "start": shown(a) if start.measured else "–", "einde": shown(b) if have_end else "–",
                "verschil": signed(b - a) if have_end and start.measured and a is not None and b is not None else ""}

    meaning = schema.CIRCLE_MEANING[change.vraag]
    rows = [
        row("Personen in het netwerk", start.size, end.size),
        {**row("Uit het informele netwerk", start.informal, end.informal),
         "start": count_share(start.informal, start.informal_share) if start.measured else "–",
         "einde": count_share(end.informal, end.informal_share) if have_end else "–",
         "verschil": signed(None if change.informal_share_change is None else round(change.informal_share_change * 100),
                            " procentpunt")},
    ]
    rows += [row(f"Cirkel {c}: {meaning[c - 1]}", start.per_circle[c], end.per_circle[c]) for c in figures.CIRCLES]
    rows += [row(f"Sector {s}", start.per_sector.get(s, 0), end.per_sector.get(s, 0)) for s in sectors]
    rows.append(row("Zou zeker helpen", start.certain_help, end.certain_help,
                    lambda v: "niet gevraagd" if v is None else number(v)))
    rows.append(row("Met een rol in het plan", start.with_role, end.with_role))
    return rows


CHANGES = (("added", "Nieuw in het netwerk"), ("refound", "Teruggevonden (contact was verwaterd)"),
           ("lost", "Niet meer in het netwerk"), ("inwards", "Dichterbij gekomen"), ("outwards", "Verder weg"))


def evaluation_context(case: Case, today: dt.date | None = None) -> dict[str, Any]:
    today = today or dt.date.today()
    persons = case.by_id("personen")
    plain = {pid: dict(p.values) for pid, p in persons.items()}
    change = figures.change_figures(case)
    whole = figures.case_figures(case)
    sectors = list({**change.start.per_sector, **change.end.per_sector})  # the case's list, then any other

    def named(pid: str) -> str:
        p = persons.get(pid)
        relation = text(p.get("relatie")) if p else ""
        return f"{full_name(plain.get(pid), pid)} ({relation})" if relation else full_name(plain.get(pid), pid)

    d = case.dossier
    period = (f"{text(d.get('startdatum'))} – {text(d.get('einddatum'))}" if d.get("einddatum")
              else f"sinds {text(d.get('startdatum'))}" if d.get("startdatum") else "")
    meetings = sorted(case.meetings, key=lambda m: m.get("datum") or dt.date.max)
    owners: dict[str, list[Record]] = {}
    for a in case.actions:
        if a.get("status") != figures.CANCELLED and a.get("wie"):
            owners.setdefault(a.get("wie"), []).append(a)
    with_role = [p for p in case.persons if p.get("rol")]
    return {
        **_dossier(d.values, plain, today),
        "periode": period,
        "reden": text(d.get("reden")),
        "conclusies": text(d.get("conclusies")),
        "start_datum": long_date(change.start.date) or "geen startmeting",
        "einde_datum": long_date(change.end.date) or "nog geen eindmeting",
        "eindmeting": change.end.measured,
        "cijfers": figure_rows(change, sectors),
        "veranderingen": [
            {"label": label, "aantal": str(len(getattr(change, key))) if change.measured else "–",
             "namen": ", ".join(named(pid) for pid in getattr(change, key))}
            for key, label in CHANGES
        ],
        "beraden": [
            {"id": text(m.id), "datum": text(m.get("datum")),
             "aanwezigen": str(len(present := [persons[p] for p in m.get("aanwezigen") or [] if p in persons])),
             "informeel": str(sum(figures.is_informal(p) for p in present)),
             "schaal": "" if m.get("schaal") is None else str(m.get("schaal"))}
            for m in meetings
        ],
        "beraden_samenvatting": _meetings_line(whole),
        "acties_samenvatting": _actions_line(whole),
        "acties_per_persoon": [
            {"naam": full_name(plain.get(pid), pid), "relatie": text(persons[pid].get("relatie")) if pid in persons else "",
             "soort": ("informeel" if figures.is_informal(persons[pid]) else "formeel") if pid in persons else "",
             "aantal": str(len(acts)), "gedaan": str(sum(a.get("status") == figures.DONE for a in acts))}
            for pid, acts in sorted(owners.items(), key=lambda o: (-len(o[1]), o[0]))
        ],
        "doelen": [
            {"id": text(g.id), "doel": text(g.get("doel")), "domein": text(g.get("domein")),
             "start": text(g.get("score_start")),
             "einde": text(g.get("score_einde")) or (f"{g.get('score_laatst')} (laatste)" if g.get("score_laatst") is not None else ""),
             "bereikt": text(g.get("bereikt")), "toelichting": text(g.get("toelichting"))}
            for g in case.goals
        ],
        "doelen_samenvatting": _goals_line(whole),
        "dragers": [{"naam": full_name(plain.get(str(p.id))), "relatie": text(p.get("relatie")), "rol": text(p.get("rol"))}
                    for p in with_role],
    }


def _meetings_line(f: figures.CaseFigures) -> str:
    if not f.meetings:
        return "Er werd geen netwerkberaad gehouden."
    word = "netwerkberaad" if f.meetings == 1 else "netwerkberaden"
    return (f"{f.meetings} {word}, gemiddeld {number(f.attendees_mean)} aanwezigen; "
            f"{pct(f.attendees_informal_share)} van de aanwezigen kwam uit het informele netwerk.")


def _actions_line(f: figures.CaseFigures) -> str:
    if not f.actions:
        return "Er werden geen acties afgesproken."
    return (f"{f.actions} acties afgesproken, {f.actions_done} gedaan ({pct(f.actions_done_share)} van de niet-vervallen acties). "
            f"{f.actions_informal} van de {f.actions_owned} acties ({pct(f.actions_informal_share)}) lagen bij het informele netwerk; "
            f"van de gedane acties deed het informele netwerk er {f.actions_done_informal}, professionals {f.actions_done_formal}.")


def _goals_line(f: figures.CaseFigures) -> str:
    if not f.goals:
        return "Er werden geen doelen vastgelegd."
    change = "" if f.score_change_mean is None else f" De score veranderde gemiddeld met {signed(f.score_change_mean)} punten."
    return (f"{f.goals_reached} van de {f.goals_evaluated} geëvalueerde doelen bereikt ({pct(f.goals_reached_share)}), "
            f"{f.goals_partly} deels.{change}")


def render_evaluation(case: Case, out_path: str | os.PathLike[str], today: dt.date | None = None,
                      template: str | os.PathLike[str] | None = None) -> Path:
    """Write the final evaluation of a case to `out_path` (overwrites: callers pick a free name)."""
    from . import pictures

    today = today or dt.date.today()
    ctx = evaluation_context(case, today)
    end = case.dossier.get("einddatum")
    pngs = {"netwerk": pictures.circles_pair_png(case),
            "genogram": pictures.genogram_png(case, (end or today).year)}
    return render_docx(template or template_path(EVALUATION), ctx, out_path, pngs, widths=_natural(pngs),
                       title="Eindevaluatie", subject=f"Dossier {ctx['dossiernummer']}")


def _natural(pngs: dict[str, bytes | None]) -> dict[str, float]:
    """Each picture at the size it was drawn for (mm), so its fonts print at their size."""
    import struct

    from .pictures import DPI

    out = {}
    for name, png in pngs.items():
        if png:
            width_px = struct.unpack(">I", png[16:20])[0]  # the PNG header's IHDR width
            out[name] = width_px / DPI * 25.4
    return out


# --- files -------------------------------------------------------------------------------------


def template_path(kind: str) -> Path:
    """The organisation's own copy when WERKBOEK_SJABLONEN points to a folder that has one."""
    own = os.environ.get(TEMPLATES_ENV)
    if own and (Path(own) / TEMPLATES[kind]).is_file():
        return Path(own) / TEMPLATES[kind]
    return TEMPLATE_DIR / TEMPLATES[kind]


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def default_name(case: Case, kind: str, meeting: Record | None, today: dt.date) -> str:
    """'Verslag netwerkberaad 2025-0412 B2 2025-03-14.docx', 'Eindevaluatie 2025-0412 2026-11-23.docx'."""
    number_ = _UNSAFE.sub("-", text(case.dossier.get("dossiernummer"))).strip(" .-") or Path(case.source or "dossier").stem
    if kind == MEETING and meeting is not None:
        day = meeting.get("datum")
        return f"Verslag netwerkberaad {number_} {_UNSAFE.sub('-', str(meeting.id))} {(day or today).isoformat()}.docx"
    return f"Eindevaluatie {number_} {today.isoformat()}.docx"


def output_path(workbook: Path, uit: str | os.PathLike[str] | None, name: str, pdf: bool) -> Path:
    """Where a report goes: next to the workbook by default, in `uit` if it is a folder, else `uit` itself."""
    if uit is None:
        path = workbook.parent / name
    elif Path(uit).is_dir():
        path = Path(uit) / name
    else:
        path = Path(uit)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
    if not path.parent.is_dir():
        raise WerkboekError(f"{path}: de map {path.parent} bestaat niet.", "Maak de map eerst aan of kies een andere plaats.")
    return free_path(path, (".pdf",) if pdf else ())


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        exe = Path(base or "/nonexistent") / "LibreOffice" / "program" / "soffice.exe"
        if exe.is_file():
            return str(exe)
    return None


def to_pdf(docx: Path) -> Path:
    """Convert with LibreOffice (its own profile per run: concurrent runs would write nothing)."""
    exe = soffice()
    if exe is None:
        raise WerkboekError(f"{docx}: het Word-verslag is gemaakt, maar er is geen PDF: LibreOffice is niet geïnstalleerd.",
                            "Installeer LibreOffice (www.libreoffice.org), of open het verslag in Word en kies Opslaan als PDF.")
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="werkboek-pdf-") as tmp:
        outdir = Path(tmp) / "uit"
        cmd = [exe, f"-env:UserInstallation={(Path(tmp) / 'profiel').as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
        made = outdir / f"{docx.stem}.pdf"
        for _ in range(2):  # a fresh profile's very first start sometimes gives up ("user installation")
            try:
                subprocess.run(cmd, capture_output=True, timeout=PDF_TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                raise WerkboekError(f"{docx}: LibreOffice deed er langer dan {PDF_TIMEOUT} seconden over om een PDF te maken.",
                                    "Probeer opnieuw, of open het verslag in Word en kies Opslaan als PDF.") from None
            if made.is_file():
                break
        if not made.is_file():
            raise WerkboekError(f"{docx}: LibreOffice kon er geen PDF van maken.",
                                "Open het verslag in Word en kies Opslaan als PDF.")
        shutil.move(str(made), target)
    return target


# --- the commands ------------------------------------------------------------------------------


def _checked(path: Path, warnings: list | None) -> Case:
    """Read and check a workbook: errors stop the report (listed in the message), warnings are handed back."""
    from .checks import check, has_errors
    from .findings import summary
    from .reader import read_case

    case = read_case(path)
    found = check(case)
    if has_errors(found):
        lines = "\n".join(f"  {f}" for f in found if f.is_error)
        raise ReportBlocked(f"{path}: de controle vond {summary(found)}; er is geen verslag gemaakt.\n{lines}\n",
                            "Los de fouten op (de knop Controleer zet ze ook op het blad Controle) en probeer opnieuw.")
    if warnings is not None:
        warnings.extend(found)
    return case


def meeting_report(path: str | os.PathLike[str], beraad: str | None = None, uit: str | os.PathLike[str] | None = None,
                   pdf: bool = False, warnings: list | None = None, today: dt.date | None = None) -> Path:
    path = Path(path)
    case = _checked(path, warnings)
    meeting = find_meeting(case, beraad, str(path))
    today = today or dt.date.today()
    out = output_path(path, uit, default_name(case, MEETING, meeting, today), pdf)
    render_meeting(case, str(meeting.id), out, today)
    if pdf:
        to_pdf(out)
    return out


def evaluation_report(path: str | os.PathLike[str], uit: str | os.PathLike[str] | None = None, pdf: bool = False,
                      warnings: list | None = None, today: dt.date | None = None) -> Path:
    path = Path(path)
    case = _checked(path, warnings)
    today = today or dt.date.today()
    out = output_path(path, uit, default_name(case, EVALUATION, None, today), pdf)
    render_evaluation(case, out, today)
    if pdf:
        to_pdf(out)
    return out


# --- a template staff edited -------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateCheck:
    path: Path
    kind: str  # MEETING or EVALUATION
    unknown: list[str]  # variables the template uses that werkboek does not give
    error: str | None  # why it does not render, or None
    known: list[str]  # the variables werkboek gives this kind of template

    @property
    def ok(self) -> bool:
        return not self.unknown and self.error is None


def check_template(path: str | os.PathLike[str], kind: str | None = None) -> TemplateCheck:
    """Which variables an edited template uses that werkboek does not give, and whether it renders
    (a dry render with the fictitious demo case)."""
    import zipfile

    from jinja2 import TemplateError

    from .demo import demo_case

    path = Path(path)
    if not path.is_file() or not zipfile.is_zipfile(path):
        raise FileProblem(path, "dit is geen Word-document (.docx).", "Kies het sjabloon zelf, een .docx-bestand.")
    case = demo_case()
    meeting = latest_meeting(case)
    assert meeting is not None
    known = {MEETING: {*meeting_context(case, str(meeting.id)), "netwerk"},
             EVALUATION: {*evaluation_context(case), "netwerk", "genogram"}}
    try:
        from docxtpl import DocxTemplate

        used = DocxTemplate(str(path)).get_undeclared_template_variables(jinja_env())
    except TemplateError as exc:
        kind = kind or _kind_by_name(path)
        return TemplateCheck(path, kind, [], f"een fout in de sjabloontaal: {exc}", sorted(known[kind]))
    except Exception as exc:  # noqa: BLE001 - a damaged .docx, whatever python-docx says
        raise FileProblem(path, f"het document kan niet gelezen worden ({exc}).", "Sla het opnieuw op in Word als .docx.") from None
    if kind is None:  # the kind whose variables it uses most
        kind = min((MEETING, EVALUATION), key=lambda k: (len(used - known[k]), k != _kind_by_name(path)))
    unknown = sorted(used - known[kind])
    error = None
    with tempfile.TemporaryDirectory(prefix="werkboek-sjabloon-") as tmp:
        try:
            if kind == MEETING:
                render_meeting(case, str(meeting.id), Path(tmp) / "proef.docx", template=path)
            else:
                render_evaluation(case, Path(tmp) / "proef.docx", template=path)
        except Exception as exc:  # noqa: BLE001 - any failure of a staff template is the answer
            error = f"{type(exc).__name__}: {exc}"
    return TemplateCheck(path, kind, unknown, error, sorted(known[kind]))


def _kind_by_name(path: Path) -> str:
    return EVALUATION if "eind" in path.name.casefold() else MEETING
