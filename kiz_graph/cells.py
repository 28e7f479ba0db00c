"""Text in the spreadsheets kiz-graph writes (CSV and XLSX, from the command line and the web)
is never run as a formula, and reads back as it was.

Excel and LibreOffice run a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(…)`` links away, DDE formulas start programs); tab and CR can hide such a start.
Every spreadsheet download writes its text through :func:`csv_text` or :func:`sheet_row`, and
the import reads every cell through :func:`read_text`:

- CSV: such text gets an apostrophe before it (``'=1+1``): no spreadsheet runs that (it may show).
- XLSX: such text is a text cell (never a formula) in the number format "Text", so that it
  stays text even when someone edits it in Excel. It gets no apostrophe: a text cell is safe
  as it is, and a phone number ``+49 2303 27-1234`` should read as one.
- Reading strips one apostrophe when what follows would need one. So that a text that itself
  begins with an apostrophe and a formula sign (``'=x``) reads back the same, it is written
  with one more in both formats (``''=x``): the one rule of reading then fits CSV and XLSX,
  also a CSV that was opened and saved as a workbook.

Numbers are no text: they stay numbers (``-0,5`` in a CSV is a number, not a formula).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def needs_quote(text: str) -> bool:
    """Whether a text would run as a formula, also after the apostrophes reading strips."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def csv_text(value) -> str:
    """A CSV cell that a spreadsheet shows as text: ``'`` before a formula sign."""
    text = "" if value is None else str(value)
    return "'" + text if needs_quote(text) else text


def read_text(text: str) -> str:
    """A cell as written before :func:`csv_text` or :func:`sheet_row` quoted it."""
    return text[1:] if text.startswith("'") and needs_quote(text[1:]) else text


def sheet_row(sheet, values: list) -> list:
    """Values for ``sheet.append`` (a write-only or an ordinary openpyxl sheet): a text that
    would run as a formula becomes a text cell; an apostrophe is added only where the text
    begins with one (see above)."""
    return [_sheet_cell(sheet, value) if isinstance(value, str) and needs_quote(value) else value
            for value in values]


def _sheet_cell(sheet, text: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=csv_text(text) if text.startswith("'") else text)
    cell.data_type = "s"  # openpyxl takes text beginning with "=" for a formula
    cell.number_format = "@"
    return cell
