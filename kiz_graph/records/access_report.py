"""The access report (Auskunft nach Art. 15 DSGVO): everything held about one contact person.

:func:`access_report` gathers the record (every property of the node, so that fields added
later are reported too), where the person works and with which function, the posts they
hold, their consent, every recorded change that concerns them (of their record, and of a
post they held before or after it) with the values before and after, every recorded download
that included them, and who may see them (the recipients, by ``visibility``'s rule). The web
page, its JSON and ``kiz-graph persons report`` all show this one dict.

Who may ask for it: the coordination office for anyone, centre staff for the persons whose
workplace lies in the network of their centre (:func:`may_report`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kiz_graph import german
from kiz_graph.records import audit, downloads, naming, visibility
from kiz_graph.records.schema import KINDS
from kiz_graph.records.vocabulary import type_name, vocabulary
from kiz_graph.store.db import Database

__all__ = ["TITLE", "UnknownPersonError", "access_report", "may_report", "shown", "to_json", "to_text"]

TITLE = "Auskunft nach Art. 15 DSGVO"


class UnknownPersonError(LookupError):
    """No contact person has the id asked for."""

#: Who sees a person of each consent level, in the words of the report.
RECIPIENTS_DE = {
    "public": "alle angemeldeten Nutzerinnen und Nutzer von kiz-graph (Landeskoordinierungsstelle, Mitarbeitende "
              "der Kommunalen Integrationszentren, Partner)",
    "internal": "die Landeskoordinierungsstelle und die Mitarbeitenden der Kommunalen Integrationszentren, zu deren "
                "Netzwerk die Organisation der Person gehört",
    "none": "niemand im Verzeichnis; nur die Mitarbeitenden des zuständigen Zentrums, die den Eintrag pflegen, "
            "und die Landeskoordinierungsstelle",
}


def access_report(db: Database, person_id: str) -> dict[str, Any]:
    """Everything held about the person ``person_id``, JSON-ready (dates as ISO text).

    Raises
    ------
    UnknownPersonError
        If there is no such person.
    """
    rows = db.read("records/report/person", id=person_id)
    if not rows:
        raise UnknownPersonError(f"Ansprechperson {person_id} ist nicht bekannt")
    row = rows[0]
    order = {name: number for number, name in enumerate(KINDS["persons"].column_names)}
    properties = dict(sorted(row["properties"].items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
    consent = properties.get("consent") or "none"
    changes = audit.readable(db, [audit.Change.from_row(change) for change in db.read(
        "records/report/changes", key=audit.encode([person_id]), holder=json.dumps({"person_id": person_id})[1:-1])])
    return _plain({
        "title": TITLE,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "person": {"id": person_id, "name": properties.get("name"), "properties": properties},
        "fields": [{"name": name, "label": _column_label("persons", name), "value": value,
                    "shown": shown("persons", name, value)} for name, value in properties.items()],
        "workplaces": row["workplaces"],
        "positions": row["positions"],
        "consent": {"level": consent, "label": vocabulary("consent_levels").german(consent),
                    "date": properties.get("consent_date"),
                    "recorded": {name: value for name, value in properties.items() if name.startswith("consent_")},
                    "visible_to": RECIPIENTS_DE.get(consent, RECIPIENTS_DE["none"])},
        "changes": [{"id": change.id, "at": change.at, "user": change.user, "action": change.action,
                     "kind": change.kind, "summary": change.summary, "undone": change.undone,
                     "before": change.before, "after": change.after,
                     "differences": _differences(change.kind, change.before, change.after)} for change in changes],
        "downloads": [{**download, "kind_name": downloads.kind_name(download["kind"])}
                      for download in downloads.of_person(db, person_id)],
    })


def may_report(db: Database, viewer, person_id: str, centre: str | None = None) -> bool:
    """Whether ``viewer`` may see the access report of the person: the coordination office
    always; centre staff when the person's workplace lies in the network of ``centre`` (one of
    theirs) or, without ``centre``, of any of their centres."""
    viewer = visibility.Viewer.of(viewer)
    if viewer.role == "coordination":
        return True
    if viewer.role != "centre_staff":
        return False
    centres = [centre] if centre is not None and centre in viewer.centres else [] if centre else viewer.centres
    rows = db.read("records/get/persons", ids=[person_id])
    return bool(rows) and rows[0]["organisation_id"] in visibility.network(db, centres)


def _differences(kind: str, before: dict | None, after: dict | None) -> list[dict]:
    """The fields a change touched: German name, value before and after."""
    before, after = before or {}, after or {}
    columns = KINDS[kind].column_names if kind in KINDS else ()
    names = [name for name in columns if name in before or name in after]
    names += sorted((set(before) | set(after)) - set(names))
    return [{"name": name, "label": _column_label(kind, name), "before": before.get(name), "after": after.get(name),
             "before_shown": shown(kind, name, before.get(name)), "after_shown": shown(kind, name, after.get(name))}
            for name in names if before.get(name) != after.get(name)]


def _column_label(kind: str, name: str) -> str:
    """A field's German name as the forms show it (the name itself where there is none)."""
    try:
        return KINDS[kind].column(name).german
    except KeyError:
        return name


def shown(kind: str, name: str, value) -> str:
    """A stored value in words (``naming.in_words``); the history keeps days as ISO text."""
    if isinstance(value, str) and _looks_like_a_day(value):
        value = german.as_date(value) or value
    return naming.in_words(value, kind, name)


def _looks_like_a_day(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-"


def _plain(value: Any) -> Any:
    """Dates as ISO text, so the report is JSON as it is."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True)


def to_text(report: dict) -> str:
    """The report as plain German text, for the command line."""
    lines = [report["title"], f"Ansprechperson {report['person']['name']} ({report['person']['id']})", "",
             "Gespeicherte Angaben:"]
    lines += [f"  {field['label']}: {field['shown']}" for field in report["fields"]]
    lines += ["", "Arbeitsorte:"] + ([f"  {w['name']} ({type_name(w['type'])}), Funktion: {_shown(w['function'])}"
                                      for w in report["workplaces"]] or ["  keine"])
    lines += ["", "Stellen:"] + ([f"  {shown('positions', 'profession', p['profession'])}, {_shown(p['centre'])}"
                                  f" ({p['id']})" for p in report["positions"]] or ["  keine"])
    consent = report["consent"]
    lines += ["", f"Einwilligung: {consent['label']} (am {german.date(german.as_date(consent['date']))})",
              f"  sichtbar für: {consent['visible_to']}", "", "Aufgezeichnete Änderungen:"]
    for change in report["changes"]:
        lines.append(f"  {german.moment(change['at'])}, {change['user']}: {change['summary']}")
        lines += [f"    {d['label']}: {d['before_shown']} -> {d['after_shown']}" for d in change["differences"]]
    lines += [] if report["changes"] else ["  keine"]
    lines += ["", "Downloads, die die Person enthielten:"]
    lines += [f"  {german.moment(d['at'])}, {d['user']}: {d['kind_name']} ({d['what']}; {d['persons']} Personen)"
              for d in report["downloads"]] or ["  keine"]
    return "\n".join(lines) + "\n"


def _shown(value) -> str:
    if value is None or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
