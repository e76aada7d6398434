"""Write the Word templates of the reports into werkboek/templates/ (docxtpl tags in python-docx).

Usage: .venv/bin/python scripts/make_templates.py

- verslag_netwerkberaad.docx: the report of one network meeting (goes to the network);
- eindevaluatie.docx: the final evaluation of a case;
- veiligheidsplan.docx: the safety plan, for the family and the network (plain language).

A4, Word's own styles (Title, Heading 1, a table style whose header row repeats on every page),
a header with dossier number and date, a footer with "Vertrouwelijk" and page numbers. A beheerder
may restyle a copy in Word (fonts, logo, colours, wording) as long as the {{ ... }} and {% ... %}
tags stay, and check it with `werkboek sjabloon controleer PAD`. The variables each template may
use are the keys of `werkboek.reports.meeting_context` / `evaluation_context`, plus the pictures
`netwerk` (and `genogram` in the evaluation).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "werkboek" / "templates"
TABLE_STYLE = "Light Grid Accent 1"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MARGIN = Mm(20)


def a4_document() -> Document:
    """A4 portrait with the house styles (also the yearly report's base)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = MARGIN
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 12)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = "Calibri", Pt(size), ACCENT
        style.paragraph_format.space_before = Pt(0 if name == "Title" else 12)
        style.paragraph_format.space_after = Pt(6 if name == "Title" else 4)
        style.paragraph_format.keep_with_next = True
    styles["Subtitle"].font.name = "Calibri"
    return doc


def document() -> Document:
    """A4 portrait, house styles, header and footer (shared by every section)."""
    doc = a4_document()
    section, styles = doc.sections[0], doc.styles

    # Header and footer: text left, a tab to the right margin (the styles' own centre stop removed).
    width = section.page_width - section.left_margin - section.right_margin
    for name in ("Header", "Footer"):
        tabs = styles[name].paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    header = section.header.paragraphs[0]
    header.text = ("{% if organisatie %}{{ organisatie }} – {% endif %}"
                   "Dossier {{ dossiernummer }} – {{ gezin }}\t{{ datum }}")
    _small(header)
    footer = section.footer.paragraphs[0]
    footer.add_run("Vertrouwelijk").bold = True
    footer.add_run("\tpagina ")
    _field(footer, "PAGE")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES")
    _small(footer)
    return doc


def _small(paragraph) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice fill it in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    field.append(run)
    paragraph._p.append(field)


def table(doc: Document, headers: list[str], cells: list[str], loop: str, widths: list[float],
          first_column: bool = False) -> None:
    """A table with a repeated header row and one templated row per item of `loop`
    ("a in acties"); docxtpl's {%tr %} rows disappear when rendered. `first_column`: the
    first column holds labels (the style sets them in bold)."""
    t = doc.add_table(rows=4, cols=len(headers))
    for i, head in enumerate(headers):
        t.cell(0, i).text = head
    t.cell(1, 0).text = f"{{%tr for {loop} %}}"
    for i, cell in enumerate(cells):
        t.cell(2, i).text = cell
    t.cell(3, 0).text = "{%tr endfor %}"
    style_table(t, widths, first_column)


def style_table(t, widths: list[float], first_column: bool, style: str = TABLE_STYLE, cell_widths: bool = True) -> None:
    """Table style, header row repeated on each page, fixed column widths (grid and cells:
    Word reads the cells, LibreOffice the grid). Without `cell_widths` the fixed layout (autofit
    off) and the grid alone set them: docxtpl's cellbg puts its shading before a cell width, which
    is out of schema order."""
    t.style = style
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _repeat_header(t.rows[0])
    look = t._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        t._tbl.tblPr.append(look)
    flags = {"firstRow": (True, 0x20), "lastRow": (False, 0x40), "firstColumn": (first_column, 0x80),
             "lastColumn": (False, 0x100), "noHBand": (False, 0x200), "noVBand": (True, 0x400)}
    for key, (on, _) in flags.items():
        look.set(qn(f"w:{key}"), "1" if on else "0")
    look.set(qn("w:val"), f"{sum(bit for on, bit in flags.values() if on):04X}")  # the form LibreOffice reads
    for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            if cell_widths:
                cell.width = Mm(width)
            else:  # leave only vAlign, which schema order puts after cellbg's shading
                for tc_w in cell._tc.tcPr.findall(qn("w:tcW")):
                    cell._tc.tcPr.remove(tc_w)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def facts(doc: Document, rows: list[tuple[str, str]]) -> None:
    """Label/value pairs as a borderless two-column table."""
    t = doc.add_table(rows=len(rows), cols=2)
    t.autofit = False
    for (label, value), row in zip(rows, t.rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
        row.cells[0].paragraphs[0].runs[0].bold = True
    for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), (42, 128), strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Mm(42), Mm(128)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))  # no w:val: on (the validator rejects "true")


