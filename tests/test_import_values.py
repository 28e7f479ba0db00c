"""Values as people write them by hand (import-format.md, "Reading rules"): vocabularies,
lists, dates and yes/no, read by ``schema.clean`` without a database."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kiz_graph.records.schema import clean
from kiz_graph.records.vocabulary import NAMES, fold, loose, vocabulary

ORGANISATION = {"id": "org-1", "name": "Beispielverein e.V.", "type": "Sonstige", "region": "05978"}
PERSON = {"id": "per-1", "name": "Erika Beispiel", "organisation_id": "org-1"}
COOPERATION = {"from_id": "ki-05978", "to_id": "org-1", "form": "Projekt", "since": "2024-03-01"}
POSITION = {"id": "pos-1", "centre_id": "ki-05978", "profession": "Lehrkraft", "fte": "0,5", "funding": "Abordnung"}


def cleaned(kind: str, base: dict, **changes) -> dict:
    record, problems = clean(kind, {**base, **changes})
    assert problems == [], [str(problem) for problem in problems]
    return record


def messages(kind: str, base: dict, **changes) -> dict[str, str]:
    _, problems = clean(kind, {**base, **changes})
    assert problems, "expected a problem"
    return {problem.column: problem.message for problem in problems}


# Vocabularies ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_every_spelling_of_a_vocabulary_resolves_to_its_own_value(name):
    words = vocabulary(name)
    assert words.collisions() == {}
    for key in words.keys:
        for spelling in words.spellings(key):
            for written in (spelling, spelling.upper(), spelling.lower(), fold(spelling)):
                assert words.resolve(written) == key, (name, written)


def test_the_folding_ignores_case_umlauts_spaces_hyphens_dots_and_plural_endings():
    assert fold("Servicestelle für Antidiskriminierungsarbeit") == fold("servicestelle-fuer Antidiskriminierungsarbeit")
    assert fold("Straße") == fold("STRASSE") and fold("Übergang Schule–Ausbildung") == fold("uebergang schule ausbildung")
    assert loose("Servicestellen") == loose("Servicestelle") and loose("Kitas") == loose("Kita")
    assert fold("e.V.") == fold("eV")


@pytest.mark.parametrize(("written", "key"), [
    ("Servicestelle für Antidiskriminierungsarbeit", "servicestelle_antidiskriminierung"),
    ("Servicestelle fuer Antidiskriminierungsarbeit", "servicestelle_antidiskriminierung"),
    ("Servicestellen für Antidiskriminierungsarbeit", "servicestelle_antidiskriminierung"),
    ("Integrationsagentur", "integrationsagentur"),
    ("integrationsagenturen", "integrationsagentur"),
    ("KOMM-AN", "komm_an"),
])
def test_a_programme_is_read_by_its_name_singular_or_plural(written, key):
    assert cleaned("organisations", ORGANISATION, programme=written)["programme"] == key


@pytest.mark.parametrize(("written", "key"), [
    ("Migrantenorganisation", "MigrantOrganisation"), ("Migrant*innenorganisation", "MigrantOrganisation"),
    ("MO", "MigrantOrganisation"), ("MSO", "MigrantOrganisation"), ("Migrantenselbstorganisationen", "MigrantOrganisation"),
    ("Kita", "Daycare"), ("KiTa", "Daycare"), ("Kindergarten", "Daycare"), ("Kindertagesstätte", "Daycare"),
    ("Kindertagesstaette", "Daycare"), ("Familienzentrum", "Daycare"),
    ("Jugendamt", "YouthWelfare"), ("Schulamt", "SchoolSupervision"), ("Integrationsrat", "IntegrationCouncil"),
    ("Volkshochschule", "EducationProvider"), ("Jobcenter", "Authority"), ("sonstige", "Other"),
    ("School", "School"), ("schule", "School"),
])
def test_an_organisation_type_is_read_as_people_write_it(written, key):
    assert cleaned("organisations", ORGANISATION, type=written)["type"] == key


@pytest.mark.parametrize(("written", "form"), [
    ("Grundschule", "02"), ("Hauptschule", "04"), ("Realschule", "10"), ("Gymnasium", "20"),
    ("Gesamtschule", "15"), ("Sekundarschule", "14"), ("Förderschule", "08"), ("Foerderschule", "08"),
    ("Berufskolleg", "30"), ("Grundschulen", "02"),
])
def test_a_school_form_as_type_is_a_school_of_that_form(written, form):
    record = cleaned("organisations", ORGANISATION, type=written)
    assert record["type"] == "School" and record["school_form"] == form
    # a school form given in its own column stands
    assert cleaned("organisations", ORGANISATION, type=written, school_form="Gymnasium")["school_form"] == "20"


def test_every_school_form_and_programme_is_an_organisation_type():
    types = vocabulary("organisation_types")
    for name, type_ in (("school_forms", "School"), ("programmes", "FundedStructure")):
        for key in vocabulary(name).keys:
            assert [types.resolve(spelling) for spelling in vocabulary(name).spellings(key)[1:]] == \
                [type_] * len(vocabulary(name).spellings(key)[1:]), key
    record = cleaned("organisations", ORGANISATION, type="Integrationsagentur")
    assert record["type"] == "FundedStructure" and record["programme"] == "integrationsagentur"


def test_vague_words_are_no_organisation_type():
    for vague in ("Verein", "Amt", "Jugendzentrum", "Träger"):
        assert "type" in messages("organisations", ORGANISATION, type=vague)


@pytest.mark.parametrize(("written", "keys"), [
    ("Türkisch", ["tr"]), ("türkisch", ["tr"]), ("Tuerkisch", ["tr"]), ("türkische", ["tr"]),
    ("Arabisch", ["ar"]), ("Farsi", ["fa"]), ("Persisch", ["fa"]), ("Persisch (Farsi)", ["fa"]),
    ("Kurdisch", ["ku"]), ("Russisch", ["ru"]), ("Ukrainisch", ["uk"]), ("Französisch", ["fr"]),
    ("tr|de", ["tr", "de"]),
])
def test_languages_are_read_by_their_german_names_and_adjectives(written, keys):
    assert cleaned("persons", PERSON, languages=written)["languages"] == keys


@pytest.mark.parametrize(("written", "key"), [
    ("ja", "internal"), ("Ja", "internal"), ("nein", "none"), ("keine", "none"), ("intern", "internal"),
    ("öffentlich", "public"), ("oeffentlich", "public"), ("Öffentlich", "public"), ("public", "public"),
])
def test_consent_ja_is_the_least_disclosure(written, key):
    assert cleaned("persons", PERSON, consent=written, consent_date="01.03.2024")["consent"] == key


@pytest.mark.parametrize(("column", "written", "key"), [
    ("profession", "Lehrer", "teacher"), ("profession", "pädagogische Fachkräfte", "educator"),
    ("funding", "Landesfoerderung", "state_grant"), ("funding", "kommunal", "municipal"),
    ("role", "Leiterin", "lead"), ("role", "stellvertretende Leitung", "deputy"),
])
def test_position_values_in_german(column, written, key):
    assert cleaned("positions", POSITION, **{column: written})[column] == key


# Lists -------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "Türkisch, Arabisch", "Türkisch; Arabisch", "Türkisch / Arabisch", "tr|ar", "Türkisch,Arabisch,",
    "türkisch | arabisch", ["tr", "Arabisch"],
])
def test_list_items_are_separated_by_bar_semicolon_comma_or_slash(written):
    assert cleaned("organisations", ORGANISATION, languages=written)["languages"] == ["tr", "ar"]


def test_a_value_whose_name_holds_a_separator_is_read_whole():
    record = cleaned("organisations", ORGANISATION, stages="Übergang Schule/Ausbildung, Sek I",
                     fields="Erziehung und Betreuung; sprachliche und interkulturelle Bildung")
    assert record["stages"] == ["uebergang_ausbildung", "sekundarstufe_1"]
    assert record["fields"] == ["erziehung_betreuung", "sprachliche_interkulturelle_bildung"]
    assert cleaned("cooperations", COOPERATION, fields="Bildung / Kultur")["fields"] == ["bildung", "kultur"]
    assert cleaned("centres", {"id": "ki-05978"}, concept_topics="Bildung, Querschnitt")["concept_topics"] == \
        ["bildung", "querschnitt"]


def test_no_vocabulary_value_is_split_by_the_bar():
    for name in NAMES:
        for key in vocabulary(name).keys:
            assert not any("|" in spelling for spelling in vocabulary(name).spellings(key))


# Messages ----------------------------------------------------------------------------------

ENGLISH_KEYS = {key for name in ("organisation_types", "professions", "funding", "position_roles", "consent_levels")
                for key in vocabulary(name).keys}


def english_keys_in(message: str) -> set[str]:
    return {key for key in ENGLISH_KEYS if re.search(rf"\b{re.escape(key)}\b", message)}


def test_an_unknown_type_names_the_allowed_types_in_german():
    message = messages("organisations", ORGANISATION, type="Sportverein")["type"]
    assert message.startswith("unbekannter Wert 'Sportverein'")
    assert "Migrantenselbstorganisation" in message and "Kita" in message and "Sonstige" in message
    assert english_keys_in(message) == set()


def test_an_unknown_list_value_says_how_to_separate_values():
    message = messages("organisations", ORGANISATION, languages="Türkisch, Klingonisch")["languages"]
    assert message.startswith("unbekannter Wert 'Klingonisch'")
    assert "mehrere Werte durch „|“, „;“ oder „,“ trennen" in message
    assert "Deutsch" in message and message.endswith(", …; mehrere Werte durch „|“, „;“ oder „,“ trennen)")
    allowed = message.split("erlaubt: ")[1].split(";")[0].split(", ")
    assert len(allowed) == 21 and allowed[-1] == "…"  # 20 names, then …


def test_a_typo_gets_the_value_it_looks_like():
    message = messages("persons", PERSON, languages="Türkich|Arabsch")["languages"]
    assert message.startswith("unbekannte Werte 'Türkich', 'Arabsch' – meinten Sie „Türkisch“ bzw. „Arabisch“?")


@pytest.mark.parametrize(("kind", "base", "column", "written"), [
    ("persons", PERSON, "consent", "vielleicht"),
    ("positions", POSITION, "profession", "Hausmeister"),
    ("positions", POSITION, "funding", "Spenden"),
    ("positions", POSITION, "role", "Chef"),
    ("cooperations", COOPERATION, "form", "Freundschaft"),
])
def test_messages_name_no_english_key_the_user_did_not_write(kind, base, column, written):
    message = messages(kind, base, **{column: written})[column]
    assert "erlaubt: " in message and english_keys_in(message) == set(), message


# Dates and yes/no --------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "2024-03-01", "01.03.2024", "1.3.2024", "01.03.24", "1.3.24", "45352", "45352.0", "2024-03-01 00:00:00",
    "2024-03-01T00:00:00", "01.03.2024 00:00", dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 12, 30),
])
def test_dates_in_the_forms_people_and_spreadsheets_write(written):
    assert cleaned("cooperations", COOPERATION, since=written)["since"] == dt.date(2024, 3, 1)


def test_two_digit_years_below_70_are_this_century():
    assert cleaned("cooperations", COOPERATION, since="01.03.69")["since"] == dt.date(2069, 3, 1)
    assert cleaned("centres", {"id": "ki-05978"}, applied_on="01.03.70")["applied_on"] == dt.date(1970, 3, 1)
    assert cleaned("centres", {"id": "ki-05978"}, applied_on="31.12.99")["applied_on"] == dt.date(1999, 12, 31)


@pytest.mark.parametrize("written", ["31.02.2015", "gestern", "2024", "01.13.2024", "1.3.", "123456"])
def test_a_date_that_is_none_is_named(written):
    message = messages("cooperations", COOPERATION, since=written)["since"]
    assert message.startswith(f"kein gültiges Datum: {written!r}") and "01.03.2024" in message


@pytest.mark.parametrize(("written", "meant"), [
    ("ja", True), ("Ja", True), ("yes", True), ("true", True), ("1", True), ("x", True), ("X", True),
    ("nein", False), ("no", False), ("false", False), ("0", False), ("", None), (True, True),
])
def test_yes_and_no(written, meant):
    assert cleaned("centres", {"id": "ki-05978"}, raa_predecessor=written)["raa_predecessor"] is meant


def test_a_yes_no_value_that_is_none_is_named():
    message = messages("centres", {"id": "ki-05978"}, raa_predecessor="vielleicht")["raa_predecessor"]
    assert message.startswith("kein Ja/Nein-Wert: 'vielleicht'") and "ja oder nein" in message

