/**
 * How deep search reads the full-text index: deeper only when the index gave
 * all it was asked for and the namespace and kind filter kept too few.
 */
import { describe, expect, it } from 'vitest';
import { FULLTEXT_DEPTH_MAX, nextFulltextDepth, searchCandidates } from '../../server/services/search';

describe('nextFulltextDepth', () => {
  it('stops when the filter kept enough candidates', () => {
    expect(nextFulltextDepth(50, 50, 50, 50)).toBeNull();
  });

  it('stops when the index ran out of matches before the depth asked for', () => {
    expect(nextFulltextDepth(3, 49, 50, 50)).toBeNull();
    expect(nextFulltextDepth(0, 0, 50, 50)).toBeNull();
  });

  it('reads eight times deeper while other namespaces or kinds crowd the read, up to the cap', () => {
    expect(nextFulltextDepth(10, 50, 50, 50)).toBe(400);
    expect(nextFulltextDepth(10, 400, 400, 50)).toBe(3200);
    expect(nextFulltextDepth(10, 3200, 3200, 50)).toBe(FULLTEXT_DEPTH_MAX);
    expect(nextFulltextDepth(10, FULLTEXT_DEPTH_MAX, FULLTEXT_DEPTH_MAX, 50)).toBeNull();
  });

  it('ranks five candidates per hit asked for, at most 200', () => {
    expect(searchCandidates(10)).toBe(50);
    expect(searchCandidates(100)).toBe(200);
  });
});
