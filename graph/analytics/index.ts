/**
 * graph/analytics — metrics, communities and similarity on a graphology graph (framework-free).
 */
export * from './build';
export * from './centrality';
export * from './communities';
export * from './contracts';
export * from './metric';
export * from './random';
export * from './rank';
export * from './similarity';
