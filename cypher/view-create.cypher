CREATE (v:SavedView)
SET v = $props
RETURN v {.*} AS view
