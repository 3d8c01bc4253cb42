/**
 * server/services/schema — node kinds and relationship types with descriptions and counts.
 */
import type { SchemaDTO } from '../../graph/contracts';
import { NODE_KINDS, NODE_KIND_INFO, REL_TYPES, REL_TYPE_INFO } from '../../graph/model';
import type { GraphRepository } from '../repositories/graph-repository';

export class SchemaService {
  constructor(private readonly repo: GraphRepository) {}

  async schema(ns: string[]): Promise<SchemaDTO> {
    const counts = await this.repo.schemaCounts(ns);
    return {
      kinds: NODE_KINDS.map((kind) => ({ kind, ...NODE_KIND_INFO[kind], count: counts.kinds.get(kind) ?? 0 })),
      types: REL_TYPES.map((type) => {
        const info = REL_TYPE_INFO[type];
        return {
          type,
          verb: info.verb,
          description: info.description,
          from: [...info.from],
          to: [...info.to],
          count: counts.types.get(type) ?? 0,
        };
      }),
    };
  }
}
