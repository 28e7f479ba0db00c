"""Files as people write them by hand: names instead of keys, no ids, one upload for everything.

Each case is one finding of issue 15, imported as a centre's staff would (``for_centre``, as
the web page does) or through the command line; each checks the graph it gives and that the
same files imported again change nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from kiz_graph import cli
from kiz_graph.errors import ValidationError
from kiz_graph.exchange import export, importer, seeding
from kiz_graph.records import edits

UNNA = "ki-05978"
BOM = "\ufeff"


@pytest.fixture
def unna(db):
    """The seeds and a small network of Kreis Unna kept with ids, as an earlier import left it."""
    seeding.seed(db)
    importer.import_loaded(db, _loaded({
        "organisations": [
            {"id": "org-05978-00027", "name": "Türkischer Elternverein Kamen e.V.", "type": "MigrantOrganisation",
             "region": "05978", "municipality": "05978020"},
            {"id": "org-05978-00061", "name": "Kita Lummerland", "type": "Daycare", "region": "05978",
             "municipality": "05978024"},
            {"id": "schule-191234", "name": "Gesamtschule Kamen", "type": "School", "region": "05978",
             "schulnummer": "191234"},
        ],
        "persons": [{"id": "per-05978-00001", "name": "Ayşe Yılmaz", "organisation_id": "org-05978-00027",
                     "email": "a.yilmaz@tev-kamen.de", "function": "Vorsitzende"}],
        "cooperations": [{"from_id": UNNA, "to_id": "org-05978-00061", "form": "Projekt", "since": "2013-01-16"}],
    }))
    return db


def _loaded(records: dict):
    from kiz_graph.exchange.formats import Loaded

    loaded = Loaded()
    for kind, rows in records.items():
        loaded.records[kind] = rows
        loaded.lines[kind] = list(range(2, len(rows) + 2))
        loaded.sources[kind] = f"{kind}.csv"
        loaded.columns[kind] = {column: column for row in rows for column in row}
    return loaded


def write(folder: Path, name: str, text: str, encoding: str = "utf-8-sig") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def import_twice(db, paths, **options) -> importer.ImportResult:
    """Import, then import again and check that the second time changes nothing."""
    first = importer.import_paths(db, paths, **options)
    again = importer.import_paths(db, paths, **options)
    assert [(f.created, f.updated) for f in again.files] == [(0, 0)] * len(again.files), again.describe()
    return first


def organisation_named(db, name: str) -> dict:
    rows = db.run_text("MATCH (o:Organisation {name: $name}) RETURN o.id AS id", {"name": name}, write=False)
    assert len(rows) == 1, f"{len(rows)} organisations named {name!r}"
    return edits.get(db, "organisations", rows[0]["id"])


def test_places_by_name_and_by_keys_that_lost_their_leading_zero(unna, tmp_path):
    write(tmp_path, "organisationen.csv", """Kennung;Name;Typ;Region;Gemeinde
