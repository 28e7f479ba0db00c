"""The exchange format on disk (``../shared/domain/import-format.md``): reading and writing.

Reading follows the format's reading rules, for files people write by hand: folders, CSV or
tab-separated ``.txt`` files, ``.xlsx`` workbooks (a sheet per file). A file or sheet is known
by its name (English, German, or words people use: ``Ansprechpersonen``), else by its header
row, which may stand below title rows; headers are English, German or common synonyms, folded
(``fold``). Delimiter, encoding (UTF-8, UTF-16, cp1252 with a warning) and header row are
detected; ``mapping`` overrides what is detected. A source is a file's bare name
(``Partner.csv``) or ``Mappe.xlsx[Blatt]``; no message names a folder. Values stay raw text:
``kiz_graph.records.schema.clean`` types and checks them.

Writing produces the strict format: English headers, ``;`` and a UTF-8 BOM (German Excel
opens it as it is), ISO dates, ``|`` between list items. Text that a spreadsheet would run as a
formula (``=…``, ``+…``) is written as text and read back as it was (``kiz_graph.cells``).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from kiz_graph.cells import csv_text, read_text, sheet_row
from kiz_graph.errors import Problem
from kiz_graph.exchange import workbooks
from kiz_graph.exchange.headings import (COMMON_HEADERS, DOCUMENTATION, HEADER_SEARCH, KIND_HEADERS, KIND_WORDS,
                                         LEFT_OUT, NAME_PARTS, NOT_REQUIRED_IN_FILES, TEXT_SUFFIXES,
                                         UNREADABLE_SUFFIXES, fold)
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
    ignored: list[str] = field(default_factory=list)  # sources read as no kind (the user must acknowledge them)
    # source: {"kind": kind or None, "header_line": line, "columns": [[header, English column or None], ...]}
    mappings: dict[str, dict] = field(default_factory=dict)

    def header_of(self, kind: str, column: str) -> str:
        """The column's header as the file spells it (for messages); a column the file does not
        have is named in the file's language (German unless every heading is English)."""
        headers = self.columns.get(kind, {})
        if column in headers:
            return headers[column]
        if kind in KINDS and column in KINDS[kind].column_names and _german(headers):
            return KINDS[kind].column(column).german
        return column


# --- names of files, sheets and columns -------------------------------------------------

def _header_table(kind: RecordKind) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in kind.columns:
        table.setdefault(fold(column.name), column.name)
        table.setdefault(fold(column.german), column.name)
    for name, spellings in KIND_HEADERS.get(kind.name, {}).items():
        table.update({fold(spelling): name for spelling in spellings if fold(spelling) not in table})
    for name, spellings in COMMON_HEADERS.items():
        if name in kind.column_names:
            table.update({fold(spelling): name for spelling in spellings if fold(spelling) not in table})
    return table


HEADERS = {name: _header_table(kind) for name, kind in KINDS.items()}
FILE_NAMES = {fold(word): name for name, kind in KINDS.items()
              for word in (kind.name, kind.german_file, *KIND_WORDS[name])}


def kind_for_file(name: str) -> str | None:
    """The record kind of a file or sheet name: English, German or a word people use (``Ansprechpersonen.csv``)."""
    return FILE_NAMES.get(fold(_stem(name)))


def _stem(name: str) -> str:
    return name.strip().rsplit(".", 1)[0] if name.strip().casefold().endswith(TEXT_SUFFIXES) else name


def column_for_header(kind_name: str, header: str) -> str | None:
    """The English column a header names in a file of this kind (or a part of a person's name)."""
    return HEADERS[kind_name].get(fold(header))


def allowed_columns(kind_name: str) -> tuple[str, ...]:
    """What a header of this kind may be mapped to."""
    return KINDS[kind_name].column_names + (NAME_PARTS if kind_name == "persons" else ())


def kind_label(kind_name: str) -> str:
    return KIND_WORDS[kind_name][0]


# --- reading ----------------------------------------------------------------------------

Rows = list[tuple[int, list[str]]]  # (file line, cells)


