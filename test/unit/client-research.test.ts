/**
 * test/unit/client-research — the analytics display settings (sizes and
 * colours derived from metrics, never written into the graph) and the saved
 * view ⇄ deep link conversion.
 */
import { describe, expect, it } from 'vitest';
import type { NodeMetricsDTO } from '../../graph/analytics/contracts';
import { analyticsOverrides, communityColor, sizeForMetric } from '../../client/src/store/views';
import { linkFromSavedState, savedStateFromLink, type LinkState } from '../../client/src/url/state';
import { ApiError } from '../../client/src/api/client';
import { createResearchApi, writeRefusal } from '../../client/src/api/research';
import type { NoteDTO } from '../../graph/analytics/contracts';
import { t } from '../../client/src/i18n/dictionary';

function metrics(rows: Record<string, { pagerank: number; community: number }>): NodeMetricsDTO {
  const nodes = Object.fromEntries(
    Object.entries(rows).map(([id, r]) => [
      id,
      { degree: 1, weightedDegree: 1, betweenness: 0, closeness: 0, pagerank: r.pagerank, community: r.community },
    ]),
  );
  const max = {
    degree: 1,
    weightedDegree: 1,
    betweenness: 0,
    closeness: 0,
    pagerank: Math.max(...Object.values(rows).map((r) => r.pagerank)),
  };
  return { nodes, max, modularity: 0.4, communities: 2 } as unknown as NodeMetricsDTO;
}

