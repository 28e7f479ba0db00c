// Ids already taken under some prefixes, per label, so that generated ids continue them.
UNWIND $prefixes AS wanted
CALL (wanted) {
  WITH wanted WHERE wanted.label = 'Organisation'
  MATCH (n:Organisation) WHERE n.id STARTS WITH wanted.prefix RETURN n.id AS id
  UNION
  WITH wanted WHERE wanted.label = 'Person'
  MATCH (n:Person) WHERE n.id STARTS WITH wanted.prefix RETURN n.id AS id
  UNION
  WITH wanted WHERE wanted.label = 'Position'
  MATCH (n:Position) WHERE n.id STARTS WITH wanted.prefix RETURN n.id AS id
  UNION
  WITH wanted WHERE wanted.label = 'Network'
  MATCH (n:Network) WHERE n.id STARTS WITH wanted.prefix RETURN n.id AS id
  UNION
  WITH wanted WHERE wanted.label = 'Offer'
  MATCH (n:Offer) WHERE n.id STARTS WITH wanted.prefix RETURN n.id AS id
}
RETURN wanted.label AS label, wanted.prefix AS prefix, id
