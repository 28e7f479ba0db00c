// The token of the data as it is now (no row before the first change).
MATCH (v:DataVersion {name: 'graph'})
RETURN v.token AS token
