/**
 * server/services — wires repositories into the services the routes call.
 */
import type { SubgraphDTO } from '../../graph/contracts';
import type { Config } from '../config';
import type { CypherRegistry } from '../db/cypher';
import type { Database } from '../db/database';
import { ConsoleRepository } from '../repositories/console-repository';
import { GraphRepository } from '../repositories/graph-repository';
import { ImportRepository } from '../repositories/import-repository';
import { SeedRepository } from '../repositories/seed-repository';
import { ConsoleService } from './console';
import { type ExportFile, type ExportFormat, exportSubgraph } from './export';
import { GraphViewService } from './graph-view';
import { HealthService } from './health';
import { ImportService } from './imports';
import { NeighborService } from './neighbors';
import { NodeService } from './nodes';
import { PathService } from './paths';
import type { AnalyticsService } from './research/analytics';
import type { DocumentService } from './research/documents';
import { createResearchServices } from './research';
import type { NoteService } from './research/notes';
import type { ReportService } from './research/reports';
import type { ViewService } from './research/views';
import { SchemaService } from './schema';
import { SearchService } from './search';
import { SourceTextService } from './source-text';
import { TemplateService } from './templates';

export interface Services {
  health: HealthService;
  schema: SchemaService;
  search: SearchService;
  nodes: NodeService;
  sourceText: SourceTextService;
  neighbors: NeighborService;
  paths: PathService;
  graphView: GraphViewService;
  console: ConsoleService;
  templates: TemplateService;
  exporter: (sub: SubgraphDTO, format: ExportFormat, basename: string, part?: 'nodes' | 'edges') => ExportFile;
  layout: (rows: { id: string; x: number; y: number }[]) => Promise<number>;
  imports: ImportService;
  seedRepository: SeedRepository;
  graphRepository: GraphRepository;
  analytics: AnalyticsService;
  documents: DocumentService;
  notes: NoteService;
  views: ViewService;
  reports: ReportService;
}

export function createServices(db: Database, cypher: CypherRegistry, config: Config): Services {
  const graph = new GraphRepository(db, cypher);
  const seed = new SeedRepository(db, cypher);
  const consoleService = new ConsoleService(new ConsoleRepository(db), {
    rowCap: config.CYPHER_ROW_CAP,
    timeoutMs: config.QUERY_TIMEOUT_MS,
  });
  return {
    health: new HealthService(db),
    schema: new SchemaService(graph),
    search: new SearchService(graph),
    nodes: new NodeService(graph),
    sourceText: new SourceTextService(graph),
    neighbors: new NeighborService(graph),
    paths: new PathService(graph, config.QUERY_TIMEOUT_MS),
    graphView: new GraphViewService(graph),
    console: consoleService,
    templates: new TemplateService(cypher, consoleService),
    exporter: exportSubgraph,
    layout: (rows) => seed.savePositions(rows),
    imports: new ImportService(new ImportRepository(db, cypher), seed),
    seedRepository: seed,
    graphRepository: graph,
    ...createResearchServices(db, cypher, config, graph),
  };
}
