/**
 * bench/load — bulk load of the synthetic graph through the curated seed's loader.
 *
 * Rows come from graph/synthetic (streamed, never the whole graph in memory)
 * through graph/records' toNodeRow/toRelationshipRow into
 * SeedRepository.upsertBatched — the batched UNWIND the curated dataset
 * uses. Nodes are upserted (MERGE); a step's relationships are all new (their
 * ids come from the step's new nodes), so they are written with CREATE, which
 * lets `concurrency` batches run side by side. The next batch is generated
 * while the earlier ones are being written.
 *
 * Each relationship pass also reports the CPU it cost per relationship, in
 * Neo4j and in this process (generator, rows and driver), and the sweep step
 * ships one slice through cypher/ship-relationships, which writes nothing: on
 * a machine whose cores all go to the load, the rate is bounded by the cores
 * over the CPU per row, and the floor shows how much of that is only moving
 * the rows.
 */
import { generateSynthetic } from '../graph/synthetic';
import { type NodeRow, type RelationshipRow, toNodeRow, toRelationshipRow } from '../graph/records';
import type { SeedRepository } from '../server/repositories/seed-repository';
import { cpuMs, log, selfCpuMs, yieldToLoop } from './lib/system';
import { round } from './lib/stats';

export interface GraphSpec {
  seed: number;
  ns: string;
  /** Total nodes of the graph being grown (the generator's size). */
  totalNodes: number;
  relsPerNode: number;
}

export interface PassResult {
  kind: 'nodes' | 'relationships';
  rows: number;
  seconds: number;
  perSecond: number;
  batchSize: number;
  concurrency: number;
  /** Batches Neo4j refused as transient (a deadlock between writers) and that were written again; absent in older reports. */
  retries?: number;
  /** CPU microseconds per row during the pass (relationships; absent in older reports). */
  cpuUsPerRow?: CpuPerRow;
}

/** CPU per row: Neo4j's process, and this one (the generator, the rows and the driver). */
export interface CpuPerRow {
  neo4j: number;
  loader: number;
}

/** Rows shipped through cypher/ship-relationships: the batch travels and is walked, nothing is written. */
export interface ShippingFloor {
  rows: number;
  batchSize: number;
  seconds: number;
  perSecond: number;
  cpuUsPerRow: CpuPerRow;
}

/** Starts counting CPU; the returned function gives the microseconds per row since then. */
function cpuMeter(neo4jPid: number): (rows: number) => CpuPerRow {
  const n0 = cpuMs(neo4jPid);
  const s0 = selfCpuMs();
  return (rows) => ({
    neo4j: round(((cpuMs(neo4jPid) - n0) * 1000) / Math.max(1, rows), 1),
    loader: round(((selfCpuMs() - s0) * 1000) / Math.max(1, rows), 1),
  });
}

export interface SweepPoint {
  batchSize: number;
  rows: number;
  seconds: number;
  perSecond: number;
}

/** A batch refused this many times as transient (DATABASE_BUSY: a deadlock between the writers) fails the load. */
const MAX_ATTEMPTS = 5;

/** Writes batches with at most `concurrency` in flight; resolves with the rows the statements reported written. */
class BatchWriter {
  private readonly inflight = new Set<Promise<void>>();
  private failure: unknown = null;
  written = 0;
  submitted = 0;
  retries = 0;

  constructor(
    private readonly repo: SeedRepository,
    private readonly kind: 'nodes' | 'relationships' | 'ship',
    private readonly concurrency: number,
  ) {}

  private async write(rows: NodeRow[] | RelationshipRow[]): Promise<number> {
    if (this.kind === 'ship') return this.repo.shipRelationships(rows as RelationshipRow[]);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.repo.upsertBatched(this.kind, rows, rows.length, { create: this.kind === 'relationships' });
      } catch (err) {
        // A failed transaction wrote nothing, so writing the batch again is safe even with CREATE.
        if ((err as { code?: string }).code !== 'DATABASE_BUSY' || attempt >= MAX_ATTEMPTS) throw err;
        this.retries++;
      }
    }
  }

  async submit(rows: NodeRow[] | RelationshipRow[]): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inflight.size >= this.concurrency) {
      await Promise.race(this.inflight);
      if (this.failure) throw this.failure;
    }
    this.submitted += rows.length;
    const p: Promise<void> = this.write(rows)
      .then(
        (n) => {
          this.written += n;
        },
        (err: unknown) => {
          this.failure ??= err;
        },
      )
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
    // Let the driver send the batch before the (synchronous) generator builds the next one.
    await yieldToLoop();
  }

  async drain(): Promise<void> {
    await Promise.all(this.inflight);
    if (this.failure) throw this.failure;
  }
}

