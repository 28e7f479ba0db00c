"""The 2,000-node network page in headless Chromium, beside pyvis's default physics.

:func:`network_page_2000` gives one centre a network of ``nodes`` nodes, serves the real
app with waitress on loopback, signs in through the real form and opens
``/zentren/<centre>/netzwerk`` in Debian's Chromium (driven by Playwright, never a browser
of its own), each run in a fresh browser context. It measures

- *placed*: from navigation start until vis-network first drew the graph (our page draws
  the server's fixed positions with physics off, so the first drawing is the final one);
- *click*: from pressing the mouse on a node until vis-network drew the page's answer
  (network.js highlights the node's neighbourhood).

The baseline, in the same run: the same nodes and edges (same colours, shapes and labels)
drawn by pyvis with its default physics (barnesHut, stabilisation on), its page generated
as a string with vis-network inlined and served from the same loopback server. *Placed*
there is the first drawing after ``stabilizationIterationsDone`` (when pyvis's loading bar
gives way to the graph); it also reports ``stabilized`` (the graph stops moving), then
clicks (with pyvis's ``neighborhood_highlight``, its counterpart of our focus on a click).

vis-network reports both moments through events, but network.js keeps its network object
to itself, so an init script wraps ``vis.Network.prototype.emit`` as the library defines
it (the UMD build assigns ``vis.Network`` onto a pre-existing ``window.vis``): every event
of every network is seen from its construction on, on both pages alike, with no change to
the app.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import secrets
import shutil
import statistics
import threading
from contextlib import contextmanager

from waitress.server import create_server

from bench.suite import bench_user, median_seconds
from kiz_graph.network import picture, read
from kiz_graph.records import writer
from kiz_graph.records.vocabulary import type_name, vocabulary
from kiz_graph.store.db import Database
from web import create_app

BROWSER_USER = "bench-browser"
PYVIS_PATH = "/bench/pyvis-netzwerk"  # served beside the app by a tiny WSGI wrapper, never a file
BASELINE_TIMEOUT_S = 120.0

CHROMIUM = "/usr/bin/chromium"
# Headless, as root, on a machine whose only network is loopback: no sandbox (root), no
# GPU, none of Chromium's own connections to Google (they would be refused, or hang).
# Playwright itself adds --headless and a fresh, empty --user-data-dir for every launch.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# The bench organisations' types, weighted roughly like a real network (many schools and Kitas).
BENCH_TYPES = (("School", 6), ("Daycare", 6), ("MigrantOrganisation", 3), ("EducationProvider", 3),
               ("Other", 3), ("WelfareAssociation", 2), ("YouthWelfare", 1), ("IntegrationCouncil", 1),
               ("SchoolAdministration", 1), ("FundedStructure", 1), ("Authority", 1))
ORG_ORG_SHARE = 0.5  # org-org cooperations per bench organisation: about 1.5 edges per node in all

# Runs before any page script: sees every event of every vis.Network (see the module's doc).
INSTRUMENT_JS = r"""
(() => {
  const bench = window.__bench = {
    network: null, firstDrawAt: null, iterationsDoneAt: null, drawnAfterIterationsAt: null,
    stabilizationProgress: null, stabilizedAt: null, pointerDownAt: null, clickAt: null, clickedNode: null,
    answeredAt: null
  };
  addEventListener("pointerdown", () => {
    if (bench.pointerDownAt === null) bench.pointerDownAt = performance.now();
  }, true);
  let Network;
  const holder = {};
  Object.defineProperty(holder, "Network", {
    configurable: true, enumerable: true,
    get() { return Network; },
    set(value) {
      Network = value;
      const emit = value.prototype.emit;
      value.prototype.emit = function (name, params) {
        bench.network = this;
        if (name === "stabilizationIterationsDone" && bench.iterationsDoneAt === null) {
          bench.iterationsDoneAt = performance.now();
        } else if (name === "stabilized" && bench.stabilizedAt === null) {
          bench.stabilizedAt = performance.now();
        } else if (name === "stabilizationProgress" && params && params.total) {
          bench.stabilizationProgress = params.iterations / params.total;
        } else if (name === "click" && params && params.nodes && params.nodes.length && bench.clickAt === null) {
          bench.clickAt = performance.now();
          bench.clickedNode = String(params.nodes[0]);
        }
        const result = emit.apply(this, arguments);  // the page's own handlers run here
        if (name === "afterDrawing") {
          const now = performance.now();
          if (bench.firstDrawAt === null) bench.firstDrawAt = now;
          if (bench.iterationsDoneAt !== null && bench.drawnAfterIterationsAt === null) bench.drawnAfterIterationsAt = now;
          if (bench.clickAt !== null && bench.answeredAt === null) bench.answeredAt = now;
        }
        return result;
      };
    }
  });
  window.vis = holder;
})();
"""

# A node to click: the first of ``preferred`` (else any) whose centre lies inside the
# canvas and the viewport and is not covered by another node; null while something covers
# the canvas there. Resets the click marks.
PICK_NODE_JS = r"""
(preferred) => {
  const bench = window.__bench, network = bench.network;
  const frame = document.querySelector("div.vis-network");
  frame.scrollIntoView({block: "center"});
  const box = frame.getBoundingClientRect();
  const positions = network.getPositions();
  const ids = preferred.filter(id => id in positions).concat(Object.keys(positions));
  for (const id of ids) {
    const dom = network.canvasToDOM(positions[id]);
    const x = box.left + dom.x, y = box.top + dom.y;
    if (dom.x < 10 || dom.y < 10 || dom.x > box.width - 10 || dom.y > box.height - 10) continue;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
    if (String(network.getNodeAt(dom)) !== String(id)) continue;
    if (!frame.contains(document.elementFromPoint(x, y))) return null;  // covered (pyvis's fading loading bar)
    bench.pointerDownAt = null; bench.clickAt = null; bench.clickedNode = null; bench.answeredAt = null;
    return {id: String(id), x: x, y: y, nodes: Object.keys(positions).length, at: performance.now()};
  }
  return null;
}
"""

# The marks above, and when the page had arrived (Navigation Timing), in ms since navigation start.
MARKS_JS = """() => ({...window.__bench, network: null,
                     responseEnd: performance.getEntriesByType("navigation")[0].responseEnd})"""


def network_page_2000(db: Database, runs: int, nodes: int = 2000, *, centre: str | None = None,
                      baseline_timeout_s: float = BASELINE_TIMEOUT_S) -> dict:
    """Time until the network page is placed and answers a click, beside pyvis's physics.

    Writes, through the validated write path (``writer.write``), into whatever is loaded:
    organisations ``bench-<centre>-0001`` … of varied types in the centre's region (as many
    as the centre's network lacks to have ``nodes`` nodes), a cooperation of the centre
    with each (active today) and about one org-org cooperation per two of them (seeded, so
    every run writes the same; a larger earlier run's surplus cooperations with the centre
    are ended yesterday), and the user ``bench-browser`` (centre staff of the centre). It
    leaves them there. ``centre``: default the first centre by id.

    Our page gets a warm-up run first, after emptying the server's layout cache
    (``cold_placed_s``: the first visit after a change of the network), so the measured
    runs meet a warm cache and a warm browser. pyvis's page, static and never cached by
    the server, gets ``runs // 2`` (at least one) runs after ours. Where it is not placed
    within ``baseline_timeout_s`` (from navigation start), the time-out stands for its time
    (a lower bound: ``pyvis_timed_out``, ``speedup_is_lower_bound``); a run that does not
    come to rest within it is the last.

    Returns seconds (medians; ``None`` where nothing was measured): ``placed_median_s``,
    ``clickable_median_s`` (navigation start until a node could be clicked),
    ``click_median_s`` (pointer down until the answer was drawn), ``response_end_median_s``
    (the HTML received), ``cold_placed_s``, the same ``pyvis_*`` plus
    ``pyvis_stabilized_median_s``, ``speedup`` (pyvis placed / ours placed), the sizes
    (``nodes``, ``edges``, ``drawn_nodes``, ``pyvis_drawn_nodes``), whether clicks were
    answered, and ``other_origin_requests`` (requests of either page to another origin).
    """
    centre = _centre(db, centre)["id"]
    written = write_network(db, centre, nodes)
    network = picture.centre_network(read.network(db, dt.date.today(), centre))
    pyvis_html = pyvis_page(network)
    password = bench_user(db, BROWSER_USER, "centre_staff", (centre,))
    app = _with_page(create_app({"SECRET_KEY": secrets.token_hex(32), "DATABASE": db}), PYVIS_PATH, pyvis_html)
    bench_ids = sorted(node for node in network if node.startswith(_prefix(centre)))
    preferred = bench_ids[:50] or sorted(node for node in network if node != centre)[:50]
    foreign: list[str] = []
    with live_server(app) as base_url, chromium() as browser:
        state = _sign_in(browser, base_url, password)

        def visit(path: str, physics: bool) -> dict:
            return _visit(browser, base_url, state, path, physics, preferred, baseline_timeout_s, foreign)

        page_path = f"/zentren/{centre}/netzwerk"
        picture.clear_layout_cache()
        cold = visit(page_path, physics=False)
        ours = [visit(page_path, physics=False) for _ in range(runs)]
        # pyvis's page is static, and the browser is warm by now: no warm-up of its own.
        # A run that did not come to rest within the time-out is the last.
        theirs = [visit(PYVIS_PATH, physics=True)]
        while len(theirs) < max(1, runs // 2) and theirs[-1]["stabilized_s"] is not None:
            theirs.append(visit(PYVIS_PATH, physics=True))

    placed = statistics.median(run["placed_s"] for run in ours)
    pyvis_placed = statistics.median(run["placed_s"] for run in theirs)  # the time-out where it timed out
    timed_out = any(run["timed_out"] for run in theirs)
    return {
        "centre": centre, "nodes": network.number_of_nodes(), "edges": network.number_of_edges(),
        "written": written, "runs": len(ours), "baseline_runs": len(theirs), "browser": "chromium (headless)",
        "cache": "warm", "cold_placed_s": cold["placed_s"],
        "response_end_median_s": _median(run["response_end_s"] for run in ours),
        "placed_median_s": placed, "clickable_median_s": _median(run["clickable_s"] for run in ours),
        "click_median_s": _median(run["click_s"] for run in ours),
        "click_answered": all(run["answered"] for run in ours), "timed_out": any(run["timed_out"] for run in ours),
        "drawn_nodes": ours[0]["drawn_nodes"],
        "pyvis_placed_median_s": pyvis_placed,
        "pyvis_stabilized_median_s": _median(run["stabilized_s"] for run in theirs),
        "pyvis_clickable_median_s": _median(run["clickable_s"] for run in theirs),
        "pyvis_click_median_s": _median(run["click_s"] for run in theirs),
        "pyvis_click_answered": all(run["answered"] for run in theirs),
        "pyvis_drawn_nodes": theirs[0]["drawn_nodes"],
        "pyvis_timed_out": timed_out, "pyvis_timeout_s": baseline_timeout_s,  # not placed within the time-out
        # at the time-out: how far pyvis's stabilisation had come (iterations done / planned)
        "pyvis_stabilization_progress": _median(run.get("stabilization_progress") for run in theirs),
        "speedup": pyvis_placed / placed, "speedup_is_lower_bound": timed_out,
        "other_origin_requests": len(foreign), "other_origin_samples": foreign[:5],
    }


def first_layout(db: Database, runs: int, nodes: int = 2000, *, centre: str | None = None) -> dict:
    """The first layout of a network of ``nodes`` nodes (what a visit after a change waits
    for): the app's (``picture._compute_layout``, igraph's Fruchterman–Reingold) beside
    today's baseline, networkx's spring layout as the app called it before, on the same graph
    (:func:`write_network`'s, idempotent). Medians of ``runs`` each; neither is cached."""
    import networkx as nx

    centre = _centre(db, centre)["id"]
    write_network(db, centre, nodes)
    network = picture.centre_network(read.network(db, dt.date.today(), centre))
    n = network.number_of_nodes()

    def spring():
        return nx.spring_layout(network, seed=picture.LAYOUT_SEED, k=1 / math.sqrt(n),
                                iterations=100 if n <= 300 else 50, pos={centre: (0.5, 0.5)}, fixed=[centre])

    ours = median_seconds(lambda: picture._compute_layout(network), runs)
    theirs = median_seconds(spring, runs, warmup=0)
    return {"centre": centre, "nodes": n, "edges": network.number_of_edges(), "runs": runs,
            "layout": "igraph Fruchterman-Reingold (picture._compute_layout)", "layout_median_s": ours,
            "baseline": "networkx spring_layout (50 iterations from 300 nodes)", "baseline_median_s": theirs,
            "speedup": theirs / ours, "target_s": 3.0, "goal_s": 1.0, "target_met": ours <= 3.0, "goal_met": ours <= 1.0}


def _median(values) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


# The network ---------------------------------------------------------------------------


def _prefix(centre: str) -> str:
    return f"bench-{centre}-"


def _centre(db: Database, centre: str | None) -> dict:
    """The given centre (``id``, ``region``, …), or the first by id."""
    rows = db.read("check/facts/centres", centre=centre)
    if not rows:
        raise RuntimeError(f"no centre {centre!r} in the database" if centre else "no centre: load the seeds first")
    return rows[0]


def write_network(db: Database, centre: str, nodes: int) -> dict:
    """Give ``centre`` bench organisations until its network has ``nodes`` nodes today
    (idempotent); the records written per kind, and how many surplus cooperations were ended."""
    day = dt.date.today()
    region = _centre(db, centre)["region"]
    prefix = _prefix(centre)
    current = picture.centre_network(read.network(db, day, centre))
    others = sum(1 for node in current if node != centre and not node.startswith(prefix))
    wanted = max(0, nodes - 1 - others)
    places = [row["ags"] for row in db.run_text(
        "MATCH (m:Municipality)-[:PART_OF]->(:Region {ags: $region}) RETURN m.ags AS ags ORDER BY ags",
        {"region": region}, write=False)]
    type_keys = [key for key, _ in BENCH_TYPES]
    type_weights = [weight for _, weight in BENCH_TYPES]
    forms = list(picture.FORM_STYLES)
    fields = list(vocabulary("fields_of_action").keys)

    def cooperation(source: str, target: str, until=None) -> dict:
        rng = random.Random(f"{source}>{target}")
        return {"from_id": source, "to_id": target, "form": rng.choice(forms),
                "since": dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365)), "until": until,
                "fields": [rng.choice(fields)]}

    organisations, cooperations = [], []
    for number in range(1, wanted + 1):
        rng = random.Random(f"{prefix}{number}")  # per organisation, so a larger run extends a smaller one
        org_id = f"{prefix}{number:04d}"
        type_ = rng.choices(type_keys, type_weights)[0]
        organisation = {"id": org_id, "name": f"{type_name(type_)} {number:04d}", "type": type_,
                        "fields": [rng.choice(fields)]}
        if places:
            organisation["municipality"] = rng.choice(places)
        else:
            organisation["region"] = region
        organisations.append(organisation)
        cooperations.append(cooperation(centre, org_id))
        if number > 1 and rng.random() < ORG_ORG_SHARE:
            cooperations.append(cooperation(org_id, f"{prefix}{rng.randrange(1, number):04d}"))
    # A larger earlier run left more: end their cooperations with the centre (yesterday).
    surplus = sorted(node for node in current if node.startswith(prefix) and int(node[len(prefix):]) > wanted)
    ended = [cooperation(centre, node, until=day - dt.timedelta(days=1)) for node in surplus]
    counts = writer.write(db, {"organisations": organisations, "cooperations": cooperations + ended})
    return {**counts, "ended": len(ended)}


