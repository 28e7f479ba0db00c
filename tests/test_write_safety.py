"""Writes you can trust (issue 13): each finding of the review, reproduced as a user or an
attacker would, on a real database.

1. Editing a cooperation saves.  2. A centre's import cannot reach into another centre.
4. Concurrent writes never lose a change.  5. Other centres' contacts only as consent
allows.  6. Values that used to break things are refused with a German message.
(3, all or nothing, is in ``test_import_atomic.py``.)
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from html.parser import HTMLParser

import pytest
from auth import add_user, make_app, signed_in

from kiz_graph.errors import ConflictError, OutOfScopeError, ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.network import graph_files
from kiz_graph.records import audit, edits
from kiz_graph.store import maintenance

UNNA, DORTMUND = "ki-05978", "ki-05913"
UNNA_ORG = {"id": "mso-1", "name": "Deutsch-Türkischer Elternverein Kamen e.V.", "type": "MSO",
            "region": "05978", "municipality": "05978020"}
DORTMUND_ORG = {"id": "org-05913-00020", "name": "Bildungswerk Dortmund-Nord", "type": "EducationProvider",
                "region": "05913"}
DORTMUND_PERSON = {"id": "per-05913-00186", "name": "Markus Schneider", "organisation_id": DORTMUND_ORG["id"],
                   "email": "m.schneider@bildungswerk.example", "phone": "0231 555 0186", "consent": "none"}


@pytest.fixture
def world(db):
    """Unna with one MSO and a cooperation; Dortmund with an organisation, a contact person
    without consent, a post, a network and an offer; one staff member for each centre."""
    seeding.seed(db)
    edits.create(db, "organisations", UNNA_ORG)
    edits.create(db, "organisations", DORTMUND_ORG)
    edits.create(db, "persons", DORTMUND_PERSON)
    edits.create(db, "persons", {"id": "per-unna-1", "name": "Leyla Aydın", "organisation_id": UNNA,
                                    "consent": "internal", "consent_date": "2024-01-01"})
    edits.create(db, "positions", {"id": "pos-05913-1", "centre_id": DORTMUND, "profession": "Lehrkraft",
                                      "fte": 1, "funding": "Abordnung"})
    edits.create(db, "networks", {"id": "net-05913-1", "name": "Runder Tisch Nordstadt", "centre_id": DORTMUND})
    edits.create(db, "offers", {"id": "off-05913-1", "title": "Elternkurs Nordstadt", "provider_id": DORTMUND})
    edits.create(db, "cooperations", {"from_id": UNNA, "to_id": "mso-1", "form": "Kooperationsvereinbarung",
                                         "since": "2013-01-16", "note": "Elterncafé"})
    add_user(db, "anna", "centre_staff", display_name="Anna Becker", centres=(UNNA,))
    add_user(db, "bernd", "centre_staff", display_name="Bernd Vogel", centres=(UNNA,))
    add_user(db, "doris", "centre_staff", centres=(DORTMUND,))
    return db


@pytest.fixture
def app(world):
    return make_app(world)


def text(response) -> str:
    return response.get_data(as_text=True)


class _Form(HTMLParser):
    """The fields of a page's edit form (``<form method="post" class="form">``), as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = self._done = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._done:
            return
        if tag == "form" and attrs.get("method") == "post" and attrs.get("class") == "form":
            self._in_form = True
        elif self._in_form and tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif self._in_form and tag == "select":
            self._select = attrs.get("name")
        elif self._in_form and tag == "textarea":
            self._textarea = attrs.get("name")
            self.fields.append((self._textarea, ""))
        elif self._in_form and tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self._textarea:
            name, text = self.fields.pop()
            self.fields.append((name, text + data))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_of(page: str, **changes: str) -> dict[str, list[str]]:
    """What the browser sends for the page's edit form, with some fields changed."""
    parser = _Form()
    parser.feed(page)
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    return data


COOPERATION_URL = f"/zentren/{UNNA}/cooperations/eintrag/{UNNA}/mso-1/Kooperationsvereinbarung"


# --- 1. Editing a cooperation -----------------------------------------------------------


