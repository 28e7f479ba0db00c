"""Reading the files people write by hand (formats.read_paths): no database needed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from kiz_graph.exchange import formats

BOM = "\ufeff"
TITLE = "Netzwerkliste KI Kreis Unna, Stand 03/2024"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def messages(loaded: formats.Loaded) -> list[str]:
    return [str(problem) for problem in loaded.problems]


def no_paths(loaded: formats.Loaded, folder: Path) -> None:
    """No message, warning or source names a folder of the server."""
    texts = messages(loaded) + loaded.warnings + loaded.ignored + list(loaded.mappings) + list(loaded.sources.values())
    assert not [text for text in texts if str(folder) in text or "/" in text.split(":")[0]]


# --- the strict format, as export writes it -------------------------------------------------

def test_the_strict_format_reads_as_before(tmp_path):
    formats.write_csv_folder(tmp_path / "out", {
        "organisations": [{"id": "kita-1", "name": "Kita Regenbogen", "type": "Daycare", "region": "05978",
                           "languages": ["de", "tr"]}],
        "cooperations": [{"from_id": "ki-05978", "to_id": "kita-1", "form": "Projekt",
                          "since": dt.date(2018, 4, 1)}],
    })
    write(tmp_path / "out" / "persons.csv", "sep=,\nid,name,organisation_id\nper-1,\"Yılmaz, Ayşe\",kita-1\n")
    loaded = formats.read_paths([tmp_path / "out"])
    assert loaded.problems == [] and loaded.warnings == [] and loaded.ignored == []
    assert loaded.records["organisations"][0]["languages"] == "de|tr"
    assert loaded.records["cooperations"][0]["since"] == "2018-04-01"
    assert loaded.records["persons"] == [{"id": "per-1", "name": "Yılmaz, Ayşe", "organisation_id": "kita-1"}]
    assert loaded.lines["persons"] == [3] and loaded.sources["persons"] == "persons.csv"
    assert loaded.columns["cooperations"]["from_id"] == "from_id"
    assert loaded.mappings["organisations.csv"]["kind"] == "organisations"
    assert loaded.mappings["organisations.csv"]["header_line"] == 1
    assert loaded.mappings["organisations.csv"]["columns"][:2] == [["id", "id"], ["name", "name"]]


def test_the_strict_workbook_reads_as_before(tmp_path):
    path = formats.write_workbook(tmp_path / "export.xlsx", {
        "networks": [{"id": "nw-1", "name": "AK Sprache", "centre_id": "ki-05978"}]})
    loaded = formats.read_paths([path])
    assert loaded.problems == [] and loaded.records["networks"][0]["name"] == "AK Sprache"
    assert loaded.sources["networks"] == "export.xlsx[networks]"


# --- 1. mapping overrides what is detected --------------------------------------------------

def test_a_mapping_names_the_kind_and_the_columns(tmp_path):
    write(tmp_path / "Liste.csv", "Wer;Kreis;Art;Bemerkung\nKita Regenbogen;Kreis Unna;Kita;neu\n")
    write(tmp_path / "Alt.csv", "Name;Typ;Region\nKita Alt;Kita;05978\n")
    mapping = {"Liste.csv": {"kind": "organisations", "columns": {"Wer": "name", "Bemerkung": "", "Art": "type"}},
               "Alt.csv": {"kind": ""}}
    loaded = formats.read_paths([tmp_path], mapping=mapping)
    assert loaded.problems == []
    assert loaded.records["organisations"] == [{"name": "Kita Regenbogen", "region": "Kreis Unna", "type": "Kita"}]
    assert loaded.mappings["Liste.csv"] == {"kind": "organisations", "header_line": 1, "columns": [
        ["Wer", "name"], ["Kreis", "region"], ["Art", "type"], ["Bemerkung", None]]}
    assert loaded.ignored == ["Alt.csv"] and loaded.mappings["Alt.csv"]["kind"] is None
    assert "Alt.csv: laut Zuordnung nicht eingelesen" in loaded.warnings
    no_paths(loaded, tmp_path)


def test_a_mapping_to_what_does_not_exist_is_a_problem(tmp_path):
    write(tmp_path / "Liste.csv", "Name;Typ;Region\nKita;Kita;05978\n")
    loaded = formats.read_paths([tmp_path / "Liste.csv"], mapping={
        "Liste.csv": {"kind": "organisations", "columns": {"Typ": "farbe"}}, "Weg.csv": {"kind": "persons"}})
    assert "Liste.csv:1:Typ: „farbe“ ist keine Spalte von Organisationen" in messages(loaded)
    assert any("Weg.csv" in warning for warning in loaded.warnings)
    wrong = formats.read_paths([tmp_path / "Liste.csv"], mapping={"Liste.csv": {"kind": "Partner"}})
    assert messages(wrong) == ["Liste.csv: unbekannte Art „Partner“ in der Zuordnung"]


# --- 2. ignored sources are listed, mappings can be shown -----------------------------------

def test_what_maps_to_no_kind_is_listed_with_its_headers(tmp_path):
    write(tmp_path / "Netzwerkmitglieder.csv", "Netzwerk;Organisation\nAK Sprache;AWO Unna\n")
    write(tmp_path / "Liste.csv", "Datum;Uhrzeit;Raum\n01.02.2024;10:00;A1\n")
    (tmp_path / "Protokoll.pdf").write_bytes(b"%PDF-1.4")
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == [] and sorted(loaded.ignored) == ["Liste.csv", "Protokoll.pdf"]
    assert loaded.mappings["Liste.csv"] == {"kind": None, "header_line": 1, "columns": [
        ["Datum", None], ["Uhrzeit", None], ["Raum", None]]}
    assert any(w.startswith("Liste.csv: keine Art erkannt") for w in loaded.warnings)
    no_paths(loaded, tmp_path)


# --- 3. a header below title rows -------------------------------------------------------------

def test_the_header_is_found_below_a_title_row(tmp_path):
    write(tmp_path / "Netzwerkmitglieder.csv", BOM + f"{TITLE};;\n;;\nNetzwerk;Organisation;Seit\n"
                                                     "AK Sprache;AWO Unna;01.02.2020\n")
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == []
    assert loaded.records["network_members"] == [
        {"network_id": "AK Sprache", "organisation_id": "AWO Unna", "since": "01.02.2020"}]
    assert loaded.lines["network_members"] == [4] and loaded.mappings["Netzwerkmitglieder.csv"]["header_line"] == 3
    assert "Netzwerkmitglieder.csv: Zeile 1 über der Kopfzeile übersprungen" in loaded.warnings


# --- 4. headers: German, synonyms, names in parts, unknown and doubled columns --------------

def test_organisation_headers_people_write(tmp_path):
    write(tmp_path / "Partner.csv", BOM + (
        "Einrichtung;Art;Straße;Postleitzahl;Stadt;Homepage;E-Mail-Adresse;Tel.;Kreis;Gemeinde;Bemerkung\n"
        "AWO Unna;Wohlfahrtsverband;Bahnhofstr. 1;59423;Unna;awo-unna.de;info@awo-unna.de;02303 1;Kreis Unna;Unna;"
        "gut\n"))
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == []
    assert loaded.records["organisations"] == [{
        "name": "AWO Unna", "type": "Wohlfahrtsverband", "street": "Bahnhofstr. 1", "postcode": "59423",
        "city": "Unna", "website": "awo-unna.de", "email": "info@awo-unna.de", "phone": "02303 1",
        "region": "Kreis Unna", "municipality": "Unna"}]
    assert "Partner.csv: Spalte „Bemerkung“ wird nicht eingelesen" in loaded.warnings
    assert loaded.header_of("organisations", "website") == "Homepage"


def test_a_person_named_in_parts(tmp_path):
    write(tmp_path / "Ansprechpersonen.csv", BOM + (
        "Anrede;Titel;Vorname;Nachname;Organisation;Position;Mail;Einverständnis\n"
        "Frau;Dr.;Ayşe;Yılmaz;DTEV Kamen;Vorsitzende;a@example.org;öffentlich\n"
        "Herr;;Jan;Kowalski;AWO Unna;;;\n"))
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == []
    assert loaded.records["persons"][0] == {"name": "Dr. Ayşe Yılmaz", "organisation_id": "DTEV Kamen",
                                            "function": "Vorsitzende", "email": "a@example.org",
                                            "consent": "öffentlich"}
    assert loaded.records["persons"][1]["name"] == "Jan Kowalski"
    assert loaded.header_of("persons", "name") == "Titel + Vorname + Nachname"
    assert any("„Anrede“ wird nicht eingelesen (die Anrede" in warning for warning in loaded.warnings)
    assert ["Vorname", "first_name"] in loaded.mappings["Ansprechpersonen.csv"]["columns"]


def test_cooperation_headers_people_write(tmp_path):
    write(tmp_path / "Kooperationen.csv", "KI;Kooperationspartner;Art der Kooperation;Beginn;Ende;Bemerkung\n"
                                          "ki-05978;AWO Unna;Projekt;2019;2020;läuft aus\n")
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == [] and loaded.warnings == []
    assert loaded.records["cooperations"] == [{"from_id": "ki-05978", "to_id": "AWO Unna", "form": "Projekt",
                                               "since": "2019", "until": "2020", "note": "läuft aus"}]


def test_two_headers_for_one_column_are_named_both(tmp_path):
    write(tmp_path / "Organisationen.csv", "Name;Typ;Ort;Stadt\nKita;Kita;Unna;Unna\n")
    write(tmp_path / "Personen.csv", "Name;Vorname;Organisation\nYılmaz;Ayşe;DTEV\n")
    found = messages(formats.read_paths([tmp_path]))
    assert "Organisationen.csv:1:Stadt: Spalte doppelt: „Ort“ und „Stadt“ meinen dasselbe" in found
    assert any(m.startswith("Personen.csv:1:Name: Spalte doppelt: „Name“ und „Vorname“") for m in found)


# --- 5. the kind of a file or sheet ---------------------------------------------------------

def test_the_sheets_of_a_hand_made_workbook(tmp_path):
    path = workbook(tmp_path / "Mappe KI Unna.xlsx", {
        "Hinweise": [["Bitte je Blatt eine Liste eintragen."]],
        "Angaben": [["Kennung", "Eröffnet am"], ["ki-05978", dt.datetime(2013, 7, 1)]],
        "Ansprechpersonen": [[TITLE], [], ["Name", "Organisation", "Funktion"], ["Ayşe Yılmaz", "DTEV", "Vorsitz"]],
        "Netzwerkmitglieder": [["Netzwerk", "Organisation"], ["AK Sprache", "DTEV"]],
        "Tabelle1": [["Einrichtung", "Typ", "Kreis", "PLZ"], ["DTEV", "MSO", "Unna", 59174]],
        "Tabelle2": [["Datum", "Raum"], ["heute", "A1"]],
        "Tabelle3": [],
    })
    loaded = formats.read_paths([path])
    assert loaded.problems == []
    assert loaded.sources == {"centres": "Mappe KI Unna.xlsx[Angaben]", "persons": "Mappe KI Unna.xlsx[Ansprechpersonen]",
                              "network_members": "Mappe KI Unna.xlsx[Netzwerkmitglieder]",
                              "organisations": "Mappe KI Unna.xlsx[Tabelle1]"}
    assert loaded.records["centres"] == [{"id": "ki-05978", "opened_on": "2013-07-01"}]
    assert loaded.records["organisations"][0]["postcode"] == "59174"
    assert loaded.ignored == ["Mappe KI Unna.xlsx[Tabelle2]"]  # not Hinweise, not the empty sheet
    assert "Mappe KI Unna.xlsx[Hinweise]: Hinweise, nicht eingelesen" in loaded.warnings
    assert any(w.startswith("Mappe KI Unna.xlsx[Tabelle1]: als Organisationen gelesen") for w in loaded.warnings)
    assert loaded.mappings["Mappe KI Unna.xlsx[Ansprechpersonen]"]["header_line"] == 3


@pytest.mark.parametrize("name, kind", [
    ("Netzwerkmitglieder.csv", "network_members"), ("netzwerk_mitglieder.csv", "network_members"),
    ("Kontakte.csv", "persons"), ("Einrichtungen.csv", "organisations"), ("Akteure.csv", "organisations"),
    ("Zentren.csv", "centres"), ("Personal.csv", "positions"), ("Netzwerke.csv", "networks"),
    ("Angebote.csv", "offers"), ("KOOPERATIONEN.CSV", "cooperations"), ("Tabelle1", None), ("Liste.csv", None)])
def test_kinds_by_file_name(name, kind):
    assert formats.kind_for_file(name) == kind


def test_when_nothing_is_read_the_files_are_named_bare(tmp_path):
    folder = tmp_path / "upload"
    folder.mkdir()
    write(folder / "Liste.csv", "a;b\n1;2\n")
    loaded = formats.read_paths([folder])
    assert messages(loaded) == ["Liste.csv: keine Datei des Austauschformats gefunden"]
    missing = formats.read_paths([tmp_path / "weg.csv"])
    assert messages(missing) == ["weg.csv: Datei oder Ordner nicht gefunden"]
    no_paths(loaded, tmp_path)


# --- 6. encodings and delimiters ------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_unicode_text_from_excel(tmp_path, encoding):
    text = "Einrichtung\tTyp\tKreis\nDeutsch-Türkischer Elternverein; Kamen\tMSO\tUnna\n"
    if encoding == "utf-16-be":
        text = BOM + text  # a BOM of its own: big-endian with BOM; utf-16 writes one, utf-16-le none
    write(tmp_path / "Organisationen.txt", text, encoding)
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == []
    assert loaded.records["organisations"] == [
        {"name": "Deutsch-Türkischer Elternverein; Kamen", "type": "MSO", "region": "Unna"}]


def test_the_delimiter_is_found_on_the_header_not_the_title(tmp_path):
    write(tmp_path / "Organisationen.csv", "Stand; 03/2024; Kreis Unna\nName,Typ,Region,Ort\nKita,Kita,05978,Unna\n")
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == []
    assert loaded.records["organisations"] == [{"name": "Kita", "type": "Kita", "region": "05978", "city": "Unna"}]


def test_cp1252_is_read_with_a_warning(tmp_path):
    write(tmp_path / "Organisationen.csv", "Name;Typ;Region\nGriechische Gemeinde Lünen;MSO;05978\n", "cp1252")
    loaded = formats.read_paths([tmp_path])
    assert loaded.records["organisations"][0]["name"] == "Griechische Gemeinde Lünen"
    assert loaded.warnings == ["Organisationen.csv: nicht UTF-8, als Windows-1252 (cp1252) gelesen"]


# --- 7. rows too long, missing columns ------------------------------------------------------

def test_an_unquoted_semicolon_is_one_problem_and_the_row_is_left_out(tmp_path):
    write(tmp_path / "Organisationen.csv", BOM + (
        "Name;Typ;Region;Straße;PLZ;Ort;E-Mail;Telefon;Webseite\n"
        "Kita Regenbogen;Kita;05978;Weg 1;59174;Kamen;a@b.de;1;kita.de\n"
        "Kita Sonne; Mond;Kita;05978;Weg 2;59174;Kamen;c@d.de;2;sonne.de\n"))
    loaded = formats.read_paths([tmp_path])
    assert messages(loaded) == ["Organisationen.csv:3: zu viele Werte: 10 statt 9 "
                                "(steht ein „;“ ohne Anführungszeichen in einem Wert?)"]
    assert loaded.lines["organisations"] == [2]


def test_missing_columns_are_named_in_the_files_language(tmp_path):
    write(tmp_path / "Kooperationen.csv", "Mit;Form\nawo;Projekt\n")
    write(tmp_path / "network_members.csv", "network_id;since\nnw-1;2020-01-01\n")
    found = messages(formats.read_paths([tmp_path]))
    assert found == ["Kooperationen.csv:1:Seit: Pflichtspalte „Seit“ fehlt",
                     "network_members.csv:1:organisation_id: Pflichtspalte „organisation_id“ fehlt"]


def test_ids_and_the_centre_are_not_required_in_files(tmp_path):
    write(tmp_path / "Organisationen.csv", "Name;Typ;Region\nKita;Kita;05978\n")
    write(tmp_path / "Kooperationen.csv", "Mit;Form;Seit\nKita;Projekt;2020\n")
    write(tmp_path / "Stellen.csv", "Profession;Stellenanteil;Finanzierung\nLehrkraft;0,5;Abordnung\n")
    write(tmp_path / "Netzwerke.csv", "Name;Thema\nAK Sprache;Sprache\n")
    write(tmp_path / "Angebote.csv", "Titel;Zielgruppe\nElterncafé;Eltern\n")
    write(tmp_path / "Personen.csv", "Vorname;Nachname;Organisation\nJan;Kowalski;Kita\n")
    loaded = formats.read_paths([tmp_path])
    assert loaded.problems == [] and len(loaded.records) == 6


# --- 8. Excel cells -------------------------------------------------------------------------

def test_excel_cells_as_text(tmp_path):
    path = workbook(tmp_path / "Liste.xlsx", {"Kooperationen": [
        ["Von", "Mit", "Form", "Seit", "Bis", "Letzter Kontakt"],
        [None, None, None, None, None, None],
        ["ki-05978", "awo", "Projekt", dt.datetime(2018, 4, 1), 43252, 0.5],
    ]})
    loaded = formats.read_paths([path])
    assert loaded.problems == [] and loaded.lines["cooperations"] == [3]
    assert loaded.records["cooperations"] == [{"from_id": "ki-05978", "to_id": "awo", "form": "Projekt",
                                               "since": "2018-04-01", "until": "43252", "last_contact": "0.5"}]


# --- 9. workbooks that would cost the server: limits named in German -------------------------

def rewritten(path: Path, member: str, change) -> Path:
    """The workbook with one part's XML changed by ``change`` (text -> text), highly compressed."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_bomb_workbook_is_refused_at_once(tmp_path):
    import time

    path = workbook(tmp_path / "Bombe.xlsx", {"Organisationen": [["Name", "Typ", "Region"], ["Kita", "Kita", "05978"]]})
    row = '<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>' + "x" * 4_000 + "</t></is></c></row>"
    rows = "".join(row.format(number) for number in range(3, 12_000))  # about 50 MB unpacked, packed 1000 to 1
    rewritten(path, "xl/worksheets/sheet1.xml",  # and no <dimension>, so that every row is read
              lambda xml: re.sub("<dimension[^>]*>", "", xml.replace("</sheetData>", rows + "</sheetData>")))
    assert path.stat().st_size < 2_000_000
    started = time.perf_counter()
    loaded = formats.read_paths([path])
    assert time.perf_counter() - started < 1  # it used to take 100 s
    assert len(loaded.problems) == 1 and loaded.records == {}
    message = messages(loaded)[0]
    assert message.startswith("Bombe.xlsx: Die Datei ist ungewöhnlich stark gepackt") and "entpackt" in message
    no_paths(loaded, tmp_path)


