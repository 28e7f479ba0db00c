// Remember a centre's mapping of sheets and columns for its next upload.
MATCH (c:Centre {id: $centre})
SET c.import_mapping = $mapping