def picture(doc: Document, name: str) -> None:
    doc.add_paragraph(f"{{%p if {name} %}}")
    p = doc.add_paragraph(f"{{{{ {name} }}}}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{%p endif %}")


def lead(doc: Document, text: str) -> None:
    """A paragraph kept on the page of the table or picture that follows it."""
    doc.add_paragraph(text).paragraph_format.keep_with_next = True


def if_empty(doc: Document, items: str, message: str) -> None:
    doc.add_paragraph(f"{{%p if not {items} %}}")
    doc.add_paragraph(message).runs[0].italic = True
    doc.add_paragraph("{%p endif %}")


def save(doc: Document, name: str, title: str) -> None:
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "werkboek", "werkboek"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    OUT.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT / name))
    print(f"geschreven: {OUT / name}")


def meeting_template() -> None:
    doc = document()
    doc.add_paragraph("Verslag netwerkberaad", style="Title")
    doc.add_paragraph("{{ gezin }} – {{ beraad.datum }}", style="Subtitle")
    facts(doc, [("Dossier", "{{ dossiernummer }}"), ("Centrale persoon", "{{ centrale_persoon }}"),
                ("Datum", "{{ beraad.datum }}"), ("Plaats", "{{ beraad.plaats }}"),
                ("Begeleider", "{{ begeleider }} ({{ team }})")])

    doc.add_heading("Aanwezig", level=1)
    table(doc, ["Naam", "Relatie", "Rol in het plan"], ["{{ a.naam }}", "{{ a.relatie }}", "{{ a.rol }}"],
          "a in aanwezigen", [60, 55, 55])
    if_empty(doc, "aanwezigen", "Geen aanwezigen ingevuld.")

    doc.add_heading("Wat we bespraken", level=1)
    t = doc.add_table(rows=2, cols=3)
    for i, (head, key) in enumerate((("Waar maken we ons zorgen over?", "zorgen"), ("Wat gaat goed?", "goed"),
                                     ("Wat moet er gebeuren?", "moet_gebeuren"))):
        t.cell(0, i).text = head
        t.cell(1, i).text = f"{{{{ beraad.{key} }}}}"
    style_table(t, [56.6, 56.6, 56.6], first_column=False)

    doc.add_heading("Schaal", level=1)
    lead(doc, "Op een schaal van 0 (grote zorgen) tot 10 (voldoende veilig) staan we op: "
              "{% if beraad.schaal %}{{ beraad.schaal }}{% else %}niet ingevuld{% endif %}.")
    scale = doc.add_table(rows=1, cols=11)
    for i, cell in enumerate(scale.rows[0].cells):
        cell.text = f"{{% cellbg schaal_kleuren[{i}] %}}{i}"
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    style_table(scale, [12] * 11, first_column=False, style="Table Grid", cell_widths=False)

    doc.add_paragraph("{%p if veiligheid %}")
    doc.add_heading("De veiligheidsschalen", level=1)
    lead(doc, "Per veiligheidsdoel, van 0 (groot gevaar) tot 10 (veilig genoeg om af te sluiten), tot en met dit "
              "beraad:")
    table(doc, ["Veiligheidsdoel", "Eerste score", "Nu", "Verloop"],
          ["{{ v.id }} – {{ v.doel }}", "{{ v.start }}", "{{ v.einde }}", "{{ v.verloop }}"], "v in veiligheid",
          [80, 30, 25, 35])
    picture(doc, "schalen")
    doc.add_paragraph("{%p endif %}")

    doc.add_heading("Afspraken", level=1)
    table(doc, ["Wie", "Wat", "Met wie", "Tegen wanneer"],
          ["{{ a.wie }}", "{{ a.wat }}", "{{ a.met_wie }}", "{{ a.tegen }}"], "a in acties", [38, 72, 30, 30])
    if_empty(doc, "acties", "Op dit beraad werden geen acties afgesproken.")

    doc.add_heading("Volgend netwerkberaad", level=1)
    doc.add_paragraph("{{ beraad.volgende }}")

    doc.add_heading("Het netwerk", level=1)
    lead(doc, "{{ netwerk_uitleg }}")
    picture(doc, "netwerk")
    save(doc, "verslag_netwerkberaad.docx", "Verslag netwerkberaad")


