// A cooperation is one per pair of partners and form (import-format.md): it is identified by
// its two ends and its form; its days (since, until) are values like any other. Ending one
// sets `until`.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (c:Centre {id: row.from_id})
  OPTIONAL MATCH (o:Organisation {id: row.from_id})
  RETURN coalesce(c, o) AS source
}
MATCH (target:Organisation {id: row.to_id})
MERGE (source)-[k:COOPERATES_WITH {form: row.form}]->(target)
SET k.since = row.since, k.until = row.until, k.fields = row.fields, k.agreement = row.agreement,
    k.last_contact = row.last_contact, k.note = row.note
