// A cooperation is identified by its two ends and its start; ending one sets `until`.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (c:Centre {id: row.from_id})
  OPTIONAL MATCH (o:Organisation {id: row.from_id})
  RETURN coalesce(c, o) AS source
}
MATCH (target:Organisation {id: row.to_id})
MERGE (source)-[k:COOPERATES_WITH {since: row.since}]->(target)
SET k.until = row.until, k.form = row.form, k.fields = row.fields, k.agreement = row.agreement,
    k.last_contact = row.last_contact, k.note = row.note
