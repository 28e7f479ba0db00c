"""Writing records into the graph: validate everything first, then write in batches.

One path for every write, whether one organisation from a form, the demo network or an
import of thousands of rows: ``clean`` each record, check that every id it refers to
exists (in the graph or in the same load), and write only when no problem stands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from kiz_graph import german
from kiz_graph.errors import Problem, ValidationError
from kiz_graph.records.schema import KINDS, LOAD_ORDER, clean
from kiz_graph.store import versions
from kiz_graph.store.db import Database, run

BATCH_SIZE = 2000
# What makes two rows the same record, where the key is more than an id.
SAME_KEY = {"cooperations": ": eine Kooperation je Partner und Form",
            "network_members": ": eine Mitgliedschaft je Netzwerk und Organisation"}
# Which record kind defines ids of which label, so that one load may refer to its own rows.
DEFINES = {"organisations": "Organisation", "persons": "Person", "networks": "Network"}
KEY_PROPERTY = {"Region": "ags", "Municipality": "ags"}  # every other label is keyed by id


def validate(db: Database, records: Mapping[str, Iterable[dict]], *, rows: Mapping[str, list] | None = None,
             sources: Mapping[str, str] | None = None) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Typed records and every problem in them, including references that do not exist.

    ``rows``: the line number of each record for messages (default: its position);
    ``sources``: a file name per kind for messages (default: the kind).
    """
    unknown = [name for name in records if name not in KINDS]
    if unknown:
        raise ValueError(f"unknown record kinds: {', '.join(unknown)}")
    cleaned: dict[str, list[dict]] = {}
    where: dict[str, list[int]] = {}
    problems: list[Problem] = []
    for kind_name in LOAD_ORDER:
        if kind_name not in records:
            continue
        source = (sources or {}).get(kind_name, kind_name)
        numbers = (rows or {}).get(kind_name)
        cleaned[kind_name], where[kind_name] = [], []
        seen: dict[tuple, int] = {}
        for position, raw in enumerate(records[kind_name], start=1):
            number = numbers[position - 1] if numbers else position
            record, found = clean(kind_name, raw, row=number, source=source)
            problems.extend(found)
            key = tuple(record[k] for k in KINDS[kind_name].key)
            if None not in key:
                if key in seen:
                    problems.append(Problem(KINDS[kind_name].key[0], f"doppelt (wie Zeile {seen[key]})"
                                            + SAME_KEY.get(kind_name, ""), number, source))
                seen.setdefault(key, number)
            cleaned[kind_name].append(record)
            where[kind_name].append(number)
    problems.extend(_reference_problems(db, cleaned, where, sources or {}))
    problems.extend(_id_problems(db, cleaned, where, sources or {}))
    return cleaned, problems


def write(db: Database, records: Mapping[str, Iterable[dict]], *, batch_size: int = BATCH_SIZE,
          progress: bool = False, **validate_options) -> dict[str, int]:
    """Validate, then write every record; raise ValidationError (writing nothing) on any problem."""
    cleaned, problems = validate(db, records, **validate_options)
    if problems:
        raise ValidationError(problems)
    write_clean(db, cleaned, batch_size=batch_size, progress=progress)
    return {kind: len(rows) for kind, rows in cleaned.items()}


def write_clean(db: Database, cleaned: Mapping[str, list[dict]], *, batch_size: int = BATCH_SIZE,
                progress: bool = False) -> None:
    """Write records that ``validate`` returned without problems, in load order and batches."""
    total = sum(len(rows) for rows in cleaned.values())
    bar = progress_bar(total) if progress else None
    for kind_name in LOAD_ORDER:
        rows = prepared(kind_name, cleaned.get(kind_name) or [])
        for start in range(0, len(rows), batch_size):
            batch = rows[start:start + batch_size]
            db.write_transaction(versions.renewing(_write_batch), kind_name, batch)
            if bar is not None:
                bar.set_description(kind_name)
                bar.update(len(batch))
    if bar is not None:
        bar.close()


# Inside one write transaction: the steps every recorded write takes, for one row or many.
# Each takes the write locks of the records first, so that what it reads stays true until
# the transaction ends.

READ_BATCH = 5000  # keys per lookup: bounded parameter lists
NODE_KINDS = ("organisations", "persons", "positions", "networks", "offers", "centres")


def lock_and_read(tx, kind_name: str, keys: list[tuple]) -> dict[tuple, dict]:
    """Lock the records' nodes (or the node a relationship starts at) and read them as they are."""
    found: dict[tuple, dict] = {}
    for start in range(0, len(keys), READ_BATCH):
        batch = [list(key) for key in keys[start:start + READ_BATCH]]
        run(tx, f"records/lock/{kind_name}", keys=batch)
        found.update(read_in(tx, kind_name, batch))
    return found


def read_in(tx, kind_name: str, keys: list) -> dict[tuple, dict]:
    """Records by key as the transaction sees them."""
    if not keys:
        return {}
    if len(KINDS[kind_name].key) == 1:
        rows = run(tx, f"records/get/{kind_name}", ids=[key[0] for key in keys])
    else:
        rows = run(tx, f"records/get/{kind_name}", keys=[list(key) for key in keys])
    return {tuple(row[column] for column in KINDS[kind_name].key): row for row in rows}