describe('analytics display', () => {
  it('scales sizes by the square root of the share of the largest value, within bounds', () => {
    expect(sizeForMetric(1, 1)).toBe(22);
    expect(sizeForMetric(0, 1)).toBe(3);
    expect(sizeForMetric(0.25, 1)).toBeCloseTo(3 + 19 * 0.5);
    expect(sizeForMetric(5, 0)).toBe(3); // no scale: the smallest size, not NaN
    expect(sizeForMetric(Number.NaN, 1)).toBe(3);
  });

  it('gives each community a stable colour and distinct colours to neighbours in the palette', () => {
    expect(communityColor(0)).toBe(communityColor(0));
    expect(communityColor(0)).not.toBe(communityColor(1));
    expect(communityColor(-1)).toMatch(/^#|^rgb/);
  });

  it('derives sizes and colours from the metrics only when asked', () => {
    const m = metrics({ a: { pagerank: 0.4, community: 0 }, b: { pagerank: 0.1, community: 1 } });
    expect(analyticsOverrides(null, { sizeBy: 'pagerank', colorBy: 'community' })).toEqual({
      sizes: null,
      colors: null,
      fallbackColor: null,
    });
    const none = analyticsOverrides(m, { sizeBy: null, colorBy: 'kind' });
    expect(none.sizes).toBeNull();
    expect(none.colors).toBeNull();
    const both = analyticsOverrides(m, { sizeBy: 'pagerank', colorBy: 'community' });
    expect(both.sizes!.get('a')).toBe(22);
    expect(both.sizes!.get('b')).toBeLessThan(both.sizes!.get('a')!);
    expect(both.colors!.get('a')).toBe(communityColor(0));
    expect(both.colors!.get('b')).toBe(communityColor(1));
    expect(both.fallbackColor).toBeTruthy();
  });
});

describe('saved views', () => {
  it('round-trips a view through the saved state', () => {
    const link: LinkState = {
      lang: 'zh',
      tab: 'analytics' as LinkState['tab'],
      selected: 'technology:rag',
      filters: { hiddenKinds: ['Claim'], hiddenTypes: ['RISKS'], hiddenEvidence: ['inferred'] },
      expanded: [{ id: 'org:openai', depth: 2 }],
      path: {
        from: 'technology:federated-learning',
        to: 'challenge:energy-consumption',
        mode: 'k',
        k: 4,
        maxHops: 5,
        types: ['ENABLES'],
        exclude: [],
        active: null,
      },
      size: 'pagerank',
      color: 'community',
    };
    const saved = savedStateFromLink(link, { x: 0.5, y: 0.4, ratio: 0.8, angle: 0 });
    expect(saved.camera).toEqual({ x: 0.5, y: 0.4, ratio: 0.8, angle: 0 });
    const back = linkFromSavedState(saved);
    expect(back.selected).toBe(link.selected);
    expect(back.filters).toEqual(link.filters);
    expect(back.expanded).toEqual(link.expanded);
    expect(back.path).toEqual(link.path);
    expect(back.size).toBe('pagerank');
    expect(back.color).toBe('community');
    expect(back.lang).toBe('zh');
  });

  it('drops kinds, types and depths outside the schema when a saved view is opened', () => {
    const back = linkFromSavedState({
      filters: { hiddenKinds: ['Claim', 'Hacker'] as never, hiddenTypes: ['KNOWS'] as never, hiddenEvidence: ['maybe'] as never },
      expanded: [{ id: 'technology:rag', depth: 99 }],
      lang: 'fr' as never,
    });
    expect(back.filters).toEqual({ hiddenKinds: ['Claim'], hiddenTypes: [], hiddenEvidence: [] });
    expect(back.expanded).toEqual([{ id: 'technology:rag', depth: 3 }]);
    expect(back.lang).toBeUndefined();
  });
});

describe('research API client: report downloads', () => {
  const answer =
    (status: number, body: string, headers: Record<string, string>): typeof fetch =>
    async () =>
      new Response(body, { status, headers });

  it('answers the file with its name and type from the response', async () => {
    const api = createResearchApi(
      '',
      answer(200, '# Report\n', {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': 'attachment; filename="report-20261129-0400.md"',
      }),
    );
    expect(await api.report({ nodes: ['technology:rag'], format: 'markdown', language: 'both' })).toEqual({
      fileName: 'report-20261129-0400.md',
      contentType: 'text/markdown; charset=utf-8',
      text: '# Report\n',
    });
  });

  it("throws the API's error with its code, status and message, like every other call", async () => {
    const api = createResearchApi(
      '',
      answer(404, JSON.stringify({ error: { code: 'NOT_FOUND', message: 'reports: node "x" not found' } }), {
        'Content-Type': 'application/json',
      }),
    );
    const error = await api.report({ nodes: ['x'], format: 'markdown', language: 'en' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'reports: node "x" not found' });
    const down = createResearchApi('', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await down.report({ nodes: ['x'], format: 'markdown', language: 'en' }).catch((e: unknown) => e)).toMatchObject({
      status: 0,
      code: 'NETWORK',
    });
  });
});

describe('research API client: notes', () => {
  it('signs a new note with the name the analyst gave (trimmed), and sends none when there is none', async () => {
    const sent: unknown[] = [];
    const api = createResearchApi('', async (_url, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response('{}', { status: 201, headers: { 'Content-Type': 'application/json' } });
    });
    await api.createNote({ kind: 'node', id: 'technology:rag' }, 'body');
    api.setAuthor('  Li Wei  ');
    expect(api.author()).toBe('Li Wei');
    await api.createNote({ kind: 'node', id: 'technology:rag' }, 'body', 'Title');
    api.setAuthor('');
    await api.createNote({ kind: 'node', id: 'technology:rag' }, 'body');
    expect(sent).toEqual([
      { target: { kind: 'node', id: 'technology:rag' }, body: 'body' },
      { target: { kind: 'node', id: 'technology:rag' }, body: 'body', title: 'Title', author: 'Li Wei' },
      { target: { kind: 'node', id: 'technology:rag' }, body: 'body' },
    ]);
  });
});

describe('research API client: pages of notes', () => {
  it('asks for the page after a note by its updated time and id', async () => {
    const urls: string[] = [];
    const api = createResearchApi('', async (url) => {
      urls.push(String(url));
      return new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    await api.notes({ limit: 100 });
    const last = { id: 'note:0b5c0a3e-8c1e-4d0f-9d59-2a3f1c9e7b10', updated: '2026-12-01T10:00:00.000Z' } as NoteDTO;
    await api.notes({ limit: 100, after: last });
    expect(urls[0]).toBe('/api/notes?limit=100');
    expect(new URL(urls[1]!, 'http://x').searchParams.get('after')).toBe(`2026-12-01T10:00:00.000Z|${last.id}`);
  });
});

describe('refused writes', () => {
  it('tells the three refusals apart, and says how to fix each', () => {
    expect(writeRefusal(new ApiError(401, 'UNAUTHORIZED', 'auth: …'))).toBe('needKey');
    expect(writeRefusal(new ApiError(403, 'FORBIDDEN', 'auth: …'))).toBe('wrongKey');
    expect(writeRefusal(new ApiError(403, 'WRITES_DISABLED', 'auth: …'))).toBe('writesDisabled');
    expect(writeRefusal(new ApiError(429, 'RATE_LIMITED', 'notes: too many requests …'))).toBe('writeRateLimited');
    expect(writeRefusal(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'x'))).toBe('writeTooLarge');
    expect(writeRefusal(new ApiError(503, 'DATABASE_UNAVAILABLE', 'x'))).toBe('writeDatabaseDown');
    expect(writeRefusal(new ApiError(503, 'DATABASE_BUSY', 'x'))).toBe('writeBusy');
    expect(writeRefusal(new ApiError(503, 'SERVER_BUSY', 'x'))).toBe('writeBusy');
    expect(writeRefusal(new ApiError(503, 'SHUTTING_DOWN', 'x'))).toBe('writeShuttingDown');
    expect(writeRefusal(new ApiError(504, 'TIMEOUT', 'x'))).toBe('writeTimedOut');
    // Refusals of the write itself keep the API's words (a name taken, a term not found).
    expect(writeRefusal(new ApiError(409, 'CONFLICT', 'documents: the name …'))).toBeNull();
    expect(writeRefusal(new ApiError(500, 'INTERNAL', 'x'))).toBeNull();
    expect(writeRefusal(new Error('offline'))).toBeNull();
    // A server without a key can only be fixed where it runs: the message names the variable, in both languages.
    for (const lang of ['en', 'zh'] as const) {
      expect(t(lang, 'writesDisabled')).toContain('API_KEY');
      expect(t(lang, 'needKey')).not.toContain('API_KEY');
    }
    expect(t('en', 'writesDisabled')).toMatch(
      /restart it with API_KEY set \(16 characters or more\), then enter that key under Views → API key/,
    );
  });
});
