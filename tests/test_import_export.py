"""Import and export of the exchange format, on a real database."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from demo_support import small_demo

from kiz_graph import errors
from kiz_graph.errors import NotSeededError, ValidationError
from kiz_graph.exchange import export, importer, seeding
from kiz_graph.records import audit, duplicates, edits, writer
from kiz_graph.store import maintenance

BOM = "\ufeff"


@pytest.fixture
def seeded(db):
    seeding.seed(db)
    return db


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def count(db, query: str) -> int:
    return db.run_text(query, write=False)[0]["n"]


GERMAN_ORGANISATIONS = BOM + """Kennung;Name;Typ;Region;Gemeinde;Sprachen;Handlungsfelder;Straße;PLZ;Ort
mso-kamen-1;Deutsch-Türkischer Elternverein Kamen e.V.;Migrantenselbstorganisation;05978;05978020;tr|de;Bildung;Weststraße 12;59174;Kamen
awo-unna;AWO Unterbezirk Unna;Wohlfahrtsverband;05978;;;Erziehung und Betreuung;;;
"""
GERMAN_COOPERATIONS = BOM + """Von;Mit;Form;Seit;Bis;Handlungsfelder;Letzter Kontakt;Notiz
ki-05978;mso-kamen-1;Kooperationsvereinbarung;01.06.2014;;Bildung|sprachliche und interkulturelle Bildung;15.03.2025;Elterncafé
ki-05978;awo-unna;Beteiligung;01.03.2012;31.12.2019;;;
"""
GERMAN_PERSONS = BOM + """sep=;
Kennung;Name;Organisation;Funktion;Einwilligung;Einwilligung am
per-1;Ayşe Yılmaz;mso-kamen-1;Vorsitzende;öffentlich;02.01.2024
"""
GERMAN_POSITIONS = BOM + """Zentrum;Kennung;Profession;Stellenanteil;Finanzierung;Rolle
ki-05978;pos-1;Lehrkraft;0,5;Abordnung;Leitung
"""


def test_a_german_excel_export_imports_cleanly(seeded, tmp_path):
    write(tmp_path / "organisationen.csv", GERMAN_ORGANISATIONS)
    write(tmp_path / "kooperationen.csv", GERMAN_COOPERATIONS)
    write(tmp_path / "personen.csv", GERMAN_PERSONS)
    write(tmp_path / "stellen.csv", GERMAN_POSITIONS)
    result = importer.import_paths(seeded, [tmp_path])
    assert [(f.source, f.created) for f in result.files] == [
        ("organisationen.csv", 2), ("personen.csv", 1), ("stellen.csv", 1), ("kooperationen.csv", 2)]
    mso = edits.get(seeded, "organisations", "mso-kamen-1")
    assert mso["type"] == "MigrantOrganisation" and mso["languages"] == ["tr", "de"] and mso["street"] == "Weststraße 12"
    cooperation = edits.get(seeded, "cooperations", ("ki-05978", "awo-unna", "Beteiligung"))
    assert cooperation["until"].isoformat() == "2019-12-31" and cooperation["form"] == "Beteiligung"
    assert edits.get(seeded, "positions", "pos-1")["fte"] == 0.5
    assert edits.get(seeded, "persons", "per-1")["consent"] == "public"

    again = importer.import_paths(seeded, [tmp_path])  # idempotent
    assert all(f.created == 0 and f.updated == 0 for f in again.files)
    assert sum(f.unchanged for f in again.files) == 6


def test_a_corrected_start_updates_the_one_cooperation_of_a_pair_and_form(seeded, tmp_path):
    """A cooperation is one per pair and form (import-format.md): a file that corrects its
    Seit changes it, and does not start a second one beside it."""
    write(tmp_path / "organisationen.csv", GERMAN_ORGANISATIONS)
    path = write(tmp_path / "kooperationen.csv", GERMAN_COOPERATIONS)
    importer.import_paths(seeded, [tmp_path])
    key = ("ki-05978", "mso-kamen-1", "Kooperationsvereinbarung")
    assert edits.get(seeded, "cooperations", key)["since"].isoformat() == "2014-06-01"

    write(path, GERMAN_COOPERATIONS.replace("01.06.2014", "01.09.2014"))
    result = importer.import_paths(seeded, [path], user="anna")
    assert [(f.created, f.updated, f.unchanged) for f in result.files] == [(0, 1, 1)]
    assert edits.get(seeded, "cooperations", key)["since"].isoformat() == "2014-09-01"
    assert count(seeded, "MATCH (:Centre)-[k:COOPERATES_WITH]->(:Organisation {id: 'mso-kamen-1'}) "
                         "RETURN count(k) AS n") == 1
    assert [c.action for c in audit.history(seeded, kind="cooperations", key=key)] == ["update"]

    again = importer.import_paths(seeded, [path])  # the same file twice: nothing changes
    assert [(f.created, f.updated, f.unchanged) for f in again.files] == [(0, 0, 2)]

    # another form with the same partner is another cooperation; the same one twice in a file is refused
    write(path, GERMAN_COOPERATIONS + "ki-05978;mso-kamen-1;Projekt;01.01.2020;;;;\n")
    assert [(f.created, f.updated) for f in importer.import_paths(seeded, [path]).files] == [(1, 1)]
    write(path, GERMAN_COOPERATIONS + "ki-05978;mso-kamen-1;Kooperationsvereinbarung;01.01.2020;;;;\n")
    with pytest.raises(ValidationError, match="doppelt"):
        importer.import_paths(seeded, [path])


def test_a_cp1252_file_with_commas_is_read_with_a_warning(seeded, tmp_path):
    path = write(tmp_path / "organisations.csv",
                 "id,name,type,region\nmso-1,Griechische Gemeinde Lünen e.V.,MSO,05978\n", encoding="cp1252")
    result = importer.import_paths(seeded, [path])
    assert any("cp1252" in warning for warning in result.warnings)
    assert edits.get(seeded, "organisations", "mso-1")["name"] == "Griechische Gemeinde Lünen e.V."


def test_several_bad_rows_write_nothing_and_are_all_named(seeded, tmp_path):
    write(tmp_path / "organisationen.csv", BOM + (
        "Kennung;Name;Typ;Region;Farbe\n"
        "ok-1;Kita Regenbogen;Kita;05978;\n"
        "bad-1;Kita Sonnenschein;Sportverein;05978;\n"
        "bad-2;;Kita;05978;\n"
        "ok-1;Kita Regenbogen doppelt;Kita;05978;\n"
    ))
    write(tmp_path / "kooperationen.csv", BOM + (
        "Von;Mit;Form;Seit;Bis\n"
        "ki-05978;ok-1;Projekt;31.02.2015;\n"
        "ki-05978;ok-1;Projekt;01.01.2016;31.12.2015\n"
        "ki-05978;nirgends;Projekt;01.01.2016;\n"
    ))
    before = maintenance.snapshot(seeded)
    with pytest.raises(ValidationError) as raised:
        importer.import_paths(seeded, [tmp_path])
    messages = [str(problem) for problem in raised.value.problems]
    assert maintenance.snapshot(seeded) == before
    for expected in (
        "organisationen.csv:3:Typ: unbekannter Wert 'Sportverein'",
        "organisationen.csv:4:Name: Pflichtangabe fehlt",
        "organisationen.csv:5:Kennung: doppelt (wie Zeile 2)",
        "kooperationen.csv:2:Seit: kein gültiges Datum: '31.02.2015'",
        "kooperationen.csv:3:Bis: Ende (31.12.2015) liegt vor dem Beginn (01.01.2016)",
        "kooperationen.csv:4:Mit: 'nirgends' gibt es nicht",
    ):
        assert any(message.startswith(expected) for message in messages), (expected, messages)


def test_dry_run_reports_and_writes_nothing(seeded, tmp_path):
    write(tmp_path / "organisationen.csv", GERMAN_ORGANISATIONS)
    before = maintenance.snapshot(seeded)
    result = importer.import_paths(seeded, [tmp_path], dry_run=True)
    assert result.files[0].created == 2 and "dry run: nothing was written" in result.describe()
    assert maintenance.snapshot(seeded) == before


def test_an_update_keeps_columns_the_file_does_not_have(seeded, tmp_path):
    write(tmp_path / "organisationen.csv", GERMAN_ORGANISATIONS)
    importer.import_paths(seeded, [tmp_path])
    smaller = tmp_path / "only"
    smaller.mkdir()
    write(smaller / "organisations.csv", "id;name;type;region\nmso-kamen-1;DTEV Kamen e.V.;MSO;05978\n")
    result = importer.import_paths(seeded, [smaller])
    assert (result.files[0].updated, result.files[0].unchanged) == (1, 0)
    mso = edits.get(seeded, "organisations", "mso-kamen-1")
    assert mso["name"] == "DTEV Kamen e.V." and mso["street"] == "Weststraße 12" and mso["languages"] == ["tr", "de"]


def test_a_workbook_with_german_sheet_names(seeded, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Organisationen"
    sheet.append(["Kennung", "Name", "Typ", "Region"])
    sheet.append(["kita-1", "Kita Regenbogen", "Kita", "05978"])
    other = workbook.create_sheet("Kooperationen")
    other.append(["Von", "Mit", "Form", "Seit"])
    import datetime as dt

    other.append(["ki-05978", "kita-1", "informell", dt.datetime(2018, 4, 1)])  # a real Excel date
    workbook.save(tmp_path / "liste.xlsx")
    importer.import_paths(seeded, [tmp_path / "liste.xlsx"])
    assert edits.get(seeded, "cooperations", ("ki-05978", "kita-1", "informell"))["form"] == "informell"


def test_import_needs_the_seeds(db, tmp_path):
    write(tmp_path / "organisationen.csv", GERMAN_ORGANISATIONS)
    with pytest.raises(NotSeededError, match="run `kiz-graph seed` first"):
        importer.import_paths(db, [tmp_path])


def shapes_and_values(records: dict[str, list[dict]]) -> tuple[set[tuple], dict[tuple, set]]:
    """What the records hold, column by column: each type of value (a list by its items' types,
    an id by its prefix), and the values of each column but free text."""

    def shape(value) -> str:
        if isinstance(value, list):
            return "list of " + ",".join(sorted({shape(item) for item in value}))
        if isinstance(value, str) and re.match(r"[a-z]+-\d", value):
            return "id " + value.split("-")[0]
        return type(value).__name__

    shapes: set[tuple] = set()
    values: dict[tuple, set] = {}
    for kind, rows in records.items():
        for row in rows:
            for column, value in row.items():
                shapes.add((kind, column, shape(value)))
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, (str, bool)) and column not in ("note", "topic"):
                        values.setdefault((kind, column), set()).add(item)
    return shapes, values


def test_the_small_demo_network_holds_every_kind_of_value_of_the_whole_one():
    small_shapes, small_values = shapes_and_values(small_demo())
    whole_shapes, whole_values = shapes_and_values(seeding.demo_records("demo", 3))
    assert small_shapes == whole_shapes
    # every value of a column with few (organisation types, forms, consents, fundings, ...)
    few = {column: seen for column, seen in whole_values.items() if len(seen) <= 20}
    assert {column: small_values.get(column) for column in few} == few


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_database_gives_the_same_graph(db, tmp_path, fmt):
    seeding.seed(db)
    writer.write(db, small_demo())  # as seeding.seed_demo writes the whole demo network
    original = maintenance.snapshot(db)
    files = export.export(db, tmp_path / "out", fmt)
    maintenance.delete_data(db)
    seeding.seed(db)
    importer.import_paths(db, files)
    assert maintenance.snapshot(db) == original


FORMULAS = {"organisations": {"name": '=HYPERLINK("http://evil.example","klick")', "street": "=1+1",
                               "phone": "+49 2303 27-1234", "city": "'=schon mit Apostroph"},
            "persons": {"name": "-Minus Anfang", "function": "@Anfang", "phone": "+49 2303 27-1235"}}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formulas_are_exported_as_text_and_import_the_same(seeded, tmp_path, fmt):
    from openpyxl import load_workbook

    edits.create(seeded, "organisations", {"id": "org-f", "type": "MSO", "region": "05978",
                                          **FORMULAS["organisations"]})
    edits.create(seeded, "persons", {"id": "per-f", "organisation_id": "org-f", **FORMULAS["persons"]})
    files = export.export(seeded, tmp_path / "out", fmt)
    values = [value for kind in FORMULAS for value in FORMULAS[kind].values()]
    if fmt == "xlsx":  # text cells, never "f"; an apostrophe only before one the text has
        book = load_workbook(files[0])
        cells = {cell.value: cell.data_type for kind in FORMULAS for row in book[kind].iter_rows() for cell in row}
        written = [value if not value.startswith("'") else "'" + value for value in values]
        assert [cells.get(value) for value in written] == ["s"] * len(values)
    else:  # an apostrophe before each
        cells = {cell for path in files for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")),
                                                              delimiter=";") for cell in row}
        assert all("'" + value in cells for value in values)
    maintenance.delete_data(seeded)
    seeding.seed(seeded)
    importer.import_paths(seeded, files)
    for kind, key in (("organisations", "org-f"), ("persons", "per-f")):
        record = edits.get(seeded, kind, key)
        assert {column: record[column] for column in FORMULAS[kind]} == FORMULAS[kind]


def test_export_of_one_centre_holds_its_network_only(db, tmp_path):
    seeding.seed(db)
    writer.write(db, small_demo())  # Unna and its district's neighbours Dortmund, Olpe, Siegen-Wittgenstein
    records = export.exchange_records(db, "ki-05978")
    assert [c["id"] for c in records["centres"]] == ["ki-05978"]
    partners = {o["id"] for o in records["organisations"]}
    assert partners and all(k["to_id"] in partners for k in records["cooperations"])
    assert {k["from_id"] for k in records["cooperations"]} <= partners | {"ki-05978"}
    # from other regions only the centre's own partners (the demo's district-wide projects)
    own = {k["to_id"] for k in records["cooperations"] if k["from_id"] == "ki-05978"}
    outside = {o["id"] for o in records["organisations"] if o["region"] not in ("05978", None)}
    assert outside and outside <= own
    with pytest.raises(errors.UnknownCentreError):
        export.exchange_records(db, "ki-00000")


def test_likely_duplicates_are_reported_and_merged_with_their_history(seeded):
    edits.create(seeded, "organisations", {"id": "a", "name": "Deutsch-Türkischer Elternverein Kamen e.V.",
                                          "type": "MSO", "region": "05978", "municipality": "05978020"})
    edits.create(seeded, "organisations", {"id": "b", "name": "Deutsch-Tuerkischer Elternverein Kamen",
                                          "type": "MSO", "region": "05978"})
    edits.create(seeded, "organisations", {"id": "c", "name": "Deutsch-Türkischer Elternverein Kamen e.V.",
                                          "type": "MSO", "region": "05913"})  # same name, other region
    edits.create(seeded, "cooperations", {"from_id": "ki-05978", "to_id": "b", "form": "Projekt",
                                          "since": "2015-01-01", "until": "2016-12-31"})
    edits.create(seeded, "persons", {"id": "p", "name": "Ayşe Yılmaz", "organisation_id": "b"})
    groups = duplicates.likely_duplicates(seeded)
    assert [sorted(o["id"] for o in group["organisations"]) for group in groups] == [["a", "b"]]

    duplicates.merge(seeded, "b", "a")
    assert edits.get(seeded, "organisations", "b") is None
    moved = edits.get(seeded, "cooperations", ("ki-05978", "a", "Projekt"))
    assert moved["until"].isoformat() == "2016-12-31"  # the history moved along
    assert edits.get(seeded, "persons", "p")["organisation_id"] == "a"
    assert seeded.run_text("MATCH (o:Organisation {id: 'a'}) RETURN o.merged_ids AS m", write=False) == [{"m": ["b"]}]
    assert count(seeded, "MATCH (:Organisation {id: 'a'})-[:LOCATED_IN]->() RETURN count(*) AS n") == 1
    with pytest.raises(ValidationError, match="'zzz' gibt es nicht"):
        duplicates.merge(seeded, "zzz", "a")


def test_merging_duplicates_keeps_one_cooperation_per_pair_and_form(seeded):
    for org in ("a", "b"):
        edits.create(seeded, "organisations", {"id": org, "name": f"Elternverein Kamen {org}", "type": "MSO",
                                              "region": "05978"})
    edits.create(seeded, "cooperations", {"from_id": "ki-05978", "to_id": "a", "form": "Projekt",
                                          "since": "2018-02-01", "fields": "bildung", "note": "Elterncafé"})
    edits.create(seeded, "cooperations", {"from_id": "ki-05978", "to_id": "b", "form": "Projekt",
                                          "since": "2014-03-01", "until": "2016-12-31",
                                          "fields": "gesundheit", "last_contact": "2016-11-30"})
    edits.create(seeded, "cooperations", {"from_id": "ki-05978", "to_id": "b", "form": "informell",
                                          "since": "2017-01-01"})
    duplicates.merge(seeded, "b", "a")
    kept = edits.get(seeded, "cooperations", ("ki-05978", "a", "Projekt"))
    assert (kept["since"].isoformat(), kept["until"], kept["last_contact"].isoformat()) == ("2014-03-01", None,
                                                                                            "2016-11-30")
    assert kept["fields"] == ["bildung", "gesundheit"]
    assert kept["note"] == ("Elterncafé\nZeiträume vor der Zusammenführung mit b: 01.03.2014–31.12.2016; "
                            "seit 01.02.2018")
    assert edits.get(seeded, "cooperations", ("ki-05978", "a", "informell"))["since"].isoformat() == "2017-01-01"
    assert count(seeded, "MATCH ()-[k:COOPERATES_WITH]->() RETURN count(k) AS n") == 2


def test_the_command_line_import_export_dedupe_and_schools(seeded, neo4j_settings, tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}

    def kiz(*args):
        return subprocess.run([sys.executable, "-m", "kiz_graph.cli", *map(str, args)],
                              capture_output=True, text=True, env=env, timeout=300)

    write(tmp_path / "organisationen.csv", GERMAN_ORGANISATIONS)
    (tmp_path / "bad").mkdir()
    bad = write(tmp_path / "bad" / "kooperationen.csv", "Von;Mit;Form;Seit\nki-05978;mso-kamen-1;Projekt;gestern\n")
    result = kiz("import", bad)
    assert result.returncode == 1
    assert "kooperationen.csv:2:Seit: kein gültiges Datum: 'gestern'" in result.stderr
    assert "nothing was written" in result.stderr

    result = kiz("import", tmp_path / "organisationen.csv", "--dry-run")
    assert result.returncode == 0 and "2 would be created" in result.stdout
    result = kiz("import", tmp_path / "organisationen.csv")
    assert result.returncode == 0 and "organisationen.csv: 2 created, 0 updated, 0 unchanged" in result.stdout

    sample = Path(__file__).parent / "data" / "schulgrunddaten_sample.csv"
    schools = kiz("import-schools", sample)
    assert schools.returncode == 0, schools.stderr
    assert count(seeded, "MATCH (s:School)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(:Region) RETURN count(s) AS n") > 0
    assert "0 created, 0 updated" in kiz("import-schools", sample).stdout

    out = tmp_path / "export"
    for fmt in ("csv", "graphml"):
        assert kiz("export", out, "--format", fmt, "--centre", "ki-05978").returncode == 0
    assert (out / "organisations.csv").read_bytes().startswith(BOM.encode())
    assert (out / "ki-05978.graphml").exists()
    assert kiz("export", out, "--centre", "ki-00000").returncode == 2
    assert kiz("dedupe").stdout.strip() == "no likely duplicates"
    assert kiz("merge", "nope", "--into", "mso-kamen-1").returncode == 1
