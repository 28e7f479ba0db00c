CALL () { MATCH (c:Centre) RETURN count(c) AS centres }
CALL () { MATCH (r:Region) RETURN count(r) AS regions }
CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations }
CALL () { MATCH (p:Person) RETURN count(p) AS persons }
CALL () { MATCH ()-[k:COOPERATES_WITH]->() RETURN count(k) AS cooperations }
RETURN centres, regions, organisations, persons, cooperations
