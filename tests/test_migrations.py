import datetime as dt
from pathlib import Path

import pytest

from kiz_graph.errors import MigrationError, ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.records import audit, edits
from kiz_graph.store import maintenance, migrations
from kiz_graph.store.migrations import split_statements


def _schema(db):
    rows = db.run_text("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", write=False)
    return set(rows[0]["names"])


def test_migrate_applies_every_file_once(empty_db):
    applied = migrations.migrate(empty_db)
    assert [m.file_name for m in applied] == [m.file_name for m in migrations.discover()]
    assert {"centre_id", "organisation_id", "person_id", "region_ags"} <= _schema(empty_db)
    recorded = migrations.applied(empty_db)
    assert sorted(recorded) == [m.version for m in applied]

    assert migrations.migrate(empty_db) == []
    assert migrations.pending(empty_db) == []


def test_failing_migration_is_reported_and_not_recorded(empty_db, tmp_path: Path):
    (tmp_path / "V0001__first.cypher").write_text(
        "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (t:Thing) REQUIRE t.id IS UNIQUE;\n"
    )
    (tmp_path / "V0002__broken.cypher").write_text(
        "CREATE INDEX thing_name IF NOT EXISTS FOR (t:Thing) ON (t.name);\n"
        "CREATE CONSTRAIN oops FOR (t:Thing);\n"
    )
    with pytest.raises(MigrationError) as raised:
        migrations.migrate(empty_db, source=tmp_path)
    message = str(raised.value)
    assert "V0002__broken.cypher" in message and "statement 2" in message and "CREATE CONSTRAIN oops" in message
    assert sorted(migrations.applied(empty_db)) == [1]

    # Once the file is fixed, the next run applies it; nothing is applied twice.
    (tmp_path / "V0002__broken.cypher").write_text("CREATE INDEX thing_name IF NOT EXISTS FOR (t:Thing) ON (t.name);\n")
    assert [m.version for m in migrations.migrate(empty_db, source=tmp_path)] == [2]
    assert migrations.migrate(empty_db, source=tmp_path) == []


def test_a_changed_applied_migration_is_refused(empty_db, tmp_path: Path):
    path = tmp_path / "V0001__first.cypher"
    path.write_text("CREATE INDEX a IF NOT EXISTS FOR (t:Thing) ON (t.a);")
    migrations.migrate(empty_db, source=tmp_path)
    path.write_text("CREATE INDEX a IF NOT EXISTS FOR (t:Thing) ON (t.b);")
    with pytest.raises(MigrationError, match="V0001__first.cypher: changed after it was applied"):
        migrations.migrate(empty_db, source=tmp_path)


def test_badly_named_migration_file_is_refused(tmp_path: Path):
    (tmp_path / "0001_first.cypher").write_text("RETURN 1")
    with pytest.raises(MigrationError, match="0001_first.cypher: a migration file is named V0001__description"):
        migrations.discover(tmp_path)


def test_statements_split_only_outside_strings_and_comments():
    text = """
    // a comment; with a semicolon
    CREATE (:A {text: 'one; two', other: "three;"});
    /* block; comment */ CREATE (:`We;ird`);
    CREATE (:B {s: 'it\\'s; fine'})
    """
    assert split_statements(text) == [
        "CREATE (:A {text: 'one; two', other: \"three;\"})",
        "CREATE (:`We;ird`)",
        "CREATE (:B {s: 'it\\'s; fine'})",
    ]


# --- V0005: one cooperation per pair and form -------------------------------------------

UNNA = "ki-05978"
OLD_GRAPH = """
MATCH (c:Centre {id: 'ki-05978'}), (o:Organisation {id: 'mso-1'}), (p:Organisation {id: 'kita-1'})
CREATE (c)-[:COOPERATES_WITH {form: 'Projekt', since: date('2014-03-01'), until: date('2016-12-31'),
                              fields: ['gesundheit'], agreement: 'Projektvertrag 2014',
                              last_contact: date('2016-10-01'), note: 'Sommerschule'}]->(o),
       (c)-[:COOPERATES_WITH {form: 'Projekt', since: date('2018-02-01'), fields: ['bildung'], note: 'Elterncafé',
                              agreement: 'Projektvertrag 2018'}]->(o),
       (c)-[:COOPERATES_WITH {form: 'informell', since: date('2018-02-01'), fields: []}]->(o),
       (c)-[:COOPERATES_WITH {form: 'Netzwerk', since: date('2010-05-01'), until: date('2020-06-30')}]->(p),
       (c)-[:COOPERATES_WITH {form: 'Netzwerk', since: date('2012-01-01'), until: date('2013-12-31')}]->(p)
"""


