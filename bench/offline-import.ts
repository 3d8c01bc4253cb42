/**
 * bench/offline-import — the same synthetic graph through neo4j-admin's offline importer, for comparison.
 *
 * Writes the graph as CSV (nodes, relationships: the same properties the
 * online loader writes), runs `neo4j-admin database import full` (the
 * AdminTool class of the server's own jars) into a scratch instance that is
 * not running, then starts that instance once to check the counts and time
 * building the schema's indexes, which the importer does not do.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { generateSynthetic } from '../graph/synthetic';
import { toNodeRow, toRelationshipRow } from '../graph/records';
import { NEO4J_VERSION, ensureDistribution, findJava, instanceDir, startInstance, stopInstance } from '../scripts/neo4j/local';
import { loadCypherRegistry, splitStatements } from '../server/db/cypher';
import { log } from './lib/system';
import { round } from './lib/stats';

export interface OfflineImportResult {
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  nodes?: number;
  relationships?: number;
  csvSeconds?: number;
  csvMiB?: number;
  /** Wall time of the import tool (JVM start included). */
  importSeconds?: number;
  /** The tool's own "IMPORT DONE in …" figure. */
  toolReported?: string;
  relsPerSecond?: number;
  /** Nodes and relationships counted after starting the imported database. */
  verified?: { nodes: number; relationships: number };
  /** Creating the schema's constraints and indexes (full-text included) on the imported store. */
  indexSeconds?: number;
  command?: string;
}

// Beside the benchmark instance's name, so the smoke test's import never shares a folder with a developer's run.
const INSTANCE = `${process.env.BENCH_INSTANCE ?? 'bench'}-import`;
// The scratch instance is started once, to count what was imported (BENCH_IMPORT_BOLT_PORT moves it).
const PORT = Number(process.env.BENCH_IMPORT_BOLT_PORT ?? 7691);
const PASSWORD = 'local-bench-password';

function csv(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return csv(v.map((x) => String(x).replaceAll(';', ',')).join(';'));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `"${String(v).replaceAll('"', '""')}"`;
}

