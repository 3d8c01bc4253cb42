/**
 * graph/ingest — reading a new document into the graph's document layer (framework-free).
 *
 * normalize → matcher (mentions) → cooccurrence → candidates, put together
 * by plan; the server writes a plan in one transaction (server/services/research/documents).
 */
export * from './candidates';
export * from './contracts';
export * from './cooccurrence';
export * from './markdown';
export * from './matcher';
export * from './model';
export * from './normalize';
export * from './phrases';
export * from './plan';
export * from './suggested-kind';
