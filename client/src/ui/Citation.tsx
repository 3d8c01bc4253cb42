/**
 * ui/Citation — a quoted sentence shown inside its paragraph, the quote
 * marked, so the reader sees what the article says around it.
 */
import type { CitationDTO } from '../../../graph/contracts';
import type { Evidence } from '../../../graph/model';
import { evidenceName } from '../i18n/dictionary';
import { useI18n } from './context';

/** Splits a paragraph around the quote's span; null when the span is unusable. */
export function splitQuote(c: CitationDTO): [string, string, string] | null {
  const p = c.paragraph;
  if (!p || c.start === undefined || c.end === undefined || c.start < 0 || c.end > p.length || c.end <= c.start) return null;
  return [p.slice(0, c.start), p.slice(c.start, c.end), p.slice(c.end)];
}

/** One citation: paragraph with the quote highlighted, or the bare quote when it cannot be placed. */
export function Citation({ citation }: { citation: CitationDTO }) {
  const { t } = useI18n();
  const parts = splitQuote(citation);
  return (
    <figure class="citation">
      {parts ? (
        <blockquote lang="zh" class="paragraph">
          {parts[0]}
          <mark>{parts[1]}</mark>
          {parts[2]}
        </blockquote>
      ) : (
        <blockquote lang="zh">
          <mark>{citation.quote}</mark>
          {citation.paragraph && <p class="muted small">{t('quoteUnplaced')}</p>}
        </blockquote>
      )}
      <figcaption class="muted small">
        {citation.document ? `${citation.document} · ` : ''}
        {citation.paragraphId ?? citation.passage}
      </figcaption>
    </figure>
  );
}

/** The evidence status as a badge, with the rationale of an inference. */
export function EvidenceBadge({ evidence, rationale }: { evidence: Evidence; rationale?: string | undefined }) {
  const { lang, t } = useI18n();
  return (
    <span class="evidence">
      <span class={`badge badge-${evidence}`}>{evidenceName(evidence, lang)}</span>
      {evidence === 'inferred' && rationale && (
        <span class="rationale">
          {' '}
          <span class="muted">{t('rationale')}:</span> {rationale}
        </span>
      )}
    </span>
  );
}
