/**
 * graph/imports — a graph file made elsewhere (GEXF, GraphML) as rows for a namespace of its own.
 *
 * Ids are prefixed with the namespace (`import:<name>/<original id>`) so an
 * imported graph sits beside the curated one without mixing. Kinds and
 * relationship types are kept when they are in the schema (a round trip of
 * our own export), otherwise nodes become Concepts and edges RELATED_TO.
 * Provenance attributes of our own exports are kept; other files get an
 * `inferred` status whose rationale names the file.
 */
import type Graph from 'graphology';
import { type NodeKind, type RelType, isNodeKind, isRelType } from './model';
import { type NodeRow, type RelationshipRow, nameIndexProps } from './records';
import { LIST_SEPARATOR } from './serialize';

export const IMPORT_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

export function importNamespace(name: string): string {
  return `import:${name}`;
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function list(v: unknown): string[] {
  const s = str(v);
  return s
    ? s
        .split(LIST_SEPARATOR)
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

export interface ImportRows {
  ns: string;
  nodes: NodeRow[];
  relationships: RelationshipRow[];
}

/**
 * An imported element's rationale in both languages: the file's own (`rationale`, `rationale_zh`),
 * else that it came from the file. A rationale the file gives in one language only stays that way.
 */
function rationales(a: Record<string, unknown>, file: string): { rationale: string; rationale_zh: string | null } {
  const en = str(a.rationale);
  const zh = str(a.rationale_zh);
  if (!en && !zh) return { rationale: `imported from ${file}`, rationale_zh: `从 ${file} 导入` };
  return { rationale: en || zh, rationale_zh: zh || null };
}

/** Converts a parsed graph into rows; `file` names the source in rationales. */
export function importRows(graph: Graph, name: string, file: string): ImportRows {
  const ns = importNamespace(name);
  const prefix = `${ns}/`;
  const nodes: NodeRow[] = graph.mapNodes((key, a) => {
    const kind: NodeKind = isNodeKind(str(a.kind)) ? (str(a.kind) as NodeKind) : 'Concept';
    const label = str(a.label) || key;
    const aliasesZh = list(a.aliases_zh);
    const aliasesEn = list(a.aliases_en);
    const passages = list(a.cite_passages);
    const quotes = list(a.cite_quotes);
    const nameZh = str(a.name_zh) || label;
    const nameEn = str(a.name_en) || label;
    const props: NodeRow['props'] = {
      id: `${prefix}${key}`,
      kind,
      ns,
      name_zh: nameZh,
      name_en: nameEn,
      aliases_zh: aliasesZh,
      aliases_en: aliasesEn,
      ...nameIndexProps(nameZh, nameEn, aliasesZh, aliasesEn),
      description_zh: str(a.description_zh),
      description_en: str(a.description_en),
      evidence: passages.length > 0 && str(a.evidence) === 'stated' ? 'stated' : 'inferred',
      ...rationales(a, file),
      cite_passages: passages,
      cite_quotes: quotes,
      props_json: JSON.stringify({ original_id: key, source_file: file }),
      source_id: key,
    };
    if (typeof a.x === 'number' && typeof a.y === 'number') {
      props.x = a.x;
      props.y = a.y;
    }
    return { id: `${prefix}${key}`, kind, props };
  });
  const seen = new Set<string>();
  const relationships: RelationshipRow[] = [];
  graph.forEachEdge((key, a, source, target) => {
    const type: RelType = isRelType(str(a.type)) ? (str(a.type) as RelType) : 'RELATED_TO';
    let id = `${prefix}${str(a.id) || key}`;
    if (seen.has(id)) id = `${id}#${relationships.length}`;
    seen.add(id);
    const passages = list(a.cite_passages);
    relationships.push({
      id,
      type,
      source: `${prefix}${source}`,
      target: `${prefix}${target}`,
      props: {
        ns,
        evidence: passages.length > 0 && str(a.evidence) === 'stated' ? 'stated' : 'inferred',
        ...rationales(a, file),
        cite_passages: passages,
        cite_quotes: list(a.cite_quotes),
      },
    });
  });
  return { ns, nodes, relationships };
}
