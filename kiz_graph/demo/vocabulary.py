"""The words and days every part of the demo shares: exchange files, rules, vocabulary keys."""

from __future__ import annotations

from datetime import date, timedelta

from kiz_graph.check.rules import load_rule_set

FILES = (
    "centres",
    "organisations",
    "persons",
    "cooperations",
    "positions",
    "networks",
    "network_members",
    "offers",
)
RULES = tuple(f"KI-{i:02d}" for i in range(1, 14))
CORE_FIELDS = ("bildung", "erziehung_betreuung", "sprachliche_interkulturelle_bildung")
FIELDS = CORE_FIELDS + (
    "beschaeftigung",
    "kultur",
    "sport",
    "politische_partizipation",
    "buergerschaftliches_engagement",
    "gesundheit",
    "pflege_aelterer_menschen",
)
STAGES = (
    "fruehe_bildung",
    "primarstufe",
    "sekundarstufe_1",
    "sekundarstufe_2",
    "uebergang_ausbildung",
    "uebergang_studium",
)
TASKS = (
    "koordination_angebote",
    "netzwerke",
    "konzepte_projekte",
    "mitwirkung_beteiligung",
    "beratung_einrichtungen",
    "beratung_kinder_eltern",
    "ganztag",
    "integrationshilfen",
    "herkunftssprachlicher_unterricht",
    "elternarbeit",
    "lernmaterialien",
    "fortbildung",
    "veranstaltungen",
    "erfahrungstransfer",
)
ORGANISATION_TYPES = (
    "MigrantOrganisation",
    "WelfareAssociation",
    "BamfCoordinator",
    "FundedStructure",
    "SchoolSupervision",
    "SchoolAdministration",
    "YouthWelfare",
    "IntegrationCouncil",
    "School",
    "Daycare",
    "EducationProvider",
    "Authority",
    "CoordinationOffice",
    "VolunteerInitiative",
    "Other",
)

#: scale name -> multiplier on the statewide per-type totals (seeds/demo/organisation_types.csv)
SCALES = {"demo": 0.1, "statewide": 1.0, "10x": 10.0}

SHOWCASE_CENTRE = "ki-05978"  # Kreis Unna
GRANTING_AUTHORITY = load_rule_set("konzept-2012").granting_authority()[0]  # the rule set the demo is made for
LAST_DAY = date(2026, 6, 30)  # no generated date lies after this day (but gaps.PLANNED_DAY)
GDPR_DAY = date(2018, 5, 25)
STALE_BEFORE = date(2025, 11, 24)  # contacts before this day are older than 12 months
DAY = timedelta(days=1)

# Languages (besides German) that organisations work in and offers are held in.
COMMON_LANGUAGES = ("tr", "ar", "ru", "pl", "uk", "ku", "fa", "ro", "bg", "el", "it", "sq")
