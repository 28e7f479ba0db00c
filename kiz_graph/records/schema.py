"""The records kiz-graph writes, one kind per exchange file (import-format.md), as data.

A record is a dict keyed by the exchange format's English column names. ``clean`` turns
raw values (from a form, a CSV cell or Python) into typed values and reports every
problem with the column it concerns; nothing is written while any problem stands.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from kiz_graph.errors import Problem
from kiz_graph.records import contact
from kiz_graph.records.vocabulary import vocabulary

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
AGS_PATTERN = re.compile(r"^05\d{3}(\d{3})?$")
TRUE_WORDS = {"ja", "yes", "true", "1", "wahr", "x"}
FALSE_WORDS = {"nein", "no", "false", "0", "falsch"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text | id | ags | date | bool | number | list | postcode | email | phone | website
    required: bool = False
    vocabulary: str | None = None  # values (or list items) must come from it
    references: tuple[str, ...] = ()  # labels an id must exist as (in the graph or the same load)
    german: str = ""
    max_length: int = 300  # characters of a text, or of each list item
    multiline: bool = False  # whether line breaks and tabs are allowed (notes)
    set_by_app: bool = False  # recorded by the app (who recorded a consent), never typed into a form


@dataclass(frozen=True)
class RecordKind:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # what identifies a record
    german_file: str = ""

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @functools.cached_property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


C = Column
KINDS: dict[str, RecordKind] = {
    kind.name: kind
    for kind in (
        RecordKind("organisations", (
            C("id", "id", True, german="Kennung"),
            C("name", required=True, german="Name"),
            C("type", required=True, vocabulary="organisation_types", german="Typ"),
            C("region", "ags", references=("Region",), german="Region"),
            C("municipality", "ags", references=("Municipality",), german="Gemeinde"),
            C("federation", vocabulary="federations", german="Verband"),
            C("programme", vocabulary="programmes", german="Programm"),
            C("languages", "list", vocabulary="languages", german="Sprachen"),
            C("fields", "list", vocabulary="fields_of_action", german="Handlungsfelder"),
            C("stages", "list", vocabulary="education_stages", german="Bildungsstufen"),
            C("street", german="Straße"), C("postcode", "postcode", german="PLZ"), C("city", german="Ort"),
            C("email", "email", german="E-Mail"), C("phone", "phone", german="Telefon"),
            C("website", "website", german="Webseite"),
            C("schulnummer", german="Schulnummer"),
            C("school_form", vocabulary="school_forms", german="Schulform"),
            C("until", "date", german="Bis"),
        ), key=("id",), german_file="organisationen"),
        RecordKind("persons", (
            C("id", "id", True, german="Kennung"),
            C("name", required=True, german="Name"),
            C("organisation_id", "id", True, references=("Organisation", "Centre"), german="Organisation"),
            C("function", german="Funktion"), C("email", "email", german="E-Mail"),
            C("phone", "phone", german="Telefon"),
            C("languages", "list", vocabulary="languages", german="Sprachen"),
            C("consent", vocabulary="consent_levels", german="Einwilligung"),
            C("consent_date", "date", german="Einwilligung am"),
            C("consent_method", vocabulary="consent_methods", german="Einwilligung erteilt"),
            C("consent_purpose", german="Zweck der Einwilligung", max_length=1000),
            C("consent_recorded_by", german="Einwilligung erfasst von", set_by_app=True),
            C("consent_withdrawn_on", "date", german="Einwilligung widerrufen am", set_by_app=True),
            C("until", "date", german="Bis"),
        ), key=("id",), german_file="personen"),
        RecordKind("cooperations", (
            C("from_id", "id", True, references=("Centre", "Organisation"), german="Von"),
            C("to_id", "id", True, references=("Organisation",), german="Mit"),
            C("form", required=True, vocabulary="cooperation_forms", german="Form"),
            C("since", "date", True, german="Seit"),
            C("until", "date", german="Bis"),
            C("fields", "list", vocabulary="fields_of_action", german="Handlungsfelder"),
            C("agreement", german="Vereinbarung", max_length=1000),
            C("last_contact", "date", german="Letzter Kontakt"),
            C("note", german="Notiz", max_length=4000, multiline=True),
        ), key=("from_id", "to_id", "form"), german_file="kooperationen"),
        RecordKind("centres", (
            C("id", "id", True, references=("Centre",), german="Kennung"),
            C("applied_on", "date", german="Antrag am"),
            C("opened_on", "date", german="Eröffnet am"),
            C("raa_predecessor", "bool", german="RAA-Vorgänger"),
            C("raa_integrated_on", "date", german="RAA eingegliedert am"),
            C("concept_adopted_on", "date", german="Konzept beschlossen am"),
            C("concept_adopted_by", vocabulary="concept_bodies", german="Beschlossen durch"),
            C("concept_topics", "list", vocabulary="concept_topics", german="Schwerpunkte"),
            C("municipalities_agreed", "bool", german="Gemeinden abgestimmt"),
            C("granted_by", "id", references=("Organisation",), german="Bewilligt durch"),
        ), key=("id",), german_file="zentren"),
        RecordKind("positions", (
            C("id", "id", True, german="Kennung"),
            C("centre_id", "id", True, references=("Centre",), german="Zentrum"),
            C("profession", required=True, vocabulary="professions", german="Profession"),
            C("fte", "number", True, german="Stellenanteil"),
            C("funding", required=True, vocabulary="funding", german="Finanzierung"),
            C("role", vocabulary="position_roles", german="Rolle"),
            C("person_id", "id", references=("Person",), german="Person"),
            C("until", "date", german="Bis"),
        ), key=("id",), german_file="stellen"),
        RecordKind("networks", (
            C("id", "id", True, german="Kennung"),
            C("name", required=True, german="Name"),
            C("centre_id", "id", True, references=("Centre",), german="Zentrum"),
            C("topic", german="Thema"),
            C("until", "date", german="Bis"),
        ), key=("id",), german_file="netzwerke"),
        RecordKind("network_members", (
            C("network_id", "id", True, references=("Network",), german="Netzwerk"),
            C("organisation_id", "id", True, references=("Organisation",), german="Organisation"),
            C("since", "date", german="Seit"),
            C("until", "date", german="Bis"),
        ), key=("network_id", "organisation_id"), german_file="netzwerk_mitglieder"),
        RecordKind("offers", (
            C("id", "id", True, german="Kennung"),
            C("title", required=True, german="Titel"),
            C("provider_id", "id", True, references=("Centre", "Organisation"), german="Anbieter"),
            C("task", vocabulary="tasks", german="Aufgabe"),
            C("fields", "list", vocabulary="fields_of_action", german="Handlungsfelder"),
            C("stages", "list", vocabulary="education_stages", german="Bildungsstufen"),
            C("languages", "list", vocabulary="languages", german="Sprachen"),
            C("target_group", german="Zielgruppe", max_length=1000),
            C("municipality", "ags", references=("Municipality",), german="Gemeinde"),
            C("until", "date", german="Bis"),
        ), key=("id",), german_file="angebote"),
    )
}
del C

# Load order: what a record refers to is written before it.
LOAD_ORDER = ("organisations", "centres", "persons", "positions", "networks", "network_members",
              "cooperations", "offers")

# Statewide bodies may have no region; every other organisation belongs to one.
TYPES_WITHOUT_REGION = ("Authority", "CoordinationOffice", "WelfareAssociation")


def clean(kind_name: str, raw: dict, *, row: int | None = None, source: str = "") -> tuple[dict, list[Problem]]:
    """A typed record from raw values, and the problems found (empty when it is valid)."""
    kind = KINDS[kind_name]
    source = source or kind_name
    problems: list[Problem] = []
    record: dict = {}

    def problem(column: str, message: str) -> None:
        problems.append(Problem(column, message, row, source))

    for column in kind.columns:
        value = raw.get(column.name)
        if _is_empty(value):
            record[column.name] = [] if column.kind == "list" else None
            if column.required:
                problem(column.name, "Pflichtangabe fehlt")
            continue
        try:
            record[column.name] = _convert(column, value)
        except ValueError as exc:
            record[column.name] = None
            problem(column.name, str(exc))
    if kind_name == "organisations":
        _type_details(raw.get("type"), record)
    for name in raw:
        if name not in kind.column_names:
            problem(name, "unbekannte Spalte")
    for column, message in _cross_checks(kind_name, record):
        problem(column, message)
    return record, problems


def _convert(column: Column, value):
    if column.kind == "list":
        return _list(column, value)
    if column.kind == "date":
        return parse_date(value)
    if column.kind == "bool":
        return parse_bool(value)
    if column.kind == "number":
        return parse_number(value)
    text = _checked_text(column, str(value).strip())
    if column.kind == "id" and not ID_PATTERN.match(text):
        raise ValueError(f"ungültige Kennung {text!r} (erlaubt: Buchstaben, Ziffern, . _ : -)")
    if column.kind == "ags" and not AGS_PATTERN.match(text):
        raise ValueError(f"ungültiger Schlüssel {text!r} (Kreisschlüssel mit 5 oder AGS mit 8 Ziffern, beginnend mit 05)")
    if column.vocabulary:
        return _in_vocabulary(column.vocabulary, text)
    if column.kind in contact.PARSERS:
        return contact.PARSERS[column.kind](text)
    return text


# Control characters break XML downloads, vCards and CSV; invisible format characters (zero
# widths, direction overrides, line and paragraph separators, byte order marks, tags) make
# one name look like another. Zero-width (non-)joiners stay: Persian and Arabic need them.
# Only notes may span lines.
_INVISIBLE = "\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufdd0-\ufdef" \
             "\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
_CONTROL_EXCEPT_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")


def _checked_text(column: Column, text: str) -> str:
    """``text`` if it fits the column: not too long, no control or invisible format characters.
    A note's line breaks count once, however the browser sent them (CRLF)."""
    if column.multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > column.max_length:
        raise ValueError(f"zu lang: {len(text):,} Zeichen (höchstens {column.max_length:,})".replace(",", "."))
    if (_CONTROL_EXCEPT_LINES if column.multiline else _CONTROL).search(text):
        raise ValueError("enthält Steuer- oder unsichtbare Formatzeichen (z. B. einen Zeilenumbruch, Tabulator "
                         "oder eine Richtungsumkehr); bitte entfernen")
    return text