/**
 * The batch-size sweep a step can hold: each candidate gets `rowsEach` of the step's relationships, or an
 * equal share of them when the step is smaller than the sweep (a partial run's `--sizes`). One share more is
 * kept for the shipping slice read after the sweep, which must not come up empty. The most candidates that
 * fit their share are kept, smallest first — a larger one would time one short batch under its name — and
 * the smallest stays when none fits.
 */
export function sweepPlan(stepRelationships: number, sizes: number[], rowsEach: number): { sizes: number[]; rowsEach: number } {
  const ascending = [...sizes].sort((a, b) => a - b);
  const shareFor = (kept: number) => Math.max(1, Math.min(rowsEach, Math.floor(stepRelationships / (kept + 1))));
  for (let kept = ascending.length; kept >= 1; kept--) {
    const share = shareFor(kept);
    if (ascending[kept - 1]! <= share) {
      const fitting = new Set(ascending.slice(0, kept));
      return { sizes: sizes.filter((size) => fitting.has(size)), rowsEach: share };
    }
  }
  return { sizes: ascending.slice(0, 1), rowsEach: shareFor(1) };
}

/**
 * Loads nodes [from, to) of the graph, then their relationships. Relationship
 * batches are sized `relBatch`; `sweep` first loads a slice of the
 * relationships with each candidate batch size and picks the fastest.
 */
