"""The reports as an Excel workbook (openpyxl): one sheet per section, German headings in
bold, numbers as numbers, text never a formula (``kiz_graph.cells``), and openpyxl's native
charts beside the tables that ask for one."""

from __future__ import annotations

import io

from kiz_graph.cells import sheet_row
from kiz_graph.reports.documents import Section, Table


def render(title: str, sections: list[Section]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    for section in sections:
        sheet = book.create_sheet(section.title[:31])
        row = 1
        for line in section.text:
            sheet.cell(row, 1, line)
            row += 1
        row += bool(section.text)
        for table in section.tables:
            row = _table(sheet, table, row) + 1
        _widths(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(sheet, table: Table, first: int) -> int:
    """Writes the table from row ``first`` (headings there), returns the row after it."""
    from openpyxl.styles import Font

    for column, heading in enumerate(table.headings, start=1):
        sheet.cell(first, column, heading).font = Font(bold=True)
    for offset, values in enumerate(table.rows, start=1):
        for column, value in enumerate(sheet_row(sheet, list(values)), start=1):
            cell = sheet.cell(first + offset, column)
            cell.value = getattr(value, "value", value)
            if hasattr(value, "number_format"):  # text that would read as a formula stays text
                cell.data_type, cell.number_format = "s", "@"
    last = first + len(table.rows)
    if table.chart and table.rows:
        _chart(sheet, table, first, last)
    return last + 1


def _chart(sheet, table: Table, first: int, last: int) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference

    numeric = [i for i in range(1, len(table.headings))
               if all(isinstance(row[i], (int, float)) for row in table.rows)]
    if not numeric:
        return
    chart = LineChart() if table.chart == "line" else BarChart()
    if table.chart == "bar":
        chart.type = "bar"  # horizontal: long German labels stay readable
    chart.title = table.caption or None
    chart.height, chart.width = max(7.5, 0.6 * len(table.rows)), 18
    for index in numeric:
        chart.add_data(Reference(sheet, min_col=index + 1, min_row=first, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=last))
    sheet.add_chart(chart, f"{_letter(len(table.headings) + 2)}{first}")


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _widths(sheet) -> None:
    for column in sheet.iter_cols():
        width = max((len(str(cell.value)) for cell in column if cell.value is not None and cell.row > 0), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
