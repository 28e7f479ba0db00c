// Server-side sessions are found by the hash of their key and tidied by age; sign-in
// counters by key and by account; sign-in events by time.
CREATE CONSTRAINT session_key IF NOT EXISTS FOR (s:Session) REQUIRE s.key_hash IS UNIQUE;
CREATE INDEX session_seen IF NOT EXISTS FOR (s:Session) ON (s.seen);
CREATE CONSTRAINT sign_in_count_key IF NOT EXISTS FOR (c:SignInCount) REQUIRE c.key IS UNIQUE;
CREATE INDEX sign_in_count_username IF NOT EXISTS FOR (c:SignInCount) ON (c.username);
CREATE INDEX sign_in_event_at IF NOT EXISTS FOR (e:SignInEvent) ON (e.at);
