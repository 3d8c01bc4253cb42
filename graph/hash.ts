/**
 * graph/hash — FNV-1a, the one string hash of the project.
 *
 * Stable across runs, machines and the browser: seeded layouts, node
 * placement and the tags of ingested terms depend on it not changing.
 */

/** 32-bit FNV-1a of the UTF-16 code units of `text`, as an unsigned integer. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
