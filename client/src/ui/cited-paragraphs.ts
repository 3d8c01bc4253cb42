/**
 * ui/cited-paragraphs — a node's or relationship's citations, gathered by the paragraph that holds them.
 *
 * Two sentences quoted from one paragraph used to show that paragraph twice, each copy with one
 * sentence marked; an analyst reads it once with both marked. A quote whose span cannot be placed in
 * its paragraph stays on its own, shown bare, as before.
 */
import type { CitationDTO } from '../../../graph/contracts';
import { markRuns, type TextRun } from './marked-text';

/** One paragraph with every quoted span in it marked, or one quote that could not be placed. */
export type CitedParagraph =
  | { placed: true; key: string; document?: string; label: string; runs: TextRun[]; quotes: number }
  | { placed: false; key: string; document?: string; label: string; quote: string; hasParagraph: boolean };

function span(c: CitationDTO): [number, number] | null {
  const p = c.paragraph;
  if (!p || c.start === undefined || c.end === undefined || c.start < 0 || c.end > p.length || c.end <= c.start) return null;
  return [c.start, c.end];
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
