/**
 * server/services/search — ranked search over names and aliases in Chinese and English.
 *
 * The full-text index (cjk analyzer) answers words, prefixes and typos; a
 * substring match catches what bigrams cannot (one Chinese character, a
 * fragment inside a word). Exact and prefix matches of a name or alias rank
 * first, so `RAG` finds RAG before Agentic RAG.
 */
import { LRUCache } from 'lru-cache';
import type { SearchHitDTO, SearchResultDTO } from '../../graph/contracts';
import type { NodeKind } from '../../graph/model';
import { normalizeQuery } from '../../graph/search-text';
import { AppError } from '../errors';
import type { GraphRepository } from '../repositories/graph-repository';

const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** How many candidates a search of `limit` hits ranks: enough that exact and prefix matches can rise. */
export function searchCandidates(limit: number): number {
  return Math.min(200, limit * 5);
}

/**
 * How deep the full-text index is read at most for one search. Matches of a namespace the index cannot
 * be asked for (see scopeClause) all ranked below this many others are left to the substring match.
 */
export const FULLTEXT_DEPTH_MAX = 10_000;

/**
 * The depth to read the full-text index at next, or null when the read `fetch` deep settles the
 * search. When the scope cannot be named to the index it ranks every namespace together: when it gave
 * all it was asked for (`read` = `fetch`) and the filter kept fewer than `candidates`, better-ranked
 * matches elsewhere crowded these out.
 */
export function nextFulltextDepth(kept: number, read: number, fetch: number, candidates: number): number | null {
  if (kept >= candidates || read < fetch || fetch >= FULLTEXT_DEPTH_MAX) return null;
  return Math.min(FULLTEXT_DEPTH_MAX, fetch * 8);
}

/** How the substring match picks its plan; options merge over SEARCH_DEFAULTS. */
export interface SearchOptions {
  /**
   * Namespaces (together) of at most this many entities are read whole for the substring match; larger
   * ones are answered by the TEXT index, which holds every namespace's names.
   */
  scanLimit: number;
  /**
   * How long a namespace set found larger than scanLimit goes straight to the TEXT index, in ms. Only a
   * set that shrinks below the limit in that time is served by the slower plan for a while.
   */
  largeForMs: number;
}

export const SEARCH_DEFAULTS: Readonly<SearchOptions> = { scanLimit: 2_000, largeForMs: 600_000 };

/** The name properties of the full-text index (cypher/schema.cypher); user terms are matched in these only. */
const NAME_FIELDS = ['name_zh', 'name_en', 'aliases_text'] as const;
/**
 * The stop words of Lucene's CJKAnalyzer, which the index applies to `ns` and `kind` too: a value whose
 * every part is one of these analyses to nothing and cannot be asked for by name. test/integration/
 * search-index holds this list to what Neo4j reports for the analyzer.
 */
export const ANALYZER_STOP_WORDS: ReadonlySet<string> = new Set(
  'a and are as at be but by for if in into is it no not of on or s such t that the their then there these they this to was will with www'.split(
    ' ',
  ),
);

/** Whether the index can be asked for `value` by a phrase: some part of it survives the analyzer. */
function nameable(value: string): boolean {
  return value.split(/[^\p{L}\p{N}]+/u).some((part) => part !== '' && !ANALYZER_STOP_WORDS.has(part.toLowerCase()));
}

/** One required clause matching any of `values` in `field`, scored 0; '' when one of them cannot be named. */
function fieldClause(field: 'ns' | 'kind', values: readonly string[]): string {
  if (values.length === 0 || !values.every(nameable)) return '';
  return `+(${values.map((v) => `${field}:"${v.replace(/["\\]/g, (c) => `\\${c}`)}"^0`).join(' OR ')})`;
}

/**
 * The clauses that keep the index's answer to the namespaces and kinds asked for, scored 0 so they rank
 * nothing. A namespace that cannot be named to the index leaves the namespaces to the statement's own
 * filter (no clause); a phrase may also match a namespace that holds the same words in a longer name,
 * which the statement's filter drops.
 */
export function scopeClause(ns: readonly string[], kinds: readonly NodeKind[] | null = null): string {
  return [fieldClause('ns', ns), kinds ? fieldClause('kind', kinds) : ''].filter(Boolean).join(' ');
}

/**
 * Builds a Lucene query from user text; every term is escaped, so input is never syntax. The terms are
 * asked of the name properties only (the index also holds `ns` and `kind`), and the scope clause keeps
 * the index's answer to the namespaces and kinds asked for, so a large graph elsewhere or other kinds
 * cannot crowd them out of its first read.
 */
