"""Names and missing ids in exchange files, resolved before anything is checked or written.

People write ``Kamen``, ``Kreis Unna`` and ``Türkischer Elternverein Kamen e.V.`` where the
format has keys, and keep no ids. Before the rows are checked, each such value is resolved
by rules a person can predict (the README's "Import" section and the import page say the same):

- a place by its key, a key that lost its leading zero, or its name (``places``);
- a centre by its id, its name or its region's name; on a centre's own import page an empty
  ``Von``, ``Zentrum`` or ``Anbieter`` is that centre;
- an organisation by its id or its name: first the rows of the same upload, then the
  centre's network, then the regions it serves, then the state; two of one name at the same
  level is an error listing them;
- a person (the holder of a post) by id or name among the centre's staff, a network by id or
  name among the centre's networks.

Rows without an id are matched to what exists: an organisation by Schulnummer, else by name in
its region; a person by e-mail, else by name and organisation; a post by centre, profession,
funding and order; a network by name and centre; an offer by title and provider. What matches
nothing gets a new id that continues the usual ones (``org-05978-00313``).

Every resolution is listed (``Resolved.notes``) for the preview, before anything is written.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from kiz_graph.errors import Problem
from kiz_graph.exchange import places
from kiz_graph.exchange.formats import Loaded
from kiz_graph.german import match_key
from kiz_graph.records import ids
from kiz_graph.records.schema import ID_PATTERN
from kiz_graph.records.vocabulary import vocabulary
from kiz_graph.store.db import Database

# Columns that name a centre or an organisation, and those that default to the importing centre.
CENTRE_OR_ORGANISATION = {("cooperations", "from_id"), ("offers", "provider_id"), ("persons", "organisation_id")}
ORGANISATION = {("cooperations", "to_id"), ("network_members", "organisation_id"), ("centres", "granted_by")}
CENTRE = {("centres", "id"), ("positions", "centre_id"), ("networks", "centre_id")}
DEFAULTS_TO_CENTRE = {("cooperations", "from_id"), ("offers", "provider_id"), ("centres", "id"),
                      ("positions", "centre_id"), ("networks", "centre_id")}
_CENTRE_PREFIX = re.compile(r"^(?:kommunales integrationszentrum|ki) ")


@dataclass
class Resolved:
    notes: dict[str, list[str]] = field(default_factory=dict)  # source: what was resolved, in order
    problems: list[Problem] = field(default_factory=list)


def resolve(db: Database, loaded: Loaded, *, for_centre: str | None = None) -> Resolved:
    """Fill ids and keys into ``loaded.records`` in place; what was resolved, and what could not be."""
    resolver = _Resolver(db, loaded, for_centre)
    resolver.run()
    return Resolved({source: [f"{text} ({count}×)" if count > 1 else text for text, count in texts.items()]
                     for source, texts in resolver.notes.items()}, resolver.problems)


def _blank(value) -> bool:
    return value is None or not str(value).strip()


class _Resolver:
    def __init__(self, db: Database, loaded: Loaded, centre: str | None):
        self.db, self.loaded, self.centre = db, loaded, centre
        self.problems: list[Problem] = []
        self.notes: dict[str, dict[str, int]] = defaultdict(dict)
        self.taken: dict[tuple[str, str], int] = {}  # (kind, owner): the last number in use
        self.known: dict[str, set[str]] = {}  # value: labels it is an id of
        self.centres = _Centres(db.read("exchange/resolve/centres"))

    # --- helpers ---------------------------------------------------------------------------

    def rows(self, kind: str):
        records = self.loaded.records.get(kind, [])
        return zip(records, self.loaded.lines.get(kind, [0] * len(records)))

    def note(self, kind: str, text: str) -> None:
        texts = self.notes[self.loaded.sources[kind]]
        texts[text] = texts.get(text, 0) + 1

    def problem(self, kind: str, column: str, line: int, message: str) -> None:
        self.problems.append(Problem(self.loaded.header_of(kind, column), message, line, self.loaded.sources[kind]))

    def header(self, kind: str, column: str) -> str:
        return self.loaded.header_of(kind, column)

    def new_id(self, kind: str, owner: str) -> str:
        if (kind, owner) not in self.taken:
            own = [str(record.get("id") or "") for record, _ in self.rows(kind)]  # the upload's own
            self.taken[(kind, owner)] = ids.last_number(self.db, kind, owner, own)
        self.taken[(kind, owner)] += 1
        return ids.make(kind, owner, self.taken[(kind, owner)])

    def defined(self, kind: str) -> set[str]:
        """The ids the upload's own rows of a kind carry."""
        return {str(record.get("id")).strip() for record, _ in self.rows(kind) if not _blank(record.get("id"))}

    def owner_code(self) -> str:
        """What new ids of persons and offers carry: the importing centre's key, else "nrw"."""
        return self.centre.removeprefix("ki-") if self.centre else "nrw"

    # --- the steps, in an order where each finds what it needs -----------------------------

    def run(self) -> None:
        self.resolve_places()
        self.resolve_centres()
        self.known = self.known_ids()
        self.organisations = _Organisations(self)
        self.organisations.fill_ids()
        self.resolve_organisation_references()
        self.fill_person_ids()
        self.fill_owned_ids()
        self.resolve_holders_and_networks()

    def resolve_places(self) -> None:
        for kind, column, find in (("organisations", "region", places.region),
                                   ("organisations", "municipality", places.municipality),
                                   ("offers", "municipality", places.municipality)):
            for record, line in self.rows(kind):
                text = str(record.get(column) or "").strip()
                if not text or (text.isdigit() and len(text) in ((5, 8) if column == "region" else (8,))
                                and text.startswith("05")):
                    continue  # empty, or already a key
                found = find(text)
                if found.place is None:
                    self.problem(kind, column, line, found.message)
                    continue
                record[column] = found.place.ags
                self.note(kind, f"{self.header(kind, column)} „{text}“ → {found.place}")

    def resolve_centres(self) -> None:
        organisations = self.defined("organisations")
        for kind, column in sorted(CENTRE | CENTRE_OR_ORGANISATION):
            for record, line in self.rows(kind):
                text = str(record.get(column) or "").strip()
                if not text:
                    if (kind, column) in DEFAULTS_TO_CENTRE and self.centre:
                        record[column] = self.centre
                    continue
                if text in organisations or text in self.centres.names:
                    continue  # an id, as the strict format has it
                centre = self.centres.find(text, by_region=(kind, column) != ("persons", "organisation_id"))
                if centre is not None and centre != text:
                    record[column] = centre
                    self.note(kind, f"{self.header(kind, column)} „{text}“ → {self.centres.names[centre]}")
                elif centre is None and (kind, column) in CENTRE and not ID_PATTERN.match(text):
                    self.problem(kind, column, line, f"kein Kommunales Integrationszentrum „{text}“ gefunden")

    def known_ids(self) -> dict[str, set[str]]:
        values = {str(record.get(column)).strip() for kind, column in CENTRE_OR_ORGANISATION | ORGANISATION
                  for record, _ in self.rows(kind) if not _blank(record.get(column))}
        values -= self.defined("organisations") | set(self.centres.names)
        values |= {str(record.get("person_id")).strip() for record, _ in self.rows("positions")
                   if not _blank(record.get("person_id"))}
        values |= {str(record.get("network_id")).strip() for record, _ in self.rows("network_members")
                   if not _blank(record.get("network_id"))}
        values -= self.defined("persons") | self.defined("networks")
        if not values:
            return {}
        return {row["value"]: set(row["labels"]) for row in self.db.read("exchange/resolve/known_ids",
                                                                         values=sorted(values))}

    def resolve_organisation_references(self) -> None:
        organisations = self.defined("organisations")
        for kind, column in sorted(CENTRE_OR_ORGANISATION | ORGANISATION):
            for record, line in self.rows(kind):
                text = str(record.get(column) or "").strip()
                if not text or text in organisations or text in self.centres.names \
                        or self.known.get(text, set()) & {"Organisation", "Centre"}:
                    continue
                found = self.organisations.reference(text)
                if isinstance(found, str):
                    record[column] = found
                    if found != text:
                        self.note(kind, f"{self.header(kind, column)} „{text}“ → {self.organisations.describe(found)}")
                elif found is not None:
                    self.problem(kind, column, line, found.message)

    def fill_person_ids(self) -> None:
        rows = [(record, line) for record, line in self.rows("persons") if _blank(record.get("id"))]
        if not rows:
            return
        emails = sorted({str(r.get("email")).strip().casefold() for r, _ in rows if not _blank(r.get("email"))})
        workplaces = sorted({str(r.get("organisation_id")).strip() for r, _ in rows if not _blank(r.get("organisation_id"))})
        existing = self.db.read("exchange/resolve/persons", emails=emails, workplaces=workplaces)
        by_email = defaultdict(set)
        by_name = defaultdict(set)
        for row in existing:
            if row["email"]:
                by_email[row["email"]].add(row["id"])
            by_name[(match_key(row["name"] or ""), row["workplace"])].add(row["id"])
        in_file: dict[tuple, str] = {}
        for record, line in rows:
            email = str(record.get("email") or "").strip().casefold()
            name_key = (match_key(str(record.get("name") or "")), str(record.get("organisation_id") or "").strip())
            matches = by_email.get(email, set()) if email else set()
            how = "gleiche E-Mail-Adresse"
            if not matches:
                matches, how = by_name.get(name_key, set()), "gleicher Name und gleiche Organisation"
            if len(matches) > 1:
                self.problem("persons", "id", line, f"mehrere vorhandene Ansprechpersonen passen ({how}: "
                                                    f"{', '.join(sorted(matches))}); bitte die Kennung angeben")
                continue
            file_key = ("email", email) if email else name_key
            if matches:
                record["id"] = next(iter(matches))
                self.note("persons", f"Zeile {line}: „{record.get('name')}“ ist die vorhandene Ansprechperson "
                                     f"{record['id']} ({how})")
            elif file_key in in_file:
                record["id"] = in_file[file_key]  # the same person twice: validate names the duplicate
            else:
                record["id"] = self.new_id("persons", self.owner_code())
                self.note("persons", "neue Ansprechperson, neue Kennung")
            in_file.setdefault(file_key, record["id"])

    def fill_owned_ids(self) -> None:
        """Posts, networks and offers without an id: matched among their owner's, or new."""
        owners = {"positions": "centre_id", "networks": "centre_id", "offers": "provider_id"}
        wanted = sorted({str(record.get(column)).strip() for kind, column in owners.items()
                         for record, _ in self.rows(kind) if _blank(record.get("id")) and not _blank(record.get(column))})
        if self.centre:
            wanted = sorted(set(wanted) | {self.centre})
        existing: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for row in self.db.read("exchange/resolve/owned", owners=wanted) if wanted else []:
            existing[(row["kind"], row["owner"])].append((row["id"], row["name"]))
        self.owned = existing
        for kind, column in owners.items():
            used: dict[tuple, int] = defaultdict(int)
            for record, line in self.rows(kind):
                if not _blank(record.get("id")):
                    continue
                owner = str(record.get(column) or "").strip()
                name = _owned_name(kind, record)
                candidates = [id_ for id_, other in sorted(existing.get((kind, owner), []), key=lambda x: _natural(x[0]))
                              if _owned_name_key(kind, other) == name]
                nth = used[(owner, name)]
                used[(owner, name)] += 1
                if nth < len(candidates):
                    record["id"] = candidates[nth]
                    self.note(kind, f"Zeile {line}: vorhandener Eintrag {record['id']} ({_OWNED_RULE[kind]})")
                else:
                    record["id"] = self.new_id(kind, owner.removeprefix("ki-") if kind != "offers" else self.owner_code())
                    self.note(kind, "neuer Eintrag, neue Kennung")

    def resolve_holders_and_networks(self) -> None:
        """A post's holder by name among the centre's staff; a network by name among its networks.
        (Only where a value is no id: the names of the strict format's many rows are not folded.)"""
        persons = self.defined("persons")
        holders = [(r, l) for r, l in self.rows("positions") if not _blank(r.get("person_id"))
                   and "Person" not in self.known.get(str(r["person_id"]).strip(), set())
                   and str(r["person_id"]).strip() not in persons]
        if holders:
            staff = defaultdict(set)
            for record, _ in self.rows("persons"):
                staff[(str(record.get("organisation_id") or ""), match_key(str(record.get("name") or "")))].add(
                    record["id"])
            centres = sorted({str(r.get("centre_id") or "") for r, _ in holders})
            for row in self.db.read("exchange/resolve/persons", emails=[], workplaces=centres):
                staff[(row["workplace"], match_key(row["name"] or ""))].add(row["id"])
            for record, line in holders:
                text = str(record["person_id"]).strip()
                found = staff.get((str(record.get("centre_id") or ""), match_key(text)), set())
                self._take(record, "positions", "person_id", line, text, found, "Mitarbeitende des Zentrums")
        defined = self.defined("networks")
        members = [(r, l) for r, l in self.rows("network_members") if not _blank(r.get("network_id"))
                   and str(r["network_id"]).strip() not in defined
                   and "Network" not in self.known.get(str(r["network_id"]).strip(), set())]
        if members:
            networks = defaultdict(set)
            for record, _ in self.rows("networks"):
                networks[match_key(str(record.get("name") or ""))].add(record["id"])
            for (kind, _), found in self.owned.items():
                if kind == "networks":
                    for id_, name in found:
                        networks[match_key(name or "")].add(id_)
            for record, line in members:
                text = str(record["network_id"]).strip()
                self._take(record, "network_members", "network_id", line, text, networks.get(match_key(text), set()),
                           "Netzwerke des Zentrums")

    def _take(self, record, kind, column, line, text, found: set[str], where: str) -> None:
        if len(found) == 1:
            record[column] = next(iter(found))
            self.note(kind, f"{self.header(kind, column)} „{text}“ → {record[column]}")
        elif found:
            self.problem(kind, column, line, f"„{text}“ ist mehrdeutig: {', '.join(sorted(found))}")
        elif not ID_PATTERN.match(text):
            self.problem(kind, column, line, f"„{text}“ nicht gefunden (gesucht unter: {where})")


