"""The centre's network page in a real browser (Debian's Chromium, driven by Playwright), as
staff see it at 1366 × 900: the analysis folded away with its plain German help inside, and
the PNG download with the centre's name, the day and a legend around the drawing."""

from __future__ import annotations

import base64
import datetime as dt
import re
import struct

import pytest
from browser_support import CENTRE, CENTRE_NAME, browser, live_server, page, seeded, sign_in  # noqa: F401 - fixtures
from playwright.sync_api import expect

from kiz_graph import german
from kiz_graph.network import share
from kiz_graph.network.explained import FIGURES
from kiz_graph.network.page import network_page
from kiz_graph.records import edits, visibility

VIEWPORT = {"width": 1366, "height": 900}
#: The page with the analysis folded, without the network's own tables (in a scroll box
#: of its own), at most this tall. Measured for Kreis Unna's demo network (58 nodes): 2,347 px
#: (page 9,234 px, table 6,887 px); before the analysis was folded, 5,336 px (page 12,223 px).
SHORT_PAGE_PX = 3000


@pytest.fixture(scope="module", autouse=True)
def laid_out(seeded):
    """Unna's network laid out once before the first click (the server keeps the layout in memory)."""
    network_page(seeded, CENTRE, dt.date.today()).drawing()


def open_network_page(page) -> None:
    page.set_default_timeout(30_000)  # a loaded machine is slow to sign in and draw
    page.set_viewport_size(VIEWPORT)
    sign_in(page)
    page.goto(f"/zentren/{CENTRE}/netzwerk")
    expect(page.locator("#netzwerk-grafik canvas")).to_be_visible()


def test_the_analysis_is_folded_away_and_explains_itself_when_opened(page):
    open_network_page(page)
    analysis = page.locator("details.analysis-details")
    assert analysis.evaluate("details => details.open") is False
    density_help = page.get_by_text(FIGURES["density"].help)
    expect(density_help).to_be_hidden()
    folded = page.evaluate("document.documentElement.scrollHeight")
    table = page.evaluate("document.querySelector('.network-table').parentElement.getBoundingClientRect().height")
    assert folded - table < SHORT_PAGE_PX, f"page {folded} px, of which the network's tables {table} px"

    page.get_by_text("Kennzahlen mit Erklärung, Vorschläge").click()
    expect(density_help).to_be_visible()
    expect(page.get_by_text(FIGURES["betweenness"].help)).to_be_visible()
    expect(page.get_by_role("columnheader", name=FIGURES["betweenness"].name)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight") > folded + 1000  # it was folded indeed
    page.requests.assert_same_origin()


PIXELS = """async ([png, top, bottom]) => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const dark = (y0, y1) => {
    const data = ctx.getImageData(0, y0, image.width, y1 - y0).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 200) count++;
    }
    return count;
  };
  return {title: dark(0, top), legend: dark(image.height - bottom, image.height)};
}"""


def test_the_page_draws_under_its_content_security_policy_which_refuses_inline_script(page):
    open_network_page(page)  # drawn, and nothing refused so far
    assert page.console.csp_violations() == []
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("""() => { const image = document.createElement("img");
            image.setAttribute("onerror", "document.title = 'eingeschleust'"); image.src = "/gibt-es-nicht.png";
            document.body.append(image); }""")
    assert page.title() != "eingeschleust", "an inline event handler ran"
    page.console.messages.clear()  # refused as it should be: not a fault of the page


def test_the_png_has_the_centres_name_the_day_and_a_legend(page):
    open_network_page(page)
    drawn = page.evaluate("(() => { const c = document.querySelector('#netzwerk-grafik canvas');"
                          " return [c.width, c.height]; })()")
    info = page.evaluate("JSON.parse(document.getElementById('netzwerk-bild').textContent)")
    assert info["title"] == f"Netzwerk: {CENTRE_NAME}"
    assert info["day"] == f"Stichtag {german.date(dt.date.today())}"

    with page.expect_download() as download:
        page.get_by_role("button", name="Bild (PNG)").click()
    png = download.value.path().read_bytes()
    assert png.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", png[16:24])
    assert width == drawn[0] and height > drawn[1] + 150  # room for title, day and legend
    bands = page.evaluate(PIXELS, [base64.b64encode(png).decode(), 60, 100])  # the top 60 px, the last 100 px
    assert bands["title"] > 500, "no title and day above the drawing"
    assert bands["legend"] > 500, "no legend below the drawing"
    page.requests.assert_same_origin()



XSS_NAME = "<script>alert(1)</script> Verein <b>fett</b>"


def open_offline(browser, path, width: int):
    """The file as a recipient opens it from an e-mail, with every request that is not file:// or
    data: refused (and noted)."""
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.asked, page.dialogs = [], []
    page.on("request", lambda request: page.asked.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    page.goto(path.as_uri())
    page.wait_for_function("typeof network !== 'undefined' && network.body.data.nodes.length > 0")
    return context, page


def test_the_network_to_share_downloads_and_opens_offline(page, browser, seeded, tmp_path):
    open_network_page(page)
    drawn = page.evaluate("document.querySelectorAll('.network-table tbody tr').length")
    page.get_by_label(re.compile("Netzwerk zum Weitergeben")).select_option(label="Partner")
    with page.expect_download() as download:
        page.get_by_role("button", name="Herunterladen").click()
    assert download.value.suggested_filename.endswith("-partner.html")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    page.requests.assert_same_origin()
    expected = network_page(seeded, CENTRE, dt.date.today()).network.number_of_nodes()
    assert drawn > 0
    for width in (1366, 390):
        context, shared = open_offline(browser, path, width)
        try:
            assert shared.evaluate("network.body.data.nodes.length") == expected
            assert [url for url in shared.asked if not url.startswith(("file:", "data:"))] == []
            expect(shared.get_by_role("heading", level=1)).to_have_text(f"Netzwerk: {CENTRE_NAME}")
            expect(shared.get_by_text(f"Stand {german.date(dt.date.today())} · für Partner")).to_be_visible()
            assert shared.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
            shared.screenshot(path=f"/tmp/netzwerk-teilen-{width}.png", full_page=False)
        finally:
            context.close()


def test_a_name_with_script_in_the_shared_file_stays_text(browser, seeded, tmp_path):
    edits.create(seeded, "organisations", {"id": "org-xss", "name": XSS_NAME, "type": "Other", "region": "05913"})
    edits.create(seeded, "cooperations", {"from_id": "ki-05913", "to_id": "org-xss", "form": "Projekt",
                                          "since": "2020-01-01"})
    shared = share.shared_network(seeded, "ki-05913", dt.date.today(), recipient="partner",
                                  viewer=visibility.Viewer("coordination"))
    assert b"<script>alert(1)" not in shared.body and b"<b>fett" not in shared.body
    path = tmp_path / shared.filename
    path.write_bytes(shared.body)
    context, opened = open_offline(browser, path, 1366)
    try:
        expect(opened.get_by_role("cell", name=XSS_NAME)).to_be_visible()  # shown as the text it is
        assert opened.evaluate("network.body.data.nodes.get('org-xss').name") == XSS_NAME
        assert opened.evaluate("network.body.data.nodes.get('org-xss').label") in (XSS_NAME, "")  # canvas text
        card = opened.evaluate("network.body.data.nodes.get('org-xss').title.textContent")
        assert XSS_NAME in card and opened.evaluate("document.querySelectorAll('b').length") == 0
        assert opened.dialogs == [] and opened.asked and all(u.startswith(("file:", "data:")) for u in opened.asked)
    finally:
        context.close()
