"""The vocabularies of the domain, as data: ``seeds/vocabularies/*.csv``.

Each vocabulary maps stable keys (stored in the graph) to German names (shown to users),
and accepts German names and aliases on input, case-insensitively.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
from dataclasses import dataclass

NAMES = (
    "organisation_types", "fields_of_action", "education_stages", "tasks", "professions", "funding",
    "position_roles", "consent_levels", "cooperation_forms", "federations", "programmes",
    "school_forms", "languages", "concept_topics", "concept_bodies",
)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    rows: tuple[dict[str, str], ...]

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(row["key"] for row in self.rows)

    def german(self, key: str) -> str:
        for row in self.rows:
            if row["key"] == key:
                return row.get("name_de") or row.get("label_de") or key
        return key

    @functools.cached_property
    def _lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for row in self.rows:
            spellings = [row["key"], row.get("name_de", ""), row.get("label_de", ""), *row.get("aliases", "").split("|")]
            for spelling in spellings:
                if spelling.strip():
                    table.setdefault(spelling.strip().casefold(), row["key"])
        return table

    def resolve(self, value: str) -> str | None:
        """The key for a key, German name or alias; None when it is not in the vocabulary."""
        return self._lookup.get(str(value).strip().casefold())


@functools.cache
def vocabulary(name: str) -> Vocabulary:
    if name not in NAMES:
        raise KeyError(f"no vocabulary {name!r}")
    resource = importlib.resources.files("seeds").joinpath("vocabularies", f"{name}.csv")
    with resource.open(encoding="utf-8", newline="") as handle:
        return Vocabulary(name, tuple(csv.DictReader(handle)))


def core_fields() -> tuple[str, ...]:
    """The three core fields of action of the concept paper."""
    return tuple(row["key"] for row in vocabulary("fields_of_action").rows if row["core"] == "true")


def education_chain() -> tuple[str, ...]:
    """The links of the Bildungskette, from frühe Bildung to Übergang Studium."""
    rows = sorted(vocabulary("education_stages").rows, key=lambda row: int(row["position"]))
    return tuple(row["key"] for row in rows)


#: The ``type`` of a centre where nodes of both kinds meet (organisations carry their type).
CENTRE_TYPE = "Centre"


def type_name(type_: str | None) -> str:
    """The German name of a node type: an organisation type, or the centre."""
    if type_ == CENTRE_TYPE:
        return "Kommunales Integrationszentrum"
    return vocabulary("organisation_types").german(type_ or "Other")