;Elterncafé Kamen;MSO;Kreis Unna;Kamen
;Stadtteilmütter Unna;MSO;Unna;Unna
;Griechische Gemeinde Lünen;MSO;Kreis Unna;Lünen
;Sportverein Luenen;Sonstige;;Luenen
;Kulturverein Münster;MSO;Münster;Münster
;Jugendtreff Muenster;Sonstige;Muenster;
;Nordstadt-Initiative;MSO;Stadt Dortmund;
;Verein ohne Null;MSO;5978;5978020
""")
    result = import_twice(unna, [tmp_path], for_centre=None)
    assert result.files[0].created == 8
    places = {name: (organisation_named(unna, name)["region"], organisation_named(unna, name)["municipality"])
              for name in ("Elterncafé Kamen", "Stadtteilmütter Unna", "Griechische Gemeinde Lünen", "Sportverein Luenen",
                           "Kulturverein Münster", "Jugendtreff Muenster", "Nordstadt-Initiative", "Verein ohne Null")}
    assert places == {
        "Elterncafé Kamen": ("05978", "05978020"), "Stadtteilmütter Unna": ("05978", "05978036"),
        "Griechische Gemeinde Lünen": ("05978", "05978024"), "Sportverein Luenen": ("05978", "05978024"),
        "Kulturverein Münster": ("05515", "05515000"), "Jugendtreff Muenster": ("05515", None),
        "Nordstadt-Initiative": ("05913", None), "Verein ohne Null": ("05978", "05978020")}
    notes = result.resolved["organisationen.csv"]
    assert "Gemeinde „Kamen“ → Kamen (05978020)" in notes and "Region „Stadt Dortmund“ → Dortmund (05913)" in notes


def test_an_unknown_or_ambiguous_place_names_the_row_and_the_closest_places(unna, tmp_path):
    write(tmp_path, "organisationen.csv", "Name;Typ;Region;Gemeinde\nA;MSO;Kreis Unna;Kamenn\nB;MSO;Aachen;\n")
    with pytest.raises(ValidationError) as refused:
        importer.import_paths(unna, [tmp_path])
    messages = [str(problem) for problem in refused.value.problems]
    assert "organisationen.csv:2:Gemeinde: keine Gemeinde „Kamenn“ in NRW; ähnlich: Kamen (05978020)" in messages
    assert any(m.startswith("organisationen.csv:3:Region: „Aachen“ ist mehrdeutig: StädteRegion Aachen (05334), "
                            "Stadt Aachen (05334002)") for m in messages)
    assert unna.run_text("MATCH (o:Organisation {name: 'A'}) RETURN count(o) AS n", write=False)[0]["n"] == 0


def test_organisations_by_name_and_von_defaulting_to_the_centre(unna, tmp_path):
    write(tmp_path, "kooperationen.csv", """Von;Mit;Form;Seit
;Türkischer Elternverein Kamen e.V.;Kooperationsvereinbarung;01.03.2024
KI Kreis Unna;kita lummerland;Netzwerk;01.02.2020
""")
    result = import_twice(unna, [tmp_path], for_centre=UNNA)
    assert result.files[0].created == 2
    assert edits.get(unna, "cooperations", (UNNA, "org-05978-00027", "Kooperationsvereinbarung"))["since"].isoformat() \
        == "2024-03-01"
    assert edits.get(unna, "cooperations", (UNNA, "org-05978-00061", "Netzwerk")) is not None
    assert "Mit „Türkischer Elternverein Kamen e.V.“ → vorhandene Organisation Türkischer Elternverein Kamen e.V. " \
           "(org-05978-00027)" in result.resolved["kooperationen.csv"]


def test_an_unknown_organisation_name_lists_the_closest_names(unna, tmp_path):
    write(tmp_path, "kooperationen.csv", "Von;Mit;Form;Seit\n;Türkischer Elternverin Kamen;Projekt;01.03.2024\n"
                                         ";Elternverein Unbekannt;Projekt;01.03.2024\n")
    with pytest.raises(ValidationError) as refused:
        importer.import_paths(unna, [tmp_path], for_centre=UNNA)
    messages = [str(problem) for problem in refused.value.problems]
    assert messages[0] == "kooperationen.csv:2:Mit: keine Organisation „Türkischer Elternverin Kamen“ gefunden; " \
                          "ähnlich: Türkischer Elternverein Kamen e.V. (org-05978-00027)"


def test_a_new_organisation_its_person_and_its_cooperation_in_one_upload(unna, tmp_path):
    write(tmp_path, "organisationen.csv", "Name;Typ;Gemeinde\nSyrisch-Deutscher Kulturverein Kamen e.V.;MSO;Kamen\n")
    write(tmp_path, "personen.csv", "Name;Organisation;E-Mail\n"
                                    "Rami Haddad;Syrisch-Deutscher Kulturverein Kamen e.V.;r.haddad@sdk-kamen.de\n")
    write(tmp_path, "kooperationen.csv", "Mit;Form;Seit\nSyrisch-Deutscher Kulturverein Kamen e.V.;Projekt;01.09.2025\n")
    result = import_twice(unna, [tmp_path], for_centre=UNNA)
    assert [f.created for f in result.files] == [1, 1, 1]
    verein = organisation_named(unna, "Syrisch-Deutscher Kulturverein Kamen e.V.")
    assert verein["id"].startswith("org-05978-") and verein["region"] == "05978"
    person = unna.run_text("MATCH (p:Person {name: 'Rami Haddad'})-[:WORKS_AT]->(o) RETURN p.id AS id, o.id AS at",
                           write=False)
    assert person[0]["at"] == verein["id"]
    assert edits.get(unna, "cooperations", (UNNA, verein["id"], "Projekt")) is not None


def test_persons_without_an_id_are_matched_by_email_then_by_name_and_organisation(unna, tmp_path):
    write(tmp_path, "personen.csv", """Name;Organisation;E-Mail;Funktion
