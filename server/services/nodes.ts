/**
 * server/services/nodes — one node with its provenance and its relationships in words.
 */
import type { NodeDetailsDTO } from '../../graph/contracts';
import { relationshipSentence } from '../../graph/sentences';
import { NotFoundError } from '../errors';
import type { GraphReader, GraphRepository } from '../repositories/graph-repository';
import { resolveAll } from './citations';
import { ALL_TYPES } from './scope';

const MAX_RELATIONSHIPS = 500;

export function nodeNotFound(owner: string, id: string): NotFoundError {
  return new NotFoundError(`${owner}: node "${id}" not found — search for an id with /api/search?q=…`, { id });
}

export class NodeService {
  constructor(private readonly repo: GraphRepository) {}

  /** The node, its relationships, quotes and mentions, read in one transaction (one snapshot). */
  details(id: string): Promise<NodeDetailsDTO> {
    return this.repo.read('nodes', (reader) => this.read(reader, id));
  }

  private async read(reader: GraphReader, id: string): Promise<NodeDetailsDTO> {
    const node = await reader.nodeById(id);
    if (!node) throw nodeNotFound('nodes', id);
    const rels = await reader.relationshipsOf(id, ALL_TYPES, MAX_RELATIONSHIPS);
    const [resolvedNode] = await resolveAll(reader, [node]);
    const edges = await resolveAll(
      reader,
      rels.map((r) => r.edge),
    );
    const mentions = await reader.mentionsOf(id);
    return {
      node: resolvedNode!,
      relationships: rels.map((r, i) => {
        const out = r.edge.source === id;
        const source = out ? node : r.other;
        const target = out ? r.other : node;
        return {
          edge: edges[i]!,
          direction: out ? 'out' : 'in',
          other: r.other,
          sentence: relationshipSentence(r.edge.type, source, target),
        };
      }),
      ...(mentions.length > 0 ? { mentions } : {}),
    };
  }
}