checked_text = _checked_text  # for a text outside the record kinds (the reason of an erasure)


def _in_vocabulary(name: str, value: str) -> str:
    key = vocabulary(name).resolve(value)
    if key is None:
        raise ValueError(_unknown(name, [value]))
    return key


# Lists are separated by |, as export writes them; people also write ; , and /. A value whose
# German name holds one of these (Übergang Schule/Ausbildung) is read whole: the longest run of
# pieces that is a value of the vocabulary wins.
LIST_SEPARATORS = re.compile(r"([;,/])")
MOST_SHOWN = 20  # allowed values a message names


def _list(column: Column, value) -> list[str]:
    parts = [str(item) for item in value] if isinstance(value, (list, tuple)) else str(value).split("|")
    items: list[str] = []
    unknown: list[str] = []
    for part in parts:
        part = _checked_text(column, part.strip())
        pieces = LIST_SEPARATORS.split(part)
        start = 0
        while start < len(pieces):
            found = _longest_value(column.vocabulary, pieces, start)
            if found is None:
                unknown.append(pieces[start].strip())
                start += 2
            else:
                key, start = found
                items.append(key)
    if unknown := [piece for piece in unknown if piece]:
        raise ValueError(_unknown(column.vocabulary, unknown, several=True))
    return list(dict.fromkeys(items))  # keeps order, drops repeats


