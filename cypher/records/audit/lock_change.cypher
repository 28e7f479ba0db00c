// A change about to be undone, locked, and whether it has been undone already: two undos
// of one change at once give one undo; and whether it concerned a person erased since.
MATCH (change:Change {id: $id})
SET change._lock = true
REMOVE change._lock
RETURN EXISTS { MATCH (:Change {undoes: change.id}) } AS undone, coalesce(change.erased, false) AS erased
