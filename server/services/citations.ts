/**
 * server/services/citations — resolves citations against their passages.
 *
 * A stored citation is a passage id and a quote; the API adds the paragraph
 * that holds the sentence and the quote's offsets in it, so a client can
 * show the quote highlighted in context without another request.
 */
import type { CitationDTO } from '../../graph/contracts';
import type { GraphRepository, PassageRecord } from '../repositories/graph-repository';

/**
 * Where `quote` stands in its paragraph: inside the cited sentence first (a phrase can occur twice in a
 * paragraph), else anywhere in the paragraph; -1 for both when it is in neither.
 */
export function placeQuote(
  sentence: { text: string; start: number },
  paragraphText: string,
  quote: string,
): { start: number; end: number } {
  const inSentence = sentence.text.indexOf(quote);
  const start = inSentence >= 0 ? sentence.start + inSentence : paragraphText.indexOf(quote);
  return { start, end: start >= 0 ? start + quote.length : -1 };
}

export function resolveCitation(c: CitationDTO, passages: Map<string, PassageRecord>): CitationDTO {
  const p = passages.get(c.passage);
  if (!p) return c;
  return { ...c, document: p.document, paragraphId: p.paragraphId, paragraph: p.paragraphText, ...placeQuote(p, p.paragraphText, c.quote) };
}

/** Resolves every citation of every item in one query. */
export async function resolveAll<T extends { citations: CitationDTO[] }>(
  repo: Pick<GraphRepository, 'passages'>,
  items: T[],
): Promise<T[]> {
  const ids = items.flatMap((i) => i.citations.map((c) => c.passage));
  const passages = await repo.passages(ids);
  return items.map((i) => ({ ...i, citations: i.citations.map((c) => resolveCitation(c, passages)) }));
}