def evaluation_template() -> None:
    doc = document()
    doc.add_paragraph("Eindevaluatie", style="Title")
    doc.add_paragraph("{{ gezin }} – {{ periode }}", style="Subtitle")
    facts(doc, [("Dossier", "{{ dossiernummer }}"), ("Centrale persoon", "{{ centrale_persoon }}"),
                ("Begeleider", "{{ begeleider }} ({{ team }})"), ("Hulpvorm", "{{ hulpvorm }}"),
                ("Methode", "{{ methode }}"), ("Periode", "{{ periode }}")])
    doc.add_paragraph("{%p if reden %}")
    doc.add_heading("Reden van aanmelding", level=1)
    doc.add_paragraph("{{ reden }}")
    doc.add_paragraph("{%p endif %}")

    doc.add_heading("Het netwerk bij de start en op het einde", level=1)
    lead(doc, "Startmeting: {{ start_datum }}. Eindmeting: {{ einde_datum }}. "
              "Geteld: wie in de netwerkcirkels geplaatst is (vraag: hoe belangrijk?), zonder de centrale persoon.")
    table(doc, ["", "Start", "Einde", "Verschil"],
          ["{{ c.label }}", "{{ c.start }}", "{{ c.einde }}", "{{ c.verschil }}"], "c in cijfers", [70, 32, 32, 36],
          first_column=True)
    doc.add_heading("Wie kwam erbij, wie verdween, wie kwam dichterbij", level=2)
    table(doc, ["", "Aantal", "Wie"], ["{{ v.label }}", "{{ v.aantal }}", "{{ v.namen }}"], "v in veranderingen",
          [55, 18, 97], first_column=True)

    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    landscape.top_margin, landscape.bottom_margin = Mm(18), Mm(15)
    doc.add_heading("De netwerkcirkels bij de start en op het einde", level=1)
    picture(doc, "netwerk")

    portrait = doc.add_section(WD_SECTION.NEW_PAGE)
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = Mm(210), Mm(297)
    portrait.top_margin, portrait.bottom_margin = Mm(22), Mm(20)
    doc.add_heading("Genogram", level=1)
    picture(doc, "genogram")

    doc.add_heading("Netwerkberaden", level=1)
    lead(doc, "{{ beraden_samenvatting }}")
    table(doc, ["Beraad", "Datum", "Aanwezigen", "Informeel", "Schaal"],
          ["{{ b.id }}", "{{ b.datum }}", "{{ b.aanwezigen }}", "{{ b.informeel }}", "{{ b.schaal }}"],
          "b in beraden", [22, 52, 32, 32, 32])

    doc.add_heading("Acties", level=1)
    lead(doc, "{{ acties_samenvatting }}")
    table(doc, ["Wie", "Relatie", "Informeel of formeel", "Acties (niet vervallen)", "Gedaan"],
          ["{{ a.naam }}", "{{ a.relatie }}", "{{ a.soort }}", "{{ a.aantal }}", "{{ a.gedaan }}"],
          "a in acties_per_persoon", [50, 38, 38, 22, 22])

    doc.add_heading("Doelen", level=1)
    lead(doc, "{{ doelen_samenvatting }}")
    table(doc, ["Doel", "Domein", "Start", "Einde", "Bereikt", "Toelichting"],
          ["{{ d.doel }}", "{{ d.domein }}", "{{ d.start }}", "{{ d.einde }}", "{{ d.bereikt }}",
           "{{ d.toelichting }}"],
          "d in doelen", [40, 26, 16, 16, 21, 51])
    if_empty(doc, "doelen", "Er werden geen doelen vastgelegd.")

    doc.add_paragraph("{%p if veiligheid %}")
    doc.add_heading("Veiligheidsdoelen", level=1)
    lead(doc, "{{ veiligheid_samenvatting }} Waar elke schaal begon en eindigde (0 = groot gevaar, 10 = veilig "
              "genoeg om af te sluiten):")
    table(doc, ["Veiligheidsdoel", "Start", "Einde", "Verschil"],
          ["{{ v.id }} – {{ v.doel }}", "{{ v.start }}", "{{ v.einde }}", "{{ v.verschil }}"], "v in veiligheid",
          [92, 28, 28, 22])
    picture(doc, "schalen")
    doc.add_paragraph("{%p endif %}")

    doc.add_heading("Wie draagt wat na de hulp", level=1)
    table(doc, ["Naam", "Relatie", "Rol in het plan"], ["{{ d.naam }}", "{{ d.relatie }}", "{{ d.rol }}"],
          "d in dragers", [60, 55, 55])
    if_empty(doc, "dragers", "Niemand heeft (nog) een rol in het plan.")

    doc.add_heading("Conclusies", level=1)
    doc.add_paragraph("{% if conclusies %}{{ conclusies }}{% else %}Nog niet ingevuld.{% endif %}")
    save(doc, "eindevaluatie.docx", "Eindevaluatie")


