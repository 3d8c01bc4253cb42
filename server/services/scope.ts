/**
 * server/services/scope — the whitelisted kinds, types and namespaces a request may touch.
 */
import { NODE_KINDS, type NodeKind, REL_TYPES, type RelType } from '../../graph/model';
import { CURATED_NS } from '../../graph/records';
import type { Scope } from '../repositories/graph-repository';

/** Every relationship type a traversal may follow by default: the schema's, never notes or mentions. */
export const ALL_TYPES: RelType[] = [...REL_TYPES];
export const ALL_KINDS: NodeKind[] = [...NODE_KINDS];

export function makeScope(opts: { kinds?: NodeKind[] | undefined; types?: RelType[] | undefined; ns?: string[] | undefined }): Scope {
  return {
    ns: opts.ns && opts.ns.length > 0 ? opts.ns : [CURATED_NS],
    kinds: opts.kinds && opts.kinds.length > 0 ? opts.kinds : null,
    types: opts.types && opts.types.length > 0 ? opts.types : ALL_TYPES,
  };
}
