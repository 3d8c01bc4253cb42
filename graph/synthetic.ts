/**
 * graph/synthetic — a seeded generator of a synthetic knowledge graph shaped like the curated one.
 *
 * Used by the benchmarks (bench/) at 10k–1M nodes. The graph has the curated
 * graph's node kinds and relationship types, each relationship between kinds
 * that REL_TYPE_INFO allows, bilingual names and aliases, and a skewed degree
 * distribution: every new node attaches `relsPerNode` relationships to earlier
 * nodes chosen by preferential attachment (probability ∝ degree + 1) within
 * the kind the relationship type needs, so early nodes become hubs.
 *
 * Everything is a function of the seed:
 * - a node (kind, names, aliases, citation) is a pure function of (seed, index),
 *   so `syntheticNode(i)` needs no generation and benchmarks can pick ids at will;
 * - relationships come from one sequential process (preferential attachment),
 *   replayed from index 0 by `generateSynthetic`, which streams them in chunks
 *   and keeps only the attachment urns (a few ints per relationship) in memory.
 * The first N nodes of a larger graph are exactly the graph of N nodes, so a
 * benchmark can grow 10k → 100k → 1M by loading the difference.
 */
import { seededRandom } from './analytics/random';
import {
  KIND_PREFIX,
  NODE_KINDS,
  REL_TYPE_INFO,
  type EntityNode,
  type NodeKind,
  type RelType,
  type Relationship,
  relationshipId,
} from './model';

/** The namespace synthetic graphs are loaded into: never mixed with the curated graph. */
export const SYNTHETIC_NS = 'bench';
export const DEFAULT_SEED = 20240521;

// ------------------------------------------------------------------ PRNG

