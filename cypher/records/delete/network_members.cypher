MATCH (:Organisation {id: $key[1]})-[m:MEMBER_OF]->(:Network {id: $key[0]})
DELETE m
RETURN count(*) AS deleted
