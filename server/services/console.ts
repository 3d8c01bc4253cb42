/**
 * server/services/console — the read-only Cypher console and its named templates.
 *
 * A query is refused unless Neo4j's own planner classifies it as read-only
 * (`queryType` "r") and its plan holds no operator that reaches outside the
 * graph (LOAD CSV reads files; transaction and settings commands administer
 * the server). The READ transaction it then runs in is a second wall: the
 * database rejects a write there whatever the planner said.
 */
import type { CypherResultDTO, GraphEdgeDTO, GraphNodeDTO } from '../../graph/contracts';
import { isRelType } from '../../graph/model';
import { fromNodeRecord, fromRelationshipRecord } from '../../graph/records';
import { ReadOnlyError, ValidationError } from '../errors';
import type { ConsoleRepository } from '../repositories/console-repository';

const DENIED_OPERATORS = new Set([
  'LoadCSV',
  'TerminateTransactions',
  'ShowTransactions',
  'ShowSettings',
  'ShowServers',
  'ShowDatabases',
  'ShowUsers',
  'ShowRoles',
  'ShowPrivileges',
  'AdministrationCommand',
]);

/**
 * The procedures the console may call: they read the graph, its schema or its
 * indexes. Others are refused even when Neo4j types them as reads, since
 * several of those administer the server (db.prepareForReplanning clears the
 * query caches, db.stats.collect starts a query collector, db.resample* plan
 * index work).
 */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'db.index.fulltext.listAvailableAnalyzers',
  'db.index.vector.queryNodes',
  'db.index.vector.queryRelationships',
  'db.info',
  'db.ping',
]);

const QUERY_TYPE_WORDS: Record<string, string> = {
  w: 'writes to the graph',
  rw: 'reads and writes the graph',
  s: 'changes the schema or administers the database',
};

interface PlainNode {
  __node: true;
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}
interface PlainRel {
  __relationship: true;
  elementId: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

/** Collects the graph values (nodes, relationships, paths) a result holds. */
function collectGraph(rows: unknown[][]): { nodes: GraphNodeDTO[]; edges: GraphEdgeDTO[] } {
  const nodes = new Map<string, GraphNodeDTO>();
  const idOf = new Map<string, string>();
  const rels: PlainRel[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (o.__node) {
      const n = o as unknown as PlainNode;
      if (n.labels.includes('Entity') && typeof n.properties.id === 'string') {
        idOf.set(n.elementId, n.properties.id);
        if (!nodes.has(n.properties.id)) nodes.set(n.properties.id, fromNodeRecord(n.properties));
      }
      return;
    }
    if (o.__relationship) {
      rels.push(o as unknown as PlainRel);
      return;
    }
    if (o.__path) {
      visit(o.start, depth + 1);
      for (const s of (o.segments as Record<string, unknown>[]) ?? []) {
        visit(s.start, depth + 1);
        visit(s.end, depth + 1);
        visit(s.relationship, depth + 1);
      }
      return;
    }
    Object.values(o).forEach((x) => visit(x, depth + 1));
  };
  rows.forEach((r) => visit(r, 0));
  const edges = new Map<string, GraphEdgeDTO>();
  for (const r of rels) {
    const source = idOf.get(r.start);
    const target = idOf.get(r.end);
    if (!source || !target || !isRelType(r.type)) continue;
    const e = fromRelationshipRecord({ ...r.properties, type: r.type, source, target });
    edges.set(e.id, e);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export class ConsoleService {
  constructor(
    private readonly repo: ConsoleRepository,
    private readonly opts: { rowCap: number; timeoutMs: number },
  ) {}

  /** Refuses anything but a plain read, with the reason in words. */
  async assertReadOnly(query: string, params: Record<string, unknown>): Promise<void> {
    const plan = await this.repo.explain(query, params);
    if (plan.queryType !== 'r') {
      throw new ReadOnlyError(
        `cypher: the console runs read-only queries, and Neo4j classifies this one as "${plan.queryType}" (it ${QUERY_TYPE_WORDS[plan.queryType] ?? 'is not a plain read'}) — remove the write, schema or admin clauses.`,
        { queryType: plan.queryType },
      );
    }
    const denied = plan.operators.find((op) => DENIED_OPERATORS.has(op));
    if (denied) {
      throw new ReadOnlyError(
        `cypher: the console does not run ${denied === 'LoadCSV' ? 'LOAD CSV (it reads files on the server)' : `administration operations (${denied})`} — query the graph only.`,
        { operator: denied },
      );
    }
    const procedure = plan.procedures.find((p) => !ALLOWED_PROCEDURES.has(p));
    if (procedure !== undefined) {
      throw new ReadOnlyError(
        `cypher: the console does not call the procedure ${procedure || '(unnamed)'} — it calls only procedures that read the graph or its schema: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
        { procedure },
      );
    }
  }

  async run(query: string, params: Record<string, unknown>, opts: { skipCheck?: boolean } = {}): Promise<CypherResultDTO> {
    if (!query.trim())
      throw new ValidationError('cypher: "query" is empty — write a Cypher query such as MATCH (n:Challenge) RETURN n LIMIT 10.', {
        field: 'query',
      });
    const started = performance.now();
    if (!opts.skipCheck) await this.assertReadOnly(query, params);
    const { columns, rows, truncated } = await this.repo.run(query, params, this.opts.rowCap, this.opts.timeoutMs);
    return { columns, rows, graph: collectGraph(rows), truncated, elapsedMs: Math.round(performance.now() - started) };
  }
}
