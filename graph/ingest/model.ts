/**
 * graph/ingest/model — the document layer: ids, namespaces and its own whitelist.
 *
 * An ingested document lives apart from the curated graph:
 *
 *   (:Entity:Document {id: 'document:<slug>', ns: 'doc:<slug>', kind: 'Document', …})
 *   (:Passage {id: 'doc:<slug>:p3:s1', ns: 'doc:<slug>', document: 'document:<slug>', …})
 *   (:Passage)-[:MENTIONS {start, end, text, ns}]->(:Entity)        one per mention, from the sentence
 *   (:Entity)-[:CO_OCCURS {document, count, ns, …}]->(:Entity)      one per document and pair, lower id → higher id
 *   (:Entity {ns: 'doc:<slug>', …})                                  candidate terms the analyst accepted
 *
 * MENTIONS and CO_OCCURS are deliberately not in graph/model.ts REL_TYPES,
 * the whitelist that traversals (neighbours, paths, the graph view) follow:
 * reading a document never changes what the curated graph says.
 */
import { KIND_PREFIX, type NodeKind } from '../model';
import { fnv1a } from '../hash';

export const DOC_NS_PREFIX = 'doc:';
export const DOCUMENT_ID_PREFIX = 'document:';
export const DOCUMENT_LANGUAGES = ['zh', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];
export const DOCUMENT_FORMATS = ['text', 'markdown'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A document slug: lower-case letters, digits and hyphens, at most 60 (so `doc:<slug>` is a valid namespace). */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

export function documentNamespace(slug: string): string {
  return `${DOC_NS_PREFIX}${slug}`;
}

export function documentId(slug: string): string {
  return `${DOCUMENT_ID_PREFIX}${slug}`;
}

/** The passage-id key of a document: passages are `doc:<slug>:p<n>:s<m>`, keyed by the document's namespace. */
export function passageKey(slug: string): string {
  return documentNamespace(slug);
}

/** The slug of `document:<slug>`, or null when the id is not of that form. */
export function slugOfDocumentId(id: string): string | null {
  if (!id.startsWith(DOCUMENT_ID_PREFIX)) return null;
  const slug = id.slice(DOCUMENT_ID_PREFIX.length);
  return SLUG.test(slug) ? slug : null;
}

/** FNV-1a, 32 bits, as base-36: a short stable tag for text that has no Latin letters. */
export function shortHash(text: string): string {
  return fnv1a(text).toString(36);
}

/** Lower-case ASCII kebab case of the Latin letters and digits of `text` ('' when it has none). */
export function kebab(text: string, max = 60): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, max).replace(/-+$/g, '');
}

/**
 * The slug a title gets when none is given: its Latin words in kebab case
 * ("Federated learning in hospitals" → federated-learning-in-hospitals),
 * `doc-<hash>` for a title without Latin letters (a Chinese title), and the
 * Latin words followed by a hash of the whole title when it mixes them with
 * letters kebab case cannot spell — otherwise "GPT-4 评测" and "GPT-4 综述"
 * would share gpt-4, and the second could not be added. The same title
 * always gives the same slug, which is what makes re-ingesting a document
 * find the earlier copy.
 */
export function slugFromTitle(title: string): string {
  const k = kebab(title, 50);
  const hash = shortHash(title.trim());
  if (k.length < 3) return `doc-${hash}`;
  const unspelt = /\p{L}/u.test(
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[A-Za-z]/g, ''),
  );
  return unspelt ? `${k}-${hash}` : k;
}

/**
 * The slug `title` got before a mixed title's slug carried a hash (its Latin words alone), when that differs
 * from today's; null otherwise. A copy ingested then is still found under it.
 */
export function earlierSlugFromTitle(title: string): string | null {
  const k = kebab(title, 50);
  return k.length >= 3 && k !== slugFromTitle(title) ? k : null;
}

/**
 * The id of a node accepted from a document's candidate terms:
 * `<kind prefix>:doc-<slug>/<term>`, e.g. `technology:doc-fl-hospitals/lora`.
 * It lives in the document's namespace, never in the curated one.
 */
export function acceptedNodeId(kind: NodeKind, slug: string, term: string): string {
  const t =
    term
      .normalize('NFKC')
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}.]+/gu, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || `t${shortHash(term)}`;
  return `${KIND_PREFIX[kind]}:doc-${slug}/${t}`;
}
