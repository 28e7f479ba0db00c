// Organisations by folded name (name_key) or Schulnummer, with where they lie and how close
// they are to the importing centre: 2 in its network (a cooperation or a network of its),
// 1 in a region it serves, 0 elsewhere (or no centre given).
UNWIND $keys AS key
MATCH (o:Organisation {name_key: key})
RETURN key, null AS schulnummer, o.id AS id, o.name AS name, o.city AS city,
       [(o)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r:Region) | r.ags] AS regions,
       CASE WHEN $centre IS NULL THEN 0
            WHEN EXISTS { (:Centre {id: $centre})-[:COOPERATES_WITH]->(o) }
              OR EXISTS { (:Centre {id: $centre})-[:COORDINATES]->(:Network)<-[:MEMBER_OF]-(o) } THEN 2
            WHEN EXISTS { (o)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(:Region)<-[:SERVES]-(:Centre {id: $centre}) } THEN 1
            ELSE 0 END AS closeness
UNION ALL
UNWIND $schulnummern AS number
MATCH (o:Organisation {schulnummer: number})
RETURN null AS key, number AS schulnummer, o.id AS id, o.name AS name, o.city AS city,
       [(o)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r:Region) | r.ags] AS regions, 0 AS closeness
