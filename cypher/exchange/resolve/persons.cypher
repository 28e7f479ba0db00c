// The persons who may be meant by rows without an id: those with one of the e-mail
// addresses (any case), and those working at one of the organisations or centres.
MATCH (p:Person)
WHERE toLower(p.email) IN $emails
OPTIONAL MATCH (p)-[:WORKS_AT]->(w)
RETURN p.id AS id, p.name AS name, toLower(p.email) AS email, w.id AS workplace
UNION
UNWIND $workplaces AS workplace
MATCH (p:Person)-[:WORKS_AT]->(:Organisation {id: workplace})
RETURN p.id AS id, p.name AS name, toLower(p.email) AS email, workplace
UNION
UNWIND $workplaces AS workplace
MATCH (p:Person)-[:WORKS_AT]->(:Centre {id: workplace})
RETURN p.id AS id, p.name AS name, toLower(p.email) AS email, workplace
