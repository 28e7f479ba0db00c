"""The reader for NRW's official school register (Schulgrunddaten NRW).

The Ministerium für Schule und Bildung publishes every school in NRW as one CSV file,
https://www.schulministerium.nrw.de/BiPo/OpenData/Schuldaten/schuldaten.csv
(licence DL-DE-BY-2.0). As published it is UTF-8 without BOM, LF line ends, a first line
``sep=;``, then a header of 24 column names (``REGISTER_HEADER``) that ends in a stray
``;``, then one line of 24 values per school. This module turns such a file into
organisation records in the exchange format of ``kiz_graph.records.schema`` (kind
``organisations``), one per school, without touching the database.

Only the columns in ``SCHOOL_REGISTER_COLUMNS`` are read, by name (case, spaces,
``-``/``_`` and umlaut spelling do not matter), so column order and extra columns do not
matter. A row with a problem gives no record; the caller writes nothing while any problem
stands (import-format.md, "Bad input").
"""

from __future__ import annotations

import csv
import io
import pathlib
import re

from kiz_graph.errors import Problem
from kiz_graph.records.schema import KINDS
from kiz_graph.records.vocabulary import vocabulary

# The header of schuldaten.csv as published (2025/26), in order.
REGISTER_HEADER = (
    "Schulnummer", "Schulform", "Schulbezeichnung_1", "Schulbezeichnung_2", "Schulbezeichnung_3",
    "Kurzbezeichnung", "Bezirksregierung", "PLZ", "Ort", "Strasse", "Telefonvorwahl", "Telefon",
    "Faxvorwahl", "Fax", "E-Mail", "Homepage", "Rechtsform", "Traegernummer", "Gemeindeschluessel",
    "Schulbetriebsschluessel", "Schulbetriebsdatum", "EPSG", "UTMRechtswert", "UTMHochwert",
)
# The columns this reader uses; all others are ignored.
SCHOOL_REGISTER_COLUMNS = (
    "Schulnummer", "Schulform", "Schulbezeichnung_1", "Schulbezeichnung_2", "Schulbezeichnung_3",
    "PLZ", "Ort", "Strasse", "Telefonvorwahl", "Telefon", "E-Mail", "Homepage", "Gemeindeschluessel",
)
REQUIRED_COLUMNS = ("Schulnummer", "Schulbezeichnung_1", "Gemeindeschluessel")
NAME_COLUMNS = ("Schulbezeichnung_1", "Schulbezeichnung_2", "Schulbezeichnung_3")

ID_PREFIX = "schule-"
# Stadt Aachen has its own centre, so it is a region of its own (import-format.md).
OWN_REGION_MUNICIPALITIES = frozenset({"05334002"})

_SCHULNUMMER = re.compile(r"^[0-9]{6}\Z")
_SEP_LINE = re.compile(r"^sep=(.)$", re.IGNORECASE)
# Words that follow a real hyphen ("Grund- und Hauptschule"), not a broken word.
_AFTER_HYPHEN = ("und", "oder", "bzw", "u.", "sowie")


def read_school_register(path: pathlib.Path) -> tuple[list[dict], list[int], list[Problem], list[str]]:
    """The schools in a Schulgrunddaten file: ``(records, lines, problems, warnings)``.

    ``records`` are raw organisation records (keys as ``KINDS["organisations"]``), ready
    for ``records.clean("organisations", record)``; ``lines[i]`` is the file line of
    ``records[i]`` (the ``sep=;`` line is line 1). ``problems`` name file, line and
    column; ``warnings`` are notes that do not stop an import (e.g. a cp1252 file).
    """
    path = pathlib.Path(path)
    source = path.name
    problems: list[Problem] = []
    warnings: list[str] = []

    text = _decode(path.read_bytes(), source, warnings)
    first_line = text.split("\n", 1)[0].rstrip("\r").strip()
    sep_match = _SEP_LINE.match(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep_match.group(1) if sep_match else ";")
    rows = _rows_with_lines(reader)
    if sep_match:
        next(rows, None)

    header, header_line = [], 1
    for line, row in rows:
        if any(cell.strip() for cell in row):
            header, header_line = row, line
            break
    positions = _column_positions(header)
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    for name in missing:
        problems.append(Problem(name, "Pflichtspalte fehlt in der Kopfzeile des Schulverzeichnisses",
                                header_line if header else None, source))
    if missing:
        return [], [], problems, warnings

    records: list[dict] = []
    lines: list[int] = []
    first_seen: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue  # blank line
        values = {name: _cell(row, index) for name, index in positions.items()}
        row_problems: list[Problem] = []

        def problem(column: str, message: str) -> None:
            row_problems.append(Problem(column, message, line, source))

        schulnummer = values.get("Schulnummer")
        if schulnummer is None:
            problem("Schulnummer", "Pflichtangabe fehlt")
        elif not _SCHULNUMMER.match(schulnummer):
            problem("Schulnummer", f"ungültige Schulnummer {schulnummer!r} (6 Ziffern erwartet)")
        elif schulnummer in first_seen:
            problem("Schulnummer", f"Schulnummer {schulnummer} kommt doppelt vor (zuerst in Zeile {first_seen[schulnummer]})")
        else:
            first_seen[schulnummer] = line

        municipality = None
        raw_key = values.get("Gemeindeschluessel")
        if raw_key is None:
            problem("Gemeindeschluessel", "Pflichtangabe fehlt")
        else:
            municipality, message = normalise_municipality_key(raw_key)
            if message:
                problem("Gemeindeschluessel", message)

        name = join_school_name(values.get(column) for column in NAME_COLUMNS)
        if not name:
            problem("Schulbezeichnung_1", "Pflichtangabe fehlt (keine Schulbezeichnung)")

        if row_problems:
            problems.extend(row_problems)
            continue

        school_form = _school_form(values.get("Schulform"))
        if values.get("Schulform") and school_form is None:
            warnings.append(f"{source}:{line}: Schulform {values['Schulform']!r} ist unbekannt "
                            f"und wird nicht übernommen")
        records.append(_record(schulnummer, name, municipality, school_form, values))
        lines.append(line)
    return records, lines, problems, warnings


