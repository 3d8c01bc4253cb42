/**
 * test/unit/quotes — walks the whole curated dataset: every citation is a
 * verbatim quote of its passage, every entry has provenance, and the graph
 * covers the article (ten challenges, ten outlooks, the key entities) and is
 * connected enough for paths to make sense.
 */

import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../graph/dataset/load';
import { NODE_KINDS, REL_TYPE_INFO, relationshipId, type Citation, type EntityNode } from '../../graph/model';
import { findQuote } from '../../graph/passages';

const dataset = loadDataset();
const passages = new Map(dataset.passages.map((p) => [p.id, p]));
const nodes = new Map(dataset.nodes.map((n) => [n.id, n]));

const CHALLENGES = [
  'challenge:energy-consumption',
  'challenge:compute-cost',
  'challenge:hallucination',
  'challenge:high-quality-data',
  'challenge:interpretability',
  'challenge:model-architecture',
  'challenge:real-time',
  'challenge:data-privacy',
  'challenge:industry-acceptance',
  'challenge:application-experience',
];
const OUTLOOKS = [
  'outlook:compute-capability',
  'outlook:parameter-efficiency',
  'outlook:new-architectures',
  'outlook:hallucination-solved',
  'outlook:open-source',
  'outlook:rag-and-agents',
  'outlook:real-time-improved',
  'outlook:privacy-and-performance',
  'outlook:application-expansion',
  'outlook:global-governance',
];
const KEY_NODES: Record<string, EntityNode['kind']> = {
  'technology:rag': 'Technology',
  'technology:dola': 'Technology',
  'technology:federated-learning': 'Technology',
  'technology:differential-privacy': 'Technology',
  'technology:mamba': 'Technology',
  'technology:quantization': 'Technology',
  'org:openai': 'Organization',
  'org:meta': 'Organization',
  'org:google': 'Organization',
  'org:ai21': 'Organization',
  'org:epochai': 'Organization',
  'org:iea': 'Organization',
  'org:stanford': 'Organization',
  'org:oecd': 'Organization',
  'model:gpt-3': 'Model',
  'model:jamba': 'Model',
  'model:recurrentgemma': 'Model',
  'regulation:gdpr': 'Regulation',
  'document:llm-ten-challenges': 'Document',
};

/** Every citation in the dataset with the entry it belongs to. */
const citations: Array<{ owner: string; citation: Citation }> = [
  ...dataset.nodes.flatMap((n) => n.citations.map((citation) => ({ owner: n.id, citation }))),
  ...dataset.relationships.flatMap((r) => r.citations.map((citation) => ({ owner: r.id, citation }))),
];

/** Undirected adjacency, for path questions a reader of the graph would ask. */
const neighbours = new Map<string, Set<string>>(dataset.nodes.map((n) => [n.id, new Set<string>()]));
for (const r of dataset.relationships) {
  neighbours.get(r.source)!.add(r.target);
  neighbours.get(r.target)!.add(r.source);
}

function hops(from: string, to: string): number {
  const distance = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) return distance.get(current)!;
    for (const next of neighbours.get(current) ?? []) {
      if (!distance.has(next)) {
        distance.set(next, distance.get(current)! + 1);
        queue.push(next);
      }
    }
  }
  return Infinity;
}

