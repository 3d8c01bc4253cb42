/**
 * server/services/research/reports — a research report as Markdown or HTML.
 *
 * The report holds the selected nodes (or a saved view's selection) with
 * their descriptions, the relationships among them read as sentences, the
 * path (a saved path's hops, or the explained shortest paths), the notes on
 * all of these, an optional picture of the view (a PNG data URL, embedded),
 * and every quote as a numbered citation with its source.
 *
 * HTML is the Markdown rendered by `marked`, with raw HTML in notes shown as
 * text and links limited to http(s), mailto and in-page anchors, so a note
 * cannot smuggle script into a report. PDF is not offered: no well-kept
 * library renders Chinese text to PDF without a browser or bundled fonts.
 */
import { Marked, type Tokens } from 'marked';
import type { CitationDTO, GraphEdgeDTO, GraphNodeDTO } from '../../../graph/contracts';
import { type ExpandedPath, expandPaths } from '../../../graph/path-result';
import { type NoteDTO, type SavedViewStateDTO, pathTargetId } from '../../../graph/analytics/contracts';
import { type Bilingual, NODE_KIND_INFO, parseRelationshipId, REL_TYPE_INFO, type RelType } from '../../../graph/model';
import { relationshipSentence, verbArrow } from '../../../graph/sentences';
import { ValidationError } from '../../errors';
import type { DocumentRepository, SourceDocumentRecord } from '../../repositories/document-repository';
import type { GraphRepository } from '../../repositories/graph-repository';
import { resolveAll } from '../citations';
import { nodeNotFound } from '../nodes';
import { hopEdges, MAX_PATHS, type PathService } from '../paths';
import { ALL_TYPES } from '../scope';
import type { NoteService } from './notes';
import type { ViewService } from './views';

