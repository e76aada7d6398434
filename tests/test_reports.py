"""The Word reports, opened with python-docx: what a worker and the network read in them."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from tests import ooxml
from werkboek import api, figures, reports
from werkboek.dutch import long_date
from werkboek.workbook.builder import build
from werkboek.workbook.reader import read_case
from werkboek.workbook.references import person_name

AWKWARD = "A & B <c> \"q\" 'x' 😊\nregel twee\x0bregel drie\x07bel\x1ftab"
AWKWARD_SHOWN = "A & B <c> \"q\" 'x' 😊\nregel twee\nregel driebeltab"  # breaks kept, control characters gone


@pytest.fixture(scope="module")
def workbook(tmp_path_factory, demo_case) -> Path:
    """The demo case with awkward text in the latest meeting and one of its actions, as a real workbook."""
    case = read_case(build(tmp_path_factory.mktemp("src") / "Netwerkkaart.xlsm", demo_case))
    meeting = reports.latest_meeting(case)
    meeting.values["zorgen"] = AWKWARD
    next(a for a in case.actions if a["beraad"] == meeting.id).values["wat"] = AWKWARD
    case.persons[3].values["achternaam"] = "D'Hondt & <Zonen>"
    return build(tmp_path_factory.mktemp("case") / "Netwerkkaart.xlsm", case)


@pytest.fixture(scope="module")
def case(workbook):
    return read_case(workbook)


@pytest.fixture(scope="module")
def meeting_doc(workbook) -> Path:
    return api.verslag(workbook).pad


@pytest.fixture(scope="module")
def evaluation_doc(workbook) -> Path:
    return api.eindevaluatie(workbook).pad


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_with(doc, header: str, nth: int = 0):
    return [t for t in doc.tables if t.rows[0].cells[0].text == header][nth]


def full_name(person) -> str:
    return person_name(person)


def all_text(path: Path) -> str:
    """Every text part of the .docx (body, headers, footers, properties), as XML."""
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_meeting_report_holds_attendees_with_relation_and_role(meeting_doc, case):
    meeting = reports.latest_meeting(case)
    persons = case.by_id("personen")
    table = rows(table_with(Document(meeting_doc), "Naam"))
    assert table[0] == ["Naam", "Relatie", "Rol in het plan"]
    expected = [[full_name(persons[p]), persons[p]["relatie"], persons[p]["rol"] or ""] for p in meeting["aanwezigen"]]
    assert table[1:] == expected
    assert any("D'Hondt & <Zonen>" in row[0] for row in table)  # escaped, not lost


def test_meeting_report_holds_its_actions_with_owner_and_due_date(meeting_doc, case):
    meeting = reports.latest_meeting(case)
    persons = case.by_id("personen")
    table = rows(table_with(Document(meeting_doc), "Wie"))
    assert table[0] == ["Wie", "Wat", "Met wie", "Tegen wanneer"]
    ours = [a for a in case.actions if a["beraad"] == meeting.id]
    assert len(ours) >= 3 and len(table) == len(ours) + 1
    for action, row in zip(ours, table[1:], strict=True):
        assert row[0] == full_name(persons[action["wie"]])
        assert row[1] == (AWKWARD_SHOWN if action["wat"] == AWKWARD else action["wat"])
        assert row[3] == long_date(action["tegen"])
    other = next(a for a in case.actions if a["beraad"] != meeting.id)
    assert other["wat"] not in "".join(r[1] for r in table)


def test_meeting_report_columns_scale_next_meeting_and_picture(meeting_doc, case):
    meeting = reports.latest_meeting(case)
    doc = Document(meeting_doc)
    three = rows(table_with(doc, "Waar maken we ons zorgen over?"))
    assert three == [["Waar maken we ons zorgen over?", "Wat gaat goed?", "Wat moet er gebeuren?"],
                     [AWKWARD_SHOWN, meeting["goed"], meeting["moet_gebeuren"]]]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"staan we op: {meeting['schaal']}." in text
    scale = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == [str(i) for i in range(11)])
    fills = [c._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
             for c in scale.rows[0].cells]
    shaded = [i for i, shd in enumerate(fills)
              if shd.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
              == reports.meeting.SCALE_ON]
    assert shaded == [meeting["schaal"]]
    assert (long_date(meeting["volgende"]) if meeting["volgende"] else "nog niet gepland") in text
    assert len(doc.inline_shapes) == 2  # the circles and the chart of the safety scales
    assert f"Dossier {case.dossier['dossiernummer']}" in doc.sections[0].header.paragraphs[0].text
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Vertrouwelijk") and 'w:instr=" PAGE "' in footer._p.xml
    assert doc.core_properties.title == f"Verslag netwerkberaad {meeting.id}"


def test_meeting_report_holds_nothing_internal(meeting_doc, case, demo_case):
    text = all_text(meeting_doc)
    internal = [m["notitie"] for m in case.meetings if m["notitie"]]
    internal += [p[key] for p in case.persons for key in ("notities", "contact") if p[key]]
    internal += [case.dossier["reden"]]
    assert len(internal) > 10
    for value in internal:
        assert value not in text, value


def test_evaluation_figures_equal_the_figures_module(evaluation_doc, case):
    doc = Document(evaluation_doc)
    change = figures.change_figures(case)
    start, end = change.start, change.end
    table = {row[0]: row[1:] for row in rows(table_with(doc, ""))[1:]}
    assert table["Personen in het netwerk"] == [str(start.size), str(end.size), f"+{end.size - start.size}"]
    assert table["Uit het informele netwerk"][:2] == [f"{start.informal} ({round(start.informal_share * 100)}%)",
                                                      f"{end.informal} ({round(end.informal_share * 100)}%)"]
    for c in (1, 2, 3):
        label = next(k for k in table if k.startswith(f"Cirkel {c}"))
        assert table[label][:2] == [str(start.per_circle[c]), str(end.per_circle[c])]
    for sector in case.lists["sector"]:
        assert table[f"Sector {sector}"][:2] == [str(start.per_sector[sector]), str(end.per_sector[sector])]
    assert table["Zou zeker helpen"][:2] == [str(start.certain_help), str(end.certain_help)]
    assert table["Met een rol in het plan"][:2] == [str(start.with_role), str(end.with_role)]
    persons = case.by_id("personen")
    changes = {row[0]: row[1:] for row in rows(table_with(doc, "", 1))[1:]}
    assert changes["Nieuw in het netwerk"][0] == str(len(change.added))
    assert changes["Teruggevonden (contact was verwaterd)"][0] == str(len(change.refound))
    for pid in change.refound:
        assert full_name(persons[pid]) in changes["Teruggevonden (contact was verwaterd)"][1]


def test_evaluation_holds_pictures_meetings_actions_goals(evaluation_doc, case):
    doc = Document(evaluation_doc)
    whole = figures.case_figures(case)
    assert len(doc.inline_shapes) == 3  # the start/end circles, the genogram and the safety scales
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{whole.meetings} netwerkberaden" in text
    assert f"{whole.actions} acties afgesproken; daarvan lagen er {whole.actions_informal} (" in text  # none cancelled
    assert f"{whole.goals_reached} van de {whole.goals_evaluated} geëvalueerde doelen" in text
    meetings = rows(table_with(doc, "Beraad"))
    assert [r[0] for r in meetings[1:]] == [m.id for m in sorted(case.meetings, key=lambda m: m["datum"])]
    goals = rows(table_with(doc, "Doel"))
    for goal, row in zip(case.goals, goals[1:], strict=True):
        assert row[0] == goal["doel"] and row[2] == str(goal["score_start"]) and row[4] == goal["bereikt"]
    assert case.dossier["conclusies"] in text


def test_evaluation_without_end_measurement_says_so(tmp_path, demo_case):
    case = read_case(build(tmp_path / "src.xlsm", demo_case))
    case.tables["cirkels"] = [p for p in case.placements if p["moment"] != "einde"]
    out = reports.render_evaluation(case, tmp_path / "e.docx", today=dt.date(2025, 7, 1))
    doc = Document(out)
    table = {row[0]: row[1:] for row in rows(table_with(doc, ""))[1:]}
    assert table["Personen in het netwerk"] == [str(figures.moment_figures(case, "start").size), "–", ""]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Eindmeting: geen; het dossier werd afgesloten zonder eindmeting." in text
    case.dossier.values["einddatum"] = None  # still running: then it is simply not there yet
    doc = Document(reports.render_evaluation(case, tmp_path / "f.docx", today=dt.date(2025, 7, 1)))
    assert "Eindmeting: nog niet, het dossier loopt nog." in "\n".join(p.text for p in doc.paragraphs)


@ooxml.group
def test_reports_pass_the_open_xml_validator(meeting_doc, evaluation_doc):
    assert ooxml.errors(meeting_doc, evaluation_doc) == {str(meeting_doc): [], str(evaluation_doc): []}


def test_reports_convert_to_pdf(tmp_path, workbook, soffice):
    local = shutil.copy(workbook, tmp_path / "Netwerkkaart.xlsm")
    for make in (api.verslag, api.eindevaluatie):
        made = make(local, pdf=True)
        pdf = made.pdf
        assert pdf == made.pad.with_suffix(".pdf")
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


def test_evaluation_sentences_read_right(tmp_path):
    """Singulars, what cancelled actions do, goals not evaluated yet, and a difference in
    percentage points that is the difference of the two percentages shown."""
    from dataclasses import replace

    from tests.test_jaarcijfers import Spec, make_case
    from werkboek.reports.evaluation import _actions_line, _goals_line, _meetings_line

    # Informal 2 of 7 at the start (29%), 4 of 9 at the end (44%): shown +15, exactly 15.9.
    spec = Spec(i=1, team="T", hulpvorm="ambulant", soort="kind/jongere", start=dt.date(2025, 1, 6), closed=True,
                family=1, friends=1, profs=5, lost=0, added=2, refound=0, inwards=0, meetings=1, cancelled=1,
                goals=[(3, 4, "")])
    case = make_case(spec)
    doc = Document(reports.render_evaluation(case, tmp_path / "e.docx", today=dt.date(2025, 9, 1)))
    table = {row[0]: row[1:] for row in rows(table_with(doc, ""))[1:]}
    assert table["Uit het informele netwerk"] == ["2 (29%)", "4 (44%)", "+15 procentpunten"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1 netwerkberaad met 3 aanwezigen; 67% van de aanwezigen kwam uit het informele netwerk." in text
    assert "2 acties afgesproken, waarvan 1 vervallen; van de andere lag er 1 (100%) bij het informele netwerk" in text
    assert "Nog geen doelen geëvalueerd. De score veranderde met +1 punt." in text
    f = figures.case_figures(case)
    six = replace(f, actions=6, actions_cancelled=2, actions_active=4, actions_owned=4, actions_informal=3,
                  actions_informal_share=0.75, actions_done=2, actions_done_share=0.5, actions_done_informal=1,
                  actions_done_formal=1)
    assert _actions_line(six).startswith("6 acties afgesproken, waarvan 2 vervallen; van de 4 andere lagen er 3 (75%) "
                                         "bij het informele netwerk en zijn er 2 gedaan (50%).")
    cancelled = replace(f, actions=1, actions_active=0, actions_cancelled=1)
    assert _actions_line(cancelled) == "1 actie afgesproken, die vervallen."
    assert _meetings_line(replace(f, meetings=0)) == "Er werd geen netwerkberaad gehouden."
    two = replace(f, goals=3, goals_evaluated=2, goals_reached=1, goals_partly=0, goals_reached_share=0.5,
                  goals_scored=3, score_change_mean=-1.0)
    assert _goals_line(two) == ("1 van de 2 geëvalueerde doelen bereikt (50%). De score veranderde gemiddeld met "
                                "−1 punt per doel.")
