/**
 * ui/Citation — quoted sentences shown inside their paragraph, the quotes
 * marked, so the reader sees what the article says around them.
 */
import type { CitationDTO } from '../../../graph/contracts';
import type { Evidence } from '../../../graph/model';
import { parsePassageId } from '../../../graph/passages';
import { evidenceName, pick } from '../i18n/dictionary';
import { citedParagraphs } from './cited-paragraphs';
import { useExplorer, useI18n } from './context';
import { MarkedText } from './MarkedText';

/** Citations gathered by paragraph: each paragraph once with all its quotes marked, unplaceable quotes bare. */
export function Citations({ citations }: { citations: readonly CitationDTO[] }) {
  const explorer = useExplorer();
  const { lang, t } = useI18n();
  // A source named by its title where the graph holds it; a paragraph by its number (the ids stay in the tooltip).
  const documentName = (id: string) => explorer.store.nameOf(id, lang) ?? id;
  const place = (label: string) => {
    const parsed = parsePassageId(label);
    return parsed ? t(parsed.sentence ? 'sentenceN' : 'paragraphN', { paragraph: parsed.paragraph, sentence: parsed.sentence }) : label;
  };
  return (
    <>
      {citedParagraphs(citations).map((entry) => (
        <figure class="citation" key={entry.key} data-quotes={entry.placed ? entry.quotes : 1} data-paragraph={entry.label}>
          {entry.placed ? (
            <blockquote lang={entry.lang} class="paragraph">
              <MarkedText runs={entry.runs} />
            </blockquote>
          ) : (
            <blockquote lang={entry.lang}>
              <mark>{entry.quote}</mark>
              {entry.hasParagraph && <p class="muted small">{t('quoteUnplaced')}</p>}
            </blockquote>
          )}
          <figcaption class="muted small" title={entry.document ? `${entry.document} · ${entry.label}` : entry.label}>
            {entry.document ? `${documentName(entry.document)} · ` : ''}
            {place(entry.label)}
            {entry.placed && entry.document && (
              <>
                {' · '}
                <button
                  type="button"
                  class="link read-in-context"
                  onClick={() => explorer.readSource(entry.document!, { at: entry.label })}
                >
                  {t('readInContext')}
                </button>
              </>
            )}
          </figcaption>
        </figure>
      ))}
    </>
  );
}

/** The evidence status as a badge, with the rationale of an inference in the interface's language (English where no Chinese is stored). */
export function EvidenceBadge({
  evidence,
  rationale: en,
  rationaleZh: zh,
}: {
  evidence: Evidence;
  rationale?: string | undefined;
  rationaleZh?: string | undefined;
}) {
  const { lang, t } = useI18n();
  const rationale = pick({ zh: zh ?? '', en: en ?? '' }, lang);
  return (
    <span class="evidence">
      <span class={`badge badge-${evidence}`}>{evidenceName(evidence, lang)}</span>
      {evidence === 'inferred' && rationale && (
        <span class="rationale">
          {' '}
          <span class="muted">
            {t('rationale')}
            {t('colon')}
          </span>
          {rationale}
        </span>
      )}
    </span>
  );
}
