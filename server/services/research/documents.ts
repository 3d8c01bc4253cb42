/**
 * server/services/research/documents — ingesting new documents into the document layer.
 *
 * A document is split into passages, the known entities it mentions are
 * linked from their sentences (MENTIONS, with the exact span), entities named
 * in one sentence get a co-occurrence (CO_OCCURS, with a count), and terms
 * that look like entities but are not in the graph are kept as candidates
 * for the analyst to accept or dismiss. See graph/ingest for the rules.
 *
 * Each operation is one transaction (DocumentRepository.withDocument). The
 * same document sent again changes nothing; removing a document removes its
 * namespace — what it added — and nothing else.
 */
import { createHash } from 'node:crypto';
import type { GraphEdgeDTO } from '../../../graph/contracts';
import {
  type AcceptCandidateDTO,
  type CandidateDTO,
  type CoOccurrenceEdgeDTO,
  type DeleteDocumentDTO,
  type DocumentDTO,
  type DocumentDetailsDTO,
  type DocumentFormat,
  type DocumentGraphDTO,
  type DocumentLanguage,
  type DocumentPlan,
  type IngestResultDTO,
  type MentionsDTO,
  SLUG,
  buildDictionary,
  canonicalText,
  documentId,
  documentNamespace,
  earlierSlugFromTitle,
  foldTerm,
  markdownToText,
  planDocument,
  slugFromTitle,
  slugOfDocumentId,
  acceptedNodeId,
} from '../../../graph/ingest';
import type { EntityNode, NodeKind } from '../../../graph/model';
import { toNodeRow, toPassageRow } from '../../../graph/records';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type {
  DictionaryRow,
  DocumentProps,
  DocumentRecord,
  DocumentRepository,
  DocumentState,
  DocumentTx,
} from '../../repositories/document-repository';
import type { GraphRepository } from '../../repositories/graph-repository';
import { resolveAll } from '../citations';
import { ALL_TYPES } from '../scope';

export interface IngestRequest {
  title: string;
  language: DocumentLanguage;
  text: string;
  slug?: string | undefined;
  format?: DocumentFormat | undefined;
  /** Replace a different document already ingested under the same slug. */
  replace?: boolean | undefined;
  /** Where it came from (`api`, `cli:<file name>`). */
  source?: string | undefined;
}

export interface AcceptRequest {
  term: string;
  kind: NodeKind;
  name_zh?: string | undefined;
  name_en?: string | undefined;
  description_zh?: string | undefined;
  description_en?: string | undefined;
}

export interface CandidatesDTO {
  document: string;
  candidates: CandidateDTO[];
  dismissed: string[];
}

/** Co-occurrence citations kept per pair (the first sentences that name both). */
const COOCCURRENCE_CITATIONS = 5;

function now(): string {
  return new Date().toISOString();
}

function hashOf(title: string, language: string, text: string): string {
  return createHash('sha256')
    .update(JSON.stringify([title, language, text]), 'utf8')
    .digest('hex');
}

function parseCandidates(json: unknown): CandidateDTO[] {
  if (typeof json !== 'string' || json === '') return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as CandidateDTO[]) : [];
  } catch {
    return [];
  }
}

function toDocumentDTO(r: DocumentRecord): DocumentDTO {
  const d = r.doc;
  const id = String(d.id);
  return {
    id,
    slug: String(d.doc_slug ?? slugOfDocumentId(id) ?? ''),
    ns: String(d.ns),
    title: String(d.doc_title ?? d.name_en ?? id),
    language: d.doc_language === 'en' ? 'en' : 'zh',
    format: d.doc_format === 'markdown' ? 'markdown' : 'text',
    created: String(d.doc_created ?? ''),
    updated: String(d.doc_updated ?? ''),
    hash: String(d.doc_hash ?? ''),
    counts: {
      paragraphs: r.paragraphs,
      sentences: r.sentences,
      mentions: r.mentions,
      entities: r.entities,
      cooccurrences: r.cooccurrences,
      accepted: r.accepted,
      candidates: parseCandidates(d.doc_candidates_json).length,
    },
  };
}

