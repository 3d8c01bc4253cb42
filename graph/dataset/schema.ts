/**
 * graph/dataset/schema — the shape of the curated YAML files under graph/data.
 *
 * Three file shapes exist: `documents.yaml` ({documents: [...]}), one file per
 * node kind under `nodes/` ({kind, nodes: [...]}) and `relationships.yaml`
 * ({relationships: [...]}). The schemas check structure only; cross-file
 * rules (ids, references, kinds, quotes) live in validate.ts, where they can
 * be reported with a fix. Kinds and relationship types are plain strings
 * here for the same reason: an unknown value deserves a better message than
 * a schema mismatch.
 */

import { z } from 'zod';
import { EVIDENCE } from '../model';

/** `llm10`: the prefix of every passage id of one document. */
export const DOCUMENT_KEY = /^[a-z0-9][a-z0-9-]*$/;

/** The part of a node id after the kind prefix: `rag`, `gpt-3`, `llama-3-8b`. */
export const ID_SLUG = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** One citation: a passage id and a quote copied verbatim from that passage. */
export const CitationSchema = z.strictObject({
  passage: z.string().min(1),
  quote: z.string().min(1),
});

/**
 * Provenance fields shared by nodes and relationships. `citations` is
 * optional here so that its absence is reported as missing provenance by
 * the validator rather than as a type error.
 */
const provenanceFields = {
  evidence: z.enum(EVIDENCE),
  rationale: z.string().min(1).optional(),
  rationale_zh: z.string().min(1).optional(),
  citations: z.array(CitationSchema).optional(),
};

/** The quantitative figure a Claim carries. */
export const FigureSchema = z.strictObject({
  value: z.number(),
  unit: z.string().min(1),
  year: z.number().int().optional(),
  /** Id of the Organization or Publication that states the figure. */
  source: z.string().min(1).optional(),
});

/** A source document: the text whose sentences are cited. */
export const DocumentEntrySchema = z.strictObject({
  id: z.string().min(1),
  key: z.string().regex(DOCUMENT_KEY, 'must be lower-case letters, digits and hyphens, e.g. llm10'),
  title: z.string().min(1),
  author: z.string().min(1).optional(),
  publisher: z.string().min(1).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .optional(),
  language: z.enum(['zh', 'en']),
  /** Project-relative path of the copy of the text. */
  path: z.string().min(1),
});

export const DocumentsFileSchema = z.strictObject({
  documents: z.array(z.unknown()),
});

/** One node entry; its kind comes from the file it is in. */
export const NodeEntrySchema = z.strictObject({
  id: z.string().min(1),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  aliases_zh: z.array(z.string().min(1)).default([]),
  aliases_en: z.array(z.string().min(1)).default([]),
  description_zh: z.string().min(1),
  description_en: z.string().min(1),
  ...provenanceFields,
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  figure: FigureSchema.optional(),
});

export const NodesFileSchema = z.strictObject({
  kind: z.string().min(1),
  nodes: z.array(z.unknown()),
});

/** One relationship entry; its id is derived from source, type and target. */
export const RelationshipEntrySchema = z.strictObject({
  type: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  ...provenanceFields,
});

export const RelationshipsFileSchema = z.strictObject({
  relationships: z.array(z.unknown()),
});

export type CitationEntry = z.infer<typeof CitationSchema>;
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;
export type NodeEntry = z.infer<typeof NodeEntrySchema>;
export type RelationshipEntry = z.infer<typeof RelationshipEntrySchema>;
