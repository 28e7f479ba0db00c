// The recorded downloads that included one person, newest first.
MATCH (:Person {id: $id})<-[:INCLUDED]-(d:Download)
RETURN d.id AS id, toString(d.at) AS at, d.user AS user, d.kind AS kind, d.what AS what, d.centre AS centre,
       d.persons AS persons
ORDER BY d.at DESC, d.id DESC