Ayşe Yılmaz-Demir;Türkischer Elternverein Kamen e.V.;A.Yilmaz@tev-kamen.de;Vorsitzende
Murat Kaya;Türkischer Elternverein Kamen e.V.;;Kassierer
""")
    first = importer.import_paths(unna, [tmp_path], for_centre=UNNA)
    assert (first.files[0].created, first.files[0].updated) == (1, 1)
    assert edits.get(unna, "persons", "per-05978-00001")["name"] == "Ayşe Yılmaz-Demir"
    write(tmp_path, "personen.csv", "Name;Organisation;Funktion\nMurat Kaya;Türkischer Elternverein Kamen e.V.;Kassenwart\n")
    again = importer.import_paths(unna, [tmp_path], for_centre=UNNA)
    assert (again.files[0].created, again.files[0].updated) == (0, 1)


def test_a_consent_on_record_written_by_hand_imports_in_german(unna, tmp_path):
    """How a person writes a consent into a sheet: German headings, German words and dates."""
    write(tmp_path, "personen.csv", """Name;Organisation;E-Mail;Einverständnis;Einwilligungsdatum;Art der Einwilligung;Zweck
Leyla Aydın;Türkischer Elternverein Kamen e.V.;leyla@tev-kamen.de;öffentlich;03.02.2025;per E-Mail;Elternabende
""")
    import_twice(unna, [tmp_path], for_centre=UNNA)
    (found,) = unna.run_text("MATCH (p:Person {name: 'Leyla Aydın'}) RETURN p.id AS id", write=False)
    person = edits.get(unna, "persons", found["id"])
    assert (person["consent"], str(person["consent_date"]), person["consent_method"], person["consent_purpose"]) == (
        "public", "2025-02-03", "email", "Elternabende")


def test_positions_without_an_id_are_matched_by_profession_funding_and_order(unna, tmp_path):
    write(tmp_path, "stellen.csv", """Profession;Stellenanteil;Finanzierung;Rolle
