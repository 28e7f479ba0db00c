"""Data for the external evaluation of the funding programme: counts per centre and year,
without any personal data (issue 20; ``docs/evaluation-export.md`` documents every column).

Each year is a period from 1 January to its reference day, 31 December (today for the current
year): stocks are counted on the reference day, flows (begun, ended) within the period. Six
queries read every centre and every year at once (``UNWIND $periods``); the check runs once per
reference day for all centres, with the rule set in force that day (``requirement.check``
without a rule set), and every check row names it.

Only counts leave: no person, and no organisation's name either (a small MSO could be
recognised by its name beside the counts). The centres are named: they are public bodies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from kiz_graph.check import requirement
from kiz_graph.errors import Problem, ValidationError
from kiz_graph.records.vocabulary import vocabulary
from kiz_graph.reports.figures import FIRST_YEAR  # the first full year of the centres
from kiz_graph.store.db import Database

TEXT, INTEGER, DECIMAL, DATE = "Text", "Ganzzahl", "Dezimalzahl", "Datum (JJJJ-MM-TT)"
COUNT, FTE, NONE = "Anzahl", "Vollzeitäquivalente (VZÄ)", "–"


@dataclass(frozen=True)
class Column:
    """One column of a table, as the codebook describes it (meaning in German)."""

    name: str
    meaning: str
    type: str = INTEGER
    unit: str = COUNT
    source: str = ""


@dataclass(frozen=True)
class Table:
    name: str  # the file (``name.csv``) or sheet
    title: str  # what it holds, in German
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


@dataclass(frozen=True)
class Period:
    year: int
    start: dt.date
    day: dt.date  # the reference day: 31 December, or today in the current year


# Parameters and checks ---------------------------------------------------------------------

def year_range(first, last, *, today: dt.date | None = None, names: tuple[str, str] = ("von", "bis")
               ) -> tuple[int, int]:
    """The years asked for, checked: from 2013 to the current year, the first not after the
    last. An empty value means 2013 or the current year; a wrong one is a German
    :class:`ValidationError` naming the argument as the caller calls it (``names``)."""
    this_year = (today or dt.date.today()).year
    problems: list[Problem] = []
    years = []
    for name, value, default in zip(names, (first, last), (FIRST_YEAR, this_year)):
        year = _year(name, value, default, problems)
        if year is not None and not FIRST_YEAR <= year <= this_year:
            problems.append(Problem(name, f"{year} liegt nicht zwischen {FIRST_YEAR} (dem ersten Jahr der "
                                          f"Zentren) und {this_year} (dem laufenden Jahr)."))
        years.append(year)
    if not problems and years[0] > years[1]:
        problems.append(Problem(names[0], f"Das erste Jahr ({years[0]}) liegt nach dem letzten ({years[1]})."))
    if problems:
        raise ValidationError(problems)
    return years[0], years[1]


def _year(name: str, value, default: int, problems: list[Problem]) -> int | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        problems.append(Problem(name, f"„{text[:20]}“ ist keine Jahreszahl (vierstellig, z. B. {FIRST_YEAR})."))
        return None
    return int(text)


def periods(first: int, last: int, today: dt.date | None = None) -> list[Period]:
    today = today or dt.date.today()
    return [Period(year, dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)) for year in range(first, last + 1)]


# The tables' columns -------------------------------------------------------------------------

def snake(key: str) -> str:
    """A vocabulary key as part of an ASCII snake_case column name (``MigrantOrganisation`` →
    ``migrant_organisation``)."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()
    text = text.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _choices(name: str) -> list[tuple[str, str]]:
    """(key, German name) of a vocabulary, in its order."""
    words = vocabulary(name)
    return [(key, words.german(key)) for key in words.keys]


COOPERATION = "(:Centre)-[:COOPERATES_WITH]->(:Organisation)"
CENTRE_COLUMNS = (
    Column("centre_id", "Kennung des Kommunalen Integrationszentrums (ki- und Regionalschlüssel)", TEXT, NONE,
           "Centre.id"),
    Column("centre_name", "Name des Zentrums", TEXT, NONE, "Centre.name"),
)
REGION = "(:Centre)-[:SERVES]->(:Region)"
REGION_NAME = Column("region_name", "Kreis oder kreisfreie Stadt, für die das Zentrum zuständig ist", TEXT, NONE,
                     f"Region.name über {REGION}")
DISTRICT = Column("district", "Regierungsbezirk der Region", TEXT, NONE, f"Region.district über {REGION}")
YEAR_COLUMNS = (
    *CENTRE_COLUMNS, REGION_NAME, DISTRICT,
    Column("year", "Berichtsjahr", INTEGER, "Kalenderjahr", "gewählter Zeitraum"),
    Column("reference_date", "Stichtag der Bestände: 31.12. des Jahres, im laufenden Jahr der Tag des Exports; "
                             "Zu- und Abgänge zählen vom 1.1. bis zu diesem Tag", DATE, NONE, "gewählter Zeitraum"),
)


