// A download that contained contact persons: who, when, which (kind and a German description
// of the selection, never a search text) and how many persons; -[:INCLUDED]-> each person
// still in the graph, so that the access report finds it and an erased person leaves no
// trace here (the relationship goes with the node; the count stays). Not network data: the
// data's version is not renewed.
CREATE (d:Download {id: $id, at: datetime(), user: $user, kind: $kind, what: $what, centre: $centre,
                    persons: size($persons)})
WITH d
UNWIND $persons AS person_id
MATCH (p:Person {id: person_id})
CREATE (d)-[:INCLUDED]->(p)
RETURN count(*) AS included
