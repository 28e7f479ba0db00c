"""The yearly Sachbericht of a centre and the statewide report: figures against a small
network counted by hand, the PDF's text, the workbook's cells, the command line and the web.

The graph (seeds plus Unna's and Dortmund's few records) is built once for the module, and
each file is made once.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from auth import make_app, signed_in, user_for
from openpyxl import load_workbook
from pypdf import PdfReader
from report_network import DORTMUND, HOLDER, UNNA, YEAR, build

from kiz_graph.reports import figures, files


@pytest.fixture(scope="module")
def graph(module_db):
    build(module_db)
    return module_db


@pytest.fixture(scope="module")
def unna(graph):
    return figures.centre_figures(graph, UNNA, YEAR)


@pytest.fixture(scope="module")
def state(graph):
    return figures.statewide_figures(graph, YEAR)


@pytest.fixture(scope="module")
def pdf_text(unna):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files.centre_pdf(unna))).pages)


@pytest.fixture(scope="module")
def book(unna):
    return load_workbook(io.BytesIO(files.centre_xlsx(unna)))


@pytest.fixture(scope="module")
def state_book(state):
    return load_workbook(io.BytesIO(files.statewide_xlsx(state)))


# The figures ------------------------------------------------------------------------------

def test_staffing_counts_posts_on_31_december(unna):
    s = unna.staffing
    assert (s.total_posts, s.total_fte) == (4, 3.5)  # the municipal post ended in 2023
    assert s.fte_of(profession="teacher", funding="state_secondment") == 1.5
    assert s.fte_of(funding="state_grant") == 2.0
    rows = {row["what"]: row for row in s.comparison()}
    assert rows["Abgeordnete Lehrkräfte (Stellen)"]["met"] and rows["Abgeordnete Lehrkräfte (Stellen)"]["has"] == 2
    teacher_fte = rows["Abgeordnete Lehrkräfte (Stellenanteile)"]
    assert (teacher_fte["has"], teacher_fte["target"], teacher_fte["met"]) == (1.5, 2.0, False)


def test_cooperations_started_and_ended_in_the_year(unna):
    k = unna.cooperations
    assert (sum(k.started.values()), sum(k.ended.values()), k.active) == (3, 2, 2)
    assert k.by(0) == {"MigrantOrganisation": (2, 1), "School": (1, 1)}
    assert k.by(1) == {"Kooperationsvereinbarung": (1, 0), "Projekt": (2, 2)}
    assert {y: t["active_cooperations"] for y, t in unna.trend.items() if y >= 2021} == {2021: 0, 2022: 1,
                                                                                          2023: 2, 2024: 2}


def test_networks_members_joined_and_left(unna):
    # The Runder Tisch ended in 2023 and is not part of 2024.
    assert [(n.name, n.members, n.joined, n.left) for n in unna.networks] == [("Netzwerk Sprachbildung", 2, 2, 2)]


def test_offers_by_task_field_and_stage(unna):
    o = unna.offers
    assert o.count == 3  # the Fortbildung ended in 2023
    assert dict(o.tasks) == {"elternarbeit": 2, "beratung_kinder_eltern": 1}
    assert dict(o.fields) == {"bildung": 2, "sprachliche_interkulturelle_bildung": 1, "erziehung_betreuung": 1}
    assert dict(o.stages) == {"primarstufe": 1, "sekundarstufe_1": 1, "sekundarstufe_2": 1, "fruehe_bildung": 1}


def test_check_on_31_december_against_the_year_before(unna):
    c = unna.check
    # 2023 and 2024 are judged under § 8 TIntG 2021: its qualification offers for staff (TI-10, Pflicht)
    # ended with the Fortbildung on 31.12.2023; 1.5 teacher posts where the decrees ask for 2 (TI-03).
    assert "TI-10" not in c.previous_gaps() and "TI-10" in c.open_gaps()
    assert "TI-03" in c.open_gaps() and "TI-03" in c.previous_gaps()
    rows = {row["rule"]: row for row in c.rows()}
    assert (rows["TI-10"]["previous"], rows["TI-10"]["status"]) == ("met", "not_met")
    assert c.rule_set_title.startswith("Teilhabe- und Integrationsgesetz NRW vom 25.11.2021")


def test_statewide_trend_and_medians(state):
    assert len(state.centres) == 54
    numbers = {c.id: c.numbers() for c in state.centres}
    assert numbers[UNNA]["active"] == 2 and numbers[DORTMUND]["active"] == 1
    assert state.medians["active"] == 0 and state.medians["offers"] == 0
    trend = {row["year"]: row for row in state.trend}
    assert sorted(trend) == list(range(2013, YEAR + 1))
    assert [trend[y]["active_cooperations"] for y in (2019, 2020, 2022, 2023, 2024)] == [0, 1, 2, 3, 3]
    # Dortmund's only open Pflicht gap (KI-06) closed with its MSO cooperation of 2020.
    assert trend[2019]["centres_with_gaps"] - trend[2020]["centres_with_gaps"] == 1
    assert trend[YEAR]["offers"] == 3 and trend[2023]["offers"] == 4


# The files ---------------------------------------------------------------------------------

def test_pdf_names_centre_year_law_and_figures(unna, pdf_text):
    text = " ".join(pdf_text.split())
    assert "Kommunales Integrationszentrum Kreis Unna" in text
    assert f"Sachbericht {YEAR}" in text
    assert unna.check.rule_set_title in text
    assert "Netzwerk Sprachbildung" in text and "Vereinbarung der Elternarbeit" not in text
    assert "Vermittlung von Elternberatung und Zusammenarbeit mit Eltern 2" in text
    assert "Migrantenselbstorganisation 2 1" in text
    assert "TI-10" in text and HOLDER not in text and "p-holder" not in text


def test_xlsx_cells_hold_the_counted_numbers(book):
    assert {"Überblick", "Personal", "Kooperationen", "Netzwerke", "Angebote", "Prüfung"} <= set(book.sheetnames)
    rows = {row[0]: row[1:] for row in book["Kooperationen"].iter_rows(values_only=True) if row[0]}
    assert rows["Migrantenselbstorganisation"][:2] == (2, 1)
    assert rows["Projekt"][:2] == (2, 2)
    networks = {row[0]: row[1:] for row in book["Netzwerke"].iter_rows(values_only=True)}
    assert networks["Netzwerk Sprachbildung"] == (2, 2, 2)
    staff = {row[0]: row[1:] for row in book["Personal"].iter_rows(values_only=True) if row[0]}
    assert staff["Abgeordnete Lehrkräfte (Stellenanteile)"][:2] == (1.5, 2)
    assert book["Angebote"]._charts and book["Kooperationen"]._charts  # native charts


def test_statewide_workbook_has_a_row_per_centre_and_the_medians(state_book):
    sheet = state_book["Kooperationen"]
    rows = list(sheet.iter_rows(values_only=True))
    headings, body = rows[0], rows[1:]
    assert headings[:2] == ("Zentrum", "Regierungsbezirk")
    by_name = {row[0]: row for row in body}
    assert len([r for r in body if r[0] != "Median"]) == 54
    active = headings.index("Aktiv am 31.12.")
    assert by_name["Kommunales Integrationszentrum Kreis Unna"][active] == 2
    assert by_name["Median"][active] == 0
    trend = {row[0]: row for row in state_book["Entwicklung"].iter_rows(values_only=True)}
    assert trend[2023][2] == 3 and state_book["Entwicklung"]._charts


def test_statewide_pdf(state):
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files.statewide_pdf(state))).pages)
                    .split())
    assert f"Landesbericht {YEAR}" in text and "Median" in text and "Kommunales Integrationszentrum Kreis Unna" in text


# The command line ---------------------------------------------------------------------------

def _cli(settings, *args):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, "NEO4J_URI": settings.uri,
           "NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database}
    return subprocess.run([sys.executable, "-m", "kiz_graph.cli", "report", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_cli_writes_the_report(graph, neo4j_settings, tmp_path):
    out = tmp_path / "bericht.xlsx"
    result = _cli(neo4j_settings, "--centre", UNNA, "--year", str(YEAR), "--format", "xlsx", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out)["Netzwerke"]["A2"].value == "Netzwerk Sprachbildung"


@pytest.mark.parametrize("args, message", [
    (("--centre", "ki-99999", "--year", "2024"), "Zentrum"),
    (("--centre", UNNA, "--year", "2012"), "vor 2013"),
    (("--centre", UNNA, "--year", str(dt.date.today().year + 1)), "Zukunft"),
])
def test_cli_refuses_in_german(graph, neo4j_settings, tmp_path, args, message):
    result = _cli(neo4j_settings, *args, "--output", str(tmp_path / "x.pdf"))
    assert result.returncode != 0 and message in result.stderr
    assert not (tmp_path / "x.pdf").exists()


# The web ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def web(graph):
    return make_app(graph)


def _client(web, role, centre=None):
    return signed_in(web, user_for(web.config["DATABASE"], role, centre))


@pytest.mark.parametrize("role, centre, fmt, status", [
    ("centre_staff", UNNA, "pdf", 200), ("coordination", None, "xlsx", 200), ("centre_staff", DORTMUND, "pdf", 403),
    ("partner", None, "pdf", 403),
])
def test_web_download_of_the_sachbericht(web, role, centre, fmt, status):
    response = _client(web, role, centre).get(f"/zentren/{UNNA}/sachbericht/datei?jahr={YEAR}&format={fmt}")
    assert response.status_code == status
    if fmt == "pdf" and status == 200:
        assert response.content_type == "application/pdf" and response.data.startswith(b"%PDF")
        assert response.headers["Content-Disposition"] == f'attachment; filename="sachbericht-{YEAR}-{UNNA}.pdf"'
    elif status == 200:
        sheet = load_workbook(io.BytesIO(response.data))["Überblick"]
        assert sheet["B2"].value == "Kommunales Integrationszentrum Kreis Unna"


def test_web_refuses_a_bad_year_in_german(web):
    response = _client(web, "coordination").get(f"/zentren/{UNNA}/sachbericht/datei?jahr=2011&format=xlsx")
    assert response.status_code == 400 and "Jahr" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, status", [("coordination", 200), ("centre_staff", 403), ("partner", 403)])
def test_web_statewide_report_for_the_coordination_office_only(web, role, status):
    response = _client(web, role, UNNA if role == "centre_staff" else None).get(
        f"/land/landesbericht?jahr={YEAR}&format=xlsx")
    assert response.status_code == status
    if status == 200:
        assert response.content_type.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
