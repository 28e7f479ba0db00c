// One failed or refused sign-in, for the coordination office. Events older than
// $events_before and counters that no longer block or remember anything are removed
// on the way (a few at a time, so that no attempt waits long).
CREATE (:SignInEvent {at: $at, username: $username, address: $address, outcome: $outcome})
WITH 1 AS done
CALL {
  MATCH (e:SignInEvent) WHERE e.at < $events_before
  WITH e LIMIT 500
  DELETE e
}
CALL {
  MATCH (c:SignInCount)
  WHERE c.touched < $counts_before AND (c.until IS NULL OR c.until < $at)
    AND (c.known_until IS NULL OR c.known_until < $at)
  WITH c LIMIT 500
  DELETE c
}
RETURN done
