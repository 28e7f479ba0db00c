// The places the directory can be filtered by: every region with its municipalities.
MATCH (r:Region)
RETURN r.ags AS ags, r.name AS name, r.kind AS kind,
       COLLECT { MATCH (m:Municipality)-[:PART_OF]->(r) RETURN m {.ags, .name} ORDER BY m.name } AS municipalities
ORDER BY r.name
