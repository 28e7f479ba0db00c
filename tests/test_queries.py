"""What the network page asks of the database: each query it needs, once (counted through
the driver, as the bench counts them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.suite import recorded_queries
from kiz_graph.exchange import seeding
from kiz_graph.records import edits

UNNA = "ki-05978"
CYPHER = Path(__file__).resolve().parent.parent / "cypher"


def query_name(text: str) -> str:
    """The ``cypher/`` name of a query text the code sent."""
    for path in CYPHER.rglob("*.cypher"):
        if path.read_text(encoding="utf-8") == text:
            return str(path.relative_to(CYPHER).with_suffix(""))
    return text


@pytest.fixture
def client(db, client_for):
    seeding.seed(db)
    edits.create(db, "organisations", {"id": "mso", "name": "Elternverein Kamen", "type": "MigrantOrganisation",
                                        "region": "05978"})
    edits.create(db, "cooperations", {"from_id": UNNA, "to_id": "mso", "form": "Projekt", "since": "2020-01-01"})
    return client_for("centre_staff", UNNA), db


NETWORK_PAGE = ["users/session_user",  # who asks (every page)
                "store/version/current",  # whether the page computed last time still holds
                "check/facts/centres", "check/facts/positions", "check/facts/cooperations",
                "check/facts/region_partners", "check/facts/offers",  # the check; the header is its first row
                "network/read/nodes", "network/read/edges"]  # the network, drawn and analysed


def test_the_network_page_sends_each_query_it_needs_once(client):
    client, db = client
    with recorded_queries(db) as sent:
        page = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2024-06-01")
    assert page.status_code == 200 and "Elternverein Kamen" in page.get_data(as_text=True)
    assert sorted(query_name(text) for text, _ in sent) == sorted(NETWORK_PAGE)

    # The drawing's data, fetched by the page, and the page again: computed already, and the
    # data unchanged, so only who asks and the data's version are read.
    with recorded_queries(db) as again:
        assert client.get(f"/zentren/{UNNA}/netzwerk/zeichnung.json?stichtag=2024-06-01").status_code == 200
        assert client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2024-06-01").status_code == 200
    assert sorted(query_name(text) for text, _ in again) == sorted(NETWORK_PAGE[:2] * 2)


def test_a_comparison_reads_the_other_days_network_once_more(client):
    client, db = client
    with recorded_queries(db) as sent:
        page = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2024-06-01&vergleich=2019-06-01")
    assert page.status_code == 200 and "Elternverein Kamen" in page.get_data(as_text=True)
    names = sorted(query_name(text) for text, _ in sent)
    assert names == sorted(NETWORK_PAGE + ["network/read/nodes", "network/read/edges"])
    assert {params["day"] for text, params in sent if query_name(text) == "network/read/nodes"} == {
        dt.date(2024, 6, 1), dt.date(2019, 6, 1)}
