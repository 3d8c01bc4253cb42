/**
 * toPlain: every value the driver can hand back becomes plain JSON — integers
 * as numbers (strings past 2^53), temporals as ISO text, points, nodes,
 * relationships and paths as tagged maps — and the common shapes (scalars,
 * lists, the driver's maps) keep their content and order.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { recordsToObjects, toNeo4jParams, toPlain } from '../../server/db/database';

const { Node, Relationship, Path, PathSegment, Point, Date: Neo4jDate, DateTime, Duration, LocalTime, Record } = neo4j.types;

describe('toPlain', () => {
  it('keeps scalars and turns undefined into null', () => {
    expect([toPlain('幻觉'), toPlain(0.5), toPlain(true), toPlain(null), toPlain(undefined)]).toEqual(['幻觉', 0.5, true, null, null]);
  });

  it('turns Neo4j integers into numbers, and into strings past the safe range', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain(neo4j.int('9007199254740993'))).toBe('9007199254740993');
  });

  it('converts inside maps and lists, keeping key order', () => {
    const row = {
      id: 'technology:rag',
      degree: neo4j.int(17),
      aliases: ['RAG', '检索增强生成'],
      nested: { n: [neo4j.int(1), { m: neo4j.int(2) }] },
    };
    const out = toPlain(row);
    expect(out).toEqual({ id: 'technology:rag', degree: 17, aliases: ['RAG', '检索增强生成'], nested: { n: [1, { m: 2 }] } });
    expect(Object.keys(out as object)).toEqual(['id', 'degree', 'aliases', 'nested']);
  });

  it('converts a map without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { c: neo4j.int(3) });
    expect(toPlain(bare)).toEqual({ c: 3 });
  });

  it('keeps a key named __proto__ as data, not as the copy’s prototype, in rows and in parameters', () => {
    const out = toPlain(JSON.parse('{"__proto__": {"n": 1}, "a": 2}')) as object;
    expect(JSON.stringify(out)).toBe('{"__proto__":{"n":1},"a":2}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    const params = toNeo4jParams(JSON.parse('{"__proto__": 3, "limit": 10}')) as Record<string, unknown>;
    expect(Object.keys(params)).toEqual(['__proto__', 'limit']);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('writes temporals as their ISO text', () => {
    expect(toPlain(new Neo4jDate(2026, 11, 29))).toBe('2026-11-29');
    expect(toPlain(new DateTime(2026, 11, 29, 8, 30, 0, 0, 0))).toBe('2026-11-29T08:30:00Z');
    expect(toPlain(new LocalTime(8, 30, 5, 0))).toBe('08:30:05');
    expect(toPlain(new Duration(0, 1, 30, 0))).toBe('P1DT30S');
  });

  it('writes a duration as Neo4j does, with no empty time part', () => {
    expect(toPlain(new Duration(0, 1, 0, 0))).toBe('P1D');
    expect(toPlain(new Duration(14, 0, 0, 0))).toBe('P1Y2M');
    expect(toPlain(new Duration(0, 0, 0, 0))).toBe('PT0S');
    expect(toPlain(new Duration(0, 0, 90, 5))).toBe('PT1M30.000000005S');
    expect(toPlain(new Duration(1, 2, 3_723, 500_000_000))).toBe('P1M2DT1H2M3.5S');
    expect(toPlain(new Duration(0, 0, 90_000, 0))).toBe('PT25H');
    expect(toPlain(new Duration(0, 0, -90, 0))).toBe('PT-1M-30S');
    // Neo4j's own toString() of each: P1D, P1Y2M, PT0S, …, PT-1.5S (the driver keeps −1.5 s as −2 s + 0.5e9 ns).
    expect(toPlain(new Duration(0, 0, -2, 500_000_000))).toBe('PT-1.5S');
  });

  it('writes a point with its SRID as a number, and z only when it has one', () => {
    expect(toPlain(new Point(neo4j.int(7203), 1.5, 2.5))).toEqual({ srid: 7203, x: 1.5, y: 2.5 });
    expect(toPlain(new Point(neo4j.int(9157), 1, 2, 3))).toEqual({ srid: 9157, x: 1, y: 2, z: 3 });
  });

  it('tags nodes, relationships and paths, converting their properties', () => {
    const a = new Node(neo4j.int(1), ['Entity', 'Technology'], { id: 'technology:rag', degree: neo4j.int(5) }, '4:x:1');
    const b = new Node(neo4j.int(2), ['Entity', 'Challenge'], { id: 'challenge:hallucination' }, '4:x:2');
    const r = new Relationship(neo4j.int(9), neo4j.int(1), neo4j.int(2), 'MITIGATES', { weight: neo4j.int(2) }, '5:x:9', '4:x:1', '4:x:2');
    const node = { __node: true, elementId: '4:x:1', labels: ['Entity', 'Technology'], properties: { id: 'technology:rag', degree: 5 } };
    const rel = { __relationship: true, elementId: '5:x:9', type: 'MITIGATES', start: '4:x:1', end: '4:x:2', properties: { weight: 2 } };
    expect(toPlain(a)).toEqual(node);
    expect(toPlain(r)).toEqual(rel);
    const end = { __node: true, elementId: '4:x:2', labels: ['Entity', 'Challenge'], properties: { id: 'challenge:hallucination' } };
    expect(toPlain(new Path(a, b, [new PathSegment(a, r, b)]))).toEqual({
      __path: true,
      start: node,
      segments: [{ start: node, relationship: rel, end }],
    });
  });

  it('converts result rows where they are, to the same values toPlain gives', () => {
    // A map as the driver unpacks it: each key defined on the object, so "__proto__" is data.
    const driverMap = (entries: [string, unknown][]) => {
      const m = {};
      for (const [k, v] of entries) Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true });
      return m as Record<string, unknown>;
    };
    const aliases = ['RAG', '检索增强生成'];
    const node = driverMap([
      ['id', 'technology:rag'],
      ['aliases_en', aliases],
      ['degrees', [neo4j.int(3), null, neo4j.int(9)]],
      ['__proto__', driverMap([['n', neo4j.int(1)]])],
      ['born', new Neo4jDate(2026, 11, 30)],
    ]);
    const rows = [new Record(['node', 'degree'], [node, neo4j.int(12)]), new Record(['node', 'degree'], [null, neo4j.int(0)])];
    const expected = rows.map((r) => toPlain(r.toObject()));
    const out = recordsToObjects<{ node: Record<string, unknown> | null; degree: number }>({ records: rows } as never);
    expect(out).toEqual(expected);
    expect(JSON.stringify(out[0])).toBe(
      '{"node":{"id":"technology:rag","aliases_en":["RAG","检索增强生成"],"degrees":[3,null,9],"__proto__":{"n":1},"born":"2026-11-30"},"degree":12}',
    );
    expect(Object.getPrototypeOf(out[0]!.node)).toBe(Object.prototype);
    // The driver's own list and map, converted rather than copied.
    expect(out[0]!.node).toBe(node);
    expect(out[0]!.node!.aliases_en).toBe(aliases);
  });
});
