"""A smoke run of the benchmarks at the smallest scale, so that bench/ cannot rot."""

from bench import suite


def test_benchmarks_run_and_report_their_baselines(graph):
    load = suite.load_demo(graph, "demo", runs=1)
    assert load["rows"]["organisations"] > 2000 and load["median_s"] > 0

    matrix = suite.check_matrix(graph, runs=1, naive_centres=3)
    assert matrix["centres"] == 54 and matrix["rules"] == 13
    assert matrix["matrix_median_s"] > 0 and matrix["naive_loop_median_s"] > 0
    assert matrix["speedup"] == matrix["naive_loop_median_s"] / matrix["matrix_median_s"]

    imported = suite.import_exchange_files(graph, runs=1, sample_rows=20)
    assert imported["rows"] >= load["rows"]["organisations"] and imported["row_by_row_sample"] == 20
    assert imported["speedup"] > 1