/** A stateless hash of (seed, index, salt) to a uint32 (murmur3's finalizer over a mix of the inputs). */
export function hash32(seed: number, index: number, salt = 0): number {
  let h = (seed ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// ------------------------------------------------------------------ shape

/**
 * Share of each kind among the nodes (roughly the curated graph's mix, with
 * the few-of-a-kind Challenge/Outlook/Domain nodes as natural hubs).
 */
export const KIND_WEIGHTS: Record<NodeKind, number> = {
  Challenge: 2,
  Outlook: 2,
  Technology: 22,
  Concept: 18,
  Model: 12,
  Organization: 9,
  Person: 8,
  Domain: 3,
  Regulation: 3,
  Publication: 10,
  Claim: 10,
  Document: 1,
};

export interface EdgeRule {
  type: RelType;
  from: NodeKind;
  to: NodeKind;
  weight: number;
}

/** The (type, from kind, to kind) triples the generator draws from; each is allowed by REL_TYPE_INFO. */
export const EDGE_RULES: readonly EdgeRule[] = [
  { type: 'ADDRESSES', from: 'Outlook', to: 'Challenge', weight: 3 },
  { type: 'MITIGATES', from: 'Technology', to: 'Challenge', weight: 6 },
  { type: 'MITIGATES', from: 'Technology', to: 'Concept', weight: 2 },
  { type: 'MITIGATES', from: 'Regulation', to: 'Challenge', weight: 2 },
  { type: 'ENABLES', from: 'Technology', to: 'Outlook', weight: 4 },
  { type: 'ENABLES', from: 'Model', to: 'Domain', weight: 2 },
  { type: 'ENABLES', from: 'Technology', to: 'Concept', weight: 2 },
  { type: 'ENABLES', from: 'Concept', to: 'Outlook', weight: 2 },
  { type: 'DEVELOPS', from: 'Organization', to: 'Model', weight: 6 },
  { type: 'DEVELOPS', from: 'Organization', to: 'Technology', weight: 4 },
  { type: 'BUILDS_ON', from: 'Model', to: 'Technology', weight: 5 },
  { type: 'BUILDS_ON', from: 'Technology', to: 'Technology', weight: 5 },
  { type: 'BUILDS_ON', from: 'Model', to: 'Model', weight: 3 },
  { type: 'BUILDS_ON', from: 'Technology', to: 'Concept', weight: 3 },
  { type: 'QUANTIFIES', from: 'Claim', to: 'Challenge', weight: 3 },
  { type: 'QUANTIFIES', from: 'Claim', to: 'Model', weight: 3 },
  { type: 'QUANTIFIES', from: 'Claim', to: 'Organization', weight: 2 },
  { type: 'QUANTIFIES', from: 'Claim', to: 'Outlook', weight: 1 },
  { type: 'QUANTIFIES', from: 'Claim', to: 'Concept', weight: 1 },
  { type: 'REPORTS', from: 'Organization', to: 'Claim', weight: 3 },
  { type: 'REPORTS', from: 'Publication', to: 'Claim', weight: 4 },
  { type: 'AFFECTS', from: 'Challenge', to: 'Domain', weight: 2 },
  { type: 'APPLIED_IN', from: 'Technology', to: 'Domain', weight: 4 },
  { type: 'APPLIED_IN', from: 'Model', to: 'Domain', weight: 3 },
  { type: 'APPLIED_IN', from: 'Outlook', to: 'Domain', weight: 1 },
  { type: 'PUBLISHES', from: 'Organization', to: 'Publication', weight: 4 },
  { type: 'PUBLISHES', from: 'Person', to: 'Publication', weight: 2 },
  { type: 'PUBLISHES', from: 'Organization', to: 'Document', weight: 1 },
  { type: 'PROPOSES', from: 'Publication', to: 'Concept', weight: 4 },
  { type: 'PROPOSES', from: 'Publication', to: 'Technology', weight: 4 },
  { type: 'PROPOSES', from: 'Organization', to: 'Regulation', weight: 1 },
  { type: 'PROPOSES', from: 'Regulation', to: 'Concept', weight: 1 },
  { type: 'GOVERNS', from: 'Regulation', to: 'Challenge', weight: 2 },
  { type: 'GOVERNS', from: 'Regulation', to: 'Domain', weight: 2 },
  { type: 'GOVERNS', from: 'Regulation', to: 'Outlook', weight: 1 },
  { type: 'CONTRIBUTES_TO', from: 'Challenge', to: 'Challenge', weight: 1 },
  { type: 'CONTRIBUTES_TO', from: 'Concept', to: 'Challenge', weight: 2 },
  { type: 'CONTRIBUTES_TO', from: 'Technology', to: 'Challenge', weight: 1 },
  { type: 'CONTRIBUTES_TO', from: 'Model', to: 'Concept', weight: 1 },
  { type: 'RISKS', from: 'Technology', to: 'Challenge', weight: 2 },
  { type: 'RISKS', from: 'Concept', to: 'Concept', weight: 1 },
  { type: 'PART_OF', from: 'Technology', to: 'Technology', weight: 3 },
  { type: 'PART_OF', from: 'Concept', to: 'Concept', weight: 3 },
  { type: 'PART_OF', from: 'Model', to: 'Model', weight: 1 },
  { type: 'PART_OF', from: 'Domain', to: 'Domain', weight: 1 },
  { type: 'PART_OF', from: 'Technology', to: 'Outlook', weight: 1 },
  { type: 'AUTHORED', from: 'Person', to: 'Publication', weight: 6 },
  { type: 'AUTHORED', from: 'Person', to: 'Document', weight: 1 },
  { type: 'RELATED_TO', from: 'Concept', to: 'Technology', weight: 1 },
  { type: 'RELATED_TO', from: 'Organization', to: 'Organization', weight: 1 },
  { type: 'RELATED_TO', from: 'Person', to: 'Organization', weight: 2 },
  { type: 'RELATED_TO', from: 'Person', to: 'Person', weight: 1 },
];

/** True when REL_TYPE_INFO allows a relationship of `type` from `from` to `to`. */
export function isAllowedEdge(type: RelType, from: NodeKind, to: NodeKind): boolean {
  const info = REL_TYPE_INFO[type];
  return info.from.includes(from) && info.to.includes(to);
}

for (const rule of EDGE_RULES) {
  if (!isAllowedEdge(rule.type, rule.from, rule.to)) {
    throw new Error(`graph/synthetic: rule ${rule.from} -${rule.type}-> ${rule.to} is not allowed by REL_TYPE_INFO — fix EDGE_RULES.`);
  }
}

const KIND_COUNT = NODE_KINDS.length;
const KIND_INDEX = new Map<NodeKind, number>(NODE_KINDS.map((k, i) => [k, i]));

/** Cumulative kind weights, for a weighted choice from one uniform number. */
const KIND_CUMULATIVE = (() => {
  let sum = 0;
  const out = NODE_KINDS.map((k) => (sum += KIND_WEIGHTS[k]));
  return out.map((c) => c / sum);
})();

/** Per kind: the rules it takes part in (as source or target), with cumulative weights. */
const RULES_BY_KIND: { rules: EdgeRule[]; cumulative: number[] }[] = NODE_KINDS.map((kind) => {
  const rules = EDGE_RULES.filter((r) => r.from === kind || r.to === kind);
  let sum = 0;
  const cumulative = rules.map((r) => (sum += r.weight));
  return { rules, cumulative: cumulative.map((c) => c / sum) };
});

function pickCumulative(cumulative: readonly number[], u: number): number {
  for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return i;
  return cumulative.length - 1;
}

// ------------------------------------------------------------------ names

const ADJ: readonly (readonly [string, string])[] = [
  ['Sparse', '稀疏'],
  ['Dense', '稠密'],
  ['Federated', '联邦'],
  ['Multimodal', '多模态'],
  ['Efficient', '高效'],
  ['Robust', '鲁棒'],
  ['Adaptive', '自适应'],
  ['Neural', '神经'],
  ['Causal', '因果'],
  ['Generative', '生成式'],
  ['Contrastive', '对比'],
  ['Hierarchical', '层次化'],
  ['Latent', '潜在'],
  ['Distributed', '分布式'],
  ['Quantized', '量化'],
  ['Aligned', '对齐'],
  ['Open', '开放'],
  ['Scalable', '可扩展'],
  ['Secure', '安全'],
  ['Private', '隐私'],
  ['Interpretable', '可解释'],
  ['Augmented', '增强'],
  ['Continual', '持续'],
  ['Mixed', '混合'],
  ['Recurrent', '循环'],
  ['Linear', '线性'],
  ['Autonomous', '自主'],
  ['Green', '绿色'],
  ['Lowrank', '低秩'],
  ['Agentic', '智能体'],
  ['Symbolic', '符号'],
  ['Reinforced', '强化'],
];

const NOUNS: Record<NodeKind, readonly (readonly [string, string])[]> = {
  Challenge: [
    ['Hallucination', '幻觉'],
    ['Bias', '偏见'],
    ['Energy Use', '能耗'],
    ['Data Scarcity', '数据稀缺'],
    ['Privacy Leakage', '隐私泄露'],
    ['Misuse', '滥用'],
    ['Opacity', '不透明'],
    ['Compute Cost', '算力成本'],
  ],
  Outlook: [
    ['Embodiment', '具身'],
    ['Reasoning', '推理'],
    ['Personal Assistants', '个人助理'],
    ['Science Discovery', '科学发现'],
    ['Edge Deployment', '端侧部署'],
    ['World Models', '世界模型'],
  ],
  Technology: [
    ['Attention', '注意力'],
    ['Transformer', '变换器'],
    ['Distillation', '蒸馏'],
    ['Pruning', '剪枝'],
    ['Tokenizer', '分词器'],
    ['Retrieval', '检索'],
    ['Finetuning', '微调'],
    ['Embedding', '嵌入'],
    ['Decoding', '解码'],
    ['Compression', '压缩'],
    ['Watermarking', '水印'],
    ['Routing', '路由'],
  ],
  Concept: [
    ['Scaling Law', '规模定律'],
    ['Emergence', '涌现'],
    ['Alignment', '对齐问题'],
    ['Context Window', '上下文窗口'],
    ['Generalization', '泛化'],
    ['Grounding', '落地'],
    ['Memorization', '记忆'],
    ['Calibration', '校准'],
  ],
  Model: [
    ['Atlas', '阿特拉斯'],
    ['Falcon', '猎鹰'],
    ['Phoenix', '凤凰'],
    ['Orion', '猎户'],
    ['Kunlun', '昆仑'],
    ['Tianhe', '天河'],
    ['Panda', '熊猫'],
    ['Comet', '彗星'],
  ],
  Organization: [
    ['Lab', '实验室'],
    ['Institute', '研究院'],
    ['University', '大学'],
    ['Labs Inc', '科技公司'],
    ['Foundation', '基金会'],
    ['Consortium', '联盟'],
  ],
  Person: [
    ['Wei', '伟'],
    ['Fang', '芳'],
    ['Min', '敏'],
    ['Jing', '静'],
    ['Lei', '磊'],
    ['Yan', '燕'],
    ['Tao', '涛'],
    ['Hui', '慧'],
  ],
  Domain: [
    ['Healthcare', '医疗'],
    ['Finance', '金融'],
    ['Education', '教育'],
    ['Law', '法律'],
    ['Manufacturing', '制造'],
    ['Government', '政务'],
  ],
  Regulation: [
    ['Act', '法案'],
    ['Guideline', '指南'],
    ['Principle', '原则'],
    ['Standard', '标准'],
    ['Measure', '办法'],
  ],
  Publication: [
    ['Survey', '综述'],
    ['Report', '报告'],
    ['Benchmark', '评测'],
    ['White Paper', '白皮书'],
    ['Study', '研究'],
  ],
  Claim: [
    ['Training Energy', '训练能耗'],
    ['Parameter Count', '参数规模'],
    ['Market Size', '市场规模'],
    ['Error Rate', '错误率'],
    ['User Count', '用户数'],
  ],
  Document: [
    ['Article', '文章'],
    ['Essay', '随笔'],
    ['Interview', '访谈'],
  ],
};

const SURNAMES: readonly (readonly [string, string])[] = [
  ['Zhang', '张'],
  ['Wang', '王'],
  ['Li', '李'],
  ['Zhao', '赵'],
  ['Chen', '陈'],
  ['Liu', '刘'],
  ['Yang', '杨'],
  ['Huang', '黄'],
  ['Zhou', '周'],
  ['Wu', '吴'],
];

/** The kind of node `index`: a pure function of (seed, index). The first nodes cover every kind once. */
export function syntheticKind(index: number, seed = DEFAULT_SEED): NodeKind {
  if (index < KIND_COUNT) return NODE_KINDS[index]!;
  return NODE_KINDS[pickCumulative(KIND_CUMULATIVE, hash32(seed, index, 1) / 4294967296)]!;
}

/** The node id: `bench:technology:12345`. */
export function syntheticId(index: number, seed = DEFAULT_SEED, ns = SYNTHETIC_NS): string {
  return `${ns}:${KIND_PREFIX[syntheticKind(index, seed)]}:${index}`;
}

/** A synthetic passage id (the generator's citations point at these; no Passage node is written). */
export function syntheticPassageId(index: number, ns = SYNTHETIC_NS): string {
  return `${ns}:passage:p${index % 5000}`;
}

/** The index back from a synthetic id (NaN when it is not one). */
export function syntheticIndex(id: string): number {
  return Number(id.slice(id.lastIndexOf(':') + 1));
}

/** Bilingual names of node `index`: `Sparse Attention 2n9c` / `稀疏注意力-2n9c`, aliases `SA-2n9c` / `注意力2n9c`. */
export function syntheticNames(
  index: number,
  seed = DEFAULT_SEED,
): { name_en: string; name_zh: string; aliases_en: string[]; aliases_zh: string[]; words: { en: string; zh: string } } {
  const kind = syntheticKind(index, seed);
  const h = hash32(seed, index, 2);
  const code = index.toString(36);
  const nouns = NOUNS[kind];
  const noun = nouns[h % nouns.length]!;
  if (kind === 'Person') {
    const surname = SURNAMES[(h >>> 8) % SURNAMES.length]!;
    return {
      name_en: `${noun[0]} ${surname[0]} ${code}`,
      name_zh: `${surname[1]}${noun[1]}-${code}`,
      aliases_en: [`${noun[0][0]}. ${surname[0]} ${code}`],
      aliases_zh: [`${surname[1]}老师${code}`],
      words: { en: `${noun[0]} ${surname[0]}`.toLowerCase(), zh: `${surname[1]}${noun[1]}` },
    };
  }
  const adj = ADJ[(h >>> 8) % ADJ.length]!;
  const initials = `${adj[0][0]}${noun[0]
    .split(' ')
    .map((w) => w[0])
    .join('')}`.toUpperCase();
  return {
    name_en: `${adj[0]} ${noun[0]} ${code}`,
    name_zh: `${adj[1]}${noun[1]}-${code}`,
    aliases_en: [`${initials}-${code}`],
    aliases_zh: [`${noun[1]}${code}`],
    words: { en: `${adj[0]} ${noun[0]}`.toLowerCase(), zh: `${adj[1]}${noun[1]}` },
  };
}

/** Node `index` of the synthetic graph: a pure function of (seed, index, ns). */
export function syntheticNode(index: number, seed = DEFAULT_SEED, ns = SYNTHETIC_NS): EntityNode {
  const kind = syntheticKind(index, seed);
  const names = syntheticNames(index, seed);
  const h = hash32(seed, index, 3);
  const node: EntityNode = {
    id: syntheticId(index, seed, ns),
    kind,
    name_zh: names.name_zh,
    name_en: names.name_en,
    aliases_zh: names.aliases_zh,
    aliases_en: names.aliases_en,
    description_zh: `基准测试生成的${kind}节点:${names.name_zh}。`,
    description_en: `${names.name_en}: a synthetic ${kind.toLowerCase()} generated for the benchmark.`,
    evidence: 'stated',
    citations: [{ passage: syntheticPassageId(index, ns), quote: names.name_zh }],
  };
  if (kind === 'Claim') node.figure = { value: (h % 10000) / 10, unit: '%', year: 2015 + (h % 10) };
  return node;
}

// ------------------------------------------------------------------ relationships

export interface SyntheticOptions {
  /** Total nodes of the graph. */
  nodes: number;
  seed?: number;
  /** Relationships each new node attaches to earlier ones (the graph has about this many per node). */
  relsPerNode?: number;
  ns?: string;
  /** Nodes per yielded chunk. */
  chunkSize?: number;
}

export interface SyntheticChunk {
  /** Node indices [start, end) of this chunk. */
  start: number;
  end: number;
  nodes: EntityNode[];
  /** Relationships created by this chunk's nodes (their other ends are earlier nodes). */
  relationships: Relationship[];
}

/** A growable Int32Array: the urn of one kind for preferential attachment. */
class Urn {
  data = new Int32Array(1024);
  size = 0;
  push(v: number): void {
    if (this.size === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = v;
  }
  pick(u: number): number {
    return this.data[Math.floor(u * this.size)]!;
  }
}

/**
 * Streams the synthetic graph in chunks of nodes [from, to), each with the
 * relationships its nodes create. Nodes before `from` are replayed (only
 * their attachment state is kept). With `emit: 'nodes'` no relationship is
 * generated at all (nodes are pure functions of their index).
 */
export function* generateSynthetic(
  opts: SyntheticOptions,
  range: { from?: number; to?: number; emit?: 'nodes' | 'relationships' | 'both' } = {},
): Generator<SyntheticChunk> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const ns = opts.ns ?? SYNTHETIC_NS;
  const m = opts.relsPerNode ?? 5;
  const chunkSize = opts.chunkSize ?? 5000;
  const from = Math.max(0, range.from ?? 0);
  const to = Math.min(opts.nodes, range.to ?? opts.nodes);
  const emit = range.emit ?? 'both';
  const withRels = emit !== 'nodes';

  if (!withRels) {
    for (let start = from; start < to; start += chunkSize) {
      const end = Math.min(to, start + chunkSize);
      const nodes: EntityNode[] = [];
      for (let i = start; i < end; i++) nodes.push(syntheticNode(i, seed, ns));
      yield { start, end, nodes, relationships: [] };
    }
    return;
  }

  const urns = NODE_KINDS.map(() => new Urn());
  const kinds = new Uint8Array(to);
  const ids: string[] = [];
  const idOf = (i: number): string => (ids[i] ??= syntheticId(i, seed, ns));
  const rand = seededRandom(seed ^ 0x5bd1e995);
  const chosen = new Set<number>();

  let chunk: SyntheticChunk | null = null;
  for (let i = 0; i < to; i++) {
    if (i >= from && (chunk === null || i - chunk.start >= chunkSize)) {
      if (chunk) yield chunk;
      chunk = { start: i, end: i, nodes: [], relationships: [] };
    }
    const kind = syntheticKind(i, seed);
    const k = KIND_INDEX.get(kind)!;
    kinds[i] = k;
    const out = i >= from;
    const attach = Math.min(m, i);
    chosen.clear();
    const { rules, cumulative } = RULES_BY_KIND[k]!;
    for (let j = 0; j < attach; j++) {
      let made = false;
      for (let attempt = 0; attempt < 8 && !made; attempt++) {
        const rule = rules[pickCumulative(cumulative, rand())]!;
        // The new node plays the rule's `from` side when it can (new builds on old), else its `to` side.
        const newIsSource = rule.from === kind;
        const otherKind = newIsSource ? rule.to : rule.from;
        const urn = urns[KIND_INDEX.get(otherKind)!]!;
        if (urn.size === 0) continue;
        const other = urn.pick(rand());
        if (other === i || chosen.has(other)) continue;
        chosen.add(other);
        made = true;
        urns[k]!.push(i);
        urn.push(other);
        if (out) {
          const source = newIsSource ? idOf(i) : idOf(other);
          const target = newIsSource ? idOf(other) : idOf(i);
          chunk!.relationships.push(syntheticRelationship(rule.type, source, target, i, j, seed, ns));
        }
      }
    }
    urns[k]!.push(i);
    if (out) {
      if (emit === 'both') chunk!.nodes.push(syntheticNode(i, seed, ns));
      chunk!.end = i + 1;
    }
  }
  if (chunk && chunk.end > chunk.start) yield chunk;
}

function syntheticRelationship(
  type: RelType,
  source: string,
  target: string,
  i: number,
  j: number,
  seed: number,
  ns: string,
): Relationship {
  const inferred = hash32(seed, i * 8 + j, 4) % 10 === 0;
  return {
    id: relationshipId(source, type, target),
    type,
    source,
    target,
    evidence: inferred ? 'inferred' : 'stated',
    ...(inferred ? { rationale: 'Synthetic link drawn by preferential attachment.', rationale_zh: '按偏好连接生成的合成关系。' } : {}),
    citations: [{ passage: syntheticPassageId(i * 8 + j, ns), quote: type.toLowerCase() }],
  };
}

/** Degree of every node of a graph of `nodes` nodes (for tests and reports); O(nodes) memory. */
export function syntheticDegrees(opts: SyntheticOptions): Int32Array {
  const degrees = new Int32Array(opts.nodes);
  for (const chunk of generateSynthetic(opts, { emit: 'relationships' })) {
    for (const r of chunk.relationships) {
      degrees[syntheticIndex(r.source)]++;
      degrees[syntheticIndex(r.target)]++;
    }
  }
  return degrees;
}
