"""The statewide overview's check matrix and indicators as tables to download: German CSV for
Excel (UTF-8 with BOM, ``;``, decimal comma) and an Excel workbook.

The rows are those the page shows for the same day, Regierungsbezirk and sort order: centres
by name and German column headers, never ids. Text that a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@`` …) is kept as text by ``kiz_graph.cells``, as in every download:
in CSV with an apostrophe before it, in the workbook as a text cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from kiz_graph import german, statewide
from kiz_graph.cells import csv_text, sheet_row
from kiz_graph.check.requirement import STATUS_DE, CentreReport, Report
from kiz_graph.records.vocabulary import type_name
from kiz_graph.store.db import Database

__all__ = ["TABLES", "Table", "csv_bytes", "indicator_table", "matrix_table", "table", "xlsx_bytes"]

# The indicator columns after the partner types, as the page heads them.
INDICATOR_HEADERS = {
    "active_cooperations": "Aktive Kooperationen",
    "core_fields": "Kern-Handlungsfelder (von 3)",
    "stages": "Bildungsstufen (von 6)",
    "stale_contacts": "Veraltete Kontakte",
}


@dataclass(frozen=True)
class Table:
    title: str  # what the table is, with its day: the sheet's name
    name: str  # the file name without extension
    headers: list[str]
    rows: list[list]  # text, whole numbers or decimals


def matrix_table(report: Report, centres: list[CentreReport]) -> Table:
    """The check matrix: one row per centre (in the given order), one column per rule with its
    outcome in words, and the number of open Pflicht gaps."""
    rules = report.rule_set.rules
    headers = ["Zentrum", "Regierungsbezirk"] + [f"{rule.id} ({rule.severity})" for rule in rules] + ["Pflicht-Lücken"]
    rows = [[c.name, c.district] + [STATUS_DE.get(f.outcome.status, f.outcome.status) for f in c.findings]
            + [len(c.open_pflicht_gaps())] for c in centres]
    return Table(f"Prüfmatrix {german.date(report.as_of)}", f"pruefmatrix-{report.as_of.isoformat()}", headers, rows)


def indicator_table(day: dt.date, rows: list[dict], medians: dict) -> Table:
    """The indicators: the statewide median first, then one row per centre (in the given order)."""
    types = statewide.KEY_PARTNER_TYPES
    headers = ["Zentrum", "Regierungsbezirk"] + [type_name(t) for t in types] + list(INDICATOR_HEADERS.values())
    median = ["Landesweiter Median", ""] + [medians["partners"].get(t, 0) for t in types]
    result = [median + [medians[key] for key in INDICATOR_HEADERS]]
    for row in rows:
        result.append([row["name"], row["district"]] + [row["partners"].get(t, 0) for t in types]
                      + [row[key] for key in INDICATOR_HEADERS])
    return Table(f"Kennzahlen {german.date(day)}", f"kennzahlen-{day.isoformat()}", headers, result)


def _matrix(db: Database, day: dt.date, centres: list[CentreReport], report: Report) -> Table:
    return matrix_table(report, centres)


def _indicators(db: Database, day: dt.date, centres: list[CentreReport], report: Report) -> Table:
    rows = statewide.state_indicators(db, day)
    by_centre = {row["centre"]: row for row in rows}
    return indicator_table(day, [by_centre[c.id] for c in centres if c.id in by_centre], statewide.medians(rows))


# The tables to download, by the name in their address.
TABLES = {"matrix": _matrix, "kennzahlen": _indicators}


def table(db: Database, name: str, day: dt.date, *, district: str | None = None, sort: str = "name",
          descending: bool = False) -> Table:
    """The table ``name`` (a key of :data:`TABLES`) as the overview shows it for the day, the
    Regierungsbezirk and the sort (unknown ones: all, by name)."""
    report = statewide.state_report(db, day)
    centres = statewide.matrix(report, district=district, sort=sort, descending=descending)
    return TABLES[name](db, day, centres, report)


# Files ---------------------------------------------------------------------------------------

def _csv_cell(value) -> str:
    return german.number(value) if isinstance(value, (int, float)) else csv_text(value)


def csv_bytes(table: Table) -> bytes:
    """German CSV for Excel: UTF-8 with BOM, ``;`` between cells, decimal comma, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in table.headers])
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(table: Table) -> bytes:
    """An Excel workbook with one sheet: bold headers, frozen first row and column, numbers as
    numbers, and text as text even where it starts with ``=`` (never a formula)."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    for row in [table.headers] + table.rows:
        sheet.append(sheet_row(sheet, row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=1, max_row=1):
        letter = column[0].column_letter
        width = max(len(str(cell.value or "")) for cell in sheet[letter])
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "B2"
    book.properties.title = table.title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
