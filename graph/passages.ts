/**
 * graph/passages — splits a source text into citable passages.
 *
 * Framework-free and pure: the loader, the server and the browser all split
 * the same text the same way, so a citation such as `llm10:p12:s3` means the
 * same sentence everywhere. Ids are positional, which is what makes them
 * stable: the same text always yields the same ids.
 */

import type { Passage } from './model';

/** Terminators that always end a sentence (full-width and ASCII `!` `?`). */
const HARD_TERMINATORS = new Set(['。', '！', '？', '；', '!', '?']);

/**
 * Characters that belong to the sentence they follow when they come right
 * after a terminator: closing quotes and brackets (`。”`, `?)`), and further
 * terminators (`?!`, `...`).
 */
const TRAILERS = new Set(['"', "'", '”', '’', '）', ')', '」', '』', '》', '】', ']', '。', '！', '？', '!', '?', '.']);

/**
 * Abbreviations after which a period never ends an English sentence, even if
 * a capital follows ("e.g. GPT-3", "Dr. Smith"). Lower-case, with the dot.
 */
const ABBREVIATIONS = new Set([
  'e.g.',
  'i.e.',
  'cf.',
  'vs.',
  'viz.',
  'al.',
  'approx.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'prof.',
  'st.',
  'jr.',
  'sr.',
  'fig.',
  'figs.',
  'no.',
  'nos.',
  'vol.',
  'pp.',
  'eq.',
  'sec.',
  'ch.',
  'inc.',
  'ltd.',
  'co.',
  'corp.',
]);

const WHITESPACE = /\s/u;
const ASCII_WORD = /[A-Za-z0-9=&]/;
const LOWER = /\p{Ll}/u;

/** The paragraph id for a document key: `llm10:p12`. */
export function paragraphId(key: string, paragraph: number): string {
  return `${key}:p${paragraph}`;
}

/** The sentence id for a document key: `llm10:p12:s3`. */
export function sentenceId(key: string, paragraph: number, sentence: number): string {
  return `${key}:p${paragraph}:s${sentence}`;
}

/**
 * Parses a passage id back into its parts, or returns null when the id is not
 * of the form `key:pN` / `key:pN:sM`. Lets validators explain a bad citation
 * without consulting the passage table.
 */
export function parsePassageId(id: string): { key: string; paragraph: number; sentence: number } | null {
  const m = /^(.+):p([1-9]\d*)(?::s([1-9]\d*))?$/.exec(id);
  if (!m) return null;
  return { key: m[1]!, paragraph: Number(m[2]), sentence: m[3] === undefined ? 0 : Number(m[3]) };
}

/** The word (letters and inner dots) that ends at index `dot` inclusive, lower-cased. */
function wordBefore(text: string, dot: number): string {
  let i = dot - 1;
  while (i >= 0 && /[\p{L}.]/u.test(text[i]!)) i--;
  return text.slice(i + 1, dot + 1).toLowerCase();
}

/** The first non-whitespace character at or after `from`, or '' at the end. */
function nextVisible(text: string, from: number): string {
  let i = from;
  while (i < text.length && WHITESPACE.test(text[i]!)) i++;
  return i < text.length ? text[i]! : '';
}

/**
 * Whether the period at `dot` (whose trailers end before `after`) closes an
 * English sentence that began at `start`. It must be followed by whitespace or the end; decimals
 * such as `1.05` and headings such as `1.能源消耗` therefore never split.
 */
function periodEndsSentence(text: string, start: number, dot: number, after: number): boolean {
  if (after < text.length && !WHITESPACE.test(text[after]!)) return false;
  // A list ordinal that opens the sentence ("2. Scaling Law指引") is not a sentence.
  if (/^\s*\d+$/.test(text.slice(start, dot))) return false;
  const next = nextVisible(text, after);
  if (next === '') return true;
  // A lower-case continuation means the period was an abbreviation ("etc. and").
  if (LOWER.test(next)) return false;
  const word = wordBefore(text, dot);
  if (ABBREVIATIONS.has(word)) return false;
  // Initials and dotted acronyms: "J. Smith", "U.S. Army".
  if (/^\p{Lu}\.$/u.test(text.slice(dot - 1, dot + 1)) && word.length === 2) return false;
  if (/^(\p{L}\.){2,}$/u.test(word)) return false;
  return true;
}

/**
 * Splits one paragraph into sentence spans `[start, end)`, trimmed of
 * surrounding whitespace, never empty. A trailing fragment without a
 * terminator is a sentence of its own.
 */
export function splitSentences(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && WHITESPACE.test(text[s]!)) s++;
    while (e > s && WHITESPACE.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const isHard = HARD_TERMINATORS.has(c);
    if (!isHard && c !== '.') {
      i++;
      continue;
    }
    let after = i + 1;
    while (after < text.length && TRAILERS.has(text[after]!)) after++;
    let ends: boolean;
    if (c === '.') {
      ends = periodEndsSentence(text, start, i, after);
    } else if ((c === '!' || c === '?') && after < text.length && ASCII_WORD.test(text[after]!)) {
      // `?a=1` in a URL or `Yahoo!Japan` is not a sentence end.
      ends = false;
    } else {
      ends = true;
    }
    if (ends) {
      push(start, after);
      start = after;
    }
    i = after;
  }
  push(start, text.length);
  return spans;
}

/**
 * Splits a document into paragraph and sentence passages.
 *
 * Paragraphs are the non-empty lines after trimming (CRLF and CR are
 * normalised first), numbered from 1; sentences are numbered from 1 within
 * their paragraph. Offsets are relative to the paragraph text, so
 * `paragraph.text.slice(s.start, s.end) === s.text` for each sentence `s`.
 * Each paragraph passage (sentence 0) precedes its sentences.
 */
export function splitPassages(documentId: string, key: string, text: string): Passage[] {
  const passages: Passage[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let paragraph = 0;
  for (const line of lines) {
    const body = line.trim();
    if (body === '') continue;
    paragraph++;
    passages.push({
      id: paragraphId(key, paragraph),
      document: documentId,
      paragraph,
      sentence: 0,
      text: body,
      start: 0,
      end: body.length,
    });
    splitSentences(body).forEach((span, index) => {
      passages.push({
        id: sentenceId(key, paragraph, index + 1),
        document: documentId,
        paragraph,
        sentence: index + 1,
        text: body.slice(span.start, span.end),
        start: span.start,
        end: span.end,
      });
    });
  }
  return passages;
}

/**
 * Finds an exact quote inside a passage and returns its span within the
 * paragraph text (so a sentence-level match is shifted by the sentence's own
 * offset), or null when the quote is empty or absent. The first occurrence
 * wins.
 */
export function findQuote(passage: Passage, quote: string): { start: number; end: number } | null {
  if (quote === '') return null;
  const at = passage.text.indexOf(quote);
  if (at < 0) return null;
  return { start: passage.start + at, end: passage.start + at + quote.length };
}
