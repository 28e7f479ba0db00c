"""The contact directory for every signed-in role: search by name and filters, and downloads.

Page, CSV and vCard all come from ``search.directory``, so a contact person appears in each
of them only as far as the signed-in user may see them (``kiz_graph.records.visibility``).
"""

from __future__ import annotations

import csv
import io
import re

from flask import Blueprint, Response, g, render_template, request

from kiz_graph import cells
from kiz_graph.records import downloads, naming, search
from kiz_graph.records.vocabulary import vocabulary
from web import access
from web.database import get_db
from web.headers import attachment

bp = Blueprint("directory", __name__, url_prefix="/verzeichnis")

PAGE_LIMIT = 100
EXPORT_LIMIT = 5000

# URL parameter -> (vocabulary, German label of the control)
VOCABULARY_FILTERS = {
    "feld": ("fields_of_action", "Handlungsfeld"),
    "stufe": ("education_stages", "Bildungsstufe"),
    "sprache": ("languages", "Sprache"),
    "typ": ("organisation_types", "Art der Organisation"),
}
KINDS_DE = {"organisation": "nur Organisationen", "person": "nur Ansprechpersonen"}
PARAMETERS = ("q", "feld", "stufe", "ort", "sprache", "typ", "art")
PERSON_DE = "Ansprechperson"
CSV_HEADERS = ("Name", "Art", "Organisation", "Funktion", "Ort", "Sprachen", "E-Mail", "Telefon")


def _options(name: str) -> list[tuple[str, str]]:
    vocab = vocabulary(name)
    options = [(row["key"], vocab.german(row["key"])) for row in vocab.rows]
    if name == "education_stages":  # the order of the Bildungskette
        return [option for _, option in sorted(zip((int(row["position"]) for row in vocab.rows), options))]
    return sorted(options, key=lambda option: option[1].casefold())


def _query() -> tuple[dict, str, search.DirectoryFilters, list[str]]:
    """The request's arguments (as given, for the form and the download links), the name
    text, the filters as keys, and the problems with them (German)."""
    args = {name: request.args.get(name, "").strip()[:200] for name in PARAMETERS}
    problems: list[str] = []
    keys: dict[str, str | None] = {}
    for parameter, (vocab_name, label) in VOCABULARY_FILTERS.items():
        value = args[parameter]
        keys[parameter] = vocabulary(vocab_name).resolve(value) if value else None
        if value and keys[parameter] is None:
            problems.append(f"{label}: „{value}“ ist nicht bekannt.")
    place = None
    if args["ort"]:
        place = search.resolve_place(_places(), args["ort"])
        if place is None:
            problems.append(f"Ort: „{args['ort']}“ ist nicht bekannt.")
    kind = args["art"] or None
    if kind is not None and kind not in KINDS_DE:
        problems.append(f"Ergebnisse: „{kind}“ ist nicht bekannt.")
        kind = None
    filters = search.DirectoryFilters(field=keys["feld"], stage=keys["stufe"], place=place,
                                      language=keys["sprache"], org_type=keys["typ"], kind=kind)
    return {name: value for name, value in args.items() if value}, args["q"], filters, problems


def _results(limit: int) -> tuple[dict, list[dict], list[str], bool]:
    """The current arguments, the rows the signed-in user may see, problems, and whether
    anything was asked at all."""
    args, text, filters, problems = _query()
    asked = bool(text.strip()) or filters.active()
    if problems:
        return args, [], problems, asked
    rows = search.directory(get_db(), text, g.user, limit, filters=filters)
    return args, rows, problems, asked


def kind_de(row: dict) -> str:
    if row["kind"] == "person":
        return PERSON_DE
    return vocabulary("organisation_types").german(row["type"]) if row["type"] else "Organisation"


def _places() -> list[dict]:
    """The places of the directory, read once per request (the filter and the page both use them)."""
    if "directory_places" not in g:
        g.directory_places = search.directory_places(get_db())
    return g.directory_places


@bp.get("/", endpoint="search")
@access.permission("read_directory")
def search_page():
    args, results, problems, asked = _results(PAGE_LIMIT)
    return render_template(
        "directory.html", args=args, results=results, problems=problems, asked=asked, limit=PAGE_LIMIT,
        selects=[(parameter, label, _options(vocab_name))
                 for parameter, (vocab_name, label) in VOCABULARY_FILTERS.items()],
        places=_places(), kinds=KINDS_DE, kind_de=kind_de,
    )