_OWNED_RULE = {"positions": "gleiches Zentrum, gleiche Profession und Finanzierung",
               "networks": "gleicher Name im selben Zentrum", "offers": "gleicher Titel beim selben Anbieter"}


def _natural(text: str) -> list:
    """``pos-05978-2`` before ``pos-05978-10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _owned_name(kind: str, record: dict) -> str:
    if kind == "positions":
        return "|".join(vocabulary(name).resolve(str(record.get(column) or "")) or ""
                        for name, column in (("professions", "profession"), ("funding", "funding")))
    return match_key(str(record.get("name" if kind == "networks" else "title") or ""))


def _owned_name_key(kind: str, name: str | None) -> str:
    return name or "" if kind == "positions" else match_key(name or "")


class _Centres:
    """The centres by id, by a key without its leading zero (``ki-5978``), and by name."""

    def __init__(self, rows: list[dict]):
        self.names = {row["id"]: row["name"] for row in rows}
        by_name: dict[str, set[str]] = defaultdict(set)
        by_region: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            by_name[match_key(row["name"])].add(row["id"])
            for name in [_CENTRE_PREFIX.sub("", match_key(row["name"])), *row["region_names"]]:
                by_region[match_key(name)].add(row["id"])
                by_region[places.fold(name)].add(row["id"])
        for region_name in list(by_region):
            by_name[f"ki {region_name}"] |= by_region[region_name]
        self.by_name = {key: found.pop() for key, found in by_name.items() if len(found) == 1}
        self.by_region = {key: found.pop() for key, found in by_region.items() if len(found) == 1}

    def find(self, text: str, *, by_region: bool = True) -> str | None:
        """The centre ``text`` names: its id, its name, "KI " and its region; with ``by_region``
        also its region's name alone ("Kreis Unna")."""
        if text in self.names:
            return text
        digits = re.fullmatch(r"(?i)ki-?(\d{4,8})", text.strip())
        if digits:
            key = digits.group(1)
            key = "0" + key if len(key) in (4, 7) else key
            return f"ki-{key}" if f"ki-{key}" in self.names else None
        folded = match_key(text)
        if folded in self.by_name:
            return self.by_name[folded]
        if not by_region:
            return None
        bare = _CENTRE_PREFIX.sub("", folded)
        return self.by_region.get(bare) or self.by_region.get(places._PREFIXES.sub("", bare))


