"""The workspace in the words people use, in a real browser: names and German dates wherever a
person reads, ids only in addresses and machine downloads; new records get their ids made for
them; a suggestion is a button that opens the cooperation form with the partner filled in.

Unna's staff walks every page of the centre's workspace (dashboard, every list, a form of
every kind, new and existing, the centre's facts, the history, the check report, the
network page, the import page) after changes of every kind are in the history, and reads
the page as a person does: its visible text, the values of its visible fields and the
chosen options. None may show an id (``org-…``, ``per-…``, ``ki-0…``, ``pos-…``, ``net-…``,
``off-…``) or an ISO date.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from auth import make_app, signed_in
from browser_support import CENTRE, USERNAME, browser, field, live_server, page, seeded, sign_in  # noqa: F401 - fixtures
from playwright.sync_api import expect

from kiz_graph.records import edits, naming, workspace

ID = re.compile(r"\b(?:org|per|pos|net|off)-[0-9a-z]|\bki-0")
ISO_DATE = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")

# What a person reads on a page: its text, and the values of the fields it shows (a date
# field shows its own German rendering of an ISO value, so its value is left out).
READ_PAGE = """() => {
  const shown = el => el.offsetParent !== null || el.getClientRects().length > 0;
  const values = [...document.querySelectorAll('input, textarea')]
    .filter(el => shown(el) && !['hidden', 'date', 'checkbox', 'radio', 'submit', 'file'].includes(el.type))
    .map(el => el.value);
  const chosen = [...document.querySelectorAll('select')].filter(shown)
    .flatMap(el => [...el.selectedOptions].map(option => option.textContent));
  return [document.body.innerText, ...values, ...chosen].join('\\n');
}"""


@pytest.fixture(scope="module")
def changed(seeded):
    """Changes of every kind by Unna's staff, so that the history shows each kind's summary."""
    first = {kind: workspace.list_page(seeded, CENTRE, kind).records[0] for kind in workspace.LISTS}
    for kind, column, value in (("cooperations", "note", "Jahresgespräch geführt"), ("positions", "fte", 0.75),
                                ("network_members", "since", dt.date(2019, 2, 1)), ("persons", "function", "Leitung"),
                                ("networks", "topic", "Sprachbildung"), ("offers", "target_group", "Eltern"),
                                ("organisations", "phone", "02303 27-0")):
        edits.update(seeded, kind, edits.key_of(kind, first[kind]), {column: value}, user="unna", for_centre=CENTRE)
    edits.end(seeded, "cooperations", edits.key_of("cooperations", first["cooperations"]), dt.date(2026, 6, 30),
              user="unna", for_centre=CENTRE)
    return first


def workspace_pages(first: dict) -> list[str]:
    pages = [f"/zentren/{CENTRE}/", f"/zentren/{CENTRE}/angaben", f"/zentren/{CENTRE}/verlauf",
             f"/zentren/{CENTRE}/pruefung", f"/zentren/{CENTRE}/pruefung?von=2021-12-31&bis=2022-01-01",
             f"/zentren/{CENTRE}/netzwerk", f"/zentren/{CENTRE}/import"]
    for kind, record in first.items():
        key = "/".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in edits.key_of(kind, record))
        pages += [f"/zentren/{CENTRE}/{kind}/", f"/zentren/{CENTRE}/{kind}/neu", f"/zentren/{CENTRE}/{kind}/eintrag/{key}"]
    return pages


def test_no_page_of_the_workspace_shows_an_id_or_an_iso_date(page, changed):
    sign_in(page)
    offences = {}
    for path in workspace_pages(changed):
        response = page.goto(path, timeout=30_000)  # the network page lays out its graph
        assert response.status == 200, path
        text = page.evaluate(READ_PAGE)
        found = sorted({m.group(0) for m in ID.finditer(text)} | {m.group(0) for m in ISO_DATE.finditer(text)})
        if found:
            lines = [line.strip() for line in text.splitlines() if ID.search(line) or ISO_DATE.search(line)]
            offences[path] = lines[:4]
    assert offences == {}
    page.requests.assert_same_origin()


def test_the_history_names_records_and_dates_as_people_do(page, seeded, changed):
    partner = naming.names(seeded, {changed["cooperations"]["to_id"]})[changed["cooperations"]["to_id"]]
    sign_in(page)
    page.goto(f"/zentren/{CENTRE}/verlauf")
    history = page.get_by_role("table", name="Verlauf")
    expect(history).to_contain_text(f"Kooperation mit {partner}")
    expect(history).to_contain_text("bis 30.06.2026")


def test_a_new_organisation_gets_its_id_made_for_it(page, seeded):
    sign_in(page)
    page.goto(f"/zentren/{CENTRE}/organisations/neu")
    expect(page.get_by_label(re.compile("^Kennung"))).to_have_count(0)
    field(page, "Name").fill("Neuer Verein für Lernpaten Holzwickede")
    field(page, "Typ").select_option(label="Migrantenselbstorganisation")
    field(page, "Gemeinde").select_option(label="Holzwickede")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_have_text("Organisation gespeichert.")
    saved = [r for r in workspace.list_page(seeded, CENTRE, "organisations", q="Lernpaten Holzwickede").records]
    assert [r["name"] for r in saved] == ["Neuer Verein für Lernpaten Holzwickede"]
    assert re.fullmatch(r"org-05978-\d{5}", saved[0]["id"])


def test_a_suggested_partner_is_one_click_from_the_cooperation_form(page, seeded):
    sign_in(page)
    # The demo's Pflicht gaps about partners are those of the concept of 2012: § 8 TIntG 2021 asks for
    # partners only with "soll", and the start page suggests partners for open Pflicht gaps.
    page.goto(page.url.split("?")[0] + "?stichtag=2021-12-31")
    suggestion = page.get_by_role("link", name=re.compile(r"^Kooperation mit .+ anlegen$")).first
    name = re.fullmatch(r"Kooperation mit (.+) anlegen", suggestion.inner_text().strip()).group(1)
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kooperation anlegen")
    expect(field(page, "Mit").locator("option:checked")).to_have_text(name)


def test_every_page_counts_the_active_cooperations_alike_and_says_how(seeded):
    client = signed_in(make_app(seeded), USERNAME)

    def counts() -> tuple[int, int, int]:
        pages = [client.get(f"/zentren/{CENTRE}/{path}").get_data(as_text=True)
                 for path in ("", "kooperationen/", "netzwerk")]
        for text in pages:
            assert "Der Tag im Feld „Bis“ zählt noch mit" in text
        return (int(re.search(r"<dt>Aktive Kooperationen des Zentrums</dt><dd>(\d+)</dd>", pages[0]).group(1)),
                int(re.search(r"davon (\d+) aktiv am", pages[1]).group(1)),
                int(re.search(r"davon (\d+) des Zentrums selbst", pages[2]).group(1)))

    before = counts()
    assert len(set(before)) == 1 and before[0] > 0, before
    running = next(k for k in workspace.list_page(seeded, CENTRE, "cooperations", per_page=500).records
                   if k["until"] is None)
    edits.end(seeded, "cooperations", edits.key_of("cooperations", running), dt.date.today(), user=USERNAME,
              for_centre=CENTRE)
    assert counts() == before  # ended today: it still counts today, as the pages say
