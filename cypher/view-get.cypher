MATCH (v:SavedView {id: $id})
RETURN v {.*} AS view