export const REPORT_FORMATS = ['markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type ReportLanguage = 'zh' | 'en' | 'both';

export interface ReportRequest {
  title?: string | undefined;
  format: ReportFormat;
  language: ReportLanguage;
  nodes?: string[] | undefined;
  path?:
    | {
        from: string;
        to: string;
        nodes?: string[] | undefined;
        mode?: 'shortest' | 'all' | 'k' | undefined;
        k?: number | undefined;
        maxHops?: number | undefined;
        types?: RelType[] | undefined;
        exclude?: string[] | undefined;
      }
    | undefined;
  viewId?: string | undefined;
  noteIds?: string[] | undefined;
  /** Include the notes attached to the report's nodes, relationships, path and view (default true). */
  includeNotes: boolean;
  /** `data:image/png;base64,…` — a picture of the view. */
  image?: string | undefined;
  author?: string | undefined;
}

export interface ReportFile {
  filename: string;
  contentType: string;
  body: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Selected nodes a report takes at most. */
export const MAX_REPORT_NODES = 200;
const MAX_NOTES = 500;

/** Escapes the characters Markdown would read as syntax in running text. */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Checks a PNG data URL: the prefix, base64 and the PNG signature. */
export function checkPngDataUrl(image: string): void {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(image);
  const bytes = m ? Buffer.from(m[1]!, 'base64') : null;
  if (!bytes || bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new ValidationError("reports: image must be a PNG data URL (data:image/png;base64,…), e.g. from the view's image export.", {
      field: 'image',
    });
  }
}

/**
 * Markdown with its headings moved `by` levels down (to level 6 at most): a note's `# heading` sits under
 * the note's own title (###) in a report instead of outranking the report's sections, in the Markdown and
 * in the HTML rendered from it. Setext headings (underlined) become `#` ones; headings in a quote are
 * demoted too; code blocks and everything else stay as written.
 */
export function demoteHeadings(markdown: string, by: number): string {
  return new Marked({ gfm: true })
    .lexer(markdown)
    .map((t) => {
      const trailing = /\n*$/.exec(t.raw)?.[0] ?? '';
      if (t.type === 'heading')
        // An underlined heading may span lines; an ATX heading is one line.
        return `${'#'.repeat(Math.min(6, (t as Tokens.Heading).depth + by))} ${(t as Tokens.Heading).text.replace(/\n/g, ' ')}${trailing}`;
      if (t.type === 'blockquote') {
        const inner = demoteHeadings((t as Tokens.Blockquote).text, by).replace(/\n+$/, '');
        return `${inner
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n')}${trailing || '\n'}`;
      }
      return t.raw;
    })
    .join('');
}

const SAFE_LINK = /^(https?:|mailto:|#)/i;
const SAFE_IMAGE = /^(https?:|data:image\/png;base64,)/i;

/** Markdown → HTML, with raw HTML shown as text and unsafe URLs dropped. */
function renderHtml(markdown: string, title: string, lang: string): string {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      link(token: Tokens.Link) {
        return SAFE_LINK.test(token.href) ? false : this.parser.parseInline(token.tokens);
      },
      image(token: Tokens.Image) {
        return SAFE_IMAGE.test(token.href) ? false : escapeHtml(token.text);
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>',
    'body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}',
    'blockquote{border-left:3px solid #ccc;margin:0.5rem 0;padding:0 1rem;color:#444}img{max-width:100%;border:1px solid #ddd}',
    'code{background:#f4f4f4;padding:0 0.2rem}h1,h2,h3{line-height:1.25}',
    '</style>',
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

class Citations {
  private readonly index = new Map<string, number>();
  readonly list: CitationDTO[] = [];

  /** The citation's number (the same quote in the same passage is cited once). */
  cite(c: CitationDTO): number {
    const key = `${c.passage}\u0000${c.quote}`;
    let n = this.index.get(key);
    if (n === undefined) {
      this.list.push(c);
      n = this.list.length;
      this.index.set(key, n);
    }
    return n;
  }

  marks(cs: readonly CitationDTO[]): string {
    return cs.map((c) => `[${this.cite(c)}]`).join('');
  }
}

interface PathSection {
  nodes: GraphNodeDTO[];
  hops: { sentence: Bilingual; type: RelType; evidence: string; citations: CitationDTO[] }[];
}

export class ReportService {
  constructor(
    private readonly graph: GraphRepository,
    private readonly documents: DocumentRepository,
    private readonly paths: PathService,
    private readonly notes: NoteService,
    private readonly views: ViewService,
  ) {}

  /** An inference's reason in the report's language; the English one where no Chinese is stored. */
  private rationale(lang: ReportLanguage, item: { rationale?: string; rationale_zh?: string }): string {
    if (!item.rationale && !item.rationale_zh) return '';
    return this.text(lang, { zh: item.rationale_zh ?? item.rationale ?? '', en: item.rationale ?? item.rationale_zh ?? '' });
  }

  private text(lang: ReportLanguage, b: Bilingual): string {
    if (lang === 'zh') return b.zh;
    if (lang === 'en') return b.en;
    return b.zh === b.en ? b.zh : `${b.zh} / ${b.en}`;
  }

  /** Punctuation around the report's own asides: full-width in a Chinese report, ASCII in the others. */
  private static marks(lang: ReportLanguage): { open: string; close: string; colon: string; comma: string } {
    return lang === 'zh' ? { open: '（', close: '）', colon: '：', comma: '，' } : { open: '(', close: ')', colon: ': ', comma: ', ' };
  }

  private label(lang: ReportLanguage, zh: string, en: string): string {
    return lang === 'zh' ? zh : lang === 'en' ? en : `${en} · ${zh}`;
  }

  /**
   * Words inside a sentence (a byline's "on", an aside): one language, or both joined by a slash, which
   * reads as one phrase where label's "·" would read as another field of the byline.
   */
  private phrase(lang: ReportLanguage, zh: string, en: string): string {
    return lang === 'zh' ? zh : lang === 'en' ? en : `${en} / ${zh}`;
  }

  /** A saved path's hops, from the relationships between consecutive nodes. */
  private async savedPath(nodeIds: string[]): Promise<PathSection> {
    const nodes = await this.graph.nodesByIds([...new Set(nodeIds)]);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const missing = nodeIds.find((id) => !byId.has(id));
    if (missing) throw nodeNotFound('reports', missing);
    const edges = await resolveAll(this.graph, await this.graph.edgesAmong([...byId.keys()], ALL_TYPES, 5000));
    const hops: PathSection['hops'] = hopEdges(
      nodeIds,
      edges,
      (u, v) =>
        new ValidationError(
          `reports: no relationship links "${u}" and "${v}" — the saved path no longer holds; find it again with /api/paths.`,
          {
            field: 'path.nodes',
          },
        ),
    ).map((edge) => ({
      sentence: relationshipSentence(edge.type, byId.get(edge.source)!, byId.get(edge.target)!),
      type: edge.type,
      evidence: edge.evidence,
      citations: edge.citations,
    }));
    return { nodes: nodeIds.map((id) => byId.get(id)!), hops };
  }

  private static fromPath(p: ExpandedPath): PathSection {
    return {
      nodes: p.nodes,
      hops: p.explanation.map((h) => ({ sentence: h.sentence, type: h.type, evidence: h.evidence, citations: h.citations })),
    };
  }

  async build(req: ReportRequest): Promise<ReportFile> {
    if (req.image) checkPngDataUrl(req.image);
    const lang = req.language;
    let state: SavedViewStateDTO | null = null;
    let viewName: string | null = null;
    if (req.viewId) {
      const view = await this.views.get(req.viewId);
      state = view.state;
      viewName = view.name;
    }
    const selection = req.nodes ?? [...(state?.selected ? [state.selected] : []), ...(state?.selection ?? [])];
    const nodeIds = [...new Set(selection)];
    if (nodeIds.length > MAX_REPORT_NODES) {
      throw new ValidationError(`reports: ${nodeIds.length} nodes selected — a report takes at most ${MAX_REPORT_NODES}.`, {
        field: 'nodes',
      });
    }
    const pathReq = req.path ?? (state?.path ? { ...state.path } : undefined);
    const noteIds = req.noteIds ?? [];
    if (nodeIds.length === 0 && !pathReq && noteIds.length === 0) {
      throw new ValidationError(
        'reports: nothing to report — send nodes, a path, noteIds, or the viewId of a saved view with a selection or path.',
        { field: 'nodes' },
      );
    }
    // A saved path's nodes are walked from `from` to `to`; nodes that start or end elsewhere are another path.
    if (pathReq?.nodes && pathReq.nodes.length >= 2) {
      const [first, last] = [pathReq.nodes[0]!, pathReq.nodes[pathReq.nodes.length - 1]!];
      if (first !== pathReq.from || last !== pathReq.to) {
        if (!req.path)
          throw new ValidationError(
            `reports: the saved view "${viewName ?? req.viewId}" holds a path whose nodes run from "${first}" to "${last}", not from "${pathReq.from}" to "${pathReq.to}" — save the view again from the explorer, or send the path with the report.`,
            { field: 'viewId' },
          );
        throw new ValidationError(
          `reports: path.nodes runs from "${first}" to "${last}", not from "${pathReq.from}" to "${pathReq.to}" — the first of path.nodes must be path.from and the last path.to (or leave nodes out to find the paths).`,
          { field: 'path.nodes' },
        );
      }
    }

    // Nodes and the relationships among them, with citations resolved.
    const found = await this.graph.nodesByIds(nodeIds);
    const missing = nodeIds.find((id) => !found.some((n) => n.id === id));
    if (missing) throw nodeNotFound('reports', missing);
    const order = new Map(nodeIds.map((id, i) => [id, i]));
    const nodes = (await resolveAll(this.graph, found)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const rels: GraphEdgeDTO[] =
      nodeIds.length > 1 ? await resolveAll(this.graph, await this.graph.edgesAmong(nodeIds, ALL_TYPES, 5000)) : [];

    // The path: saved hops, or explained paths.
    let pathSections: PathSection[] = [];
    let pathNote: string[] = [];
    let pathReason: Bilingual | undefined;
    let pathCapped = false;
    if (pathReq) {
      if (pathReq.nodes && pathReq.nodes.length >= 2) {
        pathSections = [await this.savedPath(pathReq.nodes)];
      } else {
        const result = await this.paths.find({
          from: pathReq.from,
          to: pathReq.to,
          mode: pathReq.mode ?? 'shortest',
          k: pathReq.k ?? 3,
          maxHops: pathReq.maxHops ?? 6,
          // The relationship types and excluded nodes the path was asked with (a saved view's included), so the
          // report lists the paths the explorer showed.
          types: pathReq.types,
          exclude: pathReq.exclude ?? [],
        });
        // Every path the search returned: k is capped by the request schema, all shortest paths at MAX_PATHS.
        pathSections = expandPaths(result).map(ReportService.fromPath);
        pathCapped = pathReq.mode === 'all' && pathSections.length >= MAX_PATHS;
        pathReason = result.reason;
      }
      pathNote = pathSections.map((p) => pathTargetId(p.nodes.map((n) => n.id)));
    }

    // Notes: the ones asked for, and those attached to everything in the report.
    const notes = new Map<string, NoteDTO>();
    for (const n of await this.notes.getMany(noteIds)) notes.set(n.id, n);
    if (req.includeNotes) {
      const targets = [
        ...nodeIds,
        ...rels.map((r) => r.id),
        ...pathNote,
        ...pathSections.flatMap((p) => p.nodes.map((n) => n.id)),
        ...(req.viewId ? [req.viewId] : []),
      ];
      for (const n of await this.notes.onTargets([...new Set(targets)], MAX_NOTES)) if (!notes.has(n.id)) notes.set(n.id, n);
    }
    const noteList = [...notes.values()].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
    // The names of what the notes are on: the report's nodes and paths, and any other node a note names.
    const named = new Map<string, Pick<GraphNodeDTO, 'name_zh' | 'name_en'>>(byId);
    for (const p of pathSections) for (const n of p.nodes) named.set(n.id, n);
    const noteNodes = noteList.flatMap((n) => {
      const t = n.target;
      if (t.kind === 'node') return [t.id];
      if (t.kind === 'path') return t.nodes ?? [];
      const rel = t.kind === 'relationship' ? parseRelationshipId(t.id) : undefined;
      return rel ? [rel.source, rel.target] : [];
    });
    const unnamed = [...new Set(noteNodes)].filter((id) => !named.has(id));
    if (unnamed.length > 0) for (const n of await this.graph.nodesByIds(unnamed)) named.set(n.id, n);

    // Markdown.
    const cites = new Citations();
    const name = (n: Pick<GraphNodeDTO, 'name_zh' | 'name_en'>) => mdEscape(this.text(lang, { zh: n.name_zh, en: n.name_en }));
    const title = req.title?.trim() || viewName || this.label(lang, '研究报告', 'Research report');
    const generated = new Date().toISOString();
    const out: string[] = [`# ${mdEscape(title)}`, ''];
    const zh = lang === 'zh';
    const punct = ReportService.marks(lang);
    const meta = [
      `${zh ? '生成于' : 'Generated'} ${generated.slice(0, 16).replace('T', ' ')} UTC`,
      ...(req.author ? [mdEscape(req.author)] : []),
      ...(viewName ? [`${zh ? '视图' : 'view'} “${mdEscape(viewName)}”`] : []),
      // A report of a path alone counts its paths, not the zero nodes selected beside it.
      ...(nodes.length > 0 || (!pathReq && noteIds.length === 0)
        ? [zh ? `${nodes.length} 个节点` : `${nodes.length} node${nodes.length === 1 ? '' : 's'}`]
        : []),
      ...(pathReq ? [zh ? `${pathSections.length} 条路径` : `${pathSections.length} path${pathSections.length === 1 ? '' : 's'}`] : []),
      zh ? `${noteList.length} 条笔记` : `${noteList.length} note${noteList.length === 1 ? '' : 's'}`,
    ];
    out.push(`*${meta.join(' · ')}*`, '');
    if (req.image) out.push(`![${this.label(lang, '视图', 'View')}](${req.image})`, '');

    if (pathReq) {
      const several = pathSections.length > 1;
      out.push(
        `## ${this.label(lang, several ? `路径（${pathSections.length} 条）` : '路径', several ? `Paths (${pathSections.length})` : 'Path')}`,
        '',
      );
      if (pathSections.length === 0) {
        out.push(mdEscape(pathReason ? this.text(lang, pathReason) : this.label(lang, '没有找到路径。', 'No path found.')), '');
      }
      if (pathCapped) {
        out.push(
          `*${this.phrase(lang, `最短路径可能不止这些：报告只列出前 ${MAX_PATHS} 条。`, `There may be more shortest paths: a report lists the first ${MAX_PATHS}.`)}*`,
          '',
        );
      }
      for (const [i, p] of pathSections.entries()) {
        out.push(`**${several ? `${i + 1}. ` : ''}${p.nodes.map(name).join(' → ')}**`, '');
        p.hops.forEach((h, i) => {
          const inferred = h.evidence === 'inferred' ? ` *${punct.open}${this.label(lang, '推断', 'inferred')}${punct.close}*` : '';
          out.push(`${i + 1}. ${mdEscape(this.text(lang, h.sentence))}${inferred} ${cites.marks(h.citations)}`.trimEnd());
        });
        out.push('');
      }
    }

    if (nodes.length > 0) {
      out.push(`## ${this.label(lang, '节点', 'Nodes')}`, '');
      for (const n of nodes) {
        const kind = NODE_KIND_INFO[n.kind]?.name ?? { zh: n.kind, en: n.kind };
        out.push(`### ${name(n)}`, '');
        out.push(`*${mdEscape(this.text(lang, kind))}* · \`${n.id}\``, '');
        const description = this.text(lang, { zh: n.description_zh, en: n.description_en });
        if (description) out.push(mdEscape(description), '');
        const nodeRationale = this.rationale(lang, n);
        if (nodeRationale) out.push(`*${this.label(lang, '依据', 'Rationale')}${punct.colon.trim()}* ${mdEscape(nodeRationale)}`, '');
        for (const c of n.citations) out.push(`> “${mdEscape(c.quote)}” [${cites.cite(c)}]`, '');
      }
    }

    if (rels.length > 0) {
      out.push(`## ${this.label(lang, '关系', 'Relationships')}`, '');
      for (const r of rels) {
        const s = byId.get(r.source);
        const t = byId.get(r.target);
        if (!s || !t) continue;
        const why = this.rationale(lang, r);
        const inferred =
          r.evidence === 'inferred'
            ? ` *${punct.open}${this.label(lang, '推断', 'inferred')}${why ? `${punct.colon}${mdEscape(why)}` : ''}${punct.close}*`
            : '';
        out.push(`- ${mdEscape(this.text(lang, relationshipSentence(r.type, s, t)))}${inferred} ${cites.marks(r.citations)}`.trimEnd());
      }
      out.push('');
    }

    if (noteList.length > 0) {
      out.push(`## ${this.label(lang, '笔记', 'Notes')}`, '');
      for (const note of noteList) {
        // A node reads as its name; one gone since the note was written stays its id, in code.
        const nodeRef = (id: string) => (named.has(id) ? name(named.get(id)!) : `\`${id}\``);
        const rel = note.target.kind === 'relationship' ? parseRelationshipId(note.target.id) : undefined;
        const on =
          note.target.kind === 'node'
            ? nodeRef(note.target.id)
            : note.target.kind === 'path'
              ? (note.target.nodes ?? []).map(nodeRef).join(' → ')
              : rel
                ? `${nodeRef(rel.source)} ${verbArrow(mdEscape(this.text(lang, REL_TYPE_INFO[rel.type].verb)))} ${nodeRef(rel.target)}`
                : note.target.kind === 'view' && note.target.id === req.viewId && viewName
                  ? `${zh ? '视图' : 'view'} “${mdEscape(viewName)}”`
                  : `\`${note.target.id}\``;
        out.push(`### ${mdEscape(note.title || this.label(lang, '笔记', 'Note'))}`, '');
        const gone = note.target.exists
          ? ''
          : `${zh ? '' : ' '}${punct.open}${this.phrase(lang, '已不在图中', 'no longer in the graph')}${punct.close}`;
        out.push(`*${mdEscape(note.author)} · ${note.updated.slice(0, 10)} · ${this.phrase(lang, '关于', 'on')} ${on}${gone}*`, '');
        // The note's own headings sit below its title (###), so they cannot outrank the report's sections.
        out.push(demoteHeadings(note.body.trim(), 3), '');
      }
    }

    if (cites.list.length > 0) {
      const docs = new Map<string, SourceDocumentRecord>(
        (await this.documents.sourceDocuments([...new Set(cites.list.map((c) => c.document).filter((d): d is string => Boolean(d)))])).map(
          (d) => [d.id, d],
        ),
      );
      out.push(`## ${this.label(lang, '引文来源', 'Sources')}`, '');
      cites.list.forEach((c, i) => {
        const d = c.document ? docs.get(c.document) : undefined;
        const docTitle = d ? (lang === 'en' && d.title_en ? d.title_en : (d.title ?? d.title_en ?? d.id)) : (c.document ?? '');
        const meta = d ? [d.author, d.publisher, d.date].filter(Boolean).join(punct.comma) : '';
        // A full-width parenthesis carries its own space.
        const aside = meta ? `${zh ? '' : ' '}${punct.open}${mdEscape(meta)}${punct.close}` : '';
        out.push(`${i + 1}. “${mdEscape(c.quote)}” — ${docTitle ? `*${mdEscape(docTitle)}*` : ''}${aside}${punct.comma}\`${c.passage}\``);
      });
      out.push('');
    }

    const markdown = `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
    const stamp = generated.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    if (req.format === 'html') {
      return {
        filename: `report-${stamp}.html`,
        contentType: 'text/html; charset=utf-8',
        body: renderHtml(markdown, title, lang === 'en' ? 'en' : 'zh'),
      };
    }
    return { filename: `report-${stamp}.md`, contentType: 'text/markdown; charset=utf-8', body: markdown };
  }
}
