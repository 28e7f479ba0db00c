"""The figures of the yearly reports, computed once for one centre or all of them.

A year's figures come from a handful of set queries over every centre (posts,
cooperations, networks with their members, offers) and the rule check on 31 December of the
year and of the year before; the Sachbericht of a centre is that centre's slice of the very
figures the statewide report puts side by side. Each figure is counted in one place here:

- **posts** on 31 December (not ended before it), counted as posts and FTE, never by person;
- **cooperations** started (``since`` in the year) and ended (``until`` in the year), by
  partner type and form, and those active on 31 December (begun and not ended before it);
- **networks** the centre coordinates that had not ended before 1 January: members on 31
  December, joined (``since``) and left (``until``) in the year;
- **offers** of the year: not ended before 1 January (an offer records no start), by task,
  field of action and stage of the Bildungskette;
- the **check** on 31 December of the year and of the year before, with the law applied.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from kiz_graph import german
from kiz_graph.check import requirement
from kiz_graph.check.requirement import CentreReport, Report
from kiz_graph.errors import ReportYearError
from kiz_graph.store.db import Database

FIRST_YEAR = 2013  # the first full year of the centres (the concept paper is of 2012)
NO_TASK = "ohne_aufgabe"  # offers without a task are counted under this key


def check_year(value, today: dt.date | None = None) -> int:
    """The report year from text or a number: 2013 up to the current year, else a German error."""
    latest = (today or dt.date.today()).year
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ReportYearError(f"Jahr: „{text[:20]}“ ist keine Jahreszahl (vierstellig, {FIRST_YEAR} bis {latest}).")
    year = int(text)
    if year < FIRST_YEAR:
        raise ReportYearError(f"Jahr: {year} liegt vor {FIRST_YEAR}, dem ersten Berichtsjahr der Zentren.")
    if year > latest:
        raise ReportYearError(f"Jahr: {year} liegt in der Zukunft (spätestens {latest}).")
    return year


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _in_year(day: dt.date | None, year: int) -> bool:
    return day is not None and day.year == year


def _active(since: dt.date | None, until: dt.date | None, day: dt.date) -> bool:
    """Begun on or before ``day`` (no start: always) and not ended before it."""
    return (since is None or since <= day) and (until is None or until >= day)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass
class Staffing:
    """Posts on 31 December by profession and funding, and the staffing rule's targets."""

    posts: Counter = field(default_factory=Counter)  # (profession, funding) -> number of posts
    fte: Counter = field(default_factory=Counter)  # (profession, funding) -> FTE
    roles: Counter = field(default_factory=Counter)  # lead/deputy -> number of posts
    targets: dict = field(default_factory=dict)  # the staffing rule's params (empty: no such rule)

    @property
    def total_posts(self) -> int:
        return sum(self.posts.values())

    @property
    def total_fte(self) -> float:
        return round(sum(self.fte.values()), 2)

    def fte_of(self, *, profession: str | None = None, funding: str | None = None) -> float:
        return round(sum(v for (p, f), v in self.fte.items()
                         if profession in (None, p) and funding in (None, f)), 2)

    def posts_of(self, *, profession: str | None = None, funding: str | None = None) -> int:
        return sum(v for (p, f), v in self.posts.items() if profession in (None, p) and funding in (None, f))

    def comparison(self) -> list[dict]:
        """Each target of the staffing rule beside what the centre has: ``{what, has, target, kind, met}``
        (``kind`` ``min`` or ``max``)."""
        p = self.targets
        if not p:
            return []
        from kiz_graph.records.vocabulary import vocabulary

        professions = vocabulary("professions")
        teachers = {"profession": p["teacher_profession"], "funding": p["teacher_funding"]}
        rows = [("Abgeordnete Lehrkräfte (Stellen)", self.posts_of(**teachers), p["min_teachers"], "min"),
                ("Abgeordnete Lehrkräfte (Stellenanteile)", self.fte_of(**teachers), p["min_teacher_fte"], "min"),
                ("Landesgeförderte kommunale Stellenanteile", self.fte_of(funding=p["municipal_funding"]),
                 p["max_municipal_fte"], "max")]
        rows += [(f"Landesgefördert: {professions.german(profession)} (Stellenanteile)",
                  self.fte_of(profession=profession, funding=p["municipal_funding"]), limit, "max")
                 for profession, limit in p["max_fte_by_profession"].items()]
        return [{"what": what, "has": has, "target": target, "kind": kind,
                 "met": has >= target if kind == "min" else has <= target} for what, has, target, kind in rows]


