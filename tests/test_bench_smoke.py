"""A smoke run of the benchmarks at the smallest scale, so that bench/ cannot rot."""

import datetime as dt

from bench import pages, report, suite
from kiz_graph.check.rules import in_force


def test_benchmarks_run_and_report_their_baselines(db):
    load = suite.load_demo(db, "demo", runs=1)
    assert load["rows"]["organisations"] > 2000 and load["median_s"] > 0

    matrix = suite.check_matrix(db, runs=1, naive_centres=3)
    assert matrix["centres"] == 54 and matrix["rules"] == len(in_force(dt.date.today()).rules)
    assert matrix["matrix_median_s"] > 0 and matrix["naive_loop_median_s"] > 0
    assert matrix["speedup"] == matrix["naive_loop_median_s"] / matrix["matrix_median_s"]

    waited = pages.pages(db, runs=1)
    for name in ("land", "centres"):
        page = waited[name]
        assert page["warm_median_s"] > 0 and page["first_visit_median_s"] > 0 and page["bytes"] > 1000
        # the first visit after a change reads the data's version, the user, and computes: more than two queries
        assert page["queries"] > 2 and page["warm_speedup"] == page["first_visit_median_s"] / page["warm_median_s"]
    assert "target_first_met" in waited["land"] and "target_first_met" not in waited["centres"]
    # the user, the data's version (for the cached place list) and the search
    names = waited["directory"]["query_names"]
    assert names.count("records/search/directory") == 1 and "users/session_user" in names
    assert set(names) == {"records/search/directory", "store/version/current", "users/session_user"}
    assert waited["directory"]["bolt_round_trip_median_s"] > 0

    page = suite.network_page(db, runs=1)
    # the page's own queries were recorded and replayed: the user, the data's version, the check's five,
    # the network's two
    assert page["queries"] == 9 and page["bolt_round_trips_median_s"] > 0
    assert page["ratio"] == page["page_median_s"] / page["bolt_round_trips_median_s"]

    analysed = suite.analytics_times(db, runs=1)
    assert analysed["nodes"] > 54 and analysed["edges"] > 0  # the state's centre networks: centres and partners
    assert analysed["build_over_stream"] == analysed["build_graph_median_s"] / analysed["stream_rows_median_s"]

    imported = suite.import_exchange_files(db, runs=1, sample_rows=20)
    assert imported["rows"] >= load["rows"]["organisations"] and imported["row_by_row_sample"] == 20
    assert imported["speedup"] > 1

    results = {"machine": {"cores": 2, "neo4j": "5.26", "python": "3.11"}, "scale": "demo", "runs": 1,
               "finished": "2026-11-24T00:00:00+00:00", "load": load, "check_matrix": matrix,
               "network_page": page, "analytics": analysed, "import": imported, "pages": waited}
    table = report.table(results)
    assert table.count("\n| ") == 14  # header, rule and twelve rows (/land/ and /zentren/ two each)
    assert f"{imported['rows']:,} rows" in table and "≤ 4×" in table and "| `/land/` (the statewide page), warm" in table