@dataclass
class Table:
    """One text file or sheet, before it is known what it holds."""

    source: str  # ``Partner.csv`` or ``Mappe.xlsx[Blatt]``
    name: str  # what names its kind: the file or sheet name
    rows: Rows
    delimiter: str = ""  # for a text file


def read_paths(paths: list[Path], *, mapping: dict[str, dict] | None = None) -> Loaded:
    """Read exchange files: folders of CSV files, CSV files, or workbooks.

    ``mapping``: per source, ``{"kind": kind or "" (read nothing), "columns": {header: English
    column or "" (leave out)}, "header_line": line}``, each optional; it overrides what is detected.
    """
    loaded, mapping = Loaded(), mapping or {}
    seen: list[str] = []
    for path in paths:
        for table in _tables(path, loaded):
            seen.append(table.source)
            _take_table(table, mapping.get(table.source, {}), loaded)
    for source in sorted(set(mapping) - set(seen)):
        loaded.warnings.append(f"Zuordnung für „{source}“: keine solche Datei und kein solches Blatt")
    if not loaded.records and not loaded.problems:
        names = ", ".join(seen or [path.name for path in paths])
        loaded.problems.append(Problem("", "keine Datei des Austauschformats gefunden", source=names))
    return loaded


def _tables(path: Path, loaded: Loaded) -> list[Table]:
    if path.is_dir():  # not dot files (the web app's own) nor the lock files of Excel and LibreOffice
        return [table for entry in sorted(path.iterdir()) if entry.is_file() and not entry.name.startswith((".", "~$"))
                for table in _file_tables(entry, loaded, in_folder=True)]
    if path.exists():
        return _file_tables(path, loaded, in_folder=False)
    loaded.problems.append(Problem("", "Datei oder Ordner nicht gefunden", source=path.name))
    return []


def _file_tables(path: Path, loaded: Loaded, *, in_folder: bool) -> list[Table]:
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        return _workbook_tables(path, loaded)
    if suffix in UNREADABLE_SUFFIXES:
        loaded.problems.append(Problem("", f"das Format {suffix} kann nicht gelesen werden: bitte als "
                                           "Excel-Arbeitsmappe (.xlsx) oder als CSV speichern", source=path.name))
        return []
    if in_folder and suffix not in TEXT_SUFFIXES:
        loaded.ignored.append(path.name)
        loaded.warnings.append(f"{path.name}: keine Tabelle (.csv, .txt oder .xlsx), wird nicht eingelesen")
        return []
    table = _text_table(path, loaded)
    return [table] if table else []


def _text_table(path: Path, loaded: Loaded) -> Table | None:
    try:
        text = _decode(path.name, path.read_bytes(), loaded)
        return Table(path.name, path.name, *_split(text)) if text is not None else None
    except OSError as exc:
        loaded.problems.append(Problem("", f"nicht lesbar ({exc.strerror})", source=path.name))
    except csv.Error as exc:  # e.g. a cell longer than the csv module's limit
        loaded.problems.append(Problem("", f"keine lesbare CSV-Datei ({exc})", source=path.name))
    return None


def _decode(name: str, data: bytes, loaded: Loaded) -> str | None:
    """The text of a file: UTF-16 (with a BOM, or found by its NUL bytes), UTF-8, else cp1252 with a warning."""
    encoding = _utf16(data)
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        if encoding:
            loaded.problems.append(Problem("", f"keine lesbare UTF-16-Datei ({exc.reason})", source=name))
            return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        loaded.problems.append(Problem("", f"weder UTF-8 noch Windows-1252 (Byte {data[exc.start]:#04x} an Stelle "
                                           f"{exc.start + 1}): bitte als „CSV UTF-8“ speichern", source=name))
        return None
    loaded.warnings.append(f"{name}: nicht UTF-8, als Windows-1252 (cp1252) gelesen")
    return text


