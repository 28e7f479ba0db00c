"""Checking the cooperation requirement: findings per centre and rule, as of a day.

The facts for one centre or all 54 come from five set queries (centres, positions,
cooperations, region partners, offers), whatever the number of centres or rules; the
rules then judge in Python (``kiz_graph.check.rules``). The result has a stable JSON form:

    {"rule_set", "as_of", "centres": [{"id", "name", "findings": [
        {"rule", "severity", "status", "reference", "evidence", "suggestions", "title", "reason"}]}]}
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from kiz_graph import german
from kiz_graph.cells import csv_text
from kiz_graph.check.rules import CentreFacts, Outcome, Rule, RuleSet, evaluate_rule, in_force, load_rule_set
from kiz_graph.errors import UnknownCentreError
from kiz_graph.store.db import Database

#: The kinds of rule that are about partners, whose gaps a new cooperation closes.
PARTNER_RULE_KINDS = ("cooperates_with_type", "cooperates_with_all_of_type", "involved_from_start",
                      "cooperates_with_groups")


@dataclass(frozen=True)
class Finding:
    rule: Rule
    outcome: Outcome

    def as_json(self) -> dict:
        return {
            "rule": self.rule.id,
            "severity": self.rule.severity,
            "status": self.outcome.status,
            "reference": self.rule.reference,
            "evidence": self.outcome.evidence,
            "suggestions": self.outcome.suggestions,
            "title": self.rule.title,
            "reason": self.outcome.reason,
        }


@dataclass(frozen=True)
class CentreReport:
    id: str
    name: str
    region: str
    district: str
    findings: tuple[Finding, ...]

    def open_pflicht_gaps(self) -> list[Finding]:
        return [f for f in self.findings if f.rule.severity == "Pflicht" and f.outcome.status == "not_met"]

    def partner_gaps(self) -> list[Finding]:
        """The open Pflicht gaps about partners (:data:`PARTNER_RULE_KINDS`): the network page
        shows them, and the analysis suggests whom to ask."""
        return [f for f in self.open_pflicht_gaps() if f.rule.kind in PARTNER_RULE_KINDS]

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "findings": [finding.as_json() for finding in self.findings]}


@dataclass(frozen=True)
class Report:
    rule_set: RuleSet
    as_of: dt.date
    centres: tuple[CentreReport, ...]

    @property
    def in_force(self) -> bool:
        """Whether the rule set applied was the law in force on the day (not one asked for by name)."""
        return self.rule_set.in_force_on(self.as_of)

    def law(self) -> str:
        """The law applied, in words, for every output: its title, and a note when it was not in force."""
        return self.rule_set.title + ("" if self.in_force else f" (am {german.date(self.as_of)} nicht in Kraft)")

    def as_json(self) -> dict:
        return {
            "rule_set": self.rule_set.name,
            "as_of": self.as_of.isoformat(),
            "centres": [centre.as_json() for centre in self.centres],
        }

    def has_open_pflicht_gap(self) -> bool:
        return any(centre.open_pflicht_gaps() for centre in self.centres)


def check(db: Database, *, centre: str | None = None, as_of: dt.date | None = None,
          rule_set: str | None = None) -> Report:
    """Findings for one centre (by id) or all, as of a day (default today), under the rule set
    in force on that day (:func:`~kiz_graph.check.rules.in_force`) unless one is named."""
    day = as_of or dt.date.today()
    rules = load_rule_set(rule_set) if rule_set else in_force(day)
    facts = gather_facts(db, rules, day, centre)
    if centre is not None and not facts:
        raise UnknownCentreError(f"unknown centre {centre!r}")
    return Report(rules, day, tuple(evaluate(rules, f, day) for f in facts))


def gather_facts(db: Database, rules: RuleSet, day: dt.date, centre: str | None = None) -> list[CentreFacts]:
    """The facts the rules look at, for one centre or all, in five queries."""
    params = {"centre": centre, "day": day}
    facts = {row["id"]: CentreFacts(centre=row) for row in db.read("check/facts/centres", **params)}
    extra = {"check/facts/region_partners": {"types": rules.partner_types()}}
    for query, attribute in FACT_QUERIES.items():
        columns = FACT_COLUMNS[attribute]
        for row in db.read(query, **params, **extra.get(query, {})):
            if row["centre"] in facts:
                items = [_item(columns, values) for values in row["rows"]]
                setattr(facts[row["centre"]], attribute, items)
    return list(facts.values())


def dashboard(db: Database, centre: str, day: dt.date | None = None) -> dict | None:
    """The centre's start page: counts of its network and its open Pflicht gaps as of a day."""
    day = day or dt.date.today()
    rows = db.read("check/dashboard", centre=centre, day=day)
    if not rows:
        return None
    result = check(db, centre=centre, as_of=day)
    report = result.centres[0]
    return {**rows[0], "day": day, "gaps": report.open_pflicht_gaps(), "findings": report.findings,
            "rule_set": result.rule_set}


