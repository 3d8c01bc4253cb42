/**
 * test/unit/passages — the passage splitter: stable positional ids, exact
 * offsets, Chinese and English sentence boundaries, and quote lookup.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../graph/model';
import { findQuote, parsePassageId, splitPassages, splitSentences } from '../../graph/passages';

const ARTICLE = readFileSync(new URL('../../graph/data/sources/llm-ten-challenges-ten-outlooks.zh.txt', import.meta.url), 'utf8');
const DOC = 'document:llm-ten-challenges';

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

/** Every structural promise of splitPassages, checked for any input. */
function checkInvariants(passages: Passage[], key: string): void {
  const paragraphs = new Map<number, Passage>();
  let expectedParagraph = 0;
  let expectedSentence = 0;
  for (const p of passages) {
    expect(p.text.length).toBeGreaterThan(0);
    expect(p.text).toBe(p.text.trim());
    if (p.sentence === 0) {
      expectedParagraph++;
      expectedSentence = 0;
      expect(p.paragraph).toBe(expectedParagraph);
      expect(p.id).toBe(`${key}:p${p.paragraph}`);
      expect([p.start, p.end]).toEqual([0, p.text.length]);
      expect(p.text).not.toMatch(/[\r\n]/);
      paragraphs.set(p.paragraph, p);
    } else {
      expectedSentence++;
      expect(p.sentence).toBe(expectedSentence);
      expect(p.id).toBe(`${key}:p${p.paragraph}:s${p.sentence}`);
      const paragraph = paragraphs.get(p.paragraph)!;
      expect(paragraph.text.slice(p.start, p.end)).toBe(p.text);
    }
  }
  // Sentences tile their paragraph: nothing but whitespace is lost between them.
  for (const paragraph of paragraphs.values()) {
    const own = passages.filter((p) => p.paragraph === paragraph.paragraph && p.sentence > 0);
    expect(own.length).toBeGreaterThan(0);
    expect(
      own
        .map((s) => s.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(paragraph.text.replace(/\s/g, ''));
    for (let i = 1; i < own.length; i++) expect(own[i]!.start).toBeGreaterThanOrEqual(own[i - 1]!.end);
  }
}

describe('splitPassages on the curated article', () => {
  const passages = splitPassages(DOC, 'llm10', ARTICLE);

  it('is stable: the same input yields the same passages', () => {
    expect(splitPassages(DOC, 'llm10', ARTICLE)).toEqual(passages);
  });

  it('gives every passage a unique id and the document id', () => {
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    expect(passages.every((p) => p.document === DOC)).toBe(true);
  });

  it('starts with the expected ids and texts', () => {
    expect(passages.slice(0, 16).map((p) => [p.id, p.text])).toEqual([
      ['llm10:p1', '通信人家园'],
      ['llm10:p1:s1', '通信人家园'],
      ['llm10:p2', '标题: 大模型发展的十大挑战与十个展望\u00a0\u00a0[查看完整版帖子] [打印本页]'],
      ['llm10:p2:s1', '标题: 大模型发展的十大挑战与十个展望\u00a0\u00a0[查看完整版帖子] [打印本页]'],
      ['llm10:p3', '时间: \u00a02024-8-26 14:22'],
      ['llm10:p3:s1', '时间: \u00a02024-8-26 14:22'],
      ['llm10:p4', '作者: chzh4719 \u00a0 \u00a0 标题: 大模型发展的十大挑战与十个展望'],
      ['llm10:p4:s1', '作者: chzh4719 \u00a0 \u00a0 标题: 大模型发展的十大挑战与十个展望'],
      ['llm10:p5', '刘敬东 天翼智库'],
      ['llm10:p5:s1', '刘敬东 天翼智库'],
      [
        'llm10:p6',
        '大模型的发展正迅速成为推动技术创新和行业变革的关键力量。然而,随着模型规模的扩大和应用的深入,也面临着一系列挑战和问题。本文深入探讨了大模型目前面临的十大挑战,从能源消耗、算力成本到数据隐私保护等。同时,我们也展望了未来大模型的发展潜力,涵盖算力能力的进步、模型架构的创新及应用的拓展。通过分析这些挑战与展望,旨在为读者提供一个全面的视角,为推动大模型技术的健康发展和广泛应用提供参考。',
      ],
      ['llm10:p6:s1', '大模型的发展正迅速成为推动技术创新和行业变革的关键力量。'],
      ['llm10:p6:s2', '然而,随着模型规模的扩大和应用的深入,也面临着一系列挑战和问题。'],
      ['llm10:p6:s3', '本文深入探讨了大模型目前面临的十大挑战,从能源消耗、算力成本到数据隐私保护等。'],
      ['llm10:p6:s4', '同时,我们也展望了未来大模型的发展潜力,涵盖算力能力的进步、模型架构的创新及应用的拓展。'],
      ['llm10:p6:s5', '通过分析这些挑战与展望,旨在为读者提供一个全面的视角,为推动大模型技术的健康发展和广泛应用提供参考。'],
    ]);
  });

  it('keeps figures inside their sentences and splits at 。', () => {
    const byId = new Map(passages.map((p) => [p.id, p]));
    expect(byId.get('llm10:p9:s1')!.text).toBe('国际能源署预测,全球数据中心到2026年的用电量将高达1.05万亿千瓦时。');
    expect(byId.get('llm10:p9:s3')!.text).toBe('例如,OpenAI的GPT-3单次训练耗电量达1287兆瓦时。');
    expect(byId.get('llm10:p9:s3')!.start).toBe(73);
    expect(byId.get('llm10:p38:s2')!.text).toBe(
      '据斯坦福大学AI Index报告,2021至2023年,开源模型在全球基础模型中的比重显著提升,从33.3%增至65.7%。',
    );
  });

  it('does not split numbered headings, with or without a space after the ordinal', () => {
    const byId = new Map(passages.map((p) => [p.id, p]));
    expect(byId.get('llm10:p8:s1')!.text).toBe('1.能源消耗');
    expect(byId.get('llm10:p8:s2')).toBeUndefined();
    expect(byId.get('llm10:p31:s1')!.text).toBe('2. Scaling Law指引,模型参数继续扩大,参数效率有效提升');
    expect(byId.get('llm10:p31:s2')).toBeUndefined();
  });

  it('splits at ASCII ! inside Chinese text and keeps a URL whole', () => {
    const byId = new Map(passages.map((p) => [p.id, p]));
    expect(byId.get('llm10:p52:s2')!.text).toBe('你想啊,那些巨无霸模型,训练一次得耗费多少电力和算力资源啊!');
    expect(byId.get('llm10:p52:s3')!.text).toBe('这简直就是对环境和钱包的双重考验!');
    expect(byId.get('llm10:p65:s1')!.text).toBe('通信人家园 (https://www.txrjy.com/) Powered by C114');
  });

  it('numbers paragraphs over non-empty lines only', () => {
    const lines = ARTICLE.split('\n').filter((l) => l.trim() !== '');
    const paragraphs = passages.filter((p) => p.sentence === 0);
    expect(paragraphs.map((p) => p.text)).toEqual(lines.map((l) => l.trim()));
  });

  it('keeps offsets consistent and sentences tiling their paragraphs', () => {
    checkInvariants(passages, 'llm10');
  });

  it('yields the same ids for CRLF and CR line endings', () => {
    expect(splitPassages(DOC, 'llm10', ARTICLE.replace(/\n/g, '\r\n'))).toEqual(passages);
    expect(splitPassages(DOC, 'llm10', ARTICLE.replace(/\n/g, '\r'))).toEqual(passages);
  });
});

describe('Chinese sentence boundaries', () => {
  it('ends sentences at 。！？!? and ；, keeping the terminator', () => {
    expect(sentences('第一句。第二句！第三句？第四句!第五句?第六句；第七句')).toEqual([
      '第一句。',
      '第二句！',
      '第三句？',
      '第四句!',
      '第五句?',
      '第六句；',
      '第七句',
    ]);
  });

  it('keeps closing quotes and repeated terminators with their sentence', () => {
    expect(sentences('他说:“好。”然后走了。真的吗？！是的')).toEqual(['他说:“好。”', '然后走了。', '真的吗？！', '是的']);
  });

  it('never produces empty sentences', () => {
    expect(sentences('。。。')).toEqual(['。。。']);
    expect(sentences('   ')).toEqual([]);
    expect(sentences('')).toEqual([]);
  });

  it('handles a trailing fragment without terminator', () => {
    const passages = splitPassages('d', 'k', '完整的一句。没有结尾的片段\n');
    expect(passages.map((p) => [p.id, p.text])).toEqual([
      ['k:p1', '完整的一句。没有结尾的片段'],
      ['k:p1:s1', '完整的一句。'],
      ['k:p1:s2', '没有结尾的片段'],
    ]);
  });
});

describe('English sentence boundaries', () => {
  it('splits at . ! ? followed by whitespace or the end', () => {
    expect(sentences('Energy use grows. Costs rise! Is it sustainable? Perhaps not')).toEqual([
      'Energy use grows.',
      'Costs rise!',
      'Is it sustainable?',
      'Perhaps not',
    ]);
  });

  it('does not split inside numbers', () => {
    expect(sentences('Data centres may use 1.05 trillion kWh by 2026. GPT-3 used 1287 MWh.')).toEqual([
      'Data centres may use 1.05 trillion kWh by 2026.',
      'GPT-3 used 1287 MWh.',
    ]);
    expect(sentences('Version 3.5 is out.')).toEqual(['Version 3.5 is out.']);
  });

  it('does not split after abbreviations and initials', () => {
    expect(sentences('Use grounding, e.g. RAG or DoLa, to cut errors. Then measure.')).toEqual([
      'Use grounding, e.g. RAG or DoLa, to cut errors.',
      'Then measure.',
    ]);
    expect(sentences('Ask Dr. Smith and J. Doe, i.e. the authors. They know.')).toEqual([
      'Ask Dr. Smith and J. Doe, i.e. the authors.',
      'They know.',
    ]);
    expect(sentences('Compression, pruning, etc. are common. Quantization too.')).toEqual([
      'Compression, pruning, etc. are common.',
      'Quantization too.',
    ]);
    expect(sentences('Rules in the U.S. Senate differ.')).toEqual(['Rules in the U.S. Senate differ.']);
  });

  it('keeps closing quotes and brackets with the sentence', () => {
    expect(sentences('He said "stop." Then left. (It was late.) Done')).toEqual([
      'He said "stop."',
      'Then left.',
      '(It was late.)',
      'Done',
    ]);
  });

  it('keeps URLs with query strings whole', () => {
    expect(sentences('See https://example.com/a?b=1 for details. Next.')).toEqual(['See https://example.com/a?b=1 for details.', 'Next.']);
  });

  it('splits multi-paragraph English text with positional ids and exact offsets', () => {
    const text = 'First point. Second point!\r\n\r\n  Third paragraph has 2.5 items.  \nLast one';
    const passages = splitPassages('doc:en', 'en', text);
    expect(passages.map((p) => [p.id, p.text, p.start, p.end])).toEqual([
      ['en:p1', 'First point. Second point!', 0, 26],
      ['en:p1:s1', 'First point.', 0, 12],
      ['en:p1:s2', 'Second point!', 13, 26],
      ['en:p2', 'Third paragraph has 2.5 items.', 0, 30],
      ['en:p2:s1', 'Third paragraph has 2.5 items.', 0, 30],
      ['en:p3', 'Last one', 0, 8],
      ['en:p3:s1', 'Last one', 0, 8],
    ]);
  });
});

describe('splitPassages invariants on arbitrary text', () => {
  const alphabet = ['a', 'B', '中', '文', ' ', '\u00a0', '。', '！', '？', '；', '.', '!', '?', '1', '”', '"', ')', '\n', '\r'];
  it('holds for any mix of letters, digits, terminators, quotes and line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        const passages = splitPassages('d', 'k', text);
        checkInvariants(passages, 'k');
        expect(splitPassages('d', 'k', text)).toEqual(passages);
      }),
      { numRuns: 300 },
    );
  });
});

