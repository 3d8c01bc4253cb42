MATCH (v:SavedView {id: $id})
SET v += $changes
RETURN v {.*} AS view
