/**
 * ui/cited-paragraphs — a node's or relationship's citations, gathered by the paragraph that holds them.
 *
 * Two sentences quoted from one paragraph used to show that paragraph twice, each copy with one
 * sentence marked; an analyst reads it once with both marked. A quote whose span cannot be placed in
 * its paragraph stays on its own, shown bare, as before.
 */
import type { CitationDTO } from '../../../graph/contracts';

/** A run of a paragraph's text, marked when a citation quotes it. */
export interface TextRun {
  text: string;
  marked: boolean;
}

/** One paragraph with every quoted span in it marked, or one quote that could not be placed. */
export type CitedParagraph =
  | { placed: true; key: string; document?: string; label: string; runs: TextRun[]; quotes: number }
  | { placed: false; key: string; document?: string; label: string; quote: string; hasParagraph: boolean };

function span(c: CitationDTO): [number, number] | null {
  const p = c.paragraph;
  if (!p || c.start === undefined || c.end === undefined || c.start < 0 || c.end > p.length || c.end <= c.start) return null;
  return [c.start, c.end];
}

/** Sorted spans, overlapping or touching ones merged, cut into marked and unmarked runs of `text`. */
export function markRuns(text: string, spans: readonly (readonly [number, number])[]): TextRun[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const runs: TextRun[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) runs.push({ text: text.slice(at, from), marked: false });
    const last = runs[runs.length - 1];
    if (from === at && last?.marked) last.text += text.slice(from, end);
    else runs.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), marked: false });
  return runs;
}

/**
 * Citations in their order of first appearance, one entry per paragraph (all its placed quotes marked)
 * and one per quote that cannot be placed. The same quote cited twice is marked once.
 */
export function citedParagraphs(citations: readonly CitationDTO[]): CitedParagraph[] {
  const out: CitedParagraph[] = [];
  const groups = new Map<string, { document?: string; label: string; paragraph: string; spans: [number, number][]; quotes: Set<string> }>();
  const order: (string | CitedParagraph)[] = [];
  citations.forEach((c, i) => {
    const label = c.paragraphId ?? c.passage;
    const s = span(c);
    if (!s) {
      const bare: CitedParagraph = {
        placed: false,
        key: `quote:${i}:${c.passage}`,
        label,
        quote: c.quote,
        hasParagraph: Boolean(c.paragraph),
        ...(c.document ? { document: c.document } : {}),
      };
      order.push(bare);
      return;
    }
    const key = `${c.document ?? ''}\u0000${label}`;
    let g = groups.get(key);
    if (!g) {
      g = { label, paragraph: c.paragraph!, spans: [], quotes: new Set(), ...(c.document ? { document: c.document } : {}) };
      groups.set(key, g);
      order.push(key);
    }
    g.spans.push(s);
    g.quotes.add(`${s[0]}:${s[1]}`);
  });
  for (const entry of order) {
    if (typeof entry !== 'string') {
      out.push(entry);
      continue;
    }
    const g = groups.get(entry)!;
    out.push({
      placed: true,
      key: `paragraph:${entry}`,
      label: g.label,
      runs: markRuns(g.paragraph, g.spans),
      quotes: g.quotes.size,
      ...(g.document ? { document: g.document } : {}),
    });
  }
  return out;
}
