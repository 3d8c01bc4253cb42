/**
 * server/services/templates — named, parameterized queries for the console's menu.
 *
 * Each template's statement lives in cypher/template-<name>.cypher; its
 * parameters are declared here so they can be validated before running.
 */
import type { CypherResultDTO, TemplateDTO } from '../../graph/contracts';
import { NODE_KINDS, isNodeKind } from '../../graph/model';
import type { CypherRegistry, StatementName } from '../db/cypher';
import { NotFoundError, ValidationError } from '../errors';
import type { ConsoleService } from './console';

type TemplateDef = Omit<TemplateDTO, 'cypher'>;

export const TEMPLATES: TemplateDef[] = [
  {
    name: 'technologies-for-challenge',
    title: { zh: '应对某项挑战的技术', en: 'Technologies that address a challenge' },
    description: {
      zh: '缓解该挑战的技术，以及回应它的展望',
      en: 'The technologies that mitigate a challenge, and the outlooks that answer it',
    },
    params: [
      {
        name: 'challenge',
        type: 'string',
        kind: 'Challenge',
        description: { zh: '挑战的 id', en: 'Id of the challenge' },
        default: 'challenge:hallucination',
      },
    ],
  },
  {
    name: 'organizations-behind-outlook',
    title: { zh: '某个展望背后的机构', en: 'Organizations behind an outlook' },
    description: { zh: '其模型或技术推动该展望的机构', en: 'Organizations whose models or technologies enable an outlook' },
    params: [
      {
        name: 'outlook',
        type: 'string',
        kind: 'Outlook',
        description: { zh: '展望的 id', en: 'Id of the outlook' },
        default: 'outlook:new-architectures',
      },
    ],
  },
  {
    name: 'outlooks-for-challenge',
    title: { zh: '回应某项挑战的展望', en: 'Outlooks that answer a challenge' },
    description: { zh: '与该挑战对应的展望', en: 'The outlooks linked to a challenge' },
    params: [
      {
        name: 'challenge',
        type: 'string',
        kind: 'Challenge',
        description: { zh: '挑战的 id', en: 'Id of the challenge' },
        default: 'challenge:data-privacy',
      },
    ],
  },
  {
    name: 'claims-about',
    title: { zh: '关于某节点的数据', en: 'Figures about a node' },
    description: { zh: '量化该节点的数据及其来源', en: 'The quantitative claims about a node and who states them' },
    params: [{ name: 'id', type: 'string', description: { zh: '节点 id', en: 'Node id' }, default: 'challenge:energy-consumption' }],
  },
  {
    name: 'most-connected',
    title: { zh: '连接最多的节点', en: 'Most connected nodes' },
    description: { zh: '按连接数排序的节点（可按类别）', en: 'Nodes ranked by degree, optionally of one kind' },
    params: [
      { name: 'kind', type: 'string', description: { zh: '类别（留空为全部）', en: 'Kind (empty for all)' }, default: 'Technology' },
      { name: 'limit', type: 'integer', description: { zh: '数量', en: 'How many' }, default: 10 },
    ],
  },
  {
    name: 'domains-of-challenge',
    title: { zh: '挑战影响的领域', en: 'Domains a challenge affects' },
    description: { zh: '该挑战尤为突出的应用领域', en: 'The application areas where a challenge weighs most' },
    params: [
      {
        name: 'challenge',
        type: 'string',
        kind: 'Challenge',
        description: { zh: '挑战的 id', en: 'Id of the challenge' },
        default: 'challenge:real-time',
      },
    ],
  },
];

export class TemplateService {
  constructor(
    private readonly cypher: CypherRegistry,
    private readonly console: ConsoleService,
  ) {}

  list(): TemplateDTO[] {
    return TEMPLATES.map((t) => ({ ...t, cypher: this.cypher[`template-${t.name}` as StatementName] }));
  }

  async run(name: string, raw: Record<string, unknown>): Promise<CypherResultDTO> {
    const t = TEMPLATES.find((x) => x.name === name);
    if (!t) throw new NotFoundError(`templates: no template named "${name}" — GET /api/templates lists them.`, { name });
    const params: Record<string, unknown> = {};
    for (const p of t.params) {
      const value = raw[p.name] ?? p.default;
      if (value === undefined)
        throw new ValidationError(`templates: parameter "${p.name}" is missing — ${p.description.en}.`, { field: `params.${p.name}` });
      if (p.type === 'integer') {
        const n = typeof value === 'number' ? value : Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 1000)
          throw new ValidationError(`templates: parameter "${p.name}" must be a whole number from 1 to 1000.`, {
            field: `params.${p.name}`,
          });
        params[p.name] = n;
      } else {
        if (typeof value !== 'string' || value.length > 200)
          throw new ValidationError(`templates: parameter "${p.name}" must be a string of at most 200 characters.`, {
            field: `params.${p.name}`,
          });
        // A node kind outside the schema is a mistake to report, not a query that quietly finds nothing.
        if (p.name === 'kind' && value !== '' && !isNodeKind(value))
          throw new ValidationError(`templates: parameter "kind" must be empty (all kinds) or one of ${NODE_KINDS.join(', ')}.`, {
            field: 'params.kind',
          });
        params[p.name] = value;
      }
    }
    const unknown = Object.keys(raw).filter((k) => !t.params.some((p) => p.name === k));
    if (unknown.length > 0)
      throw new ValidationError(
        `templates: unknown parameter(s) ${unknown.join(', ')} for "${name}" — it takes ${t.params.map((p) => p.name).join(', ')}.`,
        { field: 'params' },
      );
    // The statement is ours and read-only; integers must reach Neo4j as integers for LIMIT.
    return this.console.run(this.cypher[`template-${t.name}` as StatementName], params, { skipCheck: true });
  }
}
