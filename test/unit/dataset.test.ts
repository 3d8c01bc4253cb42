/**
 * test/unit/dataset — the curated dataset loads, and every kind of broken
 * dataset is reported with a message that names the file, the entry and the
 * fix.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relationshipSentence } from '../../graph/sentences';
import { validateDataset, type DatasetError, type DatasetFile } from '../../graph/dataset';
import { loadDataset } from '../../graph/dataset/load';

const DOCS = 'graph/data/documents.yaml';
const CHALLENGES = 'graph/data/nodes/challenges.yaml';
const TECHNOLOGIES = 'graph/data/nodes/technologies.yaml';
const ORGS = 'graph/data/nodes/organizations.yaml';
const CLAIMS = 'graph/data/nodes/claims.yaml';
const RELS = 'graph/data/relationships.yaml';
const SOURCE_PATH = 'graph/data/sources/mini.txt';

/** p1 is a heading; p2 has two sentences; p3 has a figure. */
const SOURCE = [
  '幻觉问题',
  '大模型的幻觉问题指的是模型可能会产生与现实不符的信息。检索增强生成(RAG)通过结合外部知识库提高回答的准确性。',
  '某研究机构预测,到2028年高质量文本数据将被采集殆尽。',
].join('\n');

type Entry = Record<string, unknown>;
interface Fixture {
  documents: Entry[];
  challenges: Entry[];
  technologiesKind: string;
  technologies: Entry[];
  orgs: Entry[];
  claims: Entry[];
  relationships: Entry[];
}

function node(id: string, name: string, passage: string, quote: string): Entry {
  return {
    id,
    name_zh: name,
    name_en: `${id} (en)`,
    aliases_zh: [],
    aliases_en: [],
    description_zh: `${name}的描述`,
    description_en: `Description of ${id}`,
    evidence: 'stated',
    citations: [{ passage, quote }],
  };
}

/** A small dataset that validates; each test breaks one thing in a fresh copy. */
function fixture(): Fixture {
  return {
    documents: [{ id: 'document:mini', key: 'mini', title: '测试文档', language: 'zh', path: SOURCE_PATH, date: '2024-08-26' }],
    challenges: [node('challenge:hallucination', '幻觉问题', 'mini:p1:s1', '幻觉问题')],
    technologiesKind: 'Technology',
    technologies: [
      node('technology:rag', '检索增强生成', 'mini:p2:s2', '检索增强生成(RAG)'),
      node('technology:knowledge-base', '外部知识库', 'mini:p2:s2', '外部知识库'),
    ],
    orgs: [node('org:lab', '某研究机构', 'mini:p3:s1', '某研究机构')],
    claims: [
      {
        ...node('claim:text-exhausted-2028', '2028年高质量文本耗尽', 'mini:p3:s1', '到2028年高质量文本数据将被采集殆尽'),
        figure: { value: 2028, unit: 'year', year: 2028, source: 'org:lab' },
      },
    ],
    relationships: [
      {
        type: 'MITIGATES',
        source: 'technology:rag',
        target: 'challenge:hallucination',
        evidence: 'stated',
        citations: [{ passage: 'mini:p2:s2', quote: '提高回答的准确性' }],
      },
      {
        type: 'BUILDS_ON',
        source: 'technology:rag',
        target: 'technology:knowledge-base',
        evidence: 'inferred',
        rationale: 'RAG retrieves from the knowledge base it is combined with.',
        rationale_zh: 'RAG 从与之结合的知识库中检索。',
        citations: [{ passage: 'mini:p2:s2', quote: '通过结合外部知识库' }],
      },
      {
        type: 'REPORTS',
        source: 'org:lab',
        target: 'claim:text-exhausted-2028',
        evidence: 'stated',
        citations: [{ passage: 'mini:p3:s1', quote: '某研究机构预测' }],
      },
      {
        type: 'QUANTIFIES',
        source: 'claim:text-exhausted-2028',
        target: 'challenge:hallucination',
        evidence: 'inferred',
        rationale: 'Fixture link between the figure and a challenge.',
        rationale_zh: '数据与挑战之间的测试链接。',
        citations: [{ passage: 'mini:p3:s1', quote: '2028' }],
      },
    ],
  };
}

function files(f: Fixture): DatasetFile[] {
  return [
    { path: DOCS, content: { documents: f.documents } },
    { path: CHALLENGES, content: { kind: 'Challenge', nodes: f.challenges } },
    { path: TECHNOLOGIES, content: { kind: f.technologiesKind, nodes: f.technologies } },
    { path: ORGS, content: { kind: 'Organization', nodes: f.orgs } },
    { path: CLAIMS, content: { kind: 'Claim', nodes: f.claims } },
    { path: RELS, content: { relationships: f.relationships } },
  ];
}

