"""The reports as PDF (fpdf2): a title, then each section's lines, tables and charts.

Text is set in DejaVu Sans, the TrueType font matplotlib ships, embedded as a subset: names
with umlauts, ß, dashes and any other Unicode letters print as written (the PDF core fonts
know only Latin-1).
"""

from __future__ import annotations

import io
from pathlib import Path

from kiz_graph import german
from kiz_graph.reports.documents import Section, Table

FONT = "DejaVu"


def _font_folder() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _cell(value) -> str:
    return german.number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def render(title: str, subtitle: str, sections: list[Section], charts: dict[str, list[bytes]],
           *, landscape: bool = False) -> bytes:
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.cell(0, 8, f"{title} – {subtitle} – Seite {self.page_no()}", align="C")

    pdf = Document(orientation="L" if landscape else "P", format="A4")
    pdf.set_title(f"{title} – {subtitle}")
    pdf.set_creator("kiz-graph")
    folder = _font_folder()
    pdf.add_font(FONT, "", str(folder / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(folder / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 7, subtitle, new_x="LMARGIN", new_y="NEXT")
    for index, section in enumerate(sections):
        if index:
            pdf.add_page()
        _section(pdf, section, charts.get(section.title, []))
    return bytes(pdf.output())


def _section(pdf, section: Section, pictures: list[bytes]) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    for line in section.text:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    for table in section.tables:
        _table(pdf, table)
    for picture in pictures:
        pdf.ln(2)
        width = min(pdf.epw, 170)
        pdf.image(io.BytesIO(picture), w=width, x=pdf.l_margin + (pdf.epw - width) / 2)


def _table(pdf, table: Table) -> None:
    pdf.ln(2)
    if table.caption:
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 6, table.caption, new_x="LMARGIN", new_y="NEXT")
    if not table.rows:
        pdf.set_font(FONT, size=9)
        pdf.multi_cell(0, 5, "Keine Einträge.", new_x="LMARGIN", new_y="NEXT")
        return
    wide = len(table.headings) > 6
    pdf.set_font(FONT, size=6 if wide else 8)
    # Each column as wide as its longest cell (a heading counts as two words' worth), within limits.
    widths = [max(min(max(len(_cell(row[i])) for row in table.rows), 45), min(len(str(h)), 16), 5)
              for i, h in enumerate(table.headings)]
    numeric = [all(isinstance(row[i], (int, float)) for row in table.rows if row[i] != "")
               for i in range(len(table.headings))]
    align = ["RIGHT" if n else "LEFT" for n in numeric]
    with pdf.table(col_widths=widths, text_align=align, line_height=pdf.font_size * 1.5,
                   headings_style=_headings_style()) as rendered:
        rendered.row([str(h) for h in table.headings])
        for values in table.rows:
            rendered.row([_cell(v) for v in values], style=_total_style() if values[0] in TOTALS else None)


#: The first cell of a row that sums up the rows above it: set in bold.
TOTALS = ("Zusammen", "Median")


def _headings_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(225, 232, 240))


def _total_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD")
