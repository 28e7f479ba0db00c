// A centre's funded posts (Stellen) and who holds them.
UNWIND $rows AS row
MATCH (c:Centre {id: row.centre_id})
MERGE (pos:Position {id: row.id})
SET pos.profession = row.profession, pos.fte = row.fte, pos.funding = row.funding,
    pos.role = row.role, pos.until = row.until
WITH c, pos, row
CALL (c, pos) {
  OPTIONAL MATCH (other:Centre)-[old:HAS_POSITION]->(pos)
  WHERE other <> c
  DELETE old
}
MERGE (c)-[:HAS_POSITION]->(pos)
WITH pos, row
CALL (pos, row) {
  OPTIONAL MATCH (x:Person)-[old:HOLDS]->(pos)
  WHERE row.person_id IS NULL OR x.id <> row.person_id
  DELETE old
}
CALL (pos, row) {
  MATCH (x:Person {id: row.person_id})
  MERGE (x)-[:HOLDS]->(pos)
}