Lehrkraft;1;Abordnung;Leitung
Lehrkraft;0,5;Abordnung;
Verwaltung;1;kommunal;
""")
    result = import_twice(unna, [tmp_path], for_centre=UNNA)
    assert result.files[0].created == 3
    write(tmp_path, "stellen.csv", "Profession;Stellenanteil;Finanzierung\nLehrkraft;0,8;Abordnung\n")
    changed = importer.import_paths(unna, [tmp_path], for_centre=UNNA)
    assert (changed.files[0].created, changed.files[0].updated) == (0, 1)
    posts = unna.run_text("MATCH (:Centre {id: $c})-[:HAS_POSITION]->(p) RETURN p.id AS id, p.fte AS fte ORDER BY id",
                          {"c": UNNA}, write=False)
    assert [row["fte"] for row in posts] == [0.8, 0.5, 1.0]


def test_a_changed_seit_updates_the_one_cooperation_of_that_pair_and_form(unna, tmp_path):
    write(tmp_path, "kooperationen.csv", "Mit;Form;Seit\nKita Lummerland;Projekt;16.01.2014\n")
    result = importer.import_paths(unna, [tmp_path], for_centre=UNNA)
    assert (result.files[0].created, result.files[0].updated) == (0, 1)
    rows = unna.run_text("MATCH (:Centre {id: $c})-[k:COOPERATES_WITH]->(:Organisation {id: 'org-05978-00061'}) "
                         "RETURN k.since AS since", {"c": UNNA}, write=False)
    assert [str(row["since"]) for row in rows] == ["2014-01-16"]


def test_a_school_from_the_register_is_the_school_already_entered_with_its_schulnummer(unna, tmp_path):
    from kiz_graph.exchange import schools

    records = [{**record, "id": "schule-191234"} for record in [{"id": "", "name": "Gesamtschule Kamen",
                                                                   "type": "School", "region": "05978",
                                                                   "schulnummer": "191234"}]]
    assert schools.adopt_existing(unna, [{**records[0], "id": "schule-191234"}])[0]["id"] == "schule-191234"
    unna.run_text("MATCH (o:Organisation {id: 'schule-191234'}) SET o.id = 'org-05978-00099'", write=True)
    assert schools.adopt_existing(unna, records)[0]["id"] == "org-05978-00099"


def test_an_export_rewritten_by_a_german_libreoffice_imports_unchanged(unna, tmp_path):
    """LibreOffice drops the leading zero of keys it takes for numbers and writes dd.mm.yy."""
    import re

    export.export(unna, tmp_path / "export")
    for path in (tmp_path / "export").glob("*.csv"):
        text = path.read_text(encoding="utf-8-sig")
        text = re.sub(r"(?<=;)0(5\d{3}(?:\d{3})?)(?=;|\r?$)", r"\1", text, flags=re.M)
        text = re.sub(r"\b(\d{2})(\d{2})-(\d{2})-(\d{2})\b", lambda m: f"{m[4]}.{m[3]}.{m[2]}", text)
        path.write_text(text, encoding="utf-8")
    assert "5978020" in (tmp_path / "export" / "organisations.csv").read_text(encoding="utf-8")
    result = importer.import_paths(unna, [tmp_path / "export"])
    assert all(f.created == 0 and f.updated == 0 for f in result.files), result.describe()


def test_the_command_line_imports_as_a_centre(unna, tmp_path, neo4j_settings, monkeypatch, capsys):
    for name, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                        ("NEO4J_PASSWORD", neo4j_settings.password), ("NEO4J_DATABASE", neo4j_settings.database)):
        monkeypatch.setenv(name, value)
    write(tmp_path, "kooperationen.csv", "Mit;Form;Seit\nTürkischer Elternverein Kamen e.V.;Projekt;01.03.2024\n")
    assert cli.main(["import", "--centre", UNNA, str(tmp_path)]) == 0
    assert "vorhandene Organisation" in capsys.readouterr().out
    assert edits.get(unna, "cooperations", (UNNA, "org-05978-00027", "Projekt")) is not None
    assert cli.main(["import", str(tmp_path)]) == 1  # without a centre, Von is missing
    assert "Von" in capsys.readouterr().err


# --- the same through the web page ---------------------------------------------------------

def upload(client, files: dict[str, bytes]):
    import io

    return client.post(f"/zentren/{UNNA}/import", data={"files": [(io.BytesIO(data), name) for name, data in files.items()]},
                       content_type="multipart/form-data")


def token_of(page) -> str:
    import re

    return re.search(rf'/zentren/{UNNA}/import/([\w-]+)(?:/zuordnung)?"', page.get_data(as_text=True))[1]


HAND_WRITTEN = {
    "Partner.csv": (BOM + "Name;Typ;Gemeinde\nSyrisch-Deutscher Kulturverein Kamen e.V.;MSO;Kamen\n").encode(),
    "kooperationen.csv": (BOM + "Mit;Form;Seit\nSyrisch-Deutscher Kulturverein Kamen e.V.;Projekt;01.09.25\n"
                                "Türkischer Elternverein Kamen e.V.;Kooperationsvereinbarung;01.03.2024\n").encode(),
}


def test_the_import_page_shows_how_names_were_read_and_imports_them(unna, client_for):
    staff = client_for("centre_staff", UNNA)
    page = upload(staff, HAND_WRITTEN)
    text = page.get_data(as_text=True)
    assert page.status_code == 200, text
    assert "Gemeinde „Kamen“ → Kamen (05978020)" in text
    assert "Mit „Türkischer Elternverein Kamen e.V.“ → vorhandene Organisation" in text
    assert unna.run_text("MATCH (o:Organisation {name: 'Syrisch-Deutscher Kulturverein Kamen e.V.'}) RETURN o",
                         write=False) == []  # a preview writes nothing
    done = staff.post(f"/zentren/{UNNA}/import/{token_of(page)}", follow_redirects=True)
    assert done.status_code == 200 and "Import abgeschlossen" in done.get_data(as_text=True)
    verein = organisation_named(unna, "Syrisch-Deutscher Kulturverein Kamen e.V.")
    assert edits.get(unna, "cooperations", (UNNA, verein["id"], "Projekt"))["since"].isoformat() == "2025-09-01"
    again = upload(staff, HAND_WRITTEN).get_data(as_text=True)
    assert "<td>0</td><td>0</td><td>1</td>" in again.replace("\n", "")  # the same files again change nothing


def test_a_sheet_of_no_known_kind_is_named_and_left_out_only_when_confirmed(unna, client_for, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Kooperationen"
    book.active.append(["Mit", "Form", "Seit"])
    book.active.append(["Kita Lummerland", "Netzwerk", "01.02.2020"])
    notes = book.create_sheet("Notizen")
    notes.append(["Telefonliste vom Sommerfest"])
    notes.append(["Herr Müller", "0151 234"])
    book.save(tmp_path / "Liste.xlsx")
    staff = client_for("centre_staff", UNNA)
    page = upload(staff, {"Liste.xlsx": (tmp_path / "Liste.xlsx").read_bytes()})
    text = page.get_data(as_text=True)
    assert "Liste.xlsx[Notizen]" in text and 'name="skip_unrecognised"' in text
    refused = staff.post(f"/zentren/{UNNA}/import/{token_of(page)}")
    assert refused.status_code == 422 and "Liste.xlsx[Notizen]" in refused.get_data(as_text=True)
    assert edits.get(unna, "cooperations", (UNNA, "org-05978-00061", "Netzwerk")) is None
    page = upload(staff, {"Liste.xlsx": (tmp_path / "Liste.xlsx").read_bytes()})
    done = staff.post(f"/zentren/{UNNA}/import/{token_of(page)}", data={"skip_unrecognised": "ja"})
    assert done.status_code == 302
    assert edits.get(unna, "cooperations", (UNNA, "org-05978-00061", "Netzwerk")) is not None


def test_a_changed_mapping_is_used_and_remembered_for_the_centre(unna, client_for):
    staff = client_for("centre_staff", UNNA)
    files = {"Liste.csv": (BOM + "Einrichtung;Art;Ort;Träger\nInternationaler Frauentreff;MSO;Kamen;Caritas\n").encode()}
    page = upload(staff, files)
    text = page.get_data(as_text=True)
    sources = sorted(json_mappings(text))
    assert sources == ["Liste.csv"]
    # "Ort" was read as the city; the user says it is the municipality, and "Träger" the federation.
    form = mapping_form(text)
    form.update({"kind-0": "organisations", column_field(text, "Ort"): "municipality",
                 column_field(text, "Träger"): "federation"})
    changed = staff.post(f"/zentren/{UNNA}/import/{token_of(page)}/zuordnung", data=form)
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert "Ort „Kamen“ → Kamen (05978020)" in changed.get_data(as_text=True)
    again = upload(staff, files).get_data(as_text=True)  # the next upload of the same headings
    assert "Ort „Kamen“ → Kamen (05978020)" in again


def json_mappings(text: str) -> list[str]:
    import re

    return re.findall(r"<legend>([^<]+)</legend>", text)


def mapping_form(text: str) -> dict:
    """The mapping form as the page fills it: each select with its selected option."""
    import re

    form = {}
    for name, options in re.findall(r'<select id="((?:kind|column)-[\d-]+)" name="[^"]+">(.*?)</select>', text, flags=re.S):
        selected = re.search(r'<option value="([^"]*)" selected', options)
        form[name] = selected[1] if selected else ""
    return form


def column_field(text: str, heading: str) -> str:
    import re

    return re.search(rf'<label for="(column-\d+-\d+)">{re.escape(heading)}</label>', text)[1]


def test_the_template_workbook_is_offered_on_the_import_page(unna, client_for):
    staff = client_for("centre_staff", UNNA)
    page = staff.get(f"/zentren/{UNNA}/import").get_data(as_text=True)
    assert "Vorlage" in page and "Kennungen" in page
    download = staff.get(f"/zentren/{UNNA}/import/vorlage.xlsx")
    assert download.status_code == 200 and download.data[:2] == b"PK"


def test_the_template_filled_in_imports_and_its_example_rows_do_not(unna, tmp_path):
    from openpyxl import load_workbook

    from kiz_graph.exchange import template

    path = template.write_template(tmp_path / "vorlage.xlsx")
    book = load_workbook(path)
    sheet = book["Organisationen"]
    headings = [cell.value for cell in next(row for row in sheet.iter_rows() if "Name" in [c.value for c in row])]
    sheet.append([{"Name": "Elterninitiative Holzwickede", "Typ": "Migrantenselbstorganisation",
                   "Gemeinde": "Holzwickede"}.get(heading) for heading in headings])
    book.save(path)
    result = import_twice(unna, [path], for_centre=UNNA)
    assert sum(f.created for f in result.files) == 1, result.describe()
    assert organisation_named(unna, "Elterninitiative Holzwickede")["municipality"] == "05978016"
    assert any("Beispielzeile" in warning for warning in result.warnings)
    assert not unna.run_text("MATCH (o:Organisation) WHERE o.name STARTS WITH 'Beispiel' RETURN o", write=False)


# --- each finding of the issue through both doors: the command line and the web page ------------
# Every case is a set of files as a person writes them, and what the graph must hold after
# importing them as Kreis Unna's staff; importing the same files again must change nothing.

def _person(db, name: str) -> dict:
    rows = db.run_text("MATCH (p:Person {name: $name}) RETURN p.id AS id", {"name": name}, write=False)
    assert len(rows) == 1, f"{len(rows)} persons named {name!r}"
    return edits.get(db, "persons", rows[0]["id"])


def _labels_as_people_write_them(db):
    school = organisation_named(db, "Grundschule am Park Bergkamen")
    assert (school["type"], school["school_form"], school["postcode"], school["website"]) == \
        ("School", "02", "59192", "https://gs-am-park.de")
    mso = organisation_named(db, "Migrantenverein Werne")
    assert mso["type"] == "MigrantOrganisation" and mso["languages"] == ["tr", "ar"]
    assert organisation_named(db, "SABA Servicestelle Unna")["programme"] == "servicestelle_antidiskriminierung"
    person = _person(db, "Dr. Leyla Demir")
    assert person["languages"] == ["tr", "de"] and person["consent"] == "internal"
    assert _person(db, "Jonas Becker")["consent"] == "none"


def _excel_habits(db):
    assert organisation_named(db, "Elternnetzwerk Selm")["municipality"] == "05978032"
    assert edits.get(db, "cooperations", (UNNA, organisation_named(db, "Elternnetzwerk Selm")["id"],
                                          "Projekt"))["since"].isoformat() == "2024-03-01"
    assert organisation_named(db, "Frauencafé Fröndenberg")["languages"] == ["ar", "fa"]


def _other_names_for_sheets(db):
    network = db.run_text("MATCH (:Centre {id: $c})-[:COORDINATES]->(n:Network {name: 'AK Elternarbeit'})"
                          "<-[:MEMBER_OF]-(o) RETURN o.name AS name", {"c": UNNA}, write=False)
    assert [row["name"] for row in network] == ["Kita Lummerland"]
    assert _person(db, "Eva Schulz")["organisation_id"] == "org-05978-00061"


def _utf16_text(db):
    assert organisation_named(db, "Ukrainischer Verein Schwerte")["municipality"] == "05978028"


CASES = {
    "labels as people write them": ({
        "Organisationen.csv": """Name;Typ;Gemeinde;Postleitzahl;Homepage;Sprachen;Programm
