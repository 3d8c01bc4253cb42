// Deletes the relationships that start in a namespace, in batches (auto-commit: IN TRANSACTIONS needs it),
// before cypher/reset-namespace deletes its nodes. Deleting nodes with DETACH alone put each node's
// relationships in the batch that held it: the first batch of a 1M-node graph holds its oldest nodes,
// the hubs, and ran out of transaction memory (Neo.TransientError.General.MemoryPoolOutOfMemoryError).
MATCH (:Entity {ns: $ns})-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
