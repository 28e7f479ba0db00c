// Keys that exist under any label of the model: an id names one thing only, so a new
// organisation cannot take the id of a centre, a network or a region key.
UNWIND $keys AS key
CALL (key) {
  MATCH (n:Centre|Organisation|Person|Network|Offer|Position|IntegrationConcept {id: key})
  RETURN labels(n) AS labels
  UNION
  MATCH (n:Region|Municipality {ags: key})
  RETURN labels(n) AS labels
}
RETURN key, collect(labels) AS labels
