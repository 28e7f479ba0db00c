// The organisations a new or renamed one is compared with (duplicates.similar): those of
// region $scope (its municipalities included), or with $scope null those of no region; not
// $id itself. The place is the municipality, else the city written. (The UNWIND keeps the
// second part from scanning every organisation when a region is given.)
MATCH (:Region {ags: $scope})<-[:PART_OF*0..1]-(place)<-[:LOCATED_IN]-(o:Organisation)
WHERE o.id <> $id
RETURN o.id AS id, o.name AS name, coalesce(CASE WHEN place:Municipality THEN place.name END, o.city) AS place
UNION
UNWIND CASE WHEN $scope IS NULL THEN [true] ELSE [] END AS statewide
MATCH (o:Organisation)
WHERE o.id <> $id AND NOT EXISTS { (o)-[:LOCATED_IN]->() }
RETURN o.id AS id, o.name AS name, o.city AS place
