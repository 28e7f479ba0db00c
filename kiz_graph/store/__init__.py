"""The database: where it is, the project's own Neo4j server, the driver handle, migrations."""
