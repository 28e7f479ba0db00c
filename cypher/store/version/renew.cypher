// The network's data changed: a new token for every cached result to compare with.
MERGE (v:DataVersion {name: 'graph'})
SET v.token = randomUUID()
