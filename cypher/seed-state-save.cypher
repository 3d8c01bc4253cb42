// Records the fingerprint of the dataset a namespace was just seeded from.
MERGE (s:SeedState {ns: $ns})
SET s.fingerprint = $fingerprint, s.seeded_at = datetime()
RETURN s.fingerprint AS fingerprint
