"""The evaluation export as files: a ZIP of CSV files or one Excel workbook, each with its
codebook (every column of every table: meaning, type, unit, source) and a short LIESMICH.

CSV for statistics software (R, SPSS, Stata, pandas): UTF-8 *without* BOM, ``,`` between
cells, ``.`` as decimal point, ISO dates, a header row of ASCII snake_case names, empty for a
missing value. A BOM would become part of the first column's name in R's ``read.csv`` and in
pandas unless the reader is told; Excel users take the workbook, which needs no encoding.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from kiz_graph.cells import csv_text, sheet_row
from kiz_graph.reports.evaluation import NONE, TEXT, Column, Table, layout

CODEBOOK = "codebuch"
CODEBOOK_COLUMNS = (
    Column("table", "Tabelle (Datei ohne .csv bzw. Blatt der Arbeitsmappe)", TEXT, NONE, "Export"),
    Column("column", "Spaltenname", TEXT, NONE, "Export"),
    Column("meaning", "Bedeutung der Spalte", TEXT, NONE, "Export"),
    Column("type", "Datentyp: Text, Ganzzahl, Dezimalzahl oder Datum (JJJJ-MM-TT)", TEXT, NONE, "Export"),
    Column("unit", "Einheit (Anzahl, Vollzeitäquivalente, Kalenderjahr; – ohne)", TEXT, NONE, "Export"),
    Column("source", "Herkunft im Graphen (Knoten, Beziehungen, Eigenschaften) bzw. in der Prüfung", TEXT, NONE,
           "Export"),
)
CODEBOOK_TITLE = "Codebuch: jede Spalte jeder Tabelle"
FORMATS = {"zip": "application/zip",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def codebook(tables: list[Table]) -> Table:
    """The codebook as a table of its own, describing itself too."""
    described = [*tables, Table(CODEBOOK, CODEBOOK_TITLE, CODEBOOK_COLUMNS)]
    rows = tuple((table.name, column.name, column.meaning, column.type, column.unit, column.source)
                 for table in described for column in table.columns)
    return Table(CODEBOOK, CODEBOOK_TITLE, CODEBOOK_COLUMNS, rows)


def readme(tables: list[Table], first: int, last: int, made: dt.date) -> list[str]:
    """The LIESMICH: what the export is, how its files are written, and its tables."""
    return [
        "Daten für die externe Evaluation der Kommunalen Integrationszentren NRW (kiz-graph)",
        f"Jahre {first} bis {last}, erstellt am {made:%d.%m.%Y}.",
        "",
        "Nur Anzahlen je Zentrum und Jahr: keine Personen, keine Kontaktdaten, keine Namen von Organisationen.",
        "Bestände zählen am Stichtag (31.12., im laufenden Jahr der Tag des Exports), Zu- und Abgänge im Jahr",
        "bis zum Stichtag. Eine Kooperation ist am Tag aktiv, wenn sie begonnen hat und nicht vor ihm endete.",
        "Die Prüfergebnisse nennen je Zeile das Regelwerk, das am Stichtag galt (Regelkennungen verschiedener",
        "Regelwerke sind nicht dieselben Regeln): 'pruefung' im Langformat, 'pruefung_summen' als Anzahlen.",
        "",
        "CSV: UTF-8 ohne BOM, Komma als Trennzeichen, Punkt als Dezimalzeichen, Datum JJJJ-MM-TT,",
        "erste Zeile Spaltennamen; in R: read.csv(\"kooperationen.csv\", encoding = \"UTF-8\").",
        "Die Bedeutung jeder Spalte steht im Codebuch (codebuch.csv bzw. Blatt 'codebuch').",
        "",
        "Tabellen:",
        *[f"  {table.name}: {table.title}" for table in tables],
        f"  {CODEBOOK}: {CODEBOOK_TITLE}",
    ]


def write(tables: list[Table], fmt: str, first: int, last: int, made: dt.date | None = None) -> bytes:
    """The export in ``fmt`` (``zip`` or ``xlsx``)."""
    made = made or dt.date.today()
    every = [*tables, codebook(tables)]
    return (zip_bytes if fmt == "zip" else xlsx_bytes)(every, readme(tables, first, last, made))


def zip_bytes(tables: list[Table], readme_lines: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LIESMICH.txt", "\n".join(readme_lines) + "\n")
        for table in tables:
            archive.writestr(f"{table.name}.csv", csv_bytes(table))
    return out.getvalue()


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.column_names)
    writer.writerows([csv_text(value) if isinstance(value, str) else value for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(tables: list[Table], readme_lines: list[str]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("liesmich")
    for line in readme_lines:
        sheet.append(sheet_row(sheet, [line]))
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(table.column_names))
        for row in table.rows:
            sheet.append(sheet_row(sheet, list(row)))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def filename(first: int, last: int, fmt: str) -> str:
    return f"kiz-evaluation-{first}-{last}.{fmt}"


def codebook_markdown() -> str:
    """The columns of every table as Markdown, for ``docs/evaluation-export.md``."""
    tables = [Table(name, title, columns) for name, (title, columns) in layout().items()]
    lines = []
    for table in [*tables, Table(CODEBOOK, CODEBOOK_TITLE, CODEBOOK_COLUMNS)]:
        lines += [f"### `{table.name}`", "", table.title, "", "| column | meaning | type | unit | source |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.meaning} | {c.type} | {c.unit} | {c.source.replace('|', '/')} |"
                  for c in table.columns]
        lines.append("")
    return "\n".join(lines)
