/**
 * console/template-params — a console template's parameters as its boxes hold
 * them, turned into the values a query is sent with.
 *
 * Pure, so the rules are tested without a browser: a node parameter whose box
 * holds no picked node is missing (never its default sent in its place), and
 * the editor's query is sent with the parameters it names, so the template's
 * statement (or the analyst's edit of it) runs from the main Run button too.
 */
import type { TemplateParamDTO } from '../../../graph/contracts';

/** The values to send, or the first parameter that has none. */
export type TemplateValues = { values: Record<string, unknown> } | { missing: TemplateParamDTO };

/**
 * The values of `params` from their boxes' texts (`raw`): integers as numbers,
 * the rest as typed. A node parameter (`kind`) with an empty box is missing.
 */
export function templateValues(params: readonly TemplateParamDTO[], raw: Readonly<Record<string, string>>): TemplateValues {
  const values: Record<string, unknown> = {};
  for (const p of params) {
    const text = raw[p.name] ?? '';
    if (p.kind && text.trim() === '') return { missing: p };
    values[p.name] = p.type === 'integer' ? Number.parseInt(text, 10) : text;
  }
  return { values };
}

/** The parameters of `params` that `query` names as `$name` (not as the start of a longer name). */
export function namedParams(query: string, params: readonly TemplateParamDTO[]): TemplateParamDTO[] {
  return params.filter((p) => new RegExp(`\\$${escapeRegExp(p.name)}(?![\\p{L}\\p{N}_])`, 'u').test(query));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
