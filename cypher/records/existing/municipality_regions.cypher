UNWIND $keys AS key
MATCH (m:Municipality {ags: key})-[:PART_OF]->(r:Region)
RETURN m.ags AS municipality, r.ags AS region
