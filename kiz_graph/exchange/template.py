"""A workbook to fill in by hand: the exchange format (import-format.md) as an Excel template.

One sheet per record kind, named with its German file name (``Organisationen``, …), German
headers, drop-down lists with the German names of the vocabularies, one example row per sheet
written with names rather than ids, and a sheet ``Hinweise`` that explains every column. The
importer reads the workbook as any other; :func:`is_example` tells it a left-in example row.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from kiz_graph.cells import sheet_row
from kiz_graph.records.schema import KINDS, Column, RecordKind, parse_bool, parse_date, parse_number
from kiz_graph.records.vocabulary import fold, vocabulary

CENTRE = "Kommunales Integrationszentrum Kreis Unna"
ORGANISATION = "Beispielverein e.V."
NETWORK = "Arbeitskreis Sprachförderung Kamen"

#: The example row of each sheet, keyed by the English column names, as the template writes it.
EXAMPLES: dict[str, dict[str, str]] = {
    "organisations": {
        "name": ORGANISATION, "type": "Migrantenselbstorganisation", "region": "Kreis Unna", "municipality": "Kamen",
        "languages": "Türkisch, Deutsch", "fields": "Bildung, Erziehung und Betreuung", "stages": "Primarstufe",
        "street": "Musterstraße 1", "postcode": "59174", "city": "Kamen", "email": "info@beispielverein.example",
    },
    "persons": {
        "name": "Erika Beispiel", "organisation_id": ORGANISATION, "function": "Vorsitzende",
        "email": "erika.beispiel@beispielverein.example", "languages": "Deutsch, Türkisch", "consent": "intern",
        "consent_date": "01.03.2024",
    },
    "cooperations": {
        "to_id": ORGANISATION, "form": "Kooperationsvereinbarung", "since": "01.03.2024",
        "fields": "Bildung", "agreement": "Elterncafé an zwei Grundschulen", "last_contact": "15.05.2024",
    },
    "centres": {
        "id": CENTRE, "applied_on": "01.09.2012", "raa_predecessor": "ja", "concept_adopted_by": "Kreistag",
        "concept_topics": "Integration durch Bildung",
    },
    "positions": {
        "centre_id": CENTRE, "profession": "Lehrkraft", "fte": "0,5", "funding": "Abordnung durch das Land",
        "role": "Leitung",
    },
    "networks": {"name": NETWORK, "centre_id": CENTRE, "topic": "Sprachförderung in Kita und Grundschule"},
    "network_members": {"network_id": NETWORK, "organisation_id": ORGANISATION, "since": "01.03.2024"},
    "offers": {
        "title": "Elterncafé im Beispielverein", "provider_id": ORGANISATION,
        "task": "Vermittlung von Elternberatung und Zusammenarbeit mit Eltern", "fields": "Erziehung und Betreuung",
        "stages": "frühe Bildung, Primarstufe", "languages": "Deutsch, Türkisch",
        "target_group": "Eltern von Kita- und Grundschulkindern", "municipality": "Kamen",
    },
}

# Sheets in the order a person fills them in; the importer loads them in its own order.
SHEET_ORDER = ("organisations", "persons", "cooperations", "centres", "positions", "networks",
               "network_members", "offers")
NOTES = "Hinweise"
ROWS = 1000  # rows that get the drop-down lists
FIRST_LIST_COLUMN = 8  # column H of the notes: the values of the drop-down lists
# Kinds whose id may be left empty: the importer matches the row by name (import-format.md, "Keys").
OPTIONAL_IDS = ("organisations", "persons", "positions", "networks", "offers")

HELP: dict[str | tuple[str, str], str] = {  # by column, or by kind and column
    "region": "Kreis oder kreisfreie Stadt: Name (Kreis Unna, Dortmund) oder Kreisschlüssel (05978). Pflicht, "
              "außer für landesweite Stellen.",
    "municipality": "Gemeinde: Name (Kamen, Lünen oder Luenen) oder AGS (05978020).",
    "from_id": "Von wem die Kooperation ausgeht: leer lassen beim Import für das eigene Zentrum, sonst Name oder "
               "Kennung des Zentrums oder der Organisation.",
    "consent": "Einwilligung der Person, ihre Kontaktdaten zu zeigen: keine, intern (nur für Mitarbeitende der "
               "Zentren) oder öffentlich (für alle Angemeldeten). „ja“ gilt als intern, „nein“ als keine.",
    "consent_date": "Datum der Einwilligung; Pflicht bei intern oder öffentlich.",
    "consent_purpose": "Wofür die Person eingewilligt hat (z. B. Kontakt für Bildungsangebote im Kreis).",
    "consent_recorded_by": "Wer die Einwilligung erfasst hat; die Anwendung trägt es selbst ein.",
    "consent_withdrawn_on": "Wann die Einwilligung widerrufen wurde; die Anwendung trägt es selbst ein.",
    "fte": "Stellenanteil zwischen 0 und 1, z. B. 0,5 für eine halbe Stelle.",
    "until": "Bis wann es bestand (leer: besteht noch).",
    "since": "Seit wann es besteht.",
    "schulnummer": "Die sechsstellige Schulnummer des Landes (nur Schulen).",
    "email": "E-Mail-Adresse.",
    "note": "Freier Text; Zeilenumbrüche sind erlaubt.",
    "title": "Titel des Angebots.",
    "function": "Funktion der Person in ihrer Organisation (z. B. Vorsitzende, Schulleitung).",
    "agreement": "Was vereinbart ist, in wenigen Worten.",
    "target_group": "Für wen das Angebot ist.",
    "topic": "Thema des Netzwerks.",
    "street": "Straße und Hausnummer.",
    "postcode": "Postleitzahl.",
    "city": "Ort der Anschrift.",
    "phone": "Telefonnummer.",
    "website": "Webseite (Adresse).",
    ("organisations", "name"): "Name der Organisation, wie sie sich selbst schreibt (z. B. „Beispielverein e.V.“).",
    ("persons", "name"): "Vor- und Nachname.",
    ("networks", "name"): "Name des Netzwerks, Arbeitskreises oder Runden Tischs.",
}
# Said after the allowed values of a column.
MORE_HELP = {
    "type": "Auch eine Schulform (Grundschule, Gymnasium, …) oder ein Landesprogramm (Integrationsagentur, …) "
            "geht; die Schulform oder das Programm wird dann übernommen.",
    "school_form": "Nur für Schulen.",
}
REFERENCE_HELP = {
    "Organisation": "eine Organisation", "Centre": "ein Zentrum", "Person": "eine Person", "Network": "ein Netzwerk",
}


def sheet_name(kind: RecordKind) -> str:
    """``netzwerk_mitglieder`` → ``Netzwerk_Mitglieder``: the German file name, capitalised."""
    return "_".join(part.capitalize() for part in kind.german_file.split("_"))


def write_template(path):
    """Write the template workbook to ``path`` (an ``.xlsx`` file, or a binary file object)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    notes = workbook.create_sheet(NOTES)  # first: what to read first
    _write_notes(notes)
    lists = _write_value_lists(notes)
    for kind_name in SHEET_ORDER:
        _write_kind_sheet(workbook.create_sheet(sheet_name(KINDS[kind_name])), KINDS[kind_name], lists)
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _write_kind_sheet(sheet, kind: RecordKind, lists: dict[str, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.append(sheet_row(sheet, [column.german for column in kind.columns]))
    sheet.append(sheet_row(sheet, [EXAMPLES[kind.name].get(column.name, "") for column in kind.columns]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
        cell.number_format = "@"  # text: 01.03.2024 stays as written
    sheet["A2"].comment = Comment("Beispielzeile: überschreiben oder löschen. Bleibt sie unverändert stehen, "
                                  "überspringt der Import sie.", "kiz-graph")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(kind.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        example = EXAMPLES[kind.name].get(column.name, "")
        sheet.column_dimensions[letter].width = min(40, max(14, len(column.german) + 4, len(example) + 2))
        if column.kind == "bool":
            choices = '"ja,nein"'
        elif column.vocabulary in lists and column.kind != "list":
            choices = lists[column.vocabulary]
        else:
            continue
        validation = DataValidation(type="list", formula1=choices, allow_blank=True, errorStyle="warning",
                                    errorTitle="Wert nicht in der Liste",
                                    error="Bitte einen Wert aus der Liste wählen. Andere Schreibweisen prüft der Import.")
        validation.add(f"{letter}2:{letter}{ROWS}")
        sheet.add_data_validation(validation)


def _write_value_lists(notes) -> dict[str, str]:
    """The German names of each single-value vocabulary, in columns right of the notes; the
    drop-down lists refer to them (an inline list is limited to 255 characters)."""
    headers = {column.vocabulary: column.german for kind in KINDS.values() for column in reversed(kind.columns)
               if column.vocabulary and column.kind != "list"}
    ranges = {}
    for offset, name in enumerate(sorted(headers)):
        letter = notes.cell(row=1, column=FIRST_LIST_COLUMN + offset).column_letter
        words = vocabulary(name)
        notes.cell(row=1, column=FIRST_LIST_COLUMN + offset, value=f"Auswahl {headers[name]}")
        for row, key in enumerate(words.keys, start=2):
            notes.cell(row=row, column=FIRST_LIST_COLUMN + offset, value=words.german(key))
        ranges[name] = f"{NOTES}!${letter}$2:${letter}${len(words.keys) + 1}"
    return ranges


INTRODUCTION = (
    "So füllen Sie diese Vorlage aus",
    "Jedes Blatt ist eine Liste: Organisationen, Personen, Kooperationen usw. Füllen Sie nur die Blätter aus, "
    "die Sie brauchen; leere Blätter dürfen gelöscht werden.",
    "Die graue Zeile 2 jedes Blatts ist ein Beispiel. Überschreiben oder löschen Sie sie; bleibt sie unverändert "
    "stehen, überspringt der Import sie mit einem Hinweis.",
    "Kennungen sind freiwillig: Verweisen Sie mit Namen (Organisation „Beispielverein e.V.“, Zentrum "
    f"„{CENTRE}“). Ein Name muss eindeutig sein; sonst nennt der Import die Kandidaten.",
    "Mehrere Werte in einer Zelle (Sprachen, Handlungsfelder, Bildungsstufen, Schwerpunkte) trennen Sie mit "
    "| ; , oder / – z. B. „Türkisch, Arabisch“.",
    "Datumsangaben: 01.03.2024, 1.3.24 oder 2024-03-01; Excel-Datumszellen gehen auch. Zweistellige Jahre 00–69 "
    "sind 2000–2069, 70–99 sind 1970–1999.",
    "Ja/Nein-Spalten: ja oder nein (auch x für ja, leer für unbekannt).",
    "Werte aus Auswahllisten dürfen auch anders geschrieben werden: Groß- und Kleinschreibung, ae statt ä, Einzahl "
    "oder Mehrzahl (Servicestelle oder Servicestellen) sind gleich. Ein unbekannter Wert wird beim Import mit den "
    "erlaubten Werten gemeldet; gespeichert wird erst, wenn alle Zeilen stimmen.",
)


def _write_notes(notes) -> None:
    from openpyxl.styles import Alignment, Font

    for text in INTRODUCTION:
        notes.append(sheet_row(notes, [text]))
        notes.merge_cells(start_row=notes.max_row, start_column=1, end_row=notes.max_row, end_column=5)
        notes.cell(row=notes.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        notes.row_dimensions[notes.max_row].height = 32
    notes["A1"].font = Font(bold=True, size=13)
    notes.append([])
    notes.append(["Blatt", "Spalte", "Pflicht", "Was eintragen", "Beispiel"])
    for cell in notes[notes.max_row]:
        cell.font = Font(bold=True)
    for kind_name in SHEET_ORDER:
        kind = KINDS[kind_name]
        for column in kind.columns:
            notes.append(sheet_row(notes, [sheet_name(kind), column.german, "ja" if _required(kind, column) else "",
                                           explain(kind, column), EXAMPLES[kind_name].get(column.name, "")]))
    for letter, width in zip("ABCDE", (20, 24, 8, 90, 34)):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_col=4, max_col=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _required(kind: RecordKind, column: Column) -> bool:
    if column.name == "id":
        return kind.name not in OPTIONAL_IDS
    return column.required and column.name != "from_id"


def explain(kind: RecordKind, column: Column) -> str:
    """What to write in a column, in plain German."""
    said = HELP.get((kind.name, column.name)) or HELP.get(column.name)
    if said:
        return said
    if column.name == "id":
        if kind.name == "centres":
            return f"Das Zentrum: sein Name („{CENTRE}“) oder ki- und der Kreisschlüssel (ki-05978)."
        if kind.name in OPTIONAL_IDS:
            return ("Freiwillig: eine eigene, dauerhafte Kennung aus Ihrer Liste. Leer lassen geht: Dann wird die "
                    "Zeile über Namen (eine Person über E-Mail, sonst Name und Organisation) zugeordnet.")
    if column.references:
        what = " oder ".join(REFERENCE_HELP.get(label, label) for label in column.references)
        return f"Verweis auf {what}: der Name (eindeutig) oder die Kennung."
    if column.vocabulary:
        words = vocabulary(column.vocabulary)
        allowed = ", ".join(words.german(key) for key in words.keys)
        several = " Mehrere Werte mit | ; , oder / trennen." if column.kind == "list" else ""
        return " ".join(filter(None, (f"Ein Wert aus der Liste: {allowed}.", several.strip(),
                                      MORE_HELP.get(column.name))))
    if column.kind == "date":
        return "Datum, z. B. 01.03.2024."
    if column.kind == "bool":
        return "ja oder nein (leer: unbekannt)."
    return "Text."


def is_example(kind: str, raw_record: dict) -> bool:
    """Whether ``raw_record`` (English column names, values as text, as read from the file before
    any default is filled in) is the template's example row of ``kind``, left in by mistake.
    Case, spaces and umlaut spellings do not matter, nor a date or number Excel re-formatted;
    a column the sheet lacks is not compared."""
    if kind not in EXAMPLES:
        return False
    compared = [column for column in KINDS[kind].columns if column.name in raw_record]
    if not any(str(raw_record[column.name] or "").strip() for column in compared):
        return False
    normals = _example_normals(kind)
    text = next((column for column in compared if column.kind == "text" and normals[column.name]), None)
    if text is not None and _quick(raw_record[text.name]) != normals[("quick", text.name)]:
        return False  # the usual answer, found cheaply: every row of an import is asked
    return all(_normal(column, raw_record[column.name]) == normals[column.name] for column in compared)


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_WORD = re.compile(r"[\W_]+")


def _quick(value) -> str:
    """A text folded as ``fold`` does for what the examples hold (no accents but umlauts), fast."""
    return _NOT_WORD.sub("", str(value or "").casefold().translate(_UMLAUTS))


@functools.cache
def _example_normals(kind: str) -> dict[str, object]:
    """The example row's values as compared (once: the importer asks for every row)."""
    normals: dict = {column.name: _normal(column, EXAMPLES[kind].get(column.name, "")) for column in KINDS[kind].columns}
    normals.update({("quick", name): _quick(value) for name, value in EXAMPLES[kind].items()})
    return normals


def _normal(column: Column, value) -> object:
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    parse = {"date": parse_date, "number": parse_number, "bool": parse_bool}.get(column.kind)
    if parse is not None:
        try:
            return parse(text)
        except ValueError:
            pass
    return fold(text)
