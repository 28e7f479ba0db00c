// The sign-in counters with these keys (those that exist).
MATCH (c:SignInCount) WHERE c.key IN $keys
RETURN c.key AS key, c.count AS count, c.since AS since, c.until AS until, c.known_until AS known_until
