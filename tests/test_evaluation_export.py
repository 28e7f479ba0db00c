"""The data for the external evaluation (issue 20): counts per centre and year on a small graph
counted by hand, no personal data in any cell, the rule set in force named per year, every
column in the codebook and in docs/evaluation-export.md, the command line and the download.

One graph for the module: the seeds plus two centres' cooperations (one crossing into 2022),
offers, networks, posts, and contact persons with names, e-mail addresses and phones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from auth import add_user, make_app
from browser_support import browser, live_server, page  # noqa: F401 - fixtures
from openpyxl import load_workbook
from playwright.sync_api import expect

from kiz_graph import cli, statewide
from kiz_graph.check import requirement
from kiz_graph.exchange import seeding
from kiz_graph.records import edits
from kiz_graph.reports import evaluation

UNNA, DORTMUND = "ki-05978", "ki-05913"
OFFICE = "koordination"
DOCS = Path(__file__).parent.parent / "docs" / "evaluation-export.md"
PERSONS = [  # id, name, workplace, e-mail, phone
    ("p-kaya", "Zeynep Kaya-Beispiel", "o-mso", "zeynep.kaya@example.org", "+49 2303 27-1234"),
    ("p-mustermann", "Jürgen Mustermann", UNNA, "j.mustermann@kreis-unna.example", "02303 27-4711"),
    ("p-yilmaz", "Dilek Yılmaz", "o-dmso", "dilek@verein-dortmund.example", "0231 5558899"),
]


@pytest.fixture(scope="module")
def graph(module_db):
    db = module_db
    seeding.seed(db)
    add_user(db, OFFICE, "coordination")
    for id_, type_, region in (("o-mso", "MigrantOrganisation", "05978"), ("o-school", "School", "05978"),
                               ("o-welfare", "WelfareAssociation", "05978"),
                               ("o-dmso", "MigrantOrganisation", "05913"), ("o-youth", "YouthWelfare", "05913")):
        edits.create(db, "organisations", {"id": id_, "name": f"Partner {id_}", "type": type_, "region": region})
    for from_id, to_id, form, since, until, fields in (
        (UNNA, "o-mso", "Kooperationsvereinbarung", "2020-03-01", None, "bildung|kultur"),
        (UNNA, "o-school", "Projekt", "2021-02-01", "2022-06-30", ""),  # crosses into 2022
        (UNNA, "o-welfare", "informell", "2021-05-01", "2021-12-31", ""),  # ends on the reference day
        (UNNA, "o-mso", "Projekt", "2022-01-10", None, ""),  # a second form with the same partner
        (DORTMUND, "o-dmso", "Netzwerk", "2019-01-01", "2021-03-31", "sport"),
        (DORTMUND, "o-youth", "Beteiligung", "2022-02-02", None, ""),
    ):
        edits.create(db, "cooperations", {"from_id": from_id, "to_id": to_id, "form": form, "since": since,
                                          "until": until, "fields": fields})
    for id_, task, fields, stages, until in (
        ("f-eltern", "elternarbeit", "bildung", "primarstufe|sekundarstufe_1", None),
        ("f-fortbildung", "fortbildung", "", "", "2021-09-30"),
        ("f-kita", None, "erziehung_betreuung", "fruehe_bildung", "2022-12-31"),
    ):
        edits.create(db, "offers", {"id": id_, "title": f"Angebot {id_}", "provider_id": UNNA, "task": task,
                                    "fields": fields, "stages": stages, "until": until})
    edits.create(db, "networks", {"id": "n-bildung", "name": "Runder Tisch Bildung", "centre_id": UNNA})
    edits.create(db, "networks", {"id": "n-eltern", "name": "AK Eltern", "centre_id": UNNA, "until": "2022-05-31"})
    for network, organisation, since, until in (("n-bildung", "o-mso", "2020-01-01", None),
                                                ("n-bildung", "o-school", "2021-04-01", "2022-03-31"),
                                                ("n-bildung", "o-welfare", None, None),
                                                ("n-eltern", "o-mso", "2022-01-01", None)):
        edits.create(db, "network_members", {"network_id": network, "organisation_id": organisation,
                                             "since": since, "until": until})
    for pid, name, workplace, email, phone in PERSONS:
        edits.create(db, "persons", {"id": pid, "name": name, "organisation_id": workplace, "email": email,
                                     "phone": phone, "consent": "public", "consent_date": "2020-01-01"})
    for id_, profession, fte, funding, until, person in (
        ("s-lehrkraft", "teacher", 1.0, "state_secondment", None, "p-mustermann"),
        ("s-paed", "educator", 0.5, "municipal", "2021-06-30", None),
        ("s-verwaltung", "administration", 0.75, "state_grant", None, None),
    ):
        edits.create(db, "positions", {"id": id_, "centre_id": UNNA, "profession": profession, "fte": fte,
                                       "funding": funding, "until": until, "person_id": person})
    return db


@pytest.fixture(scope="module")
def seeded(graph):
    """The graph the browser test's live server serves, with the statewide page computed once
    (it is kept per state of the data; its first computation is not the test's concern)."""
    statewide.overview(graph, dt.date.today())
    return graph


@pytest.fixture(scope="module")
def built(graph):
    """The tables for 2021 and 2022, by name."""
    return {table.name: table for table in evaluation.tables(graph, 2021, 2022)}


@pytest.fixture(scope="module")
def exported(built):
    """The tables with a year, each row as a dict keyed by (centre, year)."""
    return {table.name: {(row[0], row[4]): dict(zip(table.column_names, row)) for row in table.rows}
            for table in built.values() if table.name not in ("zentren", "pruefung")}


@pytest.fixture(scope="module")
def app(graph):
    return make_app(graph)


def figures(exported, table: str, centre: str, year: int, *columns: str) -> dict:
    row = exported[table][(centre, year)]
    return {column: row[column] for column in columns}


def nonzero(exported, table: str, centre: str, year: int, prefix: str) -> dict:
    """The columns beginning with ``prefix`` that are not 0."""
    return {k: v for k, v in exported[table][(centre, year)].items() if k.startswith(prefix) and v}


def test_cooperations_are_counted_on_31_december_and_within_the_year(exported):
    counted = ("cooperations_active", "cooperations_started", "cooperations_ended", "partners_active")
    assert figures(exported, "kooperationen", UNNA, 2021, *counted) == dict(zip(counted, (3, 2, 1, 3)))
    assert figures(exported, "kooperationen", UNNA, 2022, *counted) == dict(zip(counted, (2, 1, 1, 1)))
    assert figures(exported, "kooperationen", DORTMUND, 2021, *counted) == dict(zip(counted, (0, 0, 1, 0)))
    assert figures(exported, "kooperationen", DORTMUND, 2022, *counted) == dict(zip(counted, (1, 1, 0, 1)))
    assert nonzero(exported, "kooperationen", UNNA, 2021, "type_") == {
        "type_migrant_organisation": 1, "type_school": 1, "type_welfare_association": 1}
    assert nonzero(exported, "kooperationen", UNNA, 2022, "type_") == {"type_migrant_organisation": 2}
    assert nonzero(exported, "kooperationen", UNNA, 2021, "form_") == {
        "form_kooperationsvereinbarung": 1, "form_projekt": 1, "form_informell": 1}
    assert nonzero(exported, "kooperationen", DORTMUND, 2022, "form_") == {"form_beteiligung": 1}
    assert nonzero(exported, "kooperationen", UNNA, 2021, "field_") == {
        "field_bildung": 1, "field_kultur": 1, "field_none": 2}
    assert nonzero(exported, "kooperationen", DORTMUND, 2021, "field_") == {}  # ended in March
    other = "ki-05111"  # Düsseldorf: no cooperation, a row of zeros all the same
    assert figures(exported, "kooperationen", other, 2022, "cooperations_active", "district") == {
        "cooperations_active": 0, "district": "Düsseldorf"}


def test_offers_networks_and_posts_are_counted_by_hand(exported):
    assert figures(exported, "angebote", UNNA, 2021, "offers_active", "offers_ended") == {
        "offers_active": 2, "offers_ended": 1}
    assert figures(exported, "angebote", UNNA, 2022, "offers_active", "offers_ended") == {
        "offers_active": 2, "offers_ended": 1}  # the Kita offer ends on 31.12.2022: current and ended
    assert nonzero(exported, "angebote", UNNA, 2021, "task_") == {"task_elternarbeit": 1, "task_none": 1}
    assert nonzero(exported, "angebote", UNNA, 2021, "stage_") == {
        "stage_primarstufe": 1, "stage_sekundarstufe_1": 1, "stage_fruehe_bildung": 1}
    assert nonzero(exported, "angebote", UNNA, 2021, "field_") == {"field_bildung": 1, "field_erziehung_betreuung": 1}
    network = ("networks_active", "networks_ended", "memberships_active", "member_organisations_active",
               "memberships_started", "memberships_ended")
    assert figures(exported, "netzwerke", UNNA, 2021, *network) == dict(zip(network, (2, 0, 3, 3, 1, 0)))
    assert figures(exported, "netzwerke", UNNA, 2022, *network) == dict(zip(network, (1, 1, 2, 2, 1, 1)))
    assert figures(exported, "stellen", UNNA, 2021, "positions_active", "fte_active") == {
        "positions_active": 2, "fte_active": 1.75}
    assert nonzero(exported, "stellen", UNNA, 2021, "profession_") == {
        "profession_teacher_positions": 1, "profession_teacher_fte": 1.0,
        "profession_administration_positions": 1, "profession_administration_fte": 0.75}
    assert nonzero(exported, "stellen", UNNA, 2021, "funding_state_") == {
        "funding_state_secondment_positions": 1, "funding_state_secondment_fte": 1.0,
        "funding_state_grant_positions": 1, "funding_state_grant_fte": 0.75}
    assert exported["stellen"][(DORTMUND, 2021)]["positions_active"] == 0


def test_check_results_name_the_rule_set_in_force_each_year(graph, built, exported):
    long_rows = [dict(zip(built["pruefung"].column_names, row)) for row in built["pruefung"].rows]
    for year in (2021, 2022):
        report = requirement.check(graph, as_of=dt.date(year, 12, 31))
        unna = next(centre for centre in report.centres if centre.id == UNNA)
        rows = [row for row in long_rows if row["centre_id"] == UNNA and row["year"] == year]
        assert {row["rule_set"] for row in rows} == {report.rule_set.name}
        assert [(row["rule_id"], row["severity"], row["status"]) for row in rows] == [
            (f.rule.id, f.rule.severity, f.outcome.status) for f in unna.findings]
        counts = exported["pruefung_summen"][(UNNA, year)]
        assert counts["rule_set"] == report.rule_set.name
        pflicht = [f for f in unna.findings if f.rule.severity == "Pflicht"]
        assert counts["pflicht_met"] == sum(f.outcome.status == "met" for f in pflicht)
        assert sum(v for k, v in counts.items() if k.startswith(("pflicht_", "soll_"))) == len(unna.findings)
    assert {row["rule_set"] for row in long_rows if row["year"] == 2021} == {"konzept-2012"}
    ki06 = {row["centre_id"]: row["status"] for row in long_rows if row["year"] == 2021 and row["rule_id"] == "KI-06"}
    assert (ki06[UNNA], ki06[DORTMUND]) == ("met", "not_met")  # Dortmund's MSO cooperation ended in March


def run(neo4j_settings, monkeypatch, capsys, *args) -> tuple[int, str, str]:
    for name in ("uri", "user", "password", "database"):
        monkeypatch.setenv(f"NEO4J_{name.upper()}", getattr(neo4j_settings, name))
    code = cli.main(["evaluation", *args])
    out, err = capsys.readouterr()
    return code, out, err


def zip_tables(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name.removesuffix(".csv"): list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
                for name in archive.namelist() if name.endswith(".csv")}


def xlsx_tables(data: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


@pytest.fixture(scope="module")
def files(graph, tmp_path_factory, neo4j_settings):
    """The export of 2021 and 2022 as written by the command line (ZIP) and the web (XLSX), read
    back: the ZIP's tables, its LIESMICH and the workbook's sheets."""
    target = tmp_path_factory.mktemp("evaluation") / "daten.zip"
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name in ("uri", "user", "password", "database"):
            monkeypatch.setenv(f"NEO4J_{name.upper()}", getattr(neo4j_settings, name))
        assert cli.main(["evaluation", "--from", "2021", "--to", "2022", "--output", str(target)]) == 0
    office = make_app(graph).test_client()
    assert office.post("/anmelden", data={"username": OFFICE, "password": "ein-langes-passwort"}).status_code == 302
    response = office.get("/land/evaluation?von=2021&bis=2022&format=xlsx")
    assert response.status_code == 200
    with zipfile.ZipFile(target) as archive:
        readme = archive.read("LIESMICH.txt").decode("utf-8")
    return {"zip": zip_tables(target.read_bytes()), "readme": readme, "xlsx": xlsx_tables(response.data)}


def test_no_person_e_mail_or_phone_in_any_cell(files):
    cells = [str(cell) for rows in (*files["zip"].values(), *files["xlsx"].values())
             for row in rows for cell in row if cell is not None] + files["readme"].splitlines()
    assert len(files["zip"]["kooperationen"]) == 1 + 54 * 2 and len(files["xlsx"]["kooperationen"]) == 1 + 54 * 2
    text = "\n".join(cells)
    all_digits = "\n".join(re.sub(r"\D", "", cell) for cell in cells)
    for _, name, _, email, phone in PERSONS:
        surname = name.split()[-1]
        assert name not in text and surname not in text and email not in text
        assert re.sub(r"\D", "", phone)[-7:] not in all_digits, phone
    assert "@" not in text
    assert not [cell for cell in cells if re.search(r"\+\d|(?<!\w)0\d{2,5}[ /-]\d{3,}", cell)]  # phone-like numbers
    assert "Partner o-" not in text  # no organisation's name either


def test_every_column_is_in_the_codebook_and_the_docs(files):
    zipped, workbook = files["zip"], files["xlsx"]
    in_files = {(table, column) for table, rows in zipped.items() for column in rows[0]}
    assert {(table, column) for table, rows in workbook.items() if table != "liesmich" for column in rows[0]} \
        == in_files
    header, *rows = zipped["codebuch"]
    codebook = {(row[0], row[1]) for row in rows}
    assert codebook == in_files
    assert all(row[2] and row[3] and row[4] and row[5] for row in rows)  # meaning, type, unit, source
    documented, table = set(), None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if found := re.fullmatch(r"### `(\w+)`", line):
            table = found[1]
        elif table and (found := re.match(r"\| `(\w+)` \|", line)):
            documented.add((table, found[1]))
    assert documented == in_files
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", column) for _, column in in_files)  # ASCII snake_case


def test_the_command_line_names_a_wrong_year_in_german(graph, neo4j_settings, monkeypatch, capsys, tmp_path):
    target = tmp_path / "daten.xlsx"
    this_year = dt.date.today().year
    for args, named in ((["--from", "2012"], "--from: 2012 liegt nicht zwischen 2013"),
                        (["--to", str(this_year + 1)], f"--to: {this_year + 1} liegt nicht zwischen"),
                        (["--from", "2022", "--to", "2021"], "Das erste Jahr (2022) liegt nach dem letzten (2021)"),
                        (["--from", "zwanzig"], "--from: „zwanzig“ ist keine Jahreszahl")):
        code, out, err = run(neo4j_settings, monkeypatch, capsys, *args, "--output", str(target))
        assert (code, out) == (2, "") and named in err, (args, err)
    code, _, err = run(neo4j_settings, monkeypatch, capsys, "--output", str(tmp_path / "fehlt" / "x.zip"))
    assert code == 2 and "--output: den Ordner" in err and "gibt es nicht" in err
    assert list(tmp_path.iterdir()) == []  # nothing written
    code, out, _ = run(neo4j_settings, monkeypatch, capsys, "--from", "2021", "--to", "2022", "--output", str(target))
    assert code == 0 and "Evaluationsdaten 2021–2022 (54 Zentren" in out
    sheets = xlsx_tables(target.read_bytes())  # the format by the file's ending
    assert list(sheets)[:2] == ["liesmich", "zentren"] and len(sheets["stellen"]) == 1 + 54 * 2


def test_the_download_is_the_coordination_office_s_alone(client_for):
    office = client_for("coordination")
    response = office.get("/land/evaluation?von=2021&bis=2022")
    assert response.status_code == 200 and response.content_type == "application/zip"
    assert 'filename="kiz-evaluation-2021-2022.zip"' in response.headers["Content-Disposition"]
    assert set(zip_tables(response.data)) >= {"kooperationen", "pruefung", "codebuch"}
    assert client_for("centre_staff", UNNA).get("/land/evaluation?von=2021&bis=2022").status_code == 403
    assert client_for("partner").get("/land/evaluation").status_code == 403
    for query, reason in (("von=2022&bis=2021", "Das erste Jahr (2022) liegt nach dem letzten (2021)"),
                          ("von=2012", "Von: 2012 liegt nicht zwischen 2013"),
                          (f"bis={dt.date.today().year + 1}", "Bis: "), ("von=abc", "„abc“ ist keine Jahreszahl"),
                          ("format=pdf", "Format: „pdf“ gibt es nicht")):
        response = office.get(f"/land/evaluation?{query}")
        assert response.status_code == 400 and reason in response.get_data(as_text=True), query


def test_the_office_downloads_the_evaluation_data_from_the_statewide_page(page):
    page.set_default_timeout(60_000)  # the export checks every centre for each year asked for
    page.goto("/anmelden?next=/land/")
    page.get_by_label("Benutzername").fill(OFFICE)
    page.get_by_label("Passwort").fill("ein-langes-passwort")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Landesweite Übersicht")
    page.get_by_role("link", name="Daten für die Evaluation").click()
    form = page.get_by_role("form", name="Daten für die Evaluation herunterladen")
    form.get_by_label("Von (Jahr)").fill("2021")
    form.get_by_label("Bis (Jahr)").fill("2022")
    form.get_by_label("Format").select_option(label="Excel-Arbeitsmappe")
    with page.expect_download() as download:
        form.get_by_role("button", name="Herunterladen").click()
    assert download.value.suggested_filename == "kiz-evaluation-2021-2022.xlsx"
    sheets = xlsx_tables(Path(download.value.path()).read_bytes())
    assert {row[0] for row in sheets["kooperationen"][1:]} >= {UNNA, DORTMUND}
    page.requests.assert_same_origin()
