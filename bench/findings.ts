/**
 * bench/findings — what the profiling of missed targets found, what was changed, and what it gained.
 *
 * Kept by hand (bench/rerender.ts puts it into a report without running the benchmark again).
 * The full run in bench/results/latest.md (2026-11-29) includes every change listed here; the
 * earlier full run's figures (2026-11-28, before the query changes) are quoted where a line
 * needs them. The 100k runs in bench/results/100k-after/, 100k-degrees/ and 100k-loader/ were
 * made after the changes they are named for. Figures quoted here come from those runs or from
 * the PROFILE/EXPLAIN sessions named in each line.
 */
import type { BenchReport } from './report';

export const CHANGES: BenchReport['changes'] = [
  {
    what: 'Bulk load: the benchmark starts its Neo4j instance on a fresh store every run instead of loading into a store that held (and deleted) an earlier graph.',
    gained:
      'PROFILE showed the first seed-relationships batch planned as DirectedAllRelationshipsScan + Filter, which walks every relationship record (deleted ones included) for each row: after a resetNamespace of a 100k graph, a 5,000-row batch hit the 60 s transaction timeout and the 10k graph loaded at 133 relationships/s; on a fresh store the same step loads at 2,132/s.',
  },
  {
    what: 'Bulk load (superseded by the CREATE loader below): on an empty store the loader wrote a 500-row primer batch first and paused 11 s (dbms.cypher.min_replan_interval is 10 s) before the measured batches.',
    gained:
      'The scan plan then costs about 1 s (0.8–1.2 s measured) instead of a whole 5,000-row batch; the next execution is replanned to Expand(Into) (checked with PROFILE on every batch of a ramp: SCAN on the first, EXPAND-INTO from the second on). The pause is not counted in the rates; the primer is.',
  },
  {
    what: 'Bulk load: the relationship batch size is swept (1,000–20,000 rows) on the 100k step and the fastest is used for the 1M graph.',
    gained:
      '1,000-row batches loaded 3,223 relationships/s, 2,500 rows 4,955/s, 5,000–20,000 rows 5,574–5,811/s (flat within the noise); 10,000 was chosen and the 1M step ran at 6,382/s with it.',
  },
  {
    what: 'Bulk load: relationship rows are shipped as parallel lists (graph/records relationshipColumns; cypher/seed-relationships.cypher and cypher/create-relationships.cypher UNWIND an index range) instead of a map per row; each step’s relationships, all new (their ids come from the step’s new nodes), are written with CREATE (SeedRepository.upsertBatched `create`) instead of MERGE, two batches in flight. The curated seed still upserts with MERGE. The primer batch and the 11 s pause are gone: the scan plan they worked around was MERGE’s read side, which CREATE does not have.',
    gained:
      'Measured on a fresh 100k store, idle machine, 50,000 new relationships per variant, 10,000-row batches: MERGE with a map per row 6,238–9,824 relationships/s; MERGE with lists 10,995/s; CREATE with lists 14,948/s with one writer and 16,010–19,887/s with two (two MERGE writers: 5,984/s, they wait on each other’s locks on the hubs). Shipping alone (UNWIND … RETURN count, 5,000-row batches): 29,964 rows/s as maps, 56,619/s as lists. The bench’s 100k step: 6,032 → 18,378 relationships/s (load average 2.8 at the step both times), no batch refused as a deadlock.',
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
  {
    what: 'Search: the substring fallback (search-contains) reads a `search_text` property — names and aliases folded like the query (graph/search-text.ts) — through a TEXT index (`entity_search_text`, hinted), instead of lowering three properties of every node of the namespace. Older stores are backfilled at seed time.',
    gained:
      'PROFILE at 100k nodes, needle "rag": 400,007 → 25 db hits, 225 → 6.5 ms (one client, idle machine); "幻": 83,871 → 405 hits. API search at 100k, concurrency 16: p95 5,769 ms in the full run (load 15–28) → 220 ms in the 100k-after run.',
  },
  {
    what: 'Neighbourhoods, paths and /api/graph run all their statements in one read transaction (GraphRepository.read → GraphReader) instead of one transaction each; the raw-seq side of the benchmark does the same.',
    gained: 'Neighbours depth 1 at 100k, one client (autocannon -c 1, idle): p50 26 → 14 ms. The answer also comes from one snapshot.',
  },
  {
    what: 'Shortest and all shortest paths use shortestPath()/allShortestPaths() with the type and exclusion predicates inlined into their bidirectional search, instead of SHORTEST 1 / ALL SHORTEST with a quantified path pattern.',
    gained:
      'A hub-crossing pair at 100k: SHORTEST 1 72,673 db hits, 2.6 s; shortestPath() 8,121 hits, 14 ms. Thirty seeded random pairs: p90 192 → 8 ms, max 2.5 s → 10 ms, the same path lengths and counts for every pair. API shortest path at 100k, concurrency 16: p95 1,453 ms and 9.4 requests/s in the full run (load 20) → 162 ms and 140 requests/s in the 100k-after run.',
  },
  {
    what: 'Paths return their relationships with their properties, so the service no longer reads every relationship among the path nodes (graph-edges-among expanded each hub on the path: 7,778 relationships at 100k).',
    gained: 'One statement fewer per path request; the statement it removed was the one that grew with hub degree.',
  },
  {
    what: 'Neighbourhood totals (when the limit cuts) count the last level inside Neo4j (neighbors-count-last) instead of returning up to 100,000 ids to the server.',
    gained:
      'API neighbours depth 2 at 100k, concurrency 16: p50 589 → 401 ms, 20.1 → 30.2 requests/s (two 100k runs before and after, same machine state).',
  },
  {
    what: 'Degree counts (graph-nodes, node-by-id, nodes-by-ids) no longer check the far end’s label: the loaders only ever join two Entities with a schema relationship type.',
    gained: 'graph-nodes at 100k: 1,317,631 → 1,126,146 db hits, 645 → 535 ms median (one client, idle).',
  },
  {
    what: '/api/graph ranks by stored per-type degrees (n.degrees, cypher/degrees-refresh.cypher) instead of counting each candidate’s relationships, and seeks its candidates through an (ns, kind) index. The seed and imports store the degrees in their write transaction, the seed fills in entities written without them, and the benchmark refreshes them after each load step (the “degrees s” column).',
    gained:
      'PROFILE at 100k, three kinds and three types, one client, idle: 848,024 db hits and 512 ms → 259,731 and 231 ms (stored degrees) → 85,348 and 152 ms (with the index). Refreshing the degrees of all 100k entities takes about 6 s. graph-filtered at 100k, concurrency 16, in two runs made back to back on the same machine state (the code before this change, then bench/results/100k-degrees): raw-one p50 3,434 → 990 ms, API p50 5,955 → 3,111 ms, and at concurrency 16 no request runs into the 5 s timeout any more (32 → 0). The rest of a view is now graph-edges-among over the 500 chosen hubs (raw-seq 2.3 s against raw-one 1.0 s).',
  },
  {
    what: 'Graph views, exports, analytics and reports are built at most HEAVY_CONCURRENCY (4) at a time (server/middleware/concurrency.ts, p-queue); the rest wait their turn up to the query time limit, then get 503 SERVER_BUSY with Retry-After.',
    gained:
      'Once graph views stopped timing out, 64 clients asking for 500-node views made the API build 64 answers of several MB at once: resident memory 348 / 307 / 443 MiB over the three memory rounds (after GC 137 → 184 → 197 MiB). With the queue: 249 / 201 / 260 MiB (after GC 165 → 119 → 160 MiB), and graph-filtered at concurrency 64 answers more requests in its window (8.5 → 11.5 req/s).',
  },
  {
    what: 'graph-edges-among (the relationships among a view’s or a neighbourhood’s nodes) binds each node of the set first (UNWIND … MATCH (a:Entity {id: id})-[r]->(b)) and follows its outgoing relationships only; before, the planner seeked one end and expanded the other end’s incoming side, which for a hub is thousands of relationships.',
    gained:
      'PROFILE at 100k, the 500 hubs of a view over every kind and type: 131,159 db hits and 123 ms → 73,314 and 61 ms; three kinds and three types: 121,868 and 197 ms → 29,718 and 76 ms (fresh store, idle). graph-filtered at concurrency 16, bench/results/100k-degrees → 100k-loader: raw-seq minus raw-one (the statements after graph-nodes) 1,350 → 581 ms at p50, while the unchanged graph-nodes alone went 990 → 756 ms (part of the difference is the machine).',
  },
  {
    what: 'API process CPU (found with node --cpu-prof on the API under load, 100k store, concurrency 16): every row went through toPlain, which asked the driver’s ten type tests (a property lookup each) of every value before seeing that it was a string or a plain map — now scalars, lists and the driver’s maps are decided by typeof and prototype first (server/db/database toPlain); the driver captured a stack trace for every statement (for an error it may report later), which under the source maps `npm start` runs with costs about 70 µs a read — statements now start with Error.stackTraceLimit at 0, restored before run() returns (a failed statement still becomes an AppError that names its owner, with its own stack); search folded every candidate name with NFKC, which leaves ASCII unchanged — ASCII names now skip it.',
    gained:
      'In the profiles, toPlain and the driver’s type tests were about 10% of the API process’s CPU under search load, the stack captures (capture, source-map lookup, file URLs) about 10% under neighbours load, NFKC 2.5% under search. CPU the API process spent per request (/proc, 10 s per side, same store, same harness, two rounds each): neighbours depth 1 7.1 → 4.7–5.8 (toPlain) → 4.1 ms (both); search 6.3–6.9 → 4.3–5.7 → 4.7–5.2 ms. The driver loop spends 2.5–4.2 ms per request on the same statements, so the API now adds about 1–2 ms of CPU (HTTP, routing, validation, JSON) where it added 3–4. p50 against raw-seq in the same harness: neighbours depth 1 1.65 → 0.98–1.14, neighbours depth 2 1.11–1.14, shortest path 1.12–1.22, graph-filtered 0.98–1.07.',
  },
  {
    what: 'Measurement: each run records the CPU time every process spent per request (Neo4j, the API server, the client — autocannon or the driver loop — from /proc and process.cpuUsage; the “CPU ms/req” column). The full run adds concurrency 1 (a request alone, not held to the ratio bar), warms each workload for 3 s at concurrency 16 instead of 1 s at the first concurrency, and gives Neo4j a 5 GB page cache, which holds the 1M store (3.9 GB with its indexes).',
    gained:
      'The column shows where a side’s latency goes when both cores are busy. The 1 s warm-up left the API visibly cold: in the harness above the first 10 s round of the API was 10–40% slower at p50 than the second, while the driver loop’s rounds matched. With a 2 GB cache the 1M store did not fit, and the side measured first (always the API) paid the disk reads that warmed the cache for the raw sides after it.',
  },
];

export const NOTES: string[] = [
  'Runs: bench/results/latest.md is the second full run of 2026-11-29 (09:29, 54 min, after the API CPU and measurement changes; load average 1.3 at the start). The first full run that day (06:32, 43 min, before them) had 10 of 36 loaded ratios within the bar; this one has 21 of 36 (p50 within 1.2× in 23, p99 within 1.5× in 30). The full run of 2026-11-28 shared the machine with other test suites (load average 15–28 for long stretches), which pushed many requests of both sides into the 5 s timeout; its 23 of 36 came from both sides timing out alike. Each table gives the 1-minute load average next to its figures.',
  'Reading the growth table (API p95 at concurrency 1, so queueing does not hide the cost): neighbours depth 1 and search do not grow from 10k to 1M (0.9× and 0.8×: an index seek and a bounded expansion); shortest path grows 1.3×, depth 2 2.6×, all shortest paths 4.4× as walks meet bigger hubs (max degree 7,778 at 100k, 46,600 at 1M); graph-filtered 14.9×: it reads every candidate of the chosen kinds (O(candidates)), and under load at 1M it reaches the 5 s query timeout (see the errors column).',
  'Memory: in this run resident memory after GC was 187.7 → 190.9 → 186.9 MiB over the three rounds (heap 28 MiB, external 3.2 MiB each round), so both memory targets are met. In the first full run of 2026-11-29 it rose 152 → 168 → 206 MiB (heap flat at 28–30 MiB), and a 100k rerun right after it (bench/results/100k-memory) fell 202 → 191 → 127 MiB: native memory the allocator keeps or returns moves by 50–75 MiB between rounds, so one run can read as growth. No leak was found; the rule stays on resident memory, as the issue states it.',
  'Bulk load, why 50,000 relationships/s is still missed: the online loader is Cypher through the JavaScript driver, and on this machine Neo4j, the loader and the generator share 2 cores. Slices of 40,000 new relationships on the 100k store, idle, lists as parameters: the two unique-index seeks per row alone (UNWIND … MATCH (a) MATCH (b) RETURN count) ran at 23,552–31,506 rows/s; CREATE without properties at 14,584–16,582/s; with the five properties at 10,987–15,100/s (one or two writers). Neo4j Community runs Cypher in the slotted runtime (the pipelined runtime is Enterprise-only), so the ceiling for this shape is about the seeks’ rate, half the target. The MERGE loader it replaced (PROFILE of a 5,000-row batch: NodeUniqueIndexSeek(Locking) ×2, LockingMerge with LOCK(a, b), Expand(Into), an Eager and SetRelationshipPropertiesFromMap) ran at 6–10k/s and could not take a second writer: two MERGE writers wait on (and deadlock over) the hubs’ locks. The offline importer shows what the same graph costs without Cypher: 5M relationships in 86 s wall (58,033/s, JVM start included; the tool itself reported 1 min 21.8 s), plus 43 s to build the schema’s indexes afterwards — the 50,000/s bar is reachable offline, not through the online loader on this machine. Also tried (100k store, 100,000 new relationships between existing nodes, 5,000-row batches, two writers, one run each): matching the ends by elementId (read once per load) instead of the id index 17,778–21,166/s against 15,457–17,166/s; the properties as a map in CREATE instead of SET 18,138–18,256/s; the same CREATE without any property 33,371/s. The properties, not the lookups, take half the time; none of these reaches the bar, so the loader was left as it is.',
  'Tried and left: cypher/seed-relationships.cypher uses a dynamic type in MERGE, `MERGE (a)-[r:$($types[i]) {id: $ids[i]}]->(b)`. With a dynamic type the planner costs the MERGE’s read side as a scan of all relationships joined back to a and b, and picks it whenever the store holds few relationships (EXPLAIN: DirectedAllRelationshipsScan at 0 relationships; Expand(Into) once there are many); the plan is then cached until a replan. With a static type (`MERGE (a)-[r:ADDRESSES {id: row.id}]->(b)`) EXPLAIN shows Expand(Into) at any size. SeedRepository could group rows by type and run one statement per type with the whitelisted type inlined (the repository already checks types against the whitelist). This would also protect `npm run seed -- --reset` on a store that once held a large graph. Measured on the 100k store (three 10,000-row batches of new relationships per trial, two trials each): dynamic type 7,291 and 5,329 relationships/s, static type 6,556 and 5,479 — no gain once the plan is Expand(Into), so only the small-store plan would improve; the benchmark now writes new relationships with CREATE, which has no read side to plan, and the curated seed is 339 relationships; not changed.',
  'Search (full run, before the TEXT index): search-contains was `MATCH (node:Entity) WHERE node.ns IN $ns … toLower(…) CONTAINS $needle` — NodeIndexSeek on ns (every node of the namespace) then three toLower() calls per node, O(nodes) per request: API p50 2.3 s at 100k and 5.9 s at 1M, most requests ending in the 5 s timeout, while the full-text statement alone had p50 116 ms at 100k. Fixed (see the changes): the 100k-after run has API search p95 220 ms at concurrency 16.',
  '/api/graph with filters: graph-nodes once counted `COUNT { (n)-[r]-() WHERE type(r) IN $types }` for every candidate (PROFILE at 100k, idle: 42,785 candidates, 414,875 expansions, about 0.5 s; the 5 s timeout under load). It now reads stored per-type degrees through an (ns, kind) index (see the changes). It is still O(candidates): a view over one kind of a 1M-node namespace reads every entity of that kind once. An index-backed order (a stored total degree with a range index) would serve only the unfiltered view, since any type filter changes the ranking.',
  'The rest of a filtered view is graph-edges-among over the 500 nodes it keeps (PROFILE at 100k, three kinds and three types, idle, second run): NodeUniqueIndexSeek of the 500, Expand(All) of their 58,885 incoming relationships, then the type and far-end filter — 155,479 db hits, 179 ms for 670 edges. Tried and left: a dynamic type in the pattern (`[r:$any($types)]`) plans the same expansion with a costlier filter (244,841 hits, 234 ms); pairing the 500 nodes for Expand(Into) costs 7,577,887 hits (1.2 s). What worked was choosing the direction (see the changes): every relationship among the nodes leaves one of them, and the hubs a view keeps are mostly pointed at.',
  'Paths (full run, before shortestPath()): SHORTEST 1 / ALL SHORTEST between random pairs crossed hubs (max degree 7,778 at 100k, 46,600 at 1M) in up to several seconds, and some requests passed the 5 s timeout. With shortestPath()/allShortestPaths() the slowest of thirty seeded pairs took 10 ms at 100k. Empty answers are reported per run (the graph is connected: every new node attaches to earlier ones).',
  'Neighbours: raw-one (the first BFS step alone) stays 3–10× cheaper than the whole request, which also reads the start node, every node found (with its degree) and the edges among them; raw-seq runs exactly that sequence in one transaction, as the API does, so the API-versus-driver ratio isolates the HTTP/Node layer.',
  'API against the driver: an earlier CPU profile of the API process (neighbours depth 1, concurrency 16) was read as showing no hot spot in the server; read again with the time grouped by caller, two were there — toPlain with the driver’s type tests, and the driver’s per-statement stack capture under source maps — about a fifth of the process’s CPU together (fixed, see the changes). What remains is the driver’s packstream decoding and the socket writes (the driver loop pays the same), GC, and the HTTP layer: Express, zod, pino-http and helmet under 5% together. On 2 cores the API process competes with Neo4j and the load generator for CPU; the bare-driver loop runs inside the load generator’s process. Per request, Neo4j spends the same CPU for either side (within the noise), so what separates the two is the server’s own 1–2 ms (see the CPU column).',
  'Client: sigma’s levers were measured on the bare page and not applied to the explorer. The explorer draws arrows, curved edges and edge labels (renderEdgeLabels: true); for large graphs hideEdgesOnMove (−84% camera-move frame time at 50k) and the lighter EdgeLineProgram/NodePointProgram (−78%) are the levers that matter, all of them together −95%; hideLabelsOnMove and a lower label density gained nothing measurable at 50k (−14% and −5%, i.e. noise): under SwiftShader the cost is the edge geometry, not the labels. In the 2026-11-28 run the explorer matched the bare page (median frame ratios 0.95–1.02, curated first frame 0.78×), so the client was given no fix for the targets (see the note below on the 10k ratio of this run); the levers are what would make 50k nodes usable.',
  'API p99 at concurrency 64 (most of the remaining misses: neighbours depth 1 at 10k, 100k and 1M, both path workloads at 10k, all shortest paths at 100k): timing every request with its start time (100k store, 8 s at 64 after a warm-up at 64 and a 4 s pause) puts the slowest 1% of the API side at the very start of the run — the 64 requests that arrive together when the load tool opens its connections — taking 0.5–2.5 s across repeats, while the driver loop’s first 64 took about 0.5 s; after the first second the API’s slowest requests matched the loop’s (p50 346 against 323 ms in one repeat). Node’s fetch as the client instead of autocannon showed the same first wave. Pool growth is not it (warming at 64 first changed nothing). Not explained further; the runs still count their first requests on every side.',
  'Client: the 10k median-frame ratio read 1.30 in this run (missed) against 0.87 in the first full run of the day, with the same code on both pages; 10k is timed over only 10 frames of about 3 s each under SwiftShader, and the 1k and 50k ratios (40 and 4 frames) stayed at 0.79 and 0.88.',
  'The synthetic citations point at passage ids (`bench:passage:p…`) with no Passage nodes, so passages-by-ids returns nothing for synthetic edges; the statement still runs in both the API and raw-seq sequences.',
];
