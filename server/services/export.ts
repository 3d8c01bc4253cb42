/**
 * server/services/export — a subgraph as a file: GEXF, GraphML, JSON or CSV.
 */
import type { SubgraphDTO } from '../../graph/contracts';
import { csvZip, edgesCsv, nodesCsv } from '../../graph/csv';
import { toGexf, toGraphml, toGraphology, toJson } from '../../graph/serialize';

export const EXPORT_FORMATS = ['gexf', 'graphml', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  contentType: string;
  filename: string;
  body: string | Buffer;
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
      return { contentType: 'application/zip', filename: `${basename}-csv.zip`, body: Buffer.from(csvZip(sub)) };
    }
  }
}