def _utf16(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if b"\x00" not in sample:
        return None
    return "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"


def _split(text: str) -> tuple[Rows, str]:
    """The rows of a delimited text with their first line numbers, and the delimiter."""
    lines = text.splitlines(keepends=True)
    offset, delimiter = 0, ""
    if lines and lines[0].strip().casefold().startswith("sep=") and len(lines[0].strip()) >= 5:
        delimiter, offset = lines[0].strip()[4], 1
    delimiter = delimiter or _delimiter("".join(lines[offset:offset + 3 * HEADER_SEARCH]))
    reader = csv.reader(io.StringIO("".join(lines[offset:]), newline=""), delimiter=delimiter)
    rows, previous = [], 0
    for cells in reader:
        rows.append((offset + previous + 1, [read_text(text) for text in cells]))
        previous = reader.line_num
    return rows, delimiter


def _delimiter(sample: str) -> str:
    """``;``, TAB or ``,``: the one that splits the first lines into the best header row (most
    columns known), else into the most cells."""
    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = [cells for cells in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)]
        except csv.Error:
            return (-1, -1)
        known = max((len(_known(kind_name, cells, {})) for cells in rows for kind_name in KINDS), default=0)
        return known, max((len(cells) for cells in rows), default=0)

    return max((";", "\t", ","), key=score)


