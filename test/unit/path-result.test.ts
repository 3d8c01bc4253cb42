/**
 * graph/path-result: a paths answer gives each node and edge once and its paths by id; expanding a path writes
 * it out whole again, each hop with its relationship's quotes.
 */
import { describe, expect, it } from 'vitest';
import type { PathsResultDTO } from '../../graph/contracts';
import { expandPath, expandPaths } from '../../graph/path-result';
import { edge, node } from './client-fixtures';

const rag = node('technology:rag', 'Technology', 'RAG', '检索增强生成');
const hallucination = node('challenge:hallucination', 'Challenge', 'Hallucination', '幻觉问题');
const data = node('challenge:data-wall', 'Challenge', 'Data wall', '数据墙');
const agi = node('outlook:agi', 'Outlook', 'Toward AGI', '迈向通用人工智能');
const quote = { passage: 'passage:p3:s2', quote: '检索增强生成可以缓解幻觉', document: 'document:llm-ten-challenges' };
const e1 = { ...edge('technology:rag', 'MITIGATES', 'challenge:hallucination'), citations: [quote] };
const e2 = edge('outlook:agi', 'ADDRESSES', 'challenge:hallucination');
const e3 = edge('technology:rag', 'MITIGATES', 'challenge:data-wall');
const e4 = edge('outlook:agi', 'ADDRESSES', 'challenge:data-wall');
const hop = (from: string, to: string, id: string, direction: 'forward' | 'backward') => ({
  from,
  to,
  edge: id,
  type: id.includes('MITIGATES') ? ('MITIGATES' as const) : ('ADDRESSES' as const),
  direction,
  sentence: { zh: `${from}—${to}`, en: `${from} to ${to}` },
  evidence: 'stated' as const,
});

/** Two shortest paths from RAG to AGI that share both ends. */
const result: PathsResultDTO = {
  from: rag.id,
  to: agi.id,
  mode: 'all',
  maxHops: 6,
  nodes: [rag, hallucination, agi, data],
  edges: [e1, e2, e3, e4],
  paths: [
    {
      nodes: [rag.id, hallucination.id, agi.id],
      edges: [e1.id, e2.id],
      length: 2,
      explanation: [hop(rag.id, hallucination.id, e1.id, 'forward'), hop(hallucination.id, agi.id, e2.id, 'backward')],
    },
    {
      nodes: [rag.id, data.id, agi.id],
      edges: [e3.id, e4.id],
      length: 2,
      explanation: [hop(rag.id, data.id, e3.id, 'forward'), hop(data.id, agi.id, e4.id, 'backward')],
    },
  ],
};

describe('graph/path-result', () => {
  it('writes a path out in walking order, each hop with its edge’s quotes', () => {
    const p = expandPath(result, result.paths[0]!);
    expect(p.nodes.map((n) => n.name_en)).toEqual(['RAG', 'Hallucination', 'Toward AGI']);
    expect(p.edges).toEqual([e1, e2]);
    expect(p.length).toBe(2);
    expect(p.explanation.map((h) => h.citations)).toEqual([[quote], []]);
    expect(p.explanation[1]).toMatchObject({ from: hallucination.id, to: agi.id, direction: 'backward', edge: e2.id });
  });

  it('leaves out ids the answer does not hold, and gives a hop without its edge no quotes', () => {
    const p = expandPath(
      { nodes: [rag], edges: [] },
      { nodes: [rag.id, 'challenge:gone'], edges: [e1.id], length: 1, explanation: [hop(rag.id, 'challenge:gone', e1.id, 'forward')] },
    );
    expect(p.nodes).toEqual([rag]);
    expect(p.edges).toEqual([]);
    expect(p.explanation[0]!.citations).toEqual([]);
  });

  it('expands every path of an answer once, sharing the answer’s node objects', () => {
    const all = expandPaths(result);
    expect(all.map((p) => p.nodes.map((n) => n.id).join('>'))).toEqual([
      'technology:rag>challenge:hallucination>outlook:agi',
      'technology:rag>challenge:data-wall>outlook:agi',
    ]);
    expect(all[0]!.nodes[0]).toBe(all[1]!.nodes[0]);
    // A panel re-rendering the same answer reads the same expansion.
    expect(expandPaths(result)).toBe(all);
    expect(expandPaths({ ...result })).not.toBe(all);
  });
});
