/**
 * export/files — files made from the current view: PNG of the canvas, and
 * GEXF / GraphML / JSON / CSV of the visible subgraph.
 *
 * "Visible" means what the filters leave on screen, so an export is what
 * the analyst sees. Every format is written in the browser, from the nodes
 * and edges on screen: the view may hold nodes from several requests, and
 * the server, given node ids, would add the relationships the filters hide.
 */
import { toBlob } from '@sigma/export-image';
import type Sigma from 'sigma';
import type { GraphEdgeDTO, GraphNodeDTO } from '../../../graph/contracts';
import { toGexf, toGraphml, toGraphology, toJson } from '../../../graph/serialize';
import type { ExplorerSigma } from '../render/renderer';
import type { ExplorerStore } from '../store/explorer';
import { visibleSubgraph } from '../store/views';

/** File formats the export menu offers. */
export type FileFormat = 'png' | 'gexf' | 'graphml' | 'json' | 'csv';

/** The visible nodes and edges as API records (with their current positions). */
export function visibleRecords(store: ExplorerStore): { nodes: GraphNodeDTO[]; edges: GraphEdgeDTO[] } {
  const { nodes, edges } = visibleSubgraph(store.graph, store.state.filters);
  return {
    nodes: nodes.map((id) => {
      const a = store.graph.getNodeAttributes(id);
      return { ...a.data, x: a.x, y: a.y };
    }),
    edges: edges.map((id) => store.graph.getEdgeAttribute(id, 'data')),
  };
}

/**
 * The visible subgraph in the same serializations the server's /api/export
 * writes (graph/serialize), provenance included, so a file saved here can be
 * imported again with POST /api/imports.
 */
function visibleGraph(store: ExplorerStore) {
  return toGraphology(visibleRecords(store));
}

/** Offers a blob as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds the file of a format (the PNG from the canvas, the others from the visible subgraph). */
export async function buildFile(format: FileFormat, store: ExplorerStore, sigma: ExplorerSigma): Promise<{ blob: Blob; fileName: string }> {
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `llm-landscape-${stamp}`;
  switch (format) {
    case 'png':
      return { blob: await toBlob(sigma as unknown as Sigma, { format: 'png', backgroundColor: '#ffffff' }), fileName: `${base}.png` };
    case 'gexf':
      return { blob: new Blob([toGexf(visibleGraph(store))], { type: 'application/gexf+xml' }), fileName: `${base}.gexf` };
    case 'graphml':
      return { blob: new Blob([toGraphml(visibleGraph(store))], { type: 'application/graphml+xml' }), fileName: `${base}.graphml` };
    case 'json':
      return { blob: new Blob([toJson(visibleGraph(store))], { type: 'application/json' }), fileName: `${base}.json` };
    case 'csv': {
      // Loaded on first use: the CSV writer and the zip are not needed to draw the graph.
      const { csvZip } = await import('../../../graph/csv');
      const zip = csvZip(visibleRecords(store));
      return { blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName: `${base}-csv.zip` };
    }
  }
}
