"""Forms built from the record kinds (``kiz_graph.records.schema.KINDS``): one form for every kind.

A field's widget follows its column: dates get a date input, vocabularies a select with
the German names, lists of a vocabulary checkboxes (or a multiple select for languages),
references a select of what the centre's network holds. Values typed by a user come back
as raw text and are validated by the core, never here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiz_graph import german
from kiz_graph.check.rules import in_force
from kiz_graph.records import ids, naming
from kiz_graph.records.schema import KINDS, Column
from kiz_graph.records.vocabulary import vocabulary


@dataclass
class Field:
    name: str
    label: str
    widget: str  # text | textarea | date | number | select | multiselect | checkboxes | hidden | readonly
    value: object = None
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    error: str | None = None

    def selected(self, option: str) -> bool:
        if isinstance(self.value, (list, tuple)):
            return option in [str(v) for v in self.value]
        return str(self.value) == option if self.value is not None else False

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, dt.date):
            return self.value.isoformat()
        if isinstance(self.value, float):
            return german.number(self.value)
        return str(self.value)


def fields_for(kind: str, values: dict, errors: dict[str, str], *, centre: dict, choices: dict,
               editing: bool, names: dict[str, str] | None = None) -> list[Field]:
    """The form's fields with values and errors (errors appear next to their field).

    Ids are made by the core and never shown; what identifies an existing record (a
    cooperation's partner and form, a membership's network and organisation) is shown as
    text, by name (``names``: display names of the ids the record refers to)."""
    fixed = fixed_values(kind, centre)
    fields = []
    for column in KINDS[kind].columns:
        if column.name == "until" and not editing:
            continue  # a new record has not ended; ending is its own action
        if column.name == "id" and kind in ids.NEW_ID or column.set_by_app and not editing:
            continue
        value = values.get(column.name, fixed.get(column.name))
        label = column.german or column.name
        if column.set_by_app:  # shown as recorded, never typed
            fields.append(Field(column.name, label, "readonly", naming.in_words(value, kind, column.name)))
        elif column.name in fixed:
            fields.append(Field(column.name, label, "hidden", fixed[column.name]))
        elif editing and column.name in KINDS[kind].key:
            fields.append(Field(column.name, label, "readonly", naming.in_words(value, kind, column.name, names)))
        else:
            fields.append(_field(column, label, value, choices, centre))
        fields[-1].error = errors.get(column.name)
    # A problem of a column without a visible field still shows, on the first field.
    shown = {f.name for f in fields if f.widget != "hidden"}
    for name, message in errors.items():
        if name not in shown and fields:
            visible = next((f for f in fields if f.widget != "hidden"), fields[0])
            visible.error = f"{visible.error + '; ' if visible.error else ''}{name}: {message}"
    return fields


def fixed_values(kind: str, centre: dict) -> dict:
    """Columns a centre's form does not let a user choose: they are the centre's own."""
    return {
        "organisations": {"region": centre["region"]},
        "cooperations": {"from_id": centre["id"]},
        "centres": {"id": centre["id"]},
        "positions": {"centre_id": centre["id"]},
        "networks": {"centre_id": centre["id"]},
        "offers": {"provider_id": centre["id"]},
    }.get(kind, {})


def _field(column: Column, label: str, value, choices: dict, centre: dict) -> Field:
    required = column.required
    if column.name in REFERENCE_CHOICES:
        options = REFERENCE_CHOICES[column.name](choices, centre)
        return Field(column.name, label, "select", value, [("", "—"), *options], required)
    if column.vocabulary and column.kind == "list":
        options = [(row["key"], _german(row)) for row in vocabulary(column.vocabulary).rows]
        widget = "multiselect" if column.vocabulary == "languages" else "checkboxes"
        return Field(column.name, label, widget, value or [], options, required)
    if column.vocabulary:
        options = [(row["key"], _german(row)) for row in vocabulary(column.vocabulary).rows]
        return Field(column.name, label, "select", value, [("", "—"), *options], required)
    if column.kind == "bool":
        shown = None if value is None else ("ja" if value in (True, "ja", "true") else "nein")
        return Field(column.name, label, "select", shown, [("", "unbekannt"), ("ja", "ja"), ("nein", "nein")], required)
    if column.kind == "date":
        return Field(column.name, label, "date", value, required=required)
    if column.kind == "number":
        return Field(column.name, label, "number", value, required=required)
    return Field(column.name, label, "textarea" if column.multiline else "text", value, required=required)


def _german(row: dict) -> str:
    return row.get("name_de") or row.get("label_de") or row["key"]


REFERENCE_CHOICES = {
    "to_id": lambda choices, centre: choices.get("organisations", []),
    "organisation_id": lambda choices, centre: [(centre["id"], centre["name"]), *choices.get("organisations", [])],
    "person_id": lambda choices, centre: choices.get("staff", []),
    "network_id": lambda choices, centre: choices.get("networks", []),
    "municipality": lambda choices, centre: choices.get("municipalities", []),
    "granted_by": lambda choices, centre: [in_force(dt.date.today()).granting_authority()],
}


def form_data(kind: str, form) -> dict:
    """The submitted values of a kind's columns, raw (lists from repeated fields)."""
    data = {}
    for column in KINDS[kind].columns:
        if column.set_by_app:
            continue
        if column.kind == "list":
            if column.name in form or f"{column.name}__present" in form:
                data[column.name] = [value for value in form.getlist(column.name) if value]
        elif column.name in form:
            data[column.name] = form.get(column.name, "")
    return data