@pytest.mark.parametrize("field, value, stored", [
    ("note", "Elterncafé jetzt donnerstags", "Elterncafé jetzt donnerstags"),
    ("last_contact", "2026-11-02", dt.date(2026, 11, 2)),
])
def test_changing_one_field_of_a_cooperation_saves_it(app, world, field, value, stored):
    client = signed_in(app, "anna")
    before = edits.get(world, "cooperations", (UNNA, "mso-1", "Kooperationsvereinbarung"))
    response = client.post(COOPERATION_URL, data=form_of(text(client.get(COOPERATION_URL)), **{field: value}))
    assert response.status_code == 302, text(response)
    after = edits.get(world, "cooperations", (UNNA, "mso-1", "Kooperationsvereinbarung"))
    assert after == {**before, field: stored}
    assert "Kooperation gespeichert." in text(client.get(response.location))


def test_the_start_of_a_cooperation_may_be_corrected_its_form_not(app, world):
    """A cooperation is one per pair and form: a corrected start changes it, another form would be another."""
    client = signed_in(app, "anna")
    response = client.post(COOPERATION_URL, data=form_of(text(client.get(COOPERATION_URL)), since="2014-01-01"))
    assert response.status_code == 302, text(response)
    assert edits.get(world, "cooperations", (UNNA, "mso-1", "Kooperationsvereinbarung"))["since"] == dt.date(2014, 1, 1)
    response = client.post(COOPERATION_URL, data=form_of(text(client.get(COOPERATION_URL)), form="Projekt"))
    assert response.status_code == 422 and "beenden und eine neue in der anderen Form anlegen" in text(response)
    assert edits.get(world, "cooperations", (UNNA, "mso-1", "Projekt")) is None
    assert count_cooperations(world) == 1


def count_cooperations(db) -> int:
    return db.run_text("MATCH ()-[k:COOPERATES_WITH]->() RETURN count(k) AS n", write=False)[0]["n"]


# --- 2. Imports stay in their centre -----------------------------------------------------

CROSS_CENTRE_FILES = {
    "personen.csv": f"id;name;organisation_id\n{DORTMUND_PERSON['id']};Markus Schneider;mso-1\n",
    "organisationen.csv": f"id;name;type;region\n{DORTMUND_ORG['id']};Übernommener Verein;MSO;05978\n",
    "stellen.csv": f"id;centre_id;profession;fte;funding\npos-05913-1;{UNNA};Lehrkraft;0,5;Abordnung\n",
    "netzwerke.csv": f"id;name;centre_id\nnet-05913-1;Unser Runder Tisch;{UNNA}\n",
    "angebote.csv": f"id;title;provider_id\noff-05913-1;Unser Elternkurs;{UNNA}\n",
}


