"""The check of one centre on two days, side by side, also across a change of the law.

Under one rule set the rows pair each rule with itself. Across two sets (a range from 2021
into 2022), a rule of the later set that names its ``counterpart`` in the earlier one sits
beside it; the earlier set's rules no later rule continues are shown apart ("nur nach …"),
and so are the later set's rules without a counterpart ("neu seit …").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiz_graph import german
from kiz_graph.check import requirement
from kiz_graph.check.requirement import STATUS_DE, Finding, Report
from kiz_graph.store.db import Database


@dataclass(frozen=True)
class Comparison:
    before: Report
    after: Report
    pairs: tuple[tuple[Finding, Finding], ...]  # (earlier day's finding, later day's finding)
    only_before: tuple[Finding, ...]  # rules of the earlier set that no later rule continues
    only_after: tuple[Finding, ...]  # rules of the later set without a counterpart

    @property
    def law_changed(self) -> bool:
        return self.before.rule_set.name != self.after.rule_set.name

    def as_json(self) -> dict:
        def status(f: Finding) -> dict:
            return {"rule": f.rule.id, "severity": f.rule.severity, "status": f.outcome.status}

        centre = self.after.centres[0]
        return {
            "centre": {"id": centre.id, "name": centre.name},
            "from": {"as_of": self.before.as_of.isoformat(), "rule_set": self.before.rule_set.name},
            "to": {"as_of": self.after.as_of.isoformat(), "rule_set": self.after.rule_set.name},
            "pairs": [{"from": status(a), "to": status(b)} for a, b in self.pairs],
            "only_from": [status(f) for f in self.only_before],
            "only_to": [status(f) for f in self.only_after],
        }


def compare(db: Database, centre: str, day: dt.date, other: dt.date) -> Comparison:
    """One centre's check on two days (the earlier first), each under the law in force then."""
    first, last = sorted((day, other))
    before = requirement.check(db, centre=centre, as_of=first)
    after = requirement.check(db, centre=centre, as_of=last)
    return side_by_side(before, after)


def side_by_side(before: Report, after: Report) -> Comparison:
    old = {f.rule.id: f for f in before.centres[0].findings}
    new = after.centres[0].findings
    if before.rule_set.name == after.rule_set.name:
        return Comparison(before, after, tuple((old[f.rule.id], f) for f in new), (), ())
    pairs = tuple((old[f.rule.counterpart], f) for f in new if f.rule.counterpart in old)
    continued = {a.rule.id for a, _ in pairs}
    return Comparison(before, after, pairs, tuple(f for f in old.values() if f.rule.id not in continued),
                      tuple(f for f in new if f.rule.counterpart not in old))


def headings(comparison: Comparison) -> dict[str, str]:
    """The German headings of the parts, naming the laws."""
    old, new = comparison.before.rule_set.short, comparison.after.rule_set.short
    if not comparison.law_changed:
        return {"pairs": f"Regeln nach {new}"}
    return {"pairs": f"Regeln mit Gegenstück ({old} → {new})", "only_before": f"Nur nach {old}",
            "only_after": f"Neu seit {new}"}


def as_table(comparison: Comparison) -> str:
    """The comparison as German text, one line a rule (or a pair of rules)."""
    def cell(f: Finding) -> str:
        return f"{f.rule.id} ({f.rule.severity}) {STATUS_DE[f.outcome.status]}"

    before, after = comparison.before, comparison.after
    parts = headings(comparison)
    lines = [f"{after.centres[0].name}: Prüfung am {german.date(before.as_of)} und am {german.date(after.as_of)}",
             f"  {german.date(before.as_of)}: {before.law()}", f"  {german.date(after.as_of)}: {after.law()}",
             "", parts["pairs"] + ":"]
    lines += [f"  {cell(a):<28} → {cell(b):<28} {b.rule.title}" for a, b in comparison.pairs]
    for key, findings in (("only_before", comparison.only_before), ("only_after", comparison.only_after)):
        if findings:
            lines += ["", parts[key] + ":"] + [f"  {cell(f):<28} {f.rule.title}" for f in findings]
    return "\n".join(lines)
