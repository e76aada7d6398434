"""The final evaluation (eindevaluatie) of a whole case: the network at start and end, the
genogram, the meetings, the actions by whom, the goals. Every number comes from `figures`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import dutch, figures, pictures
from ..dutch import number, pct, signed
from ..workbook import schema
from ..workbook.model import Case, Record
from .common import count_share, dossier_header, full_name, natural_widths, scale_rows, text
from .output import EVALUATION_REPORT, template_path
from .render import render_docx


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
        **dossier_header(d.values, plain, today),
        "periode": period,
        "reden": text(d.get("reden")),
        "conclusies": text(d.get("conclusies")),
        "start_datum": dutch.long_date(change.start.date) or "geen startmeting",
        "einde_datum": dutch.long_date(change.end.date) or "nog geen eindmeting",
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
            {"naam": full_name(plain.get(pid), pid),
             "relatie": text(persons[pid].get("relatie")) if pid in persons else "",
             "soort": ("informeel" if figures.is_informal(persons[pid]) else "formeel") if pid in persons else "",
             "aantal": str(len(acts)), "gedaan": str(sum(a.get("status") == figures.DONE for a in acts))}
            for pid, acts in sorted(owners.items(), key=lambda o: (-len(o[1]), o[0]))
        ],
        "doelen": [
            {"id": text(g.id), "doel": text(g.get("doel")), "domein": text(g.get("domein")),
             "start": text(g.get("score_start")),
             "einde": text(g.get("score_einde"))
                      or (f"{g.get('score_laatst')} (laatste)" if g.get("score_laatst") is not None else ""),
             "bereikt": text(g.get("bereikt")), "toelichting": text(g.get("toelichting"))}
            for g in case.goals
        ],
        "doelen_samenvatting": _goals_line(whole),
        "veiligheid": scale_rows(case),
        "veiligheid_samenvatting": _safety_line(figures.safety_figures(case)),
        "dragers": [{"naam": full_name(plain.get(str(p.id))), "relatie": text(p.get("relatie")),
                     "rol": text(p.get("rol"))}
                    for p in with_role],
    }


def _safety_line(f: figures.SafetyFigures) -> str:
    if not f.safety_goals:
        return ""
    change = ("" if f.safety_change_mean is None
              else f" De veiligheidsschalen veranderden gemiddeld met {signed(f.safety_change_mean)} punten.")
    rules = ("" if not f.safety_rules else
             f" {f.safety_rules_informal} van de {f.safety_rules} afspraken van het veiligheidsplan "
             f"({pct(f.safety_rules_informal_share)}) droeg het informele netwerk mee.")
    return f"{dutch.plural(f.safety_goals, 'veiligheidsdoel', 'veiligheidsdoelen')}.{change}{rules}"


def _meetings_line(f: figures.CaseFigures) -> str:
    if not f.meetings:
        return "Er werd geen netwerkberaad gehouden."
    word = "netwerkberaad" if f.meetings == 1 else "netwerkberaden"
    return (f"{f.meetings} {word}, gemiddeld {number(f.attendees_mean)} aanwezigen; "
            f"{pct(f.attendees_informal_share)} van de aanwezigen kwam uit het informele netwerk.")


def _actions_line(f: figures.CaseFigures) -> str:
    if not f.actions:
        return "Er werden geen acties afgesproken."
    return (f"{f.actions} acties afgesproken, {f.actions_done} gedaan ({pct(f.actions_done_share)} van de "
            f"niet-vervallen acties). {f.actions_informal} van de {f.actions_owned} acties "
            f"({pct(f.actions_informal_share)}) lagen bij het informele netwerk; van de gedane acties deed het "
            f"informele netwerk er {f.actions_done_informal}, professionals {f.actions_done_formal}.")


def _goals_line(f: figures.CaseFigures) -> str:
    if not f.goals:
        return "Er werden geen doelen vastgelegd."
    change = ("" if f.score_change_mean is None
              else f" De score veranderde gemiddeld met {signed(f.score_change_mean)} punten.")
    return (f"{f.goals_reached} van de {f.goals_evaluated} geëvalueerde doelen bereikt ({pct(f.goals_reached_share)}), "
            f"{f.goals_partly} deels.{change}")


def render_evaluation(case: Case, out_path: str | os.PathLike[str], today: dt.date | None = None,
                      template: str | os.PathLike[str] | None = None) -> Path:
    """Write the final evaluation of a case to `out_path` (overwrites: callers pick a free name)."""
    today = today or dt.date.today()
    ctx = evaluation_context(case, today)
    end = case.dossier.get("einddatum")
    pngs = {"netwerk": pictures.circles_pair_png(case),
            "genogram": pictures.genogram_png(case, (end or today).year),
            "schalen": pictures.scales_png(case)}
    return render_docx(template or template_path(EVALUATION_REPORT), ctx, out_path, pngs, widths=natural_widths(pngs),
                       title="Eindevaluatie", subject=f"Dossier {ctx['dossiernummer']}")
