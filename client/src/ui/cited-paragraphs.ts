/**
 * ui/cited-paragraphs — a node's or relationship's citations, gathered by the paragraph that holds them.
 *
 * Two sentences quoted from one paragraph used to show that paragraph twice, each copy with one
 * sentence marked; an analyst reads it once with both marked. A quote whose span cannot be placed in
 * its paragraph stays on its own, shown bare, as before.
 */
import type { CitationDTO } from '../../../graph/contracts';
import type { DocumentLanguage } from '../../../graph/ingest/model';
import { textLanguage } from '../../../graph/ingest/normalize';
import { markRuns, type TextRun } from './marked-text';

/**
 * One paragraph with every quoted span in it marked, or one quote that could not be placed; `lang` is the
 * language its text is written in (an ingested English document's quotes are not Chinese).
 */
export type CitedParagraph =
  | { placed: true; key: string; document?: string; label: string; lang: DocumentLanguage; runs: TextRun[]; quotes: number }
  | { placed: false; key: string; document?: string; label: string; lang: DocumentLanguage; quote: string; hasParagraph: boolean };

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
  type Placed = Extract<CitedParagraph, { placed: true }>;
  const out: CitedParagraph[] = [];
  // The entry goes out at the paragraph's first citation; its runs are cut once every span is known.
  const groups = new Map<string, { entry: Placed; paragraph: string; spans: [number, number][]; quotes: Set<string> }>();
  citations.forEach((c, i) => {
    const label = c.paragraphId ?? c.passage;
    const document = c.document ? { document: c.document } : {};
    const s = span(c);
    if (!s) {
      out.push({
        placed: false,
        key: `quote:${i}:${c.passage}`,
        label,
        lang: textLanguage(c.quote),
        quote: c.quote,
        hasParagraph: Boolean(c.paragraph),
        ...document,
      });
      return;
    }
    const key = `${c.document ?? ''}\u0000${label}`;
    let g = groups.get(key);
    if (!g) {
      const entry: Placed = {
        placed: true,
        key: `paragraph:${key}`,
        label,
        lang: textLanguage(c.paragraph!),
        runs: [],
        quotes: 0,
        ...document,
      };
      out.push(entry);
      g = { entry, paragraph: c.paragraph!, spans: [], quotes: new Set() };
      groups.set(key, g);
    }
    g.spans.push(s);
    g.quotes.add(`${s[0]}:${s[1]}`);
  });
  for (const g of groups.values()) {
    g.entry.runs = markRuns(g.paragraph, g.spans);
    g.entry.quotes = g.quotes.size;
  }
  return out;
}
