"""Write werkboek/templates/jaarcijfers.docx, the Word template of the yearly report.

Usage: .venv/bin/python scripts/make_jaarcijfers_template.py
A4 with the house styles of the case reports (scripts/make_templates.py), so the charts
(16 cm) fit the text width. A beheerder may restyle the result in Word (fonts, logo, colours) as
long as the {{ ... }} and {% ... %} tags stay; `werkboek.yearly_report.VARIABLES` lists every
variable it may use.
"""

from __future__ import annotations

from make_templates import a4_document, picture, save, style_table


def main() -> None:
    doc = a4_document()
    doc.add_heading("Jaarcijfers netwerkgericht werken – {{ periode }}", level=0)
    doc.add_paragraph("Gemaakt op {{ gemaakt_op }}. Zonder namen, contactgegevens of vrije tekst.")
    doc.add_paragraph("{{ bestanden }}")

    doc.add_heading("Kerncijfers", level=1)
    table = doc.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Kerncijfer", "{{ kolom_waarde }}"
    table.cell(1, 0).text = "{%tr for k in kerncijfers %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ k.label }}", "{{ k.waarde }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    style_table(table, [120, 35], first_column=False, style="Light List Accent 1")
    doc.add_paragraph("{{ verborgen }}").runs[0].italic = True

    doc.add_heading("Grafieken", level=1)
    for name in ("grafiek_netwerk", "grafiek_informeel", "grafiek_acties"):
        picture(doc, name)
    doc.add_paragraph("{{ grafieken_uitleg }}").runs[0].italic = True

    doc.add_heading("Over deze cijfers", level=1)
    doc.add_paragraph("{{ afbakening }}")
    doc.add_paragraph("{{ pseudoniemen }}")
    doc.add_paragraph("Alle cijfers en de tabellen per team, hulpvorm, methode en centrale persoon staan in de "
                      "werkmap met de jaarcijfers.")
    save(doc, "jaarcijfers.docx", "Jaarcijfers")


if __name__ == "__main__":
    main()
