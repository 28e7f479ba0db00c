"""Versioned schema migrations: ``cypher/store/migrations/V0001__description.cypher``.

Each file is applied once, in version order, and recorded in the graph as a
``(:Migration {version, description, checksum, applied_at})`` node. A file that fails is
not recorded; the error names the file and the statement. Schema statements cannot share
a transaction with data writes, so every statement runs in its own transaction; write
migrations with ``IF NOT EXISTS`` so that a fixed file can run again.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from neo4j.exceptions import Neo4jError

from kiz_graph.errors import MigrationError
from kiz_graph.store.db import Database

FILE_NAME = re.compile(r"^V(?P<version>\d{4})__(?P<description>[a-z0-9_]+)\.cypher$")


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    file_name: str
    text: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def statements(self) -> list[str]:
        return split_statements(self.text)


def default_source() -> Traversable:
    return importlib.resources.files("cypher").joinpath("store", "migrations")


def discover(source: Traversable | None = None) -> list[Migration]:
    """The migrations in ``source`` (default ``cypher/migrations``), in version order."""
    source = source or default_source()
    found: dict[int, Migration] = {}
    for entry in source.iterdir():
        if not entry.name.endswith(".cypher"):
            continue
        match = FILE_NAME.match(entry.name)
        if not match:
            raise MigrationError(f"{entry.name}: a migration file is named V0001__description.cypher")
        version = int(match["version"])
        if version in found:
            raise MigrationError(f"{entry.name}: version {version} is used by {found[version].file_name} too")
        found[version] = Migration(version, match["description"], entry.name, entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def applied(db: Database) -> dict[int, dict]:
    db.write("store/migration/bootstrap")
    return {row["version"]: row for row in db.read("store/migration/applied")}


def pending(db: Database, source: Traversable | None = None) -> list[Migration]:
    done = applied(db)
    waiting = []
    for migration in discover(source):
        record = done.get(migration.version)
        if record is None:
            waiting.append(migration)
        elif record["checksum"] != migration.checksum:
            raise MigrationError(
                f"{migration.file_name}: changed after it was applied; add a new migration instead"
            )
    return waiting


def migrate(db: Database, source: Traversable | None = None) -> list[Migration]:
    """Apply every pending migration in order; return the ones applied."""
    done = []
    for migration in pending(db, source):
        for number, statement in enumerate(migration.statements(), start=1):
            try:
                db.run_text(statement, write=True)
            except Neo4jError as exc:
                first_line = statement.strip().splitlines()[0]
                raise MigrationError(
                    f"{migration.file_name}, statement {number} ({first_line}): {exc.message}"
                ) from exc
        db.write(
            "store/migration/record",
            version=migration.version,
            description=migration.description,
            checksum=migration.checksum,
        )
        done.append(migration)
    return done


def split_statements(text: str) -> list[str]:
    """Split Cypher on ``;`` outside strings, backticks and comments."""
    statements, current = [], []
    i, n = 0, len(text)
    quote = None  # the open quote character, if inside a string or backtick name
    while i < n:
        ch = text[i]
        if quote:
            current.append(ch)
            if ch == "\\" and quote != "`" and i + 1 < n:
                current.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
            current.append(ch)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
            continue
        elif ch == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]
