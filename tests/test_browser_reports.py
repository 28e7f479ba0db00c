"""The Sachbericht's download in a real browser (Debian's Chromium, driven by Playwright):
Unna's staff open the centre's page, go to "Sachbericht", pick a year and the format, and the
file arrives. Over the reports' small network (report_network.py), not the demo network."""

from __future__ import annotations

import io

import pytest
from auth import add_user
from browser_support import CENTRE, CENTRE_NAME, USERNAME, browser, live_server, page, sign_in  # noqa: F401
from openpyxl import load_workbook
from playwright.sync_api import expect
from report_network import UNNA, YEAR, build

from kiz_graph.check import requirement


@pytest.fixture(scope="module")
def seeded(module_db):
    """browser_support's live server over the small network instead of the demo network."""
    build(module_db)
    add_user(module_db, USERNAME, "centre_staff", centres=(CENTRE,))
    requirement.dashboard(module_db, CENTRE)  # the first check is slow in a fresh Neo4j
    return module_db


@pytest.mark.parametrize("fmt, label", [("pdf", "PDF"), ("xlsx", "Excel-Arbeitsmappe")])
def test_pick_a_year_and_download_the_sachbericht(page, fmt, label):
    assert CENTRE == UNNA
    page.set_default_timeout(60_000)  # a loaded machine takes seconds to draw the charts
    sign_in(page)
    page.get_by_role("navigation", name="Bereiche des Zentrums").get_by_role("link", name="Sachbericht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sachbericht")
    page.get_by_label("Berichtsjahr").select_option(str(YEAR))
    page.get_by_label("Format").select_option(label=label)
    with page.expect_download() as download:
        page.get_by_role("button", name="Sachbericht herunterladen").click()
    assert download.value.suggested_filename == f"sachbericht-{YEAR}-{UNNA}.{fmt}"
    data = download.value.path().read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert load_workbook(io.BytesIO(data))["Überblick"]["B2"].value == CENTRE_NAME
    page.requests.assert_same_origin()
