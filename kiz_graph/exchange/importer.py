"""``kiz-graph import``: exchange files into the graph, all or nothing, and idempotent.

Every row of every file is checked before anything is written; any problem means
nothing is written, and every problem is reported at once as ``file:line: column:
reason``. Rows equal to what the graph holds are left alone, so importing the same
files again changes nothing. Columns a file does not have keep the values the graph has.

The whole import is one transaction: a failure of any kind (a value the database refuses,
the database going away, the process being killed) leaves the graph as it was, since Neo4j
never keeps half a transaction. The records are locked and read inside it, so that what is
compared and checked is what gets overwritten. With ``for_centre`` (a centre's upload), every
row must belong to that centre's network both as the graph holds it and as the file has it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from neo4j.exceptions import ConstraintError

from kiz_graph.errors import NotSeededError, Problem, UnknownCentreError, ValidationError
from kiz_graph.exchange import formats, resolve, template
from kiz_graph.records import audit, edits, writer
from kiz_graph.records.edits import key_of
from kiz_graph.records.schema import KINDS, LOAD_ORDER
from kiz_graph.store import versions as data_versions
from kiz_graph.store.db import Database

SHOWN_NOTES = 50  # resolutions listed per file; a file of thousands of new rows lists them as one


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
    # The version of every record a row touches, as found ("absent" for a new one): a preview
    # hands them to the confirmation, which refuses rows whose record changed in between.
    versions: dict[str, str] = field(default_factory=dict)
    # What names and missing ids were taken to mean, per file ("Gemeinde „Kamen“ → Kamen (05978020)").
    resolved: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # files or sheets of no known kind, left out
    mappings: dict[str, dict] = field(default_factory=dict)  # how each file's sheets and columns were read

    def describe(self) -> str:
        would = "would be " if self.dry_run else ""
        lines = [f"warning: {warning}" for warning in self.warnings]
        lines += [f"{source}: of no known kind, left out" for source in self.ignored]
        for source, notes in self.resolved.items():
            lines += [f"{source}: {note}" for note in notes[:SHOWN_NOTES]]
            if len(notes) > SHOWN_NOTES:
                lines.append(f"{source}: … and {len(notes) - SHOWN_NOTES} more")
        lines += [f"{f.source}: {f.created} {would}created, {f.updated} {would}updated, {f.unchanged} unchanged"
                  for f in self.files]
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return "\n".join(lines)


def import_paths(db: Database, paths: list[Path], *, dry_run: bool = False, progress: bool = False,
                 user: str | None = None, for_centre: str | None = None,
                 expected: dict[str, str] | None = None, skip_unrecognised: bool = False,
                 mapping: dict[str, dict] | None = None) -> ImportResult:
    """Import exchange files (folders, CSV files or a workbook).

    ``user``: record every change in the audit trail (row by row; for uploads in the web
    app). ``for_centre``: every row must belong to this centre's network. ``expected``: the
    ``versions`` of a preview; a row whose record has changed since is refused. ``mapping``:
    the user's own kinds of sheets and fields of columns (``formats.read_paths``).
    """
    loaded = formats.read_paths(paths, mapping=mapping)
    return import_loaded(db, loaded, dry_run=dry_run, progress=progress, user=user, for_centre=for_centre,
                         expected=expected, skip_unrecognised=skip_unrecognised)


def import_loaded(db: Database, loaded: formats.Loaded, *, dry_run: bool = False, progress: bool = False,
                  user: str | None = None, for_centre: str | None = None,
                  expected: dict[str, str] | None = None, skip_unrecognised: bool = False,
                 mapping: dict[str, dict] | None = None) -> ImportResult:
    """``skip_unrecognised``: the user has seen which files or sheets are of no known kind
    (``loaded.ignored``) and wants the rest imported; a preview lists them either way."""
    if not db.read("records/existing/Region", keys=["05978"]):
        raise NotSeededError("the database holds no seeds (regions, centres): run `kiz-graph seed` first")
    if for_centre is not None and not db.read("records/existing/Centre", keys=[for_centre]):
        raise UnknownCentreError(for_centre)
    _leave_out_examples(loaded)
    resolved = resolve.resolve(db, loaded, for_centre=for_centre)
    cleaned, problems = writer.validate(db, loaded.records, rows=loaded.lines, sources=loaded.sources)
    problems = loaded.problems + resolved.problems + [_as_in_file(problem, loaded) for problem in problems]
    if loaded.ignored and not (skip_unrecognised or dry_run):
        problems += [Problem("", "keiner Art des Austauschformats zugeordnet und daher nicht eingelesen; bitte "
                                 "zuordnen oder bestätigen, dass es ausgelassen werden soll", source=source)
                     for source in loaded.ignored]
    if problems:
        raise ValidationError(sorted(problems, key=_position))

    # One transaction for everything: whatever fails (a value, the database, the process),
    # nothing is written. A preview runs the very same work and rolls it back.
    versions: dict[str, str] = {}
    work = functools.partial(_import_in, cleaned=cleaned, loaded=loaded, user=user, for_centre=for_centre,
                             expected=expected, versions=versions,
                             bar=writer.progress_bar(sum(map(len, cleaned.values()))) if progress else None)
    try:
        summaries = (db.trial_transaction if dry_run else db.large_write_transaction)(data_versions.renewing(work))
    except ConstraintError:  # a new key was created by someone else meanwhile
        raise ValidationError([Problem("", "Ein Eintrag dieser Dateien wurde gerade von jemand anderem angelegt; "
                                           "bitte den Import wiederholen.")]) from None
    finally:
        if work.keywords["bar"] is not None:
            work.keywords["bar"].close()
    return ImportResult(summaries, loaded.warnings, dry_run, versions, resolved.notes, list(loaded.ignored),
                        loaded.mappings)


def _import_in(tx, *, cleaned: dict[str, list[dict]], loaded: formats.Loaded, user: str | None,
               for_centre: str | None, expected: dict[str, str] | None, versions: dict[str, str],
               bar) -> list[FileSummary]:
    """Every kind in load order, inside one transaction: lock and read what exists, compare,
    check every row against the centre before and after, write what changed, record it."""
    summaries, problems = [], []
    for kind_name in LOAD_ORDER:
        if kind_name not in cleaned:
            continue
        source, present = loaded.sources[kind_name], set(loaded.columns[kind_name])
        summary = FileSummary(source)
        existing = writer.lock_and_read(tx, kind_name, [key_of(kind_name, record) for record in cleaned[kind_name]])
        every: list[tuple[dict, dict | None, int]] = []
        for record, line in zip(cleaned[kind_name], loaded.lines[kind_name]):
            before = existing.get(key_of(kind_name, record))
            if before is not None:
                # A column the file does not have keeps what the graph holds.
                record = {column: record[column] if column in present else before.get(column)
                          for column in KINDS[kind_name].column_names}
            every.append((record, before, line))
        for record, before, line in every:
            versions[_version_key(kind_name, record)] = audit.version(before) if before is not None else "absent"
        if expected is not None:
            problems += [_changed_since(tx, kind_name, record, line, source) for record, before, line in every
                         if expected.get(_version_key(kind_name, record)) != versions[_version_key(kind_name, record)]]
        if for_centre is not None:  # unchanged rows too: "unverändert" would tell what another centre holds
            column = loaded.header_of(kind_name, KINDS[kind_name].key[0])
            problems += [Problem(column, "gehört nicht zum Netzwerk dieses Zentrums", every[index][2], source)
                         for index in edits.out_of_scope(tx, kind_name, [(b, r) for r, b, _ in every], for_centre)]
        rows = [(record, before, line) for record, before, line in every
                if before is None or not _same(kind_name, record, before)]
        summary.created = sum(before is None for _, before, _ in rows)
        summary.updated = len(rows) - summary.created
        summary.unchanged = len(every) - len(rows)
        summaries.append(summary)
        writer.claim(tx, kind_name, [key_of(kind_name, record) for record, before, _ in rows if before is None])
        writer.write_in(tx, kind_name, [record for record, _, _ in rows], bar=bar)
        if user is not None and rows:
            _record(tx, kind_name, rows, user, for_centre)
    if problems:
        raise ValidationError(sorted(problems, key=_position))
    return summaries


def _leave_out_examples(loaded: formats.Loaded) -> None:
    """The template's example rows, left in a file by mistake, are not imported."""
    for kind_name, records in loaded.records.items():
        lines = loaded.lines[kind_name]
        examples = [index for index, record in enumerate(records) if template.is_example(kind_name, record)]
        for index in reversed(examples):
            loaded.warnings.append(f"{loaded.sources[kind_name]}: Zeile {lines[index]} ist die Beispielzeile der "
                                   "Vorlage und wird nicht eingelesen")
            del records[index], lines[index]


