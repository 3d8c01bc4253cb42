/**
 * graph/records — how model objects are stored as Neo4j properties, and read back.
 *
 * Neo4j properties hold scalars and lists of scalars only, so a node's
 * citations become two parallel lists (`cite_passages`, `cite_quotes`) and
 * its free properties a JSON string. Loaders (curated dataset, imports,
 * benchmark generator) and the API's readers share this one mapping.
 */
import type { CitationDTO, GraphEdgeDTO, GraphNodeDTO } from './contracts';
import {
  type Citation,
  type EntityNode,
  type Evidence,
  type NodeKind,
  type Passage,
  REL_TYPES,
  type RelType,
  type Relationship,
} from './model';
import { searchText } from './search-text';

/** The namespace of the curated article's graph. */
export const CURATED_NS = 'curated';

export type NodeProps = Record<string, string | number | boolean | string[] | null>;

export interface NodeRow {
  id: string;
  kind: NodeKind;
  props: NodeProps;
}

export interface PassageRow extends Passage {
  /** The paragraph passage a sentence belongs to (a paragraph's own id for a paragraph). */
  paragraphId: string;
  ns: string;
}

/** The properties every stored schema relationship carries (besides its id). */
export interface RelationshipProps {
  ns: string;
  evidence: Evidence;
  rationale: string | null;
  rationale_zh: string | null;
  cite_passages: string[];
  cite_quotes: string[];
}

export interface RelationshipRow {
  id: string;
  type: RelType;
  source: string;
  target: string;
  props: RelationshipProps;
}

/** Relationship rows as parallel lists, one entry per row: the parameters of the relationship writers. */
export type RelationshipColumns = {
  ids: string[];
  types: RelType[];
  sources: string[];
  targets: string[];
  namespaces: string[];
  evidence: Evidence[];
  rationales: (string | null)[];
  rationalesZh: (string | null)[];
  citePassages: string[][];
  citeQuotes: string[][];
};

/**
 * Turns relationship rows into the parallel lists cypher/seed-relationships and
 * cypher/create-relationships UNWIND by index. The driver packs a list of
 * strings far faster than a map per row: shipping a 5,000-row batch of maps
 * capped the loader near 30,000 rows/s before Neo4j did any work, lists near
 * 57,000 (bench/findings).
 */
export function relationshipColumns(rows: readonly RelationshipRow[]): RelationshipColumns {
  const n = rows.length;
  const c: RelationshipColumns = {
    ids: new Array<string>(n),
    types: new Array<RelType>(n),
    sources: new Array<string>(n),
    targets: new Array<string>(n),
    namespaces: new Array<string>(n),
    evidence: new Array<Evidence>(n),
    rationales: new Array<string | null>(n),
    rationalesZh: new Array<string | null>(n),
    citePassages: new Array<string[]>(n),
    citeQuotes: new Array<string[]>(n),
  };
  rows.forEach((r, i) => {
    c.ids[i] = r.id;
    c.types[i] = r.type;
    c.sources[i] = r.source;
    c.targets[i] = r.target;
    c.namespaces[i] = r.props.ns;
    c.evidence[i] = r.props.evidence;
    c.rationales[i] = r.props.rationale;
    c.rationalesZh[i] = r.props.rationale_zh;
    c.citePassages[i] = r.props.cite_passages;
    c.citeQuotes[i] = r.props.cite_quotes;
  });
  return c;
}

/**
 * A node's stored `degrees` hold its relationship count per schema type, in
 * REL_TYPES order (cypher/degrees-refresh.cypher). These are the positions to
 * add up for a set of types.
 */
export function degreeIndexes(types: readonly RelType[]): number[] {
  return types.map((t) => REL_TYPES.indexOf(t)).filter((i) => i >= 0);
}

/** Joins aliases into the one string the full-text index covers. */
export function aliasesText(aliasesZh: readonly string[], aliasesEn: readonly string[]): string {
  return [...aliasesZh, ...aliasesEn].join(' | ');
}

/**
 * The two properties search reads, from an entity's names and aliases: `aliases_text` for the
 * full-text index and `search_text` for substring search. Every entity writer takes them from here.
 */
export function nameIndexProps(nameZh: string, nameEn: string, aliasesZh: readonly string[], aliasesEn: readonly string[]) {
  return {
    aliases_text: aliasesText(aliasesZh, aliasesEn),
    search_text: searchText([nameZh, nameEn, ...aliasesZh, ...aliasesEn]),
  };
}

