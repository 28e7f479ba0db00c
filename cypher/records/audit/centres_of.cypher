// The centres each reference leads to, looked up under its own label only (an id is
// unique within a label, not across them): a centre itself, the centres serving an
// organisation's region, the centre coordinating a network, the centres serving a region;
// and whether the referenced node exists at all.
UNWIND $refs AS ref
RETURN ref.label AS label, ref.id AS id,
       CASE ref.label
         WHEN 'Centre' THEN COLLECT { MATCH (c:Centre {id: ref.id}) RETURN c.id }
         WHEN 'Organisation' THEN COLLECT {
           MATCH (:Organisation {id: ref.id})-[:LOCATED_IN]->()-[:PART_OF*0..1]->(:Region)<-[:SERVES]-(c:Centre)
           RETURN DISTINCT c.id }
         WHEN 'Network' THEN COLLECT { MATCH (c:Centre)-[:COORDINATES]->(:Network {id: ref.id}) RETURN c.id }
         ELSE COLLECT { MATCH (:Region {ags: ref.id})<-[:SERVES]-(c:Centre) RETURN c.id }
       END AS centres,
       CASE ref.label
         WHEN 'Centre' THEN EXISTS { (:Centre {id: ref.id}) }
         WHEN 'Organisation' THEN EXISTS { (:Organisation {id: ref.id}) }
         WHEN 'Network' THEN EXISTS { (:Network {id: ref.id}) }
         ELSE EXISTS { (:Region {ags: ref.id}) }
       END AS found
