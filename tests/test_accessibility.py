"""axe-core in headless Chromium on the main pages: no serious or critical violation,
and no request to another origin.

axe-core comes from the npm registry (tests/a11y, installed by `make browser`); Playwright
injects it into each page from the local file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from auth import PASSWORD, add_user, make_app
from browser_support import RequestLog, chromium

from bench.browser import live_server as serving
from kiz_graph.exchange import seeding

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
ACCOUNTS = {"unna": ("centre_staff", ("ki-05978",)), "koordination": ("coordination", ()), "partner": ("partner", ())}
PAGES = [
    ("anmelden", None, "/anmelden"),
    ("dashboard", "unna", "/zentren/ki-05978/"),
    ("network", "unna", "/zentren/ki-05978/netzwerk"),
    ("sachbericht", "unna", "/zentren/ki-05978/sachbericht/"),
    ("overview", "koordination", "/land/"),
    ("directory", "partner", "/verzeichnis/?q=Schule"),
    ("users", "koordination", "/benutzer/"),
    ("user", "koordination", "/benutzer/unna"),
    ("own-account", "unna", "/konto/passwort"),
    ("access-report", "unna", "/zentren/ki-05978/auskunft/per-05978-00009"),
    ("downloads", "koordination", "/datenschutz/downloads"),
    ("person", "unna", "/zentren/ki-05978/personen/eintrag/per-05978-00008"),
    ("erase-person", "unna", "/datenschutz/ansprechpersonen/per-05978-00008/loeschen"),
    ("withdraw-consent", "unna", "/datenschutz/ansprechpersonen/per-05978-00008/einwilligung-widerrufen"),
    ("retention", "koordination", "/datenschutz/aufbewahrung"),
    ("retention-confirm", "koordination", "/datenschutz/aufbewahrung/loeschen?monate=1"),
]


@pytest.fixture(scope="module")
def site(module_db):
    seeding.seed_demo(module_db, "demo", 1)
    for username, (role, centres) in ACCOUNTS.items():
        add_user(module_db, username, role, centres=centres)
    with serving(make_app(module_db, TESTING=False, WTF_CSRF_ENABLED=True)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make browser` (or `make test`)")
    with chromium() as browser:
        yield browser


@pytest.mark.parametrize(("name", "username", "path"), PAGES, ids=[page[0] for page in PAGES])
def test_page_has_no_serious_accessibility_violation_and_stays_on_its_origin(site, browser, name, username, path):
    context = browser.new_context(bypass_csp=True)  # axe comes as an inline script: the page's CSP would refuse it
    page = context.new_page()
    log = RequestLog(site)
    log.watch(page)
    try:
        if username:
            page.goto(f"{site}/anmelden")
            page.locator("#username").fill(username)
            page.locator("#password").fill(PASSWORD)
            page.locator("form.form button[type=submit]").click()
            page.wait_for_url(lambda url: "/anmelden" not in url)
        response = page.goto(f"{site}{path}")
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                        for node in violation["nodes"][:5])
            for violation in results["violations"] if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{name}: " + "\n".join(serious)
        log.assert_same_origin()
    finally:
        context.close()
