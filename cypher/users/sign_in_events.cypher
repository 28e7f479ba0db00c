// The latest failed and refused sign-ins since $since, newest first.
MATCH (e:SignInEvent) WHERE e.at >= $since
RETURN e.at AS at, e.username AS username, e.address AS address, e.outcome AS outcome
ORDER BY e.at DESC
LIMIT $limit