def _workbook_tables(path: Path, loaded: Loaded) -> list[Table]:
    """The sheets of a workbook, read within the limits of ``workbooks`` (else a problem and no sheet)."""
    from openpyxl import load_workbook

    try:
        workbooks.check_archive(path)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except workbooks.Refused as refused:
        loaded.problems.append(refused.problem)
        return []
    except Exception as exc:  # openpyxl raises many kinds for a broken file; their texts are English, some name paths
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "die Datei ist beschädigt oder " \
                                                                               "keine Excel-Arbeitsmappe"
        loaded.problems.append(Problem("", f"keine lesbare Excel-Arbeitsmappe ({reason})", source=path.name))
        return []
    try:
        return [Table(f"{path.name}[{sheet.title}]", sheet.title,
                      workbooks.sheet_rows(sheet, f"{path.name}[{sheet.title}]", _cell_text))
                for sheet in workbook.worksheets]
    except workbooks.Refused as refused:
        loaded.problems.append(refused.problem)
    except Exception:  # a part that does not unpack (bad CRC) or is no XML
        loaded.problems.append(Problem("", "keine lesbare Excel-Arbeitsmappe (die Datei ist beschädigt oder "
                                           "unvollständig)", source=path.name))
    finally:
        workbook.close()
    return []


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV would hold (dates ISO, 12.0 as 12; a number stays a number,
    also a date serial in a General cell)."""
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
    return read_text(value) if isinstance(value, str) else str(value)


# --- what a table holds -----------------------------------------------------------------

def _header_text(cell: str) -> str:
    return " ".join(str(cell).split())


def _mapped(kind_name: str, cell: str, overrides: dict[str, str]) -> str | None:
    text = _header_text(cell)
    if text in overrides:
        return overrides[text] or None
    return column_for_header(kind_name, text) if text else None


def _known(kind_name: str, cells: list[str], overrides: dict[str, str]) -> set[str]:
    return {name for cell in cells if (name := _mapped(kind_name, cell, overrides))}


def _take_table(table: Table, override: dict, loaded: Loaded) -> None:
    """One file or sheet into ``loaded``: its kind, header row, columns and rows."""
    rows = [(line, cells) for line, cells in table.rows if any(str(cell).strip() for cell in cells)]
    overrides = {_header_text(header): name for header, name in (override.get("columns") or {}).items()}
    kind_name = override["kind"] if "kind" in override else kind_for_file(table.name)
    if kind_name and kind_name not in KINDS:
        loaded.problems.append(Problem("", f"unbekannte Art „{kind_name}“ in der Zuordnung", source=table.source))
        return
    if "kind" not in override and fold(_stem(table.name)) in DOCUMENTATION:
        return _note(loaded, table.source, rows, "Hinweise, nicht eingelesen")
    if "kind" in override and not kind_name:
        return _note(loaded, table.source, rows, "laut Zuordnung nicht eingelesen", ignored=True)
    if not rows:
        return _note(loaded, table.source, rows, "leer, nichts eingelesen")
    index, kind_name = _header_row(rows, kind_name or None, override, overrides, table.source, loaded)
    if kind_name is None:
        return _note(loaded, table.source, rows[index:], "keine Art erkannt (weder am Namen noch an der Kopfzeile), "
                                                         "wird nicht eingelesen", ignored=True)
    _skip_notice(loaded, table.source, rows[:index])
    _take_rows(kind_name, table, rows[index], rows[index + 1:], overrides, loaded)


def _note(loaded: Loaded, source: str, rows: Rows, notice: str, *, ignored: bool = False) -> None:
    """A table read as no kind: its mapping (to be changed on the page), and why."""
    line, cells = rows[0] if rows else (1, [])
    loaded.mappings[source] = _mapping(None, line, cells, [None] * len(cells))
    loaded.ignored += [source] if ignored else []
    loaded.warnings.append(f"{source}: {notice}")


def _mapping(kind_name: str | None, line: int, cells: list[str], names: list[str | None]) -> dict:
    columns = [[_header_text(cell), name] for cell, name in zip(cells, names) if _header_text(cell)]
    return {"kind": kind_name, "header_line": line, "columns": columns}


def _header_row(rows: Rows, kind_name: str | None, override: dict, overrides: dict[str, str], source: str,
                loaded: Loaded) -> tuple[int, str | None]:
    """Where the header row is (index in ``rows``) and the table's kind: the first of the first
    rows with two or more known headers; a table of no known kind takes the kind with most."""
    if override.get("header_line"):
        found = [index for index, (line, _) in enumerate(rows) if line == int(override["header_line"])]
        if found:
            return found[0], kind_name or _kind_by_header(rows[found[0]][1], overrides, source, loaded)
        loaded.warnings.append(f"{source}: Zeile {override['header_line']} ist leer oder fehlt; Kopfzeile gesucht")
    kinds = [kind_name] if kind_name else list(KINDS)
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        if max(len(_known(name, cells, overrides)) for name in kinds) >= 2:
            return index, kind_name or _kind_by_header(cells, overrides, source, loaded)
    return 0, kind_name


def _kind_by_header(cells: list[str], overrides: dict[str, str], source: str, loaded: Loaded) -> str | None:
    # Most known headings; between equals, the kind whose required columns are all there
    # ("Einrichtung; Art; Ort" are an organisation's, though a cooperation knows three too).
    scores = {name: (len(known := _known(name, cells, overrides)), all(
        column.name in known for column in KINDS[name].columns
        if column.required and (name, column.name) not in NOT_REQUIRED_IN_FILES)) for name in KINDS}
    best = max(scores.values())
    leaders = [name for name, score in scores.items() if score == best]
    if best[0] < 2 or len(leaders) > 1:
        return None
    loaded.warnings.append(f"{source}: als {kind_label(leaders[0])} gelesen (an der Kopfzeile erkannt: "
                           f"{best[0]} bekannte Spalten)")
    return leaders[0]


def _skip_notice(loaded: Loaded, source: str, above: Rows) -> None:
    if above:
        numbers = ", ".join(str(line) for line, _ in above)
        word = "Zeile" if len(above) == 1 else "Zeilen"
        loaded.warnings.append(f"{source}: {word} {numbers} über der Kopfzeile übersprungen")


def _take_rows(kind_name: str, table: Table, header: tuple[int, list[str]], body: Rows, overrides: dict[str, str],
               loaded: Loaded) -> None:
    source, (header_line, cells) = table.source, header
    names = [_mapped(kind_name, cell, overrides) for cell in cells]
    loaded.mappings[source] = _mapping(kind_name, header_line, cells, names)
    if kind_name in loaded.records:
        loaded.problems.append(Problem("", f"zweite Datei für {kind_label(kind_name)} (schon gelesen: "
                                           f"{loaded.sources[kind_name]})", source=source))
        return
    positions, headers = _columns(kind_name, cells, names, header_line, source, loaded)
    _check_required(kind_name, headers, header_line, source, loaded)
    width, joined = _width(cells), bool(set(NAME_PARTS) & set(headers))
    records, lines = [], []
    for line, row in body:
        if len(row) > width and _width(row) > width:
            loaded.problems.append(Problem("", f"zu viele Werte: {_width(row)} statt {width} "
                                               f"({_too_many_hint(table.delimiter)})", line, source))
            continue
        records.append(_record(positions, row, joined))
        lines.append(line)
    loaded.records[kind_name], loaded.lines[kind_name], loaded.sources[kind_name] = records, lines, source
    loaded.columns[kind_name] = _file_headers(headers)


def _width(cells: list[str]) -> int:
    """The cells up to the last that holds something."""
    return max((position + 1 for position, cell in enumerate(cells) if str(cell).strip()), default=0)


def _too_many_hint(delimiter: str) -> str:
    if not delimiter:
        return "steht ein Wert in einer Spalte ohne Überschrift?"
    sign = "Tabulator" if delimiter == "\t" else f"„{delimiter}“"
    return f"steht ein {sign} ohne Anführungszeichen in einem Wert?"


def _columns(kind_name: str, cells: list[str], names: list[str | None], line: int, source: str,
             loaded: Loaded) -> tuple[dict[int, str], dict[str, str]]:
    """Position -> column, and column -> header as in the file; notices for what is left out."""
    positions: dict[int, str] = {}
    headers: dict[str, str] = {}
    for position, (cell, name) in enumerate(zip(cells, names)):
        text = _header_text(cell)
        if text and name is None:
            loaded.warnings.append(f"{source}: Spalte „{text}“ wird nicht eingelesen{LEFT_OUT.get(fold(text), '')}")
        elif text and (message := _misfit(kind_name, name, text, headers)):
            loaded.problems.append(Problem(text, message, line, source))
        elif text:
            positions[position], headers[name] = name, text
    if "name" in headers and {"first_name", "last_name"} & set(headers):
        parts = " und ".join(f"„{headers[part]}“" for part in NAME_PARTS[1:] if part in headers)
        loaded.problems.append(Problem(headers["name"], f"Spalte doppelt: „{headers['name']}“ und {parts} "
                                                        "meinen beide den Namen", line, source))
    return positions, headers


def _misfit(kind_name: str, name: str, text: str, headers: dict[str, str]) -> str | None:
    """Why a header cannot stand for this column (one the kind has not, or one taken already)."""
    if name not in allowed_columns(kind_name):
        return f"„{name}“ ist keine Spalte von {kind_label(kind_name)}"
    if name in headers:
        return f"Spalte doppelt: „{headers[name]}“ und „{text}“ meinen dasselbe"
    return None


def _file_headers(headers: dict[str, str]) -> dict[str, str]:
    """English column -> header as in the file; the parts of a name stand for ``name``."""
    columns = {name: text for name, text in headers.items() if name not in NAME_PARTS}
    parts = [headers[part] for part in NAME_PARTS if part in headers]
    if parts and "name" not in columns:
        columns["name"] = " + ".join(parts)
    return columns


def _german(headers: dict[str, str]) -> bool:
    """Whether a file's headings (English column: heading) are not all the English names."""
    return any(fold(text) != fold(name) for name, text in headers.items())