# Each fact query returns one row per centre holding compact lists in this column order.
FACT_QUERIES = {"check/facts/positions": "positions", "check/facts/cooperations": "cooperations",
                "check/facts/region_partners": "region_partners", "check/facts/offers": "offers"}
FACT_COLUMNS = {
    "positions": ("id", "profession", "fte", "funding", "role", "holder"),
    "cooperations": ("id", "name", "type", "form", "since", "until", "fields"),
    "region_partners": ("id", "name", "type", "fields"),
    "offers": ("id", "title", "fields", "stages", "task"),
}
DATE_COLUMNS = ("since", "until")


def _item(columns: tuple[str, ...], values: list) -> dict:
    item = dict(zip(columns, values))
    for column in DATE_COLUMNS:
        if item.get(column) is not None:
            item[column] = dt.date.fromisoformat(item[column])
    return item


def evaluate(rules: RuleSet, facts: CentreFacts, day: dt.date) -> CentreReport:
    c = facts.centre
    findings = tuple(Finding(rule, evaluate_rule(rule, rules, facts, day)) for rule in rules.rules)
    return CentreReport(c["id"], c["name"], c["region"], c["district"], findings)


STATUS_DE = {"met": "erfüllt", "not_met": "nicht erfüllt", "unknown": "unbekannt", "not_applicable": "entfällt"}


def as_table(report: Report) -> str:
    """A plain-text matrix: one line per centre, one column per rule."""
    symbols = {"met": "✓", "not_met": "✗", "unknown": "?", "not_applicable": "–"}
    rule_ids = [rule.id for rule in report.rule_set.rules]
    width = max([len(c.name) for c in report.centres] + [10])
    lines = [
        f"Regelwerk {report.rule_set.name}, Stand {german.date(report.as_of)}: {report.law()}",
        "✓ erfüllt  ✗ nicht erfüllt  ? unbekannt  – entfällt",
        f"{'Zentrum':<{width}}  " + " ".join(f"{rid[-2:]:>2}" for rid in rule_ids) + "  Pflicht-Lücken",
    ]
    for centre in report.centres:
        cells = " ".join(f"{symbols[f.outcome.status]:>2}" for f in centre.findings)
        gaps = ", ".join(f.rule.id for f in centre.open_pflicht_gaps()) or "-"
        lines.append(f"{centre.name:<{width}}  {cells}  {gaps}")
    if len(report.centres) == 1:
        lines.append("")
        for finding in report.centres[0].findings:
            lines.append(f"{finding.rule.id} ({finding.rule.severity}) {STATUS_DE[finding.outcome.status]}: {finding.outcome.reason}")
            for suggestion in finding.outcome.suggestions:
                lines.append(f"    → {suggestion['text']}")
    return "\n".join(lines)


def as_csv(report: Report) -> str:
    """One row per centre and rule."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["centre_id", "centre", "rule", "severity", "status", "reference", "reason", "suggestions",
                     "rule_set"])
    for centre in report.centres:
        for finding in centre.findings:
            writer.writerow([csv_text(value) for value in (
                centre.id, centre.name, finding.rule.id, finding.rule.severity, finding.outcome.status,
                finding.rule.reference, finding.outcome.reason,
                " | ".join(s["text"] for s in finding.outcome.suggestions), report.rule_set.name,
            )])
    return out.getvalue()
