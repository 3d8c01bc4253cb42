/**
 * graph/dataset/validate — turns parsed YAML files and source texts into a
 * checked Dataset, or into a list of every problem found.
 *
 * Pure (no fs) so the same checks run in the loader, in tests and in the
 * browser. Every message names the file, the entry and the fix, because the
 * people reading them are editing YAML by hand.
 */

import type { z } from 'zod';
import {
  KIND_PREFIX,
  NODE_KINDS,
  REL_TYPES,
  REL_TYPE_INFO,
  isNodeKind,
  isRelType,
  relationshipId,
  type Citation,
  type Dataset,
  type EntityNode,
  type NodeKind,
  type Passage,
  type Relationship,
  type SourceDocument,
} from '../model';
import { parsePassageId, splitPassages } from '../passages';
import {
  DocumentEntrySchema,
  DocumentsFileSchema,
  ID_SLUG,
  NodeEntrySchema,
  NodesFileSchema,
  RelationshipEntrySchema,
  RelationshipsFileSchema,
  type CitationEntry,
} from './schema';

/** One problem in the dataset; `message` is complete on its own (file, entry, problem, fix). */
export interface DatasetError {
  file: string;
  /** The id of the offending entry, when it has one. */
  entry?: string;
  message: string;
}

/** A YAML file after parsing: its project-relative path and its content. */
export interface DatasetFile {
  path: string;
  content: unknown;
}

export type ValidationResult = { dataset: Dataset } | { errors: DatasetError[] };

/** Kinds that may state a Claim's figure. */
const FIGURE_SOURCE_KINDS: readonly NodeKind[] = ['Organization', 'Publication'];

/** Where node ids are defined, for fix hints when no node file was given. */
const DEFAULT_NODE_GLOB = 'graph/data/nodes/*.yaml';

/** Edit distance, for "did you mean" hints on misspelt ids and types. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(value.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function didYouMean(value: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  // A node whose prefix was changed keeps its slug: point at it before any near spelling.
  const slug = value.slice(value.indexOf(':') + 1);
  const renamed = list.find((c) => c !== value && c.includes(':') && c.slice(c.indexOf(':') + 1) === slug);
  const hint = renamed ?? closest(value, list);
  return hint === undefined ? '' : ` (did you mean "${hint}"?)`;
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Lower-cased, whitespace-collapsed form used to compare names and aliases. */
function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOfPrefix(prefix: string): NodeKind | undefined {
  return NODE_KINDS.find((kind) => KIND_PREFIX[kind] === prefix);
}

/** Collects errors so that one run reports every problem, not just the first. */
class Report {
  readonly errors: DatasetError[] = [];

  add(file: string, label: string | undefined, entry: string | undefined, problem: string, fix: string): void {
    const where = label === undefined ? file : `${file}: ${label}`;
    const error: DatasetError = { file, message: `${where}: ${problem} — ${fix}` };
    if (entry !== undefined) error.entry = entry;
    this.errors.push(error);
  }

  /** Reports each zod issue as a field-level error with the allowed fields as the fix. */
  addSchemaIssues(file: string, label: string, entry: string | undefined, issues: z.ZodError['issues'], allowed: string[]): void {
    for (const issue of issues) {
      const field = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => `"${k}"`).join(', ');
        this.add(
          file,
          label,
          entry,
          `unknown field ${keys}${field ? ` in "${field}"` : ''}`,
          field === ''
            ? `remove it or fix its spelling; allowed fields: ${allowed.join(', ')}`
            : `remove it or fix its spelling (see graph/dataset/schema.ts)`,
        );
      } else if (field === '') {
        this.add(file, label, entry, issue.message, 'write the entry as a mapping of the fields in graph/dataset/schema.ts');
      } else {
        this.add(file, label, entry, `field "${field}": ${issue.message}`, `fix "${field}" as described in graph/dataset/schema.ts`);
      }
    }
  }
}