def _check_required(kind_name: str, headers: dict[str, str], line: int, source: str, loaded: Loaded) -> None:
    present = set(headers) | ({"name"} if {"first_name", "last_name"} & set(headers) else set())
    german = _german(headers)
    for column in KINDS[kind_name].columns:
        if column.required and column.name not in present and (kind_name, column.name) not in NOT_REQUIRED_IN_FILES:
            label = column.german if german else column.name
            loaded.problems.append(Problem(label, f"Pflichtspalte „{label}“ fehlt", line, source))


def _record(positions: dict[int, str], cells: list[str], joined: bool) -> dict:
    """A row's values by column; ``joined``: the name is in parts (title, first and last name)."""
    record = {name: cells[position] if position < len(cells) else "" for position, name in positions.items()}
    if joined:
        parts = [record.pop("academic_title", ""), record.get("name", ""), record.pop("first_name", ""),
                 record.pop("last_name", "")]
        record["name"] = " ".join(part.strip() for part in parts if part and part.strip())
    return record


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


def _text(value) -> str:
    """:func:`cell` for a spreadsheet: text that would run as a formula quoted, numbers as they are."""
    return cell(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else csv_text(cell(value))


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
            writer.writerows([_text(row.get(column)) for column in columns] for row in rows)
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
        for row in rows:  # a text cell, never a formula
            sheet.append(sheet_row(sheet, [cell(row.get(column)) for column in columns]))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