def safety_plan_template() -> None:
    doc = document()
    doc.add_paragraph("Veiligheidsplan", style="Title")
    doc.add_paragraph("{{ gezin }} – versie {{ versie }} van {{ plan_datum }}", style="Subtitle")
    facts(doc, [("Voor", "{{ centrale_persoon }}"), ("Versie", "{{ versie }}, afgesproken op {{ plan_datum }}"),
                ("Dossier", "{{ dossiernummer }}"), ("Begeleider", "{{ begeleider }} ({{ team }})")])
    doc.add_paragraph("Dit plan maakten we samen: het gezin, de mensen rond het gezin en de hulpverlening. Het zegt "
                      "waarover we ons zorgen maken, wat we willen zien, en wie wat doet om ervoor te zorgen dat "
                      "{{ centrale_persoon }} veilig is. {{ vorige }}")

    doc.add_heading("Waarover we ons zorgen maken, en wat we willen zien", level=1)
    table(doc, ["Wie maakt zich zorgen, en waarover", "Wat kan er gebeuren als er niets verandert",
                "Wat iedereen zal zien als het veilig genoeg is", "Waar staan we (0–10)"],
          ["{{ d.bezorgd }}: {{ d.zorg }}", "{{ d.gevolg }}",
           "{{ d.doel }}{% if d.hoe_lang %} (hoe lang: {{ d.hoe_lang }}){% endif %}", "{{ d.schaal }}"],
          "d in doelen", [48, 40, 52, 30])
    if_empty(doc, "doelen", "Er staan geen open veiligheidsdoelen in dit plan.")

    doc.add_heading("Onze afspraken", level=1)
    lead(doc, "Wie doet wat, en wanneer. En als er een signaal is dat het niet goed gaat: wat er dan gebeurt.")
    table(doc, ["Afspraak", "Wie", "Wanneer", "Als dit gebeurt", "Dan", "Wie kijkt het na"],
          ["{{ a.afspraak }}", "{{ a.wie }}", "{{ a.wanneer }}", "{{ a.signaal }}", "{{ a.dan }}",
           "{{ a.controle }}"],
          "a in afspraken", [40, 28, 22, 28, 30, 22])

    doc.add_heading("Wie je belt", level=1)
    lead(doc, "Deze mensen hebben een rol in het plan. Hun telefoonnummer staat er alleen als ze ermee akkoord "
              "gingen dat het gezin en het netwerk hen bellen.")
    table(doc, ["Naam", "Rol in het plan", "Telefoon"], ["{{ n.naam }}", "{{ n.rol }}", "{{ n.telefoon }}"],
          "n in netwerk", [50, 82, 38])
    if_empty(doc, "netwerk", "Er staat nog niemand in het veiligheidsnetwerk.")

    doc.add_paragraph("{%p if kind %}")
    doc.add_heading("Wat het kind zelf zegt", level=1)
    lead(doc, "In de drie huizen, in zijn of haar eigen woorden.")
    table(doc, ["Wie", "Huis van de zorgen", "Huis van de goede dingen", "Huis van de dromen"],
          ["{{ k.naam }}", "{{ k.zorgen }}", "{{ k.goed }}", "{{ k.dromen }}"], "k in kind", [26, 48, 48, 48])
    doc.add_paragraph("{%p endif %}")

    doc.add_heading("Dit plan", level=1)
    doc.add_paragraph("Versie {{ versie }}, afgesproken op {{ plan_datum }}. Werkt een afspraak niet meer, of is er "
                      "iets veranderd? Zeg het aan iemand uit het plan: dan spreken we samen een nieuwe versie af.")
    save(doc, "veiligheidsplan.docx", "Veiligheidsplan")


if __name__ == "__main__":
    meeting_template()
    evaluation_template()
    safety_plan_template()