def _by(prefix: str, vocabulary_name: str, what: str, source: str, none: str | None = None) -> list[Column]:
    columns = [Column(f"{prefix}_{snake(key)}", f"{what} „{german}“", source=source)
               for key, german in _choices(vocabulary_name)]
    if none:
        columns.append(Column(f"{prefix}_none", none, source=source))
    return columns


ACTIVE, OFFERS = "Aktive Kooperationen am Stichtag", "Angebote des Zentrums am Stichtag"
OFFER = "(:Centre)-[:OFFERS]->(:Offer)"
MEMBER = "(:Organisation)-[:MEMBER_OF]->(:Network)"
IN_YEAR = "Im Jahr (bis zum Stichtag)"
#: Meaning and source of each count column that is not one per value of a vocabulary.
COUNTS = {
    "cooperations_active": (f"{ACTIVE} (begonnen und nicht vor dem Stichtag beendet; das Ende am Stichtag "
                            "zählt noch)", f"{COOPERATION}: since, until"),
    "cooperations_started": (f"{IN_YEAR} begonnene Kooperationen", f"{COOPERATION}: since"),
    "cooperations_ended": (f"{IN_YEAR} beendete Kooperationen", f"{COOPERATION}: until"),
    "partners_active": ("Organisationen, mit denen das Zentrum am Stichtag aktiv kooperiert (jede einmal, auch "
                        "bei mehreren Kooperationsformen)", f"{COOPERATION}: since, until"),
    "offers_active": (f"{OFFERS} (nicht vor dem Stichtag beendet; Angebote haben kein erfasstes Anfangsdatum)",
                      f"{OFFER}: until"),
    "offers_ended": (f"{IN_YEAR} beendete Angebote des Zentrums", f"{OFFER}: until"),
    "networks_active": ("Koordinierte Netzwerke am Stichtag (nicht vor ihm beendet; Netzwerke haben kein "
                        "erfasstes Anfangsdatum)", "(:Centre)-[:COORDINATES]->(:Network): until"),
    "networks_ended": (f"{IN_YEAR} beendete koordinierte Netzwerke", "Network.until"),
    "memberships_active": ("Mitgliedschaften in diesen Netzwerken am Stichtag (eine Organisation in zwei "
                           "Netzwerken: zwei)", f"{MEMBER}: since, until"),
    "member_organisations_active": ("Verschiedene Organisationen, die am Stichtag Mitglied in mindestens einem "
                                    "dieser Netzwerke sind", f"{MEMBER}: since, until"),
    "memberships_started": (f"{IN_YEAR} begonnene Mitgliedschaften (ohne erfasstes Beginndatum nicht gezählt)",
                            f"{MEMBER}: since"),
    "memberships_ended": (f"{IN_YEAR} beendete Mitgliedschaften", f"{MEMBER}: until"),
    "positions_active": ("Stellen des Zentrums am Stichtag (nicht vor ihm beendet)",
                         "(:Centre)-[:HAS_POSITION]->(:Position): until"),
}
RULES = "seeds/rules/<Regelwerk>.json"
RULE_SET = Column("rule_set", "Regelwerk, nach dem am Stichtag geprüft wurde (das an dem Tag geltende Recht)",
                  TEXT, NONE, "requirement.check: rule_set.name")
CHECK_COLUMNS = (
    RULE_SET,
    Column("rule_id", "Kennung der Regel im Regelwerk (gleiche Kennung in zwei Regelwerken: nicht unbedingt "
                      "dieselbe Regel)", TEXT, NONE, f"{RULES}: id"),
    Column("rule_title", "Die Regel in Worten", TEXT, NONE, f"{RULES}: title"),
    Column("severity", "Verbindlichkeit: Pflicht oder Soll", TEXT, NONE, f"{RULES}: severity"),
    Column("status", "Ergebnis: met (erfüllt), not_met (nicht erfüllt), unknown (unbekannt: Daten fehlen), "
                     "not_applicable (entfällt)", TEXT, NONE, "requirement.check"),
)


def _counts(*names: str) -> list[Column]:
    return [Column(name, *COUNTS[name][:1], source=COUNTS[name][1]) for name in names]


