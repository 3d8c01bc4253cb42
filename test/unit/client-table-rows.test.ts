/**
 * test/unit/client-table-rows — the table panel's filter and column order.
 */
import { describe, expect, it } from 'vitest';
import { filterEdges, filterNodes, nextSort, sortEdges, sortNodes, type EdgeRow, type NodeRow } from '../../client/src/ui/table-rows';

const en = new Intl.Collator('en', { numeric: true });
const zh = new Intl.Collator('zh-Hans', { numeric: true });

const NODES: NodeRow[] = [
  { id: 'technology:rag', name: 'Retrieval-augmented generation', otherNames: ['检索增强生成', 'RAG'], kind: 'Technology', degree: 12 },
  { id: 'challenge:hallucination', name: 'Hallucination', otherNames: ['幻觉问题'], kind: 'Challenge', degree: 19 },
  { id: 'challenge:energy', name: 'Energy consumption', otherNames: ['能源消耗'], kind: 'Challenge', degree: 17 },
  { id: 'technology:dola', name: 'DoLa decoding', otherNames: ['层对比解码', 'DoLa'], kind: 'Technology', degree: 12 },
];

const EDGES: EdgeRow[] = [
  {
    id: 'e1',
    source: 'technology:rag',
    target: 'challenge:hallucination',
    sourceName: 'Retrieval-augmented generation',
    targetName: 'Hallucination',
    otherNames: ['检索增强生成', 'RAG', '幻觉问题'],
    relation: 'mitigates',
    evidence: 'stated',
  },
  {
    id: 'e2',
    source: 'technology:dola',
    target: 'challenge:hallucination',
    sourceName: 'DoLa decoding',
    targetName: 'Hallucination',
    otherNames: ['层对比解码', 'DoLa', '幻觉问题'],
    relation: 'mitigates',
    evidence: 'inferred',
  },
  {
    id: 'e3',
    source: 'challenge:energy',
    target: 'challenge:hallucination',
    sourceName: 'Energy consumption',
    targetName: 'Hallucination',
    otherNames: ['能源消耗', '幻觉问题'],
    relation: 'relates to',
    evidence: 'stated',
  },
];

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('table rows', () => {
  it('rests in kind-then-name order, and a header click orders by its column, then the other way round', () => {
    expect(ids(sortNodes(NODES, null, en))).toEqual(['challenge:energy', 'challenge:hallucination', 'technology:dola', 'technology:rag']);
    const byDegree = nextSort(null, 'degree');
    expect(byDegree).toEqual({ key: 'degree', dir: 'desc' });
    // Ties (two nodes of degree 12) keep a fixed order by name, whichever way the column runs.
    expect(ids(sortNodes(NODES, byDegree, en))).toEqual([
      'challenge:hallucination',
      'challenge:energy',
      'technology:dola',
      'technology:rag',
    ]);
    const up = nextSort(byDegree, 'degree');
    expect(up).toEqual({ key: 'degree', dir: 'asc' });
    expect(ids(sortNodes(NODES, up, en))).toEqual(['technology:dola', 'technology:rag', 'challenge:energy', 'challenge:hallucination']);
    expect(nextSort(up, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(ids(sortNodes(NODES, { key: 'name', dir: 'desc' }, en))).toEqual([
      'technology:rag',
      'challenge:hallucination',
      'challenge:energy',
      'technology:dola',
    ]);
  });

  it('orders Chinese names by the Chinese collation (pinyin), not by code point', () => {
    const zhRows = NODES.map((n) => ({ ...n, name: n.otherNames[0]! }));
    // 幻 huan, 检 jian, 能 neng, 层 ceng
    expect(sortNodes(zhRows, { key: 'name', dir: 'asc' }, zh).map((r) => r.name)).toEqual([
      '层对比解码',
      '幻觉问题',
      '检索增强生成',
      '能源消耗',
    ]);
  });

  it('filters on any name or alias in either language, folded like search', () => {
    expect(ids(filterNodes(NODES, 'rag'))).toEqual(['technology:rag']);
    expect(ids(filterNodes(NODES, 'ＲＡＧ'))).toEqual(['technology:rag']);
    expect(ids(filterNodes(NODES, '幻觉'))).toEqual(['challenge:hallucination']);
    expect(ids(filterNodes(NODES, '  '))).toHaveLength(4);
    expect(filterNodes(NODES, 'quantum')).toEqual([]);
  });

  it('filters relationships on either end, in either language, or on the relation', () => {
    expect(ids(filterEdges(EDGES, 'dola'))).toEqual(['e2']);
    expect(ids(filterEdges(EDGES, '幻觉'))).toEqual(['e1', 'e2', 'e3']);
    expect(ids(filterEdges(EDGES, 'relates'))).toEqual(['e3']);
  });

  it('orders relationships by a column with the others breaking ties', () => {
    expect(ids(sortEdges(EDGES, null, en))).toEqual(['e1', 'e2', 'e3']);
    expect(ids(sortEdges(EDGES, { key: 'source', dir: 'asc' }, en))).toEqual(['e2', 'e3', 'e1']);
    expect(ids(sortEdges(EDGES, { key: 'evidence', dir: 'asc' }, en))).toEqual(['e2', 'e3', 'e1']);
    expect(ids(sortEdges(EDGES, { key: 'relation', dir: 'desc' }, en))).toEqual(['e3', 'e2', 'e1']);
  });
});
