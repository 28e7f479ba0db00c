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


def _kb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 10 * 1024 else f"{size / 1024:.1f} KB"


def _goal(text: str, met: bool | None) -> str:
    """The issue's goal beside its minimum (a goal is no target: "not reached", never "missed")."""
    return "" if met is None else f"; goal {text}: {'reached' if met else 'not reached'}"


def table(results: dict) -> str:
    """Markdown: what was measured, the median, its baseline, the ratio and the target."""
    m = results["machine"]
    rows = results["load"]["rows"]
    lines = [
        f"Measured {results['finished'][:10]} on {m['cores']} cores, Neo4j {m['neo4j']}, Python {m['python']}; "
        f"scale `{results['scale']}` ({rows['organisations']:,} organisations, {rows['persons']:,} persons, "
        f"{rows['cooperations']:,} cooperations); medians of {results['runs']} runs unless the row says otherwise. "
        f"Server time is the request's time in the app (Flask test client in the bench's process); the rows "
        f"under load are against `kiz-graph serve` on loopback.",
        "",
        "| what | median | baseline in the same run | ratio | target (the issue's minimum) |",
        "| --- | --- | --- | --- | --- |",
    ]
    load = results["load"]
    lines.append(f"| load seeds and demo network (`kiz-graph seed --demo --scale {results['scale']}`, "
                 f"{load['runs']} runs) | {_s(load['median_s'])} | | | |")
    lines += _page_rows(results.get("pages"))
    lines += _load_rows(results.get("web_load"))
    page = results.get("network_page")
    if page:
        lines.append(
            f"| network page of {page['centre']} after a change, server time (graph, layout, check, analysis, HTML) "
            f"| {_s(page['page_median_s'])} | bare Bolt round trips of its {page['queries']} queries: "
            f"{_s(page['bolt_round_trips_median_s'])} | {_x(page['ratio'])} "
            f"| ≤ 4×: {_verdict(page['target_met'], '(' + _x(page['ratio']) + ')')} |")
    lines += _layout_rows(results.get("layout"), results.get("browser"))
    mx = results["check_matrix"]
    lines.append(
        f"| statewide check matrix ({mx['centres']} centres × {mx['rules']} rules) | {_s(mx['matrix_median_s'])} "
        f"| naive per-centre, per-rule loop: {_s(mx['naive_loop_median_s'])} | {_x(mx['speedup'])} "
        f"| ≤ {_s(mx['target_s'])}: {_verdict(mx['target_met'], 'by ' + _s(mx['matrix_median_s'] - mx['target_s']))}"
        f"{_goal('≤ 150 ms and ≥ 50×', mx.get('goal_met'))} |")
    an = results.get("analytics")
    if an:
        lines.append(f"| analysis of {an['centre']} (read, check, measures, suggestions) "
                     f"| {_s(an['centre_analysis_median_s'])} | | | |")
        lines.append(f"| statewide analysis (all {mx['centres']} centres), uncached "
                     f"| {_s(an['statewide_analysis_median_s'])} | | | |")
        lines.append(f"| the state's networkx graph ({an['nodes']:,} nodes, {an['edges']:,} edges) "
                     f"| {_s(an['build_graph_median_s'])} | merely streaming the same rows: "
                     f"{_s(an['stream_rows_median_s'])} | {_x(an['build_over_stream'])} | |")
    lines += _memory_rows(results.get("web_load"))
    imp = results.get("import")
    if imp:
        imp_ok = imp["import_median_s"] < imp["target_s"] and imp["speedup"] >= imp["target_speedup"]
        lines.append(
            f"| import of the exchange files ({imp['rows']:,} rows, {imp['runs']} runs) | {_s(imp['import_median_s'])} "
            f"({imp['batched_ms_per_row']:.2f} ms a row) | row by row, each in its own transaction (sample of "
            f"{imp['row_by_row_sample']}): {imp['row_by_row_ms_per_row']:.1f} ms a row | {_x(imp['speedup'])} "
            f"| < 60 s and ≥ 20×: {_verdict(imp_ok)} |")
    lines += _growth_rows(results.get("growth"), imp, mx)
    return "\n".join(lines)