function notADocument(id: string): NotFoundError {
  return new NotFoundError(
    `documents: "${id}" is not an ingested document — ingested documents have ids document:<slug>; list them with GET /api/documents.`,
    { id },
  );
}

export class DocumentService {
  constructor(
    private readonly repo: DocumentRepository,
    private readonly graphRepo: GraphRepository,
    /** Called after every change (the analytics cache listens). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** `document:<slug>` → its slug and namespace, or 404. */
  private parseId(id: string): { slug: string; ns: string } {
    const slug = slugOfDocumentId(id);
    if (!slug) throw notADocument(id);
    return { slug, ns: documentNamespace(slug) };
  }

  /** The state of an existing ingested document inside a transaction, or the error that says why not. */
  private checkState(id: string, ns: string, state: DocumentState | null): DocumentState {
    if (!state) throw notADocument(id);
    if (state.ns !== ns) {
      throw new ValidationError(
        `documents: "${id}" belongs to the ${state.ns} namespace, not to an ingested document — it cannot be changed or removed here.`,
        { id },
      );
    }
    return state;
  }

  private async write(
    tx: DocumentTx,
    plan: DocumentPlan,
    meta: { created: string; format: DocumentFormat; source: string; dismissed: string[]; hash: string },
  ) {
    // The document is an entity like any other (names, search text, provenance fields), plus its doc_* fields.
    const entity: EntityNode = {
      id: plan.id,
      kind: 'Document',
      name_zh: plan.title,
      name_en: plan.title,
      aliases_zh: [],
      aliases_en: [],
      description_zh: `导入的${plan.language === 'zh' ? '中文' : '英文'}文档，共${plan.stats.paragraphs}段。`,
      description_en: `An ingested ${plan.language === 'zh' ? 'Chinese' : 'English'} document of ${plan.stats.paragraphs} paragraph${plan.stats.paragraphs === 1 ? '' : 's'}.`,
      evidence: 'stated',
      citations: [],
      props: { language: plan.language, ingested: true },
    };
    const props: DocumentProps = {
      ...toNodeRow(entity, plan.ns).props,
      doc_slug: plan.slug,
      doc_title: plan.title,
      doc_language: plan.language,
      doc_format: meta.format,
      doc_source: meta.source,
      doc_hash: meta.hash,
      doc_created: meta.created,
      doc_updated: now(),
      doc_dismissed: meta.dismissed,
      doc_candidates_json: JSON.stringify(plan.candidates),
    };
    await tx.clear(plan.ns);
    await tx.save(plan.id, props);
    await tx.writePassages(plan.passages.map((p) => toPassageRow(p, plan.ns)));
    await tx.writeMentions(plan.ns, plan.mentions);
    const sentenceText = new Map(plan.passages.map((p) => [p.id, p.text]));
    await tx.writeCooccurrences(
      plan.cooccurrences.map((c) => {
        const passages = c.passages.slice(0, COOCCURRENCE_CITATIONS);
        return {
          source: c.source,
          target: c.target,
          props: {
            id: `${c.source}-CO_OCCURS-${c.target}@${plan.id}`,
            document: plan.id,
            count: c.count,
            ns: plan.ns,
            evidence: 'stated',
            cite_passages: passages,
            cite_quotes: passages.map((p) => sentenceText.get(p) ?? ''),
          },
        };
      }),
    );
  }

  /**
   * The slug of a document sent without one: its title's, or the one the same title got before mixed titles'
   * slugs carried a hash, when a document of that title is stored there — so sending it again still finds it.
   */
  private async slugOfTitle(title: string): Promise<string> {
    const earlier = earlierSlugFromTitle(title);
    if (!earlier) return slugFromTitle(title);
    const [record] = await this.repo.list(documentId(earlier));
    const stored = record && toDocumentDTO(record);
    return stored && stored.ns === documentNamespace(earlier) && stored.title === title ? earlier : slugFromTitle(title);
  }

  async ingest(req: IngestRequest): Promise<IngestResultDTO> {
    const plain = req.format === 'markdown' ? markdownToText(req.text).text : req.text;
    const text = canonicalText(plain);
    if (text === '') throw new ValidationError('documents: the text is empty — send the document\'s text in "text".', { field: 'text' });
    const title = req.title.trim();
    const slug = req.slug ?? (await this.slugOfTitle(title));
    if (!SLUG.test(slug)) {
      throw new ValidationError(`documents: "${slug}" is not a valid slug — use lower-case letters, digits and hyphens (at most 60).`, {
        field: 'slug',
      });
    }
    const id = documentId(slug);
    const ns = documentNamespace(slug);
    const hash = hashOf(title, req.language, text);
    const status = await this.repo.withDocument(id, ns, 'create', async (state, tx) => {
      if (!state) throw new Error('documents: the document node could not be created');
      if (state.ns !== ns) {
        throw new ConflictError(
          `documents: "${id}" is already a node of the ${state.ns} namespace, not an ingested document — send another slug.`,
          { field: 'slug', id },
        );
      }
      if (!state.created && state.hash === hash) return 'unchanged' as const;
      if (!state.created && !req.replace) {
        throw new ConflictError(
          `documents: a different document is already ingested as "${id}" ("${state.title ?? ''}") — send replace: true to replace it, or another slug.`,
          { field: 'slug', id, title: state.title ?? '', replaceable: true },
        );
      }
      const dictionary = buildDictionary(await tx.dictionary(ns));
      const plan = planDocument({ slug, title, language: req.language, text }, dictionary, { dismissed: state.dismissed });
      await this.write(tx, plan, {
        created: state.createdAt ?? now(),
        format: req.format ?? 'text',
        source: req.source ?? 'api',
        dismissed: state.dismissed,
        hash,
      });
      return state.created ? ('created' as const) : ('replaced' as const);
    });
    if (status !== 'unchanged') this.onChange();
    const { document, candidates } = await this.summary(id);
    return { status, document, candidates };
  }

  /** Re-reads a document's stored text against the current graph (after the graph or an alias changed). */
  async relink(id: string): Promise<IngestResultDTO> {
    const { slug, ns } = this.parseId(id);
    await this.repo.withDocument(id, ns, 'existing', async (raw, tx) => {
      const state = this.checkState(id, ns, raw);
      const plan = await this.replan(tx, slug, ns, state);
      await this.write(tx, plan, {
        created: state.createdAt ?? now(),
        format: state.format === 'markdown' ? 'markdown' : 'text',
        source: 'relink',
        dismissed: state.dismissed,
        hash: state.hash ?? hashOf(plan.title, plan.language, plan.text),
      });
    });
    this.onChange();
    const { document, candidates } = await this.summary(id);
    return { status: 'relinked', document, candidates };
  }

  private async replan(
    tx: DocumentTx,
    slug: string,
    ns: string,
    state: DocumentState,
    extra: DictionaryRow[] = [],
    dismissed = state.dismissed,
  ) {
    const paragraphs = await tx.paragraphs(ns);
    if (paragraphs.length === 0) {
      throw new ConflictError(
        `documents: "${documentId(slug)}" has no stored passages — ingest it again (POST /api/documents with replace: true).`,
      );
    }
    const rows = [...(await tx.dictionary(ns)), ...extra];
    return planDocument(
      { slug, title: state.title ?? slug, language: state.language === 'en' ? 'en' : 'zh', text: paragraphs.join('\n') },
      buildDictionary(rows),
      { dismissed },
    );
  }

  async list(): Promise<DocumentDTO[]> {
    return (await this.repo.list(null)).map(toDocumentDTO);
  }

  private async record(id: string): Promise<DocumentRecord> {
    this.parseId(id);
    const [record] = await this.repo.list(id);
    if (!record) throw notADocument(id);
    return record;
  }

  /** The document with its candidates and dismissed terms — what a write answers with, without the entity list. */
  private async summary(id: string): Promise<Omit<DocumentDetailsDTO, 'entities'>> {
    const record = await this.record(id);
    return {
      document: toDocumentDTO(record),
      candidates: parseCandidates(record.doc.doc_candidates_json),
      dismissed: Array.isArray(record.doc.doc_dismissed) ? record.doc.doc_dismissed.map(String) : [],
    };
  }

  async get(id: string): Promise<DocumentDetailsDTO> {
    const summary = await this.summary(id);
    const entities = await this.repo.entities(summary.document.ns, 5000);
    return { ...summary, entities: entities.map((e) => ({ ...e, kind: e.kind as NodeKind })) };
  }

  async candidates(id: string): Promise<CandidatesDTO> {
    const d = await this.summary(id);
    return { document: id, candidates: d.candidates, dismissed: d.dismissed };
  }

  /** The entities a document mentions (best first, up to `limit`) with its co-occurrences among them. */
  async graph(id: string, opts: { limit: number; minCount: number; curated: boolean }): Promise<DocumentGraphDTO> {
    const record = await this.record(id);
    const ns = String(record.doc.ns);
    const entities = await this.repo.entities(ns, opts.limit);
    const ids = entities.map((e) => e.id);
    const counts = new Map(entities.map((e) => [e.id, e.count]));
    const nodes = (await this.graphRepo.nodesByIds(ids)).map((n) => ({
      ...n,
      props: { ...(n.props ?? {}), mentions: counts.get(n.id) ?? 0 },
    }));
    const rels = await this.repo.cooccurrencesAmong(ns, ids, opts.minCount, 50_000);
    const cooccurs: CoOccurrenceEdgeDTO[] = rels.map((r) => {
      const passages = Array.isArray(r.cite_passages) ? r.cite_passages.map(String) : [];
      const quotes = Array.isArray(r.cite_quotes) ? r.cite_quotes.map(String) : [];
      return {
        id: String(r.id),
        type: 'CO_OCCURS',
        source: String(r.source),
        target: String(r.target),
        evidence: 'stated',
        citations: passages.map((passage, i) => ({ passage, quote: quotes[i] ?? '' })),
        count: Number(r.count),
        document: String(r.document),
      };
    });
    const resolved = await resolveAll(this.graphRepo, cooccurs);
    const curated: GraphEdgeDTO[] = opts.curated
      ? await resolveAll(this.graphRepo, await this.graphRepo.edgesAmong(ids, ALL_TYPES, 50_000))
      : [];
    const truncated = record.entities > entities.length;
    return {
      nodes,
      edges: [...resolved, ...curated],
      truncated,
      ...(truncated ? { total: { nodes: record.entities } } : {}),
    };
  }

  async mentions(id: string, entity: string | null, limit: number): Promise<MentionsDTO> {
    const record = await this.record(id);
    const rows = await this.repo.mentions(String(record.doc.ns), entity, limit + 1);
    return {
      document: id,
      mentions: rows.slice(0, limit).map((r) => ({ ...r, entity: { ...r.entity, kind: r.entity.kind as NodeKind } })),
      truncated: rows.length > limit,
    };
  }

  /** Accepts a candidate term as a node of the document's namespace and links its mentions. */
  async accept(id: string, req: AcceptRequest): Promise<AcceptCandidateDTO> {
    const { slug, ns } = this.parseId(id);
    const term = req.term.trim();
    const key = foldTerm(term);
    if (key.length < 2) throw new ValidationError('documents: the term must have at least two characters.', { field: 'term' });
    const nodeId = acceptedNodeId(req.kind, slug, term);
    const node = await this.repo.withDocument(id, ns, 'existing', async (raw, tx) => {
      const state = this.checkState(id, ns, raw);
      const known = buildDictionary(await tx.dictionary(ns));
      const owner = known.keys.get(key);
      if (owner) {
        throw new ConflictError(`documents: "${term}" is already a name or alias of ${owner} — its mentions are linked already.`, {
          field: 'term',
          id: owner,
        });
      }
      for (const [field, name] of [
        ['name_zh', req.name_zh],
        ['name_en', req.name_en],
      ] as const) {
        const other = name ? known.keys.get(foldTerm(name)) : undefined;
        if (other)
          throw new ConflictError(`documents: the name "${name}" is already used by ${other} — choose another ${field}.`, { field });
      }
      if (await tx.nodeExists(nodeId)) throw new ConflictError(`documents: "${nodeId}" exists already.`, { id: nodeId });
      const latin = /[A-Za-z]/.test(term.normalize('NFKC'));
      const name_zh = req.name_zh?.trim() || term;
      const name_en = req.name_en?.trim() || term;
      const aliases = [name_zh, name_en].some((n) => foldTerm(n) === key) ? [] : [term];
      const entry: DictionaryRow = {
        id: nodeId,
        name_zh,
        name_en,
        aliases_zh: latin ? [] : aliases,
        aliases_en: latin ? aliases : [],
      };
      const plan = await this.replan(tx, slug, ns, state, [entry]);
      const first = plan.mentions.find((m) => m.entity === nodeId);
      if (!first) {
        throw new ValidationError(
          `documents: "${term}" does not occur in "${id}" as a whole word — pick a term from GET /api/documents/${id}/candidates.`,
          { field: 'term' },
        );
      }
      const title = state.title ?? slug;
      const entity: EntityNode = {
        ...entry,
        kind: req.kind,
        description_zh: req.description_zh?.trim() || `从文档《${title}》中采纳的术语。`,
        description_en: req.description_en?.trim() || `A term accepted from the document "${title}".`,
        evidence: 'stated',
        citations: [{ passage: first.passage, quote: first.text }],
        props: { accepted_from: id, term },
      };
      const row = toNodeRow(entity, ns);
      await tx.createNode(nodeId, req.kind, row.props);
      await this.write(tx, plan, {
        created: state.createdAt ?? now(),
        format: state.format === 'markdown' ? 'markdown' : 'text',
        source: 'accept',
        dismissed: state.dismissed.filter((k) => k !== key),
        hash: state.hash ?? hashOf(plan.title, plan.language, plan.text),
      });
      return { id: nodeId, kind: req.kind, name_zh, name_en, ns };
    });
    this.onChange();
    const { document, candidates } = await this.summary(id);
    return { node, result: { status: 'relinked', document, candidates } };
  }

  /** Dismisses a candidate term (or restores one), so it is no longer proposed for this document. */
  async dismiss(id: string, term: string, restore: boolean): Promise<CandidatesDTO> {
    const { slug, ns } = this.parseId(id);
    const key = foldTerm(term);
    if (key === '') throw new ValidationError('documents: the term is empty.', { field: 'term' });
    await this.repo.withDocument(id, ns, 'existing', async (raw, tx) => {
      const state = this.checkState(id, ns, raw);
      const dismissed = restore ? state.dismissed.filter((k) => k !== key) : [...new Set([...state.dismissed, key])].sort();
      const plan = await this.replan(tx, slug, ns, state, [], dismissed);
      await tx.save(id, { doc_dismissed: dismissed, doc_candidates_json: JSON.stringify(plan.candidates), doc_updated: now() });
    });
    return this.candidates(id);
  }

  /** Removes a document and everything it added: passages, mentions, co-occurrences and accepted terms. */
  async remove(id: string): Promise<DeleteDocumentDTO> {
    const { ns } = this.parseId(id);
    const deleted = await this.repo.withDocument(id, ns, 'existing', async (raw, tx) => {
      this.checkState(id, ns, raw);
      const counts = await tx.counts(ns);
      await tx.deleteNamespace(ns);
      return {
        nodes: counts.entities,
        relationships: counts.mentions + counts.cooccurrences + counts.other,
        passages: counts.passages,
      };
    });
    this.onChange();
    return { id, deleted };
  }
}
