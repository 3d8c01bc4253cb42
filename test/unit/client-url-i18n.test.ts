/**
 * test/unit/client-url-i18n — deep-link encoding round trips, junk in a
 * link is dropped, and the dictionary is complete and fills placeholders.
 */
import { describe, expect, it } from 'vitest';
import { NODE_KIND_INFO, NODE_KINDS, REL_TYPE_INFO, REL_TYPES } from '../../graph/model';
import { MESSAGE_KEYS, kindName, nodeName, pick, relVerb, t } from '../../client/src/i18n/dictionary';
import { decodeLink, encodeLink, linkFromSavedState, savedStateFromLink, type LinkState } from '../../client/src/url/state';
import { History } from '../../client/src/store/history';
import { queryString } from '../../client/src/api/client';

describe('deep links', () => {
  it('round-trips a full view', () => {
    const link: LinkState = {
      lang: 'zh',
      tab: 'paths',
      selected: 'challenge:hallucination',
      filters: { hiddenKinds: ['Claim', 'Person'], hiddenTypes: ['RISKS'], hiddenEvidence: ['inferred'] },
      expanded: [
        { id: 'technology:rag', depth: 1 },
        { id: 'org:openai', depth: 2 },
      ],
      path: {
        from: 'technology:federated-learning',
        to: 'challenge:energy-consumption',
        mode: 'k',
        k: 4,
        maxHops: 5,
        types: ['MITIGATES', 'ENABLES'],
        exclude: ['concept:agi'],
        active: 1,
      },
      read: { id: 'document:llm-ten-challenges', at: 'llm10:p34' },
    };
    const hash = encodeLink(link);
    expect(hash).toContain('read=document:llm-ten-challenges&at=llm10:p34');
    // Ids stay readable in the address bar.
    expect(hash).toContain('sel=challenge:hallucination');
    expect(decodeLink(`#${hash}`)).toEqual(link);
  });

  it('leaves out what is empty and drops what it does not know', () => {
    expect(encodeLink({ lang: 'en', filters: { hiddenKinds: [], hiddenTypes: [], hiddenEvidence: [] } })).toBe('lang=en');
    const link = decodeLink(
      '#lang=fr&tab=nope&hideKinds=Claim,Alien&hideTypes=EATS&from=a:b&to=c:d&mode=weird&hops=99&k=-3&expand=technology:rag*7',
    );
    expect(link.lang).toBeUndefined();
    expect(link.tab).toBeUndefined();
    expect(link.filters).toEqual({ hiddenKinds: ['Claim'], hiddenTypes: [], hiddenEvidence: [] });
    expect(link.path).toMatchObject({ from: 'a:b', to: 'c:d', mode: 'shortest', maxHops: 10, k: 1, active: null });
    expect(link.expanded).toEqual([{ id: 'technology:rag', depth: 3 }]);
    // Expanded ids must look like ids: junk, a bare word and markup are dropped, the valid ones kept.
    expect(decodeLink('#expand=x,<img src=1>*2,technology:rag*2,:,org:openai').expanded).toEqual([
      { id: 'technology:rag', depth: 2 },
      { id: 'org:openai', depth: 1 },
    ]);
    expect(decodeLink('#expand=x,javascript:alert(1)').expanded).toBeUndefined();
    // So must the selection, a path's ends and its excluded nodes (the API would refuse them in English).
    expect(decodeLink('#sel=<b>x</b>').selected).toBeUndefined();
    expect(decodeLink('#sel=technology:rag').selected).toBe('technology:rag');
    expect(decodeLink('#from=a&to=technology:rag').path).toBeUndefined();
    expect(decodeLink('#from=technology:rag&to=org:openai&exclude=x,org:meta,<i>').path?.exclude).toEqual(['org:meta']);
    expect(decodeLink('')).toEqual({});
    // The reader's document and paragraph must look like ids; a bad paragraph drops only itself.
    expect(decodeLink('#read=<script>&at=llm10:p3').read).toBeUndefined();
    expect(decodeLink('#read=document:x&at=javascript:alert(1)').read).toEqual({ id: 'document:x' });
  });

  it("carries the table's filter and orders, and drops an order it does not know", () => {
    const link: LinkState = {
      tab: 'table',
      table: { filter: '幻觉 rag', nodes: { key: 'degree', dir: 'asc' }, edges: { key: 'evidence', dir: 'desc' } },
    };
    const hash = encodeLink(link);
    expect(hash).toContain('nodeSort=degree:asc');
    expect(hash).toContain('edgeSort=evidence:desc');
    expect(decodeLink(`#${hash}`)).toEqual(link);
    // The defaults say nothing; a column of the other table, a bad direction or junk is dropped on its own.
    expect(encodeLink({ table: { filter: '', nodes: null, edges: null } })).toBe('');
    expect(decodeLink('#nodeSort=evidence:asc&edgeSort=source:up').table).toBeUndefined();
    expect(decodeLink('#nodeSort=name:desc&edgeSort=DROP').table).toEqual({ filter: '', nodes: { key: 'name', dir: 'desc' }, edges: null });
    expect(decodeLink(`#tableFilter=${'x'.repeat(500)}`).table?.filter).toHaveLength(200);
    // A saved view keeps them too, as the link writes them.
    const saved = savedStateFromLink(link);
    expect(saved.client).toEqual({ table: { filter: '幻觉 rag', nodes: 'degree:asc', edges: 'evidence:desc' } });
    expect(linkFromSavedState(saved)).toEqual(link);
    expect(linkFromSavedState({ client: { table: { nodes: 'kind:sideways', filter: 42 } } }).table).toBeUndefined();
  });

  it('carries the words the reader finds, bounded, and only with a document to find them in', () => {
    const link: LinkState = { tab: 'documents', read: { id: 'document:llm-ten-challenges', find: '电力 power' } };
    const hash = encodeLink(link);
    expect(new URLSearchParams(hash).get('find')).toBe('电力 power');
    expect(decodeLink(`#${hash}`)).toEqual(link);
    expect(decodeLink('#find=电力').read).toBeUndefined();
    expect(decodeLink(`#read=document:x&find=${'字'.repeat(500)}`).read?.find).toHaveLength(200);
    expect(decodeLink('#read=document:x&find=%20%20').read).toEqual({ id: 'document:x' });
    const saved = savedStateFromLink(link);
    expect(saved.client).toEqual({ read: { id: 'document:llm-ten-challenges', find: '电力 power' } });
    expect(linkFromSavedState(saved)).toEqual(link);
    expect(linkFromSavedState({ client: { read: { id: 'document:x', find: 42 } } }).read).toEqual({ id: 'document:x' });
  });

  it("keeps the documents panel's open text in a saved view", () => {
    const link: LinkState = { tab: 'documents', read: { id: 'document:llm-ten-challenges', at: 'llm10:p44' }, doc: 'document:my-notes' };
    const saved = savedStateFromLink(link);
    expect(saved.client).toEqual({ doc: 'document:my-notes', read: { id: 'document:llm-ten-challenges', at: 'llm10:p44' } });
    expect(linkFromSavedState(saved)).toEqual(link);
  });
});

