"""Every error kiz-graph raises on purpose, in one place.

The web app turns them into answers in one place too (``web/errors.py``): a
``ValidationError`` is shown beside the form fields (a ``NeedsConfirmation`` also with a box
to confirm), ``UnknownCentreError`` is a 404, ``OutOfScopeError`` a 403; the command line
prints them and exits non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value, named as the user named it."""

    column: str
    message: str
    row: int | None = None  # 1-based record number, or a file line when importing
    source: str = ""  # a file name or record kind

    def __str__(self) -> str:
        """``file:line:column: reason``, leaving out what is not known."""
        where = ":".join(str(part) for part in (self.source, self.row, self.column) if part not in ("", None))
        return f"{where}: {self.message}" if where else self.message


class ValidationError(Exception):
    """One or more problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))

    def by_column(self) -> dict[str, str]:
        """The first message per column, for showing next to a form field."""
        messages: dict[str, str] = {}
        for problem in self.problems:
            messages.setdefault(problem.column, problem.message)
        return messages


class ConflictError(ValidationError):
    """The record changed since the form was read: nothing was written.

    ``current``: the record as it is now; ``changed_by``/``changed_at``: who changed it last;
    ``merged`` and ``clashes``: the user's changes on top of ``current`` (``edits.merge``).
    """

    def __init__(self, kind: str, key_column: str, current: dict, last: dict | None):
        self.kind = kind
        self.current = current
        self.merged = current  # what the form proposes to save now
        self.clashes: list[str] = []  # columns changed on both sides, differently
        self.changed_by = last["user"] if last else None
        self.changed_at = last["at"] if last else None
        who = f" von {self.changed_by}" if self.changed_by else ""
        super().__init__([Problem(key_column, f"Inzwischen geändert{who}: bitte die gespeicherte "
                                              "Fassung prüfen und die Änderung erneut eintragen.", source=kind)])


class NeedsConfirmation(ValidationError):
    """Values that are allowed but look like a mistake; nothing was written. The same write
    saves when its ``confirmed`` holds every one of ``needed`` (``kiz_graph.records.edits``).

    ``needed``: ``FUTURE`` (a date more than a year ahead), ``SIMILAR`` (an organisation of the
    region, or a person of the organisation, has the same or a close name); ``similar``: those
    records, closest first, each ``{"kind", "id", "name", "place"}``.
    """

    FUTURE = "future"
    SIMILAR = "similar"

    def __init__(self, problems: list[Problem], needed: set[str], similar: list[dict] | None = None):
        self.needed = frozenset(needed)
        self.similar = list(similar or [])
        super().__init__(problems)


class OutOfScopeError(PermissionError):
    """The record does not belong to the centre the write was made for."""


class UnknownCentreError(LookupError):
    """The centre id names no centre."""


class NotSeededError(Exception):
    """The database lacks the seeds (regions, centres) that every import refers to."""


class RuleSetError(Exception):
    """A rule set does not exist or is not well formed."""


class MigrationError(Exception):
    """A migration could not be applied; the message names file and statement."""


class LocalNeo4jError(Exception):
    """Starting, stopping or finding the local Neo4j failed; the message names cause and log."""


class ReportYearError(ValueError):
    """A report was asked for a year it cannot cover (before 2013, in the future, no year at all)."""