describe('citations', () => {
  it('exist in large numbers', () => {
    expect(citations.length).toBeGreaterThan(dataset.nodes.length + dataset.relationships.length - 1);
  });

  it('each quote occurs verbatim in its cited passage, at the offsets findQuote reports', () => {
    const bad: string[] = [];
    for (const { owner, citation } of citations) {
      const passage = passages.get(citation.passage);
      if (passage === undefined) {
        bad.push(`${owner}: passage ${citation.passage} does not exist`);
        continue;
      }
      const span = findQuote(passage, citation.quote);
      const paragraph = passages.get(`${citation.passage.replace(/:s\d+$/, '')}`)!;
      if (span === null || paragraph.text.slice(span.start, span.end) !== citation.quote) {
        bad.push(`${owner}: "${citation.quote}" not in ${citation.passage}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('cite sentences of the article body or its header, not empty fragments', () => {
    for (const { citation } of citations) {
      expect(citation.quote.trim()).toBe(citation.quote);
      expect(citation.quote.length).toBeGreaterThan(0);
      expect(citation.passage).toMatch(/^llm10:p\d+:s\d+$/);
    }
  });
});

describe('provenance', () => {
  it('every node and relationship has at least one citation', () => {
    expect(dataset.nodes.filter((n) => n.citations.length === 0).map((n) => n.id)).toEqual([]);
    expect(dataset.relationships.filter((r) => r.citations.length === 0).map((r) => r.id)).toEqual([]);
  });

  it('every inferred entry carries a rationale, in English and in Chinese', () => {
    const entries = [...dataset.nodes, ...dataset.relationships];
    expect(entries.filter((e) => e.evidence === 'inferred' && !e.rationale?.trim()).map((e) => e.id)).toEqual([]);
    expect(entries.filter((e) => e.evidence === 'inferred' && !/[\u3400-\u9fff]/.test(e.rationale_zh ?? '')).map((e) => e.id)).toEqual([]);
  });

  it('most links are stated by the article rather than inferred', () => {
    const stated = dataset.relationships.filter((r) => r.evidence === 'stated').length;
    expect(stated / dataset.relationships.length).toBeGreaterThan(0.7);
  });

  it('relationship ids are derived from source, type and target, and respect the allowed kinds', () => {
    for (const r of dataset.relationships) {
      expect(r.id).toBe(relationshipId(r.source, r.type, r.target));
      expect(REL_TYPE_INFO[r.type].from).toContain(nodes.get(r.source)!.kind);
      expect(REL_TYPE_INFO[r.type].to).toContain(nodes.get(r.target)!.kind);
    }
  });
});

describe('coverage of the article', () => {
  it('has exactly the ten challenges and ten outlooks', () => {
    const ofKind = (kind: string) =>
      dataset.nodes
        .filter((n) => n.kind === kind)
        .map((n) => n.id)
        .sort();
    expect(ofKind('Challenge')).toEqual([...CHALLENGES].sort());
    expect(ofKind('Outlook')).toEqual([...OUTLOOKS].sort());
  });

  it('cites each challenge and outlook at its own heading', () => {
    // The headings are the numbered lines "1.能源消耗" … "10.全球合作与治理得到有效加强".
    for (const id of [...CHALLENGES, ...OUTLOOKS]) {
      const headings = nodes
        .get(id)!
        .citations.map((c) => passages.get(c.passage)!)
        .filter((p) => /^\d+\.\s?\S/.test(p.text) && p.sentence === 1);
      expect(headings.length, id).toBeGreaterThan(0);
    }
  });

  it('links every outlook to at least one challenge it addresses', () => {
    for (const outlook of OUTLOOKS) {
      const addressed = dataset.relationships.filter((r) => r.type === 'ADDRESSES' && r.source === outlook);
      expect(addressed.length, outlook).toBeGreaterThan(0);
    }
  });

  it('has every challenge addressed by some outlook or mitigated by something', () => {
    for (const challenge of CHALLENGES) {
      const answered = dataset.relationships.filter((r) => r.target === challenge && (r.type === 'ADDRESSES' || r.type === 'MITIGATES'));
      expect(answered.length, challenge).toBeGreaterThan(0);
    }
  });

  it('has the key entities with the expected kinds', () => {
    for (const [id, kind] of Object.entries(KEY_NODES)) {
      expect(nodes.get(id)?.kind, id).toBe(kind);
    }
  });

  it('has at least one node of every kind', () => {
    for (const kind of NODE_KINDS) {
      expect(
        dataset.nodes.some((n) => n.kind === kind),
        kind,
      ).toBe(true);
    }
  });

  it('has a Claim with a figure for the article’s figures, each reported by its stated source', () => {
    const claims = dataset.nodes.filter((n) => n.kind === 'Claim');
    expect(claims.length).toBeGreaterThanOrEqual(12);
    for (const claim of claims) {
      expect(claim.figure, claim.id).toBeDefined();
      const source = claim.figure!.source!;
      expect(['Organization', 'Publication'], claim.id).toContain(nodes.get(source)?.kind);
      const reported = dataset.relationships.some((r) => r.type === 'REPORTS' && r.source === source && r.target === claim.id);
      const quantifies = dataset.relationships.some((r) => r.type === 'QUANTIFIES' && r.source === claim.id);
      expect(reported && quantifies, claim.id).toBe(true);
    }
    // The headline figures of the article, by value and unit.
    const figures = claims.map((c) => `${c.figure!.value} ${c.figure!.unit}`);
    expect(figures).toEqual(
      expect.arrayContaining([
        '1.05 trillion kWh',
        '1287 MWh',
        '5 billion USD',
        '8.5 billion USD',
        '33.3 % of foundation models',
        '65.7 % of foundation models',
      ]),
    );
  });

  it('keeps names and aliases unique across nodes in each language', () => {
    for (const lang of ['zh', 'en'] as const) {
      const owner = new Map<string, string>();
      for (const n of dataset.nodes) {
        for (const term of new Set([n[`name_${lang}`], ...n[`aliases_${lang}`]].map((t) => t.toLowerCase()))) {
          expect(owner.get(term) ?? n.id, `${lang} "${term}"`).toBe(n.id);
          owner.set(term, n.id);
        }
      }
    }
  });

  it('records who wrote and published the article', () => {
    const doc = 'document:llm-ten-challenges';
    expect(dataset.relationships.some((r) => r.type === 'AUTHORED' && r.source === 'person:liu-jingdong' && r.target === doc)).toBe(true);
    expect(dataset.relationships.some((r) => r.type === 'PUBLISHES' && r.source === 'org:tianyi-think-tank' && r.target === doc)).toBe(
      true,
    );
  });
});

describe('paths through the graph', () => {
  it('links federated learning to the data-privacy challenge in one hop', () => {
    const direct = dataset.relationships.filter(
      (r) => r.source === 'technology:federated-learning' && r.target === 'challenge:data-privacy',
    );
    expect(direct.map((r) => r.type)).toContain('MITIGATES');
  });

  it('reaches energy consumption from federated learning within a few hops', () => {
    expect(hops('technology:federated-learning', 'challenge:energy-consumption')).toBeLessThanOrEqual(4);
  });

  it('is one connected graph', () => {
    const start = dataset.nodes[0]!.id;
    const unreachable = dataset.nodes.filter((n) => hops(start, n.id) === Infinity).map((n) => n.id);
    expect(unreachable).toEqual([]);
  });

  it('states the architecture links the article makes', () => {
    const has = (source: string, type: string, target: string) =>
      dataset.relationships.some((r) => r.source === source && r.type === type && r.target === target);
    expect(has('model:jamba', 'BUILDS_ON', 'technology:mamba')).toBe(true);
    expect(has('technology:mamba', 'BUILDS_ON', 'technology:ssm')).toBe(true);
    expect(has('model:recurrentgemma', 'BUILDS_ON', 'technology:rnn')).toBe(true);
    expect(has('model:recurrentgemma', 'BUILDS_ON', 'technology:local-attention')).toBe(true);
    expect(has('org:ai21', 'DEVELOPS', 'model:jamba')).toBe(true);
    expect(has('org:google', 'DEVELOPS', 'model:recurrentgemma')).toBe(true);
    expect(has('technology:synthetic-data', 'RISKS', 'concept:model-collapse')).toBe(true);
    expect(has('publication:scaling-laws-paper', 'PROPOSES', 'concept:scaling-law')).toBe(true);
  });
});
