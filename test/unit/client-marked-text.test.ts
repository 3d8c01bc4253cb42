/**
 * test/unit/client-marked-text — marked text in the panels: citations gathered by paragraph (one
 * paragraph shown once with each quoted span marked, overlaps merged, quotes that cannot be placed kept
 * bare, order of first appearance kept) and a document's mentions gathered by sentence.
 */
import { describe, expect, it } from 'vitest';
import { citedParagraphs } from '../../client/src/ui/cited-paragraphs';
import { findSpans, markRuns } from '../../client/src/ui/marked-text';
import { mentionedSentences } from '../../client/src/ui/mentioned-sentences';
import type { MentionDTO } from '../../graph/ingest/contracts';
import type { CitationDTO } from '../../graph/contracts';
import { loadDataset } from '../../graph/dataset/load';

const P = '未来大模型的隐私和数据安全。差分隐私和联邦学习作为前沿技术。改进的联邦学习框架有望解决挑战。';

function cite(quote: string, paragraph = P, extra: Partial<CitationDTO> = {}): CitationDTO {
  const start = paragraph.indexOf(quote);
  return {
    passage: `llm10:p44:s${start}`,
    quote,
    document: 'document:llm-ten-challenges',
    paragraphId: 'llm10:p44',
    paragraph,
    start,
    end: start < 0 ? -1 : start + quote.length,
    ...extra,
  };
}

const marked = (runs: { text: string; marked: boolean }[]) => runs.filter((r) => r.marked).map((r) => r.text);

describe('citedParagraphs', () => {
  it('shows a paragraph quoted twice once, with both quotes marked and the text whole', () => {
    const out = citedParagraphs([cite('差分隐私和联邦学习作为前沿技术'), cite('改进的联邦学习框架')]);
    expect(out).toHaveLength(1);
    const [entry] = out;
    if (!entry?.placed) throw new Error('expected a placed paragraph');
    expect(entry.label).toBe('llm10:p44');
    expect(entry.document).toBe('document:llm-ten-challenges');
    expect(entry.quotes).toBe(2);
    expect(marked(entry.runs)).toEqual(['差分隐私和联邦学习作为前沿技术', '改进的联邦学习框架']);
    expect(entry.runs.map((r) => r.text).join('')).toBe(P);
  });

  it('marks the same quote once, merges overlapping quotes, keeps unplaceable ones bare and the order of appearance', () => {
    const other = '另一段：量化降低推理成本。';
    const out = citedParagraphs([
      cite('量化降低推理成本', other, { paragraphId: 'llm10:p12' }),
      cite('差分隐私和联邦学习'),
      cite('联邦学习作为前沿技术'),
      cite('差分隐私和联邦学习'),
      { passage: 'llm10:p9:s1', quote: '原文中找不到的引文', paragraph: other, paragraphId: 'llm10:p9', start: -1, end: -1 },
      { passage: 'llm10:p3:s2', quote: '没有段落的引文' },
    ]);
    expect(out.map((e) => e.label)).toEqual(['llm10:p12', 'llm10:p44', 'llm10:p9', 'llm10:p3:s2']);
    const p44 = out[1]!;
    if (!p44.placed) throw new Error('expected a placed paragraph');
    expect(p44.quotes).toBe(2);
    expect(marked(p44.runs)).toEqual(['差分隐私和联邦学习作为前沿技术']);
    expect(out[2]).toMatchObject({ placed: false, quote: '原文中找不到的引文', hasParagraph: true });
    expect(out[3]).toMatchObject({ placed: false, quote: '没有段落的引文', hasParagraph: false });
  });

  it('marks each entry with the language its text is written in', () => {
    const en = 'Federated learning, also called 联邦学习, trains a model across hospitals.';
    const out = citedParagraphs([
      cite('差分隐私'),
      cite('trains a model', en, { paragraphId: 'doc:en:p1', document: 'document:en' }),
      { passage: 'doc:en:p2:s1', quote: 'Quantization lowers the cost of inference.' },
    ]);
    expect(out.map((e) => e.lang)).toEqual(['zh', 'en', 'en']);
  });

  it('keeps one paragraph id of two documents apart', () => {
    const out = citedParagraphs([cite('差分隐私'), cite('联邦学习框架', P, { document: 'document:other' })]);
    expect(out.map((e) => e.document)).toEqual(['document:llm-ten-challenges', 'document:other']);
  });

  it('gathers a curated node whose two citations share a paragraph', () => {
    // Federated learning cites two sentences of one paragraph of the article.
    const ds = loadDataset();
    const node = ds.nodes.find((n) => n.id === 'technology:federated-learning')!;
    const passages = new Map(ds.passages.map((p) => [p.id, p]));
    const citations: CitationDTO[] = node.citations.map((c) => {
      const sentence = passages.get(c.passage)!;
      const paragraphId = sentence.id.replace(/:s\d+$/, '');
      const paragraph = passages.get(paragraphId)!.text;
      const start = paragraph.indexOf(c.quote);
      return { passage: c.passage, quote: c.quote, paragraphId, paragraph, start, end: start + c.quote.length };
    });
    expect(new Set(citations.map((c) => c.paragraphId)).size).toBeLessThan(citations.length);
    const out = citedParagraphs(citations);
    expect(out.length).toBe(new Set(citations.map((c) => c.paragraphId)).size);
    const all = out.flatMap((e) => (e.placed ? marked(e.runs) : [e.quote]));
    for (const c of citations) expect(all.some((m) => m.includes(c.quote))).toBe(true);
  });
});

