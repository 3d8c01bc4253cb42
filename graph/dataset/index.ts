/**
 * graph/dataset — the pure, browser-safe part of the dataset tooling.
 *
 * load.ts (which reads files) is deliberately not re-exported; Node callers
 * import it directly from './load'.
 */

export * from './schema';
export * from './validate';
export { findQuote, paragraphId, parsePassageId, sentenceId, splitPassages, splitSentences } from '../passages';