def _page_rows(pages: dict | None) -> list[str]:
    """``/land/`` and ``/zentren/`` warm and after a change, the directory with filters only."""
    if not pages:
        return []
    lines = []
    for name, title in (("land", "`/land/` (the statewide page)"), ("centres", "`/zentren/` (the list of centres)")):
        page = pages[name]
        target = f"≤ {_s(page['target_warm_s'])}: {_verdict(page['target_warm_met'])}"
        lines.append(
            f"| {title}, warm ({pages['warm_runs']} runs) | {_s(page['warm_median_s'])} | the first visit after a change "
            f"(uncached): {_s(page['first_visit_median_s'])} | {_x(page['warm_speedup'])} "
            f"| {target}{_goal('≤ ' + _s(page['goal_warm_s']), page['goal_warm_met'])} |")
        first = (f"≤ {_s(page['target_first_s'])}: {_verdict(page['target_first_met'])}"
                 if "target_first_s" in page else "")
        lines.append(
            f"| {title}, first visit after a change (the data's version renewed before each) "
            f"| {_s(page['first_visit_median_s'])} | bare Bolt round trips of its {page['queries']} queries: "
            f"{_s(page['bolt_round_trips_median_s'])} | {_x(page['first_over_bolt'])} | {first} |")
    found = pages["directory"]
    lines.append(_row(
        f"directory with filters only (`{found['url'].removeprefix('/verzeichnis/')}`, {found['rows']} rows), "
        f"server time ({pages['warm_runs']} runs)", _s(found['page_median_s']),
        f"its search query's bare Bolt round trip: {_s(found['bolt_round_trip_median_s'])}", _x(found['ratio']),
        f"≤ 40 ms: {_verdict(found['target_met'])}{_goal('≤ 15 ms', found['goal_met'])}"))
    return lines


def _row(*cells: str) -> str:
    """One row of a Markdown table."""
    return "| " + " | ".join(cells) + " |"


def _load_rows(web_load: dict | None) -> list[str]:
    """The directory and the network page under load, against ``kiz-graph serve``."""
    if not web_load:
        return []
    lines = []
    server = web_load.get("server", "kiz-graph serve")
    for target in web_load.get("targets", []):
        stopped = f", stopped at the {web_load['time_limit_s']:.0f} s limit" if target["stopped_by"] == "time" else ""
        measured = (f"{target['rps']:.0f} requests/s; p50 {target['p50_ms']:.0f} ms, p95 {target['p95_ms']:.0f} ms, "
                    f"p99 {target['p99_ms']:.0f} ms; {target['errors']} errors")
        where = f"{target['requests']} {{}}{stopped}, {target['concurrency']} clients; {server}, loopback"
        if target["name"] == "directory_search" and "bolt" in target:
            bolt = target["bolt"]
            met = target["target_met"]
            lines.append(
                f"| directory under load ({where.format('searches of ' + str(len(target['urls'])) + ' kinds')}) "
                f"| {measured} | the pages' own queries over bare Bolt from {target['concurrency']} threads: "
                f"{bolt['rps']:.0f} pages' worth/s, p99 {bolt['p99_ms']:.0f} ms | {target['share_of_bolt']:.0%} of it "
                f"| ≥ 40 %, p99 ≤ 300 ms, 0 errors: {_verdict(met)}{_goal('≥ 60 %, p99 ≤ 150 ms', target['goal_met'])} |")
        elif target["name"] == "network_page" and "sizes" in target:
            html, data = target["sizes"]
            measured = measured.replace("requests/s", "pages/s")
            lines.append(
                f"| network page of {web_load['centre']} under load (the page and its zeichnung.json; "
                f"{where.format('visits')}) | {measured} | one client alone: {target['sequential_rps']:.1f} pages/s "
                f"| {_x(target['throughput_gain'])} | ≥ 1.5×: {_verdict(target['throughput_gain'] >= 1.5)}"
                f"{_goal('≥ 1.9×', target['goal_met'])} |")
            lines.append(
                f"| network page of {web_load['centre']}: what travels | HTML {_kb(html['bytes'])}; the drawing's "
                f"data {_kb(data['bytes'])}, sent {_kb(data['sent_bytes'])} ({data['encoding']}) | | "
                f"| HTML ≤ 150 KB: {_verdict(html['bytes'] <= 150 * 1024)} |")
        else:  # a results file of before the baselines
            lines.append(
                f"| load: {target['name']} ({where.format('requests')}) | {measured} | one client, one request at a "
                f"time: {target['sequential_median_ms']:.0f} ms | | zero errors: "
                f"{_verdict(target['errors'] == 0, '(' + str(target['errors']) + ' errors)')} |")
    return lines