Grundschule am Park Bergkamen;Grundschule;Bergkamen;59192;https://gs-am-park.de;;
Migrantenverein Werne;Migrantenorganisation;Werne;;;Türkisch, Arabisch;
SABA Servicestelle Unna;Landesgeförderte Integrationsstruktur;Unna;;;;Servicestelle fuer Antidiskriminierungsarbeit
""",
        "Ansprechpersonen.csv": """Anrede;Titel;Vorname;Nachname;Organisation;Sprachen;Einwilligung;Einwilligung am
Frau;Dr.;Leyla;Demir;Migrantenverein Werne;türkisch; deutsch;ja;01.02.2024
Herr;;Jonas;Becker;Grundschule am Park Bergkamen;;nein;
""".replace("türkisch; deutsch", '"türkisch; deutsch"')}, _labels_as_people_write_them),
    "title row, extra column, two-digit years": ({
        "Kooperationen Kreis Unna.csv": """Netzwerkliste KI Kreis Unna, Stand 03/2024;;;;
;;;;
Mit;Form;Seit;Bemerkung;Handlungsfelder
Elternnetzwerk Selm;Projekt;01.03.24;Ansprechpartnerin wechselt;Bildung
""",
        "organisationen.csv": """Name;Typ;Gemeinde;Sprachen
