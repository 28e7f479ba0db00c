"""Real-browser tests: Debian's Chromium driven by Playwright (the app is served on loopback by
``bench.browser.live_server``, as for the benchmarks).

Playwright only drives the browser the machine has (``/usr/bin/chromium``, from Debian's
``chromium`` package: ``make browser``); it never downloads one of its own.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from bench.browser import chromium as launch_chromium
from bench.browser import chromium_path


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
