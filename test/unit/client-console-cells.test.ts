/**
 * test/unit/client-console-cells — console result cells: a relationship reads with its two ends named
 * (from the result's graph, else from its stable id), a path with the direction of each relationship.
 * Values are shaped as the server's toPlain sends them (server/db/database).
 */
import { describe, expect, it } from 'vitest';
import { cellText, resultLookup } from '../../client/src/console/cells';
import type { CypherResultDTO, GraphNodeDTO } from '../../graph/contracts';
import { relationshipEnds, relationshipId } from '../../graph/model';

const node = (elementId: string, id: string, name_en: string, name_zh: string) => ({
  __node: true,
  elementId,
  labels: ['Entity', 'Technology'],
  properties: { id, name_en, name_zh },
});
const DOLA = node('4:x:1', 'technology:dola', 'DoLa', '层对比解码');
const HALL = node('4:x:2', 'challenge:hallucination', 'Hallucination', '幻觉');
const RAG = node('4:x:3', 'technology:rag', 'RAG', '检索增强生成');
const rel = (
  start: { elementId: string; properties: { id: string } },
  type: string,
  end: { elementId: string; properties: { id: string } },
) => ({
  __relationship: true,
  elementId: `5:x:${start.properties.id}-${end.properties.id}`,
  type,
  start: start.elementId,
  end: end.elementId,
  properties: { id: `${start.properties.id}-${type}-${end.properties.id}`, evidence: 'stated' },
});
const dto = (n: ReturnType<typeof node>) =>
  ({ id: n.properties.id, name_en: n.properties.name_en, name_zh: n.properties.name_zh }) as GraphNodeDTO;

describe('console cells', () => {
  const mitigates = rel(DOLA, 'MITIGATES', HALL);
  const result: Pick<CypherResultDTO, 'graph'> = {
    graph: {
      nodes: [dto(DOLA), dto(HALL)],
      edges: [
        {
          id: mitigates.properties.id,
          type: 'MITIGATES',
          source: 'technology:dola',
          target: 'challenge:hallucination',
          evidence: 'stated',
          citations: [],
        },
      ],
    },
  };

  it('names a relationship by its two ends in the chosen language', () => {
    expect(cellText(mitigates, 'en', resultLookup(result, 'en'))).toBe('DoLa -[:MITIGATES]→ Hallucination');
    expect(cellText([mitigates], 'zh', resultLookup(result, 'zh'))).toBe('层对比解码 -[:MITIGATES]→ 幻觉');
  });

  it('finds the ends of a relationship the result returned alone in its id, names from the graph on screen', () => {
    const alone = rel(RAG, 'MITIGATES', HALL);
    const onScreen = new Map([['technology:rag', 'Retrieval-augmented generation']]);
    const lookup = resultLookup({ graph: { nodes: [], edges: [] } }, 'en', (id) => onScreen.get(id));
    expect(cellText(alone, 'en', lookup)).toBe('Retrieval-augmented generation -[:MITIGATES]→ challenge:hallucination');
    // Without any lookup, or with an id of another shape, the type alone.
    expect(cellText(alone, 'en')).toBe('[:MITIGATES]');
    expect(cellText({ ...alone, properties: { id: 'r42' } }, 'en', lookup)).toBe('[:MITIGATES]');
  });

  it('reads a path as a chain with each relationship pointing the way it is stored', () => {
    const path = {
      __path: true,
      start: RAG,
      segments: [
        { start: RAG, relationship: rel(RAG, 'MITIGATES', HALL), end: HALL },
        // Walked backwards: DoLa → Hallucination, read from Hallucination.
        { start: HALL, relationship: rel(DOLA, 'MITIGATES', HALL), end: DOLA },
      ],
    };
    expect(cellText(path, 'en')).toBe('RAG -[:MITIGATES]→ Hallucination ←[:MITIGATES]- DoLa');
  });

  it('keeps scalars, maps and nameless nodes readable', () => {
    expect(cellText(3, 'en')).toBe('3');
    expect(cellText(null, 'en')).toBe('');
    expect(cellText({ a: 1 }, 'en')).toBe('{"a":1}');
    expect(cellText({ __node: true, elementId: 'e', labels: ['Passage'], properties: {} }, 'en')).toBe('(Passage)');
  });
});

describe('relationshipEnds', () => {
  it('inverts relationshipId and refuses ids of another shape', () => {
    const id = relationshipId('technology:federated-learning', 'BUILDS_ON', 'technology:distributed-computing');
    expect(relationshipEnds(id, 'BUILDS_ON')).toEqual({
      source: 'technology:federated-learning',
      target: 'technology:distributed-computing',
    });
    expect(relationshipEnds(id, 'MITIGATES')).toBeUndefined();
    expect(relationshipEnds('-BUILDS_ON-x', 'BUILDS_ON')).toBeUndefined();
    expect(relationshipEnds('a-BUILDS_ON-b-BUILDS_ON-c', 'BUILDS_ON')).toBeUndefined();
  });
});