def adopt_existing(db, records: list[dict]) -> list[dict]:
    """The register's records with the id of a school already entered with the same
    Schulnummer under another id (by hand, or an earlier import), so that it is updated
    instead of entered twice."""
    numbers = sorted({record["schulnummer"] for record in records if record.get("schulnummer")})
    if not numbers:
        return records
    found = {row["schulnummer"]: row["id"] for row in db.read("exchange/resolve/organisations", keys=[],
                                                              schulnummern=numbers, centre=None)}
    return [{**record, "id": found.get(record.get("schulnummer"), record["id"])} for record in records]


def normalise_municipality_key(raw: str) -> tuple[str | None, str | None]:
    """The 8-digit AGS for a Gemeindeschluessel as given, or None and a German message."""
    text = raw.strip()
    digits = text.replace(" ", "")
    if not digits.isdigit() or not digits.isascii():
        return None, f"ungültiger Gemeindeschlüssel {raw!r} (8-stelliger AGS erwartet, z. B. 05978020)"
    if len(digits) == 7 and digits.startswith("5"):  # the leading zero lost, e.g. by Excel
        digits = "0" + digits
    if len(digits) != 8:
        return None, f"ungültiger Gemeindeschlüssel {raw!r} (8-stelliger AGS erwartet, z. B. 05978020)"
    if not digits.startswith("05"):
        return None, f"Gemeindeschlüssel {raw!r} liegt nicht in NRW (AGS in NRW beginnen mit 05)"
    return digits, None


def region_of(municipality: str) -> str:
    """The region key of a municipality: its Kreisschlüssel, or its AGS for Stadt Aachen."""
    return municipality if municipality in OWN_REGION_MUNICIPALITIES else municipality[:5]


def join_school_name(parts) -> str:
    """Schulbezeichnung_1..3 as one name, joined with spaces.

    The register breaks long names across the three fields, sometimes inside a word
    ("Förder-" / "schule"): such a word is joined again. A real hyphen stays
    ("Grund-" / "und Hauptschule", "Dortmund-" / "Scharnhorst").
    """
    name = ""
    for part in parts:
        part = (part or "").strip()
        if not part:
            continue
        if not name:
            name = part
        elif re.search(r"[^\W\d_]-$", name) and part[0].islower() and not part.startswith(_AFTER_HYPHEN):
            name = name[:-1] + part  # a word broken at the end of a field
        elif re.search(r"[^\W\d_]-$", name) and part[0].isupper():
            name = name + part  # a hyphenated compound broken after its hyphen
        else:
            name = f"{name} {part}"
    return name


def _record(schulnummer: str, name: str, municipality: str, school_form: str | None, values: dict) -> dict:
    kind = KINDS["organisations"]
    record = {column.name: ([] if column.kind == "list" else None) for column in kind.columns}
    record.update({
        "id": ID_PREFIX + schulnummer,
        "name": name,
        "type": "School",
        "region": region_of(municipality),
        "municipality": municipality,
        "school_form": school_form,
        "schulnummer": schulnummer,
        "street": values.get("Strasse"),
        "postcode": values.get("PLZ"),
        "city": values.get("Ort"),
        "email": values.get("E-Mail"),
        "website": values.get("Homepage"),
        "phone": " ".join(part for part in (values.get("Telefonvorwahl"), values.get("Telefon")) if part) or None,
    })
    return record


def _school_form(value: str | None) -> str | None:
    """The school_forms key for a code ("2" and "02" → "02"), a known name as given, else None."""
    if value is None:
        return None
    if value.isdigit():
        value = value.zfill(2)
    return value if vocabulary("school_forms").resolve(value) is not None else None


def _decode(data: bytes, source: str, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append(f"{source}: die Datei ist nicht UTF-8-kodiert und wurde als Windows-1252 "
                        f"(cp1252) gelesen; bitte Umlaute prüfen")
        return data.decode("cp1252", errors="replace")


def _rows_with_lines(reader):
    """(first file line, row) for each row of a csv.reader."""
    last = 0
    for row in reader:
        yield last + 1, row
        last = reader.line_num


def _column_positions(header: list[str]) -> dict[str, int]:
    """The index of each column this reader uses, found by normalised name."""
    wanted = {_normalise_name(name): name for name in SCHOOL_REGISTER_COLUMNS}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = wanted.get(_normalise_name(cell))
        if name is not None and name not in positions:
            positions[name] = index
    return positions


def _normalise_name(name: str) -> str:
    text = name.replace("\ufeff", "").strip().casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    return re.sub(r"[\s_\-]+", "", text)


def _cell(row: list[str], index: int) -> str | None:
    if index >= len(row):
        return None
    value = row[index].strip()
    return value or None
