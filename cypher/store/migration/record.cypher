MERGE (m:Migration {version: $version})
ON CREATE SET m.description = $description, m.checksum = $checksum, m.applied_at = datetime()
