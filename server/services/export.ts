/**
 * server/services/export — a subgraph as a file: GEXF, GraphML, JSON or CSV.
 */
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import type { SubgraphDTO } from '../../graph/contracts';
import { flattenEdge, flattenNode, toGexf, toGraphml, toGraphology, toJson } from '../../graph/serialize';

export const EXPORT_FORMATS = ['gexf', 'graphml', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  contentType: string;
  filename: string;
  body: string | Buffer;
}

function csvOf(rows: Record<string, unknown>[], columns: string[]): string {
  return stringify(rows, { header: true, columns, bom: false });
}

export function nodesCsv(sub: SubgraphDTO): string {
  const rows = sub.nodes.map((n) => ({ id: n.id, ...flattenNode(n) }));
  return csvOf(rows, [
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
  ]);
}

export function edgesCsv(sub: SubgraphDTO): string {
  const rows = sub.edges.map((e) => ({ ...flattenEdge(e), source: e.source, target: e.target }));
  return csvOf(rows, ['id', 'source', 'target', 'type', 'evidence', 'rationale', 'rationale_zh', 'cite_passages', 'cite_quotes']);
}

/** Serializes; `part` picks one CSV table instead of the zip of both. */
export function exportSubgraph(sub: SubgraphDTO, format: ExportFormat, basename: string, part?: 'nodes' | 'edges'): ExportFile {
  const g = toGraphology(sub);
  switch (format) {
    case 'gexf':
      return { contentType: 'application/gexf+xml; charset=utf-8', filename: `${basename}.gexf`, body: toGexf(g) };
    case 'graphml':
      return { contentType: 'application/graphml+xml; charset=utf-8', filename: `${basename}.graphml`, body: toGraphml(g) };
    case 'json':
      return { contentType: 'application/json; charset=utf-8', filename: `${basename}.json`, body: toJson(g) };
    case 'csv': {
      if (part === 'nodes') return { contentType: 'text/csv; charset=utf-8', filename: `${basename}-nodes.csv`, body: nodesCsv(sub) };
      if (part === 'edges') return { contentType: 'text/csv; charset=utf-8', filename: `${basename}-edges.csv`, body: edgesCsv(sub) };
      const zip = zipSync({ 'nodes.csv': strToU8(nodesCsv(sub)), 'edges.csv': strToU8(edgesCsv(sub)) });
      return { contentType: 'application/zip', filename: `${basename}-csv.zip`, body: Buffer.from(zip) };
    }
  }
}
