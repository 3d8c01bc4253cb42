/**
 * test/unit/client-citations — citations gathered by paragraph for the details and path panels: one
 * paragraph shown once with each quoted span marked, spans merged where they overlap, quotes that
 * cannot be placed kept bare, order of first appearance kept.
 */
import { describe, expect, it } from 'vitest';
import { citedParagraphs, markRuns } from '../../client/src/ui/cited-paragraphs';
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
    expect(markRuns('abc', [])).toEqual([{ text: 'abc', marked: false }]);
  });
});