def _longest_value(name: str | None, pieces: list[str], start: int) -> tuple[str, int] | None:
    """The value that the pieces from ``start`` on begin with (pieces alternate text and
    separator), and where the next one starts; None when the first piece is no value."""
    if not pieces[start].strip():
        return None
    if name is None:
        return pieces[start].strip(), start + 2
    for end in range(len(pieces), start, -2):
        key = vocabulary(name).resolve("".join(pieces[start:end]))
        if key is not None:
            return key, end + 1
    return None


def _unknown(name: str | None, values: list[str], several: bool = False) -> str:
    """What to say about values a vocabulary does not know, in German: the values written, a
    close value if there is one, and the allowed values by their German names."""
    words = vocabulary(name)
    said = "unbekannter Wert " if len(values) == 1 else "unbekannte Werte "
    said += ", ".join(repr(value) for value in values)
    close = [found for found in map(words.closest, values) if found]
    if close:
        said += " – meinten Sie " + " bzw. ".join(f"„{found}“" for found in close) + "?"
    names = [f"„{german}“" if "," in german else german for german in map(words.german, words.keys)]
    allowed = ", ".join(names[:MOST_SHOWN]) + (", …" if len(names) > MOST_SHOWN else "")
    if several:
        allowed += "; mehrere Werte durch „|“, „;“ oder „,“ trennen"
    return f"{said} (erlaubt: {allowed})"