def test_a_workbook_too_big_unpacked_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(formats.workbooks, "MAX_UNPACKED", 4_000)
    path = workbook(tmp_path / "Liste.xlsx", {"Organisationen": [["Name", "Typ", "Region"]]
                                              + [[f"Kita {n}", "Kita", "05978"] for n in range(200)]})
    [message] = messages(formats.read_paths([path]))
    assert message.startswith("Liste.xlsx: Die Datei ist zu groß: entpackt ")
    assert message.endswith(" MB (erlaubt sind höchstens 0,004 MB)")


def test_not_a_workbook_is_named_in_german(tmp_path):
    (tmp_path / "Liste.xlsx").write_bytes(b"Name;Typ\nKita;Kita\n")
    (tmp_path / "Kaputt.xlsx").write_bytes(workbook(tmp_path / "ganz.xlsx", {"A": [["x"]]}).read_bytes()[:900])
    found = messages(formats.read_paths([tmp_path / "Liste.xlsx", tmp_path / "Kaputt.xlsx"]))
    assert found == ["Liste.xlsx: keine lesbare Excel-Arbeitsmappe (die Datei ist kein ZIP-Archiv, wie es eine "
                     ".xlsx-Datei ist: vielleicht eine umbenannte CSV- oder .xls-Datei)",
                     "Kaputt.xlsx: keine lesbare Excel-Arbeitsmappe (die Datei ist beschädigt oder unvollständig)"]