class _Organisations:
    """Organisations by name: the upload's own rows, then what the graph holds."""

    def __init__(self, resolver: _Resolver):
        self.resolver = resolver
        records = list(resolver.rows("organisations"))
        references = {str(r.get(c)).strip() for k, c in CENTRE_OR_ORGANISATION | ORGANISATION
                      for r, _ in resolver.rows(k) if not _blank(r.get(c))}
        references = {value for value in references if value not in resolver.centres.names
                      and not resolver.known.get(value)} - resolver.defined("organisations")
        keys = {match_key(str(r.get("name") or "")) for r, _ in records if _blank(r.get("id"))}
        keys |= {match_key(value) for value in references}
        numbers = {str(r.get("schulnummer")).strip() for r, _ in records
                   if _blank(r.get("id")) and not _blank(r.get("schulnummer"))}
        rows = resolver.db.read("exchange/resolve/organisations", keys=sorted(keys - {""}),
                                schulnummern=sorted(numbers), centre=resolver.centre) if keys or numbers else []
        self.by_name: dict[str, list[dict]] = defaultdict(list)
        self.by_number: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            (self.by_name[row["key"]] if row["key"] is not None else self.by_number[row["schulnummer"]]).append(row)
        self.labels: dict[str, str] = {row["id"]: _label(row) for rows_ in self.by_name.values() for row in rows_}
        self.file_lines: dict[str, int] = {}

    def fill_ids(self) -> None:
        resolver = self.resolver
        rows = list(resolver.rows("organisations"))
        seen: dict[tuple[str, str], str] = {}  # name and region: the id of the upload's first such row
        without_id = any(_blank(record.get("id")) for record, _ in rows)
        for record, line in rows:
            if without_id:  # (the strict format's rows all have ids: no name is folded for them)
                key = (match_key(str(record.get("name") or "")), self.region_of(record))
                if _blank(record.get("id")):
                    record["id"] = self.match(record, line, key[1]) or seen.get(key) \
                        or resolver.new_id("organisations", key[1] or "nrw")
                seen.setdefault(key, record["id"])
            self.file_lines.setdefault(record["id"], line)

    @functools.cached_property
    def in_file(self) -> dict[str, set[str]]:
        """The ids of the upload's organisations by folded name (when a reference is a name)."""
        names: dict[str, set[str]] = defaultdict(set)
        for record, _ in self.resolver.rows("organisations"):
            names[match_key(str(record.get("name") or ""))].add(record["id"])
        return names

    def region_of(self, record: dict) -> str:
        municipality = places.municipalities().get(str(record.get("municipality") or "").strip())
        return municipality.region if municipality else str(record.get("region") or "").strip()

    def match(self, record: dict, line: int, region: str) -> str | None:
        """An existing organisation the row without an id is: by Schulnummer, else by name in its region."""
        resolver = self.resolver
        number = str(record.get("schulnummer") or "").strip()
        found, how = (self.by_number.get(number, []), f"gleiche Schulnummer {number}") if number else ([], "")
        if not found:
            found = [row for row in self.by_name.get(match_key(str(record.get("name") or "")), [])
                     if (region in row["regions"]) or (not region and not row["regions"])]
            how = "gleicher Name in derselben Region"
        if len(found) > 1:
            resolver.problem("organisations", "name", line, f"mehrere vorhandene Organisationen passen ({how}): "
                             + "; ".join(map(_label, found)) + " – bitte die Kennung angeben")
            return None
        if found:
            resolver.note("organisations", f"Zeile {line}: „{record.get('name')}“ ist die vorhandene Organisation "
                                           f"{found[0]['id']} ({how})")
            return found[0]["id"]
        resolver.note("organisations", "neue Organisation, neue Kennung")
        return None

    def reference(self, text: str) -> str | Problem | None:
        """The organisation a reference names: an id, or the id of the one organisation of that name."""
        key = match_key(text)
        if text in self.file_lines:
            return text
        in_file = self.in_file.get(key, set())
        if len(in_file) == 1:
            return next(iter(in_file))
        if len(in_file) > 1:
            return Problem("", f"„{text}“ ist mehrdeutig: mehrere Zeilen dieser Datei heißen so ({', '.join(sorted(in_file))})")
        found = self.by_name.get(key, [])
        if found:
            nearest = max(row["closeness"] for row in found)
            found = [row for row in found if row["closeness"] == nearest]
            if len(found) == 1:
                return found[0]["id"]
            return Problem("", f"„{text}“ ist mehrdeutig: " + "; ".join(map(_label, found)) + " – bitte die Kennung angeben")
        if ID_PATTERN.match(text) and " " not in text:
            return None  # an id that does not exist: the check names it
        return Problem("", f"keine Organisation „{text}“ gefunden{self.near(text)}")

    def describe(self, id_: str) -> str:
        if id_ in self.file_lines:
            return f"neue Organisation aus Zeile {self.file_lines[id_]}" if id_ not in self.labels \
                else f"Organisation aus Zeile {self.file_lines[id_]}"
        return f"vorhandene Organisation {self.labels.get(id_, id_)}"

    def near(self, text: str) -> str:
        rows = self.resolver.db.read("exchange/resolve/names_near", centre=self.resolver.centre)
        close = process.extract(text, {row["id"]: row["name"] for row in rows}, limit=3, score_cutoff=75,
                            scorer=fuzz.ratio, processor=utils.default_process)
        labels = {row["id"]: _label(row) for row in rows}
        return "; ähnlich: " + "; ".join(labels[id_] for _, _, id_ in close) if close else ""


def _label(row: dict) -> str:
    """An organisation as a person recognises it: name, place and id."""
    return f"{row['name']} ({', '.join(part for part in (row.get('city'), row['id']) if part)})"
