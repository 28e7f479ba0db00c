// A change about to be undone, locked, and whether it has been undone already: two undos
// of one change at once give one undo.
MATCH (change:Change {id: $id})
SET change._lock = true
REMOVE change._lock
RETURN EXISTS { MATCH (:Change {undoes: change.id}) } AS undone
