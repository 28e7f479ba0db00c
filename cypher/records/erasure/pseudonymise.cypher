// Recorded changes with the erased persons' values replaced: the change itself stays, and is
// marked so that no undo brings them back.
UNWIND $rows AS row
MATCH (change:Change {id: row.id})
SET change.key = row.key, change.before = row.before, change.after = row.after, change.summary = row.summary,
    change.erased = true
