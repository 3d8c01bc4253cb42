// The fingerprint of the dataset a namespace was last seeded from; none before the first seed that
// recorded one (server/seed reloads the curated graph when it differs from the shipped dataset's).
OPTIONAL MATCH (s:SeedState {ns: $ns})
RETURN s.fingerprint AS fingerprint
