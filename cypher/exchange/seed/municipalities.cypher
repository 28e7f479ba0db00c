UNWIND $rows AS row
MATCH (r:Region {ags: row.region})
MERGE (m:Municipality {ags: row.ags})
SET m.name = row.name
MERGE (m)-[:PART_OF]->(r)