async function writeLines(path: string, header: string, lines: () => Iterable<string[]>): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (const block of lines()) {
    if (!out.write(block.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}\n${stderr}` });
    });
  });
}

export async function offlineImport(spec: { seed: number; ns: string; nodes: number; relsPerNode: number }): Promise<OfflineImportResult> {
  const home = instanceDir(INSTANCE);
  try {
    await stopInstance(INSTANCE);
    rmSync(home, { recursive: true, force: true });
    for (const d of ['conf', 'data', 'logs', 'import', 'run', 'plugins']) mkdirSync(join(home, d), { recursive: true });
    writeFileSync(
      join(home, 'conf', 'neo4j.conf'),
      [
        `server.directories.data=${join(home, 'data')}`,
        `server.directories.logs=${join(home, 'logs')}`,
        `server.directories.import=${join(home, 'import')}`,
        `server.directories.run=${join(home, 'run')}`,
        `server.directories.plugins=${join(home, 'plugins')}`,
        '',
      ].join('\n'),
    );
    const nodesCsv = join(home, 'import', 'nodes.csv');
    const relsCsv = join(home, 'import', 'relationships.csv');
    const genOpts = { nodes: spec.nodes, seed: spec.seed, ns: spec.ns, relsPerNode: spec.relsPerNode, chunkSize: 2000 };
    const t0 = performance.now();
    await writeLines(
      nodesCsv,
      'id:ID,:LABEL,kind,ns,name_zh,name_en,aliases_zh:string[],aliases_en:string[],aliases_text,search_text,description_zh,description_en,evidence,rationale,rationale_zh,cite_passages:string[],cite_quotes:string[],props_json',
      function* () {
        for (const chunk of generateSynthetic(genOpts, { emit: 'nodes' })) {
          yield chunk.nodes.map((n) => {
            const p = toNodeRow(n, spec.ns).props;
            return `${[p.id, `Entity;${n.kind}`, p.kind, p.ns, p.name_zh, p.name_en, p.aliases_zh, p.aliases_en, p.aliases_text, p.search_text, p.description_zh, p.description_en, p.evidence, p.rationale, p.rationale_zh, p.cite_passages, p.cite_quotes, p.props_json].map(csv).join(',')}\n`;
          });
        }
      },
    );
    let relCount = 0;
    await writeLines(
      relsCsv,
      ':START_ID,:END_ID,:TYPE,id,ns,evidence,rationale,rationale_zh,cite_passages:string[],cite_quotes:string[]',
      function* () {
        for (const chunk of generateSynthetic(genOpts, { emit: 'relationships' })) {
          relCount += chunk.relationships.length;
          yield chunk.relationships.map((r) => {
            const row = toRelationshipRow(r, spec.ns);
            const p = row.props;
            return `${[row.source, row.target, row.type, row.id, p.ns, p.evidence, p.rationale, p.rationale_zh, p.cite_passages, p.cite_quotes].map(csv).join(',')}\n`;
          });
        }
      },
    );
    const csvSeconds = (performance.now() - t0) / 1000;
    const csvMiB = (statSync(nodesCsv).size + statSync(relsCsv).size) / 2 ** 20;
    log(`offline import: CSV of ${spec.nodes} nodes and ${relCount} relationships written in ${round(csvSeconds)} s`);

    const java = findJava();
    const lib = ensureDistribution();
    const args = [
      '-Xmx2g',
      '-cp',
      `${lib}/*`,
      'org.neo4j.cli.AdminTool',
      'database',
      'import',
      'full',
      'neo4j',
      `--nodes=${nodesCsv}`,
      `--relationships=${relsCsv}`,
      '--overwrite-destination=true',
      '--threads=2',
      '--high-parallel-io=off',
    ];
    const t1 = performance.now();
    const r = await run(java, args, { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') });
    const importSeconds = (performance.now() - t1) / 1000;
    const command = `java ${args.join(' ').replaceAll(lib, `.neo4j/dist/${NEO4J_VERSION}/lib`).replaceAll(home, `.neo4j/${INSTANCE}`)}`;
    if (r.code !== 0) {
      return {
        status: 'failed',
        reason: `neo4j-admin import exited with ${r.code}: ${r.out.trim().split('\n').slice(-8).join(' | ')}`,
        command,
      };
    }
    const toolReported = /IMPORT DONE in ([^\n.]+)/.exec(r.out)?.[1]?.trim();
    log(`offline import: ${relCount} relationships in ${round(importSeconds)} s (${Math.round(relCount / importSeconds)}/s)`);

    // Start the imported store once: check the counts, then build the schema the online loader maintains.
    let verified: OfflineImportResult['verified'];
    let indexSeconds: number | undefined;
    if (existsSync(join(home, 'data', 'databases', 'neo4j'))) {
      const inst = await startInstance({ name: INSTANCE, boltPort: PORT, password: PASSWORD, heap: '1g', pageCache: '1g' });
      const driver = neo4j.driver(inst.uri, neo4j.auth.basic(inst.user, inst.password), { logging: { level: 'error', logger: () => {} } });
      try {
        const s = driver.session();
        try {
          const n = await s.run('MATCH (n:Entity) RETURN count(n) AS n');
          const m = await s.run('MATCH ()-[r]->() RETURN count(r) AS n');
          verified = { nodes: Number(n.records[0]!.get('n')), relationships: Number(m.records[0]!.get('n')) };
          const t2 = performance.now();
          for (const statement of splitStatements(loadCypherRegistry().schema)) await s.run(statement);
          await s.run('CALL db.awaitIndexes(1800)');
          indexSeconds = round((performance.now() - t2) / 1000);
        } finally {
          await s.close();
        }
      } finally {
        await driver.close();
        await stopInstance(INSTANCE);
      }
    }
    return {
      status: 'ok',
      nodes: spec.nodes,
      relationships: relCount,
      csvSeconds: round(csvSeconds),
      csvMiB: round(csvMiB, 1),
      importSeconds: round(importSeconds),
      ...(toolReported ? { toolReported } : {}),
      relsPerSecond: Math.round(relCount / importSeconds),
      ...(verified ? { verified } : {}),
      ...(indexSeconds !== undefined ? { indexSeconds } : {}),
      command,
    };
  } catch (err) {
    await stopInstance(INSTANCE).catch(() => undefined);
    return { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    rmSync(join(home, 'import'), { recursive: true, force: true });
  }
}