def pyvis_page(network) -> str:
    """The network as pyvis draws it by default (physics on), as one self-contained page."""
    from pyvis.network import Network

    page = Network(height="600px", width="100%", cdn_resources="in_line", neighborhood_highlight=True)
    for node, data in network.nodes(data=True):
        colour, shape = picture.TYPE_STYLES.get(data.get("type") or "Other", ("#9a9a9a", "dot"))
        page.add_node(node, label=data.get("name") or node, color=colour, shape=shape)
    for source, target in network.edges():
        page.add_edge(source, target)
    html = page.generate_html()
    # pyvis's template links Bootstrap from a CDN whatever cdn_resources says (only its menus
    # use it): dropped, so that the page asks nothing of another origin.
    html = re.sub(r"<link[^>]*bootstrap[^>]*>", "", html, flags=re.S)
    return re.sub(r"<script[^>]*bootstrap[^>]*>\s*</script>", "", html, flags=re.S)


# Server and browser ------------------------------------------------------------------------


def _with_page(app, path: str, html: str):
    """The WSGI app, plus one static page at ``path``."""
    body = html.encode("utf-8")

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == path:
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)

    return wsgi


@contextmanager
def live_server(app):
    """The app behind waitress (8 threads) in a thread of this process on 127.0.0.1 and
    a free port, for the duration of a ``with``: its base URL (benchmarks and browser tests)."""
    server = create_server(app, host="127.0.0.1", port=0, threads=8, ident="kiz-graph-live")
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except (OSError, ValueError):
            # closing the socket from outside may meet the loop inside select(): EBADF, once
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=serve, name="bench-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stopping.set()
        server.close()
        thread.join(timeout=5)
        server.task_dispatcher.shutdown(timeout=5)


