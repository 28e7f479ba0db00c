UNWIND $rows AS row
MERGE (r:Region {ags: row.ags})
SET r.name = row.name, r.kind = row.kind, r.district = row.district, r.source = row.source
