/**
 * The Lucene query search sends to the full-text index: user terms asked of the name properties only,
 * escaped, and the namespaces and kinds kept inside the index when they can be named to it.
 */
import { describe, expect, it } from 'vitest';
import { scopeClause, toLuceneQuery } from '../../server/services/search';

describe('toLuceneQuery', () => {
  it('asks every term of the names only, never of the indexed namespace', () => {
    expect(toLuceneQuery('rag')).toBe('+(name_zh:(rag^4 OR rag*) OR name_en:(rag^4 OR rag*) OR aliases_text:(rag^4 OR rag*))');
    expect(toLuceneQuery('幻觉')).toBe('(name_zh:"幻觉" OR name_en:"幻觉" OR aliases_text:"幻觉")');
    expect(toLuceneQuery('learning')).toContain('name_en:(learning^4 OR learning*^2 OR learning~1)');
    expect(toLuceneQuery('curated')).not.toMatch(/(^|[^_])ns:/);
  });

  it('makes the user terms one required group beside the namespace clause', () => {
    // A Chinese phrase is optional on its own; with a required clause beside it, it must stay required.
    expect(toLuceneQuery('幻觉', ['curated'])).toBe('+((name_zh:"幻觉" OR name_en:"幻觉" OR aliases_text:"幻觉")) +(ns:"curated"^0)');
    expect(toLuceneQuery('rag 幻觉', ['curated', 'doc:my-article'])).toMatch(
      /^\+\(\+\(name_zh:.*\) \+\(ns:"curated"\^0 OR ns:"doc:my-article"\^0\)$/,
    );
  });

  it('escapes what the user typed, and gives nothing to ask when nothing is left', () => {
    expect(toLuceneQuery('c++ (rag)')).not.toMatch(/[^\\]\+\+|\(rag\)/);
    expect(toLuceneQuery('!!!', ['curated'])).toBe('');
    expect(toLuceneQuery('能', ['curated'])).toBe('');
  });
});

describe('scopeClause', () => {
  it('asks for the namespaces and the kinds, scored 0', () => {
    expect(scopeClause(['curated'], ['Technology', 'Organization'])).toBe(
      '+(ns:"curated"^0) +(kind:"Technology"^0 OR kind:"Organization"^0)',
    );
    expect(scopeClause(['curated'], null)).toBe('+(ns:"curated"^0)');
    expect(toLuceneQuery('rag', ['curated'], ['Technology'])).toMatch(
      /^\+\(\+\(name_zh:.*\)\) \+\(ns:"curated"\^0\) \+\(kind:"Technology"\^0\)$/,
    );
  });

  it('leaves the filter to the statement when a namespace analyses to nothing but stop words', () => {
    expect(scopeClause(['the'])).toBe('');
    expect(scopeClause(['curated', 'no-s'])).toBe('');
    expect(scopeClause(['the'], ['Technology'])).toBe('+(kind:"Technology"^0)');
    expect(scopeClause([])).toBe('');
    expect(scopeClause(['the-report'])).toBe('+(ns:"the-report"^0)');
  });
});
