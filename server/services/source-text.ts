/**
 * server/services/source-text — a source document read against the graph: its paragraphs in order, each
 * with the quotes that nodes and relationships take from it (GET /api/nodes/:id/text).
 *
 * The reverse of a citation: where a node's details show the sentence it came from, the reader shows a
 * paragraph and everything the graph drew from it. Read in one transaction, in two round trips (the
 * document with its paragraphs, then the node and relationship quotes together).
 */
import type { SourceCitationDTO, SourceParagraphDTO, SourceTextDTO } from '../../graph/contracts';
import { ValidationError } from '../errors';
import type { GraphRepository } from '../repositories/graph-repository';
import { placeQuote } from './citations';
import { nodeNotFound } from './nodes';
import { ALL_TYPES } from './scope';

export class SourceTextService {
  constructor(private readonly repo: GraphRepository) {}

  text(id: string): Promise<SourceTextDTO> {
    return this.repo.read('text', async (reader) => {
      const [node, paragraphs] = await Promise.all([reader.nodeById(id), reader.sourceParagraphs(id)]);
      if (!node) throw nodeNotFound('text', id);
      if (node.kind !== 'Document') {
        throw new ValidationError(
          `text: "${id}" is a ${node.kind}, not a Document — only a document has a text; its citations are in /api/nodes/${id}`,
          {
            id,
            kind: node.kind,
          },
        );
      }
      const records = paragraphs.length > 0 ? await reader.sourceCitations(id, node.ns, ALL_TYPES) : [];
      const texts = new Map(paragraphs.map((p) => [p.id, p.text]));
      const byParagraph = new Map<string, SourceCitationDTO[]>();
      for (const r of records) {
        const paragraphText = texts.get(r.passage.paragraphId);
        if (paragraphText === undefined) continue;
        const citation: SourceCitationDTO = {
          passage: r.passage.id,
          quote: r.quote,
          ...placeQuote(r.passage, paragraphText, r.quote),
          ...('node' in r ? { node: r.node } : { relationship: r.relationship }),
        };
        const list = byParagraph.get(r.passage.paragraphId) ?? [];
        list.push(citation);
        byParagraph.set(r.passage.paragraphId, list);
      }
      // In reading order: by where the quote starts, nodes before the relationships that quote the same words.
      const reading = (a: SourceCitationDTO, b: SourceCitationDTO) =>
        a.start - b.start || a.end - b.end || Number(Boolean(b.node)) - Number(Boolean(a.node));
      const out: SourceParagraphDTO[] = paragraphs.map((p) => ({ ...p, citations: (byParagraph.get(p.id) ?? []).sort(reading) }));
      return {
        document: { id: node.id, kind: node.kind, name_zh: node.name_zh, name_en: node.name_en },
        paragraphs: out,
        counts: {
          paragraphs: out.length,
          cited: out.filter((p) => p.citations.length > 0).length,
          nodes: new Set(records.flatMap((r) => ('node' in r ? [r.node.id] : []))).size,
          relationships: new Set(records.flatMap((r) => ('relationship' in r ? [r.relationship.id] : []))).size,
        },
      };
    });
  }
}