@pytest.mark.parametrize("file_name", CROSS_CENTRE_FILES)
def test_an_upload_cannot_take_over_another_centres_record(app, world, file_name):
    """The row names Unna (allowed), but the record it would overwrite is Dortmund's."""
    client = signed_in(app, "anna")
    before = maintenance.snapshot(world)
    upload = {"files": (io.BytesIO(CROSS_CENTRE_FILES[file_name].encode()), file_name)}
    response = client.post(f"/zentren/{UNNA}/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 422
    assert f"{file_name}:2:id: gehört nicht zum Netzwerk dieses Zentrums" in text(response)
    assert "geändert" not in text(response).split("Es wurde nichts gespeichert")[0]
    assert maintenance.snapshot(world) == before
    # Dortmund still sees its own record.
    dortmund = signed_in(app, "doris")
    assert dortmund.get(f"/zentren/{DORTMUND}/persons/eintrag/{DORTMUND_PERSON['id']}").status_code == 200


def test_an_upload_equal_to_another_centres_record_is_refused_too(app, world):
    """Else "unverändert" would confirm a guess of what Dortmund holds (an e-mail, a phone)."""
    guess = f"id;name;organisation_id;email\n{DORTMUND_PERSON['id']};Markus Schneider;{DORTMUND_ORG['id']};" \
            f"{DORTMUND_PERSON['email']}\n"
    response = signed_in(app, "anna").post(f"/zentren/{UNNA}/import", content_type="multipart/form-data",
                                           data={"files": (io.BytesIO(guess.encode()), "personen.csv")})
    assert response.status_code == 422 and "gehört nicht zum Netzwerk dieses Zentrums" in text(response)
    assert "unverändert" not in text(response)


def test_a_dortmund_person_cannot_be_moved_into_unna_to_read_his_contacts(app, world):
    client = signed_in(app, "anna")
    upload = {"files": (io.BytesIO(CROSS_CENTRE_FILES["personen.csv"].encode()), "personen.csv")}
    preview = text(client.post(f"/zentren/{UNNA}/import", data=upload, content_type="multipart/form-data"))
    if "/import/" in preview.split("<main", 1)[-1]:  # offered for confirmation: confirm, as the user would
        client.post(f"/zentren/{UNNA}/import/{preview.split('/import/')[-1].split(chr(34))[0]}")
    assert edits.get(world, "persons", DORTMUND_PERSON["id"])["organisation_id"] == DORTMUND_ORG["id"]
    persons = text(client.get(f"/zentren/{UNNA}/persons/"))
    assert "Markus Schneider" not in persons and DORTMUND_PERSON["email"] not in persons


def _preview(client, file_name: str, content: bytes, centre: str = UNNA):
    response = client.post(f"/zentren/{centre}/import", data={"files": (io.BytesIO(content), file_name)},
                           content_type="multipart/form-data")
    page = text(response)
    confirm = re.search(r'/import/([\w-]+)" id="confirm"', page)  # the form that confirms the preview
    return response, confirm[1] if confirm else None


def test_a_change_between_preview_and_confirmation_is_not_overwritten(app, world):
    anna = signed_in(app, "anna")
    _, token = _preview(anna, "organisationen.csv", "id;name;type;region;city\nmso-1;Elternverein Kamen;MSO;05978;"
                                                    "Kamen\n".encode())
    edits.update(world, "organisations", "mso-1", {"city": "Kamen-Methler"}, user="bernd", for_centre=UNNA)
    response = anna.post(f"/zentren/{UNNA}/import/{token}")
    assert response.status_code == 422 and "organisationen.csv:2: inzwischen von bernd geändert" in text(response)
    assert edits.get(world, "organisations", "mso-1")["city"] == "Kamen-Methler"


def test_an_upload_is_confirmed_only_by_whoever_previewed_it_for_that_centre(app, world):
    _, token = _preview(signed_in(app, "anna"), "organisationen.csv",
                        "id;name;type;region\nneu-9;Neuer Verein;MSO;05978\n".encode())
    doris = signed_in(app, "doris")
    assert doris.post(f"/zentren/{DORTMUND}/import/{token}").status_code == 404
    assert signed_in(app, "bernd").post(f"/zentren/{UNNA}/import/{token}").status_code == 404
    assert edits.get(world, "organisations", "neu-9") is None
    assert signed_in(app, "anna").post(f"/zentren/{UNNA}/import/{token}").status_code == 302  # still there for Anna
    assert edits.get(world, "organisations", "neu-9")["name"] == "Neuer Verein"


@pytest.mark.parametrize("content, message", [
    ("id;name;type;region\nneu-9;Gr\x81n;MSO;05978\n".encode("latin-1"), "weder UTF-8 noch Windows-1252 (Byte 0x81"),
    ("id;name;type;region\nneu-9;\"".encode() + b"x" * 200_000 + b"\";MSO;05978\n", "keine lesbare CSV-Datei"),
])
def test_a_file_that_cannot_be_read_is_refused_with_a_reason(app, world, content, message):
    response, token = _preview(signed_in(app, "anna"), "organisationen.csv", content)
    assert response.status_code == 422 and message in text(response) and token is None


def test_a_file_with_thousands_of_errors_lists_the_first_200(app, world):
    rows = "".join(f"neu-{number};;MSO;05978\n" for number in range(3_000))
    response, _ = _preview(signed_in(app, "anna"), "organisationen.csv", f"id;name;type;region\n{rows}".encode())
    page = text(response)
    assert response.status_code == 422 and page.count("Pflichtangabe fehlt") == 200
    assert "… und 2.800 weitere." in page and len(page) < 100_000


def test_an_undo_cannot_pull_a_record_back_from_another_centre(world):
    """Undo is a write for a centre too: the record as it is now must still be the centre's."""
    edits.update(world, "organisations", "mso-1", {"region": "05913", "municipality": None}, user="koordination")
    change = audit.history(world, kind="organisations", key=("mso-1",))[0]
    assert UNNA in audit.centres_of(world, "organisations", change.before)  # Unna's history shows the move
    before = maintenance.snapshot(world)
    with pytest.raises(OutOfScopeError):
        edits.undo(world, change.id, "anna", for_centre=UNNA)
    assert maintenance.snapshot(world) == before


@pytest.mark.parametrize("kind, data, owner", [
    ("organisations", {"id": DORTMUND, "name": "Trojaner e.V.", "type": "Other", "region": "05978"}, "einem Zentrum"),
    ("organisations", {"id": "05913", "name": "Trojaner e.V.", "type": "Other", "region": "05978"}, "einer Region"),
    ("networks", {"id": DORTMUND_ORG["id"], "name": "Kuckucksei", "centre_id": UNNA}, "einer Organisation"),
    ("offers", {"id": "net-05913-1", "title": "Kuckucksei", "provider_id": UNNA}, "einem Netzwerk"),
])
def test_a_new_record_cannot_take_an_id_that_names_something_of_another_centre(app, world, kind, data, owner):
    """Else the record would make the other centre's records look like the own centre's."""
    client = signed_in(app, "anna")
    before = maintenance.snapshot(world)
    response = client.post(f"/zentren/{UNNA}/{kind}/neu", data=data)
    assert response.status_code == 422 and f"gehört schon zu {owner}" in text(response)
    assert maintenance.snapshot(world) == before


def test_an_id_used_under_two_labels_does_not_open_the_other_centres_records(app, world):
    """Data from before ids were checked across kinds: the scope still follows each column's own kind."""
    world.run_text("MATCH (r:Region {ags: '05978'}) CREATE (:Organisation:Other {id: $id, name: 'Alt', type: 'Other'})"
                   "-[:LOCATED_IN]->(r)", {"id": DORTMUND}, write=True)
    edits.create(world, "cooperations", {"from_id": DORTMUND, "to_id": DORTMUND_ORG["id"], "form": "Projekt",
                                         "since": "2020-04-10"})
    client = signed_in(app, "anna")
    assert client.get(f"/zentren/{UNNA}/cooperations/eintrag/{DORTMUND}/{DORTMUND_ORG['id']}/Projekt"
                      ).status_code == 404
    assert client.get(f"/zentren/{UNNA}/positions/eintrag/pos-05913-1").status_code == 404
    assert client.post(f"/zentren/{UNNA}/networks/eintrag/net-05913-1",
                       data={"name": "Gekapert", "centre_id": UNNA}).status_code == 404


def test_the_acting_centre_sees_its_own_change_in_its_history(world):
    """Unna's staff start a cooperation with a Dortmund organisation: Unna's history shows it."""
    edits.create(world, "cooperations", {"from_id": UNNA, "to_id": DORTMUND_ORG["id"], "form": "Projekt",
                                         "since": "2025-02-01"}, user="anna", for_centre=UNNA)
    change = audit.history(world, centre=UNNA)[0]
    assert change.action == "create" and change.key == (UNNA, DORTMUND_ORG["id"], "Projekt")


# --- 4. No lost update -------------------------------------------------------------------

ORGANISATION_URL = f"/zentren/{UNNA}/organisations/eintrag/mso-1"


def test_two_users_saving_one_form_one_gets_a_conflict_with_both_versions(app, world):
    anna, bernd = signed_in(app, "anna"), signed_in(app, "bernd")
    annas_form = form_of(text(anna.get(ORGANISATION_URL)), email="info@elternverein-kamen.example")
    berndts_form = form_of(text(bernd.get(ORGANISATION_URL)), phone="02307 555 77")

    assert anna.post(ORGANISATION_URL, data=annas_form).status_code == 302
    refused = bernd.post(ORGANISATION_URL, data=berndts_form)
    page = text(refused)
    assert refused.status_code == 409
    assert "Inzwischen geändert von anna am" in page and "Ihre Änderung wurde nicht gespeichert" in page
    assert "info@elternverein-kamen.example" in page  # the stored version, beside ...
    assert 'value="02307 555 77"' in page  # ... what Bernd typed, kept in the form ...
    assert 'value="info@elternverein-kamen.example"' in page  # ... on top of Anna's change
    saved = edits.get(world, "organisations", "mso-1")
    assert saved["email"] == "info@elternverein-kamen.example" and saved["phone"] is None

    # Saving again from the conflict page keeps both changes.
    assert bernd.post(ORGANISATION_URL, data=form_of(page)).status_code == 302
    saved = edits.get(world, "organisations", "mso-1")
    assert (saved["email"], saved["phone"]) == ("info@elternverein-kamen.example", "02307 555 77")


def _race(*writes) -> list[object]:
    """Run the writes at the same moment; each result is the write's value or its exception."""
    results: list[object] = [None] * len(writes)
    barrier = threading.Barrier(len(writes))

    def run(index, write):
        barrier.wait()
        try:
            results[index] = write()
        except Exception as exc:  # the outcome under test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("trial", range(4))
def test_two_edits_at_the_same_moment_give_one_success_and_one_conflict(world, trial):
    version = audit.version(edits.get(world, "organisations", "mso-1"))
    results = _race(
        lambda: edits.update(world, "organisations", "mso-1", {"email": f"a{trial}@x.example"}, user="anna",
                             for_centre=UNNA, version=version),
        lambda: edits.update(world, "organisations", "mso-1", {"phone": f"0230 55{trial}"}, user="bernd",
                             for_centre=UNNA, version=version))
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    saved = [r for r in results if isinstance(r, dict)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    assert edits.get(world, "organisations", "mso-1") == saved[0]
    assert len(audit.history(world, kind="organisations", key=("mso-1",))) == 1  # one update recorded, not two


@pytest.mark.parametrize("kind, data", [
    ("organisations", {"id": "neu-1", "name": "Neuer Verein", "type": "MSO", "region": "05978"}),
    ("cooperations", {"from_id": UNNA, "to_id": "mso-1", "form": "Projekt", "since": "2026-01-01"}),
])
def test_two_creates_of_one_key_give_one_success_and_one_already_exists(world, kind, data):
    results = _race(*[lambda name=name: edits.create(world, kind, {**data, **({"name": name} if "name" in data
                                                                              else {"note": name})},
                                                        user="anna", for_centre=UNNA)
                      for name in ("Erster", "Zweiter")])
    refused = [r for r in results if isinstance(r, ValidationError)]
    saved = [r for r in results if isinstance(r, dict)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert "existiert bereits" in str(refused[0])
    key = edits.key_of(kind, saved[0])
    assert edits.get(world, kind, key) == saved[0]
    assert [c.action for c in audit.history(world, kind=kind, key=key)] == ["create"]


@pytest.mark.parametrize("trial", range(4))
def test_an_undo_racing_an_edit_gives_one_success_and_one_refusal(world, trial):
    edits.update(world, "organisations", "mso-1", {"email": "alt@x.example"}, user="anna", for_centre=UNNA)
    change = audit.history(world, kind="organisations", key=("mso-1",))[0]
    version = audit.version(edits.get(world, "organisations", "mso-1"))
    results = _race(
        lambda: edits.undo(world, change.id, "anna", for_centre=UNNA),
        lambda: edits.update(world, "organisations", "mso-1", {"phone": "0231 100"}, user="bernd", for_centre=UNNA,
                             version=version))
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    now = edits.get(world, "organisations", "mso-1")
    if isinstance(results[0], ValidationError):  # the edit won: the undo changed nothing
        assert (now["email"], now["phone"]) == ("alt@x.example", "0231 100")
    else:  # the undo won: the edit was refused as a conflict
        assert isinstance(results[1], ConflictError) and (now["email"], now["phone"]) == (None, None)


def test_two_undos_of_one_change_undo_it_once(world):
    edits.update(world, "organisations", "mso-1", {"email": "alt@x.example"}, user="anna", for_centre=UNNA)
    change = audit.history(world, kind="organisations", key=("mso-1",))[0]
    results = _race(lambda: edits.undo(world, change.id, "anna"), lambda: edits.undo(world, change.id, "bernd"))
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert [c.action for c in audit.history(world, kind="organisations", key=("mso-1",))] == [
        "undo", "update"]


# --- 5. Other centres' contacts ---------------------------------------------------------

def test_a_partner_elsewhere_shows_only_contacts_who_consented(app, world):
    edits.create(world, "cooperations", {"from_id": UNNA, "to_id": DORTMUND_ORG["id"], "form": "Projekt",
                                         "since": "2025-02-01"}, user="anna", for_centre=UNNA)
    edits.create(world, "persons", {"id": "per-05913-public", "name": "Petra Offen", "consent": "public",
                                    "consent_date": "2024-05-01", "organisation_id": DORTMUND_ORG["id"]})
    client = signed_in(app, "anna")
    persons = text(client.get(f"/zentren/{UNNA}/persons/"))
    assert "Markus Schneider" not in persons  # consent none: only his organisation sees him
    assert "Petra Offen" in persons and "Partner eines anderen Zentrums" in persons
    assert "Leyla Aydın" in persons  # Unna's own staff
    assert f"/persons/eintrag/per-05913-public" not in persons  # no link into a page that would be refused


def test_a_post_can_only_be_held_by_a_person_of_the_centres_network(app, world):
    client = signed_in(app, "anna")
    before = maintenance.snapshot(world)
    response = client.post(f"/zentren/{UNNA}/positions/neu", data={
        "id": "pos-unna-9", "centre_id": UNNA, "profession": "Lehrkraft", "fte": "1", "funding": "Abordnung",
        "person_id": DORTMUND_PERSON["id"]})
    assert response.status_code == 403
    assert maintenance.snapshot(world) == before
    saved = edits.create(world, "positions", {"id": "pos-unna-9", "centre_id": UNNA, "profession": "Lehrkraft",
                                              "fte": 1, "funding": "Abordnung", "person_id": "per-unna-1"},
                         user="anna", for_centre=UNNA)
    assert saved["person_id"] == "per-unna-1"


# --- 6. Values that break things ------------------------------------------------------------

@pytest.mark.parametrize("column, value, message", [
    ("name", "A" * 40_000, "zu lang: 40.000 Zeichen (höchstens 300)"),
    ("name", "Verein\x00Kamen", "enthält Steuer- oder unsichtbare Formatzeichen"),
    ("street", "Weststr.\x0b12", "enthält Steuer- oder unsichtbare Formatzeichen"),
    ("name", "Kita \u202enemaK", "enthält Steuer- oder unsichtbare Formatzeichen"),  # shows as "Kita Kamen"
    ("name", "Kita\u200bKamen", "enthält Steuer- oder unsichtbare Formatzeichen"),
    ("until", "0001-01-01", "liegt nicht zwischen 1900 und 2100"),
    ("until", "31.12.9999", "liegt nicht zwischen 1900 und 2100"),
])
def test_values_that_break_indexes_downloads_or_dates_are_refused(world, column, value, message):
    before = maintenance.snapshot(world)
    with pytest.raises(ValidationError) as refused:
        edits.create(world, "organisations", {**UNNA_ORG, "id": "neu-2", column: value}, user="anna", for_centre=UNNA)
    assert refused.value.by_column()[column].startswith(message) or message in refused.value.by_column()[column]
    assert maintenance.snapshot(world) == before


def test_a_note_may_span_lines_but_not_exceed_4000_characters(world):
    key = (UNNA, "mso-1", "Kooperationsvereinbarung")
    saved = edits.update(world, "cooperations", key, {"note": "Erste Zeile\r\nZweite Zeile"}, user="anna")
    assert saved["note"] == "Erste Zeile\nZweite Zeile"
    # a browser sends line breaks as CRLF: each counts as one character
    assert len(edits.update(world, "cooperations", key, {"note": "x\r\n" * 1999 + "xy"}, user="anna")["note"]) == 4000
    with pytest.raises(ValidationError, match="höchstens 4.000"):
        edits.update(world, "cooperations", key, {"note": "x" * 4001}, user="anna")


def test_old_control_characters_still_give_valid_xml_downloads(world):
    world.run_text("MATCH (o:Organisation {id: 'mso-1'}) SET o.name = 'Verein\u0001Kamen'", write=True)
    import xml.dom.minidom

    for fmt in ("graphml", "gexf"):
        xml.dom.minidom.parseString(graph_files.export_network(world, fmt, UNNA))


@pytest.mark.parametrize("url, message", [
    (f"/zentren/{UNNA}/pruefung?stichtag=0001-01-01", "Stichtag: Datum 01.01.0001 liegt nicht zwischen 1900 und 2100"),
    (f"/zentren/{UNNA}/?stichtag=9999-12-31", "liegt nicht zwischen 1900 und 2100"),
    (f"/zentren/{UNNA}/organisations/?page=99999999", "Seite: &#39;99999999&#39; ist keine Seitenzahl"),
    (f"/zentren/{UNNA}/verlauf?page=0", "ist keine Seitenzahl (1 bis 10.000)"),
    (f"/zentren/{UNNA}/persons/?page=-1", "ist keine Seitenzahl"),
    (f"/zentren/{UNNA}/offers/?page=%C2%B2", "ist keine Seitenzahl"),  # a superscript two
])
def test_days_and_pages_out_of_range_are_a_400_with_a_german_reason(app, url, message):
    response = signed_in(app, "anna").get(url)
    assert response.status_code == 400 and message in text(response)
