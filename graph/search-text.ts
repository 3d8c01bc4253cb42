/**
 * graph/search-text — how names are folded for substring search, on both sides.
 *
 * The full-text index (cjk bigrams) cannot find one Chinese character or a
 * fragment inside a word, so every entity also stores `search_text`: its
 * names and aliases folded the way a query is folded, tab-separated, under a
 * TEXT index that answers CONTAINS without reading every node. Writers and
 * the search service share these two functions so stored and asked text match.
 */

// NFKC leaves every ASCII character as it is, and most names are ASCII; search ranks each candidate's
// names on every request, where NFKC was the service's largest own cost in a profile.
const ASCII = /^\p{ASCII}*$/u;

/** Full-width to half-width, case and spacing folded: how names are compared. */
export function normalizeQuery(q: string): string {
  return (ASCII.test(q) ? q : q.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The stored substring-search text of an entity: each name and alias folded
 * with `normalizeQuery`, separated by tabs. A folded query never holds a tab
 * (whitespace folds to one space), so a match never spans two names.
 */
export function searchText(names: readonly (string | null | undefined)[]): string {
  const folded = new Set<string>();
  for (const name of names) {
    const n = name ? normalizeQuery(name) : '';
    if (n) folded.add(n);
  }
  return [...folded].join('\t');
}
