/**
 * ui/marked-text — a text cut into runs around the spans to mark (quotes in a paragraph, mentions in a
 * sentence), so a panel renders each run as plain text or <mark> without slicing offsets itself.
 */
import { normalizeQuery } from '../../../graph/search-text';

/** A run of a text, marked when a span covers it. */
export interface TextRun {
  text: string;
  marked: boolean;
}

/** Sorted spans, overlapping ones merged (touching ones stay two marks), cut into marked and unmarked runs of `text`. */
export function markRuns(text: string, spans: readonly (readonly [number, number])[]): TextRun[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const runs: TextRun[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) runs.push({ text: text.slice(at, from), marked: false });
    const last = runs[runs.length - 1];
    if (start < at && last?.marked) last.text += text.slice(from, end);
    else runs.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), marked: false });
  return runs;
}

/**
 * Every place `query` occurs in `text`, ignoring case and the spacing search ignores (graph/search-text
 * normalizeQuery folds the query; the text is lower-cased, which keeps its offsets). Empty for a blank
 * query. Occurrences do not overlap: "aa" in "aaa" is found once.
 */
export function findSpans(text: string, query: string): [number, number][] {
  const needle = normalizeQuery(query);
  if (!needle) return [];
  // Lower-casing that changes the length (a few letters outside Chinese and English) would shift the
  // offsets: such a text is searched as it is.
  const lower = text.toLowerCase();
  const hay = lower.length === text.length ? lower : text;
  const spans: [number, number][] = [];
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) spans.push([at, at + needle.length]);
  return spans;
}
