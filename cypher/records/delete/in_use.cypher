// What still refers to a record whose creation is to be undone (the refusal names it):
// everything linked to it except its own place, fields, stages, languages and workplace.
MATCH (n) WHERE (n:Organisation OR n:Person OR n:Network) AND n.id = $id
MATCH (n)-[r]-(other)
WHERE NOT type(r) IN ['LOCATED_IN', 'IN_FIELD', 'FOR_STAGE', 'SPEAKS']
  AND NOT (type(r) IN ['WORKS_AT', 'COORDINATES'] AND endNode(r) = other AND startNode(r) = n)
  AND NOT (type(r) = 'COORDINATES' AND endNode(r) = n)
RETURN type(r) AS relationship, startNode(r) = n AS outgoing, coalesce(other.name, other.title, '') AS name
ORDER BY name
LIMIT 5
