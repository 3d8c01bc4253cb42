/**
 * ui/MarkedText — runs of text (ui/marked-text) as plain text and <mark>: quotes in a paragraph, mentions
 * in a sentence.
 */
import type { TextRun } from './marked-text';

/** The runs in order, the marked ones inside <mark> (of class `markClass` when given). */
export function MarkedText({ runs, markClass }: { runs: readonly TextRun[]; markClass?: string }) {
  return (
    <>
      {runs.map((run, i) =>
        run.marked ? (
          <mark key={i} class={markClass}>
            {run.text}
          </mark>
        ) : (
          run.text
        ),
      )}
    </>
  );
}
