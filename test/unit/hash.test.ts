/**
 * graph/hash: FNV-1a matches the published 32-bit test vectors (layouts,
 * placements and term tags depend on it never changing).
 */
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../graph/hash';
import { shortHash } from '../../graph/ingest/model';

describe('fnv1a', () => {
  it('gives the reference values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('is unsigned and stable for Chinese text, and shortHash is its base-36 form', () => {
    const h = fnv1a('联邦学习');
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
    expect(shortHash('联邦学习')).toBe(h.toString(36));
  });
});
