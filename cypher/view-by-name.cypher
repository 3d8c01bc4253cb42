MATCH (v:SavedView {name_key: $key})
RETURN v.id AS id, v.name AS name
