"""Queries start from what narrows most (issue 18): each shape of the directory query,
profiled by Neo4j on the demo, reads no label's every node, and finds what it should."""

from __future__ import annotations

import pytest

from kiz_graph.exchange import seeding
from kiz_graph.records import search, visibility
from kiz_graph.store.db import cypher

SHAPES = {  # what a user may ask: a name, a filter, or both
    "name": ("Verein", {}),
    "name and place": ("Kita", {"place": "05978"}),
    "region": ("", {"place": "05978"}),
    "municipality": ("", {"place": "05978020"}),
    "field": ("", {"field": "bildung"}),
    "stage": ("", {"stage": "primarstufe"}),
    "type": ("", {"org_type": "MigrantOrganisation"}),
    "language": ("", {"language": "tr"}),
    "place and language": ("", {"place": "05913", "language": "ar"}),
    "persons by field": ("", {"field": "bildung", "kind": "person"}),
}


@pytest.fixture(scope="module")
def demo(module_db):
    seeding.seed_demo(module_db, "demo", 1)
    return module_db


def operators(plan) -> list[str]:
    """Every operator of a profiled plan with its details, depth first."""
    found = [f"{plan.get('operatorType', '')} {plan.get('args', {}).get('Details', '')}"]
    for child in plan.get("children", []):
        found.extend(operators(child))
    return found


VIEWERS = {"coordination": visibility.Viewer("coordination"),
           # centre staff: `internal` only within their network (a filter on the rows found, no scan)
           "centre staff": visibility.Viewer("centre_staff", ("ki-05913",))}


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("shape", SHAPES)
def test_each_directory_query_starts_from_an_index(demo, shape, viewer):
    text, narrowing = SHAPES[shape]
    filters = search.DirectoryFilters(**narrowing)
    params = search.directory_parameters(text, visibility.sight(demo, VIEWERS[viewer]), 50, filters)
    result = demo.driver.execute_query("PROFILE " + cypher("records/search/directory"), params,
                                       database_=demo.database)
    plan = operators(result.summary.profile)
    scans = [step for step in plan if "AllNodesScan" in step or "NodeByLabelScan" in step]
    assert scans == [], f"{shape}: {scans}"
    assert result.records, f"{shape}: the demo has matches"
    # The same rows as the directory gives (the plan is of the query the app runs).
    found = search.directory(demo, text, VIEWERS[viewer], limit=50, filters=filters)
    assert {row["id"] for row in found} == {record["id"] for record in result.records}
