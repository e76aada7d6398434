"""Write werkboek/templates/jaarcijfers.docx, the Word template of the yearly report.

Usage: .venv/bin/python scripts/make_jaarcijfers_template.py
A beheerder may restyle the result in Word (fonts, logo, colours) as long as the {{ ... }} and
{% ... %} tags stay; `werkboek.yearly_report.VARIABLES` lists every variable it may use.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "werkboek" / "templates" / "jaarcijfers.docx"


def main() -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    doc.add_heading("Jaarcijfers netwerkgericht werken – {{ periode }}", level=0)
    doc.add_paragraph("Gemaakt op {{ gemaakt_op }}. Zonder namen, contactgegevens of vrije tekst.")
    doc.add_paragraph("{{ bestanden }}")

    doc.add_heading("Kerncijfers", level=1)
    table = doc.add_table(rows=4, cols=2)
    table.style = "Light List Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.cell(0, 0).text, table.cell(0, 1).text = "Kerncijfer", "{{ kolom_waarde }}"
    table.cell(1, 0).text = "{%tr for k in kerncijfers %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ k.label }}", "{{ k.waarde }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    table.autofit = False
    for column, width in zip(table.columns, (Cm(12), Cm(3.5)), strict=True):
        column.width = width  # the grid, for LibreOffice
        for cell in column.cells:
            cell.width = width  # the cells, for Word
    doc.add_paragraph("{{ verborgen }}").runs[0].italic = True

    doc.add_heading("Grafieken", level=1)
    for name in ("grafiek_netwerk", "grafiek_informeel", "grafiek_acties"):
        doc.add_paragraph(f"{{%p if {name} %}}")
        doc.add_paragraph(f"{{{{ {name} }}}}")
        doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ grafieken_uitleg }}").runs[0].italic = True

    doc.add_heading("Over deze cijfers", level=1)
    doc.add_paragraph("{{ afbakening }}")
    doc.add_paragraph("{{ pseudoniemen }}")
    doc.add_paragraph("Alle cijfers, de tabellen per team, hulpvorm, methode en centrale persoon, de cijfers per dossier en "
                      "de lijst van werkmappen die niet meetelden staan in de werkmap met de jaarcijfers.")
    props = doc.core_properties
    props.author = props.last_modified_by = "werkboek"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT))
    print(f"geschreven: {OUT}")


if __name__ == "__main__":
    main()
