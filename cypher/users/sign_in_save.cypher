// The counters of one sign-in attempt as they are after it (still locked by this transaction).
UNWIND $counters AS counter
MATCH (c:SignInCount {key: counter.key})
SET c.count = counter.count, c.since = counter.since, c.until = counter.until, c.known_until = counter.known_until