def claim(tx, kind_name: str, keys: list[tuple]) -> None:
    """Create the nodes of new records: a key created meanwhile by someone else fails here
    (neo4j.exceptions.ConstraintError) instead of being overwritten."""
    if kind_name in NODE_KINDS and kind_name != "centres":
        for start in range(0, len(keys), READ_BATCH):
            run(tx, f"records/claim/{kind_name}", keys=[list(key) for key in keys[start:start + READ_BATCH]])


def write_in(tx, kind_name: str, rows: list[dict], *, batch_size: int = BATCH_SIZE, bar=None) -> None:
    """Write valid, cleaned records in batches, inside the caller's transaction."""
    rows = prepared(kind_name, rows)
    for start in range(0, len(rows), batch_size):
        batch = rows[start:start + batch_size]
        run(tx, f"records/write/{kind_name}", rows=batch)
        if bar is not None:
            bar.set_description(kind_name)
            bar.update(len(batch))


def prepared(kind_name: str, rows: list[dict]) -> list[dict]:
    """Rows as the write queries take them: organisations get their folded name."""
    if kind_name == "organisations":
        return [{**row, "name_key": german.match_key(row["name"])} for row in rows]
    return rows


def _write_batch(tx, kind_name: str, batch: list[dict]) -> None:
    run(tx, f"records/write/{kind_name}", rows=batch)  # MERGE-based: safe to retry


def _reference_problems(db: Database, cleaned, where, sources) -> list[Problem]:
    """References to ids that exist neither in the graph nor in this load."""
    defined: dict[str, set[str]] = defaultdict(set)
    for kind_name, label in DEFINES.items():
        defined[label].update(row["id"] for row in cleaned.get(kind_name, []) if row["id"])
    wanted: dict[str, set[str]] = defaultdict(set)
    for kind_name, rows in cleaned.items():
        for column in KINDS[kind_name].columns:
            for label in column.references:
                wanted[label].update(row[column.name] for row in rows if row[column.name] is not None)
    existing = {label: defined[label] | _existing(db, label, keys - defined[label]) for label, keys in wanted.items()}
    places = _municipality_regions(db, wanted.get("Municipality", set()))

    problems = []
    for kind_name, rows in cleaned.items():
        source = sources.get(kind_name, kind_name)
        for row, number in zip(rows, where[kind_name]):
            for column in KINDS[kind_name].columns:
                value = row[column.name]
                if value is None or not column.references:
                    continue
                if not any(value in existing[label] for label in column.references):
                    problems.append(Problem(column.name, f"{value!r} gibt es nicht", number, source))
            municipality, region = row.get("municipality"), row.get("region")
            if kind_name == "organisations" and municipality in places and region and places[municipality] != region:
                problems.append(Problem(
                    "municipality", f"Gemeinde {municipality} liegt nicht in Region {region}", number, source))
            if kind_name == "organisations" and municipality in places and not region:
                row["region"] = places[municipality]
    return problems


# The label of the node each kind's id names.
OWN_LABEL = {**DEFINES, "positions": "Position", "offers": "Offer"}
LABEL_DE = {"Centre": "einem Zentrum", "Organisation": "einer Organisation", "Person": "einer Ansprechperson",
            "Network": "einem Netzwerk", "Offer": "einem Angebot", "Position": "einer Stelle",
            "IntegrationConcept": "einem Integrationskonzept", "Region": "einer Region",
            "Municipality": "einer Gemeinde"}  # "gehört schon zu …"


def _id_problems(db: Database, cleaned, where, sources) -> list[Problem]:
    """Ids that already name something of another kind (in the graph or in this load): an id
    names one thing only, else a reference to it (and whose network it is) would be ambiguous."""
    named: dict[str, set[str]] = defaultdict(set)
    for kind_name, label in OWN_LABEL.items():
        for row in cleaned.get(kind_name, []):
            if row["id"]:
                named[row["id"]].add(label)
    if not named:
        return []
    for row in db.read("records/existing/other_labels", keys=sorted(named)):
        for labels in row["labels"]:
            named[row["key"]].add(next((label for label in LABEL_DE if label in labels), labels[0]))
    problems = []
    for kind_name, label in OWN_LABEL.items():
        for row, number in zip(cleaned.get(kind_name, []), where.get(kind_name, [])):
            others = sorted(named.get(row["id"], set()) - {label})
            if others:
                problems.append(Problem("id", f"die Kennung {row['id']!r} gehört schon zu "
                                              f"{LABEL_DE.get(others[0], others[0])}", number,
                                        sources.get(kind_name, kind_name)))
    return problems


def _existing(db: Database, label: str, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    return {row["key"] for row in db.read(f"records/existing/{label}", keys=sorted(keys))}


def _municipality_regions(db: Database, keys: set[str]) -> dict[str, str]:
    if not keys:
        return {}
    return {row["municipality"]: row["region"] for row in db.read("records/existing/municipality_regions", keys=sorted(keys))}


def progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit=" rows", dynamic_ncols=True)
