// Names to suggest when a name resolves to nothing: the organisations of the importing
// centre's regions, or all of them (at most a few tens of thousands, compared in Python).
MATCH (o:Organisation)
WHERE $centre IS NULL
   OR EXISTS { (o)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(:Region)<-[:SERVES]-(:Centre {id: $centre}) }
   OR EXISTS { (:Centre {id: $centre})-[:COOPERATES_WITH]->(o) }
RETURN o.id AS id, o.name AS name, o.city AS city
