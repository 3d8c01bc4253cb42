/**
 * graph/model — the domain vocabulary of the knowledge graph.
 *
 * Framework-free: imported by the server, the client, the loaders and the
 * benchmarks alike. Node kinds and relationship types defined here are the
 * only labels and types that ever reach a Cypher statement (the whitelist).
 */

/** Every node kind of the curated graph, in display order. */
export const NODE_KINDS = [
  'Challenge',
  'Outlook',
  'Technology',
  'Concept',
  'Model',
  'Organization',
  'Person',
  'Domain',
  'Regulation',
  'Publication',
  'Claim',
  'Document',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Id prefix per kind: `technology:rag`, `claim:gpt3-training-energy`. */
export const KIND_PREFIX: Record<NodeKind, string> = {
  Challenge: 'challenge',
  Outlook: 'outlook',
  Technology: 'technology',
  Concept: 'concept',
  Model: 'model',
  Organization: 'org',
  Person: 'person',
  Domain: 'domain',
  Regulation: 'regulation',
  Publication: 'publication',
  Claim: 'claim',
  Document: 'document',
};

export interface Bilingual {
  zh: string;
  en: string;
}

/** Human-facing description of each node kind (the client's legend and the API's schema). */
export const NODE_KIND_INFO: Record<NodeKind, { name: Bilingual; description: Bilingual }> = {
  Challenge: {
    name: { zh: '挑战', en: 'Challenge' },
    description: { zh: '大模型发展面临的十大挑战之一', en: 'One of the ten challenges facing large models' },
  },
  Outlook: {
    name: { zh: '展望', en: 'Outlook' },
    description: { zh: '大模型发展的十个展望之一', en: 'One of the ten outlooks for large models' },
  },
  Technology: {
    name: { zh: '技术', en: 'Technology' },
    description: { zh: '文中提到的技术、方法或架构', en: 'A technique, method or architecture the article names' },
  },
  Concept: {
    name: { zh: '概念', en: 'Concept' },
    description: { zh: '文中使用的概念、规律或现象', en: 'A concept, law or phenomenon the article uses' },
  },
  Model: {
    name: { zh: '模型', en: 'Model' },
    description: { zh: '具体的大模型或模型系列', en: 'A specific large model or model family' },
  },
  Organization: {
    name: { zh: '机构', en: 'Organization' },
    description: { zh: '公司、研究机构或国际组织', en: 'A company, research institution or international body' },
  },
  Person: {
    name: { zh: '人物', en: 'Person' },
    description: { zh: '文中出现的人物', en: 'A person the source names' },
  },
  Domain: {
    name: { zh: '应用领域', en: 'Domain' },
    description: { zh: '行业或应用场景', en: 'An industry or application area' },
  },
  Regulation: {
    name: { zh: '法规与原则', en: 'Regulation' },
    description: { zh: '法规、条例或治理原则', en: 'A law, regulation or governance principle' },
  },
  Publication: {
    name: { zh: '出版物', en: 'Publication' },
    description: { zh: '论文或报告', en: 'A paper or report' },
  },
  Claim: {
    name: { zh: '数据主张', en: 'Claim' },
    description: { zh: '文中的一个量化数字：数值、单位、年份与来源', en: 'A quantitative figure: value, unit, year and who states it' },
  },
  Document: {
    name: { zh: '文档', en: 'Document' },
    description: { zh: '知识图谱的来源文档', en: 'A source document of the graph' },
  },
};

/** Relationship types with their direction (allowed source → target kinds) and meaning. */
export const REL_TYPES = [
  'ADDRESSES',
  'MITIGATES',
  'ENABLES',
  'DEVELOPS',
  'BUILDS_ON',
  'QUANTIFIES',
  'REPORTS',
  'AFFECTS',
  'APPLIED_IN',
  'PUBLISHES',
  'PROPOSES',
  'GOVERNS',
  'CONTRIBUTES_TO',
  'RISKS',
  'PART_OF',
  'AUTHORED',
  'RELATED_TO',
] as const;
export type RelType = (typeof REL_TYPES)[number];

export interface RelTypeInfo {
  from: readonly NodeKind[];
  to: readonly NodeKind[];
  /** The verb phrase used to read a hop as a sentence, in both languages. */
  verb: Bilingual;
  description: Bilingual;
}

export const REL_TYPE_INFO: Record<RelType, RelTypeInfo> = {
  ADDRESSES: {
    from: ['Outlook'],
    to: ['Challenge'],
    verb: { zh: '回应', en: 'addresses' },
    description: { zh: '展望回应了某项挑战', en: 'An outlook answers a challenge' },
  },
  MITIGATES: {
    from: ['Technology', 'Concept', 'Regulation'],
    to: ['Challenge', 'Concept'],
    verb: { zh: '缓解', en: 'mitigates' },
    description: { zh: '技术缓解或解决某项挑战', en: 'A technology eases or solves a challenge' },
  },
  ENABLES: {
    from: ['Technology', 'Model', 'Concept'],
    to: ['Outlook', 'Concept', 'Domain'],
    verb: { zh: '推动', en: 'enables' },
    description: { zh: '技术推动某个展望的实现', en: 'A technology makes an outlook possible' },
  },
  DEVELOPS: {
    from: ['Organization'],
    to: ['Model', 'Technology'],
    verb: { zh: '开发', en: 'develops' },
    description: { zh: '机构开发或发布模型、技术', en: 'An organization builds or releases a model or technology' },
  },
  BUILDS_ON: {
    from: ['Model', 'Technology'],
    to: ['Technology', 'Concept', 'Model'],
    verb: { zh: '基于', en: 'builds on' },
    description: { zh: '模型或技术建立在另一项技术之上', en: 'A model or technology is built on another technology' },
  },
  QUANTIFIES: {
    from: ['Claim'],
    to: ['Challenge', 'Outlook', 'Model', 'Concept', 'Organization'],
    verb: { zh: '量化', en: 'quantifies' },
    description: { zh: '量化数据说明某项挑战或展望的规模', en: 'A figure measures a challenge or outlook' },
  },
  REPORTS: {
    from: ['Organization', 'Publication'],
    to: ['Claim'],
    verb: { zh: '报告', en: 'reports' },
    description: { zh: '机构或报告给出某个数据', en: 'An organization or report states a figure' },
  },
  AFFECTS: {
    from: ['Challenge'],
    to: ['Domain'],
    verb: { zh: '影响', en: 'affects' },
    description: { zh: '挑战在某个领域尤为突出', en: 'A challenge weighs on an application area' },
  },
  APPLIED_IN: {
    from: ['Technology', 'Model', 'Outlook'],
    to: ['Domain'],
    verb: { zh: '应用于', en: 'is applied in' },
    description: { zh: '技术或展望应用于某个领域', en: 'A technology or outlook is applied in an area' },
  },
  PUBLISHES: {
    from: ['Organization', 'Person'],
    to: ['Publication', 'Document'],
    verb: { zh: '发表', en: 'publishes' },
    description: { zh: '机构发表论文、报告或文章', en: 'An organization publishes a paper, report or article' },
  },
  PROPOSES: {
    from: ['Publication', 'Organization', 'Regulation'],
    to: ['Concept', 'Regulation', 'Technology'],
    verb: { zh: '提出', en: 'proposes' },
    description: { zh: '论文或机构提出某个概念或原则', en: 'A paper or organization puts forward a concept or principle' },
  },
  GOVERNS: {
    from: ['Regulation'],
    to: ['Challenge', 'Outlook', 'Concept', 'Domain'],
    verb: { zh: '规范', en: 'governs' },
    description: { zh: '法规或原则规范某个问题', en: 'A regulation or principle governs an issue' },
  },
  CONTRIBUTES_TO: {
    from: ['Challenge', 'Concept', 'Technology', 'Model'],
    to: ['Challenge', 'Concept'],
    // 影响, not 加剧 ("aggravates"): many of these links end at a neutral or wished-for concept (模型架构 →
    // 泛化能力, 规模定律 → 模型规模), where 加剧 said the opposite of the source.
    verb: { zh: '影响', en: 'contributes to' },
    description: { zh: '一个问题或因素影响、促成另一个问题或概念', en: 'One problem or factor feeds or causes another' },
  },
  RISKS: {
    from: ['Technology', 'Concept'],
    to: ['Concept', 'Challenge'],
    verb: { zh: '可能导致', en: 'risks' },
    description: { zh: '技术可能带来某种风险', en: 'A technology may bring about a risk' },
  },
  PART_OF: {
    from: ['Technology', 'Concept', 'Model', 'Domain'],
    to: ['Technology', 'Concept', 'Outlook', 'Challenge', 'Domain', 'Model'],
    verb: { zh: '属于', en: 'is part of' },
    description: { zh: '某事物是另一事物的组成部分', en: 'One thing is a part or instance of another' },
  },
  AUTHORED: {
    from: ['Person'],
    to: ['Document', 'Publication'],
    verb: { zh: '撰写', en: 'authored' },
    description: { zh: '人物撰写了文章', en: 'A person wrote a document' },
  },
  RELATED_TO: {
    from: NODE_KINDS,
    to: NODE_KINDS,
    verb: { zh: '关联', en: 'is related to' },
    description: {
      zh: '未指明类型的关联（来自外部导入的图）',
      en: 'An untyped link (from a graph imported from elsewhere)',
    },
  },
};

/** `stated`: the article says it; `inferred`: a curator's link, with a rationale. */
export const EVIDENCE = ['stated', 'inferred'] as const;
export type Evidence = (typeof EVIDENCE)[number];

/** One citation: the passage (sentence) id and the exact quote inside it. */
export interface Citation {
  passage: string;
  quote: string;
}

export interface Provenance {
  evidence: Evidence;
  /** Required when evidence is `inferred`: one line on why the link holds. */
  rationale?: string;
  /** The rationale in Chinese (the curated dataset gives both; imports may give only `rationale`). */
  rationale_zh?: string;
  citations: Citation[];
}

/** A quantitative figure attached to a Claim node. */
export interface ClaimFigure {
  value: number;
  unit: string;
  year?: number;
  /** Id of the node that states the figure (an Organization or Publication). */
  source?: string;
}

export interface EntityNode extends Provenance {
  id: string;
  kind: NodeKind;
  name_zh: string;
  name_en: string;
  aliases_zh: string[];
  aliases_en: string[];
  description_zh: string;
  description_en: string;
  /** Free extra properties (e.g. a Claim's figure, a URL, a year). */
  props?: Record<string, string | number | boolean>;
  figure?: ClaimFigure;
}

export interface Relationship extends Provenance {
  /** Stable id: `${source}-${type}-${target}`. */
  id: string;
  type: RelType;
  source: string;
  target: string;
}

/** A span of a source document: a paragraph (`…:p12`) or one of its sentences (`…:p12:s3`). */
export interface Passage {
  id: string;
  document: string;
  /** 1-based paragraph ordinal within the document. */
  paragraph: number;
  /** 1-based sentence ordinal within the paragraph; 0 for the paragraph itself. */
  sentence: number;
  text: string;
  /** Character offsets of this text within the paragraph (a paragraph spans itself). */
  start: number;
  end: number;
}

export interface SourceDocument {
  id: string;
  title: string;
  author?: string;
  publisher?: string;
  date?: string;
  language: 'zh' | 'en';
  /** Project-relative path of the copy of the text. */
  path: string;
}

/** The whole curated dataset after loading and validation. */
export interface Dataset {
  documents: SourceDocument[];
  passages: Passage[];
  nodes: EntityNode[];
  relationships: Relationship[];
}

/**
 * What an id in the API and in links looks like: a namespace-like prefix and a name (`technology:rag`,
 * `llm10:p34`, imports' `import:gephi/n12`), letters and digits of any script. The API's validation and the
 * client's link parsing both use it.
 */
export const ID_PATTERN = /^[\p{L}\p{N}_.-]+(?::[\p{L}\p{N}_./-]+)+$/u;

export function isNodeKind(value: string): value is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(value);
}

export function isRelType(value: string): value is RelType {
  return (REL_TYPES as readonly string[]).includes(value);
}

/** The stable id of a relationship. */
export function relationshipId(source: string, type: RelType, target: string): string {
  return `${source}-${type}-${target}`;
}

/** The two entity ids a stable relationship id joins; undefined when `id` is not `relationshipId(…, type, …)`. */
export function relationshipEnds(id: string, type: string): { source: string; target: string } | undefined {
  const sep = `-${type}-`;
  const at = id.indexOf(sep);
  if (at <= 0 || at + sep.length >= id.length || id.indexOf(sep, at + 1) !== -1) return undefined;
  return { source: id.slice(0, at), target: id.slice(at + sep.length) };
}

/** The ends and type of a stable relationship id, whatever its type; undefined when it is not one. */
export function parseRelationshipId(id: string): { source: string; type: RelType; target: string } | undefined {
  for (const type of REL_TYPES) {
    const ends = relationshipEnds(id, type);
    if (ends) return { ...ends, type };
  }
  return undefined;
}