def _cooperation(to_id: str, form: str, since: dt.date, **values) -> dict:
    return {"from_id": UNNA, "to_id": to_id, "form": form, "since": since, "until": None, "fields": [],
            "agreement": None, "last_contact": None, "note": None, **values}


def _old_changes(tx) -> None:
    """Changes as the old model recorded them: keyed by the start."""
    informell = _cooperation("mso-1", "informell", dt.date(2018, 2, 1))
    started = _cooperation("mso-1", "Projekt", dt.date(2014, 3, 1), fields=["gesundheit"], note="Sommerschule",
                           agreement="Projektvertrag 2014", last_contact=dt.date(2016, 10, 1))
    audit.record(tx, user="anna", kind="cooperations", changes=[
        audit.Recorded("create", (UNNA, "mso-1", dt.date(2018, 2, 1)), None, informell, {UNNA}),
        audit.Recorded("end", (UNNA, "mso-1", dt.date(2014, 3, 1)), started,
                       {**started, "until": dt.date(2016, 12, 31)}, {UNNA}),
    ])


def test_v0005_folds_the_cooperations_of_a_pair_and_form_and_rekeys_their_history(db):
    seeding.seed(db)
    for org, name in (("mso-1", "Elternverein Kamen"), ("kita-1", "Kita Regenbogen")):
        edits.create(db, "organisations", {"id": org, "name": name, "type": "Other", "region": "05978"})
    db.run_text(OLD_GRAPH, write=True)
    db.write_transaction(_old_changes)
    db.run_text("MATCH (m:Migration {version: 5}) DELETE m", write=True)

    assert [m.version for m in migrations.migrate(db)] == [5]
    # the active one stays, with the earliest start and everything the other held
    assert edits.get(db, "cooperations", (UNNA, "mso-1", "Projekt")) == _cooperation(
        "mso-1", "Projekt", dt.date(2014, 3, 1), fields=["bildung", "gesundheit"], agreement="Projektvertrag 2018",
        last_contact=dt.date(2016, 10, 1),
        note="Elterncafé\nSommerschule\nVereinbarung: Projektvertrag 2014\n"
             "Zeiträume vor der Zusammenführung: 01.03.2014–31.12.2016; seit 01.02.2018")
    # none active: the latest end stays, and the overlapping periods are listed
    assert edits.get(db, "cooperations", (UNNA, "kita-1", "Netzwerk")) == _cooperation(
        "kita-1", "Netzwerk", dt.date(2010, 5, 1), until=dt.date(2020, 6, 30),
        note="Zeiträume vor der Zusammenführung: 01.05.2010–30.06.2020; 01.01.2012–31.12.2013")
    assert edits.get(db, "cooperations", (UNNA, "mso-1", "informell"))["since"] == dt.date(2018, 2, 1)
    assert db.run_text("MATCH ()-[k:COOPERATES_WITH]->() RETURN count(k) AS n", write=False) == [{"n": 3}]

    # the history is found under the new keys: undo works where the record is as the change left it
    ended = audit.history(db, kind="cooperations", key=(UNNA, "mso-1", "Projekt"))
    assert [c.action for c in ended] == ["end"]
    with pytest.raises(ValidationError, match="erneut geändert"):
        edits.undo(db, ended[0].id, "anna")  # the fold changed the record since
    created = audit.history(db, kind="cooperations", key=(UNNA, "mso-1", "informell"))
    assert [c.action for c in created] == ["create"]
    edits.undo(db, created[0].id, "anna")
    assert edits.get(db, "cooperations", (UNNA, "mso-1", "informell")) is None

    # the file may run again (a fixed migration does): it changes nothing more
    before = maintenance.snapshot(db)
    for statement in migrations.discover()[4].statements():
        db.run_text(statement, write=True)
    assert maintenance.snapshot(db) == before
