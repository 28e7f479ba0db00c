"""The exchange format on disk (``../shared/domain/import-format.md``): reading and writing.

Reading follows the format's reading rules: a folder of CSV files, single CSV files, or
one ``.xlsx`` workbook with a sheet per file; English or German file names and headers
(case and surrounding spaces do not matter); ``,`` or ``;`` (detected), an optional first
line ``sep=;``, UTF-8 with or without BOM, cp1252 read with a warning. Values stay raw
text here; ``kiz_graph.records.schema.clean`` types and checks them.

Writing produces the same format: English headers, ``;`` and a UTF-8 BOM (German Excel
opens it as it is), ISO dates, ``|`` between list items.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from kiz_graph.errors import Problem
from kiz_graph.records.schema import KINDS, RecordKind


@dataclass
class Loaded:
    """What the files hold: raw records per kind, with their file lines and file names."""

    records: dict[str, list[dict]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # kind: English column -> header as in the file
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def header_of(self, kind: str, column: str) -> str:
        """The column's header as the file spells it (for messages)."""
        return self.columns.get(kind, {}).get(column, column)


def kind_for_file(name: str) -> str | None:
    """The record kind of a file or sheet name, English or German (``personen.csv``)."""
    stem = name.strip().casefold().removesuffix(".csv")
    for kind in KINDS.values():
        if stem in (kind.name, kind.german_file):
            return kind.name
    return None


def read_paths(paths: list[Path]) -> Loaded:
    """Read exchange files: folders of CSV files, CSV files, or one workbook."""
    loaded = Loaded()
    for path in paths:
        if path.is_dir():
            for entry in sorted(path.iterdir()):
                if entry.suffix.casefold() == ".csv":
                    _read_csv_file(entry, loaded)
                elif entry.suffix.casefold() == ".xlsx":
                    _read_workbook(entry, loaded)
        elif path.suffix.casefold() == ".xlsx":
            _read_workbook(path, loaded)
        elif path.exists():
            _read_csv_file(path, loaded)
        else:
            loaded.problems.append(Problem("", "Datei oder Ordner nicht gefunden", source=str(path)))
    if not loaded.records and not loaded.problems:
        loaded.problems.append(Problem("", "keine Datei des Austauschformats gefunden", source=", ".join(map(str, paths))))
    return loaded


def _read_csv_file(path: Path, loaded: Loaded) -> None:
    kind = kind_for_file(path.name)
    if kind is None:
        loaded.warnings.append(f"{path.name}: keine Datei des Austauschformats, übersprungen")
        return
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            loaded.problems.append(Problem("", f"weder UTF-8 noch Windows-1252 (Byte {data[exc.start]:#04x} an Stelle "
                                               f"{exc.start + 1}): bitte als „CSV UTF-8“ speichern", source=path.name))
            return
        loaded.warnings.append(f"{path.name}: nicht UTF-8, als Windows-1252 (cp1252) gelesen")
    try:
        rows, first_line = _csv_rows(text)
    except csv.Error as exc:  # e.g. a cell longer than the csv module's limit
        loaded.problems.append(Problem("", f"keine lesbare CSV-Datei ({exc})", source=path.name))
        return
    _take_rows(kind, path.name, rows, first_line, loaded)


def _csv_rows(text: str) -> tuple[list[tuple[int, list[str]]], int]:
    """The rows of a CSV text with their first line numbers, and the header's line."""
    lines = text.splitlines(keepends=True)
    offset = 0
    delimiter = None
    if lines and lines[0].strip().casefold().startswith("sep=") and len(lines[0].strip()) >= 5:
        delimiter = lines[0].strip()[4]
        offset = 1
    body = "".join(lines[offset:])
    if delimiter is None:
        header = lines[offset] if len(lines) > offset else ""
        delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows, previous = [], 0
    for cells in reader:
        rows.append((offset + previous + 1, cells))
        previous = reader.line_num
    return rows, offset + 1


def _read_workbook(path: Path, loaded: Loaded) -> None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        loaded.problems.append(Problem("", f"keine lesbare Excel-Arbeitsmappe ({exc})", source=path.name))
        return
    try:
        for sheet in workbook.worksheets:
            kind = kind_for_file(sheet.title)
            if kind is None:
                loaded.warnings.append(f"{path.name}: Blatt „{sheet.title}“ gehört nicht zum Austauschformat, übersprungen")
                continue
            rows = [(number, [_cell_text(value) for value in values])
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
            _take_rows(kind, f"{path.name}[{sheet.title}]", rows, 1, loaded)
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV would hold (dates ISO, 12.0 as 12)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _take_rows(kind_name: str, source: str, rows: list[tuple[int, list[str]]], header_line: int, loaded: Loaded) -> None:
    if kind_name in loaded.records:
        loaded.problems.append(Problem("", f"zweite Datei für {kind_name} (schon gelesen: {loaded.sources[kind_name]})", source=source))
        return
    kind = KINDS[kind_name]
    rows = [(line, cells) for line, cells in rows if any(cell.strip() for cell in cells)]
    if not rows:
        loaded.problems.append(Problem("", "die Datei ist leer", source=source))
        return
    header_number, header = rows[0]
    positions: dict[int, str] = {}
    columns: dict[str, str] = {}
    for position, cell in enumerate(header):
        name = _column_for_header(kind, cell)
        if name is None:
            if cell.strip():
                loaded.problems.append(Problem(cell.strip(), "unbekannte Spalte", header_number, source))
            continue
        if name in columns:
            loaded.problems.append(Problem(cell.strip(), f"Spalte doppelt (wie {columns[name]})", header_number, source))
            continue
        positions[position] = name
        columns[name] = cell.strip()
    for column in kind.columns:
        if column.required and column.name not in columns:
            loaded.problems.append(Problem(column.name, "Pflichtspalte fehlt", header_number, source))
    records, lines = [], []
    for line, cells in rows[1:]:
        record = {name: cells[position] if position < len(cells) else "" for position, name in positions.items()}
        extra = [cell for cell in cells[len(header):] if cell.strip()]
        if extra:
            loaded.problems.append(Problem("", f"mehr Werte als Spalten ({len(cells)} statt {len(header)})", line, source))
        records.append(record)
        lines.append(line)
    loaded.records[kind_name] = records
    loaded.lines[kind_name] = lines
    loaded.sources[kind_name] = source
    loaded.columns[kind_name] = columns


def _column_for_header(kind: RecordKind, header: str) -> str | None:
    wanted = " ".join(header.split()).casefold()
    for column in kind.columns:
        if wanted in (column.name.casefold(), column.german.casefold()):
            return column.name
    return None


# --- writing ----------------------------------------------------------------------------

def cell(value) -> str:
    """A typed value as exchange-format text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "|".join(str(item) for item in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write_csv_folder(folder: Path, records: dict[str, list[dict]]) -> list[Path]:
    """One CSV file per kind, in load order; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind_name, rows in records.items():
        path = folder / f"{kind_name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
            columns = KINDS[kind_name].column_names
            writer.writerow(columns)
            writer.writerows([cell(row.get(column)) for column in columns] for row in rows)
        written.append(path)
    return written


def write_workbook(path: Path, records: dict[str, list[dict]]) -> Path:
    """One workbook with a sheet per kind."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for kind_name, rows in records.items():
        sheet = workbook.create_sheet(kind_name)
        columns = KINDS[kind_name].column_names
        sheet.append(list(columns))
        for row in rows:
            sheet.append([cell(row.get(column)) for column in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
