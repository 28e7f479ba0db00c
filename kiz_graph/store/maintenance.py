"""Emptying a database: for tests and for resetting a local demo, never called by the app."""

from __future__ import annotations

from kiz_graph.store import versions
from kiz_graph.store.db import Database, cypher


def delete_data(db: Database, *, keep_migrations: bool = True) -> None:
    """Delete every node and relationship (the schema stays)."""
    db.run_implicit(cypher("store/maintenance/delete_relationships"))
    db.run_implicit(cypher("store/maintenance/delete_data" if keep_migrations else "store/maintenance/delete_all"))
    versions.renew(db)  # a new token, never that of an earlier, equally empty graph


def drop_schema(db: Database) -> None:
    """Drop every constraint and index (the built-in lookup indexes stay)."""
    # DROP takes no parameters; the names come from the database itself, quoted as identifiers.
    for row in db.read("store/maintenance/constraint_names"):
        db.run_text(f"DROP CONSTRAINT {_quoted(row['name'])} IF EXISTS", write=True)
    for row in db.read("store/maintenance/index_names"):
        db.run_text(f"DROP INDEX {_quoted(row['name'])} IF EXISTS", write=True)


def reset(db: Database) -> None:
    """An empty database: no data, no schema, no migration history."""
    delete_data(db, keep_migrations=False)
    drop_schema(db)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def snapshot(db: Database) -> tuple[list[str], list[str]]:
    """Every node and relationship with its properties, in a stable order: two graphs are the
    same when their snapshots are equal."""

    def show(properties: dict) -> str:
        return repr(sorted(properties.items()))

    nodes = sorted(f"{sorted(row['labels'])} {show(row['properties'])}" for row in db.read("store/maintenance/snapshot_nodes"))
    relationships = sorted(
        f"{sorted(row['from_labels'])}:{row['from_key']} -[{row['type']} {show(row['properties'])}]-> "
        f"{sorted(row['to_labels'])}:{row['to_key']}"
        for row in db.read("store/maintenance/snapshot_relationships")
    )
    return nodes, relationships