Elternnetzwerk Selm;MSO;Selm;
Frauencafé Fröndenberg;MSO;Fröndenberg;Arabisch / Farsi
"""}, _excel_habits),
    "the app's own words for sheets": ({
        "Netzwerke.csv": "Name;Thema\nAK Elternarbeit;Elternarbeit\n",
        "Netzwerkmitglieder.csv": "Netzwerk;Organisation\nAK Elternarbeit;Kita Lummerland\n",
        "Ansprechpersonen.csv": "Name;Organisation;Funktion\nEva Schulz;Kita Lummerland;Leitung\n"}, _other_names_for_sheets),
}


def _files(folder: Path, files: dict[str, str]) -> list[Path]:
    return [write(folder, name, BOM + text) for name, text in files.items()]


def _via_cli(db, folder: Path, neo4j_settings, monkeypatch) -> None:
    for name, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                        ("NEO4J_PASSWORD", neo4j_settings.password), ("NEO4J_DATABASE", neo4j_settings.database)):
        monkeypatch.setenv(name, value)
    assert cli.main(["import", "--centre", UNNA, str(folder)]) == 0


def _via_web(client, folder: Path) -> None:
    page = upload(client, {path.name: path.read_bytes() for path in sorted(folder.iterdir())})
    assert page.status_code == 200, page.get_data(as_text=True)
    done = client.post(f"/zentren/{UNNA}/import/{token_of(page)}")
    assert done.status_code == 302, done.get_data(as_text=True)


def _excel_workbook(folder: Path) -> None:
    """A workbook whose sheets carry Excel's and the app's own names, with a date as a serial
    number in a General cell."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Tabelle1"
    book.active.append(["Einrichtung", "Art", "Gemeinde"])
    book.active.append(["Jugendmigrationsdienst Lünen", "Bildungsträger", "Lünen"])
    members = book.create_sheet("Kooperationen")
    members.append(["Partner", "Form", "Seit"])
    members.append(["Jugendmigrationsdienst Lünen", "Netzwerk", 45352])  # 01.03.2024 in a General cell
    facts = book.create_sheet("Angaben")
    facts.append(["Zentrum", "Konzept beschlossen am", "Beschlossen durch"])
    facts.append(["Kreis Unna", "12.06.2013", "Kreistag"])
    book.save(folder / "KI Unna Netzwerk.xlsx")


