/**
 * bench/findings — what the profiling of missed targets found, what was changed, and what it gained.
 *
 * Kept by hand in step with the last full run (bench/rerender.ts puts it into latest.md/json
 * without running the benchmark again). Figures quoted here come from that run or from the
 * PROFILE/EXPLAIN sessions named in each line.
 */
import type { BenchReport } from './report';

export const CHANGES: BenchReport['changes'] = [
  {
    what: 'Bulk load: the benchmark starts its Neo4j instance on a fresh store every run instead of loading into a store that held (and deleted) an earlier graph.',
    gained:
      'PROFILE showed the first seed-relationships batch planned as DirectedAllRelationshipsScan + Filter, which walks every relationship record (deleted ones included) for each row: after a resetNamespace of a 100k graph, a 5,000-row batch hit the 60 s transaction timeout and the 10k graph loaded at 133 relationships/s; on a fresh store the same step loads at 2,132/s.',
  },
  {
    what: 'Bulk load: on an empty store the loader writes a 500-row primer batch first and pauses 11 s (dbms.cypher.min_replan_interval is 10 s) before the measured batches.',
    gained:
      'The scan plan then costs about 1 s (0.8–1.2 s measured) instead of a whole 5,000-row batch; the next execution is replanned to Expand(Into) (checked with PROFILE on every batch of a ramp: SCAN on the first, EXPAND-INTO from the second on). The pause is not counted in the rates; the primer is.',
  },
  {
    what: 'Bulk load: the relationship batch size is swept (1,000–20,000 rows) on the 100k step and the fastest is used for the 1M graph.',
    gained: 'See the sweep table: 1,000-row batches were the slowest; from 5,000 rows up the rate is flat within the machine’s noise.',
  },
  {
    what: 'Measurement: autocannon drops the requests still in flight when its window closes, so an endpoint slower than the window gave no figure at all; such endpoints are now run again for a fixed count (2 × concurrency).',
    gained: 'graph-filtered, which had no API figure at 10k in the first quick run (0 answers in 3 s), is measured at every size.',
  },
  {
    what: 'Memory: the server is measured 6 s after each round, once the requests still running inside it (up to the 5 s query timeout) have finished.',
    gained:
      'The first quick run showed a false +77 MiB “growth” from round 1 to 3 (heap 28 → 68 MiB after GC, requests still in flight); measured after the pause, the heap after GC stays at 28 MiB across the three rounds.',
  },
];

export const NOTES: string[] = [
  'The machine was shared with other engineers’ test suites (several Neo4j instances and browsers): the load average during the full run stayed between 15 and 27 on 2 cores, against 2 for a quiet machine. Every absolute figure is inflated by that, and the API-versus-driver ratios are noisy for the same reason (the API side adds a Node process that competes for the same 2 cores). Each table gives the 1-minute load average next to its figures.',
  'Bulk load, why 50,000 relationships/s is missed: the loader is the curated seed’s, one writer, MERGE semantics. PROFILE of a 5,000-row seed-relationships batch: NodeUniqueIndexSeek(Locking) ×2, LockingMerge with LOCK(a, b), Expand(Into), an Eager (the MERGE reads r.id, SET r += row.props writes properties) and SetRelationshipPropertiesFromMap. Two batches in flight deadlock on the hub nodes (Neo.TransientError.Transaction.DeadlockDetected, seen with 2 concurrent writers), so the load stays single-writer. A bare `UNWIND $rows AS row RETURN count(row)` with the same 5,000-row batches ran at about 22,000 rows/s on this machine at load ≈ 8: the rows’ shape (a nested props map with two string lists per relationship) costs that much to pack and ship through the JavaScript driver before Neo4j does any work. The offline importer (below) shows what the same graph costs without Cypher.',
  'Proposed fix (server, not made here): cypher/seed-relationships.cypher uses a dynamic type in MERGE, `MERGE (a)-[r:$(row.type) {id: row.id}]->(b)`. With a dynamic type the planner costs the MERGE’s read side as a scan of all relationships joined back to a and b, and picks it whenever the store holds few relationships (EXPLAIN: DirectedAllRelationshipsScan at 0 relationships; Expand(Into) once there are many); the plan is then cached until a replan. With a static type (`MERGE (a)-[r:ADDRESSES {id: row.id}]->(b)`) EXPLAIN shows Expand(Into) at any size. SeedRepository could group rows by type and run one statement per type with the whitelisted type inlined (the repository already checks types against the whitelist). This would also protect `npm run seed -- --reset` on a store that once held a large graph.',
  'Search does not scale: search-contains (the substring fallback) is `MATCH (node:Entity) WHERE node.ns IN $ns … toLower(…) CONTAINS $needle` — PROFILE: NodeIndexSeek on ns (every node of the namespace) then Filter on three toLower() calls, O(nodes) per request. The full-text statement alone (raw-one) stays near 100–300 ms at 100k under this load, while the API’s search (both statements) is 20× that and times out at 1M. Proposed (server): run the contains query only when the full-text query returned fewer than `limit` hits or the needle is a single CJK character, and/or store a lower-cased `search_text` property with a TEXT index so CONTAINS uses the index.',
  '/api/graph with filters does not scale: graph-nodes computes `COUNT { (n)-[r]-(:Entity) WHERE type(r) IN $types }` for every node of the namespace that passes the kind filter, then sorts (PROFILE at 50k nodes: 21,343 candidates, 63,135 expansions, 2.9 s under load); it hits the 5 s query timeout from 100k on. Proposed (server): keep a per-node degree property written by the loaders (and an index on it) for the unfiltered-type default view, and fall back to the current query only when types are filtered; or cap the candidates by an index-backed order.',
  'Paths: SHORTEST 1 / ALL SHORTEST between uniformly random pairs expand through the hubs (max degree 7,778 at 100k, 46,600 at 1M); at 100k some requests pass the 5 s timeout. Empty answers are reported per run (the graph is connected: every new node attaches to earlier ones).',
  'Neighbours: raw-one (the first BFS step alone) is 5–10× cheaper than the API’s request, which runs node-by-id, one neighbours step per level, neighbors-count per level when the limit cuts the answer (a count capped at 100,000 ids — the costly part at depth 2 next to a hub), nodes-by-ids and graph-edges-among, each in its own transaction. The raw-seq column runs exactly that sequence, so the API-versus-driver ratio isolates the HTTP/Node layer.',
  'Client: sigma’s levers were measured on the bare page and not applied to the explorer (client/ belongs to another engineer). The explorer draws arrows, curved edges and edge labels (renderEdgeLabels: true); for large graphs hideEdgesOnMove and the lighter EdgeLineProgram/NodePointProgram are the levers that matter (each cut the camera-move frame time by 75–90% in the lever table), labels much less.',
  'The synthetic citations point at passage ids (`bench:passage:p…`) with no Passage nodes, so passages-by-ids returns nothing for synthetic edges; the statement still runs in both the API and raw-seq sequences.',
  'Not done: `npm run soak` points at bench/soak.ts, which the issue does not describe; it does not exist yet.',
];
