"""The safety plan (veiligheidsplan) for the family and the network: the danger statements and
safety goals, the rules with who carries them and when, whom to call, the child's words, and the
date and version of the plan.

It goes to the family and to everyone in the network, so it is built like the meeting report from
values that are not `internal` (`common.shared`), with one exception written down here: the phone
number of a member of the safety network who agreed to be called (`_phone`). Nobody else's number
is ever read.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from .. import dutch, figures
from ..errors import EXIT_FINDINGS, WerkboekError
from ..workbook import schema
from ..workbook.model import Case, Record
from .common import dossier_header, full_name, shared, text
from .output import SAFETY_PLAN, template_path
from .render import render_docx


class PlanMissing(WerkboekError):
    """The workbook holds no safety plan yet (no rules, or no version with a date)."""

    exit_code = EXIT_FINDINGS


def plan_version(case: Case, path: str = "") -> tuple[int, dt.date]:
    """The version the document is made for: the highest number on Planversies, with its date."""
    where = path or case.label
    if not any(r.get("afspraak") for r in case.safety_rules):
        raise PlanMissing(f"{where}: er staan nog geen afspraken op het blad {schema.VEILIGHEIDSPLAN.name}.",
                          "Vul eerst de afspraken van het veiligheidsplan in: wat, wie, wanneer, het signaal en wat er "
                          "dan gebeurt.")
    versions = [(v, d) for r in case.plan_versions
                if isinstance(v := r.get("versie"), int) and isinstance(d := r.get("datum"), dt.date)]
    if not versions:
        raise PlanMissing(f"{where}: op het blad {schema.PLANVERSIES.name} staat nog geen versie van het plan met een "
                          "datum.",
                          f"Vul op het blad {schema.PLANVERSIES.name} een rij in: het versienummer (bv. 1) en de dag "
                          "waarop het netwerk het plan afsprak.")
    return max(versions)


def _phone(member: Record) -> str:
    """The one internal value the plan shows: a number its owner agreed to be called on."""
    if member.get("bellen") is not True:
        return ""
    return text(member.get("telefoon"))


def safety_plan_context(case: Case, today: dt.date | None = None) -> dict[str, Any]:
    """What the safety plan template may use. Built from `shared` values only, and `_phone`."""
    today = today or dt.date.today()
    version, day = plan_version(case)
    persons = {str(p.id): shared(p) for p in case.persons if p.id}

    def who(pid: Any) -> str:
        person = persons.get(str(pid))
        name = full_name(person, text(pid))
        relation = text(person.get("relatie")) if person else ""
        return f"{name} ({relation})" if relation and relation not in ("centrale persoon", "andere") else name

    scales = {s.goal: s for s in figures.safety_scales(case, until=day)}
    goals = []
    for g in case.safety_goals:
        closed = g.get("afgesloten_op")
        if g.id is None or not g.get("doel") or (isinstance(closed, dt.date) and closed <= day):
            continue
        row = shared(g)
        scale = scales.get(str(g.id))
        last = scale.points[-1] if scale and scale.points else None
        goals.append({
            "id": text(g.id),
            "bezorgd": text(row.get("bezorgd")),
            "zorg": text(row.get("zorg")),
            "gevolg": text(row.get("gevolg")),
            "doel": text(row.get("doel")),
            "hoe_lang": text(row.get("hoe_lang")),
            "schaal": "" if last is None else (
                f"{dutch.number(last.score)} op 10 (beraad {last.meeting}"
                f"{', ' + dutch.long_date(last.date) if last.date else ''})"),
        })
    rules = []
    for r in case.safety_rules:
        row = shared(r)
        if not row.get("afspraak"):
            continue
        rules.append({
            "id": text(r.id),
            "afspraak": text(row.get("afspraak")),
            "wie": ", ".join(who(p) for p in row.get("wie") or []),
            "wanneer": text(row.get("wanneer")),
            "signaal": text(row.get("signaal")),
            "dan": text(row.get("dan")),
            "controle": who(row["controle"]) if row.get("controle") else "",
        })
    network = []
    for m in case.safety_network:
        if not m.get("persoon"):
            continue
        row = shared(m)
        network.append({"naam": who(row.get("persoon")), "rol": text(row.get("rol")),
                        "telefoon": _phone(m) or "niet via dit plan"})
    words = [r for r in case.plan_versions if r.get("versie") == version
             and any(r.get(k) for k in ("huis_zorgen", "huis_goed", "huis_dromen"))]
    header = dossier_header(shared(case.dossier), persons, today, case.organisation)
    return {
        **header,
        "versie": str(version),
        "plan_datum": dutch.long_date(day),
        "doelen": goals,
        "afspraken": rules,
        "netwerk": network,
        "bellen": [n for n in network if n["telefoon"] != "niet via dit plan"],
        "kind": [{"naam": full_name(persons.get(str(r.get("kind"))), text(r.get("kind"))) if r.get("kind") else
                  header["centrale_persoon"],
                  "zorgen": text(shared(r).get("huis_zorgen")), "goed": text(shared(r).get("huis_goed")),
                  "dromen": text(shared(r).get("huis_dromen"))} for r in words],
        "vorige": "" if version <= 1 else f"Deze versie vervangt versie {version - 1}.",
    }


def render_safety_plan(case: Case, out_path: str | os.PathLike[str], today: dt.date | None = None,
                       template: str | os.PathLike[str] | None = None) -> Path:
    """Write the safety plan to `out_path` (overwrites: callers pick a free name)."""
    ctx = safety_plan_context(case, today)
    return render_docx(template or template_path(SAFETY_PLAN, case.templates), ctx, out_path,
                       title=f"Veiligheidsplan versie {ctx['versie']}", subject=f"Dossier {ctx['dossiernummer']}")