export function toLuceneQuery(q: string, ns: readonly string[] = [], kinds: readonly NodeKind[] | null = null): string {
  const tokens = normalizeQuery(q).match(/[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu) ?? [];
  const inNames = (x: string) => `(${NAME_FIELDS.map((f) => `${f}:${x}`).join(' OR ')})`;
  const clauses: string[] = [];
  for (const token of tokens.slice(0, 12)) {
    const t = token.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
    if (CJK.test(token)) {
      if (token.length >= 2) clauses.push(inNames(`"${t}"`));
    } else if (token.length >= 4) {
      clauses.push(`+${inNames(`(${t}^4 OR ${t}*^2 OR ${t}~1)`)}`);
    } else {
      clauses.push(`+${inNames(`(${t}^4 OR ${t}*)`)}`);
    }
  }
  if (clauses.length === 0) return '';
  const scope = scopeClause(ns, kinds);
  return scope ? `+(${clauses.join(' ')}) ${scope}` : clauses.join(' ');
}

type Candidate = { id: string; kind: NodeKind; name_zh: string; name_en: string; aliases_zh: string[]; aliases_en: string[] };

function bestMatch(c: Candidate, needle: string): { text: string; bonus: number } {
  const names = [c.name_zh, c.name_en, ...c.aliases_zh, ...c.aliases_en];
  let best = { text: c.name_en, bonus: 0 };
  for (const name of names) {
    const n = normalizeQuery(name);
    const bonus = n === needle ? 10 : n.startsWith(needle) ? 5 : n.includes(needle) ? 2 : 0;
    if (bonus > best.bonus) best = { text: name, bonus };
  }
  return best;
}

export class SearchService {
  private readonly options: SearchOptions;
  /**
   * Namespace sets found larger than scanLimit. A small set needs no entry: its scan reads it whole, and
   * a set that has grown past the limit shows in that scan. Bounded, because `ns` comes from requests.
   */
  private readonly large: LRUCache<string, true>;

  constructor(
    private readonly repo: GraphRepository,
    options: Partial<SearchOptions> = {},
  ) {
    this.options = { ...SEARCH_DEFAULTS, ...options };
    this.large = new LRUCache({ max: 1_000, ttl: this.options.largeForMs });
  }

  async search(q: string, kinds: NodeKind[] | null, limit: number, ns: string[]): Promise<SearchResultDTO> {
    const needle = normalizeQuery(q);
    const lucene = toLuceneQuery(q, ns, kinds);
    const candidates = searchCandidates(limit);
    const nsKey = [...new Set(ns)].sort().join('\u0000');
    const scanLimit = this.large.has(nsKey) ? null : this.options.scanLimit;
    // One transaction for the first read and any deeper one, read while entities outside a scope the
    // index cannot be asked for crowd these out.
    const read = (luceneQuery: string) =>
      this.repo.read('search', async (reader) => {
        const found = await reader.search(luceneQuery, needle, ns, kinds, candidates, scanLimit);
        for (
          let fetch = nextFulltextDepth(found.fulltext.hits.length, found.fulltext.read, candidates, candidates);
          fetch !== null;
          fetch = nextFulltextDepth(found.fulltext.hits.length, found.fulltext.read, fetch, candidates)
        ) {
          found.fulltext = await reader.searchFulltext(luceneQuery, ns, kinds, candidates, fetch);
        }
        return found;
      });
    let found: Awaited<ReturnType<typeof read>>;
    try {
      found = await read(lucene);
    } catch (err) {
      // A query Lucene cannot use (only stop words, say) is not the user's fault: fall back to substrings.
      if (err instanceof AppError && err.status === 400) found = await read('');
      else throw err;
    }
    const { fulltext, contains } = found;
    if (scanLimit !== null && contains.scanned === null) this.large.set(nsKey, true);
    const scored = new Map<string, SearchHitDTO>();
    const maxScore = Math.max(1e-9, ...fulltext.hits.map((r) => r.score ?? 0));
    for (const row of [...fulltext.hits, ...contains.hits]) {
      const c = row.node as Candidate;
      const match = bestMatch(c, needle);
      const score = (row.score !== undefined ? row.score / maxScore : 0.5) + match.bonus;
      const prev = scored.get(c.id);
      if (!prev || prev.score < score) {
        scored.set(c.id, {
          id: c.id,
          kind: c.kind,
          name_zh: c.name_zh,
          name_en: c.name_en,
          score: Math.round(score * 1000) / 1000,
          matched: match.text,
        });
      }
    }
    const hits = [...scored.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    return { query: q, hits };
  }
}
