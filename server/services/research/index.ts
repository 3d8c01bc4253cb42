/**
 * server/services/research — analytics, documents, notes, saved views and reports, wired together.
 */
import type { Config } from '../../config';
import type { CypherRegistry } from '../../db/cypher';
import type { Database } from '../../db/database';
import { DocumentRepository } from '../../repositories/document-repository';
import type { GraphRepository } from '../../repositories/graph-repository';
import { NoteRepository } from '../../repositories/note-repository';
import { ViewRepository } from '../../repositories/view-repository';
import { GraphViewService } from '../graph-view';
import { PathService } from '../paths';
import { AnalyticsService } from './analytics';
import { DocumentService } from './documents';
import { NoteService } from './notes';
import { ReportService } from './reports';
import { ViewService } from './views';

export interface ResearchServices {
  analytics: AnalyticsService;
  documents: DocumentService;
  notes: NoteService;
  views: ViewService;
  reports: ReportService;
}

export function createResearchServices(db: Database, cypher: CypherRegistry, config: Config, graph: GraphRepository): ResearchServices {
  const documentRepo = new DocumentRepository(db, cypher);
  const viewRepo = new ViewRepository(db, cypher);
  const paths = new PathService(graph, config.QUERY_TIMEOUT_MS);
  const analytics = new AnalyticsService(new GraphViewService(graph), paths, graph, documentRepo);
  const documents = new DocumentService(documentRepo, graph, () => analytics.invalidate());
  const notes = new NoteService(new NoteRepository(db, cypher), graph, viewRepo);
  const views = new ViewService(viewRepo);
  const reports = new ReportService(graph, documentRepo, paths, notes, views);
  return { analytics, documents, notes, views, reports };
}
