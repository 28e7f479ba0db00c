"""What people call the files, sheets and columns of the exchange format, beside the
schema's English and German names: the words the reader (``formats``) knows them by.
"""

from __future__ import annotations

from kiz_graph.german import match_key


def fold(text: str) -> str:
    """A name as compared: case, umlauts (ä = ae), ß, accents, spaces and punctuation do not count."""
    return "".join(match_key(text).split())


# Per kind: its German word (for notices) first, then what people name such a file or sheet.
KIND_WORDS = {
    "organisations": ("Organisationen", "Organisation", "Partner", "Einrichtungen", "Akteure", "Netzwerkpartner",
                      "Kooperationspartner", "Partnerorganisationen"),
    "persons": ("Personen", "Person", "Ansprechpersonen", "Ansprechpartner", "Ansprechpartnerinnen", "Kontakte",
                "Kontaktpersonen"),
    "cooperations": ("Kooperationen", "Kooperation"),
    "centres": ("Zentren", "Zentrum", "Angaben", "Integrationszentrum"),
    "positions": ("Stellen", "Personal", "Stellenplan"), "networks": ("Netzwerke", "Gremien", "Arbeitskreise"),
    "network_members": ("Netzwerkmitglieder", "Mitglieder", "Mitgliedschaften"),
    "offers": ("Angebote", "Angebot", "Maßnahmen"),
}
DOCUMENTATION = {fold(word) for word in ("Hinweise", "Hinweis", "Anleitung", "Hilfe", "Liesmich", "Legende",
                                         "Readme", "Erläuterungen", "Erklärung", "Info")}
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
UNREADABLE_SUFFIXES = (".xls", ".ods", ".numbers")

