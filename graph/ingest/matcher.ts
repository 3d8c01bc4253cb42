/**
 * graph/ingest/matcher — finds mentions of known entities in a text.
 *
 * Every name and alias of every entity, in both languages, is folded (see
 * normalize.ts: full-width/half-width, case, hyphens and spacing do not
 * matter) and put in a trie. A text is folded the same way and scanned for
 * every dictionary key at every position; then the longest matches win:
 * candidates are taken longest first and a match that overlaps one already
 * taken is dropped, so 联邦学习 is read once, as 联邦学习, and never also
 * as 学习. A key that starts or ends with a Latin letter or digit must start
 * and end at a word boundary (RAG is not found inside "leverage"); CJK text
 * has no word boundaries and needs none.
 *
 * When two entities share a key, the one for which it is a name (not an
 * alias) wins, then the smaller id: the choice never depends on input order.
 */
import { type Folded, fold, foldTerm, isSpacedWordChar, originalSpan } from './normalize';

export interface DictionaryEntity {
  id: string;
  name_zh: string;
  name_en: string;
  aliases_zh?: readonly string[];
  aliases_en?: readonly string[];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Entity id for which the path to this node is a complete key. */
  entity?: string;
  key?: string;
}

export interface Dictionary {
  root: TrieNode;
  /** Folded key → the entity it resolves to. */
  keys: Map<string, string>;
}

export interface DictionaryOptions {
  /** Keys shorter than this (in folded UTF-16 units) are ignored: one character is too ambiguous. */
  minLength: number;
}

const DEFAULTS: DictionaryOptions = { minLength: 2 };

export function buildDictionary(entities: readonly DictionaryEntity[], options: Partial<DictionaryOptions> = {}): Dictionary {
  const o = { ...DEFAULTS, ...options };
  // key → best claim so far
  const claims = new Map<string, { id: string; primary: boolean }>();
  const better = (a: { id: string; primary: boolean }, b: { id: string; primary: boolean }) =>
    a.primary !== b.primary ? a.primary : a.id < b.id;
  for (const e of entities) {
    const names = [e.name_zh, e.name_en].map((n) => ({ text: n, primary: true }));
    const aliases = [...(e.aliases_zh ?? []), ...(e.aliases_en ?? [])].map((a) => ({ text: a, primary: false }));
    for (const { text, primary } of [...names, ...aliases]) {
      if (typeof text !== 'string') continue;
      const key = foldTerm(text);
      if (key.length < o.minLength) continue;
      const claim = { id: e.id, primary };
      const prev = claims.get(key);
      if (!prev || better(claim, prev)) claims.set(key, claim);
    }
  }
  const root: TrieNode = { children: new Map() };
  const keys = new Map<string, string>();
  for (const [key, claim] of claims) {
    keys.set(key, claim.id);
    let node = root;
    // UTF-16 units, as the folded text is indexed.
    for (let k = 0; k < key.length; k++) {
      const unit = key[k]!;
      let child = node.children.get(unit);
      if (!child) {
        child = { children: new Map() };
        node.children.set(unit, child);
      }
      node = child;
    }
    node.entity = claim.id;
    node.key = key;
  }
  return { root, keys };
}

export interface Mention {
  entity: string;
  /** Offsets in the original text: `text.slice(start, end) === surface`. */
  start: number;
  end: number;
  /** Exactly what the text says there (e.g. ＲＡＧ, Federated  Learning). */
  surface: string;
  /** The folded dictionary key that matched. */
  key: string;
}

function startsWord(f: string, i: number): boolean {
  return i === 0 || !(isSpacedWordChar(f[i - 1]!) && isSpacedWordChar(f[i]!));
}

function endsWord(f: string, j: number): boolean {
  return j >= f.length || !(isSpacedWordChar(f[j - 1]!) && isSpacedWordChar(f[j]!));
}

/** Every dictionary key found in folded text, as [from, to) in folded units, overlapping. */
function allMatches(dict: Dictionary, folded: Folded): Array<{ from: number; to: number; entity: string; key: string }> {
  const f = folded.text;
  const out: Array<{ from: number; to: number; entity: string; key: string }> = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === ' ' || !startsWord(f, i)) continue;
    let node: TrieNode | undefined = dict.root;
    for (let j = i; j < f.length && node; j++) {
      node = node.children.get(f[j]!);
      if (node?.entity && endsWord(f, j + 1)) out.push({ from: i, to: j + 1, entity: node.entity, key: node.key! });
    }
  }
  return out;
}

/** The mentions in `text`, longest match first, non-overlapping, sorted by position. */
export function findMentions(dict: Dictionary, text: string): Mention[] {
  const folded = fold(text);
  const candidates = allMatches(dict, folded).sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const taken = new Uint8Array(folded.text.length);
  const chosen: Mention[] = [];
  for (const c of candidates) {
    let free = true;
    for (let k = c.from; k < c.to && free; k++) if (taken[k]) free = false;
    if (!free) continue;
    taken.fill(1, c.from, c.to);
    const { start, end } = originalSpan(folded, c.from, c.to);
    chosen.push({ entity: c.entity, start, end, surface: text.slice(start, end), key: c.key });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Whether a term (as an analyst would type it) is already a name or alias in the dictionary. */
export function isKnownTerm(dict: Dictionary, term: string): boolean {
  return dict.keys.has(foldTerm(term));
}
