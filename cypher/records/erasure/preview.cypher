// A person about to be erased, as the confirmation names them: their record, where they
// work, the posts they hold, and the centres whose network includes them: a centre they work
// at, the centres serving their organisation's region, and every centre that has or had a
// cooperation with their organisation.
MATCH (p:Person {id: $id})
RETURN p.id AS id, p.name AS name, p.email AS email, p.phone AS phone, p.consent AS consent,
       COLLECT { MATCH (p)-[w:WORKS_AT]->(x) RETURN {name: x.name, function: w.function} } AS workplaces,
       COLLECT { MATCH (p)-[:HOLDS]->(pos:Position)<-[:HAS_POSITION]-(c:Centre)
                 RETURN {profession: pos.profession, centre: c.name} } AS positions,
       COLLECT {
         MATCH (p)-[:WORKS_AT]->(c:Centre) RETURN c.id AS centre
         UNION
         MATCH (p)-[:WORKS_AT]->(:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(:Region)<-[:SERVES]-(c:Centre)
         RETURN c.id AS centre
         UNION
         MATCH (p)-[:WORKS_AT]->(:Organisation)<-[:COOPERATES_WITH]-(c:Centre) RETURN c.id AS centre
       } AS centres