# Headers people write, beside the English and German names of the schema: per column,
# in every kind that has it, and per kind.
COMMON_HEADERS = {
    "id": ("ID",), "postcode": ("Postleitzahl",), "city": ("Stadt",), "languages": ("Sprache", "Sprachkenntnisse"),
    "email": ("Mail", "Email", "E-Mail-Adresse", "Mailadresse", "Emailadresse"),
    "phone": ("Tel", "Tel.", "Telefonnummer", "Rufnummer", "Fon"),
    "website": ("Homepage", "Internet", "Internetseite", "Internetadresse", "URL", "Web", "Website"),
    "street": ("Strasse", "Str.", "Adresse", "Anschrift", "Straße und Hausnummer", "Straße/Hausnummer",
               "Straße, Hausnummer", "Straße/Nr."),
    "municipality": ("Kommune", "Stadt/Gemeinde", "Gemeinde/Stadt", "AGS", "Gemeindeschlüssel"),
    "fields": ("Handlungsfeld", "Themenfeld", "Themenfelder", "Arbeitsfelder"),
    "stages": ("Bildungsstufe", "Bildungsbereich", "Bildungsbereiche"),
    "since": ("Beginn", "seit", "Start", "ab", "Anfang", "Mitglied seit"),
    "until": ("Ende", "bis", "Enddatum", "beendet am", "Mitglied bis"),
}
KIND_HEADERS = {
    "organisations": {
        "name": ("Einrichtung", "Organisation", "Name der Einrichtung", "Name der Organisation", "Institution",
                 "Akteur", "Partner", "Kooperationspartner", "Netzwerkpartner", "Bezeichnung", "Einrichtungsname"),
        "type": ("Art", "Organisationstyp", "Kategorie", "Organisationsart", "Einrichtungsart", "Art der Einrichtung"),
        "region": ("Kreis", "Kreis/Stadt", "Kreis/kreisfreie Stadt", "Kreisschlüssel", "Landkreis"),
        "federation": ("Spitzenverband", "Dachverband", "Wohlfahrtsverband"), "programme": ("Förderprogramm",),
        "schulnummer": ("Schul-Nr.", "Schulnr"), "school_form": ("Schulart",),
    },
    "persons": {
        "name": ("Ansprechpartner", "Ansprechpartnerin", "Ansprechperson", "Kontakt", "Kontaktperson",
                 "Vor- und Nachname"),
        "organisation_id": ("Einrichtung", "Träger", "Institution", "Name der Einrichtung"),
        "function": ("Position", "Rolle", "Tätigkeit", "Berufsbezeichnung", "Amt"),
        "consent": ("Datenschutz", "Einverständnis", "Einverständniserklärung", "Datenschutzeinwilligung"),
        "consent_date": ("Datum der Einwilligung", "Einwilligungsdatum", "Einverständnis am"),
        "consent_method": ("Art der Einwilligung", "Einwilligung wie", "Form der Einwilligung"),
        "consent_purpose": ("Zweck", "Einwilligung für", "Einwilligungszweck"),
        "consent_recorded_by": ("Erfasst von", "Einwilligung erfasst durch"),
        "consent_withdrawn_on": ("Widerrufen am", "Widerruf am", "Widerruf der Einwilligung"),
        "academic_title": ("Titel", "akademischer Titel", "akad. Titel"),
        "first_name": ("Vorname",), "last_name": ("Nachname", "Familienname", "Zuname"),
    },
    "cooperations": {
        "from_id": ("KI", "Zentrum", "Integrationszentrum", "Kommunales Integrationszentrum"),
        "to_id": ("Partner", "Kooperationspartner", "Kooperationspartnerin", "Partnerorganisation", "Organisation",
                  "Einrichtung", "Netzwerkpartner"),
        "form": ("Art der Kooperation", "Kooperationsform", "Kooperationsart", "Art"),
        "since": ("Kooperation seit", "Beginn der Kooperation"), "agreement": ("Vertrag", "Grundlage"),
        "last_contact": ("letztes Treffen", "Kontakt zuletzt", "zuletzt Kontakt"),
        "note": ("Bemerkung", "Bemerkungen", "Anmerkung", "Anmerkungen", "Kommentar", "Notizen"),
    },
    "centres": {
        "id": ("Zentrum", "KI", "Kommunales Integrationszentrum"),
        "applied_on": ("Antrag", "Antragsdatum", "beantragt am"),
        "opened_on": ("Eröffnung", "eröffnet", "Gründung", "gegründet"),
        "raa_predecessor": ("RAA",), "raa_integrated_on": ("RAA eingegliedert", "Eingliederung RAA"),
        "concept_adopted_on": ("Konzept beschlossen", "Konzeptbeschluss"),
        "concept_adopted_by": ("Beschluss durch", "Beschlossen von", "Gremium"),
        "concept_topics": ("Schwerpunkt", "Konzeptschwerpunkte"),
        "municipalities_agreed": ("mit Gemeinden abgestimmt", "Abstimmung mit Gemeinden",
                                  "Einvernehmen mit den Gemeinden", "Einvernehmen"),
        "granted_by": ("Bewilligung", "Bewilligungsbehörde"),
    },
    "positions": {
        "id": ("Stellennummer", "Stellen-Nr.", "Stellen-ID"), "centre_id": ("KI",),
        "profession": ("Beruf", "Berufsgruppe", "Qualifikation"),
        "fte": ("Stellenumfang", "Umfang", "VZÄ", "Vollzeitäquivalent", "Anteil"),
        "funding": ("Förderung", "Finanzierungsart", "Refinanzierung"), "role": ("Funktion",),
        "person_id": ("Stelleninhaber", "Stelleninhaberin", "Name", "Mitarbeiter", "Mitarbeiterin", "Besetzt durch"),
    },
    "networks": {
        "name": ("Netzwerk", "Bezeichnung", "Netzwerkname", "Name des Netzwerks"), "centre_id": ("KI",),
        "topic": ("Themen", "Schwerpunkt", "Themenschwerpunkt", "Inhalt"),
    },
    "network_members": {
        "network_id": ("Netzwerkname", "Name des Netzwerks", "Gremium", "Arbeitskreis"),
        "organisation_id": ("Mitglied", "Einrichtung", "Partner", "Netzwerkpartner", "Institution", "Akteur",
                            "Name der Einrichtung", "Netzwerkmitglied"),
    },
    "offers": {
        "title": ("Angebot", "Bezeichnung", "Name", "Name des Angebots", "Angebotstitel", "Maßnahme", "Projekt"),
        "provider_id": ("Träger", "Veranstalter", "Durchgeführt von", "Organisation", "Einrichtung"),
        "task": ("Aufgabenbereich",), "target_group": ("Zielgruppen", "Adressaten", "Teilnehmende"),
        "municipality": ("Ort", "Stadt", "Veranstaltungsort"),
    },
}
# Parts of a person's name, joined into ``name`` in this order ("Dr. Ayşe Yılmaz").
NAME_PARTS = ("academic_title", "first_name", "last_name")
LEFT_OUT = {fold("Anrede"): " (die Anrede wird nicht gespeichert)"}

# Required in a record, but not in a file: a later step fills them (ids, the importing centre).
NOT_REQUIRED_IN_FILES = {("organisations", "id"), ("persons", "id"), ("positions", "id"), ("networks", "id"),
                         ("offers", "id"), ("cooperations", "from_id"), ("positions", "centre_id"),
                         ("networks", "centre_id"), ("offers", "provider_id")}
HEADER_SEARCH = 15  # non-empty rows in which the header row is looked for
