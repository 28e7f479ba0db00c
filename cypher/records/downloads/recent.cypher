// The latest recorded downloads of contact persons, newest first.
MATCH (d:Download)
RETURN d.id AS id, toString(d.at) AS at, d.user AS user, d.kind AS kind, d.what AS what, d.centre AS centre,
       d.persons AS persons, COUNT { (d)-[:INCLUDED]->(:Person) } AS still_held
ORDER BY d.at DESC, d.id DESC
LIMIT $limit