def _workbook_sheets(db):
    jmd = organisation_named(db, "Jugendmigrationsdienst Lünen")
    assert (jmd["type"], jmd["municipality"]) == ("EducationProvider", "05978024")
    assert edits.get(db, "cooperations", (UNNA, jmd["id"], "Netzwerk"))["since"].isoformat() == "2024-03-01"
    facts = edits.get(db, "centres", UNNA)
    assert (facts["concept_adopted_on"].isoformat(), facts["concept_adopted_by"]) == ("2013-06-12", "Kreistag")


@pytest.mark.parametrize("via", ["cli", "web"])
@pytest.mark.parametrize("case", sorted(CASES) + ["UTF-16 text from Excel", "an Excel workbook"])
def test_hand_written_files_import_through_both_doors(case, via, unna, tmp_path, client_for, neo4j_settings,
                                                      monkeypatch, capsys):
    folder = tmp_path / "upload"
    if case == "UTF-16 text from Excel":  # "Unicode-Text": UTF-16 with BOM, tab-separated
        folder.mkdir()
        (folder / "Liste.txt").write_bytes("Name\tTyp\tGemeinde\r\nUkrainischer Verein Schwerte\tMSO\tSchwerte\r\n"
                                           .encode("utf-16"))
        check = _utf16_text
    elif case == "an Excel workbook":
        folder.mkdir()
        _excel_workbook(folder)
        check = _workbook_sheets
    else:
        files, check = CASES[case]
        _files(folder, files)
    for _ in range(2):  # the second time changes nothing
        if via == "cli":
            _via_cli(unna, folder, neo4j_settings, monkeypatch)
        else:
            _via_web(client_for("centre_staff", UNNA), folder)
        check(unna)
    if via == "cli":
        assert "0 created, 0 updated" in capsys.readouterr().out.splitlines()[-1]
    else:
        again = upload(client_for("centre_staff", UNNA), {p.name: p.read_bytes() for p in sorted(folder.iterdir())})
        assert "<td>0</td><td>0</td>" in again.get_data(as_text=True).replace("\n", "")


