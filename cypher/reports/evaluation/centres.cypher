// Every centre with its region and Regierungsbezirk (public bodies, no personal data): the
// rows of the evaluation export.
MATCH (c:Centre)-[:SERVES]->(r:Region)
RETURN c.id AS centre_id, c.name AS centre_name, r.ags AS region_ags, r.name AS region_name,
       r.kind AS region_kind, r.district AS district, toString(c.opened_on) AS opened_on
ORDER BY centre_id
