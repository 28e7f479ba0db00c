"""Real-browser tests: the app served by waitress on loopback, Debian's Chromium driven by Playwright.

Playwright only drives the browser the machine has (``/usr/bin/chromium``, from Debian's
``chromium`` package: ``make browser``); it never downloads one of its own.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from waitress.server import create_server

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


class LiveServer:
    """A WSGI app served by waitress in a background thread on 127.0.0.1 and a free port."""

    def __init__(self, app) -> None:
        self._server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="kiz-graph-test")
        self.url = f"http://127.0.0.1:{self._server.effective_port}"
        self._thread = threading.Thread(target=self._server.run, name="live-server", daemon=True)

    def start(self) -> "LiveServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.close()
        self._thread.join(timeout=5)
        self._server.task_dispatcher.shutdown(timeout=5)


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