@dataclass
class Cooperations:
    started: Counter = field(default_factory=Counter)  # (partner type, form) -> number
    ended: Counter = field(default_factory=Counter)
    active: int = 0  # on 31 December

    def by(self, index: int) -> dict[str, tuple[int, int]]:
        """Started and ended by partner type (``index`` 0) or form (1)."""
        keys = sorted({key[index] for key in self.started | self.ended})
        return {key: (sum(v for k, v in self.started.items() if k[index] == key),
                      sum(v for k, v in self.ended.items() if k[index] == key)) for key in keys}


@dataclass(frozen=True)
class NetworkYear:
    name: str
    members: int  # on 31 December
    joined: int
    left: int


@dataclass
class Offers:
    count: int = 0
    tasks: Counter = field(default_factory=Counter)
    fields: Counter = field(default_factory=Counter)
    stages: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class CheckYear:
    """The check on 31 December of the year and of the year before, for one centre."""

    report: CentreReport
    previous: CentreReport | None
    rule_set_title: str
    previous_rule_set_title: str

    def open_gaps(self) -> list[str]:
        return [f.rule.id for f in self.report.open_pflicht_gaps()]

    def previous_gaps(self) -> list[str]:
        return [f.rule.id for f in self.previous.open_pflicht_gaps()] if self.previous else []

    def statuses(self) -> Counter:
        return Counter(f.outcome.status for f in self.report.findings)

    def rows(self) -> list[dict]:
        """Per rule of the year's rule set: the status on both days (None: the rule was not checked then)."""
        before = {f.rule.id: f.outcome.status for f in self.previous.findings} if self.previous else {}
        return [{"rule": f.rule.id, "title": f.rule.title, "severity": f.rule.severity,
                 "status": f.outcome.status, "previous": before.get(f.rule.id)} for f in self.report.findings]


@dataclass
class CentreFigures:
    id: str
    name: str
    district: str
    year: int
    staffing: Staffing
    cooperations: Cooperations
    networks: list[NetworkYear]
    offers: Offers
    check: CheckYear
    trend: dict[int, dict] = field(default_factory=dict)  # year -> {"active_cooperations", "offers"}

    def numbers(self) -> dict[str, float | int]:
        """The figures compared across centres (keys of :data:`NUMBERS`)."""
        s, k, o = self.staffing, self.cooperations, self.offers
        return {
            "posts": s.total_posts, "fte": s.total_fte,
            "teacher_fte": s.fte_of(profession="teacher", funding="state_secondment"),
            "grant_fte": s.fte_of(funding="state_grant"),
            "started": sum(k.started.values()), "ended": sum(k.ended.values()), "active": k.active,
            "networks": len(self.networks), "members": sum(n.members for n in self.networks),
            "joined": sum(n.joined for n in self.networks), "left": sum(n.left for n in self.networks),
            "offers": o.count, "tasks": len([t for t in o.tasks if t != NO_TASK]),
            "fields": len(o.fields), "stages": len(o.stages),
            "gaps": len(self.check.open_gaps()), "previous_gaps": len(self.check.previous_gaps()),
            "met": self.check.statuses()["met"],
        }


#: The figures compared across centres, by section, with their German headings.
SECTIONS: dict[str, dict[str, str]] = {
    "Personal": {"posts": "Stellen", "fte": "Stellenanteile (VZÄ)", "teacher_fte": "Abgeordnete Lehrkräfte (VZÄ)",
                 "grant_fte": "Landesgeförderte Stellen (VZÄ)"},
    "Kooperationen": {"started": "Begonnen", "ended": "Beendet", "active": "Aktiv am 31.12."},
    "Netzwerke": {"networks": "Netzwerke", "members": "Mitglieder am 31.12.", "joined": "Beigetreten",
                  "left": "Ausgetreten"},
    "Angebote": {"offers": "Angebote", "tasks": "Aufgaben abgedeckt (von 14)", "fields": "Handlungsfelder abgedeckt",
                 "stages": "Bildungsstufen abgedeckt"},
    "Prüfung": {"gaps": "Offene Pflicht-Lücken am 31.12.", "previous_gaps": "Offene Pflicht-Lücken Vorjahr",
                "met": "Regeln erfüllt"},
}
NUMBERS = {key: heading for section in SECTIONS.values() for key, heading in section.items()}


@dataclass
class Statewide:
    year: int
    centres: list[CentreFigures]
    medians: dict[str, float | int]
    trend: list[dict]  # per year: year, rule_set, active_cooperations, centres_with_gaps, offers
    rule_set_title: str


def centre_figures(db: Database, centre: str, year: int) -> CentreFigures:
    """The Sachbericht's figures of one centre (an unknown centre: ``UnknownCentreError``)."""
    return _figures(db, year, centre)[0][0]


