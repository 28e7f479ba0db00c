"""The small network the report tests count by hand (tests/test_reports.py): seeds, Unna with
a handful of partners, cooperations begun and ended across 2023 and 2024, two networks, four
offers and five posts, and one cooperation of Dortmund."""

from __future__ import annotations

from kiz_graph.exchange import seeding
from kiz_graph.records import edits

UNNA, DORTMUND = "ki-05978", "ki-05913"
YEAR = 2024
HOLDER = "Erika Beispielfrau"  # holds a post: must not appear in any report


def build(db) -> None:
    seeding.seed(db)
    orgs = [("r-mso", "MigrantOrganisation", "Verein Brücke e. V.", "05978", {}),
            ("r-awo", "WelfareAssociation", "AWO Unna", "05978", {"federation": "AWO"}),
            ("r-gs", "School", "Gesamtschule Süd", "05978", {}),
            ("r-bamf", "BamfCoordinator", "BAMF Regionalkoordination Unna", "05978", {}),
            ("r-jmd", "FundedStructure", "Jugendmigrationsdienst Unna", "05978", {}),
            ("r-do", "MigrantOrganisation", "Kulturverein Dortmund", "05913", {})]
    for id_, type_, name, region, extra in orgs:
        edits.create(db, "organisations", {"id": id_, "name": name, "type": type_, "region": region, **extra})
    cooperations = [(UNNA, "r-mso", "Projekt", "2024-01-10", "2024-06-30"),
                    (UNNA, "r-mso", "Kooperationsvereinbarung", "2024-07-01", None),
                    (UNNA, "r-awo", "Netzwerk", "2022-01-01", None),
                    (UNNA, "r-gs", "Projekt", "2024-02-01", "2024-11-30"),
                    (UNNA, "r-bamf", "informell", "2023-05-01", "2023-12-31"),
                    (UNNA, "r-jmd", "Kooperationsvereinbarung", "2025-01-15", None),
                    (DORTMUND, "r-do", "Projekt", "2020-01-01", None)]
    for centre, to_id, form, since, until in cooperations:
        edits.create(db, "cooperations", {"from_id": centre, "to_id": to_id, "form": form, "since": since,
                                          "until": until})
    edits.create(db, "networks", {"id": "n-sprache", "name": "Netzwerk Sprachbildung", "centre_id": UNNA})
    edits.create(db, "networks", {"id": "n-eltern", "name": "Runder Tisch Eltern", "centre_id": UNNA,
                                  "until": "2023-06-30"})
    members = [("n-sprache", "r-mso", "2023-01-01", None), ("n-sprache", "r-awo", "2024-03-01", None),
               ("n-sprache", "r-gs", "2022-01-01", "2024-08-31"), ("n-sprache", "r-bamf", "2024-05-01", "2024-10-01"),
               ("n-eltern", "r-mso", "2022-01-01", None)]
    for network, org, since, until in members:
        edits.create(db, "network_members", {"network_id": network, "organisation_id": org, "since": since,
                                             "until": until})
    offers = [("f1", "Sprachcafé", "elternarbeit", "bildung|sprachliche_interkulturelle_bildung", "primarstufe", None),
              ("f2", "Seiteneinstieg", "beratung_kinder_eltern", "bildung", "sekundarstufe_1|sekundarstufe_2", None),
              ("f3", "Fortbildung DaZ", "fortbildung", "bildung", "", "2023-12-31"),
              ("f4", "Kita-Brücke", "elternarbeit", "erziehung_betreuung", "fruehe_bildung", "2024-09-30")]
    for id_, title, task, fields_, stages, until in offers:
        edits.create(db, "offers", {"id": id_, "title": title, "provider_id": UNNA, "task": task, "fields": fields_,
                                    "stages": stages, "until": until})
    edits.create(db, "persons", {"id": "p-holder", "name": HOLDER, "organisation_id": UNNA})
    posts = [("s1", "teacher", 1.0, "state_secondment", "lead", "p-holder"),
             ("s2", "teacher", 0.5, "state_secondment", None, None),
             ("s3", "educator", 1.0, "state_grant", "deputy", None),
             ("s4", "administration", 1.0, "state_grant", None, None),
             ("s5", "educator", 1.0, "municipal", None, None)]
    for id_, profession, fte, funding, role, person in posts:
        edits.create(db, "positions", {"id": id_, "centre_id": UNNA, "profession": profession, "fte": fte,
                                       "funding": funding, "role": role, "person_id": person,
                                       "until": "2023-06-30" if id_ == "s5" else None})