def layout() -> dict[str, tuple[str, tuple[Column, ...]]]:
    """Every table's German title and columns, in file order (the codebook is written from it)."""
    centres = (*CENTRE_COLUMNS,
               Column("region_ags", "Amtlicher Gemeindeschlüssel der Region", TEXT, NONE,
                      f"Region.ags über {REGION}"),
               REGION_NAME,
               Column("region_kind", "Art der Region: Kreis oder kreisfreie Stadt", TEXT, NONE,
                      f"Region.kind über {REGION}"),
               DISTRICT,
               Column("opened_on", "Eröffnung des Zentrums, soweit erfasst (leer: nicht erfasst)", DATE, NONE,
                      "Centre.opened_on"))
    cooperations = [
        *_counts("cooperations_active", "cooperations_started", "cooperations_ended", "partners_active"),
        *_by("type", "organisation_types", f"{ACTIVE} mit Partnern des Typs", f"{COOPERATION}; Organisation.type"),
        *_by("form", "cooperation_forms", f"{ACTIVE} in der Form", f"{COOPERATION}: form"),
        *_by("field", "fields_of_action", f"{ACTIVE} im Handlungsfeld (Angabe der Kooperation; mehrere Felder: in "
                                          "jedem gezählt)", f"{COOPERATION}: fields",
             none=f"{ACTIVE} ohne Angabe eines Handlungsfelds")]
    offers = [
        *_counts("offers_active", "offers_ended"),
        *_by("task", "tasks", f"{OFFERS} zur Aufgabe", "Offer.task", none=f"{OFFERS} ohne Aufgabe"),
        *_by("field", "fields_of_action", f"{OFFERS} im Handlungsfeld (mehrere Felder: in jedem gezählt)",
             "(:Offer)-[:IN_FIELD]->(:FieldOfAction)", none=f"{OFFERS} ohne Handlungsfeld"),
        *_by("stage", "education_stages", f"{OFFERS} für die Bildungsstufe (mehrere: in jeder gezählt)",
             "(:Offer)-[:FOR_STAGE]->(:EducationStage)", none=f"{OFFERS} ohne Bildungsstufe")]
    networks = _counts("networks_active", "networks_ended", "memberships_active", "member_organisations_active",
                       "memberships_started", "memberships_ended")
    positions = [*_counts("positions_active"),
                 Column("fte_active", "Stellenanteile dieser Stellen zusammen", DECIMAL, FTE, "Position.fte"),
                 *_pairs("profession", "professions", "der Profession", "Position.profession"),
                 *_pairs("funding", "funding", "mit der Finanzierung", "Position.funding")]
    results = [(severity, status, german) for severity in ("Pflicht", "Soll")
               for status, german in requirement.STATUS_DE.items()]
    check_counts = [RULE_SET, *[Column(f"{severity.lower()}_{status}", f"{severity}-Regeln mit dem Ergebnis "
                                       f"„{german}“", source="requirement.check: severity, status")
                                for severity, status, german in results]]
    per_year = {
        "kooperationen": ("Kooperationen der Zentren je Jahr: Bestand am Stichtag, Beginn und Ende im Jahr",
                          cooperations),
        "angebote": ("Angebote der Zentren je Jahr nach Aufgabe, Handlungsfeld und Bildungsstufe", offers),
        "netzwerke": ("Vom Zentrum koordinierte Netzwerke und ihre Mitglieder je Jahr", networks),
        "stellen": ("Stellen der Zentren je Jahr nach Profession und Finanzierung: Stellen, nicht Personen",
                    positions),
        "pruefung_summen": ("Prüfung des Kooperationsgebots am Stichtag: Regeln je Pflicht/Soll und Ergebnis",
                            check_counts),
        "pruefung": ("Prüfung des Kooperationsgebots am Stichtag: eine Zeile je Zentrum, Jahr und Regel",
                     CHECK_COLUMNS),
    }
    return {"zentren": ("Die Kommunalen Integrationszentren (eine Zeile je Zentrum)", centres),
            **{name: (title, (*YEAR_COLUMNS, *columns)) for name, (title, columns) in per_year.items()}}


def _pairs(prefix: str, vocabulary_name: str, what: str, source: str) -> list[Column]:
    """A count and an FTE column for each value of a vocabulary."""
    columns = []
    for key, german in _choices(vocabulary_name):
        columns.append(Column(f"{prefix}_{snake(key)}_positions", f"Stellen {what} „{german}“", source=source))
        columns.append(Column(f"{prefix}_{snake(key)}_fte", f"Stellenanteile der Stellen {what} „{german}“",
                              DECIMAL, FTE, f"{source}, Position.fte"))
    return columns


# The figures -------------------------------------------------------------------------------

