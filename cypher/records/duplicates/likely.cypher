// Organisations with the same folded name in the same region (or both without region).
MATCH (o:Organisation)
OPTIONAL MATCH (o)-[:LOCATED_IN]->(place)
OPTIONAL MATCH (place)-[:PART_OF]->(parent:Region)
WITH o, CASE WHEN place:Region THEN place ELSE parent END AS region
WITH region, o.name_key AS name_key, collect(o) AS organisations
WHERE size(organisations) > 1
RETURN region.ags AS region, region.name AS region_name, name_key,
       [o IN organisations | {id: o.id, name: o.name, type: o.type,
        relationships: COUNT { (o)--() }}] AS organisations
ORDER BY region, name_key
