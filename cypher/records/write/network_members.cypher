UNWIND $rows AS row
MATCH (n:Network {id: row.network_id})
MATCH (o:Organisation {id: row.organisation_id})
MERGE (o)-[m:MEMBER_OF]->(n)
SET m.since = row.since, m.until = row.until
