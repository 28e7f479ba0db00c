"""Real-browser tests: Debian's Chromium driven by Playwright (the app is served on loopback by
``bench.browser.live_server``, as for the benchmarks).

Playwright only drives the browser the machine has (``/usr/bin/chromium``, from Debian's
``chromium`` package: ``make browser``); it never downloads one of its own.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from auth import PASSWORD, add_user, make_app
from playwright.sync_api import expect

from bench.browser import chromium as launch_chromium, chromium_path, live_server as serving
from kiz_graph.check import requirement
from kiz_graph.exchange import seeding

# The demo network's Kreis Unna and one member of its staff: who the browser tests sign in as.
CENTRE = "ki-05978"
CENTRE_NAME = "Kommunales Integrationszentrum Kreis Unna"
USERNAME = "unna"  # with the tests' PASSWORD


@contextmanager
def chromium():
    """Debian's Chromium, headless, driven by Playwright, for the duration of a ``with``:
    the benchmarks' launcher, and a failed test (not a skip) where the browser is missing."""
    if chromium_path() is None:
        pytest.fail("Debian's chromium is not installed: run `make browser` (or `make test`)")
    with launch_chromium() as browser:
        yield browser


@dataclass
class RequestLog:
    """Every URL a page requested, to show that it asked nothing of another origin."""

    base_url: str
    urls: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        own = self.base_url.rstrip("/") + "/"
        return [url for url in self.urls
                if not (url.startswith(own) or url == self.base_url or url.startswith(("data:", "about:")))]

    def assert_same_origin(self) -> None:
        assert self.urls, "the page requested nothing at all"
        assert self.foreign() == [], f"requests to another origin: {self.foreign()}"


@dataclass
class ConsoleLog:
    """What the browser's console said: the Content-Security-Policy's refusals show there."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda message: self.messages.append(message.text))

    def csp_violations(self) -> list[str]:
        return [message for message in self.messages if "Content Security Policy" in message]


# Fixtures and steps shared by the browser test modules (import them by name).

@pytest.fixture(scope="module")
def seeded(module_db):
    """The demo network and one member of Unna's staff (once for the module that imports it)."""
    seeding.seed_demo(module_db, "demo", 1)
    add_user(module_db, USERNAME, "centre_staff", centres=(CENTRE,))
    requirement.dashboard(module_db, CENTRE)  # the first check takes seconds in a fresh Neo4j; not in a test's click
    return module_db


@pytest.fixture(scope="module")
def live_server(seeded):
    with serving(make_app(seeded, TESTING=False, WTF_CSRF_ENABLED=True)) as url:  # as served: CSRF on
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="de-DE")
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.requests = RequestLog(live_server)
    page.requests.watch(page)
    page.console = ConsoleLog()
    page.console.watch(page)
    try:
        yield page
    finally:
        context.close()
    assert page.console.csp_violations() == [], "the page broke its Content-Security-Policy"


def field(page, label: str):
    """A form field by its label; a required field's label ends in an asterisk (hidden from screen readers)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def sign_in(page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Benutzer").get_by_role("link", name="Anmelden").click()
    page.get_by_label("Benutzername").fill(USERNAME)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CENTRE_NAME)
