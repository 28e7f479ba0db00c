// Take the write lock of each counter of one sign-in attempt, creating what is missing
// ($keys in order, so that two attempts never wait for each other crosswise). Counts read
// after this in the same transaction are the latest committed: concurrent attempts queue here.
UNWIND $keys AS key
MERGE (c:SignInCount {key: key})
  ON CREATE SET c.count = 0, c.since = $now,
                c.username = CASE WHEN key STARTS WITH 'adresse:' THEN null ELSE $username END
SET c.touched = $now
