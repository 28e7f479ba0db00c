"""The database handle: one driver per process, queries by name, reads routed as reads.

All Cypher lives in ``cypher/`` as ``.cypher`` files (one statement each, except
migrations) and is loaded by name, e.g. ``graph.read("store/health/ping")`` runs
``cypher/store/health/ping.cypher``. User values travel only as parameters.
"""

from __future__ import annotations

import functools
import importlib.resources
import time
from collections.abc import Callable
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, DriverError, ServiceUnavailable, SessionExpired, TransientError

from kiz_graph.store.settings import Neo4jSettings

T = TypeVar("T")

# What "the database does not answer" looks like to the driver.
UNAVAILABLE_ERRORS = (ServiceUnavailable, SessionExpired, AuthError, DriverError, OSError)


@functools.cache
def cypher(name: str) -> str:
    """The text of ``cypher/<name>.cypher``, read once."""
    resource = importlib.resources.files("cypher").joinpath(*f"{name}.cypher".split("/"))
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no Cypher file cypher/{name}.cypher") from None


_PLAIN = (str, int, float, bool, type(None))


def native(value: Any) -> Any:
    """Driver values as plain Python: neo4j.time.Date becomes datetime.date, and so on."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    if isinstance(value, list):
        return [native(item) for item in value]
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return {key: native(item) for key, item in value.items()}
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def as_row(record: neo4j.Record) -> dict[str, Any]:
    """A record as a dict of plain Python values (what ``record.data()`` gives, at a third of its
    cost: it inspects every value twice, which at 30,000 rows took seconds)."""
    return {key: native(value) for key, value in zip(record.keys(), record)}


def _records(result: neo4j.Result) -> list[dict[str, Any]]:
    return [as_row(record) for record in result]


class Database:
    """kiz-graph's connection to Neo4j. Create one per process and close it at exit."""

    def __init__(self, settings: Neo4jSettings, *, max_retry_s: float = 15.0):
        """``max_retry_s``: how long transient failures are retried (a web request wants little)."""
        self.settings = settings
        self.database = settings.database
        self.driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            max_transaction_retry_time=max_retry_s,
            connection_acquisition_timeout=max(max_retry_s, 5.0),
            # "label does not exist yet" and similar hints are normal on a young graph.
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Auto-commit-free, retried queries through the driver's execute_query.
    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return self.run_text(cypher(name), params, write=False)

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return self.run_text(cypher(name), params, write=True)

    def run_text(self, text: str, params: dict[str, Any] | None = None, *, write: bool) -> list[dict[str, Any]]:
        """Run Cypher text that comes from ``cypher/`` (migrations, loaders); never user text."""
        return self.driver.execute_query(
            text,
            parameters_=params or {},
            database_=self.database,
            routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            result_transformer_=_records,
        )

    def run_implicit(self, text: str, params: dict[str, Any] | None = None) -> None:
        """An auto-commit transaction, for ``CALL { ... } IN TRANSACTIONS`` batches; not retried."""
        with self.driver.session(database=self.database) as session:
            session.run(text, params or {}).consume()

    # Managed transactions for work of several statements; the function must be idempotent.
    def write_transaction(self, work: Callable[..., T], *args: Any) -> T:
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work, *args)

    def large_write_transaction(self, work: Callable[..., T], *args: Any, attempts: int = 3) -> T:
        """One write transaction for work too large to repeat blindly (an import): retried
        after a deadlock or a lost connection, never after running out of transaction
        memory, which the driver would retry as transient although it fails again."""
        for attempt in range(1, attempts + 1):
            try:
                with self.driver.session(database=self.database) as session:
                    tx = session.begin_transaction()
                    try:
                        result = work(tx, *args)
                        tx.commit()
                        return result
                    finally:
                        if not tx.closed():
                            tx.rollback()
            except TransientError as exc:
                if attempt == attempts or is_out_of_memory(exc):
                    raise
            except (ServiceUnavailable, SessionExpired):
                if attempt == attempts:
                    raise
                time.sleep(0.5 * attempt)
        raise AssertionError("unreachable")

    def trial_transaction(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work`` in a write transaction that is always rolled back: what it would do,
        with nothing written (previews). Not retried."""
        with self.driver.session(database=self.database) as session:
            tx = session.begin_transaction()
            try:
                return work(tx, *args)
            finally:
                if not tx.closed():
                    tx.rollback()

    def read_transaction(self, work: Callable[..., T], *args: Any) -> T:
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(work, *args)

    def ping(self) -> bool:
        """Whether the database answers a query right now."""
        try:
            # A plain session run: no retries, so a down database is reported at once.
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session:
                session.run(cypher("store/health/ping")).consume()
        except UNAVAILABLE_ERRORS:
            return False
        return True


def is_out_of_memory(error: Exception) -> bool:
    """Whether Neo4j refused a transaction for the memory it needs (too large to commit)."""
    return "OutOfMemory" in (getattr(error, "code", None) or "")


def run(tx: neo4j.ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a named query inside a managed transaction."""
    return [as_row(record) for record in tx.run(cypher(name), params)]
