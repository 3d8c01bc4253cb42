/**
 * ui/mentioned-sentences — what an ingest found, one entry per sentence: the sentence once with every
 * mention in it marked, and the entities it names. A sentence naming three entities used to be shown
 * three times, one mention marked in each copy.
 */
import type { MentionDTO } from '../../../graph/ingest/contracts';
import type { DocumentLanguage } from '../../../graph/ingest/model';
import { textLanguage } from '../../../graph/ingest/normalize';
import { markRuns, type TextRun } from './marked-text';

/** One sentence of a document with the entities it mentions. */
export interface MentionedSentence {
  passage: string;
  /** The language the sentence is written in. */
  lang: DocumentLanguage;
  runs: TextRun[];
  /** Each entity once, in the order of its first mention in the sentence. */
  entities: MentionDTO['entity'][];
}

/** Mentions grouped by sentence, sentences in their order of first appearance. */
export function mentionedSentences(mentions: readonly MentionDTO[]): MentionedSentence[] {
  const bySentence = new Map<string, MentionDTO[]>();
  for (const m of mentions) {
    const list = bySentence.get(m.passage);
    if (list) list.push(m);
    else bySentence.set(m.passage, [m]);
  }
  return [...bySentence].map(([passage, list]) => {
    const ordered = [...list].sort((a, b) => a.start - b.start);
    const entities = new Map(ordered.map((m) => [m.entity.id, m.entity]));
    return {
      passage,
      lang: textLanguage(list[0]!.sentence),
      runs: markRuns(
        list[0]!.sentence,
        ordered.map((m) => [m.start, m.end] as const),
      ),
      entities: [...entities.values()],
    };
  });
}
