// Contact persons at the centre or at organisations of its region or partners.
MATCH (c:Centre {id: $centre})-[:SERVES]->(r:Region)
CALL (c, r) {
  MATCH (p:Person)-[:WORKS_AT]->(c)
  RETURN p
  UNION
  MATCH (p:Person)-[:WORKS_AT]->(o:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r)
  RETURN p
  UNION
  MATCH (c)-[:COOPERATES_WITH]->(:Organisation)<-[:WORKS_AT]-(p:Person)
  RETURN p
}
MATCH (p)-[:WORKS_AT]->(workplace)
WITH p, workplace
WHERE $q = '' OR toLower(p.name) CONTAINS toLower($q) OR toLower(workplace.name) CONTAINS toLower($q)
WITH p, CASE $sort WHEN 'organisation' THEN workplace.name WHEN 'consent' THEN p.consent ELSE p.name END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, p.name, p.id
WITH collect(p.id) AS ids
RETURN size(ids) AS total, ids[$skip..$skip + $limit] AS page