def chromium_path() -> str | None:
    """Debian's Chromium, if the machine has it."""
    return CHROMIUM if shutil.which(CHROMIUM) else shutil.which("chromium")


@contextmanager
def chromium():
    """Debian's Chromium, headless, driven by Playwright, for the duration of a ``with``
    (the one launcher of the benchmarks and the browser tests)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed: run `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _sign_in(browser, base_url: str, password: str) -> dict:
    """Sign in through the real form (CSRF token included); the signed-in cookies."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.goto("/anmelden")
        page.fill("#username", BROWSER_USER)
        page.fill("#password", password)
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden").click()
        if "/anmelden" in page.url:
            raise RuntimeError("the benchmark user could not sign in")
        return context.storage_state()
    finally:
        context.close()


def _visit(browser, base_url: str, state: dict, path: str, physics: bool, preferred: list[str],
           timeout_s: float, foreign: list[str]) -> dict:
    """One fresh page: seconds until placed (and stabilised, with physics) and for a click."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(base_url=base_url, storage_state=state, viewport=VIEWPORT, locale="de-DE")
    own = base_url + "/"
    context.on("request", lambda request: None if request.url.startswith((own, "data:", "about:", "blob:"))
               else foreign.append(request.url))
    context.add_init_script(INSTRUMENT_JS)
    try:
        page = context.new_page()
        page.goto(path, wait_until="commit")
        result = {"response_end_s": None, "placed_s": None, "timed_out": False, "stabilized_s": None,
                  "clickable_s": None, "click_s": None, "answered": False, "drawn_nodes": 0}
        placed_mark = "drawnAfterIterationsAt" if physics else "firstDrawAt"
        placed = _wait_for(page, placed_mark, timeout_s)
        marks = page.evaluate(MARKS_JS)
        result["response_end_s"] = marks["responseEnd"] / 1000  # the whole page received
        if not placed:
            result.update(placed_s=timeout_s, timed_out=True,  # a lower bound
                          stabilization_progress=marks["stabilizationProgress"])
            return result
        result["placed_s"] = marks[placed_mark] / 1000
        if physics:  # click only once the nodes stopped moving under the pointer
            remaining = max(0.0, timeout_s - result["placed_s"])
            if _wait_for(page, "stabilizedAt", remaining):
                result["stabilized_s"] = page.evaluate("() => window.__bench.stabilizedAt") / 1000
        # Wait (polling every frame) until a node can be clicked: pyvis's loading bar covers
        # the graph for half a second after it is placed.
        try:
            target = page.wait_for_function(PICK_NODE_JS, arg=preferred, timeout=30_000).json_value()
        except PlaywrightTimeout:
            return result
        result["drawn_nodes"] = target["nodes"]
        result["clickable_s"] = target["at"] / 1000
        page.mouse.click(target["x"], target["y"])
        if _wait_for(page, "answeredAt", 30.0):
            marks = page.evaluate(MARKS_JS)
            result["click_s"] = (marks["answeredAt"] - marks["pointerDownAt"]) / 1000
            # The page's own answer: our status line names the node; pyvis selected it.
            reacted = (marks["clickedNode"] == target["id"] if physics
                       else bool(page.locator("#netzwerk-auswahl").inner_text().strip()))
            result["answered"] = reacted
        return result
    finally:
        context.close()


def _wait_for(page, mark: str, timeout_s: float) -> bool:
    """Whether the page set ``window.__bench[mark]`` within the time."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => window.__bench && window.__bench.{mark} !== null",
                               timeout=max(1.0, timeout_s) * 1000)  # polled every frame
        return True
    except PlaywrightTimeout:
        return False
