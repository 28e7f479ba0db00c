CALL () {
  OPTIONAL MATCH (c:Centre {id: $key[0]})
  OPTIONAL MATCH (o:Organisation {id: $key[0]})
  RETURN coalesce(c, o) AS source
}
MATCH (source)-[k:COOPERATES_WITH]->(:Organisation {id: $key[1]})
WHERE k.form = $key[2]
DELETE k
RETURN count(*) AS deleted
