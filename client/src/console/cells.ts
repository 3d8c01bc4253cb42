/**
 * console/cells — a console result's values as the text of a table cell.
 *
 * Nodes read as their names, paths as chains with each relationship's
 * direction, and a relationship on its own as "source -[:TYPE]→ target" when
 * its ends are known (from the result's graph edges, or from its stable id);
 * a bare "[:TYPE]" told the reader nothing about which two things it connects.
 */
import type { CypherResultDTO } from '../../../graph/contracts';
import { relationshipEnds } from '../../../graph/model';
import { nodeName, type Lang } from '../i18n/dictionary';

/** What a cell needs from the rest of the result: each relationship's ends, and each entity's name. */
export interface CellLookup {
  ends(relationshipId: string, type: string): { source: string; target: string } | undefined;
  name(entityId: string): string | undefined;
}

/** A lookup over a result's own graph; `fallbackName` names entities the result does not carry. */
export function resultLookup(
  result: Pick<CypherResultDTO, 'graph'>,
  lang: Lang,
  fallbackName?: (id: string) => string | undefined,
): CellLookup {
  const edges = new Map(result.graph.edges.map((e) => [e.id, e]));
  const nodes = new Map(result.graph.nodes.map((n) => [n.id, n]));
  return {
    // A relationship whose ends the result does not return still names them in its stable id.
    ends: (id, type) => edges.get(id) ?? relationshipEnds(id, type),
    name: (id) => {
      const n = nodes.get(id);
      return n ? nodeName(n, lang) : fallbackName?.(id);
    },
  };
}

type Plain = Record<string, unknown>;

/** A result cell as text: nodes by name, relationships with their ends, paths as chains, lists joined, the rest as JSON. */
export function cellText(value: unknown, lang: Lang, lookup?: CellLookup): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map((v) => cellText(v, lang, lookup)).join(', ');
  const record = value as Plain;
  const props = (record.properties ?? {}) as Plain;
  if (record.__node) {
    const name = nodeName(props as { id?: string; name_zh?: string; name_en?: string }, lang);
    return name || `(${(record.labels as string[] | undefined)?.join(':') ?? 'node'})`;
  }
  if (record.__relationship) {
    const type = `[:${String(record.type)}]`;
    const ends = typeof props.id === 'string' ? lookup?.ends(props.id, String(record.type)) : undefined;
    if (!ends) return type;
    const name = (id: string) => lookup?.name(id) ?? id;
    return `${name(ends.source)} -${type}→ ${name(ends.target)}`;
  }
  if (record.__path) {
    const segments = (record.segments ?? []) as { start?: Plain; relationship?: Plain; end?: Plain }[];
    const parts = [cellText(record.start, lang, lookup)];
    for (const s of segments) {
      const type = `[:${String(s.relationship?.type)}]`;
      // A path may walk a relationship against its direction; say which way it points.
      const forward = s.relationship?.start === undefined || s.relationship.start === s.start?.elementId;
      parts.push(forward ? `-${type}→` : `←${type}-`, cellText(s.end, lang, lookup));
    }
    return parts.join(' ');
  }
  if (typeof record.name_en === 'string' || typeof record.name_zh === 'string') {
    return nodeName(record as { id?: string; name_zh?: string; name_en?: string }, lang);
  }
  return JSON.stringify(value);
}