def _cross_checks(kind_name: str, record: dict) -> list[tuple[str, str]]:
    found = []
    since = record.get("since")
    until = record.get("until")
    if since and until and until < since:
        found.append(("until", f"Ende ({until:%d.%m.%Y}) liegt vor dem Beginn ({since:%d.%m.%Y})"))
    if kind_name == "organisations":
        if record["region"] is None and record["municipality"] is None and record["type"] not in TYPES_WITHOUT_REGION:
            found.append(("region", "Pflichtangabe fehlt"))
        if record["municipality"] and len(record["municipality"]) != 8:
            found.append(("municipality", "eine Gemeinde hat einen 8-stelligen AGS"))
    if kind_name == "cooperations":
        if record["from_id"] and record["from_id"] == record["to_id"]:
            found.append(("to_id", "eine Organisation kann nicht mit sich selbst kooperieren"))
        if since and record["last_contact"] and record["last_contact"] < since:
            found.append(("last_contact", "letzter Kontakt liegt vor dem Beginn der Kooperation"))
    if kind_name == "centres":
        if record["raa_integrated_on"] and record["raa_predecessor"] is False:
            found.append(("raa_integrated_on", "ohne RAA-Vorgänger gibt es keine Eingliederung"))
        if record["applied_on"] and record["opened_on"] and record["opened_on"] < record["applied_on"]:
            found.append(("opened_on", "Eröffnung liegt vor dem Antrag"))
    if kind_name == "positions" and record["fte"] is not None and not 0 < record["fte"] <= 1:
        found.append(("fte", "ein Stellenanteil liegt zwischen 0 und 1 (z. B. 0,5)"))
    if kind_name == "persons" and record["consent"] in ("internal", "public") and record["consent_date"] is None:
        found.append(("consent_date", "Datum der Einwilligung fehlt"))
    return found


# A date more than a year ahead is likely a typo (2031 for 2021): a person confirms it. An end
# may lie ahead (a project funded until 2030).
FAR_AHEAD = dt.timedelta(days=365)


def far_future(kind_name: str, record: dict, before: dict | None = None, today: dt.date | None = None) -> list[Problem]:
    """The dates other than the end that lie more than a year ahead and that ``record`` sets
    anew (all on a new record; on a change, those that differ from ``before``)."""
    limit = (today or dt.date.today()) + FAR_AHEAD
    return [Problem(column.name, f"liegt in der Zukunft ({day.year}) – bitte bestätigen", source=kind_name)
            for column in KINDS[kind_name].columns
            if column.kind == "date" and column.name != "until" and isinstance(day := record.get(column.name), dt.date)
            and day > limit and (before is None or before.get(column.name) != day)]


# A type written as what an organisation more precisely is: a school form (Grundschule) is a
# School of that form, a programme (Integrationsagentur) a FundedStructure in that programme.
TYPE_DETAILS = {"School": ("school_form", "school_forms"), "FundedStructure": ("programme", "programmes")}


def _type_details(written, record: dict) -> None:
    column, name = TYPE_DETAILS.get(record.get("type"), (None, None))
    if column and record.get(column) is None and isinstance(written, str):
        record[column] = vocabulary(name).resolve(written)


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, (list, tuple)) and not value)


# Dates a record can carry: anything outside is a typo (0024 for 2024), and the years 1 and
# 9999 break date arithmetic further on.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def parse_date(value) -> dt.date:
    """A day from a date or from ISO or German text, between 1900 and 2100 (ValueError otherwise)."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = _date_from_text(str(value).strip())
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"Datum {day.day:02d}.{day.month:02d}.{day.year:04d} liegt nicht zwischen 1900 und 2100")
    return day


GERMAN_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TIME_OF_DAY = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # 2024-03-01 00:00:00, as a date cell turned text
# An Excel date cell read as a number (General format) counts days from 1899-12-30. Only five
# digits (1927 to 2173) are read so: a year written alone (2024) is not a day in 1905.
EXCEL_SERIAL = re.compile(r"(\d{5})(?:[.,]\d+)?")
EXCEL_EPOCH = dt.date(1899, 12, 30)
# A two-digit year (01.03.24): 00–69 is 2000–2069, 70–99 is 1970–1999, as Excel reads it. The
# records start in 2012, and founding dates of older organisations lie in the last century.
CENTURY_PIVOT = 70


def _date_from_text(text: str) -> dt.date:
    text = text[:40]
    try:
        if match := re.fullmatch(ISO_DATE.pattern + TIME_OF_DAY, text):
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if match := re.fullmatch(GERMAN_DATE.pattern + TIME_OF_DAY, text):
            day, month, year = (int(part) for part in match.groups())
            if len(match.group(3)) == 2:
                year += 2000 if year < CENTURY_PIVOT else 1900
            return dt.date(year, month, day)
        if match := EXCEL_SERIAL.fullmatch(text):
            return EXCEL_EPOCH + dt.timedelta(days=int(match.group(1)))
    except ValueError:
        pass
    raise ValueError(f"kein gültiges Datum: {text!r} (z. B. 01.03.2024, 1.3.24 oder 2024-03-01)")


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(f"kein Ja/Nein-Wert: {value!r} (ja oder nein; auch x, 1 oder 0)")


def parse_number(value) -> float:
    if isinstance(value, bool):
        raise ValueError(f"keine Zahl: {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"keine Zahl: {value!r}") from None
