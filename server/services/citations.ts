/**
 * server/services/citations — resolves citations against their passages.
 *
 * A stored citation is a passage id and a quote; the API adds the paragraph
 * that holds the sentence and the quote's offsets in it, so a client can
 * show the quote highlighted in context without another request.
 */
import type { CitationDTO } from '../../graph/contracts';
import type { GraphRepository, PassageRecord } from '../repositories/graph-repository';

export function resolveCitation(c: CitationDTO, passages: Map<string, PassageRecord>): CitationDTO {
  const p = passages.get(c.passage);
  if (!p) return c;
  const inSentence = p.text.indexOf(c.quote);
  const start = inSentence >= 0 ? p.start + inSentence : p.paragraphText.indexOf(c.quote);
  return {
    ...c,
    document: p.document,
    paragraphId: p.paragraphId,
    paragraph: p.paragraphText,
    start,
    end: start >= 0 ? start + c.quote.length : -1,
  };
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