describe('findQuote', () => {
  const passages = splitPassages(DOC, 'llm10', ARTICLE);
  const byId = new Map(passages.map((p) => [p.id, p]));

  it('returns the span of the quote within the paragraph', () => {
    const sentence = byId.get('llm10:p9:s3')!;
    const paragraph = byId.get('llm10:p9')!;
    const span = findQuote(sentence, '1287兆瓦时');
    expect(span).not.toBeNull();
    expect(paragraph.text.slice(span!.start, span!.end)).toBe('1287兆瓦时');
    expect(span!.start).toBeGreaterThan(sentence.start);
  });

  it('works on paragraph passages too', () => {
    const paragraph = byId.get('llm10:p36')!;
    const span = findQuote(paragraph, '层对比解码(DoLa)');
    expect(paragraph.text.slice(span!.start, span!.end)).toBe('层对比解码(DoLa)');
  });

  it('returns null for a quote from another sentence, an absent quote or an empty quote', () => {
    const sentence = byId.get('llm10:p9:s3')!;
    expect(findQuote(sentence, '1.05万亿千瓦时')).toBeNull();
    expect(findQuote(sentence, '不存在的引文')).toBeNull();
    expect(findQuote(sentence, '')).toBeNull();
  });
});

describe('parsePassageId', () => {
  it('parses paragraph and sentence ids and rejects others', () => {
    expect(parsePassageId('llm10:p12:s3')).toEqual({ key: 'llm10', paragraph: 12, sentence: 3 });
    expect(parsePassageId('llm10:p12')).toEqual({ key: 'llm10', paragraph: 12, sentence: 0 });
    expect(parsePassageId('llm10:p0:s1')).toBeNull();
    expect(parsePassageId('llm10:12:3')).toBeNull();
  });
});