def _version_key(kind_name: str, record: dict) -> str:
    return f"{kind_name}:{audit.encode(list(key_of(kind_name, record)))}"


def _changed_since(tx, kind_name: str, record: dict, line: int, source: str) -> Problem:
    last = audit.last_change(tx, kind_name, key_of(kind_name, record))
    who = f" von {last['user']}" if last else ""
    return Problem("", f"inzwischen{who} geändert: bitte die Dateien erneut hochladen und die neue Vorschau prüfen",
                   line, source)


def _record(tx, kind_name: str, rows: list[tuple[dict, dict | None, int]], user: str, for_centre: str | None) -> None:
    """Each changed row as a change of its own in the audit trail (so each can be undone)."""
    keys = [key_of(kind_name, record) for record, _, _ in rows]
    after = writer.read_in(tx, kind_name, keys)
    befores = [before for _, before, _ in rows]
    afters = [after[key] for key in keys]
    centres = zip(audit.centres_of_many(tx, kind_name, befores), audit.centres_of_many(tx, kind_name, afters))
    own = {for_centre} if for_centre else set()
    audit.record(tx, user=user, kind=kind_name, changes=[
        audit.Recorded("update" if before else "create", key, before, new, old | now | own)
        for key, before, new, (old, now) in zip(keys, befores, afters, centres)])


def _same(kind_name: str, record: dict, before: dict) -> bool:
    for column in KINDS[kind_name].columns:
        new, old = record.get(column.name), before.get(column.name)
        if column.kind == "list":
            new, old = sorted(new or []), sorted(old or [])
        if new != old:
            return False
    return True


def _as_in_file(problem: Problem, loaded: formats.Loaded) -> Problem:
    """The problem with the column named as the file's header names it."""
    kind = next((k for k, source in loaded.sources.items() if source == problem.source), None)
    if kind is None:
        return problem
    return Problem(loaded.header_of(kind, problem.column), problem.message, problem.row, problem.source)


def _position(problem: Problem) -> tuple:
    return (problem.source, problem.row or 0, problem.column)
