/**
 * test/unit/ingest-matcher — folding, mention matching, co-occurrence and
 * candidate terms on hand-written Chinese and English texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DictionaryEntity,
  acceptedNodeId,
  buildDictionary,
  cooccurrences,
  findCandidates,
  findMentions,
  fold,
  foldTerm,
  isKnownTerm,
  markdownToText,
  planDocument,
  slugFromTitle,
  earlierSlugFromTitle,
} from '../../graph/ingest';

const ENTITIES: DictionaryEntity[] = [
  {
    id: 'technology:federated-learning',
    name_zh: '联邦学习',
    name_en: 'Federated learning',
    aliases_zh: ['联邦学习框架'],
    aliases_en: ['FL'],
  },
  { id: 'technology:differential-privacy', name_zh: '差分隐私', name_en: 'Differential privacy', aliases_en: ['DP'] },
  { id: 'concept:learning', name_zh: '机器学习', name_en: 'Machine learning', aliases_zh: ['学习'] },
  { id: 'technology:rag', name_zh: '检索增强生成', name_en: 'Retrieval-augmented generation', aliases_en: ['RAG'] },
  { id: 'challenge:data-privacy', name_zh: '数据隐私保护', name_en: 'Data privacy protection', aliases_zh: ['隐私保护'] },
  { id: 'model:llama-3', name_zh: 'Llama 3', name_en: 'Llama 3', aliases_zh: ['Llama3'] },
  { id: 'model:llama', name_zh: 'Llama系列', name_en: 'Llama series', aliases_en: ['Llama'] },
  { id: 'technology:transformer', name_zh: 'Transformer架构', name_en: 'Transformer' },
];
const DICT = buildDictionary(ENTITIES);

function surfaces(text: string): Array<[string, string]> {
  return findMentions(DICT, text).map((m) => [m.surface, m.entity]);
}

/** Every mention's span is exactly its surface. */
function expectExactSpans(text: string): void {
  for (const m of findMentions(DICT, text)) expect(text.slice(m.start, m.end)).toBe(m.surface);
}

describe('fold', () => {
  it('folds full-width to half-width, case, hyphens and spacing, and maps back to the original', () => {
    const f = fold('ＲＡＧ-based  Federated\tLearning');
    expect(f.text).toBe('rag based federated learning');
    const at = f.text.indexOf('federated');
    expect(f.starts[at]).toBe('ＲＡＧ-based  '.length);
    expect(foldTerm(' Retrieval-Augmented   Generation ')).toBe('retrieval augmented generation');
  });

  it('drops spaces next to CJK characters but keeps one between Latin words', () => {
    expect(fold('联邦 学习 与 AI 大模型').text).toBe('联邦学习与ai大模型');
    expect(fold('Llama 3 模型').text).toBe('llama 3模型');
  });

  it('can keep case and hyphens (for candidate terms)', () => {
    expect(fold('ＧＰＴ-4o', { lowerCase: false, hyphensAsSpaces: false }).text).toBe('GPT-4o');
  });
});