export async function loadRange(
  repo: SeedRepository,
  spec: GraphSpec,
  range: { from: number; to: number },
  opts: {
    nodeBatch: number;
    relBatch: number;
    concurrency: number;
    sweep?: { sizes: number[]; rowsEach: number };
    /** Neo4j's process, whose CPU is counted per relationship. */
    neo4jPid: number;
  },
): Promise<{
  nodes: PassResult;
  relationships: PassResult;
  sweep: SweepPoint[];
  chosenBatch: number;
  /** At the sweep step: the chosen batch size shipping a slice and writing nothing. */
  shipping?: ShippingFloor;
}> {
  const genOpts = { nodes: spec.totalNodes, seed: spec.seed, ns: spec.ns, relsPerNode: spec.relsPerNode, chunkSize: 200 };

  // Nodes.
  const nodeWriter = new BatchWriter(repo, 'nodes', opts.concurrency);
  let buffer: NodeRow[] = [];
  const t0 = performance.now();
  for (const chunk of generateSynthetic(genOpts, { from: range.from, to: range.to, emit: 'nodes' })) {
    for (const n of chunk.nodes) buffer.push(toNodeRow(n, spec.ns));
    if (buffer.length >= opts.nodeBatch) {
      await nodeWriter.submit(buffer);
      buffer = [];
    }
  }
  if (buffer.length) await nodeWriter.submit(buffer);
  await nodeWriter.drain();
  const nodeSeconds = (performance.now() - t0) / 1000;
  if (nodeWriter.written !== range.to - range.from) {
    throw new Error(`bench load: wrote ${nodeWriter.written} of ${range.to - range.from} nodes`);
  }
  const nodes: PassResult = {
    kind: 'nodes',
    rows: nodeWriter.written,
    seconds: round(nodeSeconds),
    perSecond: Math.round(nodeWriter.written / nodeSeconds),
    batchSize: opts.nodeBatch,
    concurrency: opts.concurrency,
    retries: nodeWriter.retries,
  };
  log(`nodes ${range.from}..${range.to}: ${nodes.rows} in ${nodes.seconds} s (${nodes.perSecond}/s)`);

  // Relationships (the replay of [0, from) happens before the first chunk, outside the timing).
  const chunks = generateSynthetic(genOpts, { from: range.from, to: range.to, emit: 'relationships' });
  let pending: RelationshipRow[] = [];
  let exhausted = false;
  const fill = async (n: number): Promise<RelationshipRow[]> => {
    while (pending.length < n && !exhausted) {
      const next = chunks.next();
      if (next.done) exhausted = true;
      else for (const r of next.value.relationships) pending.push(toRelationshipRow(r, spec.ns));
    }
    const out = pending.slice(0, n);
    pending = pending.slice(n);
    return out;
  };
  // Replay the earlier nodes' attachment state (the first chunk), outside the timing.
  const first = chunks.next();
  if (first.done) exhausted = true;
  else for (const r of first.value.relationships) pending.push(toRelationshipRow(r, spec.ns));
  const sweep: SweepPoint[] = [];
  let chosenBatch = opts.relBatch;
  let totalRels = 0;
  let relSeconds = 0;
  let retries = 0;
  let shipping: ShippingFloor | undefined;
  if (opts.sweep) {
    const plan = sweepPlan((range.to - range.from) * spec.relsPerNode, opts.sweep.sizes, opts.sweep.rowsEach);
    for (const size of plan.sizes) {
      const writer = new BatchWriter(repo, 'relationships', opts.concurrency);
      const t = performance.now();
      let rows = 0;
      while (rows < plan.rowsEach) {
        const batch = await fill(Math.min(size, plan.rowsEach - rows));
        if (batch.length === 0) break;
        rows += batch.length;
        await writer.submit(batch);
      }
      await writer.drain();
      const s = (performance.now() - t) / 1000;
      if (writer.written !== writer.submitted)
        throw new Error(`bench load: ${writer.submitted - writer.written} relationships lost an end`);
      totalRels += writer.written;
      relSeconds += s;
      retries += writer.retries;
      sweep.push({ batchSize: size, rows, seconds: round(s), perSecond: Math.round(rows / s) });
      log(`sweep: batch ${size}: ${rows} relationships in ${round(s)} s (${Math.round(rows / s)}/s)`);
    }
    chosenBatch = [...sweep].sort((a, b) => b.perSecond - a.perSecond)[0]?.batchSize ?? opts.relBatch;
    const slice = await fill(plan.rowsEach);
    shipping = await shipSlice(repo, slice, chosenBatch, opts.concurrency, opts.neo4jPid);
    // Nothing was written: the slice goes back to the front of the queue.
    pending = [...slice, ...pending];
    log(`shipping only: batch ${chosenBatch}: ${shipping.perSecond}/s, CPU µs per row ${JSON.stringify(shipping.cpuUsPerRow)}`);
  }
  const writer = new BatchWriter(repo, 'relationships', opts.concurrency);
  const meter = cpuMeter(opts.neo4jPid);
  const t1 = performance.now();
  for (;;) {
    const batch = await fill(chosenBatch);
    if (batch.length === 0) break;
    await writer.submit(batch);
  }
  await writer.drain();
  relSeconds += (performance.now() - t1) / 1000;
  const cpuUsPerRow = meter(writer.written);
  if (writer.written !== writer.submitted) throw new Error(`bench load: ${writer.submitted - writer.written} relationships lost an end`);
  totalRels += writer.written;
  retries += writer.retries;
  const relationships: PassResult = {
    kind: 'relationships',
    rows: totalRels,
    seconds: round(relSeconds),
    perSecond: Math.round(totalRels / relSeconds),
    batchSize: chosenBatch,
    concurrency: opts.concurrency,
    retries,
    cpuUsPerRow,
  };
  log(`relationships of nodes ${range.from}..${range.to}: ${totalRels} in ${relationships.seconds} s (${relationships.perSecond}/s)`);
  return { nodes, relationships, sweep, chosenBatch, ...(shipping ? { shipping } : {}) };
}

/** Ships `rows` in batches through cypher/ship-relationships, timing it and counting its CPU. */
async function shipSlice(
  repo: SeedRepository,
  rows: RelationshipRow[],
  batchSize: number,
  concurrency: number,
  neo4jPid: number,
): Promise<ShippingFloor> {
  const writer = new BatchWriter(repo, 'ship', concurrency);
  const meter = cpuMeter(neo4jPid);
  const t = performance.now();
  for (let i = 0; i < rows.length; i += batchSize) await writer.submit(rows.slice(i, i + batchSize));
  await writer.drain();
  const seconds = (performance.now() - t) / 1000;
  if (writer.written !== rows.length) throw new Error(`bench load: Neo4j walked ${writer.written} of ${rows.length} shipped rows`);
  return {
    rows: rows.length,
    batchSize,
    seconds: round(seconds),
    perSecond: Math.round(rows.length / seconds),
    cpuUsPerRow: meter(rows.length),
  };
}
