"""``kiz-graph import``: exchange files into the graph, all or nothing, and idempotent.

Every row of every file is checked before anything is written; any problem means
nothing is written, and every problem is reported at once as ``file:line: column:
reason``. Rows equal to what the graph holds are left alone, so importing the same
files again changes nothing. Columns a file does not have keep the values the graph has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiz_graph import audit, exchange, model, writer
from kiz_graph.db import Graph
from kiz_graph.model import key_of
from kiz_graph.records import KINDS, LOAD_ORDER, Problem, ValidationError


class NotSeededError(Exception):
    """The database lacks the seeds (regions, centres) that every import refers to."""


@dataclass
class FileSummary:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    files: list[FileSummary]
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def describe(self) -> str:
        would = "would be " if self.dry_run else ""
        lines = [f"warning: {warning}" for warning in self.warnings]
        lines += [f"{f.source}: {f.created} {would}created, {f.updated} {would}updated, {f.unchanged} unchanged"
                  for f in self.files]
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return "\n".join(lines)


def import_paths(graph: Graph, paths: list[Path], *, dry_run: bool = False, progress: bool = False,
                 user: str | None = None, scope: str | None = None) -> ImportResult:
    """Import exchange files (folders, CSV files or a workbook).

    ``user``: record every change in the audit trail (row by row; for uploads in the web
    app). ``scope``: every row must belong to this centre's network.
    """
    loaded = exchange.read_paths(paths)
    return import_loaded(graph, loaded, dry_run=dry_run, progress=progress, user=user, scope=scope)


def import_loaded(graph: Graph, loaded: exchange.Loaded, *, dry_run: bool = False, progress: bool = False,
                  user: str | None = None, scope: str | None = None) -> ImportResult:
    if not graph.read("existing/Region", keys=["05978"]):
        raise NotSeededError("the database holds no seeds (regions, centres): run `kiz-graph seed` first")
    cleaned, problems = writer.validate(graph, loaded.records, rows=loaded.lines, sources=loaded.sources)
    problems = loaded.problems + [_as_in_file(problem, loaded) for problem in problems]
    if problems:
        raise ValidationError(sorted(problems, key=_position))

    if scope is not None:
        _check_scope(graph, cleaned, loaded, scope)
    changes: dict[str, list[tuple[dict, dict | None]]] = {}
    summaries = []
    for kind_name in LOAD_ORDER:
        if kind_name not in cleaned:
            continue
        summary = FileSummary(loaded.sources[kind_name])
        present = set(loaded.columns[kind_name])
        existing = _existing_records(graph, kind_name, cleaned[kind_name])
        changes[kind_name] = []
        for record in cleaned[kind_name]:
            before = existing.get(key_of(kind_name, record))
            if before is not None:
                # A column the file does not have keeps what the graph holds.
                record = {column: record[column] if column in present else before.get(column)
                          for column in KINDS[kind_name].column_names}
            if before is None:
                summary.created += 1
            elif _same(kind_name, record, before):
                summary.unchanged += 1
                continue
            else:
                summary.updated += 1
            changes[kind_name].append((record, before))
        summaries.append(summary)
    if not dry_run and user is None:
        writer.write_clean(graph, {kind: [record for record, _ in rows] for kind, rows in changes.items()},
                           progress=progress)
    elif not dry_run:
        for kind_name, rows in changes.items():
            for record, before in rows:
                model.write_recorded(graph, kind_name, record, action="update" if before else "create",
                                     before=before, user=user)
    return ImportResult(summaries, loaded.warnings, dry_run)


def _check_scope(graph: Graph, cleaned: dict[str, list[dict]], loaded: exchange.Loaded, scope: str) -> None:
    """Every row must belong to the centre's network (checked row by row: for uploads)."""
    problems = []
    for kind_name, rows in cleaned.items():
        for record, line in zip(rows, loaded.lines[kind_name]):
            if scope not in audit.centres_of(graph, kind_name, record):
                problems.append(Problem(loaded.header_of(kind_name, KINDS[kind_name].key[0]),
                                        "gehört nicht zum Netzwerk dieses Zentrums", line, loaded.sources[kind_name]))
    if problems:
        raise ValidationError(problems)


def _existing_records(graph: Graph, kind_name: str, records: list[dict]) -> dict[tuple, dict]:
    keys = [key_of(kind_name, record) for record in records]
    found: dict[tuple, dict] = {}
    for start in range(0, len(keys), 5000):  # bounded parameter lists
        found.update({key_of(kind_name, row): row for row in model.get_many(graph, kind_name, keys[start:start + 5000])})
    return found


def _same(kind_name: str, record: dict, before: dict) -> bool:
    for column in KINDS[kind_name].columns:
        new, old = record.get(column.name), before.get(column.name)
        if column.kind == "list":
            new, old = sorted(new or []), sorted(old or [])
        if new != old:
            return False
    return True


def _as_in_file(problem: Problem, loaded: exchange.Loaded) -> Problem:
    """The problem with the column named as the file's header names it."""
    kind = next((k for k, source in loaded.sources.items() if source == problem.source), None)
    if kind is None:
        return problem
    return Problem(loaded.header_of(kind, problem.column), problem.message, problem.row, problem.source)


def _position(problem: Problem) -> tuple:
    return (problem.source, problem.row or 0, problem.column)
