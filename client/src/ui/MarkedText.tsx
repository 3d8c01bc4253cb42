/**
 * ui/MarkedText — runs of text (ui/marked-text) as plain text and <mark>: quotes in a paragraph, mentions
 * in a sentence.
 */
import type { TextRun } from './marked-text';

/** The runs in order, the marked ones inside <mark>. */
export function MarkedText({ runs }: { runs: readonly TextRun[] }) {
  return <>{runs.map((run, i) => (run.marked ? <mark key={i}>{run.text}</mark> : run.text))}</>;
}
