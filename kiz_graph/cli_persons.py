"""``kiz-graph persons erase|report`` and ``kiz-graph retention``: the person-data lifecycle on the
command line (``kiz_graph.cli`` adds them). They speak German, as the data protection officer
who runs them does; failures go through the command's usual handling (exit 1, nothing written).
"""

from __future__ import annotations

import argparse
import sys

from kiz_graph import config, german

CLI_USER = "kiz-graph (Kommandozeile)"  # who the history names for a change made here


def add_commands(commands) -> None:
    """The ``persons`` and ``retention`` commands, under the parser's ``commands``."""
    from kiz_graph.records.retention import DEFAULT_MONTHS

    persons = commands.add_parser("persons", help="contact persons: erasure on request (Art. 17 DSGVO)")
    actions = persons.add_subparsers(title="actions", metavar="ACTION", required=True)
    erase = actions.add_parser("erase", help="erase a person: the record, their relationships, their values in "
                                             "the history (replaced by a pseudonym); never undone")
    erase.add_argument("person", metavar="ID")
    erase.add_argument("--reason", metavar="TEXT", help="why (stands in the history; no names, please)")
    erase.set_defaults(handler=_erase)
    report = actions.add_parser("report", help="everything held about one person (Art. 15 DSGVO)")
    report.add_argument("person", metavar="ID")
    report.add_argument("--json", action="store_true", help="as JSON instead of German text")
    report.set_defaults(handler=_report)

    retention = commands.add_parser("retention", help="list the persons due for erasure, or erase them (--apply)")
    retention.add_argument("--months", type=_months, default=DEFAULT_MONTHS, metavar="N",
                           help=f"erase who ended more than N months ago (default {DEFAULT_MONTHS})")
    retention.add_argument("--apply", action="store_true", help="erase every person listed")
    retention.set_defaults(handler=_retention)


def _months(text: str) -> int:
    from kiz_graph.records.retention import parse_months

    found = parse_months(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"a number of months from 1 to 1200, not {text!r}")
    return found


def _open_db():
    from kiz_graph.store.db import Database

    return Database(config.neo4j_settings())


def _erase(args) -> int:
    from kiz_graph.records import erasure

    with _open_db() as db:
        result = erasure.erase(db, [args.person], user=CLI_USER, reason=args.reason)
    print(f"Ansprechperson {args.person} gelöscht; {german.plural(result.changes, 'Änderung', 'Änderungen')} "
          f"im Verlauf durch „{erasure.PSEUDONYM}“ ersetzt.")
    return 0


def _report(args) -> int:
    from kiz_graph.records import access_report

    try:
        with _open_db() as db:
            report = access_report.access_report(db, args.person)
    except access_report.UnknownPersonError as exc:  # a wrong argument: exit 2, as for every command
        print(f"kiz-graph: error: {exc}", file=sys.stderr)
        return 2
    print(access_report.to_json(report) + "\n" if args.json else access_report.to_text(report), end="")
    return 0


def _retention(args) -> int:
    from kiz_graph.records import retention

    with _open_db() as db:
        due = retention.due(db, months=args.months)
        for person in due:
            print(f"{person.id}\t{person.name}\t{person.workplace or '–'}\t{person.reason}")
        if not args.apply:
            print(f"{german.plural(len(due), 'Ansprechperson', 'Ansprechpersonen')} zur Löschung fällig "
                  f"(Frist {args.months} Monate); löschen mit --apply")
            return 0
        erased = retention.apply(db, due, user=CLI_USER, months=args.months)
    print(f"{german.plural(erased, 'Ansprechperson', 'Ansprechpersonen')} gelöscht.")
    return 0
