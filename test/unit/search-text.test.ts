/**
 * graph/search-text — stored names and asked queries fold the same way, and
 * a match cannot span two names.
 */
import { describe, expect, it } from 'vitest';
import { toNodeRow } from '../../graph/records';
import { normalizeQuery, searchText } from '../../graph/search-text';

describe('searchText', () => {
  it('folds width, case and spacing like a query, one name per tab-separated field', () => {
    const text = searchText(['幻觉问题', 'Hallucination', 'ＲＡＧ  Pipeline', null, '', 'hallucination']);
    expect(text.split('\t')).toEqual(['幻觉问题', 'hallucination', 'rag pipeline']);
    for (const q of ['幻', 'ＨＡＬＬＵ', 'rag   pipe']) expect(text).toContain(normalizeQuery(q));
  });

  it('never matches across two names', () => {
    const text = searchText(['federated learning', 'privacy']);
    // "learning privacy" would match if names were joined by a space.
    expect(text).not.toContain(normalizeQuery('learning privacy'));
    expect(normalizeQuery('a\tb')).toBe('a b');
    // ASCII skips NFKC: it must fold exactly as NFKC would, for every ASCII character.
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    expect(normalizeQuery(ascii)).toBe(ascii.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim());
    expect(normalizeQuery('ＲＡＧ ﬁne-tuning')).toBe('rag fine-tuning');
  });

  it('is what the loaders store for every entity', () => {
    const row = toNodeRow(
      {
        id: 'technology:x',
        kind: 'Technology',
        name_zh: '联邦学习',
        name_en: 'Federated Learning',
        aliases_zh: [],
        aliases_en: ['FL'],
        description_zh: '',
        description_en: '',
        evidence: 'stated',
        citations: [],
      },
      'curated',
    );
    expect(row.props.search_text).toBe('联邦学习\tfederated learning\tfl');
  });
});
