"""The ``kiz-graph`` command.

Exit status: 0 success, 1 a failure (the database, a file, a write), 2 bad arguments
(argparse's usage errors and :class:`UsageError`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiz_graph import cli_evaluation, cli_persons, cli_reports, config, errors
from kiz_graph.errors import ValidationError
from kiz_graph.store import local_neo4j
from kiz_graph.store.settings import DEFAULT_PORT
from kiz_graph.users import ROLES


class UsageError(Exception):
    """An argument names something that does not exist or has the wrong form (exit 2)."""


def main(argv: list[str] | None = None) -> int:
    # The driver logs each retry as a warning; the command reports the outcome itself.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return args.handler(args) or 0
    except UsageError as exc:
        print(f"kiz-graph: error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"kiz-graph: error: {len(exc.problems)} problem(s), nothing was written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kiz-graph: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # every known failure becomes one line, never a traceback
        if not _is_known(exc):
            raise
        print(f"kiz-graph: error: {exc}", file=sys.stderr)
        return 1


def _is_known(exc: Exception) -> bool:
    from neo4j.exceptions import Neo4jError

    from kiz_graph.errors import MigrationError, NotSeededError
    from kiz_graph.store.db import UNAVAILABLE_ERRORS

    known = (errors.LocalNeo4jError, MigrationError, Neo4jError, NotSeededError, OSError)
    return isinstance(exc, known + UNAVAILABLE_ERRORS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiz-graph",
        description="The networks of NRW's Kommunale Integrationszentren in Neo4j.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    # kiz-graph neo4j start|stop|status|env
    neo4j = commands.add_parser("neo4j", help="run the project's own local Neo4j")
    neo4j_commands = neo4j.add_subparsers(title="actions", metavar="ACTION", required=True)
    for name, handler, help_text in (
        ("start", _neo4j_start, "start it in the background and wait until Bolt answers"),
        ("stop", _neo4j_stop, "shut it down cleanly"),
        ("status", _neo4j_status, "say whether it runs"),
        ("env", _neo4j_env, "print NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD lines"),
    ):
        action = neo4j_commands.add_parser(name, help=help_text)
        action.add_argument("--data", type=Path, help="data folder (default: var/neo4j, or KIZ_NEO4J_DATA)")
        if name == "start":
            action.add_argument("--port", type=_port, default=DEFAULT_PORT, help="Bolt port (default 7687)")
        action.set_defaults(handler=handler)

    # kiz-graph db migrate|status
    db = commands.add_parser("db", help="the database's schema and health")
    db_commands = db.add_subparsers(title="actions", metavar="ACTION", required=True)
    db_commands.add_parser("migrate", help="apply pending schema migrations").set_defaults(handler=_db_migrate)
    db_commands.add_parser("status", help="say whether Neo4j answers, and the migrations").set_defaults(
        handler=_db_status
    )

    # kiz-graph serve
    serve = commands.add_parser("serve", help="serve the web app with a production WSGI server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=5000)
    serve.add_argument("--demo", action="store_true", help="demo mode: a generated SECRET_KEY is allowed")
    serve.add_argument("--workers", type=_positive, metavar="N", help="worker processes (default: one per core)")
    serve.add_argument("--threads", type=_positive, default=4, metavar="N", help="threads per worker (default: 4)")
    serve.set_defaults(handler=_serve)

    # kiz-graph seed [--demo]
    seed = commands.add_parser("seed", help="load the NRW seeds (and the fictional demo network)")
    seed.add_argument("--demo", action="store_true", help="also load the fictional demo network")
    seed.add_argument("--scale", choices=("demo", "statewide", "10x"), default="demo",
                      help="demo network size: demo (~3,000 organisations), statewide (~25,000), 10x")
    seed.add_argument("--seed", type=int, default=1, dest="seed_number",
                      help="random seed of the demo network (same seed, same network)")
    seed.set_defaults(handler=_seed)

    # kiz-graph check
    check = commands.add_parser("check", help="check the cooperation requirement of the concept paper")
    check.add_argument("--centre", help="one centre's id, e.g. ki-05978 (default: all)")
    check.add_argument("--as-of", type=_day, help="the day to judge, YYYY-MM-DD (default: today)")
    check.add_argument("--rule-set", help="rule set name, e.g. konzept-2012 (default: the one in force on the day)")
    check.add_argument("--compare", type=_day, metavar="D2",
                       help="compare one centre's check on D2 with the --as-of day, each under the law in force")
    check.add_argument("--format", choices=("table", "json", "csv"), default="table")
    check.add_argument("--strict", action="store_true", help="exit 3 when a Pflicht rule is not met")
    check.set_defaults(handler=_check)

    # kiz-graph analyse
    analyse = commands.add_parser("analyse", help="network analysis: key partners, communities, gaps, suggestions, change")
    analyse.add_argument("--centre", help="one centre's id, e.g. ki-05978 (default: all centres)")
    analyse.add_argument("--as-of", type=_day, help="the day to analyse, YYYY-MM-DD (default: today)")
    analyse.add_argument("--compare", type=_day, metavar="D2", help="also show what changed between D2 and the --as-of day")
    analyse.add_argument("--format", choices=("table", "json"), default="table")
    analyse.set_defaults(handler=_analyse)

    # Import and export of the exchange format
    imports = commands.add_parser("import", help="import exchange files: folders of CSV files, CSV files or a workbook")
    imports.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imports.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    imports.add_argument("--centre", metavar="ID", help="import as this centre's staff: an empty Von (from_id), Zentrum "
                                                        "or Anbieter is the centre, names are looked up in its network "
                                                        "first, and every row must belong to its network")
    imports.add_argument("--skip-unrecognised", action="store_true",
                         help="import although some files or sheets are of no known kind (they are left out)")
    imports.set_defaults(handler=_import)
    schools = commands.add_parser("import-schools", help="import schools from NRW's school register (Schulgrunddaten)")
    schools.add_argument("file", type=Path, metavar="FILE")
    schools.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    schools.set_defaults(handler=_import_schools)
    export = commands.add_parser("export", help="export the graph (or one centre's network)")
    export.add_argument("target", type=Path, metavar="DIR")
    export.add_argument("--centre", help="one centre's id, e.g. ki-05978 (default: everything)")
    export.add_argument("--format", choices=("csv", "xlsx", "graphml", "gexf", "json"), default="csv")
    export.set_defaults(handler=_export)
    template = commands.add_parser("template", help="write an Excel template to fill in by hand (German)")
    template.add_argument("out", type=Path, metavar="OUT.xlsx")
    template.set_defaults(handler=_template)
    dedupe = commands.add_parser("dedupe", help="list likely duplicate organisations (nothing is merged)")
    dedupe.set_defaults(handler=_dedupe)
    merge = commands.add_parser("merge", help="merge a duplicate organisation into the one to keep")
    merge.add_argument("duplicate", metavar="ID")
    merge.add_argument("--into", required=True, metavar="ID", help="the organisation to keep")
    merge.set_defaults(handler=_merge)
    cli_persons.add_commands(commands)  # persons erase, persons report, retention
    cli_reports.add_commands(commands)  # report (Sachbericht, Landesbericht)
    cli_evaluation.add_command(commands)  # evaluation

    # kiz-graph users ...
    users_parser = commands.add_parser("users", help="user accounts of the web app")
    users_commands = users_parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    create = users_commands.add_parser("create", help="create a user (the password is asked for, or --password-file)")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--centre", action="append", default=[], dest="centres", help="centre id (centre_staff; repeatable)")
    create.add_argument("--name", dest="display_name", help="name shown in the app")
    create.add_argument("--password-file", type=Path, help="read the password from this file instead of asking")
    create.set_defaults(handler=_users_create)
    set_role = users_commands.add_parser("set-role", help="change a user's role (and centres)")
    set_role.add_argument("username")
    set_role.add_argument("--role", required=True, choices=ROLES)
    set_role.add_argument("--centre", action="append", default=[], dest="centres")
    set_role.set_defaults(handler=_users_set_role)
    disable = users_commands.add_parser("disable", help="disable a user: no more sign-ins")
    disable.add_argument("username")
    disable.set_defaults(handler=_users_disable)
    users_commands.add_parser("list", help="list the users").set_defaults(handler=_users_list)
    users_commands.add_parser("demo", help="(re)create the demo users with new passwords and print them").set_defaults(
        handler=_users_demo)

    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 1 and 65535, not {port}")
    return port


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"a whole number from 1 to 64, not {text!r}")
    return int(text)


def _day(text: str):
    import datetime as dt

    from kiz_graph.records.schema import FIRST_DAY, LAST_DAY

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day in the form YYYY-MM-DD: {text!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"a day between {FIRST_DAY} and {LAST_DAY}, not {text!r}")
    return day


def _data_dir(args) -> Path:
    return (args.data or config.data_dir_from_env()).resolve()


def _refuse_when_external(action: str, args) -> bool:
    """With ``NEO4J_URI`` set, the local commands leave Neo4j alone, unless ``--data`` names
    a local instance explicitly (a script that started one with ``--data`` can stop it)."""
    external = config.external_settings()
    if external is not None and args.data is None:
        print(f"NEO4J_URI is set ({external.uri}): kiz-graph uses that server and does not {action} a local Neo4j.")
        return True
    return False


def _neo4j_start(args) -> int:
    if _refuse_when_external("start", args):
        return 0
    data_dir = _data_dir(args)
    before = local_neo4j.status(data_dir)
    if before.running:
        print(f"Neo4j is already {before.describe()}")
        return 0
    print(f"Starting Neo4j (data {data_dir}) ...", flush=True)
    heap, pagecache_mb = config.local_memory()
    after = local_neo4j.start(data_dir, args.port, heap=heap, pagecache_mb=pagecache_mb)
    print(f"Neo4j is {after.describe()}")
    return 0


def _neo4j_stop(args) -> int:
    if _refuse_when_external("stop", args):
        return 0
    data_dir = _data_dir(args)
    if local_neo4j.stop(data_dir):
        print(f"Neo4j stopped (data {data_dir})")
    else:
        print(f"Neo4j was not running (data {data_dir})")
    return 0


def _neo4j_status(args) -> int:
    if _refuse_when_external("check", args):
        return 0
    state = local_neo4j.status(_data_dir(args))
    print(f"Neo4j is {state.describe()}")
    return 0 if state.running else 3


def _neo4j_env(args) -> int:
    external = config.external_settings() if args.data is None else None
    settings = external or local_neo4j.settings(_data_dir(args))
    print(f"NEO4J_URI={settings.uri}")
    print(f"NEO4J_USER={settings.user}")
    print(f"NEO4J_PASSWORD={settings.password}")
    print(f"NEO4J_DATABASE={settings.database}")
    return 0


def open_db():
    """The process's one Database for a CLI command."""
    from kiz_graph.store.db import Database

    return Database(config.neo4j_settings())


