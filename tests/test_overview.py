"""The statewide overview: indicators, medians and white spots on small graphs, and the page."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from kiz_graph import statewide, statewide_tables
from kiz_graph.check import requirement
from kiz_graph.check.rules import in_force
from kiz_graph.exchange import seeding
from kiz_graph.network import analytics
from kiz_graph.records import edits
from web import overview

DAY = dt.date(2020, 6, 1)
UNNA, DORTMUND, ESSEN = "ki-05978", "ki-05913", "ki-05113"


def org(db, id_: str, type_: str, region: str, **extra) -> None:
    edits.create(db, "organisations", {"id": id_, "name": f"Organisation {id_}", "type": type_,
                                          "region": region, **extra})


def cooperate(db, centre: str, to_id: str, since: str, **extra) -> None:
    edits.create(db, "cooperations", {"from_id": centre, "to_id": to_id, "form": "Projekt", "since": since,
                                         **extra})


def offer(db, id_: str, centre: str, fields: list[str], stages: list[str], until: str | None = None) -> None:
    edits.create(db, "offers", {"id": id_, "title": f"Angebot {id_}", "provider_id": centre,
                                   "fields": fields, "stages": stages, "until": until})


@pytest.fixture
def small(db):
    """Seeds, plus a small network for Unna and Dortmund."""
    seeding.seed(db)
    org(db, "mso-1", "MigrantOrganisation", "05978", municipality="05978020")
    org(db, "mso-2", "MigrantOrganisation", "05978")
    org(db, "ia-1", "FundedStructure", "05978")
    org(db, "school-1", "School", "05978")
    cooperate(db, UNNA, "mso-1", "2014-01-01", last_contact="2020-01-15")
    cooperate(db, UNNA, "mso-1", "2010-01-01", until="2013-12-31", form="Netzwerk")  # ended: no 2nd partner
    cooperate(db, UNNA, "mso-2", "2014-01-01", until="2019-12-31")  # ended before the day
    cooperate(db, UNNA, "ia-1", "2015-01-01")  # no contact recorded: stale
    cooperate(db, UNNA, "school-1", "2016-01-01", last_contact="2019-05-31")  # a day too old: stale
    offer(db, "o-1", UNNA, ["bildung", "kultur"], ["primarstufe", "sekundarstufe_1"])
    offer(db, "o-2", UNNA, ["sprachliche_interkulturelle_bildung"], ["primarstufe"])
    offer(db, "o-3", UNNA, ["erziehung_betreuung"], ["fruehe_bildung"], until="2019-12-31")  # ended
    org(db, "kita-1", "Daycare", "05913")
    org(db, "kita-2", "Daycare", "05913")
    org(db, "awo-1", "WelfareAssociation", "05913", until="2019-01-01")  # ended before the day
    cooperate(db, DORTMUND, "kita-1", "2019-01-01", last_contact="2019-06-01")  # exactly 12 months: fresh
    cooperate(db, DORTMUND, "kita-2", "2020-06-01", until="2020-06-01")  # the day itself counts
    cooperate(db, DORTMUND, "awo-1", "2020-06-02")  # begins after the day
    return db


# Indicators ----------------------------------------------------------------------------------

def test_indicators_on_a_small_graph(small):
    rows = {row["centre"]: row for row in statewide.indicators(small, DAY)}
    assert len(rows) == 54
    unna = rows[UNNA]
    assert unna["partners"] == {"MigrantOrganisation": 1, "FundedStructure": 1, "School": 1}
    assert (unna["active_cooperations"], unna["stale_contacts"]) == (3, 2)
    assert (unna["core_fields"], unna["stages"]) == (2, 2)
    assert unna["district"] == "Arnsberg" and unna["region"] == "05978"
    dortmund = rows[DORTMUND]
    assert dortmund["partners"] == {"Daycare": 2}
    assert (dortmund["active_cooperations"], dortmund["stale_contacts"]) == (2, 1)  # kita-2: no contact recorded
    assert (dortmund["core_fields"], dortmund["stages"]) == (0, 0)
    essen = rows[ESSEN]
    assert essen["partners"] == {} and essen["active_cooperations"] == essen["stale_contacts"] == 0
    # A year later every contact of Unna is stale, and Dortmund's cooperations have changed.
    later = {row["centre"]: row for row in statewide.indicators(small, dt.date(2021, 6, 1))}
    assert later[UNNA]["stale_contacts"] == later[UNNA]["active_cooperations"] == 3
    assert later[DORTMUND]["partners"] == {"Daycare": 1, "WelfareAssociation": 1}


def _row(**values) -> dict:
    base = {"partners": {}, "active_cooperations": 0, "core_fields": 0, "stages": 0, "stale_contacts": 0}
    return {**base, **values}


def test_medians_and_values_far_from_them():
    rows = [_row(active_cooperations=n, partners=p, core_fields=3)
            for n, p in ((0, {}), (2, {"School": 2}), (4, {"School": 4, "Other": 1}), (10, {"School": 6}))]
    median = statewide.medians(rows)
    assert median["active_cooperations"] == 3 and median["core_fields"] == 3 and median["stages"] == 0
    assert median["partners"]["School"] == 3 and median["partners"]["MigrantOrganisation"] == 0
    assert median["partners"]["Other"] == 0  # a type beyond the key types is kept too
    assert list(median["partners"])[:5] == list(statewide.KEY_PARTNER_TYPES)
    assert statewide.far_from_median(rows[0], median) == {
        "active_cooperations": "deutlich unter dem Median", "partners.School": "deutlich unter dem Median"}
    assert statewide.far_from_median(rows[1], median) == {}  # 2 is not below half of 3
    assert statewide.far_from_median(rows[3], median) == {"active_cooperations": "deutlich über dem Median"}
    assert statewide.medians([])["active_cooperations"] == 0


# White spots ---------------------------------------------------------------------------------

def test_white_spots(small):
    spots = statewide.white_spots(small, in_force(DAY).partner_types(), DAY)
    assert list(spots) == ["MigrantOrganisation", "FundedStructure", "WelfareAssociation", "BamfCoordinator",
                           "SchoolSupervision", "SchoolAdministration", "YouthWelfare", "IntegrationCouncil"]
    mso = {r["ags"] for r in spots["MigrantOrganisation"]}
    assert len(mso) == 53 and "05978" not in mso  # Unna has MSOs (in a municipality and in the region)
    assert {r["ags"] for r in spots["FundedStructure"]} == mso
    welfare = spots["WelfareAssociation"]
    assert len(welfare) == 54  # Dortmund's ended before the day; the federations' state bodies have no region
    assert welfare[0] == {"ags": "05111", "name": "Düsseldorf", "district": "Düsseldorf"}
    assert "05913" not in {r["ags"] for r in statewide.white_spots(small, ["WelfareAssociation"], dt.date(2018, 1, 1))["WelfareAssociation"]}
    assert len(spots["BamfCoordinator"]) == 54


# The matrix helpers --------------------------------------------------------------------------

def test_matrix_filters_and_sorts(small):
    report = requirement.check(small, as_of=DAY)
    detmold = statewide.matrix(report, district="Detmold")
    assert len(detmold) == 7 and {c.district for c in detmold} == {"Detmold"}
    assert len(statewide.matrix(report, district="Bayern")) == 54
    by_name = statewide.matrix(report, sort="unbekannt")
    names = [c.name.removeprefix("Kommunales Integrationszentrum ") for c in by_name]
    assert names[:3] == ["Bielefeld", "Bochum", "Bonn"]
    assert names.index("Köln") < names.index("Krefeld") < names.index("Kreis Borken")  # ö sorts as o
    assert [c.name for c in statewide.matrix(report, descending=True)] == [c.name for c in by_name][::-1]
    by_gaps = statewide.matrix(report, sort="luecken", descending=True)
    gaps = [len(c.open_pflicht_gaps()) for c in by_gaps]
    assert gaps == sorted(gaps, reverse=True)
    tiles = statewide.tiles(report)
    assert len(tiles) == 54 and len({(t["column"], t["row"]) for t in tiles}) == 54


# The page --------------------------------------------------------------------------------------

def matrix_rows(text: str) -> list[str]:
    return re.findall(r'<tr class="matrix-row">(.*?)</tr>', text, re.S)


@pytest.fixture
def gaps(small):
    """Dortmund with the most open Pflicht gaps."""
    org(small, "mso-do", "MigrantOrganisation", "05913")
    org(small, "ia-do", "FundedStructure", "05913")
    edits.save_centre_facts(small, DORTMUND, {"granted_by": None})
    return small


def test_the_page_for_the_coordination_office(gaps, client_for):
    client = client_for("coordination")
    response = client.get("/land/?stichtag=2020-06-01")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    rows = matrix_rows(text)
    assert len(rows) == 54
    assert any('href="/zentren/ki-05978/"' in r and "Kreis Unna" in r for r in rows)
    assert "Landesweiter Median" in text
    assert "erfüllt" in text and "unbekannt" in text  # text beside the colours
    assert text.count('class="tile level-') == 54
    assert "Stand 01.06.2020" in text

    detmold = matrix_rows(client.get("/land/?bezirk=Detmold&stichtag=2020-06-01").get_data(as_text=True))
    assert len(detmold) == 7 and all("Detmold" in r for r in detmold)
    assert len(matrix_rows(client.get("/land/?bezirk=Oberbayern").get_data(as_text=True))) == 54

    report = requirement.check(gaps, as_of=DAY)
    most = max(report.centres, key=lambda c: len(c.open_pflicht_gaps()))
    assert most.id == DORTMUND
    first = matrix_rows(client.get("/land/?sort=luecken&dir=desc&stichtag=2020-06-01").get_data(as_text=True))[0]
    assert DORTMUND in first and f'<td class="gaps-count">{len(most.open_pflicht_gaps())}</td>' in first
    last = matrix_rows(client.get("/land/?sort=luecken&dir=asc&stichtag=2020-06-01").get_data(as_text=True))[-1]
    assert DORTMUND in last
    # Unknown values fall back to the defaults; nothing reaches the queries but parameters.
    assert client.get("/land/?sort=name%27%20DETACH&dir=x").status_code == 200

    for bad in ("gestern", "2020-13-01", "31.02.2020"):
        assert client.get(f"/land/?stichtag={bad}").status_code == 400
    assert client.get("/land/?stichtag=01.06.2020").status_code == 200


def test_only_the_coordination_office_may_open_it(small, client_for, client):
    staff = client_for("centre_staff", UNNA)
    assert staff.get("/land/").status_code == 403
    response = client.get("/land/")
    assert response.status_code == 302 and "/anmelden" in response.location


def test_demo_scale_in_a_fixed_number_of_queries(db, monkeypatch, client_for):
    seeding.seed_demo(db, "demo", 1)
    day = dt.date.today()
    calls = []
    read = db.read
    monkeypatch.setattr(db, "read", lambda name, **params: calls.append(name) or read(name, **params))
    data = statewide.overview(db, day, sort="luecken", descending=True)
    assert len(calls) == 8  # the data's version, five for the matrix, one for indicators, one for white spots
    assert statewide.overview(db, day).centres and len(calls) == 9  # the data unchanged: only its version
    assert len(data.centres) == len(data.indicators) == len(data.tiles) == 54
    assert [row["centre"] for row in data.indicators] == [c.id for c in data.centres]
    # The indicators agree with the facts the check gathers (its own five queries).
    facts = {f.centre["id"]: f for f in requirement.gather_facts(db, data.report.rule_set, day)}
    for row in data.indicators:
        active = [k for k in facts[row["centre"]].cooperations
                  if k["since"] <= day and (k["until"] is None or k["until"] >= day)]
        assert row["active_cooperations"] == len(active)
        assert sum(row["partners"].values()) == len({k["id"] for k in active})
        assert 0 <= row["stale_contacts"] <= row["active_cooperations"]
        assert 0 <= row["core_fields"] <= 3 and 0 <= row["stages"] <= 6
    assert any(row["active_cooperations"] for row in data.indicators)
    monkeypatch.undo()
    page = client_for("coordination").get("/land/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and len(matrix_rows(text)) == 54
    assert "(deutlich unter dem Median)" in text
    # the network analysis of every centre, its median and the centres furthest from it
    analysis = analytics.statewide_analysis(db, day)
    section = text[text.index('id="netzwerkanalyse"'):text.index('id="weisse-flecken"')]
    assert section.count('<tr><th scope="row"><a href="/zentren/') == 54
    median_row = re.search(r'<tr class="median">(.*?)</tr>', section, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", median_row) == [
        f"{analysis['medians'][key]:g}".replace(".", ",") for key in overview.NETWORK_MEASURES]
    furthest = analysis["furthest_from_median"]["partners"][0]["centre"]
    assert f'href="/zentren/{furthest["id"]}/netzwerk?stichtag={day.isoformat()}">{furthest["name"]}</a>' in section


# Downloads: the matrix and the indicators as CSV and Excel ----------------------------------------

def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response.data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def test_the_matrix_and_the_indicators_download_as_the_page_shows_them(gaps, client_for):
    client = client_for("coordination")
    page = client.get("/land/?stichtag=2020-06-01&bezirk=Arnsberg&sort=luecken&dir=desc").get_data(as_text=True)
    for name in ("matrix", "kennzahlen"):
        for fmt in ("csv", "xlsx"):  # the page links each file with its own day, Bezirk and order
            assert (f'href="/land/{name}.{fmt}?stichtag=2020-06-01&amp;bezirk=Arnsberg&amp;sort=luecken&amp;dir=desc"'
                    in page)
    shown = [(re.search(r'">([^<]+)</a></th>', row).group(1),
              re.findall(r'<span class="visually-hidden">[^:]+: ([^<]+)</span>', row),
              int(re.search(r'<td class="gaps-count">(\d+)</td>', row).group(1))) for row in matrix_rows(page)]
    assert len(shown) == 12 and shown[0][0] == "Kommunales Integrationszentrum Dortmund"

    query = "?stichtag=2020-06-01&bezirk=Arnsberg&sort=luecken&dir=desc"
    response = client.get("/land/matrix.csv" + query)
    assert response.headers["Content-Disposition"] == 'attachment; filename="pruefmatrix-2020-06-01.csv"'
    header, *rows = csv_rows(response)
    rules = requirement.check(gaps, as_of=DAY).rule_set.rules
    assert header == ["Zentrum", "Regierungsbezirk", *[f"{r.id} ({r.severity})" for r in rules], "Pflicht-Lücken"]
    assert [(row[0], row[2:-1], int(row[-1])) for row in rows] == shown  # names, outcomes in words, gaps
    assert {row[1] for row in rows} == {"Arnsberg"}
    workbook = xlsx_rows(client.get("/land/matrix.xlsx" + query))
    assert workbook == [header, *[row[:-1] + [int(row[-1])] for row in rows]]  # the same, gaps as numbers

    header, median, *rows = csv_rows(client.get("/land/kennzahlen.csv" + query))
    assert header == ["Zentrum", "Regierungsbezirk", "Migrantenselbstorganisation",
                      "Landesgeförderte Integrationsstruktur", "Wohlfahrtsverband", "Schule", "Kita",
                      "Aktive Kooperationen", "Kern-Handlungsfelder (von 3)", "Bildungsstufen (von 6)",
                      "Veraltete Kontakte"]
    page_median = re.search(r'<tr class="median">(.*?)</tr>', page, re.S).group(1)
    assert median == ["Landesweiter Median", ""] + re.findall(r"<td>(.*?)</td>", page_median)
    assert [row[0] for row in rows] == [name for name, _, _ in shown]
    unna = next(row for row in rows if row[0] == "Kommunales Integrationszentrum Kreis Unna")
    assert unna[1:] == ["Arnsberg", "1", "1", "0", "1", "0", "3", "2", "2", "2"]  # as the page's indicators
    assert re.search(r'Kreis Unna</a></th>\s*' + r'\s*'.join(
        rf'<td( class="is-far")?>{v}( <span class="far">[^<]*</span>)?</td>' for v in unna[2:]), page)
    assert client.get("/land/matrix.csv?stichtag=31.02.2020").status_code == 400
    assert client.get("/land/matrix.pdf").status_code == 404
    assert client_for("centre_staff", UNNA).get("/land/kennzahlen.csv").status_code == 403


def test_text_in_a_download_never_runs_as_a_formula():
    table = statewide_tables.Table("Prüfmatrix 01.06.2020", "pruefmatrix-2020-06-01", ["Zentrum", "Wert"],
                                   [["=HYPERLINK(\"http://x\")", 1], ["+49 2303", 0.5], ["-x", 2], ["@SUM(A1)", 3],
                                    ["Kreis Unna", 4], ["'=x", -5]])
    rows = list(csv.reader(io.StringIO(statewide_tables.csv_bytes(table).decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] == [["'=HYPERLINK(\"http://x\")", "1"], ["'+49 2303", "0,5"], ["'-x", "2"], ["'@SUM(A1)", "3"],
                        ["Kreis Unna", "4"], ["''=x", "-5"]]  # one apostrophe is what the import strips
    sheet = load_workbook(io.BytesIO(statewide_tables.xlsx_bytes(table))).active
    assert sheet.title == "Prüfmatrix 01.06.2020"
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=HYPERLINK(\"http://x\")", "s")  # text, not a formula
    assert [(sheet[f"A{row}"].value, sheet[f"A{row}"].data_type) for row in (3, 7)] == [("+49 2303", "s"),
                                                                                         ("''=x", "s")]
    assert sheet["B7"].value == -5
    assert (sheet["B3"].value, sheet["B3"].data_type) == (0.5, "n")