interface NodeRecord {
  kind: NodeKind | undefined;
  file: string;
}

interface Context {
  report: Report;
  passages: Map<string, Passage>;
  /** Sentence passages per document id, to say where a misplaced quote really is. */
  sentencesByDocument: Map<string, Passage[]>;
  /** Passage-id key → document, for hints on malformed citations. */
  documentsByKey: Map<string, { id: string; path: string; paragraphs: number }>;
}

/** The `{id}` of an unparsed entry, if it has a usable one. */
function rawString(entry: unknown, field: string): string | undefined {
  if (!isRecord(entry)) return undefined;
  const value = entry[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function checkCitation(ctx: Context, file: string, label: string, entry: string, citation: CitationEntry, index: number): void {
  const where = `citation ${index + 1}`;
  const passage = ctx.passages.get(citation.passage);
  if (passage === undefined) {
    const parsed = parsePassageId(citation.passage);
    const keys = [...ctx.documentsByKey.keys()];
    let fix: string;
    if (parsed === null) {
      fix = `write the passage as <key>:p<paragraph>:s<sentence>, e.g. ${keys[0] ?? 'llm10'}:p9:s3`;
    } else {
      const doc = ctx.documentsByKey.get(parsed.key);
      if (doc === undefined) {
        fix = `use a document key from documents.yaml: ${keys.join(', ') || '(none defined)'}`;
      } else if (parsed.paragraph > doc.paragraphs) {
        fix = `${doc.path} has ${doc.paragraphs} paragraphs; cite one of ${parsed.key}:p1 … ${parsed.key}:p${doc.paragraphs}`;
      } else {
        const count = [...ctx.passages.values()].filter(
          (p) => p.document === doc.id && p.paragraph === parsed.paragraph && p.sentence > 0,
        ).length;
        fix = `paragraph ${parsed.key}:p${parsed.paragraph} has ${count} sentence(s); cite ${parsed.key}:p${parsed.paragraph}:s1 … s${count}`;
      }
    }
    ctx.report.add(file, label, entry, `${where}: passage "${citation.passage}" does not exist`, fix);
    return;
  }
  if (!passage.text.includes(citation.quote)) {
    const elsewhere = (ctx.sentencesByDocument.get(passage.document) ?? []).find((p) => p.text.includes(citation.quote));
    const fix =
      elsewhere === undefined
        ? `copy the quote verbatim from that passage ("${shorten(passage.text)}")`
        : `the quote occurs in ${elsewhere.id}; cite that passage instead`;
    ctx.report.add(
      file,
      label,
      entry,
      `${where}: quote "${shorten(citation.quote, 40)}" does not occur in passage ${citation.passage}`,
      fix,
    );
  }
}

/** Citations present, rationale for inferred links, and every quote found where it is cited. */
function checkProvenance(
  ctx: Context,
  file: string,
  label: string,
  entry: string,
  prov: { evidence: string; rationale?: string | undefined; rationale_zh?: string | undefined; citations?: CitationEntry[] | undefined },
): void {
  if (prov.citations === undefined || prov.citations.length === 0) {
    ctx.report.add(
      file,
      label,
      entry,
      'has no citations (missing provenance)',
      'add citations: [{passage: <key>:pN:sM, quote: <exact words of that sentence>}]',
    );
  }
  if (prov.evidence === 'inferred' && (prov.rationale === undefined || prov.rationale.trim() === '')) {
    ctx.report.add(
      file,
      label,
      entry,
      'is inferred but has no rationale',
      'add rationale: <one line on why the link holds>, or cite a sentence that states it and mark it stated',
    );
  }
  // The dataset is bilingual: a reader of the Chinese interface gets the reason in Chinese.
  if (prov.rationale !== undefined && (prov.rationale_zh === undefined || prov.rationale_zh.trim() === '')) {
    ctx.report.add(file, label, entry, 'has a rationale but no rationale_zh', 'add rationale_zh: <the same reason in Chinese>');
  }
  if (prov.rationale_zh !== undefined && prov.rationale === undefined) {
    ctx.report.add(file, label, entry, 'has a rationale_zh but no rationale', 'add rationale: <the same reason in English>');
  }
  (prov.citations ?? []).forEach((citation, index) => checkCitation(ctx, file, label, entry, citation, index));
}

function toCitations(citations: CitationEntry[] | undefined): Citation[] {
  return (citations ?? []).map((c) => ({ passage: c.passage, quote: c.quote }));
}

/**
 * Validates the parsed dataset files against the schema and each other.
 *
 * `files` are the parsed YAML files (documents, node files, relationships),
 * recognised by their top-level keys; `sources` maps each document's `path`
 * to its text. Returns the assembled Dataset, or every error found.
 */
export function validateDataset(files: DatasetFile[], sources: Record<string, string>): ValidationResult {
  const report = new Report();
  const ctx: Context = { report, passages: new Map(), sentencesByDocument: new Map(), documentsByKey: new Map() };

  const documentFiles: Array<{ path: string; entries: unknown[] }> = [];
  const nodeFiles: Array<{ path: string; kind: unknown; entries: unknown[] }> = [];
  const relationshipFiles: Array<{ path: string; entries: unknown[] }> = [];

  for (const file of files) {
    const content = file.content;
    if (!isRecord(content)) {
      report.add(
        file.path,
        undefined,
        undefined,
        'is not a YAML mapping',
        'start the file with "documents:", "kind:" and "nodes:", or "relationships:"',
      );
      continue;
    }
    if ('documents' in content) {
      const parsed = DocumentsFileSchema.safeParse(content);
      if (parsed.success) documentFiles.push({ path: file.path, entries: parsed.data.documents });
      else report.addSchemaIssues(file.path, 'file', undefined, parsed.error.issues, Object.keys(DocumentsFileSchema.shape));
    } else if ('relationships' in content) {
      const parsed = RelationshipsFileSchema.safeParse(content);
      if (parsed.success) relationshipFiles.push({ path: file.path, entries: parsed.data.relationships });
      else report.addSchemaIssues(file.path, 'file', undefined, parsed.error.issues, Object.keys(RelationshipsFileSchema.shape));
    } else if ('nodes' in content || 'kind' in content) {
      const parsed = NodesFileSchema.safeParse(content);
      if (parsed.success) nodeFiles.push({ path: file.path, kind: parsed.data.kind, entries: parsed.data.nodes });
      else report.addSchemaIssues(file.path, 'file', undefined, parsed.error.issues, Object.keys(NodesFileSchema.shape));
    } else {
      report.add(
        file.path,
        undefined,
        undefined,
        'is not a dataset file',
        'give it a top-level "documents:", "kind:" with "nodes:", or "relationships:" key',
      );
    }
  }

  const nodeGlob = nodeFiles.length > 0 ? `${nodeFiles[0]!.path.replace(/[^/]*$/, '')}*.yaml` : DEFAULT_NODE_GLOB;

  // Documents and their passages.
  const documents: SourceDocument[] = [];
  const documentIds = new Map<string, string>();
  for (const file of documentFiles) {
    file.entries.forEach((raw, index) => {
      const rawId = rawString(raw, 'id');
      const label = rawId === undefined ? `document #${index + 1}` : `document "${rawId}"`;
      const parsed = DocumentEntrySchema.safeParse(raw);
      if (!parsed.success) {
        report.addSchemaIssues(file.path, label, rawId, parsed.error.issues, Object.keys(DocumentEntrySchema.shape));
        return;
      }
      const doc = parsed.data;
      const previous = documentIds.get(doc.id);
      if (previous !== undefined) {
        report.add(file.path, label, doc.id, `duplicate id "${doc.id}" (already defined in ${previous})`, 'give each document a unique id');
        return;
      }
      documentIds.set(doc.id, file.path);
      if (ctx.documentsByKey.has(doc.key)) {
        report.add(
          file.path,
          label,
          doc.id,
          `key "${doc.key}" is already used by another document`,
          'give each document a unique key; it prefixes its passage ids',
        );
        return;
      }
      const text = sources[doc.path];
      if (text === undefined) {
        report.add(
          file.path,
          label,
          doc.id,
          `source text "${doc.path}" was not found`,
          `copy the document's text to ${doc.path} or fix "path"`,
        );
        return;
      }
      const passages = splitPassages(doc.id, doc.key, text);
      for (const p of passages) ctx.passages.set(p.id, p);
      ctx.sentencesByDocument.set(
        doc.id,
        passages.filter((p) => p.sentence > 0),
      );
      ctx.documentsByKey.set(doc.key, {
        id: doc.id,
        path: doc.path,
        paragraphs: passages.reduce((max, p) => Math.max(max, p.paragraph), 0),
      });
      const out: SourceDocument = { id: doc.id, title: doc.title, language: doc.language, path: doc.path };
      if (doc.author !== undefined) out.author = doc.author;
      if (doc.publisher !== undefined) out.publisher = doc.publisher;
      if (doc.date !== undefined) out.date = doc.date;
      documents.push(out);
    });
  }
  if (documentFiles.length === 0) {
    report.add(
      'graph/data/documents.yaml',
      undefined,
      undefined,
      'no documents file was given',
      'list the source documents under "documents:" in graph/data/documents.yaml',
    );
  }

  // Nodes: registered before any reference is checked, so file order does not matter.
  const known = new Map<string, NodeRecord>();
  const nodes: EntityNode[] = [];
  const nodeFileOf = new Map<EntityNode, string>();
  const names = { zh: new Map<string, string>(), en: new Map<string, string>() };
  for (const file of nodeFiles) {
    let kind: NodeKind | undefined;
    if (typeof file.kind === 'string' && isNodeKind(file.kind)) {
      kind = file.kind;
    } else {
      const ids = file.entries.map((entry) => rawString(entry, 'id')).filter((id) => id !== undefined);
      const affected =
        ids.length === 0 ? '' : ` (it applies to ${ids.length} node(s): ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`;
      report.add(
        file.path,
        `kind "${String(file.kind)}"`,
        String(file.kind),
        `is not a node kind${affected}`,
        `set "kind:" to one of ${NODE_KINDS.join(', ')}${didYouMean(String(file.kind), NODE_KINDS)}`,
      );
    }
    file.entries.forEach((raw, index) => {
      const rawId = rawString(raw, 'id');
      const label = rawId === undefined ? `node #${index + 1}` : `node "${rawId}"`;
      const parsed = NodeEntrySchema.safeParse(raw);
      if (rawId !== undefined) {
        const previous = known.get(rawId);
        if (previous !== undefined) {
          report.add(
            file.path,
            label,
            rawId,
            `duplicate id "${rawId}" (already defined in ${previous.file})`,
            'give each node a unique id, or merge the two entries',
          );
          return;
        }
        // Registered even if the entry is malformed, so its references do not cascade into more errors.
        known.set(rawId, { kind, file: file.path });
      }
      if (!parsed.success) {
        report.addSchemaIssues(file.path, label, rawId, parsed.error.issues, Object.keys(NodeEntrySchema.shape));
        return;
      }
      const entry = parsed.data;
      if (kind !== undefined) {
        const prefix = KIND_PREFIX[kind];
        const colon = entry.id.indexOf(':');
        const actualPrefix = colon < 0 ? '' : entry.id.slice(0, colon);
        const slug = colon < 0 ? entry.id : entry.id.slice(colon + 1);
        if (actualPrefix !== prefix) {
          const other = kindOfPrefix(actualPrefix);
          const hint = other === undefined ? '' : `, or move the entry to the ${other} file if it is a ${other}`;
          report.add(
            file.path,
            label,
            entry.id,
            `id prefix "${actualPrefix}" does not match kind ${kind}`,
            `${kind} ids are written ${prefix}:<slug>, e.g. ${prefix}:${ID_SLUG.test(slug) ? slug : 'example'}${hint}`,
          );
        } else if (!ID_SLUG.test(slug)) {
          report.add(
            file.path,
            label,
            entry.id,
            `id slug "${slug}" is not valid`,
            'use lower-case letters and digits separated by "-" or ".", e.g. gpt-3',
          );
        }
        if (kind === 'Claim' && entry.figure === undefined) {
          report.add(file.path, label, entry.id, 'is a Claim without a figure', 'add figure: {value, unit, year, source}');
        }
        if (kind !== 'Claim' && entry.figure !== undefined) {
          report.add(
            file.path,
            label,
            entry.id,
            `has a figure but is a ${kind}`,
            'move the figure to a Claim node that QUANTIFIES this node',
          );
        }
      }
      // Names and aliases resolve search terms to nodes, so one term must mean one node.
      for (const lang of ['zh', 'en'] as const) {
        const terms = new Set([entry[`name_${lang}`], ...entry[`aliases_${lang}`]].map(normaliseName));
        for (const term of terms) {
          const owner = names[lang].get(term);
          if (owner !== undefined && owner !== entry.id) {
            report.add(
              file.path,
              label,
              entry.id,
              `name or alias "${term}" (${lang}) is already used by node "${owner}"`,
              'keep names and aliases unique across nodes; remove it from one of them',
            );
          } else {
            names[lang].set(term, entry.id);
          }
        }
      }
      checkProvenance(ctx, file.path, label, entry.id, entry);
      if (kind === undefined) return;
      const node: EntityNode = {
        id: entry.id,
        kind,
        name_zh: entry.name_zh,
        name_en: entry.name_en,
        aliases_zh: entry.aliases_zh,
        aliases_en: entry.aliases_en,
        description_zh: entry.description_zh,
        description_en: entry.description_en,
        evidence: entry.evidence,
        citations: toCitations(entry.citations),
      };
      if (entry.rationale !== undefined) node.rationale = entry.rationale;
      if (entry.rationale_zh !== undefined) node.rationale_zh = entry.rationale_zh;
      if (entry.props !== undefined) node.props = entry.props;
      if (entry.figure !== undefined) {
        node.figure = { value: entry.figure.value, unit: entry.figure.unit };
        if (entry.figure.year !== undefined) node.figure.year = entry.figure.year;
        if (entry.figure.source !== undefined) node.figure.source = entry.figure.source;
      }
      nodes.push(node);
      nodeFileOf.set(node, file.path);
    });
  }

  // A figure's source is a reference like any other.
  for (const node of nodes) {
    const source = node.figure?.source;
    if (source === undefined) continue;
    const file = nodeFileOf.get(node)!;
    const label = `node "${node.id}"`;
    const target = known.get(source);
    if (target === undefined) {
      report.add(
        file,
        label,
        node.id,
        `figure source "${source}" does not exist`,
        `use the id of an Organization or Publication in ${nodeGlob}${didYouMean(source, known.keys())}`,
      );
    } else if (target.kind !== undefined && !FIGURE_SOURCE_KINDS.includes(target.kind)) {
      report.add(
        file,
        label,
        node.id,
        `figure source "${source}" is a ${target.kind}`,
        'a figure is stated by an Organization or Publication; use one of their ids',
      );
    }
  }

  // Relationships.
  const relationships: Relationship[] = [];
  const relationshipFileOf = new Map<string, string>();
  for (const file of relationshipFiles) {
    file.entries.forEach((raw, index) => {
      const rawSource = rawString(raw, 'source');
      const rawType = rawString(raw, 'type');
      const rawTarget = rawString(raw, 'target');
      const rawId =
        rawSource !== undefined && rawType !== undefined && rawTarget !== undefined ? `${rawSource}-${rawType}-${rawTarget}` : undefined;
      const label = rawId === undefined ? `relationship #${index + 1}` : `relationship "${rawId}"`;
      const parsed = RelationshipEntrySchema.safeParse(raw);
      if (!parsed.success) {
        report.addSchemaIssues(file.path, label, rawId, parsed.error.issues, Object.keys(RelationshipEntrySchema.shape));
        return;
      }
      const entry = parsed.data;
      const id = `${entry.source}-${entry.type}-${entry.target}`;
      let ok = true;
      const type = entry.type;
      if (!isRelType(type)) {
        report.add(
          file.path,
          label,
          id,
          `type "${type}" is not a relationship type`,
          `use one of ${REL_TYPES.join(', ')}${didYouMean(type, REL_TYPES)}`,
        );
        ok = false;
      } else if (type === 'RELATED_TO') {
        // An untyped link says nothing an analyst can check; it exists for imported graphs only.
        report.add(
          file.path,
          label,
          id,
          'type "RELATED_TO" is for imported graphs only',
          'name the relation with a specific type (MITIGATES, ENABLES, PART_OF, …)',
        );
        ok = false;
      }
      const endpoints: Array<['source' | 'target', string]> = [
        ['source', entry.source],
        ['target', entry.target],
      ];
      for (const [end, ref] of endpoints) {
        if (!known.has(ref)) {
          report.add(
            file.path,
            label,
            id,
            `${end} "${ref}" does not exist`,
            `use one of the node ids in ${nodeGlob}${didYouMean(ref, known.keys())}`,
          );
          ok = false;
        }
      }
      if (entry.source === entry.target) {
        report.add(file.path, label, id, 'links a node to itself', 'point source and target at two different nodes');
        ok = false;
      }
      const previous = relationshipFileOf.get(id);
      if (previous !== undefined) {
        report.add(
          file.path,
          label,
          id,
          `duplicate id "${id}" (the same link is already listed in ${previous})`,
          'remove one of the two entries, or merge their citations',
        );
        ok = false;
      }
      relationshipFileOf.set(id, file.path);
      if (ok && isRelType(type)) {
        const from = known.get(entry.source)!.kind;
        const to = known.get(entry.target)!.kind;
        const info = REL_TYPE_INFO[type];
        if (from !== undefined && to !== undefined && !(info.from.includes(from) && info.to.includes(to))) {
          const alternatives = REL_TYPES.filter((t) => REL_TYPE_INFO[t].from.includes(from) && REL_TYPE_INFO[t].to.includes(to));
          const hint =
            alternatives.length > 0
              ? `; types allowed from ${from} to ${to}: ${alternatives.join(', ')}`
              : `; no type links ${from} to ${to}`;
          report.add(
            file.path,
            label,
            id,
            `${type} may not link ${from} → ${to}`,
            `${type} goes from ${info.from.join('|')} to ${info.to.join('|')}${hint}`,
          );
          ok = false;
        }
      }
      checkProvenance(ctx, file.path, label, id, entry);
      if (!ok || !isRelType(type)) return;
      const rel: Relationship = {
        id: relationshipId(entry.source, type, entry.target),
        type,
        source: entry.source,
        target: entry.target,
        evidence: entry.evidence,
        citations: toCitations(entry.citations),
      };
      if (entry.rationale !== undefined) rel.rationale = entry.rationale;
      if (entry.rationale_zh !== undefined) rel.rationale_zh = entry.rationale_zh;
      relationships.push(rel);
    });
  }

  if (report.errors.length > 0) return { errors: report.errors };
  return { dataset: { documents, passages: [...ctx.passages.values()], nodes, relationships } };
}

/** Formats validation errors as one block of text, one problem per line. */
export function formatErrors(errors: DatasetError[]): string {
  return errors.map((e) => `  - ${e.message}`).join('\n');
}
