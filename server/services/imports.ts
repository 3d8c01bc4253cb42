/**
 * server/services/imports — brings a GEXF or GraphML file into a namespace of its own.
 *
 * The XML is parsed strictly first (any well-formedness error is the user's
 * to fix, with the line), then by graphology's own parsers; the rows go to
 * Neo4j in one transaction, so a bad file leaves nothing behind.
 */
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { IMPORT_NAME, importNamespace, importRows } from '../../graph/imports';
import { ValidationError } from '../errors';
import type { ImportRepository } from '../repositories/import-repository';
import type { SeedRepository } from '../repositories/seed-repository';

export type ImportFormat = 'gexf' | 'graphml';

const MAX_NODES = 50_000;

function strictXml(content: string, owner: string): Document {
  const problems: string[] = [];
  const parser = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (msg: string) => problems.push(msg),
      fatalError: (msg: string) => problems.push(msg),
    },
  });
  let doc: Document | undefined;
  try {
    doc = parser.parseFromString(content, 'text/xml') as unknown as Document;
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  if (problems.length > 0 || !doc?.documentElement) {
    throw new ValidationError(
      `${owner}: the file is not well-formed XML — ${(problems[0] ?? 'no root element').split('\n')[0]?.slice(0, 300)}. Fix the file or export it again.`,
      {
        field: 'content',
      },
    );
  }
  return doc;
}

export class ImportService {
  constructor(
    private readonly repo: ImportRepository,
    private readonly seed: SeedRepository,
  ) {}

  parse(format: ImportFormat, content: string): Graph {
    const doc = strictXml(content, 'imports');
    const root = doc.documentElement.nodeName.toLowerCase();
    if (root !== format) {
      throw new ValidationError(
        `imports: the file's root element is <${root}>, not <${format}> — set format to the file's real format (gexf or graphml).`,
        { field: 'format' },
      );
    }
    try {
      const graph =
        format === 'gexf'
          ? parseGexf(Graph, doc, { addMissingNodes: false, allowUndeclaredAttributes: true })
          : parseGraphml(Graph, doc, { addMissingNodes: false });
      return graph;
    } catch (err) {
      throw new ValidationError(
        `imports: the ${format.toUpperCase()} file could not be read — ${err instanceof Error ? err.message.slice(0, 300) : String(err)}. Fix the file or export it again.`,
        {
          field: 'content',
        },
      );
    }
  }

  async import(name: string, format: ImportFormat, content: string, file: string) {
    if (!IMPORT_NAME.test(name))
      throw new ValidationError('imports: name must be lower-case letters, digits and hyphens (at most 41), e.g. gephi-sample.', {
        field: 'name',
      });
    const graph = this.parse(format, content);
    if (graph.order === 0) throw new ValidationError('imports: the file has no nodes — there is nothing to import.', { field: 'content' });
    if (graph.order > MAX_NODES)
      throw new ValidationError(`imports: the file has ${graph.order} nodes; at most ${MAX_NODES} can be imported at once.`, {
        field: 'content',
      });
    const rows = importRows(graph, name, file);
    const written = await this.repo.write(rows);
    return { namespace: rows.ns, ...written };
  }

  list() {
    return this.repo.namespaces();
  }

  async remove(name: string): Promise<{ namespace: string; deleted: { nodes: number; relationships: number } }> {
    if (!IMPORT_NAME.test(name))
      throw new ValidationError('imports: name must be lower-case letters, digits and hyphens.', { field: 'name' });
    const ns = importNamespace(name);
    const before = await this.seed.countNamespace(ns);
    if (before.nodes === 0)
      throw new ValidationError(`imports: there is no import named "${name}" — GET /api/imports lists them.`, { field: 'name' });
    await this.seed.resetNamespace(ns);
    return { namespace: ns, deleted: before };
  }
}