def test_the_readme_table_replaces_only_what_lies_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{report.BEGIN}\nold table\n{report.END}\n\nafter\n")
    results = {"machine": {"cores": 2, "neo4j": "5.26", "python": "3.11"}, "scale": "demo", "runs": 1,
               "finished": "2026-11-24T00:00:00+00:00",
               "load": {"runs": 1, "median_s": 2.0, "rows": {"organisations": 10, "persons": 5, "cooperations": 7}},
               "check_matrix": {"centres": 54, "rules": 13, "matrix_median_s": 1.5, "naive_loop_median_s": 3.0,
                                "speedup": 2.0, "target_s": 0.4, "target_met": False},
               "network_page": {"centre": "ki-05978", "page_median_s": 0.5, "queries": 9,
                                "bolt_round_trips_median_s": 0.1, "ratio": 5.0, "target_met": False},
               "analytics": {"centre": "ki-05978", "centre_analysis_median_s": 0.1, "statewide_analysis_median_s": 1.0,
                             "nodes": 10, "edges": 7, "build_graph_median_s": 0.2, "stream_rows_median_s": 0.1,
                             "build_over_stream": 2.0},
               "import": {"rows": 100, "runs": 1, "import_median_s": 1.0, "target_s": 60.0, "batched_ms_per_row": 10.0,
                          "row_by_row_sample": 20, "row_by_row_ms_per_row": 100.0, "speedup": 10.0,
                          "target_speedup": 20.0}}
    results["web_load"] = {"time_limit_s": 60.0, "targets": [
        {"name": "network_page", "requests": 172, "stopped_by": "time", "concurrency": 8, "rps": 2.8, "p50_ms": 2866.1,
         "p95_ms": 3402.1, "p99_ms": 3735.2, "sequential_median_ms": 275.7, "errors": 1}]}
    results["browser"] = {"nodes": 2000, "cold_placed_s": 15.2, "placed_median_s": 3.1, "click_median_s": 0.145,
                          "pyvis_timed_out": True, "pyvis_timeout_s": 120.0, "pyvis_stabilization_progress": 0.8,
                          "pyvis_placed_median_s": 120.0, "pyvis_click_median_s": None, "speedup": 38.7,
                          "speedup_is_lower_bound": True}
    results["growth"] = {"scale": "10x", "load": {"rows": {"organisations": 100}}, "import_ratio": 8.8,
                         "import": {"import_median_s": 8.8, "rows": 1000}, "check_matrix": {"matrix_median_s": 15.0},
                         "check_matrix_ratio": 10.0}
    report.update_readme(readme, results)
    text = readme.read_text()
    assert text.startswith("# Title\n\n<!-- bench:begin -->\n") and text.endswith("<!-- bench:end -->\n\nafter\n")
    assert "old table" not in text
    # every missed target says so, and by how much
    assert "≤ 400 ms: **missed** by 1.1 s" in text and "≤ 4×: **missed** (5.0×)" in text
    assert "≥ 20×: **missed**" in text
    # a results file of before the load's baselines is still written
    assert "172 requests, stopped at the 60 s limit" in text and "zero errors: **missed** (1 errors)" in text
    assert "not placed within 120 s (80% of its stabilisation done) | ≥ 39×" in text
    assert "| growth to `10x`: check matrix | 15.0 s | statewide: 1.5 s | 10× |" in text
    # an import too large for one transaction of the bench's heap is reported, not a crash
    results["growth"]["import"] = {"rows": 1000, "runs": 1, "refused_after_s": 120.0,
                                   "refused": "too large for one transaction"}
    del results["growth"]["import_ratio"]
    report.update_readme(readme, results)
    assert "import | refused after 120 s: too large for one transaction (1,000 rows) |" in readme.read_text()
    # the load rows with their baselines, and memory
    load = {"name": "directory_search", "requests": 1000, "stopped_by": "count", "concurrency": 8, "rps": 70.0,
            "p50_ms": 100.0, "p95_ms": 250.0, "p99_ms": 320.0, "errors": 0, "urls": ["a", "b"],
            "bolt": {"rps": 200.0, "p99_ms": 60.0}, "share_of_bolt": 0.35, "target_met": False, "goal_met": False}
    page = {**load, "name": "network_page", "rps": 6.0, "sequential_rps": 4.0, "throughput_gain": 1.5,
            "goal_met": False, "sizes": [{"bytes": 120_000, "sent_bytes": 120_000, "encoding": "none"},
                                         {"bytes": 900_000, "sent_bytes": 60_000, "encoding": "br"}]}
    workers = [{"pid": 1, "rss_mb": 310.0, "peak_mb": 330.0}, {"pid": 2, "rss_mb": 240.0, "peak_mb": 250.0}]
    results["web_load"] = {"time_limit_s": 60.0, "centre": "ki-05978", "server": "gunicorn", "targets": [load, page],
                           "memory": {"workers": workers, "worker_rss_max_mb": 310.0, "worker_peak_max_mb": 330.0,
                                      "goal_met": False, "neo4j": {"heap_used_mb": 800.0, "heap_max_mb": 6144.0,
                                                                   "pagecache_configured_mb": 512, "store_mb": 300.0,
                                                                   "process": {"rss_mb": 2000.0}}}}
    text = report.table(results)
    assert "| 35% of it | ≥ 40 %, p99 ≤ 300 ms, 0 errors: **missed**; goal ≥ 60 %, p99 ≤ 150 ms: not reached |" in text
    assert "one client alone: 4.0 pages/s | 1.5× | ≥ 1.5×: met" in text
    assert "HTML 117 KB; the drawing's data 879 KB, sent 59 KB (br) | | | HTML ≤ 150 KB: met |" in text
    assert "310 MB the largest (310, 240 MB); peak 330 MB" in text and "goal worker ≤ 250 MB: not reached" in text
    assert "heap in use 800 MB of 6144 MB (JMX); page cache 512 MB configured, the database's store files 300 MB" in text
