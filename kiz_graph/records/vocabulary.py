"""The vocabularies of the domain, as data: ``seeds/vocabularies/*.csv``.

Each vocabulary maps stable keys (stored in the graph) to German names (shown to users),
and accepts on input what people write by hand: the key, the German name or an alias, in
any case, with umlauts or their transliteration (ä/ae, ö/oe, ü/ue, ß/ss), without regard to
spaces, hyphens, dots or other punctuation, in the singular or the plural.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

NAMES = (
    "organisation_types", "fields_of_action", "education_stages", "tasks", "professions", "funding",
    "position_roles", "consent_levels", "consent_methods", "cooperation_forms", "federations", "programmes",
    "school_forms", "languages", "concept_topics", "concept_bodies",
)

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PLURAL_ENDINGS = ("en", "e", "n", "s")  # stripped in turn: Stellen, Stelle → stell; Kitas → kita
_SHORTEST_STEM = 4
RESOLVED_KEPT = 10_000  # values remembered per vocabulary (what a user types is unbounded)


def words(text: str) -> list[str]:
    """The words of ``text`` as compared: case-folded, umlauts transliterated, other accents
    dropped (é → e, ş → s), split at anything that is not a letter or digit."""
    text = unicodedata.normalize("NFC", str(text)).casefold().translate(_UMLAUTS)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return [word for word in re.split(r"[\W_]+", text) if word]


def fold(text: str) -> str:
    """``text`` as compared exactly: ``Servicestelle für …`` and ``servicestelle-fuer …`` fold alike."""
    return "".join(words(text))


def _stem(word: str) -> str:
    """A German word without its plural or inflection ending (crude, and checked for collisions:
    :meth:`Vocabulary.collisions`)."""
    stripped = True
    while stripped:
        stripped = False
        for ending in _PLURAL_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
                word, stripped = word[: -len(ending)], True
                break
    return word


def loose(text: str) -> str:
    """``text`` as compared loosely: also singular and plural alike (``Servicestellen`` ~ ``Servicestelle``)."""
    return "".join(_stem(word) for word in words(text))


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

    def spellings(self, key: str) -> list[str]:
        """What the vocabulary accepts for ``key``: the key, its German name and its aliases."""
        row = next(row for row in self.rows if row["key"] == key)
        written = [row["key"], row.get("name_de") or "", row.get("label_de") or "",
                   *(row.get("aliases") or "").split("|")]
        return [spelling.strip() for spelling in written if spelling.strip()]

    @functools.cached_property
    def _tables(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        exact: dict[str, set[str]] = defaultdict(set)
        similar: dict[str, set[str]] = defaultdict(set)
        for key in self.keys:
            for spelling in self.spellings(key):
                exact[fold(spelling)].add(key)
                similar[loose(spelling)].add(key)
        return dict(exact), dict(similar)

    @functools.cached_property
    def _resolved(self) -> dict[str, str | None]:
        return {}

    def resolve(self, value: str) -> str | None:
        """The key for a key, German name or alias, written as people write it; None when it
        is not in the vocabulary (or could mean two of its values)."""
        value = str(value)
        if value not in self._resolved:  # an import asks for the same few values again and again
            found = self._resolve(value)
            if len(self._resolved) >= RESOLVED_KEPT:
                return found
            self._resolved[value] = found
        return self._resolved[value]

    def _resolve(self, value: str) -> str | None:
        exact, similar = self._tables
        for table, form in ((exact, fold(value)), (similar, loose(value))):
            keys = table.get(form, set())
            if len(keys) == 1:
                return next(iter(keys))
            if keys or not form:
                return None
        return None

    def collisions(self) -> dict[str, set[str]]:
        """Spellings (folded) that two values of the vocabulary share: each is a mistake in the seeds."""
        exact, similar = self._tables
        return {form: keys for table in (exact, similar) for form, keys in table.items() if len(keys) > 1}

    def closest(self, value: str) -> str | None:
        """The German name of the value ``value`` looks most like (a typo), if any is close."""
        from rapidfuzz import fuzz, process

        exact, _ = self._tables
        choices = {form: next(iter(keys)) for form, keys in exact.items() if len(keys) == 1 and len(form) > 3}
        found = process.extractOne(fold(value), list(choices), scorer=fuzz.ratio, score_cutoff=80)
        return self.german(choices[found[0]]) if found else None


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