def test_rows_are_read_as_they_are_not_by_the_declared_dimension(tmp_path):
    path = workbook(tmp_path / "Liste.xlsx", {"Organisationen": [["Name", "Typ", "Region"]]
                                              + [[f"Kita {n}", "Kita", "05978"] for n in range(1, 5)]})
    rewritten(path, "xl/worksheets/sheet1.xml",
              lambda xml: xml.replace('<dimension ref="A1:C5"', '<dimension ref="A1:B2"'))
    loaded = formats.read_paths([path])
    assert loaded.problems == []
    assert [record["name"] for record in loaded.records["organisations"]] == ["Kita 1", "Kita 2", "Kita 3", "Kita 4"]


def test_too_many_columns_and_a_too_long_cell_are_named(tmp_path):
    from kiz_graph.exchange import workbooks

    wide = workbook(tmp_path / "Breit.xlsx", {"Organisationen": [
        ["Name", "Typ", "Region"], ["Kita", "Kita", "05978"] + [None] * workbooks.MAX_COLUMNS + ["x"]]})
    long = workbook(tmp_path / "Lang.xlsx", {"Organisationen": [
        ["Name", "Typ", "Region"], ["Kita", "Kita", "05978"], ["Kita", "K" * workbooks.MAX_CELL, "05978"]]})
    rewritten(long, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("KK", "KKK", 1))  # openpyxl writes no more
    assert messages(formats.read_paths([wide, long])) == [
        "Breit.xlsx[Organisationen]:2: zu viele Spalten: erlaubt sind höchstens 1.000",
        "Lang.xlsx[Organisationen]:3:B: Zelle zu lang: 32.768 Zeichen, erlaubt sind höchstens 32.767 "
        "(so viele fasst auch Excel)"]


