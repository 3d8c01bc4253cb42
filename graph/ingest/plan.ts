/**
 * graph/ingest/plan — what ingesting one document writes, computed without a database.
 *
 * Pure and deterministic: the same text and dictionary always give the same
 * passages, mentions, co-occurrences and candidates, which is what lets a
 * re-ingest of an unchanged document change nothing and a removal take away
 * exactly what was added.
 */
import type { Passage } from '../model';
import { splitPassages } from '../passages';
import { type Candidate, findCandidates } from './candidates';
import { type CoOccurrence, cooccurrences } from './cooccurrence';
import { type Dictionary, findMentions } from './matcher';
import { type DocumentLanguage, documentId, documentNamespace, passageKey } from './model';

export interface DocumentInput {
  slug: string;
  title: string;
  language: DocumentLanguage;
  text: string;
}

export interface PlannedMention {
  /** The sentence passage that mentions the entity. */
  passage: string;
  entity: string;
  /** Offsets in the sentence passage's text. */
  start: number;
  end: number;
  /** The exact surface: `passage.text.slice(start, end)`. */
  text: string;
}

export interface DocumentStats {
  paragraphs: number;
  sentences: number;
  mentions: number;
  entities: number;
  cooccurrences: number;
  candidates: number;
}

export interface DocumentPlan {
  id: string;
  ns: string;
  key: string;
  slug: string;
  title: string;
  language: DocumentLanguage;
  /** The text as stored: its non-empty lines, trimmed, joined by newlines. */
  text: string;
  passages: Passage[];
  mentions: PlannedMention[];
  cooccurrences: CoOccurrence[];
  candidates: Candidate[];
  stats: DocumentStats;
}

export interface PlanOptions {
  /** Folded candidate keys the analyst dismissed. */
  dismissed?: Iterable<string>;
  candidateLimit?: number;
}

/** The canonical form of a text: lines trimmed, empty lines dropped, CRLF/CR → LF. */
export function canonicalText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

export function planDocument(input: DocumentInput, dictionary: Dictionary, options: PlanOptions = {}): DocumentPlan {
  const id = documentId(input.slug);
  const key = passageKey(input.slug);
  const text = canonicalText(input.text);
  const passages = splitPassages(id, key, text);
  const sentences = passages.filter((p) => p.sentence > 0);
  const mentions: PlannedMention[] = [];
  const perSentence: Array<{ passage: string; entities: string[] }> = [];
  const masked = new Map<string, Array<{ start: number; end: number }>>();
  for (const s of sentences) {
    const found = findMentions(dictionary, s.text);
    for (const m of found) mentions.push({ passage: s.id, entity: m.entity, start: m.start, end: m.end, text: m.surface });
    perSentence.push({ passage: s.id, entities: found.map((m) => m.entity) });
    masked.set(s.id, found);
  }
  const pairs = cooccurrences(perSentence);
  const candidates = findCandidates(
    sentences.map((s) => ({ id: s.id, text: s.text, masked: masked.get(s.id) ?? [] })),
    {
      known: (k) => dictionary.keys.has(k),
      dismissed: new Set(options.dismissed ?? []),
      language: input.language,
      limit: options.candidateLimit ?? 200,
      examples: 3,
    },
  );
  return {
    id,
    ns: documentNamespace(input.slug),
    key,
    slug: input.slug,
    title: input.title,
    language: input.language,
    text,
    passages,
    mentions,
    cooccurrences: pairs,
    candidates,
    stats: {
      paragraphs: passages.length - sentences.length,
      sentences: sentences.length,
      mentions: mentions.length,
      entities: new Set(mentions.map((m) => m.entity)).size,
      cooccurrences: pairs.length,
      candidates: candidates.length,
    },
  };
}