def _db_migrate(args) -> int:
    from kiz_graph.store import migrations

    with open_db() as db:
        done = migrations.migrate(db)
    if done:
        for migration in done:
            print(f"applied {migration.file_name}")
    else:
        print("the schema is up to date: nothing to apply")
    return 0


def _db_status(args) -> int:
    from kiz_graph.store import migrations

    with open_db() as db:
        where = f"{db.settings.uri} (database {db.database})"
        if not db.ping():
            print(f"Neo4j does not answer at {where}")
            return 1
        print(f"Neo4j answers at {where}")
        waiting = migrations.pending(db)
        done = migrations.applied(db)
    print(f"migrations: {len(done)} applied, {len(waiting)} pending")
    for migration in waiting:
        print(f"  pending: {migration.file_name}")
    return 0


def _seed(args) -> int:
    from kiz_graph.exchange import seeding

    with open_db() as db:
        if not args.demo:
            counts = seeding.seed(db)
            print(f"seeded {counts['regions']} regions, {counts['centres']} centres, "
                  f"{counts['organisations']} statewide organisations")
            return 0
        print(f"loading the demo network (scale {args.scale}, seed {args.seed_number}) ...", flush=True)
        counts = seeding.seed_demo(db, args.scale, args.seed_number, progress=sys.stderr.isatty())
    print("loaded " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0


def _check(args) -> int:
    import json

    from kiz_graph.check import requirement
    from kiz_graph.errors import RuleSetError

    if args.compare and (not args.centre or args.rule_set or args.format == "csv"):
        raise UsageError("--compare vergleicht ein Zentrum (--centre) als Tabelle oder JSON, "
                         "jeden Tag nach dem dann geltenden Recht (ohne --rule-set)")
    try:
        with open_db() as db:
            if args.compare:
                return _compare(db, args)
            report = requirement.check(db, centre=args.centre, as_of=args.as_of, rule_set=args.rule_set)
    except (RuleSetError, errors.UnknownCentreError) as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(requirement.as_csv(report))
    else:
        print(requirement.as_table(report))
    return 3 if args.strict and report.has_open_pflicht_gap() else 0


def _compare(db, args) -> int:
    import datetime as dt
    import json

    from kiz_graph.check import compare

    result = compare.compare(db, args.centre, args.as_of or dt.date.today(), args.compare)
    print(json.dumps(result.as_json(), ensure_ascii=False, indent=2) if args.format == "json"
          else compare.as_table(result))
    return 0


def _analyse(args) -> int:
    import datetime as dt

    from kiz_graph.errors import UnknownCentreError
    from kiz_graph.network import analytics
    from kiz_graph.network.page import network_page

    day = args.as_of or dt.date.today()
    try:
        with open_db() as db:
            if args.centre:
                page = network_page(db, args.centre, day, compare_day=args.compare)
                result = page.analysis | ({"change": page.change} if page.change else {})
            else:
                result = analytics.statewide_analysis(db, day, compare_day=args.compare)
    except UnknownCentreError:
        raise UsageError(f"--centre: no centre with the id {args.centre!r}") from None
    print(analytics.as_json(result) if args.format == "json" else analytics.as_table(result))
    return 0


def _import(args) -> int:
    from neo4j.exceptions import DriverError, Neo4jError

    from kiz_graph.exchange import importer
    from kiz_graph.store.db import is_out_of_memory

    with open_db() as db:
        try:
            result = importer.import_paths(db, args.paths, dry_run=args.dry_run, progress=sys.stderr.isatty(),
                                           for_centre=args.centre, skip_unrecognised=args.skip_unrecognised)
        except errors.UnknownCentreError:
            raise UsageError(f"--centre: no centre with the id {args.centre!r}") from None
        except (Neo4jError, DriverError) as exc:
            # One transaction: the database rolled all of it back.
            if is_out_of_memory(exc):
                print("kiz-graph: error: the import is too large for one transaction of this database "
                      "(dbms.memory.transaction.total.max; give Neo4j more heap, e.g. KIZ_NEO4J_HEAP=4g, or "
                      "import the files in parts); nothing was written", file=sys.stderr)
            else:
                print(f"kiz-graph: error: the import failed in the database, nothing was written: "
                      f"{type(exc).__name__}: {str(exc)[:300]}", file=sys.stderr)
            return 1
    print(result.describe())
    return 0


def _import_schools(args) -> int:
    from kiz_graph.exchange import formats, importer
    from kiz_graph.exchange.schools import adopt_existing, read_school_register

    if not args.file.is_file():
        raise UsageError(f"no such file: {args.file}")
    records, lines, problems, warnings = read_school_register(args.file)
    loaded = formats.Loaded(
        records={"organisations": records}, lines={"organisations": lines},
        sources={"organisations": args.file.name},
        columns={"organisations": {name: name for name in records[0]} if records else {}},
        problems=problems, warnings=warnings,
    )
    with open_db() as db:
        loaded.records["organisations"] = adopt_existing(db, records)
        result = importer.import_loaded(db, loaded, dry_run=args.dry_run, progress=sys.stderr.isatty())
    print(result.describe())
    return 0


def _export(args) -> int:
    from kiz_graph.exchange import export
    from kiz_graph.records import downloads

    try:
        with open_db() as db:
            written = export.export(db, args.target, args.format, args.centre, user=downloads.CLI_USER)
    except errors.UnknownCentreError as exc:
        raise UsageError(str(exc)) from None
    for path in written:
        print(f"wrote {path}")
    return 0


def _template(args) -> int:
    from kiz_graph.exchange.template import write_template

    if args.out.suffix.casefold() != ".xlsx":
        raise UsageError(f"the template is an Excel workbook: {args.out} does not end in .xlsx")
    print(f"wrote {write_template(args.out)}")
    return 0


def _dedupe(args) -> int:
    from kiz_graph.records import duplicates

    with open_db() as db:
        groups = duplicates.likely_duplicates(db)
    if not groups:
        print("no likely duplicates")
    for group in groups:
        print(f"{group['region_name'] or 'landesweit'} ({group['region'] or '-'}): likely the same organisation:")
        for organisation in group["organisations"]:
            print(f"  {organisation['id']}  {organisation['name']}  [{organisation['type']}, "
                  f"{organisation['relationships']} relationships]")
    if groups:
        print("merge one into another with: kiz-graph merge ID --into ID")
    return 0


def _merge(args) -> int:
    from kiz_graph.records import duplicates

    with open_db() as db:
        result = duplicates.merge(db, args.duplicate, args.into)
    print(f"merged {args.duplicate} into {result['id']} ({result['relationships']} relationships)")
    return 0


def _users_create(args) -> int:
    import getpass

    from kiz_graph import users

    if args.password_file:
        password = args.password_file.read_text(encoding="utf-8").strip()
    else:
        password = getpass.getpass("Passwort (12 bis 128 Zeichen, nicht leicht zu erraten): ")
    with open_db() as db:
        user = users.create_user(db, args.username, password, args.role, display_name=args.display_name,
                                 centres=tuple(args.centres))
    print(f"created {user.username} ({user.role}{', ' + ', '.join(user.centres) if user.centres else ''})")
    return 0


def _users_set_role(args) -> int:
    from kiz_graph import users

    with open_db() as db:
        user = users.set_role(db, args.username, args.role, tuple(args.centres))
    print(f"{user.username} is now {user.role}{' of ' + ', '.join(user.centres) if user.centres else ''}")
    return 0


def _users_disable(args) -> int:
    from kiz_graph import users

    with open_db() as db:
        user = users.disable(db, args.username)
    print(f"{user.username} is disabled")
    return 0


def _users_list(args) -> int:
    from kiz_graph import users

    with open_db() as db:
        for user in users.list_users(db):
            state = "disabled" if user.disabled else "active"
            print(f"{user.username}\t{user.role}\t{','.join(user.centres) or '-'}\t{state}")
    return 0


DEMO_USERS = (
    ("unna", "centre_staff", ("ki-05978",), "Team KI Kreis Unna"),
    ("koordination", "coordination", (), "Landesweite Koordinierung"),
    ("partner", "partner", (), "Partnerorganisation"),
)


def _users_demo(args) -> int:
    import secrets

    from kiz_graph import users

    print("Demo sign-ins (new passwords each run):")
    with open_db() as db:
        for username, role, centres, name in DEMO_USERS:
            password = secrets.token_urlsafe(12)
            if users.get_user(db, username) is None:
                users.create_user(db, username, password, role, display_name=name, centres=centres)
            else:
                users.set_role(db, username, role, centres)
                users.enable(db, username)
                users.set_password(db, username, password)
            print(f"  {username:<13} {password}   ({name})")
    return 0


def _serve(args) -> int:
    from web.server import serve  # the web face is only loaded for this command

    return serve(host=args.host, port=args.port, demo=args.demo, workers=args.workers, threads=args.threads)


if __name__ == "__main__":
    sys.exit(main())
