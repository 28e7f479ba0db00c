"""A smoke run of the web benchmarks (browser and load) at a tiny size, so that they cannot rot."""

import datetime as dt

import pytest

from bench import browser, load
from web import server
from kiz_graph.exchange import seeding
from kiz_graph.network import picture, read


@pytest.fixture(scope="module")
def demo(module_db):
    seeding.seed_demo(module_db, "demo", 1)
    return module_db


def test_network_page_is_placed_and_answers_a_click_beside_pyvis(demo):
    result = browser.network_page_2000(demo, runs=1, nodes=150, baseline_timeout_s=60)

    assert result["nodes"] == 150 and result["edges"] > 150
    assert result["drawn_nodes"] == result["pyvis_drawn_nodes"] == 150
    assert 0 < result["placed_median_s"] < 30 and 0 < result["cold_placed_s"] < 30
    assert not result["timed_out"] and result["click_answered"] and 0 < result["click_median_s"] < 10
    assert not result["pyvis_timed_out"] and result["pyvis_click_answered"]
    assert 0 < result["pyvis_placed_median_s"] <= result["pyvis_stabilized_median_s"]
    assert result["speedup"] == result["pyvis_placed_median_s"] / result["placed_median_s"]
    assert result["other_origin_requests"] == 0

    # Idempotent: a second, smaller run ends the surplus instead of adding more.
    centre = result["centre"]
    assert browser.write_network(demo, centre, 100)["ended"] == 50
    assert picture.centre_network(read.network(demo, dt.date.today(), centre)).number_of_nodes() == 100

    laid_out = browser.first_layout(demo, runs=1, nodes=100, centre=centre)
    assert laid_out["nodes"] == 100 and laid_out["layout_median_s"] > 0 and laid_out["baseline_median_s"] > 0
    assert laid_out["speedup"] == laid_out["baseline_median_s"] / laid_out["layout_median_s"]


def test_load_reports_throughput_and_percentiles_without_errors(demo):
    result = load.load(demo, runs=1, requests=40, concurrency=4, time_limit_s=30)

    assert result["errors"] == 0 and result["target_met"]
    targets = {target["name"]: target for target in result["targets"]}
    assert list(targets) == ["directory_search", "network_page"]
    for target in targets.values():
        assert target["errors"] == 0 and target["sequential_errors"] == 0, target["error_samples"]
        assert target["requests"] == 40 and target["stopped_by"] == "count"
        assert 0 < target["p50_ms"] <= target["p95_ms"] <= target["p99_ms"] <= target["max_ms"]
        assert target["rps"] > 0 and target["sequential_median_ms"] > 0 and target["sequential_rps"] > 0
    directory = targets["directory_search"]
    assert len(directory["urls"]) == len(load.DIRECTORY_QUERIES)
    # the baseline: the pages' own queries over bare Bolt (the user, the data's version, the search)
    assert directory["bolt"]["errors"] == 0 and directory["bolt"]["requests"] == 40
    assert min(directory["bolt"]["queries_per_page"]) >= 3 and directory["share_of_bolt"] > 0
    page, drawing = targets["network_page"]["sizes"]  # the page, then its drawing's data, compressed
    assert page["bytes"] > 1000 and drawing["encoding"] != "none" and drawing["sent_bytes"] < drawing["bytes"]
    # every worker of the server was measured after serving the pages; Neo4j as far as it tells
    used = result["memory"]
    assert used["served"]["errors"] == 0 and len(used["workers"]) == server.default_workers()
    assert all(worker["rss_mb"] > 20 for worker in used["workers"])
    assert used["neo4j"]["process"]["rss_mb"] > 100 and used["neo4j"]["pagecache_configured_mb"] > 0
