/**
 * test/unit/synthetic — the benchmark's graph generator: deterministic, skewed, and within the schema.
 */
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, REL_TYPE_INFO } from '../../graph/model';
import { toNodeRow, toRelationshipRow } from '../../graph/records';
import {
  EDGE_RULES,
  SYNTHETIC_NS,
  generateSynthetic,
  isAllowedEdge,
  syntheticDegrees,
  syntheticIndex,
  syntheticKind,
  syntheticNode,
} from '../../graph/synthetic';

function edges(nodes: number, seed?: number) {
  return [...generateSynthetic({ nodes, ...(seed !== undefined ? { seed } : {}), chunkSize: 700 })].flatMap((c) => c.relationships);
}

// Generation is quick, but a shared CI machine can be slow: allow more than vitest's 5 s default.
describe('graph/synthetic', { timeout: 60_000 }, () => {
  it('is deterministic: the same seed gives the same ids and edges, another seed other edges', () => {
    const a = [...generateSynthetic({ nodes: 3000, seed: 7 })];
    const b = [...generateSynthetic({ nodes: 3000, seed: 7, chunkSize: 123 })];
    expect(a.flatMap((c) => c.nodes.map((n) => n.id))).toEqual(b.flatMap((c) => c.nodes.map((n) => n.id)));
    expect(a.flatMap((c) => c.relationships.map((r) => r.id))).toEqual(b.flatMap((c) => c.relationships.map((r) => r.id)));
    expect(a.flatMap((c) => c.nodes)).toEqual(b.flatMap((c) => c.nodes));
    const other = edges(3000, 8).map((r) => r.id);
    expect(other).not.toEqual(a.flatMap((c) => c.relationships.map((r) => r.id)));
  });

  it('grows: the first N nodes of a larger graph are exactly the graph of N nodes', () => {
    const small = edges(1500);
    const large = [...generateSynthetic({ nodes: 4000 }, { to: 1500 })].flatMap((c) => c.relationships);
    expect(large).toEqual(small);
    const tail = [...generateSynthetic({ nodes: 4000 }, { from: 1500, emit: 'relationships' })].flatMap((c) => c.relationships);
    expect([...small, ...tail]).toEqual(edges(4000));
  });

  it('has about five relationships per node, no self-loops and no duplicate ids, every end an earlier or same-chunk node', () => {
    const n = 4000;
    const rels = edges(n);
    expect(rels.length / n).toBeGreaterThan(4.9);
    expect(rels.length / n).toBeLessThanOrEqual(5);
    expect(new Set(rels.map((r) => r.id)).size).toBe(rels.length);
    const bad = rels.filter((r) => r.source === r.target || !(syntheticIndex(r.source) < n) || !(syntheticIndex(r.target) < n));
    expect(bad).toEqual([]);
  });

  it('has a skewed degree distribution with hubs (max degree ≫ median)', () => {
    const degrees = [...syntheticDegrees({ nodes: 20_000 })].sort((x, y) => x - y);
    const median = degrees[degrees.length >> 1]!;
    const max = degrees[degrees.length - 1]!;
    expect(median).toBeGreaterThan(0);
    expect(max).toBeGreaterThan(30 * median);
  });

  it('draws every relationship between kinds that REL_TYPE_INFO allows, and uses every kind and type', () => {
    for (const rule of EDGE_RULES) expect(isAllowedEdge(rule.type, rule.from, rule.to)).toBe(true);
    const rels = edges(8000);
    const types = new Set<string>();
    const bad: string[] = [];
    for (const r of rels) {
      const from = syntheticKind(syntheticIndex(r.source));
      const to = syntheticKind(syntheticIndex(r.target));
      if (!REL_TYPE_INFO[r.type].from.includes(from) || !REL_TYPE_INFO[r.type].to.includes(to)) bad.push(`${from} -${r.type}-> ${to}`);
      if (!r.source.startsWith(`${SYNTHETIC_NS}:`) || !r.target.startsWith(`${SYNTHETIC_NS}:`)) bad.push(r.id);
      types.add(r.type);
    }
    expect(bad).toEqual([]);
    expect([...types].sort()).toEqual([...new Set(EDGE_RULES.map((r) => r.type))].sort());
    const kinds = new Set(Array.from({ length: 8000 }, (_, i) => syntheticKind(i)));
    expect([...kinds].sort()).toEqual([...NODE_KINDS].sort());
  });

  it('gives bilingual names and aliases and rows the loader accepts', () => {
    const node = syntheticNode(12345);
    expect(node.id).toBe(`bench:${node.id.split(':')[1]}:12345`);
    expect(node.name_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(node.name_en).toMatch(/^[A-Za-z]/);
    expect(node.aliases_zh.length).toBeGreaterThan(0);
    expect(node.aliases_en.length).toBeGreaterThan(0);
    expect(node.citations[0]?.passage).toMatch(/^bench:passage:/);
    const row = toNodeRow(node, SYNTHETIC_NS);
    expect(row.props.ns).toBe(SYNTHETIC_NS);
    expect(row.props.aliases_text).toContain(node.aliases_en[0]);
    const rel = edges(50)[0]!;
    expect(toRelationshipRow(rel, SYNTHETIC_NS).props.ns).toBe(SYNTHETIC_NS);
    expect(syntheticNode(12345)).toEqual(node);
  });
});
