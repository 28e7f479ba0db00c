// Every centre with the regions it serves: a centre may be named by its id, its name or its region.
MATCH (c:Centre)
OPTIONAL MATCH (c)-[:SERVES]->(r:Region)
RETURN c.id AS id, c.name AS name, collect(r.ags) AS regions, collect(r.name) AS region_names
ORDER BY id