def statewide_figures(db: Database, year: int) -> Statewide:
    """Every centre's figures of the year, their medians and the statewide trend since 2013
    (one check of all centres per earlier year; the year and the one before are checked in :func:`_figures`)."""
    centres, report, before = _figures(db, year, None)
    checked_in = {year: report, year - 1: before}
    medians = {key: german.median([c.numbers()[key] for c in centres]) for key in NUMBERS}
    trend = []
    for y in range(FIRST_YEAR, year + 1):
        checked = checked_in.get(y) or requirement.check(db, as_of=year_end(y))
        trend.append({"year": y, "rule_set": checked.rule_set.title,
                      "centres_with_gaps": sum(1 for c in checked.centres if c.open_pflicht_gaps()),
                      "active_cooperations": sum(c.trend[y]["active_cooperations"] for c in centres),
                      "offers": sum(c.trend[y]["offers"] for c in centres)})
    return Statewide(year, centres, medians, trend, report.rule_set.title)


def _figures(db: Database, year: int, centre: str | None) -> tuple[list[CentreFigures], Report, Report]:
    day, first_day = year_end(year), dt.date(year, 1, 1)
    now = requirement.check(db, centre=centre, as_of=day)  # raises UnknownCentreError for an unknown centre
    before = requirement.check(db, centre=centre, as_of=year_end(year - 1))
    previous = {c.id: c for c in before.centres}
    targets = _staffing_targets(now)
    params = {"centre": centre, "day": day, "first_day": first_day}
    positions = _rows(db, "check/facts/positions", params)
    cooperations = _rows(db, "check/facts/cooperations", params)
    networks = _rows(db, "reports/networks", params)
    offers = _rows(db, "reports/offers", params)
    result = []
    for c in now.centres:
        check = CheckYear(c, previous.get(c.id), now.rule_set.title, before.rule_set.title)
        result.append(CentreFigures(
            id=c.id, name=c.name, district=c.district, year=year,
            staffing=_staffing(positions.get(c.id, []), targets),
            cooperations=_cooperations(cooperations.get(c.id, []), year),
            networks=_networks(networks.get(c.id, []), year), offers=_offers(offers.get(c.id, []), year),
            check=check, trend=_trend(cooperations.get(c.id, []), offers.get(c.id, []), year)))
    return result, now, before


def _rows(db: Database, query: str, params: dict) -> dict[str, list]:
    return {row["centre"]: row["rows"] for row in db.read(query, **params)}


def _staffing_targets(report: Report) -> dict:
    return next((rule.params for rule in report.rule_set.rules if rule.kind == "staffing"), {})


def _staffing(rows: list, targets: dict) -> Staffing:
    staffing = Staffing(targets=targets)
    for _id, profession, fte, funding, role, _holder in rows:  # the holder stays out of the report
        staffing.posts[(profession, funding)] += 1
        staffing.fte[(profession, funding)] += fte or 0
        if role:
            staffing.roles[role] += 1
    return staffing


def _cooperations(rows: list, year: int) -> Cooperations:
    result = Cooperations()
    for _id, _name, type_, form, since, until, _fields in rows:
        since, until = _date(since), _date(until)
        if _in_year(since, year):
            result.started[(type_, form)] += 1
        if _in_year(until, year):
            result.ended[(type_, form)] += 1
        result.active += _active(since, until, year_end(year))
    return result


def _networks(rows: list, year: int) -> list[NetworkYear]:
    result = []
    for name, members in rows:
        periods = [(_date(since), _date(until)) for since, until in members]
        result.append(NetworkYear(name, members=sum(_active(s, u, year_end(year)) for s, u in periods),
                                  joined=sum(_in_year(s, year) for s, _ in periods),
                                  left=sum(_in_year(u, year) for _, u in periods)))
    return result


def _offered(until: str | None, year: int) -> bool:
    """An offer counts for a year unless it ended before the year began."""
    return until is None or _date(until) >= dt.date(year, 1, 1)


def _offers(rows: list, year: int) -> Offers:
    result = Offers()
    for task, until, fields_, stages in rows:
        if _offered(until, year):
            result.count += 1
            result.tasks[task or NO_TASK] += 1
            result.fields.update(fields_)
            result.stages.update(stages)
    return result


def _trend(cooperations: list, offers: list, year: int) -> dict[int, dict]:
    return {y: {"active_cooperations": sum(_active(_date(k[4]), _date(k[5]), year_end(y)) for k in cooperations),
                "offers": sum(_offered(f[1], y) for f in offers)} for y in range(FIRST_YEAR, year + 1)}
