// Persons due for erasure: ended before $ended_before; consent withdrawn (and not given again);
// or no consent and no active workplace (ended themselves, or only at places that ended).
MATCH (p:Person)
WITH p,
     p.until IS NOT NULL AND p.until < $ended_before AS ended,
     p.consent_withdrawn_on IS NOT NULL AND coalesce(p.consent, 'none') = 'none' AS withdrawn,
     coalesce(p.consent, 'none') = 'none'
       AND NOT ((p.until IS NULL OR p.until >= $today)
                AND EXISTS { MATCH (p)-[:WORKS_AT]->(w) WHERE w.until IS NULL OR w.until >= $today }) AS unconsented
WHERE ended OR withdrawn OR unconsented
RETURN p.id AS id, p.name AS name, p.until AS until, p.consent_withdrawn_on AS withdrawn_on,
       ended, withdrawn, unconsented,
       COLLECT { MATCH (p)-[:WORKS_AT]->(w) RETURN w.name }[0] AS workplace