def tables(db: Database, first: int, last: int, today: dt.date | None = None) -> list[Table]:
    """Every table of the export for the years ``first`` to ``last`` (checked by :func:`year_range`)."""
    spans = periods(first, last, today)
    params = [{"year": p.year, "start": p.start, "day": p.day} for p in spans]
    centres = db.read("reports/evaluation/centres")
    counts: dict[str, dict[tuple[str, int], defaultdict]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    _count_cooperations(db, params, counts["kooperationen"])
    _count_offers(db, params, counts["angebote"])
    _count_networks(db, params, counts["netzwerke"])
    _count_positions(db, params, counts["stellen"])
    checks = _checks(db, spans, counts["pruefung_summen"])
    built = []
    for name, (title, columns) in layout().items():
        if name == "zentren":
            rows = [tuple(centre[column.name] for column in columns) for centre in centres]
        elif name == "pruefung":
            rows = [_key(centre, period) + tuple(finding) for centre in centres for period in spans
                    for finding in checks.get((centre["centre_id"], period.year), ())]
        else:
            figures = counts[name]
            rows = [_key(centre, period) + tuple(_value(figures[(centre["centre_id"], period.year)], column)
                                                  for column in columns[len(YEAR_COLUMNS):])
                    for centre in centres for period in spans]
        built.append(Table(name, title, columns, tuple(rows)))
    return built


def _key(centre: dict, period: Period) -> tuple:
    return (centre["centre_id"], centre["centre_name"], centre["region_name"], centre["district"], period.year,
            period.day.isoformat())


def _value(figures: dict, column: Column):
    value = figures.get(column.name, "" if column.type == TEXT else 0)
    return round(value, 3) if column.type == DECIMAL else value


def _count_cooperations(db: Database, params: list[dict], counts) -> None:
    for row in db.read("reports/evaluation/cooperations", periods=params):
        figures, n = counts[(row["centre"], row["year"])], row["n"]
        figures["cooperations_started"] += n if row["started"] else 0
        figures["cooperations_ended"] += n if row["ended"] else 0
        if row["active"]:
            figures["cooperations_active"] += n
            figures[f"type_{snake(row['type'] or '')}"] += n
            figures[f"form_{snake(row['form'] or '')}"] += n
            _count_each(figures, "field", row["fields"], n)
    for row in db.read("reports/evaluation/partners", periods=params):
        counts[(row["centre"], row["year"])]["partners_active"] = row["partners"]


def _count_each(figures: dict, prefix: str, keys: list[str], n: int) -> None:
    """Counts ``n`` under each key once (``prefix_none`` without any)."""
    for key in set(keys) or {"none"}:
        figures[f"{prefix}_{snake(key)}"] += n


def _count_offers(db: Database, params: list[dict], counts) -> None:
    for row in db.read("reports/evaluation/offers", periods=params):
        figures, n = counts[(row["centre"], row["year"])], row["n"]
        figures["offers_ended"] += n if row["ended"] else 0
        if row["active"]:
            figures["offers_active"] += n
            _count_each(figures, "task", [row["task"]] if row["task"] else [], n)
            _count_each(figures, "field", row["fields"], n)
            _count_each(figures, "stage", row["stages"], n)


def _count_networks(db: Database, params: list[dict], counts) -> None:
    members: dict[tuple[str, int], set] = defaultdict(set)
    for row in db.read("reports/evaluation/networks", periods=params):
        key = (row["centre"], row["year"])
        figures = counts[key]
        figures["networks_active"] += 1 if row["active"] else 0
        figures["networks_ended"] += 1 if row["ended"] else 0
        figures["memberships_active"] += len(row["members"])
        figures["memberships_started"] += row["joined"]
        figures["memberships_ended"] += row["left"]
        members[key].update(row["members"])
    for key, organisations in members.items():
        counts[key]["member_organisations_active"] = len(organisations)


def _count_positions(db: Database, params: list[dict], counts) -> None:
    for row in db.read("reports/evaluation/positions", periods=params):
        figures, n, fte = counts[(row["centre"], row["year"])], row["n"], row["fte"]
        figures["positions_active"] += n
        figures["fte_active"] += fte
        for prefix, key in (("profession", row["profession"]), ("funding", row["funding"])):
            figures[f"{prefix}_{snake(key or '')}_positions"] += n
            figures[f"{prefix}_{snake(key or '')}_fte"] += fte


def _checks(db: Database, spans: list[Period], counts) -> dict[tuple[str, int], list[tuple]]:
    """The check on each reference day, for all centres at once and by the rule set in force
    that day: the long rows (rule set, rule, title, severity, status) per centre and year, and
    the counts per severity and status into ``counts``."""
    found: dict[tuple[str, int], list[tuple]] = {}
    for period in spans:
        report = requirement.check(db, as_of=period.day)
        for centre in report.centres:
            key = (centre.id, period.year)
            counts[key]["rule_set"] = report.rule_set.name
            found[key] = []
            for finding in centre.findings:
                rule, status = finding.rule, finding.outcome.status
                counts[key][f"{rule.severity.lower()}_{status}"] += 1
                found[key].append((report.rule_set.name, rule.id, rule.title, rule.severity, status))
    return found
