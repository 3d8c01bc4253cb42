/**
 * graph/ingest/cooccurrence — which entities a document names in the same sentence, and how often.
 *
 * One pair per two distinct entities that share at least one sentence,
 * ordered by id (`source` < `target`), with the number of sentences they
 * share and those sentences' passage ids, in document order.
 */

export interface CoOccurrence {
  source: string;
  target: string;
  count: number;
  passages: string[];
}

export function cooccurrences(sentences: ReadonlyArray<{ passage: string; entities: readonly string[] }>): CoOccurrence[] {
  const pairs = new Map<string, CoOccurrence>();
  for (const s of sentences) {
    const ids = [...new Set(s.entities)].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}\u0000${ids[j]}`;
        const pair = pairs.get(key);
        if (pair) {
          pair.count++;
          pair.passages.push(s.passage);
        } else {
          pairs.set(key, { source: ids[i]!, target: ids[j]!, count: 1, passages: [s.passage] });
        }
      }
    }
  }
  return [...pairs.values()].sort((a, b) =>
    a.source !== b.source ? (a.source < b.source ? -1 : 1) : a.target < b.target ? -1 : a.target > b.target ? 1 : 0,
  );
}
