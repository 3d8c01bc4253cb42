/**
 * graph/analytics/metric — the calling convention every metric follows (graphology's).
 *
 * `metric(graph, options)` returns a mapping from node to value and leaves
 * the graph alone; `metric.assign(graph, options)` writes the values as a
 * node attribute (named by `options.attribute`). Options merge over the
 * metric's defaults, which are exposed as `metric.defaults`.
 */
import type { AbstractGraph } from 'graphology-types';

export type NodeMapping = Record<string, number>;

export interface MetricOptions {
  /** Node attribute that `assign` writes. */
  attribute: string;
}

export interface Metric<O extends MetricOptions> {
  (graph: AbstractGraph, options?: Partial<O>): NodeMapping;
  assign(graph: AbstractGraph, options?: Partial<O>): void;
  readonly defaults: Readonly<O>;
}

/** `{...defaults, ...options}`, except that an option given as `undefined` keeps its default. */
export function mergeOptions<O extends object>(defaults: O, options: Partial<O> | undefined): O {
  const out = { ...defaults };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Wraps a computation into a metric with `assign` and `defaults`. */
export function defineMetric<O extends MetricOptions>(defaults: O, compute: (graph: AbstractGraph, options: O) => NodeMapping): Metric<O> {
  const frozen = Object.freeze({ ...defaults });
  const metric = (graph: AbstractGraph, options?: Partial<O>): NodeMapping => compute(graph, mergeOptions(frozen as O, options));
  const assign = (graph: AbstractGraph, options?: Partial<O>): void => {
    const merged = mergeOptions(frozen as O, options);
    const values = compute(graph, merged);
    graph.forEachNode((node) => graph.setNodeAttribute(node, merged.attribute, values[node] ?? 0));
  };
  return Object.assign(metric, { assign, defaults: frozen });
}
