"""Forms that catch mistakes: a second organisation of a name the region has, a PLZ, e-mail,
phone or website that is none, a date years ahead, as Unna's staff types them.

Contact values that are wrong are refused (in forms and imports alike); what may be right
but looks like a mistake (a name that exists, a date far ahead) is asked about first and
saved once the user ticks the box. One seeded graph serves the module: every test creates
records of its own names.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from auth import make_app, signed_in, user_for

from kiz_graph.exchange import seeding
from kiz_graph.records import contact, edits
from kiz_graph.store import maintenance

UNNA = "ki-05978"
KAMEN = "05978020"
VEREIN = "Syrisch-Deutscher Kulturverein Kamen e.V."
NEW = f"/zentren/{UNNA}/organisations/neu"
AHEAD = dt.date.today().year + 5  # "2031" when this was written


@pytest.fixture(scope="module")
def world(module_db):
    seeding.seed(module_db)
    edits.create(module_db, "organisations", {"id": "sdk-1", "name": VEREIN, "type": "MSO", "region": "05978",
                                              "municipality": KAMEN})
    edits.create(module_db, "persons", {"id": "per-rami", "name": "Rami Haddad", "organisation_id": "sdk-1"})
    return module_db


@pytest.fixture(scope="module")
def app(world):
    return make_app(world)


@pytest.fixture(scope="module")
def staff(app, world):
    """Unna's staff, signed in once for the module."""
    return signed_in(app, user_for(world, "centre_staff", UNNA))


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def shown(response) -> str:
    """The page's text as a person reads it: tags out, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def organisation(id_: str, name: str, **values) -> dict:
    return {"id": id_, "name": name, "type": "MSO", "region": "05978", "municipality": KAMEN, **values}


# Same or close name in the region -----------------------------------------------------------

def test_a_second_organisation_of_a_name_the_region_has_is_asked_about_then_saved_when_confirmed(staff, world):
    before = maintenance.snapshot(world)
    form = staff.get(NEW)
    assert form.status_code == 200 and "Bitte prüfen und bestätigen" not in shown(form)
    asked = staff.post(NEW, data=organisation("sdk-2", "Syrisch-Deutscher Kulturverein Kamen"))
    assert asked.status_code == 422
    assert f"Ähnliche Organisation vorhanden: {VEREIN} (Kamen)" in shown(asked)
    assert "Es wurde nichts gespeichert" in shown(asked)
    link = re.search(r'Ähnliche Organisation vorhanden: <a href="([^"]+)">', text(asked)).group(1)
    assert link == f"/zentren/{UNNA}/organisationen/eintrag/sdk-1"
    existing = staff.get(link)
    assert existing.status_code == 200 and f'value="{VEREIN}"' in text(existing)
    assert 'name="confirm" value="similar"' in text(asked) and "Trotzdem als neue Organisation anlegen" in text(asked)
    assert maintenance.snapshot(world) == before

    saved = staff.post(NEW, data={**organisation("sdk-2", "Syrisch-Deutscher Kulturverein Kamen"),
                                  "confirm": "similar"})
    assert saved.status_code == 302
    assert edits.get(world, "organisations", "sdk-2")["name"] == "Syrisch-Deutscher Kulturverein Kamen"
    # Changing something else of either twin asks nothing: only a new name or region is compared.
    assert staff.post(f"/zentren/{UNNA}/organisations/eintrag/sdk-2", data={"phone": "02307 912340"}).status_code == 302


def test_a_close_name_asks_too_and_an_other_region_or_other_name_does_not(staff, world):
    typo = staff.post(NEW, data=organisation("sdk-typo", "Syrisch-Deutscher Kulturverien Kamen"))
    assert typo.status_code == 422 and f"Ähnliche Organisation vorhanden: {VEREIN} (Kamen)" in shown(typo)
    assert edits.get(world, "organisations", "sdk-typo") is None
    other = staff.post(NEW, data=organisation("tev-1", "Türkischer Elternverein Kamen"))
    assert other.status_code == 302, shown(other)
    assert edits.create(world, "organisations", organisation("sdk-do", VEREIN, region="05913", municipality=None),
                        confirmed=frozenset())["region"] == "05913"  # Dortmund's is another club


def test_renaming_an_organisation_to_a_name_the_region_has_asks_first(staff, world):
    edits.create(world, "organisations", organisation("kv-1", "Kulturverein Heeren"))
    url = f"/zentren/{UNNA}/organisations/eintrag/kv-1"
    asked = staff.post(url, data={"name": "Syrisch Deutscher Kulturverein Kamen eV"})
    assert asked.status_code == 422 and f"Ähnliche Organisation vorhanden: {VEREIN} (Kamen)" in shown(asked)
    assert "Trotzdem unter diesem Namen speichern" in shown(asked)
    assert edits.get(world, "organisations", "kv-1")["name"] == "Kulturverein Heeren"
    assert staff.post(url, data={"name": "Syrisch Deutscher Kulturverein Kamen eV", "confirm": "similar"}).status_code == 302
    assert edits.get(world, "organisations", "kv-1")["name"] == "Syrisch Deutscher Kulturverein Kamen eV"


def test_a_second_person_of_a_name_at_the_same_organisation_is_asked_about(staff, world):
    url = f"/zentren/{UNNA}/persons/neu"
    data = {"id": "per-rami-2", "name": "Rami Haddad", "organisation_id": "sdk-1"}
    asked = staff.post(url, data=data)
    assert asked.status_code == 422
    assert f"Ähnliche Person vorhanden: Rami Haddad ({VEREIN})" in shown(asked)
    assert f'href="/zentren/{UNNA}/personen/eintrag/per-rami"' in text(asked)
    assert "Trotzdem als neue Person anlegen" in shown(asked) and edits.get(world, "persons", "per-rami-2") is None
    assert staff.post(url, data={**data, "confirm": "similar"}).status_code == 302


# Contact values ------------------------------------------------------------------------------

def test_a_plz_email_phone_and_website_that_are_none_are_refused_and_nothing_is_saved(staff, world):
    before = maintenance.snapshot(world)
    refused = staff.post(NEW, data=organisation("kurd-1", "Kurdischer Kulturverein Kamen", postcode="5917",
                                                email="kontakt(at)sdk-kamen.de", website="javascript:alert(1)",
                                                phone="0231 / Zentrale"))
    page = shown(refused)
    assert refused.status_code == 422 and "Es wurde nichts gespeichert" in page
    assert "keine gültige PLZ: '5917' (5 Ziffern, in NRW, z. B. 59174)" in page
    assert "bitte „@“ statt „(at)“ schreiben (also kontakt@sdk-kamen.de)" in page
    assert "keine gültige Webadresse: 'javascript:alert(1)' (nur Adressen mit http:// oder https://" in page
    assert "keine gültige Telefonnummer: '0231 / Zentrale'" in page
    assert "Trotzdem" not in page  # a wrong value cannot be confirmed
    assert maintenance.snapshot(world) == before
    berlin = staff.post(NEW, data=organisation("kurd-1", "Kurdischer Kulturverein Kamen", postcode="10115"))
    assert berlin.status_code == 422 and "10115 ist keine PLZ in Nordrhein-Westfalen" in shown(berlin)


def test_good_contact_values_are_saved_and_a_bare_www_address_gets_https(staff, world):
    saved = staff.post(NEW, data=organisation("kurd-2", "Kurdischer Elternverein Kamen", postcode="59174",
                                              email="kontakt@kev-kamen.de", website="www.kev-kamen.de",
                                              phone="+49 (0) 2307/91234-0"))
    assert saved.status_code == 302, shown(saved)
    record = edits.get(world, "organisations", "kurd-2")
    assert (record["postcode"], record["email"], record["website"], record["phone"]) == (
        "59174", "kontakt@kev-kamen.de", "https://www.kev-kamen.de", "+49 (0) 2307/91234-0")


@pytest.mark.parametrize(("parse", "good", "bad"), [
    (contact.postcode, ["59174", "40210", "33602", "53111", "57072", "34414", "37671", "48143", "49477"],
     ["5917", "10115", "80331", "591740", "59 174", "55116"]),
    (contact.email, ["info@verein.de", "a.yilmaz@tev-kamen.de", "mailto:x@y.de", "post@müller-verein.de"],
     ["kontakt(at)sdk-kamen.de", "info@verein", "a b@verein.de", "a@@verein.de", "<a@b.de>"]),
    (contact.phone, ["02307 912340", "+49 2303 555-0", "(0231) 12 34 56", "0231/123456"],
     ["0231 1", "0231 55 x", "02307 912340 (Zentrale)", "0231.123456"]),
    (contact.website, ["https://www.verein.de", "http://verein.de/kontakt?x=1", "www.verein.de"],
     ["javascript:alert(1)", "data:text/html,x", "ftp://verein.de", "https://verein", "https://a b.de",
      "https://nutzer@verein.de"]),
])
def test_contact_values_as_people_write_them(parse, good, bad):
    for value in good:
        parse(value)
    for value in bad:
        with pytest.raises(ValueError):
            parse(value)


def test_an_import_with_a_plz_that_is_none_names_row_and_column(staff, world):
    upload = "Kennung;Name;Typ;Region;PLZ\nimp-1;Kita Regenbogen Kamen;Kita;05978;59174\n" \
             "imp-2;Kita Sonne Kamen;Kita;05978;5917\n".encode()
    response = staff.post(f"/zentren/{UNNA}/import", data={"files": (io.BytesIO(upload), "organisationen.csv")},
                          content_type="multipart/form-data")
    assert response.status_code == 422 and "Es wurde nichts gespeichert" in shown(response)
    assert "organisationen.csv:3:PLZ: keine gültige PLZ: '5917' (5 Ziffern, in NRW, z. B. 59174)" in shown(response)
    assert edits.get(world, "organisations", "imp-1") is None


# Dates far ahead ------------------------------------------------------------------------------

def test_a_cooperation_starting_years_ahead_is_asked_about_then_saved_when_confirmed(staff, world):
    url = f"/zentren/{UNNA}/cooperations/neu"
    data = {"from_id": UNNA, "to_id": "sdk-1", "form": "Projekt", "since": f"{AHEAD}-03-01"}
    asked = staff.post(url, data=data)
    assert asked.status_code == 422
    assert f"Seit: liegt in der Zukunft ({AHEAD}) – bitte bestätigen" in shown(asked)
    assert "Trotzdem speichern" in shown(asked)
    assert edits.get(world, "cooperations", (UNNA, "sdk-1", "Projekt")) is None

    assert staff.post(url, data={**data, "confirm": "future"}).status_code == 302
    key = (UNNA, "sdk-1", "Projekt")
    assert edits.get(world, "cooperations", key)["since"] == dt.date(AHEAD, 3, 1)
    # Once saved, another change of it does not ask again; a start next month asks nothing.
    edit = f"/zentren/{UNNA}/cooperations/eintrag/{UNNA}/sdk-1/Projekt"
    assert staff.post(edit, data={"note": "Auftakt geplant"}).status_code == 302
    soon = dt.date.today() + dt.timedelta(days=31)
    assert staff.post(edit, data={"since": soon.isoformat()}).status_code == 302
    assert edits.get(world, "cooperations", key)["since"] == soon