def test_too_many_rows_are_named(tmp_path, monkeypatch):
    monkeypatch.setattr(formats.workbooks, "MAX_ROWS", 3)
    path = workbook(tmp_path / "Liste.xlsx", {"Organisationen": [["Name", "Typ", "Region"]]
                                              + [[f"Kita {n}", "Kita", "05978"] for n in range(1, 5)]})
    assert messages(formats.read_paths([path])) == [
        "Liste.xlsx[Organisationen]:4: zu viele Zeilen: erlaubt sind höchstens 3 je Blatt; bitte in mehreren "
        "Dateien hochladen"]


# --- 10. what the export writes never runs as a formula, and reads back the same --------------

FORMULAS = {"name": '=HYPERLINK("http://evil.example","klick")', "street": "=1+1", "phone": "+49 2303 27-1234",
            "city": "-Minus", "email": "@Anfang", "programme": "'=schon mit Apostroph"}


def test_exported_formulas_are_text_and_read_back_the_same(tmp_path):
    from openpyxl import load_workbook

    records = {"organisations": [{"id": "org-1", "type": "MSO", "region": "05978", "fte": None, **FORMULAS}]}
    [folder_file] = formats.write_csv_folder(tmp_path / "csv", records)
    book = formats.write_workbook(tmp_path / "xlsx" / "export.xlsx", records)
    rows = list(csv.DictReader(io.StringIO(folder_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {column: rows[0][column] for column in FORMULAS} == {
        "name": "'=HYPERLINK(\"http://evil.example\",\"klick\")", "street": "'=1+1", "phone": "'+49 2303 27-1234",
        "city": "'-Minus", "email": "'@Anfang", "programme": "''=schon mit Apostroph"}
    sheet = load_workbook(book)["organisations"]
    cells = {sheet.cell(1, column).value: sheet.cell(2, column) for column in range(1, sheet.max_column + 1)}
    assert all(cells[column].data_type == "s" for column in FORMULAS)  # text, never "f"
    assert {column: cells[column].value for column in FORMULAS} == {**FORMULAS, "programme": "''=schon mit Apostroph"}
    for path in (tmp_path / "csv", book):
        read = formats.read_paths([path]).records["organisations"][0]
        assert {column: read[column] for column in FORMULAS} == FORMULAS


def test_reading_strips_one_apostrophe_before_a_formula_sign_only(tmp_path):
    write(tmp_path / "Organisationen.csv", "Name;Typ;Region;Straße\n'=1+1;Kita;05978;'Hallo\n''+49;Kita;05978;'\n")
    assert [(record["name"], record["street"]) for record in formats.read_paths([tmp_path]).records["organisations"]] \
        == [("=1+1", "'Hallo"), ("'+49", "'")]