export function toNodeRow(node: EntityNode, ns: string): NodeRow {
  const props: NodeProps = {
    id: node.id,
    kind: node.kind,
    ns,
    name_zh: node.name_zh,
    name_en: node.name_en,
    aliases_zh: node.aliases_zh,
    aliases_en: node.aliases_en,
    ...nameIndexProps(node.name_zh, node.name_en, node.aliases_zh, node.aliases_en),
    description_zh: node.description_zh,
    description_en: node.description_en,
    evidence: node.evidence,
    rationale: node.rationale ?? null,
    rationale_zh: node.rationale_zh ?? null,
    cite_passages: node.citations.map((c) => c.passage),
    cite_quotes: node.citations.map((c) => c.quote),
    props_json: JSON.stringify({ ...(node.props ?? {}), ...(node.figure ? { figure: node.figure } : {}) }),
  };
  return { id: node.id, kind: node.kind, props };
}

/** A passage as stored: sentence ids are `<paragraph id>:s<n>`, so the paragraph's id is derived from it. */
export function toPassageRow(p: Passage, ns: string): PassageRow {
  return {
    id: p.id,
    document: p.document,
    paragraph: p.paragraph,
    sentence: p.sentence,
    text: p.text,
    start: p.start,
    end: p.end,
    paragraphId: p.sentence === 0 ? p.id : p.id.replace(/:s\d+$/, ''),
    ns,
  };
}

export function toRelationshipRow(rel: Relationship, ns: string): RelationshipRow {
  return {
    id: rel.id,
    type: rel.type,
    source: rel.source,
    target: rel.target,
    props: {
      ns,
      evidence: rel.evidence,
      rationale: rel.rationale ?? null,
      rationale_zh: rel.rationale_zh ?? null,
      cite_passages: rel.citations.map((c) => c.passage),
      cite_quotes: rel.citations.map((c) => c.quote),
    },
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function citationsOf(record: Record<string, unknown>): Citation[] {
  const passages = strings(record.cite_passages);
  const quotes = strings(record.cite_quotes);
  return passages.map((passage, i) => ({ passage, quote: quotes[i] ?? '' }));
}

function parseProps(json: unknown): GraphNodeDTO['props'] | undefined {
  if (typeof json !== 'string' || json === '' || json === '{}') return undefined;
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    const out: NonNullable<GraphNodeDTO['props']> = {};
    for (const [k, v] of Object.entries(parsed)) {
      out[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Reads a stored node (a plain property map) back as the API's node shape. */
export function fromNodeRecord(record: Record<string, unknown>, degree?: number): GraphNodeDTO {
  const dto: GraphNodeDTO = {
    id: String(record.id),
    kind: String(record.kind) as NodeKind,
    name_zh: String(record.name_zh ?? ''),
    name_en: String(record.name_en ?? ''),
    aliases_zh: strings(record.aliases_zh),
    aliases_en: strings(record.aliases_en),
    description_zh: String(record.description_zh ?? ''),
    description_en: String(record.description_en ?? ''),
    evidence: (record.evidence === 'inferred' ? 'inferred' : 'stated') as Evidence,
    citations: citationsOf(record) as CitationDTO[],
    ns: String(record.ns ?? ''),
  };
  if (typeof record.rationale === 'string') dto.rationale = record.rationale;
  if (typeof record.rationale_zh === 'string') dto.rationale_zh = record.rationale_zh;
  const props = parseProps(record.props_json);
  if (props) dto.props = props;
  if (typeof record.x === 'number' && typeof record.y === 'number') {
    dto.x = record.x;
    dto.y = record.y;
  }
  if (degree !== undefined) dto.degree = degree;
  return dto;
}

/** Reads a stored relationship (properties + type + end ids) back as the API's edge shape. */
export function fromRelationshipRecord(record: Record<string, unknown>): GraphEdgeDTO {
  const dto: GraphEdgeDTO = {
    id: String(record.id ?? `${String(record.source)}-${String(record.type)}-${String(record.target)}`),
    type: String(record.type) as RelType,
    source: String(record.source),
    target: String(record.target),
    evidence: (record.evidence === 'inferred' ? 'inferred' : 'stated') as Evidence,
    citations: citationsOf(record) as CitationDTO[],
  };
  if (typeof record.rationale === 'string') dto.rationale = record.rationale;
  if (typeof record.rationale_zh === 'string') dto.rationale_zh = record.rationale_zh;
  return dto;
}
