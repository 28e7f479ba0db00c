// Move every relationship of $duplicate to $keep, then remove $duplicate. Cooperations and
// memberships keep their dates and properties (history); a place, field or stage the kept
// organisation already has is not doubled. The kept node remembers the merged id.
MATCH (duplicate:Organisation {id: $duplicate}), (keep:Organisation {id: $keep})
// A cooperation is one per pair and form: where the kept organisation has one of the same
// form with the same partner, that one takes the duplicate's (as migration V0005 folds them:
// the earliest start, no end if either has none, every field, the latest contact, and a
// note that keeps the other note and both periods as they were).
CALL (duplicate, keep) {
  MATCH (duplicate)-[r:COOPERATES_WITH]-(other)-[s:COOPERATES_WITH]-(keep)
  WHERE s.form = r.form AND (startNode(r) = duplicate) = (startNode(s) = keep)
  WITH duplicate, r, s,
       [k IN CASE WHEN r.since <= s.since THEN [r, s] ELSE [s, r] END | [d IN [k.since, k.until] |
         CASE WHEN d IS NULL THEN null
              ELSE substring(toString(d), 8, 2) + '.' + substring(toString(d), 5, 2) + '.' + substring(toString(d), 0, 4)
         END]] AS shown
  WITH r, s,
       [line IN [s.note, r.note] WHERE line IS NOT NULL]
       + CASE WHEN r.agreement <> s.agreement THEN ['Vereinbarung: ' + r.agreement] ELSE [] END
       + ['Zeiträume vor der Zusammenführung mit ' + duplicate.id + ': '
          + reduce(text = '', period IN shown | text + CASE text WHEN '' THEN '' ELSE '; ' END
            + CASE WHEN period[1] IS NULL THEN 'seit ' + period[0] ELSE period[0] + '–' + period[1] END)] AS lines
  SET s.since = CASE WHEN r.since < s.since THEN r.since ELSE s.since END,
      s.until = CASE WHEN r.until IS NULL OR s.until IS NULL THEN null
                     WHEN r.until > s.until THEN r.until ELSE s.until END,
      s.fields = coalesce(s.fields, []) + [field IN coalesce(r.fields, []) WHERE NOT field IN coalesce(s.fields, [])],
      s.last_contact = CASE WHEN s.last_contact IS NULL OR r.last_contact > s.last_contact THEN r.last_contact
                            ELSE s.last_contact END,
      s.agreement = coalesce(s.agreement, r.agreement),
      s.note = reduce(text = head(lines), line IN tail(lines) | text + '\n' + line)
  DELETE r
}
CALL (duplicate, keep) {
  MATCH (duplicate)-[r]->(other)
  WHERE other <> keep
    AND NOT (type(r) IN ['LOCATED_IN', 'IN_FIELD', 'FOR_STAGE'] AND EXISTS { (keep)-[s]->(other) WHERE type(s) = type(r) })
    AND NOT (type(r) = 'LOCATED_IN' AND EXISTS { (keep)-[:LOCATED_IN]->() })
    AND NOT (type(r) = 'MEMBER_OF' AND EXISTS { (keep)-[:MEMBER_OF]->(other) })
  CREATE (keep)-[moved:$(type(r))]->(other)
  SET moved = properties(r)
}
CALL (duplicate, keep) {
  MATCH (other)-[r]->(duplicate)
  WHERE other <> keep
    AND NOT (type(r) = 'COOPERATES_WITH' AND EXISTS { (other)-[s:COOPERATES_WITH]->(keep) WHERE s.form = r.form })
  CREATE (other)-[moved:$(type(r))]->(keep)
  SET moved = properties(r)
}
SET keep.merged_ids = coalesce(keep.merged_ids, []) + [duplicate.id]
DETACH DELETE duplicate
RETURN keep.id AS id, COUNT { (keep)--() } AS relationships