describe('i18n', () => {
  it('translates with placeholders in both languages', () => {
    expect(t('en', 'showingOf', { shown: 150, total: 900 })).toBe('Showing 150 of 900 nodes');
    expect(t('zh', 'showingOf', { shown: 150, total: 900 })).toBe('显示 150 / 900 个节点');
    expect(t('en', 'truncated', { shown: 1 })).toContain('{total}');
  });

  it('makes English words agree with their numbers', () => {
    expect(t('en', 'pathsFound', { count: 1 })).toBe('1 path found');
    expect(t('en', 'pathsFound', { count: 3 })).toBe('3 paths found');
    expect(t('en', 'pathsFound', { count: 0 })).toBe('0 paths found');
    expect(t('en', 'pathN', { n: 2, length: 1 })).toBe('Path 2 · 1 hop');
    expect(t('en', 'results', { rows: 1, ms: 12 })).toBe('1 row in 12 ms');
    expect(t('en', 'documentSummary', { mentions: 1, entities: 2, candidates: 0 })).toBe('1 mention · 2 entities · 0 candidates');
    expect(t('en', 'communitiesSummary', { count: 1, modularity: 0.5 })).toBe('1 community, modularity 0.5');
    expect(t('zh', 'pathsFound', { count: 1 })).toBe('找到 1 条路径');
    // No hedged plurals are left to read.
    const keys = ['pathsFound', 'pathN', 'results', 'addToView', 'expanded', 'showingOf', 'truncated', 'documentGraphOf'] as const;
    for (const key of keys)
      expect(t('en', key, { count: 1, n: 1, length: 1, rows: 1, ms: 1, shown: 1, total: 1, title: 'x' })).not.toMatch(/\(s\)|\{/);
  });

  it('names kinds, verbs and nodes in the chosen language, falling back when a side is empty', () => {
    for (const kind of NODE_KINDS) {
      expect(kindName(kind, 'zh')).not.toBe(kindName(kind, 'en'));
    }
    for (const type of REL_TYPES) expect(relVerb(type, 'en')).toMatch(/\w/);
    expect(nodeName({ name_en: 'Hallucination', name_zh: '幻觉问题' }, 'zh')).toBe('幻觉问题');
    expect(nodeName({ id: 'x:y', name_en: '', name_zh: '' }, 'en')).toBe('x:y');
    expect(nodeName({ name_en: 'Only English', name_zh: '' }, 'zh')).toBe('Only English');
    expect(pick({ zh: '', en: 'fallback' }, 'zh')).toBe('fallback');
  });
});

describe('history and query strings', () => {
  it('undoes and redoes snapshots, and a new change forgets the redo branch', () => {
    const h = new History<number>();
    h.record(1);
    h.record(2);
    expect(h.undo(3)).toBe(2);
    expect(h.undo(2)).toBe(1);
    expect(h.redo(1)).toBe(2);
    h.record(2);
    expect(h.canRedo).toBe(false);
    expect(new History<number>().undo(0)).toBeUndefined();
  });

  it('builds query strings without empty values', () => {
    expect(queryString({ q: '联邦', kinds: ['Technology', 'Model'], limit: 10, empty: '', none: undefined, list: [] })).toBe(
      '?q=%E8%81%94%E9%82%A6&kinds=Technology%2CModel&limit=10',
    );
    expect(queryString({})).toBe('');
  });
});

describe('Chinese text', () => {
  // An ASCII comma, colon, semicolon, question or exclamation mark, or parenthesis next to a Chinese character.
  const HALF_WIDTH = /[\u4e00-\u9fff”][,:;?!()]|[(][\u4e00-\u9fff“]/;

  it('punctuates the interface in full width', () => {
    const offending = MESSAGE_KEYS.map((key) => t('zh', key)).filter((text) => HALF_WIDTH.test(text));
    expect(offending).toEqual([]);
    expect(t('zh', 'results', { rows: 3, ms: 12 })).toBe('3 行，用时 12 毫秒');
    expect(t('zh', 'tableNodes', { count: 173 })).toBe('可见节点（173）');
  });

  it('punctuates the kinds and relationship types in full width', () => {
    const texts = [
      ...Object.values(NODE_KIND_INFO).flatMap((k) => [k.name.zh, k.description.zh]),
      ...Object.values(REL_TYPE_INFO).flatMap((r) => [r.verb.zh, r.description.zh]),
    ];
    expect(texts.filter((text) => HALF_WIDTH.test(text))).toEqual([]);
  });
});
