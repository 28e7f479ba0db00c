// A cooperation is one per pair of partners and form (import-format.md): its key was
// (from, to, since) and is now (from, to, form).
//
// 1. The audit trail: a (:Change) of a cooperation names its record by the key as JSON,
// '["from", "to", "2014-06-01"]'; it now names it '["from", "to", "Projekt"]', the form
// taken from the record the change left (or, for a removal, found). So history and undo
// find a cooperation's earlier changes under its new key. Keys already rewritten are left.
MATCH (change:Change {kind: 'cooperations'})
WITH change, split(substring(change.key, 2, size(change.key) - 4), '", "') AS parts,
     coalesce(change.after, change.before) AS state
WHERE size(parts) = 3 AND parts[2] =~ '\\d{4}-\\d{2}-\\d{2}' AND state CONTAINS '"form": "'
SET change.key = '["' + parts[0] + '", "' + parts[1] + '", "' + split(split(state, '"form": "')[1], '"')[0] + '"]';

// 2. Where a pair has several cooperations of one form, one stays: the active one (no end,
// or an end still to come; of several the latest start), else the latest by start. It
// takes the others' history, so that nothing is lost: the earliest start, no end if any
// had none (else the latest end), every field of action, the latest contact, its own
// agreement (else the latest other one), and a note that keeps the others' notes and
// agreements and lists every period as it was ("Zeiträume vor der Zusammenführung:
// 01.03.2014–31.12.2016; seit 01.02.2018"). The others are removed.
MATCH (a)-[k:COOPERATES_WITH]->(b:Organisation)
WITH a, b, k.form AS form, collect(k) AS group
WHERE size(group) > 1
CALL (group) {
  UNWIND group AS k
  WITH k ORDER BY (k.until IS NULL OR k.until >= date()) DESC, k.since DESC, elementId(k)
  RETURN head(collect(k)) AS keep
}
CALL (group) {
  UNWIND group AS k
  WITH k ORDER BY k.since, k.until, elementId(k)
  RETURN collect(k) AS ordered
}
WITH keep, ordered, [k IN ordered WHERE k <> keep] AS others,
     [k IN ordered | [d IN [k.since, k.until] |
       CASE WHEN d IS NULL THEN null
            ELSE right('0' + toString(d.day), 2) + '.' + right('0' + toString(d.month), 2) + '.' + toString(d.year)
       END]] AS shown
WITH keep, ordered, others,
     reduce(agreement = keep.agreement, k IN others | coalesce(agreement, k.agreement)) AS agreement,
     [period IN shown | CASE WHEN period[1] IS NULL THEN 'seit ' + period[0] ELSE period[0] + '–' + period[1] END]
       AS periods
WITH keep, ordered, others, agreement,
     [note IN [keep.note] + [k IN others | k.note] WHERE note IS NOT NULL] AS notes,
     [k IN others WHERE k.agreement IS NOT NULL AND k.agreement <> agreement | 'Vereinbarung: ' + k.agreement]
       AS agreements,
     'Zeiträume vor der Zusammenführung: '
       + reduce(text = head(periods), period IN tail(periods) | text + '; ' + period) AS history
WITH keep, ordered, others, agreement,
     reduce(lines = [], line IN notes + agreements + [history] |
       lines + CASE WHEN line IN lines THEN [] ELSE [line] END) AS lines
SET keep.since = head(ordered).since,
    keep.until = CASE WHEN any(k IN ordered WHERE k.until IS NULL) THEN null
                      ELSE reduce(last = null, k IN ordered |
                        CASE WHEN last IS NULL OR k.until > last THEN k.until ELSE last END) END,
    keep.fields = reduce(fields = coalesce(keep.fields, []), k IN others |
                    fields + [field IN coalesce(k.fields, []) WHERE NOT field IN fields]),
    keep.last_contact = reduce(last = keep.last_contact, k IN others |
                          CASE WHEN last IS NULL OR k.last_contact > last THEN k.last_contact ELSE last END),
    keep.agreement = agreement,
    keep.note = reduce(text = head(lines), line IN tail(lines) | text + '\n' + line)
WITH others
UNWIND others AS other
DELETE other;
