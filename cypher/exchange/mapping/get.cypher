// How a centre's staff last mapped the sheets and columns of their files (JSON text, or null).
MATCH (c:Centre {id: $centre})
RETURN c.import_mapping AS mapping