def _layout_rows(layout: dict | None, browser: dict | None) -> list[str]:
    lines = []
    if layout:
        lines.append(_row(
            f"first layout of a {layout['nodes']:,}-node network ({layout['edges']:,} edges): igraph's "
            f"Fruchterman–Reingold", _s(layout['layout_median_s']),
            f"today's: networkx's spring layout, {_s(layout['baseline_median_s'])}", _x(layout['speedup']),
            f"≤ 3 s: {_verdict(layout['target_met'])}{_goal('≤ 1 s', layout['goal_met'])}"))
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
            f"| network page with {browser['nodes']:,} nodes in headless Chromium (layout cached; the first "
            f"visit after a change: {_s(browser['cold_placed_s'])}): placed, then a click answered "
            f"| {_s(browser['placed_median_s'])}, {_s(browser['click_median_s'])} "
            f"| pyvis, default physics: {pyvis} | {ratio} | |")
    return lines


def _memory_rows(web_load: dict | None) -> list[str]:
    """The app's workers after serving every page above, and Neo4j."""
    used = (web_load or {}).get("memory")
    if not used:
        return []
    workers = ", ".join(f"{w['rss_mb']:.0f}" for w in used["workers"] if w["rss_mb"] is not None)
    peak = used.get("worker_peak_max_mb")
    lines = [
        f"| memory of the app's workers after serving every page above ({len(used['workers'])} gunicorn workers, "
        f"VmRSS) | {used['worker_rss_max_mb']:.0f} MB the largest ({workers} MB); peak "
        f"{peak:.0f} MB | | | reported: met; goal worker ≤ 250 MB: "
        f"{'reached' if used['goal_met'] else 'not reached'} |"]
    found = used["neo4j"]
    parts = []
    if found.get("heap_used_mb") is not None:
        parts.append(f"heap in use {found['heap_used_mb']:.0f} MB of {found['heap_max_mb']:.0f} MB (JMX)")
    if found.get("pagecache_configured_mb") is not None:
        store = (f", the database's store files {found['store_mb']:.0f} MB (the most of it in use)"
                 if found.get("store_mb") is not None else "")
        parts.append(f"page cache {found['pagecache_configured_mb']} MB configured{store}")
    elif found.get("pagecache_setting"):
        parts.append(f"page cache {found['pagecache_setting']} configured")
    if found.get("process") and found["process"]["rss_mb"] is not None:
        parts.append(f"the Java process {found['process']['rss_mb']:.0f} MB resident")
    lines.append(f"| memory of Neo4j, then | {'; '.join(parts) or 'not readable'} | | | reported: "
                 f"{_verdict(bool(parts))} |")
    return lines


def _growth_rows(growth: dict | None, imp: dict | None, mx: dict) -> list[str]:
    if not growth:
        return []
    grown_import = growth["import"]  # statewide_s: the statewide import of its own day, where row 1 is newer
    if "refused" in grown_import:  # imports are one transaction: this scale did not fit the heap
        measured, ratio = (f"refused after {_s(grown_import['refused_after_s'])}: {grown_import['refused']} "
                           f"({grown_import['rows']:,} rows)"), ""
    else:
        measured = f"{_s(grown_import['import_median_s'])} ({grown_import['rows']:,} rows)"
        ratio = _x(growth["import_ratio"])
    statewide_s = grown_import.get("statewide_s", imp["import_median_s"] if imp else None)
    return [
        f"| growth to `{growth['scale']}` ({growth['load']['rows']['organisations']:,} organisations): import "
        f"| {measured} | statewide: {_s(statewide_s) if statewide_s else '–'} | {ratio} | < 60 s at statewide only |",
        f"| growth to `{growth['scale']}`: check matrix | {_s(growth['check_matrix']['matrix_median_s'])} "
        f"| statewide: {_s(mx['matrix_median_s'])} | {_x(growth['check_matrix_ratio'])} | |",
    ]


def update_readme(readme: Path, results: dict) -> None:
    """Replace the table between the markers of ``readme`` with one from ``results``."""
    text = readme.read_text()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{readme}: the markers {BEGIN} and {END} are missing")
    readme.write_text(text[:start + len(BEGIN)] + "\n" + table(results) + "\n" + text[end:])
