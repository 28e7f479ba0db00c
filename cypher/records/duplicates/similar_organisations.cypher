// The organisations a new or renamed one is compared with (duplicates.similar): those of
// region $scope (its municipalities included), or with $scope null those of no region; not
// $id itself. The place is the municipality, else the city written.
MATCH (:Region {ags: $scope})<-[:PART_OF*0..1]-(place)<-[:LOCATED_IN]-(o:Organisation)
WHERE o.id <> $id
RETURN o.id AS id, o.name AS name, coalesce(CASE WHEN place:Municipality THEN place.name END, o.city) AS place
UNION
MATCH (o:Organisation)
WHERE $scope IS NULL AND o.id <> $id AND NOT EXISTS { (o)-[:LOCATED_IN]->() }
RETURN o.id AS id, o.name AS name, o.city AS place
