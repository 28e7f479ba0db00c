"""Pages that fit a phone and print well, in headless Chromium (Debian's, driven by Playwright).

One seeded demo network, one live server and one browser serve the module. On a phone
(390 × 844) no page of the three roles is wider than the screen: wide tables scroll in a box
of their own. On a laptop (1366 px) every column of the statewide indicators can be reached.
Printed (print media), the check report, the network page and the statewide overview carry a
header with their title, the centre, the Stichtag and the day of printing, their collapsed
evidence open, and no navigation, forms or buttons.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from auth import PASSWORD, add_user
from browser_support import (CENTRE, CENTRE_NAME, USERNAME, RequestLog, browser,  # noqa: F401 - fixtures by name
                             live_server, seeded)
from playwright.sync_api import expect
from pypdf import PdfReader

from kiz_graph.records.workspace import LISTS

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
HOME = f"/zentren/{CENTRE}"
REPORTED = ("per-05978-00009", "Jens Kaiser")  # a contact person of the demo in Unna's region

# What each role opens on a phone: sign-in, the centre's pages (every list), the directory, the overview.
PAGES = {
    None: ["/anmelden"],
    USERNAME: [f"{HOME}/", *[f"{HOME}/{kind}/" for kind in LISTS], f"{HOME}/cooperations/neu", f"{HOME}/angaben",
               f"{HOME}/verlauf", f"{HOME}/pruefung", f"{HOME}/pruefung?von=2021-12-31&bis=2022-01-01",
               f"{HOME}/netzwerk", f"{HOME}/import",
               f"{HOME}/auskunft/{REPORTED[0]}", f"{HOME}/sachbericht/"],
    "koordination": ["/zentren/", "/datenschutz/downloads"],  # and /land/: test_the_statewide_overview_on_…
    "partner": ["/verzeichnis/?q=Schule"],
}

# Each name part of a tile (split at spaces, hyphens and soft hyphens) on one line; a name
# never wider than its tile. (A part that follows a soft hyphen also reports the hyphen drawn
# at the end of the line before: rectangles narrower than a letter do not count.)
BROKEN_TILE_NAMES = """() => {
  const broken = [];
  for (const name of document.querySelectorAll('.tile-name')) {
    const text = name.firstChild;
    let start = 0;
    for (const part of text.data.split(/(?=[-\\s\\u00ad])|(?<=[-\\s\\u00ad])/)) {
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + part.length);
      start += part.length;
      const lines = [...range.getClientRects()].filter(rect => rect.width > 5).length;
      if (part.replace(/[-\\s\\u00ad]/g, '') && lines !== 1) broken.push(part);
    }
    if (name.scrollWidth > name.clientWidth + 1) broken.push(text.data);
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def people(seeded):
    add_user(seeded, "koordination", "coordination")
    add_user(seeded, "partner", "partner")
    return seeded


def open_as(browser, live_server, username: str | None, viewport: dict):
    """A new browser page of the given size, signed in through the form as ``username`` (None: nobody)."""
    context = browser.new_context(base_url=live_server, locale="de-DE", viewport=viewport)
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(60_000)  # the statewide overview takes seconds on a busy machine
    page = context.new_page()
    page.requests = RequestLog(live_server)
    page.requests.watch(page)
    if username:
        page.goto("/anmelden")
        page.locator("#username").fill(username)
        page.locator("#password").fill(PASSWORD)
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url(lambda url: "/anmelden" not in url)
    return page


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, its white space as single spaces (pypdf)."""
    return " ".join(" ".join(part.extract_text() for part in PdfReader(io.BytesIO(pdf)).pages).split())


def printed(page) -> str:
    """The text of the page as printed, its white space as single spaces."""
    page.emulate_media(media="print")
    return " ".join(page.locator("body").inner_text().split())


def test_no_page_is_wider_than_a_phone(people, live_server, browser):
    too_wide = []
    for username, paths in PAGES.items():
        page = open_as(browser, live_server, username, PHONE)
        try:
            for path in paths:
                assert page.goto(path).status == 200, path
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    too_wide.append(f"{path}: {width} px")
                if path == f"{HOME}/cooperations/neu":  # the area of the form is marked, and the breadcrumb leads back
                    nav = page.get_by_role("navigation", name="Bereiche des Zentrums")
                    expect(nav.get_by_role("link", name="Kooperationen", exact=True)).to_have_attribute(
                        "aria-current", "true")
                    crumbs = page.get_by_role("navigation", name="Sie sind hier")
                    expect(crumbs).to_have_text("Zentren › Kreis Unna › Kooperationen")
                    expect(crumbs.get_by_role("link", name="Kooperationen")).to_have_attribute(
                        "href", f"{HOME}/kooperationen/")
                if path == "/verzeichnis/?q=Schule":  # the table scrolls in its own box, which a keyboard reaches
                    box = page.get_by_role("region", name="Trefferliste")
                    assert box.evaluate("box => box.scrollWidth > box.clientWidth && box.tabIndex === 0")
            page.requests.assert_same_origin()
        finally:
            page.context.close()
    assert too_wide == []


def test_the_statewide_overview_on_a_phone_a_laptop_and_printed(people, live_server, browser):
    page = open_as(browser, live_server, "koordination", PHONE)
    try:
        page.goto("/land/?stichtag=2013-01-16")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The tile map scrolls in its box; no region's name breaks inside a word ("Kle ve").
        assert page.evaluate(BROKEN_TILE_NAMES) == []
        expect(page.locator(".tile-name", has_text="Kleve")).to_be_visible()

        page.set_viewport_size(LAPTOP)
        assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
        assert page.evaluate(BROKEN_TILE_NAMES) == []
        # Every column of the indicators is on screen, or in a box that scrolls to it.
        box = page.get_by_role("region", name=re.compile(r"^Kennzahlen am 16\.01\.2013"))
        hidden = box.evaluate("""box => {
            const right = box.getBoundingClientRect().right, scrolls = getComputedStyle(box).overflowX === 'auto';
            return [...box.querySelectorAll('thead th')]
              .filter(th => th.getBoundingClientRect().right > right + 1 && !scrolls).map(th => th.textContent); }""")
        assert hidden == []
        expect(page.get_by_role("link", name="als CSV (Excel)").first).to_have_attribute(
            "href", "/land/matrix.csv?stichtag=2013-01-16&bezirk=&sort=name&dir=asc")

        text = printed(page)
        assert text.startswith("Landesweite Übersicht Kommunale Integrationszentren NRW · Stichtag 16.01.2013 "
                               f"Gedruckt am {dt.date.today():%d.%m.%Y} ")
        assert "Prüfmatrix" in text and "Kommunales Integrationszentrum Kreis Unna" in text
        for screen_only in ("Abmelden", "Verzeichnis", "Anzeigen", "herunterladen", "Zum Inhalt springen"):
            assert screen_only not in text
        page.requests.assert_same_origin()
    finally:
        page.context.close()


def test_the_check_report_and_the_network_printed(people, live_server, browser):
    page = open_as(browser, live_server, USERNAME, LAPTOP)
    try:
        page.goto(f"{HOME}/pruefung?stichtag=2024-01-16")
        # On screen: the Stichtag beside the centre's name, the current area marked, the breadcrumb.
        expect(page.locator("main .context")).to_contain_text(f"{CENTRE_NAME} · Stichtag 16.01.2024")
        nav = page.get_by_role("navigation", name="Bereiche des Zentrums")
        expect(nav.locator("[aria-current=page]")).to_have_text("Prüfung")
        expect(page.get_by_role("navigation", name="Sie sind hier")).to_have_text("Zentren › Kreis Unna › Prüfung")
        evidence = page.locator(".finding details li").first
        expect(evidence).to_be_hidden()  # collapsed on screen

        # Chromium's own print to PDF, read back as text: the header, and nothing of the screen's controls.
        paper = pdf_text(page.pdf(format="A4"))
        assert f"Prüfung des Kooperationsgebots {CENTRE_NAME} · Stichtag 16.01.2024" in paper
        for screen_only in ("Abmelden", "Verzeichnis", "Zentren ›", "Prüfen"):
            assert screen_only not in paper

        text = printed(page)
        assert text.startswith(f"Prüfung des Kooperationsgebots {CENTRE_NAME} · Stichtag 16.01.2024 "
                               f"Gedruckt am {dt.date.today():%d.%m.%Y} ")
        expect(evidence).to_be_visible()  # open on paper
        for screen_only in ("Abmelden", "Verzeichnis", "Zentren ›", "Prüfen"):
            assert screen_only not in text
        page.emulate_media(media="screen")

        page.goto(f"{HOME}/netzwerk?stichtag=2024-01-16")
        text = printed(page)
        assert text.startswith(f"Netzwerk: aktive Kooperationen {CENTRE_NAME} · Stichtag 16.01.2024 Gedruckt am ")
        assert "Das Netzwerk als Tabelle" in text
        for screen_only in ("Abmelden", "Verzeichnis", "Netzwerkgrafik", "Filter zurücksetzen", "Organisationstypen"):
            assert screen_only not in text
        page.requests.assert_same_origin()
    finally:
        page.context.close()


def test_the_access_report_opened_from_a_persons_form_and_printed(people, live_server, browser):
    page = open_as(browser, live_server, USERNAME, LAPTOP)
    try:
        page.goto(f"{HOME}/personen/eintrag/{REPORTED[0]}")
        page.get_by_role("link", name="Auskunft nach Art. 15 DSGVO zu dieser Person").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Auskunft nach Art. 15 DSGVO")
        expect(page.locator("main .context")).to_contain_text(f"Ansprechperson {REPORTED[1]} · Stand ")
        for heading in ("Gespeicherte Angaben", "Arbeitsort und Funktion", "Einwilligung", "Aufgezeichnete Änderungen",
                        "Downloads, die die Person enthielten"):
            expect(page.get_by_role("heading", name=re.compile(f"^{heading}"))).to_be_visible()
        paper = pdf_text(page.pdf(format="A4"))
        assert paper.startswith(f"Auskunft nach Art. 15 DSGVO Ansprechperson {REPORTED[1]} · Stichtag "
                                f"{dt.date.today():%d.%m.%Y}")
        assert "Schulamt für den Kreis Unna" in paper
        for screen_only in ("Abmelden", "Verzeichnis", "Als JSON herunterladen"):
            assert screen_only not in paper
        page.requests.assert_same_origin()
    finally:
        page.context.close()