describe('findMentions', () => {
  it('longest match wins: 联邦学习 is not also read as 学习, and 联邦学习框架 beats 联邦学习', () => {
    const text = '联邦学习是一种学习方法；改进的联邦学习框架保护隐私。';
    expect(surfaces(text)).toEqual([
      ['联邦学习', 'technology:federated-learning'],
      ['学习', 'concept:learning'],
      ['联邦学习框架', 'technology:federated-learning'],
    ]);
    const ms = findMentions(DICT, text);
    expect(ms[1]!.start).toBe(text.indexOf('一种学习') + 2);
    expectExactSpans(text);
  });

  it('差分隐私保护 is differential privacy only, never also 隐私保护 (data privacy)', () => {
    // 差分隐私 (4) + 保护 vs 隐私保护 (4): equal lengths; the earlier one wins and the other overlaps it.
    const text = '差分隐私保护数据。数据隐私保护很重要。';
    expect(surfaces(text)).toEqual([
      ['差分隐私', 'technology:differential-privacy'],
      ['数据隐私保护', 'challenge:data-privacy'],
    ]);
  });

  it('is insensitive to full-width letters, case and spacing, and reports the exact surface', () => {
    const text = 'We combine ＲＡＧ with Federated  Learning, FEDERATED LEARNING and rag-based retrieval.';
    expect(surfaces(text)).toEqual([
      ['ＲＡＧ', 'technology:rag'],
      ['Federated  Learning', 'technology:federated-learning'],
      ['FEDERATED LEARNING', 'technology:federated-learning'],
      ['rag', 'technology:rag'],
    ]);
    expectExactSpans(text);
  });

  it('matches hyphenated and spaced spellings of one name', () => {
    expect(surfaces('Retrieval augmented generation and retrieval-Augmented-Generation')).toEqual([
      ['Retrieval augmented generation', 'technology:rag'],
      ['retrieval-Augmented-Generation', 'technology:rag'],
    ]);
  });

  it('respects word boundaries in Latin script but not in Chinese', () => {
    expect(surfaces('We leverage DPO and FLOPs; drag is not RAG.')).toEqual([['RAG', 'technology:rag']]);
    expect(surfaces('基于RAG的系统和FL训练')).toEqual([
      ['RAG', 'technology:rag'],
      ['FL', 'technology:federated-learning'],
    ]);
  });

  it('prefers the longest model name (Llama 3 over Llama) and matches across a CJK space', () => {
    expect(surfaces('Meta发布了Llama 3，而Llama系列 继续开源；联邦 学习')).toEqual([
      ['Llama 3', 'model:llama-3'],
      ['Llama系列', 'model:llama'],
      ['联邦 学习', 'technology:federated-learning'],
    ]);
  });

  it('resolves a key shared by two entities to the one whose name it is, whatever the order', () => {
    const a = { id: 'concept:b', name_zh: '对齐', name_en: 'Alignment' };
    const b = { id: 'concept:a', name_zh: '价值对齐', name_en: 'Value alignment', aliases_en: ['alignment'] };
    for (const dict of [buildDictionary([a, b]), buildDictionary([b, a])]) {
      expect(findMentions(dict, 'alignment matters').map((m) => m.entity)).toEqual(['concept:b']);
    }
    expect(isKnownTerm(DICT, 'ｒａｇ')).toBe(true);
    expect(isKnownTerm(DICT, 'LoRA')).toBe(false);
  });

  it('keeps spans exact after astral characters (surrogate pairs) and folded width', () => {
    const text = '😀𠀀ＦＬ与联邦学习';
    expect(findMentions(DICT, text).map((m) => [m.surface, m.start, m.end])).toEqual([
      ['ＦＬ', 4, 6],
      ['联邦学习', 7, 11],
    ]);
  });

  it('for any text: spans are exact, mentions never overlap, and they come in order', () => {
    const pieces = [
      '联邦学习',
      '学习',
      'ＲＡＧ',
      'rag',
      ' ',
      '  ',
      '-',
      'Federated',
      'learning',
      '差分隐私保护',
      '😀',
      'x',
      '。',
      'Llama 3',
      'FL',
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const ms = findMentions(DICT, text);
        let end = 0;
        for (const m of ms) {
          expect(text.slice(m.start, m.end)).toBe(m.surface);
          expect(m.start).toBeGreaterThanOrEqual(end);
          expect(foldTerm(m.surface)).toBe(m.key);
          end = m.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('ignores one-character keys', () => {
    const dict = buildDictionary([{ id: 'concept:x', name_zh: '学', name_en: 'X' }]);
    expect(findMentions(dict, '学习 X')).toEqual([]);
  });
});

describe('cooccurrences', () => {
  it('counts the sentences each pair shares, one pair per two entities ordered by id', () => {
    const pairs = cooccurrences([
      { passage: 's1', entities: ['b', 'a', 'a'] },
      { passage: 's2', entities: ['a', 'b', 'c'] },
      { passage: 's3', entities: ['c'] },
      { passage: 's4', entities: ['c', 'a'] },
    ]);
    expect(pairs).toEqual([
      { source: 'a', target: 'b', count: 2, passages: ['s1', 's2'] },
      { source: 'a', target: 'c', count: 2, passages: ['s2', 's4'] },
      { source: 'b', target: 'c', count: 1, passages: ['s2'] },
    ]);
  });
});

describe('findCandidates', () => {
  const opts = { known: (k: string) => DICT.keys.has(k), dismissed: new Set<string>(), limit: 50, examples: 3 };

  function candidatesOf(text: string, language: 'zh' | 'en', dismissed = new Set<string>()) {
    const masked = findMentions(DICT, text);
    return findCandidates([{ id: 's1', text, masked }], { ...opts, language, dismissed });
  }

  it('lists acronyms and capitalised names that are not in the graph', () => {
    const text =
      'We fine-tune Llama 3 with LoRA and a MoE layer, as Mistral AI did for Mixtral, unlike the Transformer of Google DeepMind.';
    const found = candidatesOf(text, 'en');
    const terms = Object.fromEntries(found.map((c) => [c.term, c.reason]));
    expect(terms).toMatchObject({ LoRA: 'acronym', MoE: 'acronym', 'Mistral AI': 'name', Mixtral: 'name', 'Google DeepMind': 'name' });
    // Known names and aliases are never proposed.
    expect(Object.keys(terms)).not.toContain('Transformer');
    expect(Object.keys(terms)).not.toContain('Llama');
    for (const c of found) for (const e of c.examples) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it("does not take an English sentence's first word, or common words, for a name", () => {
    const found = candidatesOf('Researchers met in May. However, the team used RAG. Federated Averaging was proposed.', 'en');
    expect(found.map((c) => c.term)).toEqual(['Federated Averaging']);
  });

  it('joins names across "of" and drops leading stop words', () => {
    const found = candidatesOf('The Mixture of Experts design beats dense models.', 'en');
    expect(found.map((c) => c.term)).toEqual(['Mixture of Experts']);
  });

  it('finds Latin terms (full-width too) and titles in Chinese text, excluding known aliases', () => {
    const text = '我们用ＬｏＲＡ微调Llama3，参考《注意力机制综述》，Mistral也发布了模型，RAG不算。';
    const found = candidatesOf(text, 'zh');
    expect(found.map((c) => [c.term, c.reason])).toEqual([
      ['LoRA', 'acronym'],
      ['Mistral', 'name'],
      ['注意力机制综述', 'title'],
    ]);
    const lora = found[0]!;
    expect(lora.key).toBe('lora');
    expect(lora.examples[0]!.text).toBe('ＬｏＲＡ');
  });

  it('finds Chinese terms glossed by a Latin name in parentheses, and keeps the gloss as their English name', () => {
    const text =
      '研究人员提出稀疏专家路由（SER），它比一种新型的混合专家模型（Mixture of Experts）更省算力。' +
      '我们用检索增强生成（RAG）减少幻觉，最新的模型（GPT-5）也用了稀疏专家路由（SER）。在线推理（online inference）更快。';
    const found = candidatesOf(text, 'zh');
    const glossed = found.filter((c) => c.reason === 'glossed');
    expect(glossed.map((c) => [c.term, c.gloss, c.count])).toEqual([
      ['稀疏专家路由', 'SER', 2],
      ['在线推理', 'online inference', 1],
      ['混合专家模型', 'Mixture of Experts', 1],
    ]);
    // A known term is not proposed again, and a general word before an instance (模型（GPT-5）) is no term.
    expect(found.map((c) => c.term)).not.toContain('检索增强生成');
    expect(found.map((c) => c.term)).not.toContain('模型');
    // The Latin side stays a candidate of its own; the example is the Chinese term as written.
    expect(found.find((c) => c.term === 'SER')).toMatchObject({ reason: 'acronym', count: 2 });
    for (const c of glossed) expect(c.examples[0]!.text).toBe(c.term);
  });

  it('counts repeats under one key, keeps the most frequent spelling, and honours dismissals', () => {
    const text = 'LoRA and LORA and LoRA and QLoRA.';
    const found = candidatesOf(text, 'en');
    expect(found.find((c) => c.key === 'lora')).toMatchObject({ term: 'LoRA', count: 3 });
    expect(candidatesOf(text, 'en', new Set(['lora'])).map((c) => c.key)).toEqual(['qlora']);
  });
});

describe('planDocument', () => {
  const zh = '联邦学习与差分隐私\r\n\r\n  联邦学习和差分隐私经常一起使用。联邦学习保护隐私。  \n差分隐私加噪声，ＬｏＲＡ微调。';

  it('splits passages, links mentions from sentences with exact spans, and counts co-occurrences', () => {
    const plan = planDocument({ slug: 'fl-dp', title: '联邦学习与差分隐私', language: 'zh', text: zh }, DICT);
    expect(plan.id).toBe('document:fl-dp');
    expect(plan.ns).toBe('doc:fl-dp');
    expect(plan.text).toBe('联邦学习与差分隐私\n联邦学习和差分隐私经常一起使用。联邦学习保护隐私。\n差分隐私加噪声，ＬｏＲＡ微调。');
    expect(plan.passages.map((p) => p.id)).toEqual([
      'doc:fl-dp:p1',
      'doc:fl-dp:p1:s1',
      'doc:fl-dp:p2',
      'doc:fl-dp:p2:s1',
      'doc:fl-dp:p2:s2',
      'doc:fl-dp:p3',
      'doc:fl-dp:p3:s1',
    ]);
    const byId = new Map(plan.passages.map((p) => [p.id, p]));
    for (const m of plan.mentions) {
      expect(byId.get(m.passage)!.sentence).toBeGreaterThan(0);
      expect(byId.get(m.passage)!.text.slice(m.start, m.end)).toBe(m.text);
    }
    expect(plan.mentions.filter((m) => m.entity === 'technology:federated-learning')).toHaveLength(3);
    expect(plan.cooccurrences).toEqual([
      {
        source: 'technology:differential-privacy',
        target: 'technology:federated-learning',
        count: 2,
        passages: ['doc:fl-dp:p1:s1', 'doc:fl-dp:p2:s1'],
      },
    ]);
    expect(plan.candidates.map((c) => c.term)).toEqual(['LoRA']);
    expect(plan.stats).toEqual({ paragraphs: 3, sentences: 4, mentions: 6, entities: 2, cooccurrences: 1, candidates: 1 });
  });

  it('is deterministic and ignores line-ending and blank-line differences', () => {
    const a = planDocument({ slug: 'x', title: 't', language: 'zh', text: zh }, DICT);
    const b = planDocument({ slug: 'x', title: 't', language: 'zh', text: zh.replace(/\r\n/g, '\n').replace(/\n/g, '\n\n') }, DICT);
    expect(b).toEqual(a);
  });
});

describe('slugs, ids and Markdown', () => {
  it('derives stable slugs and accepted-node ids', () => {
    expect(slugFromTitle('Federated Learning in Hospitals: A Survey')).toBe('federated-learning-in-hospitals-a-survey');
    expect(slugFromTitle('联邦学习综述')).toMatch(/^doc-[0-9a-z]+$/);
    expect(slugFromTitle('联邦学习综述')).toBe(slugFromTitle(' 联邦学习综述 '));
    // Titles that share their Latin words but not the rest get slugs of their own, each stable.
    expect(slugFromTitle('GPT-4 评测')).toMatch(/^gpt-4-[0-9a-z]+$/);
    expect(slugFromTitle('GPT-4 评测')).not.toBe(slugFromTitle('GPT-4 综述'));
    expect(slugFromTitle('GPT-4 评测')).toBe(slugFromTitle('GPT-4 评测'));
    expect(slugFromTitle('Über Café Privacy')).toBe('uber-cafe-privacy');
    // What such a title got before, where it differs: a copy stored then is looked up there.
    expect(earlierSlugFromTitle('GPT-4 评测')).toBe('gpt-4');
    expect(earlierSlugFromTitle('Federated learning')).toBeNull();
    expect(earlierSlugFromTitle('联邦学习综述')).toBeNull();
    expect(slugFromTitle(`${'Long title '.repeat(10)}长`).length).toBeLessThanOrEqual(60);
    expect(acceptedNodeId('Technology', 'fl-dp', 'LoRA')).toBe('technology:doc-fl-dp/lora');
    expect(acceptedNodeId('Organization', 'fl-dp', 'Mistral AI')).toBe('org:doc-fl-dp/mistral-ai');
    expect(acceptedNodeId('Concept', 'x', '注意力机制')).toBe('concept:doc-x/注意力机制');
  });

  it('reduces Markdown to its text, line for line, and offers the first heading as the title', () => {
    const md = [
      '---',
      'author: someone',
      '---',
      '# Federated **learning** notes',
      '',
      '- Uses [differential privacy](https://example.org) and `LoRA`.',
      '```',
      'code is dropped',
      '```',
      '> *Quoted* text',
      '| a | b |',
      '|---|---|',
      '| c | d |',
    ].join('\n');
    const plain = markdownToText(md);
    expect(plain.title).toBe('Federated learning notes');
    expect(plain.text.split('\n').filter(Boolean)).toEqual([
      'Federated learning notes',
      'Uses differential privacy and LoRA.',
      'Quoted text',
      'a  b',
      'c  d',
    ]);
  });
});
