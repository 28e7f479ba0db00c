// The persons a new or renamed one is compared with (duplicates.similar): those working at
// $scope (an organisation, or a centre for its own staff); not $id itself.
OPTIONAL MATCH (o:Organisation {id: $scope})
OPTIONAL MATCH (c:Centre {id: $scope})
WITH coalesce(o, c) AS workplace
MATCH (p:Person)-[:WORKS_AT]->(workplace)
WHERE p.id <> $id
RETURN p.id AS id, p.name AS name, workplace.name AS place
