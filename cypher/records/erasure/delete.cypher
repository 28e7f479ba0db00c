// The persons themselves, with every relationship (workplaces, posts held, languages).
UNWIND $ids AS id
MATCH (p:Person {id: id})
DETACH DELETE p
RETURN count(*) AS deleted