function errorsOf(f: Fixture, sources: Record<string, string> = { [SOURCE_PATH]: SOURCE }): DatasetError[] {
  const result = validateDataset(files(f), sources);
  if (!('errors' in result)) throw new Error('expected the dataset to be invalid');
  return result.errors;
}

/**
 * The one error matching `problem`; asserts it names the file, the entry and
 * a fix (the text after " — ").
 */
function expectError(errors: DatasetError[], file: string, entry: string, problem: RegExp, fix: RegExp): DatasetError {
  const matching = errors.filter((e) => problem.test(e.message));
  expect(matching, errors.map((e) => e.message).join('\n')).toHaveLength(1);
  const error = matching[0]!;
  expect(error.file).toBe(file);
  expect(error.entry).toBe(entry);
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  expect(error.message).toContain(`"${entry}"`);
  const [, fixText] = error.message.split(' — ');
  expect(fixText).toMatch(fix);
  return error;
}

describe('the curated dataset', () => {
  it('loads and validates', () => {
    const dataset = loadDataset();
    expect(dataset.documents.map((d) => d.id)).toEqual(['document:llm-ten-challenges']);
    expect(dataset.nodes.length).toBeGreaterThanOrEqual(120);
    expect(dataset.relationships.length).toBeGreaterThanOrEqual(250);
    expect(dataset.passages.some((p) => p.id === 'llm10:p9:s3')).toBe(true);
  });

  it("writes its own Chinese in full-width punctuation (the quotes keep the article's)", () => {
    const dataset = loadDataset();
    const HALF_WIDTH = /[\u4e00-\u9fff”][,:;?!()]|[(][\u4e00-\u9fff“]/;
    const texts = [
      ...dataset.nodes.map((n) => ({ id: n.id, text: n.description_zh ?? '' })),
      ...dataset.nodes.map((n) => ({ id: n.id, text: n.rationale_zh ?? '' })),
      ...dataset.relationships.map((r) => ({ id: r.id, text: r.rationale_zh ?? '' })),
    ];
    expect(texts.filter((t) => HALF_WIDTH.test(t.text))).toEqual([]);
    expect(texts.filter((t) => t.text).length).toBeGreaterThan(200);
  });
});

describe('validateDataset', () => {
  it('accepts the fixture and derives relationship ids', () => {
    const result = validateDataset(files(fixture()), { [SOURCE_PATH]: SOURCE });
    expect('dataset' in result).toBe(true);
    if (!('dataset' in result)) return;
    expect(result.dataset.relationships.map((r) => r.id)).toContain('technology:rag-MITIGATES-challenge:hallucination');
    expect(result.dataset.nodes.find((n) => n.id === 'technology:rag')?.kind).toBe('Technology');
    expect(result.dataset.nodes.find((n) => n.id === 'claim:text-exhausted-2028')?.figure).toEqual({
      value: 2028,
      unit: 'year',
      year: 2028,
      source: 'org:lab',
    });
  });

  it('reports a duplicate node id', () => {
    const f = fixture();
    f.technologies.push(node('technology:rag', '检索增强', 'mini:p2:s2', '检索增强生成'));
    expectError(errorsOf(f), TECHNOLOGIES, 'technology:rag', /duplicate id "technology:rag"/, /unique id/);
  });

  it('reports a duplicate relationship', () => {
    const f = fixture();
    f.relationships.push({ ...f.relationships[0]! });
    expectError(errorsOf(f), RELS, 'technology:rag-MITIGATES-challenge:hallucination', /duplicate id/, /remove one of the two entries/);
  });

  it('reports a dangling relationship target with the node files and a suggestion', () => {
    const f = fixture();
    f.relationships[0]!.target = 'challenge:halucination';
    const error = expectError(
      errorsOf(f),
      RELS,
      'technology:rag-MITIGATES-challenge:halucination',
      /target "challenge:halucination" does not exist/,
      /use one of the node ids in graph\/data\/nodes\/\*\.yaml/,
    );
    expect(error.message).toBe(
      'graph/data/relationships.yaml: relationship "technology:rag-MITIGATES-challenge:halucination": target "challenge:halucination" does not exist — use one of the node ids in graph/data/nodes/*.yaml (did you mean "challenge:hallucination"?)',
    );
  });

  it('reports a dangling relationship source', () => {
    const f = fixture();
    f.relationships[0]!.source = 'technology:retrieval';
    expectError(
      errorsOf(f),
      RELS,
      'technology:retrieval-MITIGATES-challenge:hallucination',
      /source "technology:retrieval" does not exist/,
      /node ids/,
    );
  });

  it('reports a citation of a passage that does not exist', () => {
    const f = fixture();
    (f.challenges[0]!.citations as Entry[])[0]!.passage = 'mini:p9:s1';
    expectError(errorsOf(f), CHALLENGES, 'challenge:hallucination', /passage "mini:p9:s1" does not exist/, /has 3 paragraphs/);
  });

  it('reports a citation with an unknown document key', () => {
    const f = fixture();
    (f.challenges[0]!.citations as Entry[])[0]!.passage = 'llm10:p1:s1';
    expectError(errorsOf(f), CHALLENGES, 'challenge:hallucination', /passage "llm10:p1:s1" does not exist/, /document key .*mini/);
  });

  it('reports a claim whose figure source does not exist', () => {
    const f = fixture();
    (f.claims[0]!.figure as Entry).source = 'org:labs';
    expectError(
      errorsOf(f),
      CLAIMS,
      'claim:text-exhausted-2028',
      /figure source "org:labs" does not exist/,
      /Organization or Publication.*did you mean "org:lab"/,
    );
  });

  it('reports a claim whose figure source is of the wrong kind', () => {
    const f = fixture();
    (f.claims[0]!.figure as Entry).source = 'technology:rag';
    expectError(
      errorsOf(f),
      CLAIMS,
      'claim:text-exhausted-2028',
      /figure source "technology:rag" is a Technology/,
      /Organization or Publication/,
    );
  });

  it('reports an unknown node kind', () => {
    const f = fixture();
    f.technologiesKind = 'Technolgy';
    const error = expectError(
      errorsOf(f),
      TECHNOLOGIES,
      'Technolgy',
      /is not a node kind/,
      /one of Challenge, Outlook, .*did you mean "Technology"/,
    );
    expect(error.message).toContain('technology:rag');
  });

  it('reports an unknown relationship type', () => {
    const f = fixture();
    f.relationships[0]!.type = 'MITIGATE';
    expectError(
      errorsOf(f),
      RELS,
      'technology:rag-MITIGATE-challenge:hallucination',
      /type "MITIGATE" is not a relationship type/,
      /did you mean "MITIGATES"/,
    );
  });

  it('refuses the untyped RELATED_TO, which is for imported graphs only', () => {
    const f = fixture();
    f.relationships[0]!.type = 'RELATED_TO';
    expectError(
      errorsOf(f),
      RELS,
      'technology:rag-RELATED_TO-challenge:hallucination',
      /RELATED_TO" is for imported graphs only/,
      /specific type/,
    );
  });

  it('reports a relationship between kinds its type does not allow, with the types that do', () => {
    const f = fixture();
    f.relationships[0]!.type = 'DEVELOPS';
    expectError(
      errorsOf(f),
      RELS,
      'technology:rag-DEVELOPS-challenge:hallucination',
      /DEVELOPS may not link Technology → Challenge/,
      /DEVELOPS goes from Organization to Model\|Technology; types allowed from Technology to Challenge: MITIGATES, CONTRIBUTES_TO, RISKS, PART_OF/,
    );
  });

  it('reports a node without citations', () => {
    const f = fixture();
    delete f.technologies[0]!.citations;
    expectError(errorsOf(f), TECHNOLOGIES, 'technology:rag', /has no citations/, /add citations/);
  });

  it('reports a relationship with an empty citation list', () => {
    const f = fixture();
    f.relationships[0]!.citations = [];
    expectError(errorsOf(f), RELS, 'technology:rag-MITIGATES-challenge:hallucination', /has no citations/, /add citations/);
  });

  it('reports a rationale given in one language only', () => {
    const f = fixture();
    delete f.relationships[1]!.rationale_zh;
    expectError(
      errorsOf(f),
      RELS,
      'technology:rag-BUILDS_ON-technology:knowledge-base',
      /has a rationale but no rationale_zh/,
      /add rationale_zh: <the same reason in Chinese>/,
    );
  });

  it('reports an inferred link without rationale', () => {
    const f = fixture();
    delete f.relationships[1]!.rationale;
    expectError(
      errorsOf(f),
      RELS,
      'technology:rag-BUILDS_ON-technology:knowledge-base',
      /is inferred but has no rationale/,
      /add rationale/,
    );
  });

  it('reports a quote that is not in the cited passage and points at the sentence that has it', () => {
    const f = fixture();
    (f.relationships[0]!.citations as Entry[])[0]!.passage = 'mini:p2:s1';
    expectError(
      errorsOf(f),
      RELS,
      'technology:rag-MITIGATES-challenge:hallucination',
      /quote "提高回答的准确性" does not occur in passage mini:p2:s1/,
      /occurs in mini:p2:s2; cite that passage instead/,
    );
  });

  it('reports a quote that occurs nowhere, showing the passage text', () => {
    const f = fixture();
    (f.orgs[0]!.citations as Entry[])[0]!.quote = '权威研究机构';
    expectError(
      errorsOf(f),
      ORGS,
      'org:lab',
      /quote "权威研究机构" does not occur in passage mini:p3:s1/,
      /copy the quote verbatim .*某研究机构预测/,
    );
  });

  it('reports an id whose prefix does not match the kind', () => {
    const f = fixture();
    f.technologies[0]!.id = 'tech:rag';
    f.relationships = f.relationships.filter((r) => r.source !== 'technology:rag');
    expectError(
      errorsOf(f),
      TECHNOLOGIES,
      'tech:rag',
      /id prefix "tech" does not match kind Technology/,
      /technology:<slug>, e\.g\. technology:rag/,
    );
  });

  it('suggests moving an entry whose prefix belongs to another kind', () => {
    const f = fixture();
    f.technologies[1]!.id = 'concept:knowledge-base';
    f.relationships = f.relationships.filter((r) => r.target !== 'technology:knowledge-base');
    expectError(errorsOf(f), TECHNOLOGIES, 'concept:knowledge-base', /id prefix "concept"/, /move the entry to the Concept file/);
  });

  it('reports unknown and malformed fields by name', () => {
    const f = fixture();
    f.technologies[0]!.citation = f.technologies[0]!.citations;
    f.technologies[0]!.evidence = 'said';
    const errors = errorsOf(f);
    expectError(errors, TECHNOLOGIES, 'technology:rag', /unknown field "citation"/, /allowed fields: id, name_zh/);
    expectError(errors, TECHNOLOGIES, 'technology:rag', /field "evidence"/, /graph\/dataset\/schema\.ts/);
  });

  it('reports names and aliases shared by two nodes', () => {
    const f = fixture();
    f.technologies[1]!.aliases_en = ['technology:rag (EN)'];
    expectError(
      errorsOf(f),
      TECHNOLOGIES,
      'technology:knowledge-base',
      /alias "technology:rag \(en\)" \(en\) is already used by node "technology:rag"/,
      /unique across nodes/,
    );
  });

  it('reports a missing source text', () => {
    expectError(
      errorsOf(fixture(), {}),
      DOCS,
      'document:mini',
      /source text "graph\/data\/sources\/mini\.txt" was not found/,
      /copy the document's text/,
    );
  });

  it('collects every problem instead of stopping at the first', () => {
    const f = fixture();
    f.relationships[0]!.target = 'challenge:nope';
    delete f.relationships[1]!.rationale;
    f.orgs[0]!.citations = [];
    f.technologies.push(node('technology:rag', '重复', 'mini:p2:s2', 'RAG'));
    const errors = errorsOf(f);
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(new Set(errors.map((e) => e.file))).toEqual(new Set([RELS, ORGS, TECHNOLOGIES]));
  });
});

describe('loadDataset on a broken data directory', () => {
  it('throws one error listing every problem, including YAML syntax errors', () => {
    const root = mkdtempSync(join(tmpdir(), 'dataset-'));
    try {
      const data = join(root, 'graph', 'data');
      mkdirSync(join(data, 'nodes'), { recursive: true });
      mkdirSync(join(data, 'sources'), { recursive: true });
      writeFileSync(join(data, 'sources', 'mini.txt'), SOURCE);
      writeFileSync(
        join(data, 'documents.yaml'),
        `documents:\n  - id: document:mini\n    key: mini\n    title: t\n    language: zh\n    path: ${SOURCE_PATH}\n`,
      );
      writeFileSync(
        join(data, 'nodes', 'challenges.yaml'),
        'kind: Challenge\nnodes:\n  - id: challenge:hallucination\n    name_zh: 幻觉问题\n    name_en: Hallucination\n    description_zh: 描述\n    description_en: d\n    evidence: stated\n    citations: []\n',
      );
      writeFileSync(join(data, 'relationships.yaml'), 'relationships:\n  - type: [unclosed\n');
      let message = '';
      try {
        loadDataset(data);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/invalid \(2 problem\(s\)\)/);
      expect(message).toContain('graph/data/relationships.yaml: YAML syntax error');
      expect(message).toContain('graph/data/nodes/challenges.yaml: node "challenge:hallucination": has no citations');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('relationship sentences', () => {
  it('reads a relationship in both languages, CONTRIBUTES_TO with a verb that also fits a wished-for concept', () => {
    const architecture = { name_zh: '模型架构', name_en: 'Model architecture' };
    const generalization = { name_zh: '泛化能力', name_en: 'Generalisation' };
    expect(relationshipSentence('CONTRIBUTES_TO', architecture, generalization)).toEqual({
      zh: '模型架构影响泛化能力',
      en: 'Model architecture contributes to Generalisation',
    });
    expect(
      relationshipSentence(
        'MITIGATES',
        { name_zh: '联邦学习', name_en: 'Federated learning' },
        { name_zh: '数据隐私保护', name_en: 'Data privacy protection' },
      ).zh,
    ).toBe('联邦学习缓解数据隐私保护');
  });
});
