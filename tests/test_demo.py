"""The demo cases are deterministic, rich and consistent (a strict independent check finds nothing)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from werkboek import demo
from werkboek.workbook import schema
from werkboek.workbook.model import Case

PROF = schema.PROFESSIONAL_SECTOR
PY_TYPE = {schema.TEXT: str, schema.ID: str, schema.INT: int, schema.YEAR: int, schema.SCORE: int,
           schema.CIRCLE: int, schema.DATE: dt.date, schema.YESNO: bool, schema.CHOICE: str, schema.PERSON: str,
           schema.PERSONS: list, schema.MEETING: str, schema.GOAL: str, schema.SAFETY_GOAL: str}


@pytest.fixture(scope="module")
def showcase() -> Case:
    return demo.demo_case()


@pytest.fixture(scope="module")
def team() -> list[Case]:
    return demo.team_cases()


def problems(case: Case) -> list[str]:
    """An independent, strict consistency check with the rules the demo promises to keep."""
    out: list[str] = []
    d = case.dossier
    persons = case.by_id("personen")
    meetings = case.by_id("netwerkberaad")
    goals = case.by_id("doelen")
    refs = {schema.PERSON: persons, schema.MEETING: meetings, schema.GOAL: goals,
            schema.SAFETY_GOAL: case.by_id("veiligheidsdoelen")}
    start, end = d["startdatum"], d["einddatum"]
    rows = [(schema.DOSSIER.fields, [d])] + [(s.columns, case.tables[s.key]) for s in schema.TABLES]
    for cols, recs in rows:
        for rec in recs:
            if set(rec.values) - {c.key for c in cols}:
                out.append(f"{rec.sheet}: unknown keys {set(rec.values) - {c.key for c in cols}}")
            for c in cols:
                v = rec[c.key]
                where = f"{rec.sheet} {rec.id or ''} {c.key}={v!r}"
                if v is None or v == [] or v == "":
                    if c.required:
                        out.append(f"{where}: required")
                    if v is not None:
                        out.append(f"{where}: empty value should be None")
                    continue
                if not isinstance(v, PY_TYPE[c.type]) or (PY_TYPE[c.type] is int and isinstance(v, bool)):
                    out.append(f"{where}: type")
                    continue
                if isinstance(v, str) and v != v.strip():
                    out.append(f"{where}: surrounding spaces")
                if c.type == schema.CHOICE and v not in schema.LIST_BY_KEY[c.list].values:
                    out.append(f"{where}: not in list {c.list}")
                if (c.type == schema.SCORE and not 0 <= v <= 10) or (c.type == schema.CIRCLE and not 1 <= v <= 3):
                    out.append(f"{where}: out of range")
                if c.type == schema.YEAR and not 1930 <= v <= 2020:
                    out.append(f"{where}: implausible year")
                if c.type in refs and v not in refs[c.type]:
                    out.append(f"{where}: unresolved")
                if c.type == schema.PERSONS:
                    out += [f"{where}: unresolved {p}" for p in v if p not in persons]
                    if len(set(v)) != len(v):
                        out.append(f"{where}: duplicates")
                inside = v >= start and (not end or v <= end) and v <= demo.LATEST if c.type == schema.DATE else True
                if not inside and rec.sheet != "dossier" and c.key not in ("volgende", "tegen"):
                    out.append(f"{where}: outside the case")
    for s in schema.TABLES:
        if s.id_column:
            ids = [r.id for r in case.tables[s.key]]
            if len(ids) != len(set(ids)):
                out.append(f"{s.key}: duplicate IDs")
            prefix = s.id_prefix
            out += [f"{s.key}: bad ID {i}" for i in ids if not (i.startswith(prefix) and i[1:].isdigit())]
    if end and end <= start:
        out.append("end before start")
    central = persons.get(d["centrale_persoon"])
    if central is None or central["relatie"] != "centrale persoon":
        out.append("central person row")
    if [p.id for p in case.persons if p["relatie"] == "centrale persoon"] != [d["centrale_persoon"]]:
        out.append("exactly one 'centrale persoon'")
    dead = {p.id for p in case.persons if p["overleden"]}
    for p in case.persons:
        if p["verwaterd"] and not p["gecontacteerd_op"]:
            out.append(f"{p.id}: verwaterd without gecontacteerd_op")
        if p["reactie"] and not p["gecontacteerd_op"]:
            out.append(f"{p.id}: reactie without gecontacteerd_op")
        if p["gevonden_op"] and p["gecontacteerd_op"] and p["gecontacteerd_op"] < p["gevonden_op"]:
            out.append(f"{p.id}: contacted before found")
        if p.id in dead and (p["gecontacteerd_op"] or p["reactie"]):
            out.append(f"{p.id}: deceased but contacted")
    pairs = set()
    for r in case.relations:
        a, b = persons.get(r["persoon_a"]), persons.get(r["persoon_b"])
        if a is None or b is None or a.id == b.id or frozenset((a.id, b.id)) in pairs:
            out.append(f"relation {r.values}: bad or repeated pair")
            continue
        pairs.add(frozenset((a.id, b.id)))
        if r["soort"] == "ouder–kind" and not a["geboortejaar"] <= b["geboortejaar"] - 14:
            out.append(f"relation {a.id}->{b.id}: parent not older")
    measurements: dict[tuple, list] = defaultdict(list)
    for r in case.placements:
        measurements[(r["datum"], r["moment"], r["vraag"])].append(r)
        p = persons.get(r["persoon"])
        if p and (p.id in dead or p.id == d["centrale_persoon"]):
            out.append(f"{p.id}: deceased or central person placed")
        if p and p["gevonden_op"] and p["gevonden_op"] > r["datum"]:
            out.append(f"{p.id}: placed before found")
    for key, recs in measurements.items():
        if len({r["persoon"] for r in recs}) != len(recs):
            out.append(f"{key}: someone placed twice")
        inner = [persons[r["persoon"]] for r in recs if r["cirkel"] == 1 and r["persoon"] in persons]
        if inner and all(p["sector"] == PROF for p in inner):
            out.append(f"{key}: inner circle only professionals")
    moments = {m for _, m, _ in measurements}
    if end and "einde" not in moments:
        out.append("closed without end measurement")
    if not end and "einde" in moments:
        out.append("open with end measurement")
    for m in case.meetings:
        if not start < m["datum"] and (not end or m["datum"] < end):
            out.append(f"{m.id}: date outside the case")
        if m["volgende"] and m["volgende"] <= m["datum"]:
            out.append(f"{m.id}: next meeting before this one")
        out += [f"{m.id}: deceased attendee {p}" for p in m["aanwezigen"] or [] if p in dead]
        if not m["aanwezigen"]:
            out.append(f"{m.id}: no attendees")
    hulp = sorted((r["datum"], r["persoon"], r["cirkel"]) for r in case.placements if r["vraag"] == "hulp")
    for a in case.actions:
        meeting = meetings.get(a["beraad"])
        if meeting is None or a["tegen"] is None or not a["wie"]:
            continue
        if a["tegen"] < meeting["datum"]:
            out.append(f"{a.id}: due before its meeting")
        if end and a["tegen"] > end:
            out.append(f"{a.id}: due after the case")
        if a["wie"] in dead or a["wie"] in (a["met_wie"] or []):
            out.append(f"{a.id}: bad owner")
        # strictest reading: the owner's own latest hulp placement on or before the meeting
        latest = [c for day, pid, c in hulp if pid == a["wie"] and day <= meeting["datum"]]
        if latest and latest[-1] == 3:
            out.append(f"{a.id}: owner {a['wie']} said 'zeker niet'")
        owner = persons.get(a["wie"])
        if owner and owner["gevonden_op"] and owner["gevonden_op"] > meeting["datum"]:
            out.append(f"{a.id}: owner not yet found")
    for g in case.goals:
        if g["bereikt"] and g["score_einde"] is None:
            out.append(f"{g.id}: reached without end score")
    return out


def test_deterministic():
    assert demo.demo_case() == demo.demo_case()
    assert demo.team_cases() == demo.team_cases()
    assert demo.team_cases(seed=8) != demo.team_cases()


def test_showcase_is_consistent(showcase):
    assert problems(showcase) == []


def test_team_cases_are_consistent(team):
    for case in team:
        assert problems(case) == [], case.label


def test_the_projects_checks_find_nothing(showcase, team):
    checks = pytest.importorskip("werkboek.checks")
    for case in [showcase, *team]:
        assert [f"{f.severity} {f.code}: {f.message}" for f in checks.check(case)] == [], case.label


def test_showcase_is_rich(showcase):
    persons = showcase.persons
    assert 20 <= len(persons) <= 30
    assert {p["sector"] for p in persons} == set(schema.SECTORS)
    assert len(showcase.meetings) == 3
    assert 12 <= len(showcase.actions) <= 18
    assert 3 <= len(showcase.goals) <= 5
    asked = {(r["moment"], r["vraag"]) for r in showcase.placements}
    assert {(m, v) for m in ("start", "einde") for v in demo.VRAGEN} <= asked
    assert showcase.dossier["einddatum"] and showcase.dossier["conclusies"]
    assert showcase.dossier["soort_centraal"] == "kind/jongere"
    assert any(p["ver_weg"] for p in persons) and any(p["overleden"] for p in persons)
    assert {g["bereikt"] for g in showcase.goals} == {"ja", "deels", "nee"}
    scales = [m["schaal"] for m in showcase.meetings]
    assert scales == sorted(scales) and scales[0] < scales[-1]
    assert all(m["notitie"] for m in showcase.meetings)
    owners = {showcase.by_id("personen")[a["wie"]]["sector"] for a in showcase.actions}
    assert PROF in owners and len(owners) > 1
    # three generations and the genogram's kinds
    years = [p["geboortejaar"] for p in persons]
    assert min(years) < 1960 and max(years) > 2010
    assert {r["soort"] for r in showcase.relations} == set(schema.LIST_BY_KEY["relatiesoort"].values)
    assert {"conflict", "verbroken"} <= {r["kwaliteit"] for r in showcase.relations}
    assert any(not all(ch.isascii() for ch in p["voornaam"] + p["achternaam"]) for p in persons)


def test_showcase_network_grows(showcase):
    placed = defaultdict(dict)
    for r in showcase.placements:
        placed[(r["moment"], r["vraag"])][r["persoon"]] = r["cirkel"]
    persons = showcase.by_id("personen")

    def informal(moment: str) -> set[str]:
        return {pid for pid in placed[(moment, "belang")] if persons[pid]["sector"] != PROF}

    assert len(informal("einde")) > len(informal("start"))
    refound = {p.id for p in showcase.persons if p["verwaterd"] and p.id in placed[("einde", "belang")]}
    assert refound and not refound & set(placed[("start", "belang")])
    assert any(p["verwaterd"] and p.id not in placed[("einde", "belang")] for p in showcase.persons)
    moved_in = [pid for pid, c in placed[("start", "hulp")].items() if placed[("einde", "hulp")].get(pid, 9) < c]
    assert moved_in
    text = showcase.dossier["conclusies"]
    assert f"van {len(informal('start'))} naar {len(informal('einde'))}" in text


def test_team_cases_vary(team):
    assert len(team) >= 20
    numbers = [c.dossier["dossiernummer"] for c in team]
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == 9 and n[4] == "-" and n[:4] in ("2024", "2025", "2026") for n in numbers)
    assert {c.dossier["startdatum"].year for c in team} == {2024, 2025, 2026}
    assert len({c.dossier["team"] for c in team}) >= 3
    assert len({c.dossier["methode"] for c in team}) >= 4
    assert len({c.dossier["hulpvorm"] for c in team}) >= 4
    assert {c.dossier["soort_centraal"] for c in team} == {"kind/jongere", "ouder"}
    sizes = [len(c.persons) for c in team]
    assert min(sizes) <= 8 and max(sizes) >= 35 and all(5 <= s <= 40 for s in sizes)
    open_ = [c for c in team if c.dossier["einddatum"] is None]
    assert 2 <= len(open_) < len(team) - 5
    assert all(not any(r["moment"] == "einde" for r in c.placements) for c in open_)
    meetings = Counter(len(c.meetings) for c in team)
    assert meetings[0] >= 2 and meetings[1] + meetings[2] >= 3
    assert all(c.dossier["gezin"].startswith("gezin ") for c in team)
    assert any(r["moment"] == "tussentijds" for c in team for r in c.placements)
    informal_owners = sum(c.by_id("personen")[a["wie"]]["sector"] != PROF for c in team for a in c.actions)
    assert 0.2 < informal_owners / sum(len(c.actions) for c in team) < 0.8


def test_team_cases_count_and_seed():
    assert len(demo.team_cases(n=3, seed=1)) == 3
    assert [c.dossier["dossiernummer"] for c in demo.team_cases(n=5)] == [
        c.dossier["dossiernummer"] for c in demo.team_cases()[:5]]


def test_builder_writes_the_showcase(tmp_path, showcase):
    from werkboek.workbook.builder import build

    path = build(tmp_path / "x.xlsm", showcase)
    assert path.is_file() and path.stat().st_size > 10_000


def test_round_trip(tmp_path, showcase, team):
    reader = pytest.importorskip("werkboek.workbook.reader")
    if not hasattr(reader, "read_case"):
        pytest.skip("no reader yet")
    from werkboek.workbook.builder import build

    for i, case in enumerate([showcase, team[0], team[1]]):
        back = reader.read_case(build(tmp_path / f"c{i}.xlsm", case))
        for key in case.tables:
            assert back.tables[key] == case.tables[key], key
        assert back.dossier == case.dossier
        assert back == case
