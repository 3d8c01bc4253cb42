/**
 * graph/serialize — a subgraph as a graphology graph, and as GEXF / GraphML / JSON.
 *
 * Provenance is kept as attributes (evidence, rationale, cited passages and
 * quotes joined with " ¦ "), so an export opened in Gephi still says where
 * each node and edge came from, and an export → import round trip keeps it.
 */
import Graph from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import XMLWriter from 'xml-writer';
import type { GraphEdgeDTO, GraphNodeDTO, SubgraphDTO } from './contracts';

/** Separator of list values flattened into one attribute. */
export const LIST_SEPARATOR = ' ¦ ';

export type FlatAttributes = Record<string, string | number | boolean>;

export function flattenNode(n: GraphNodeDTO): FlatAttributes {
  const a: FlatAttributes = {
    label: n.name_en,
    kind: n.kind,
    ns: n.ns,
    name_zh: n.name_zh,
    name_en: n.name_en,
    aliases_zh: n.aliases_zh.join(LIST_SEPARATOR),
    aliases_en: n.aliases_en.join(LIST_SEPARATOR),
    description_zh: n.description_zh,
    description_en: n.description_en,
    evidence: n.evidence,
    rationale: n.rationale ?? '',
    rationale_zh: n.rationale_zh ?? '',
    cite_passages: n.citations.map((c) => c.passage).join(LIST_SEPARATOR),
    cite_quotes: n.citations.map((c) => c.quote).join(LIST_SEPARATOR),
  };
  if (n.x !== undefined && n.y !== undefined) {
    a.x = n.x;
    a.y = n.y;
  }
  return a;
}

export function flattenEdge(e: GraphEdgeDTO): FlatAttributes {
  return {
    id: e.id,
    type: e.type,
    label: e.type,
    evidence: e.evidence,
    rationale: e.rationale ?? '',
    rationale_zh: e.rationale_zh ?? '',
    cite_passages: e.citations.map((c) => c.passage).join(LIST_SEPARATOR),
    cite_quotes: e.citations.map((c) => c.quote).join(LIST_SEPARATOR),
  };
}

/** Builds a directed multigraph of the subgraph with flat attributes. */
export function toGraphology(sub: Pick<SubgraphDTO, 'nodes' | 'edges'>): Graph {
  const g = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  for (const n of sub.nodes) g.mergeNode(n.id, flattenNode(n));
  for (const e of sub.edges) {
    if (!g.hasNode(e.source) || !g.hasNode(e.target) || g.hasEdge(e.id)) continue;
    g.addDirectedEdgeWithKey(e.id, e.source, e.target, flattenEdge(e));
  }
  return g;
}

export function toGexf(g: Graph): string {
  return writeGexf(g, { pretty: true, version: '1.3' });
}

function attrType(values: unknown[]): 'string' | 'double' | 'boolean' {
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'double';
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'string';
}

/** GraphML with typed `<key>` declarations (graphology-graphml only parses). */
export function toGraphml(g: Graph): string {
  const w = new XMLWriter('  ');
  w.startDocument('1.0', 'UTF-8');
  w.startElement('graphml').writeAttribute('xmlns', 'http://graphml.graphdrawing.org/xmlns');
  const declare = (domain: 'node' | 'edge', attrs: FlatAttributes[]) => {
    const names = [...new Set(attrs.flatMap((a) => Object.keys(a)))].sort();
    for (const name of names) {
      const type = attrType(attrs.map((a) => a[name]).filter((v) => v !== undefined));
      w.startElement('key').writeAttribute('id', `${domain[0]}_${name}`).writeAttribute('for', domain);
      w.writeAttribute('attr.name', name).writeAttribute('attr.type', type).endElement();
    }
  };
  const nodeAttrs = g.mapNodes((_, a) => a as FlatAttributes);
  const edgeAttrs = g.mapEdges((_, a) => a as FlatAttributes);
  declare('node', nodeAttrs);
  declare('edge', edgeAttrs);
  w.startElement('graph').writeAttribute('id', 'G').writeAttribute('edgedefault', 'directed');
  g.forEachNode((id, a) => {
    w.startElement('node').writeAttribute('id', id);
    for (const [k, v] of Object.entries(a)) w.startElement('data').writeAttribute('key', `n_${k}`).text(String(v)).endElement();
    w.endElement();
  });
  g.forEachEdge((id, a, s, t) => {
    w.startElement('edge').writeAttribute('id', id).writeAttribute('source', s).writeAttribute('target', t);
    for (const [k, v] of Object.entries(a)) w.startElement('data').writeAttribute('key', `e_${k}`).text(String(v)).endElement();
    w.endElement();
  });
  w.endElement().endElement();
  w.endDocument();
  return w.toString();
}

/** graphology's own JSON serialization format (`graph.export()`). */
export function toJson(g: Graph): string {
  return JSON.stringify(g.export(), null, 2);
}
