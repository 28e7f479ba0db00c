// The audit trail is read by change id, by the change it undoes, and by record (kind and
// key): an undo, a conflict message and a record's history each look one of them up.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_undoes IF NOT EXISTS FOR (c:Change) ON (c.undoes);
CREATE INDEX change_record IF NOT EXISTS FOR (c:Change) ON (c.kind, c.key);