describe('markRuns', () => {
  it('cuts text into runs around sorted, merged spans', () => {
    expect(
      markRuns('abcdefghij', [
        [6, 8],
        [1, 3],
        [2, 4],
      ]),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'ef', marked: false },
      { text: 'gh', marked: true },
      { text: 'ij', marked: false },
    ]);
    expect(markRuns('abc', [[0, 3]])).toEqual([{ text: 'abc', marked: true }]);
    // Touching spans are two things marked, not one.
    expect(
      markRuns('abc', [
        [0, 1],
        [1, 2],
      ]),
    ).toEqual([
      { text: 'a', marked: true },
      { text: 'b', marked: true },
      { text: 'c', marked: false },
    ]);
    expect(markRuns('abc', [])).toEqual([{ text: 'abc', marked: false }]);
  });
});

describe('findSpans', () => {
  it('finds every occurrence, ignoring case and width, with offsets in the text as it is', () => {
    const text = 'RAG 与 Agentic RAG:检索增强生成(rag)。检索增强';
    expect(findSpans(text, 'rag').map(([s, e]) => text.slice(s, e))).toEqual(['RAG', 'RAG', 'rag']);
    expect(findSpans(text, 'ＲＡＧ')).toEqual(findSpans(text, 'rag'));
    expect(findSpans(text, '检索增强')).toEqual([
      [text.indexOf('检索增强'), text.indexOf('检索增强') + 4],
      [text.lastIndexOf('检索增强'), text.lastIndexOf('检索增强') + 4],
    ]);
    expect(findSpans('aaa', 'aa')).toEqual([[0, 2]]);
    expect(findSpans(text, '  ')).toEqual([]);
    expect(findSpans(text, 'quantum')).toEqual([]);
  });
});

describe('mentionedSentences', () => {
  const S1 = '联邦学习让多家医院联合训练模型。';
  const S2 = '差分隐私为联邦学习的梯度更新加入噪声,降低泄露风险。';
  const entity = (id: string) => ({ id, kind: 'Technology' as const, name_zh: id, name_en: id });
  function mention(passage: string, sentence: string, text: string, id: string, from = 0): MentionDTO {
    const start = sentence.indexOf(text, from);
    return { passage, paragraphId: passage.replace(/:s\d+$/, ''), entity: entity(id), start, end: start + text.length, text, sentence };
  }

  it('shows each sentence once with all its mentions marked and each entity once', () => {
    const out = mentionedSentences([
      mention('doc:x:p1:s1', S1, '联邦学习', 'fl'),
      mention('doc:x:p2:s1', S2, '泄露风险', 'leak'),
      mention('doc:x:p2:s1', S2, '差分隐私', 'dp'),
      mention('doc:x:p2:s1', S2, '联邦学习', 'fl'),
    ]);
    expect(out.map((s) => s.passage)).toEqual(['doc:x:p1:s1', 'doc:x:p2:s1']);
    const second = out[1]!;
    expect(second.runs.filter((r) => r.marked).map((r) => r.text)).toEqual(['差分隐私', '联邦学习', '泄露风险']);
    expect(second.runs.map((r) => r.text).join('')).toBe(S2);
    // Entities in the order the sentence names them.
    expect(second.entities.map((e) => e.id)).toEqual(['dp', 'fl', 'leak']);
  });

  it('lists an entity named twice in one sentence once, with both mentions marked', () => {
    const s = '联邦学习与联邦学习框架。';
    const out = mentionedSentences([mention('d:p1:s1', s, '联邦学习', 'fl'), mention('d:p1:s1', s, '联邦学习', 'fl', 1)]);
    expect(out).toHaveLength(1);
    expect(out[0]!.entities.map((e) => e.id)).toEqual(['fl']);
    expect(out[0]!.runs.filter((r) => r.marked)).toHaveLength(2);
  });

  it('gives each sentence its own language', () => {
    const en = 'Differential privacy adds noise to federated updates.';
    const out = mentionedSentences([mention('d:p1:s1', S1, '联邦学习', 'fl'), mention('d:p2:s1', en, 'federated', 'fl')]);
    expect(out.map((s) => s.lang)).toEqual(['zh', 'en']);
  });
});
