// Contact persons at the centre or at organisations of its region, and those of partners
// elsewhere as far as the centre's staff may see them (`foreign`: not editable here): consent
// in $consents, or in $network_consents at an organisation of $network, the centre's network
// today (kiz_graph/records/visibility.py).
MATCH (c:Centre {id: $centre})-[:SERVES]->(r:Region)
CALL (c, r) {
  MATCH (p:Person)-[:WORKS_AT]->(c)
  RETURN p, true AS own
  UNION
  MATCH (p:Person)-[:WORKS_AT]->(o:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r)
  RETURN p, true AS own
  UNION
  MATCH (c)-[:COOPERATES_WITH]->(o:Organisation)<-[:WORKS_AT]-(p:Person)
  WHERE (coalesce(p.consent, 'none') IN $consents
         OR (coalesce(p.consent, 'none') IN $network_consents AND o.id IN $network))
    AND NOT EXISTS { (o)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r) }
  RETURN p, false AS own
}
MATCH (p)-[:WORKS_AT]->(workplace)
WITH p, own, workplace
WHERE $q = '' OR toLower(p.name) CONTAINS toLower($q) OR toLower(workplace.name) CONTAINS toLower($q)
WITH p, own, CASE $sort WHEN 'organisation' THEN workplace.name WHEN 'consent' THEN p.consent ELSE p.name END AS sort_key
RETURN collect([p.id, sort_key, p.name]) AS rows, collect(CASE WHEN NOT own THEN p.id END) AS foreign
