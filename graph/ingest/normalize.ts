/**
 * graph/ingest/normalize — the folded form names are compared in, with a map back to the original text.
 *
 * Folding: NFKC (full-width ＲＡＧ → RAG, full-width digits and punctuation
 * → ASCII), lower case, hyphens read as spaces ("retrieval-augmented" =
 * "retrieval augmented"), runs of white space read as one space, and no
 * space at all next to a CJK character (联邦 学习 = 联邦学习, "AI 大模型" =
 * "AI大模型"). Each folded character remembers the span of the original text
 * it came from, so a match in the folded text is an exact span of the
 * original: `original.slice(start, end)` is what the author wrote.
 */

import type { DocumentLanguage } from './model';

const WHITESPACE = /\s/u;
/** Hyphen-like characters that join words: ASCII hyphen, hyphen, non-breaking hyphen, figure dash, en dash. */
const HYPHENS = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013']);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A character that belongs to a Latin-script word (where word boundaries matter). */
const WORD = /[\p{L}\p{N}]/u;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

const LETTER = /\p{L}/u;

/**
 * The language a text is written in, as far as this project tells them apart: zh when at least a fifth of its
 * letters are CJK characters (a Chinese text quoting English names stays zh; an English text citing a few
 * Chinese terms stays en). Ingestion takes it as a document's default language; the client marks shown
 * source text with it (`lang`), so screen readers and fonts treat each quote as what it is.
 */
export function textLanguage(text: string): DocumentLanguage {
  let cjk = 0;
  let letters = 0;
  for (const ch of text) {
    if (CJK.test(ch)) {
      cjk++;
      letters++;
    } else if (LETTER.test(ch)) letters++;
  }
  return letters > 0 && cjk / letters >= 0.2 ? 'zh' : 'en';
}

/** Whether `ch` is part of a word written with spaces between words (Latin, Cyrillic, digits…). */
export function isSpacedWordChar(ch: string): boolean {
  return WORD.test(ch) && !CJK.test(ch);
}

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`: where its source starts in the original. */
  starts: number[];
  /** For each UTF-16 unit of `text`: where its source ends in the original. */
  ends: number[];
}

export interface FoldOptions {
  /** Lower-case (true for matching; false for finding capitalised candidate terms). */
  lowerCase: boolean;
  /** Read hyphens as spaces (true for matching; false to keep `GPT-4o` one token). */
  hyphensAsSpaces: boolean;
}

const MATCHING: FoldOptions = { lowerCase: true, hyphensAsSpaces: true };

/**
 * Folds `original` and keeps the map back. Works code point by code point,
 * so every folded unit has one source span.
 */
export function fold(original: string, options: Partial<FoldOptions> = {}): Folded {
  const o = { ...MATCHING, ...options };
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  // A pending space: [start, end) of the white space (or hyphens) it stands for.
  let gap: [number, number] | null = null;
  let i = 0;
  while (i < original.length) {
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    let folded = ch.normalize('NFKC');
    if (o.lowerCase) folded = folded.toLowerCase();
    if (folded === '' || [...folded].every((c) => WHITESPACE.test(c) || (o.hyphensAsSpaces && HYPHENS.has(c)))) {
      if (gap) gap[1] = next;
      else gap = [i, next];
      i = next;
      continue;
    }
    if (gap) {
      const prev = text.length > 0 ? text[text.length - 1]! : '';
      const first = folded[0]!;
      if (prev !== '' && !isCjk(prev) && !isCjk(first)) {
        text += ' ';
        starts.push(gap[0]);
        ends.push(gap[1]);
      }
      gap = null;
    }
    for (let k = 0; k < folded.length; k++) {
      text += folded[k];
      starts.push(i);
      ends.push(next);
    }
    i = next;
  }
  return { text, starts, ends };
}

/** The folded form of a name or alias (no map): how the dictionary keys are made. */
export function foldTerm(term: string): string {
  return fold(term.trim()).text;
}

/** Original span of the folded range [from, to). */
export function originalSpan(folded: Folded, from: number, to: number): { start: number; end: number } {
  return { start: folded.starts[from]!, end: folded.ends[to - 1]! };
}
