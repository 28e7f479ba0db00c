from pathlib import Path

import pytest

from kiz_graph.errors import MigrationError
from kiz_graph.store import migrations
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