BAD_FILES = {
    "organisationen.csv": "Name;Typ;Gemeinde\nVerein A;Fußballclub;Kamen\nVerein B;MSO;Kamen;Lünen\n",
    "kooperationen.csv": "Mit;Form\nVerein A;Projekt\n",
    "Notizen.csv": "Telefonliste\nHerr Müller\n",
}
BAD_MESSAGES = (
    "organisationen.csv:2:Typ: unbekannter Wert 'Fußballclub'",
    "organisationen.csv:3: zu viele Werte: 4 statt 3",
    "kooperationen.csv:1:Seit: Pflichtspalte „Seit“ fehlt",
    "Notizen.csv: keiner Art des Austauschformats zugeordnet",
)


@pytest.mark.parametrize("via", ["cli", "web"])
def test_genuinely_bad_files_are_named_by_file_line_and_column_in_german_and_write_nothing(
        via, unna, tmp_path, client_for, neo4j_settings, monkeypatch, capsys):
    folder = tmp_path / "upload"
    _files(folder, BAD_FILES)
    if via == "cli":
        for name, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                            ("NEO4J_PASSWORD", neo4j_settings.password), ("NEO4J_DATABASE", neo4j_settings.database)):
            monkeypatch.setenv(name, value)
        assert cli.main(["import", "--centre", UNNA, str(folder)]) == 1
        messages = capsys.readouterr().err
    else:
        staff = client_for("centre_staff", UNNA)
        page = upload(staff, {path.name: path.read_bytes() for path in sorted(folder.iterdir())})
        messages = html.unescape(page.get_data(as_text=True))
        assert page.status_code == 422
    for expected in BAD_MESSAGES[:3] + ((BAD_MESSAGES[3],) if via == "cli" else ()):
        assert expected in messages
    assert str(tmp_path) not in messages and "/tmp/" not in messages  # no server path
    assert not unna.run_text("MATCH (o:Organisation) WHERE o.name STARTS WITH 'Verein' RETURN o", write=False)
