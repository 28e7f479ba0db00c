"""The README's performance table, written from a results file (``make bench`` does it).

The table sits between two marker lines in README.md; nothing else of the README changes.
"""

from __future__ import annotations

from pathlib import Path

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _s(seconds: float) -> str:
    if round(seconds * 1000) < 1000:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.1f} s" if seconds < 100 else f"{seconds:.0f} s"


def _x(ratio: float) -> str:
    return f"{ratio:.1f}×" if ratio < 10 else f"{ratio:.0f}×"


def _verdict(met: bool, how_far: str = "") -> str:
    return "met" if met else f"**missed**{' ' + how_far if how_far else ''}"


def table(results: dict) -> str:
    """Markdown: what was measured, the median, its baseline, the ratio and the target."""
    m = results["machine"]
    rows = results["load"]["rows"]
    lines = [
        f"Measured {results['finished'][:10]} on {m['cores']} cores, Neo4j {m['neo4j']}, Python {m['python']}; "
        f"scale `{results['scale']}` ({rows['organisations']:,} organisations, {rows['persons']:,} persons, "
        f"{rows['cooperations']:,} cooperations); medians of {results['runs']} runs unless the row says otherwise.",
        "",
        "| what | median | baseline in the same run | ratio | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    load = results["load"]
    lines.append(f"| load seeds and demo network (`kiz-graph seed --demo --scale {results['scale']}`, "
                 f"{load['runs']} runs) | {_s(load['median_s'])} | | | |")
    imp = results["import"]
    imp_ok = imp["import_median_s"] < imp["target_s"] and imp["speedup"] >= imp["target_speedup"]
    lines.append(
        f"| 1. import of the exchange files ({imp['rows']:,} rows, {imp['runs']} runs) | {_s(imp['import_median_s'])} "
        f"({imp['batched_ms_per_row']:.2f} ms a row) | row by row, each in its own transaction (sample of "
        f"{imp['row_by_row_sample']}): {imp['row_by_row_ms_per_row']:.1f} ms a row | {_x(imp['speedup'])} "
        f"| < 60 s and ≥ 20×: {_verdict(imp_ok)} |")
    mx = results["check_matrix"]
    lines.append(
        f"| 2. statewide check matrix ({mx['centres']} centres × {mx['rules']} rules) | {_s(mx['matrix_median_s'])} "
        f"| naive per-centre, per-rule loop: {_s(mx['naive_loop_median_s'])} | {_x(mx['speedup'])} "
        f"| < 1 s: {_verdict(mx['target_met'], 'by ' + _s(mx['matrix_median_s'] - 1.0))} |")
    page = results["network_page"]
    lines.append(
        f"| 3. network page of {page['centre']}, server time (graph, layout, check, analysis, HTML) "
        f"| {_s(page['page_median_s'])} | bare Bolt round trips of its {page['queries']} queries: "
        f"{_s(page['bolt_round_trips_median_s'])} | {_x(page['ratio'])} "
        f"| ≤ 4×: {_verdict(page['target_met'], '(' + _x(page['ratio']) + ')')} |")
    an = results["analytics"]
    lines.append(f"| 4a. analysis of {an['centre']} (read, check, measures, suggestions) "
                 f"| {_s(an['centre_analysis_median_s'])} | | | |")
    lines.append(f"| 4b. statewide analysis (all {results['check_matrix']['centres']} centres) "
                 f"| {_s(an['statewide_analysis_median_s'])} | | | |")
    lines.append(f"| 4c. the state's networkx graph ({an['nodes']:,} nodes, {an['edges']:,} edges) "
                 f"| {_s(an['build_graph_median_s'])} | merely streaming the same rows: {_s(an['stream_rows_median_s'])} "
                 f"| {_x(an['build_over_stream'])} | |")
    web_load = results.get("web_load", {})
    for target in web_load.get("targets", []):
        stopped = f" (stopped at the {web_load['time_limit_s']:.0f} s limit)" if target["stopped_by"] == "time" else ""
        lines.append(
            f"| 5. load: {target['name']}, {target['requests']} requests{stopped}, {target['concurrency']} at a time "
            f"({web_load.get('server', 'kiz-graph serve')}, loopback) | {target['rps']:.0f} requests/s; p50 {target['p50_ms']:.0f} ms, "
            f"p95 {target['p95_ms']:.0f} ms, p99 {target['p99_ms']:.0f} ms | one client, one request at a time: "
            f"{target['sequential_median_ms']:.0f} ms | | zero errors: {_verdict(target['errors'] == 0, '(' + str(target['errors']) + ' errors)')} |")
    browser = results.get("browser")
    if browser:
        if browser["pyvis_timed_out"]:
            progress = browser.get("pyvis_stabilization_progress")
            pyvis = (f"not placed within {_s(browser['pyvis_timeout_s'])}"
                     + (f" ({progress:.0%} of its stabilisation done)" if progress is not None else ""))
        else:
            click = browser["pyvis_click_median_s"]
            pyvis = f"{_s(browser['pyvis_placed_median_s'])}, {_s(click) if click is not None else '–'}"
        ratio = ("≥ " if browser["speedup_is_lower_bound"] else "") + _x(browser["speedup"])
        lines.append(
            f"| 6. network page with {browser['nodes']:,} nodes in headless Chromium (layout cached; the first "
            f"visit after a change: {_s(browser['cold_placed_s'])}): placed, then a click answered "
            f"| {_s(browser['placed_median_s'])}, {_s(browser['click_median_s'])} "
            f"| pyvis, default physics: {pyvis} | {ratio} | |")
    growth = results.get("growth")
    if growth:
        grown_import = growth["import"]  # statewide_s: the statewide import of its own day, where row 1 is newer
        if "refused" in grown_import:  # imports are one transaction: this scale did not fit the heap
            measured, ratio = (f"refused after {_s(grown_import['refused_after_s'])}: {grown_import['refused']} "
                               f"({grown_import['rows']:,} rows)"), ""
        else:
            measured = f"{_s(grown_import['import_median_s'])} ({grown_import['rows']:,} rows)"
            ratio = _x(growth["import_ratio"])
        lines.append(
            f"| 7. growth to `{growth['scale']}` ({growth['load']['rows']['organisations']:,} organisations): import "
            f"| {measured} | statewide: {_s(grown_import.get('statewide_s', imp['import_median_s']))} | {ratio} "
            f"| < 60 s at statewide only |")
        lines.append(
            f"| 7. growth to `{growth['scale']}`: check matrix | {_s(growth['check_matrix']['matrix_median_s'])} "
            f"| statewide: {_s(mx['matrix_median_s'])} | {_x(growth['check_matrix_ratio'])} | |")
    return "\n".join(lines)


def update_readme(readme: Path, results: dict) -> None:
    """Replace the table between the markers of ``readme`` with one from ``results``."""
    text = readme.read_text()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{readme}: the markers {BEGIN} and {END} are missing")
    readme.write_text(text[:start + len(BEGIN)] + "\n" + table(results) + "\n" + text[end:])