# --- downloads -------------------------------------------------------------------------

def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for row in rows:
        person = row["kind"] == "person"
        writer.writerow([cells.csv_text(value) for value in (
            row["name"], kind_de(row), row["workplace"] if person else row["name"],
            row["function"] if person else "", row["place"],
            naming.in_words(row["languages"], "persons", "languages") if row.get("languages") else "", row["email"], row["phone"],
        )])
    return out.getvalue()


def vcard_escape(value) -> str:
    """A vCard 3.0 text value (RFC 2426 §4): backslash, comma, semicolon and newlines escaped."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 2425 §5.8.1), never inside a character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _split_name(name: str) -> tuple[str, str]:
    """Family and given name, as well as a single name field allows: "Müller, Anna" or
    "Anna Müller" -> ("Müller", "Anna")."""
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    given, _, family = name.rpartition(" ")
    return family, given


def vcard_text(rows: list[dict]) -> str:
    cards = []
    for row in rows:
        person = row["kind"] == "person"
        name = row["name"] or ""
        lines = ["BEGIN:VCARD", "VERSION:3.0"]
        if person:
            family, given = _split_name(name)
            lines.append(f"N:{vcard_escape(family)};{vcard_escape(given)};;;")
        else:
            lines.append("N:;;;;")
        lines.append(f"FN:{vcard_escape(name)}")
        organisation = row["workplace"] if person else name
        if organisation:
            lines.append(f"ORG:{vcard_escape(organisation)}")
        if person and row["function"]:
            lines.append(f"TITLE:{vcard_escape(row['function'])}")
        if row["email"]:
            lines.append(f"EMAIL;TYPE=INTERNET:{vcard_escape(row['email'])}")
        if row["phone"]:
            lines.append(f"TEL;TYPE=WORK,VOICE:{vcard_escape(row['phone'])}")
        if row["street"] or row["postcode"] or row["city"]:
            address = ";".join(vcard_escape(part) for part in
                               ("", "", row["street"], row["city"] or row["place"], "", row["postcode"], ""))
            lines.append(f"ADR;TYPE=WORK:{address}")
        if not person and row["website"]:
            lines.append(f"URL:{vcard_escape(row['website'])}")
        if not person:
            lines.append("X-ABSHOWAS:COMPANY")
        lines.append(f"UID:{vcard_escape('kiz-graph-' + row['kind'] + '-' + str(row['id']))}")
        lines.append("END:VCARD")
        cards.append("".join(_fold(line) + "\r\n" for line in lines))
    return "".join(cards)


def selection_de(text: str, filters: search.DirectoryFilters) -> str:
    """The selection of a download in German; a search text only as such (it may be a name)."""
    parts = ["Suchtext (nicht gespeichert)"] if text.strip() else []
    keys = {"feld": filters.field, "stufe": filters.stage, "sprache": filters.language, "typ": filters.org_type}
    for parameter, (vocab_name, label) in VOCABULARY_FILTERS.items():
        if key := keys[parameter]:
            parts.append(f"{label}: {vocabulary(vocab_name).german(key)}")
    if filters.place:
        names = {place["ags"]: place["name"] for region in _places()
                 for place in [region, *region["municipalities"]]}
        parts.append(f"Ort: {names.get(filters.place, filters.place)}")
    if filters.kind:
        parts.append(KINDS_DE[filters.kind])
    return "; ".join(parts)


@bp.get("/export.csv", endpoint="csv")
@access.permission("read_directory")
def export_csv():
    return _export("directory_csv", lambda rows: csv_text(rows).encode("utf-8-sig"), "text/csv", "verzeichnis.csv")


@bp.get("/export.vcf", endpoint="vcard")
@access.permission("read_directory")
def export_vcard():
    return _export("directory_vcard", lambda rows: vcard_text(rows).encode("utf-8"), "text/vcard", "verzeichnis.vcf")


def _export(kind: str, write, content_type: str, filename: str) -> Response:
    """The rows of the page as a file (up to ``EXPORT_LIMIT``); the download is recorded with
    the persons it holds (``kiz_graph.records.downloads``)."""
    _, text, filters, problems = _query()
    rows = [] if problems else search.directory(get_db(), text, g.user, EXPORT_LIMIT, filters=filters)
    downloads.record(get_db(), user=g.user.username, kind=kind, what=selection_de(text, filters),
                     person_ids=[row["id"] for row in rows if row["kind"] == "person"])
    return attachment(write(rows), f"{content_type}; charset=utf-8", filename)
