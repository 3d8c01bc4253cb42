/**
 * graph/csv — a subgraph as two CSV tables (nodes, edges) and as the zip of both.
 *
 * The columns are the flattened attributes of graph/serialize, so a CSV says what a GEXF says, provenance
 * included. Written where the subgraph is: the server's /api/export, and the explorer's export of what its
 * filters leave on screen (which the server could only guess from node ids).
 */
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import type { SubgraphDTO } from './contracts';
import { flattenEdge, flattenNode } from './serialize';

type Tables = Pick<SubgraphDTO, 'nodes' | 'edges'>;

const NODE_COLUMNS = [
  'id',
  'kind',
  'ns',
  'name_zh',
  'name_en',
  'aliases_zh',
  'aliases_en',
  'description_zh',
  'description_en',
  'evidence',
  'rationale',
  'rationale_zh',
  'cite_passages',
  'cite_quotes',
  'x',
  'y',
];
const EDGE_COLUMNS = ['id', 'source', 'target', 'type', 'evidence', 'rationale', 'rationale_zh', 'cite_passages', 'cite_quotes'];

function csvOf(rows: Record<string, unknown>[], columns: string[]): string {
  return stringify(rows, { header: true, columns, bom: false });
}

/** One row per node, with its names, descriptions, provenance and position. */
export function nodesCsv(sub: Pick<Tables, 'nodes'>): string {
  return csvOf(
    sub.nodes.map((n) => ({ id: n.id, ...flattenNode(n) })),
    NODE_COLUMNS,
  );
}

/** One row per relationship, with its ends, type and provenance. */
export function edgesCsv(sub: Pick<Tables, 'edges'>): string {
  return csvOf(
    sub.edges.map((e) => ({ ...flattenEdge(e), source: e.source, target: e.target })),
    EDGE_COLUMNS,
  );
}

/** nodes.csv and edges.csv in one zip. */
export function csvZip(sub: Tables): Uint8Array {
  return zipSync({ 'nodes.csv': strToU8(nodesCsv(sub)), 'edges.csv': strToU8(edgesCsv(sub)) });
}
