/**
 * test/unit/ingest-phrases — the Chinese phrases a document repeats, proposed as candidate terms when the
 * text neither glosses them nor sets them in 《》.
 */
import { describe, expect, it } from 'vitest';
import {
  type DictionaryEntity,
  buildDictionary,
  findCandidates,
  findMentions,
  recurringEnglishPhrases,
  recurringPhrases,
} from '../../graph/ingest';

/** Sentences on new techniques, none of them glossed: the way a Chinese article introduces its terms. */
const SENTENCES = [
  '近年来，稀疏注意力机制成为提升长上下文处理能力的重要方向。',
  '稀疏注意力通过只计算部分词元之间的关联，显著降低了计算复杂度。',
  '与此同时，推测解码被广泛用于加速大模型推理。',
  '推测解码先由小模型起草，再由大模型并行验证，从而减少推理延迟。',
  '思维链提示让模型逐步推理，提高了复杂问题的准确率。',
  '研究表明，思维链提示与检索增强生成结合，可以进一步减少幻觉。',
  '长上下文窗口的扩展也带来显存压力，键值缓存的压缩因此受到关注。',
  '键值缓存压缩与稀疏注意力结合，能够在长上下文场景下节省显存。',
];

const phrasesOf = (texts: readonly string[], minCount = 2) =>
  Object.fromEntries(recurringPhrases(texts, { minCount }).map((p) => [p.phrase, p.occurrences.length]));

describe('recurringPhrases', () => {
  it('finds the terms a text repeats, each where it stands', () => {
    const found = recurringPhrases(SENTENCES);
    expect(Object.fromEntries(found.map((p) => [p.phrase, p.occurrences.length]))).toEqual({
      稀疏注意力: 3,
      长上下文: 3,
      大模型: 2,
      思维链提示: 2,
      推测解码: 2,
      键值缓存: 2,
    });
    // Most frequent first, and every occurrence is the phrase's exact span.
    expect(found[0]!.occurrences.length).toBe(3);
    for (const p of found) for (const o of p.occurrences) expect(SENTENCES[o.text]!.slice(o.from, o.to)).toBe(p.phrase);
  });

  it('drops a phrase that only occurs inside a longer recurring one, and keeps one that also stands alone', () => {
    // 思维链 twice, both inside 思维链提示: the longer phrase alone. 注意力 three times, always in 稀疏注意力.
    const found = phrasesOf(SENTENCES);
    expect(found).not.toHaveProperty('思维链');
    expect(found).not.toHaveProperty('注意力');
    // 稀疏注意力 once more on its own than in 稀疏注意力机制 (which recurs twice here): both.
    expect(phrasesOf([...SENTENCES, '稀疏注意力机制仍在改进，稀疏注意力机制的代价更低。'])).toMatchObject({
      稀疏注意力: 5,
      稀疏注意力机制: 3,
    });
  });

  it('takes no phrase that starts or ends with a function word, a leading verb or an adverb, nor one with a particle inside', () => {
    const found = Object.keys(phrasesOf(['提升推理速度的方法很多。', '提升推理速度的方法很多。', '我们提升推理速度。'], 2));
    expect(found).toEqual(['推理速度']);
    // Nouns and verbs-as-nouns at either end are part of terms: 训练数据, 端侧部署.
    expect(phrasesOf(['高质量训练数据稀缺。', '训练数据的版权。', '端侧部署降低延迟。', '端侧部署需要压缩。'])).toMatchObject({
      训练数据: 2,
      端侧部署: 2,
    });
    // X的Y is a phrase about X: 推理的速度 twice is no term.
    expect(Object.keys(phrasesOf(['模型推理的速度。', '模型推理的速度。']))).not.toContain('推理的速度');
  });

  it('takes no everyday two-character word, and a split one only from three occurrences', () => {
    // 计算, 推理 and 减少 recur but are single everyday words; 显存 (split 显|存 by the segmenter) recurs twice.
    const found = phrasesOf(SENTENCES);
    for (const word of ['计算', '推理', '减少', '显存']) expect(found).not.toHaveProperty(word);
    expect(phrasesOf([...SENTENCES, '显存不足时只能换更大的显卡。'])).toMatchObject({ 显存: 3 });
  });

  it('does not cut into a word the segmenter split into characters, nor into a name in mixed script', () => {
    // 开|源|模型 and 闭|源|模型: 开源模型 and 闭源模型, never 源模型 (which would recur in both).
    const found = phrasesOf(['开源模型与闭源模型并存。', '开源模型追赶闭源模型。', '小小AI学通信发布了文章。', '作者小小AI学通信。']);
    expect(found).toMatchObject({ 开源模型: 2, 闭源模型: 2 });
    expect(found).not.toHaveProperty('源模型');
    expect(found).not.toHaveProperty('学通信');
  });

  it('leaves out numbered phrases and counts a phrase across runs only where it is whole', () => {
    const found = phrasesOf(['十大挑战之一是能耗。', '十大挑战之二是成本。', '花费100亿美元，又花费200亿美元。']);
    expect(found).not.toHaveProperty('十大挑战');
    expect(found).not.toHaveProperty('亿美元');
  });

  it('leaves out excluded phrases before longer ones hide their parts, and reads up to maxTextChars', () => {
    // 思维链 only ever stands in 思维链提示; with that excluded (dismissed), 思维链 is a phrase again.
    expect(phrasesOf(SENTENCES)).not.toHaveProperty('思维链');
    const without = Object.fromEntries(
      recurringPhrases(SENTENCES, { exclude: (p) => p === '思维链提示' }).map((p) => [p.phrase, p.occurrences.length]),
    );
    expect(without).toMatchObject({ 思维链: 2 });
    expect(without).not.toHaveProperty('思维链提示');
    // The first two sentences hold 稀疏注意力 twice; 长上下文 only once by then.
    const two = SENTENCES[0]!.length + SENTENCES[1]!.length;
    expect(recurringPhrases(SENTENCES, { maxTextChars: two }).map((p) => p.phrase)).toEqual(['稀疏注意力']);
  });

  it('asks for as many occurrences as minCount says', () => {
    expect(phrasesOf(SENTENCES, 3)).toEqual({ 稀疏注意力: 3, 长上下文: 3 });
  });
});

/** The same techniques as an English article writes them: in lower case, unglossed, some hyphenated. */
const ENGLISH = [
  'Hospitals use federated learning to train models without sharing patient records.',
  'Speculative decoding lets a small draft model propose tokens that a large model verifies in parallel.',
  'With speculative decoding, inference latency drops by half.',
  'Sparse attention reduces the cost of long context windows, and the key-value cache grows with the context length.',
  'Compressing the key-value cache with sparse attention saves memory.',
  'Chain-of-thought prompting improves accuracy on hard problems; chain-of-thought prompting with retrieval reduces hallucinations.',
  'The draft model must be small.',
  'Inference latency matters for real-time applications, and real-time applications need low inference latency.',
  'A number of ways exist, and a number of ways remain.',
];

describe('recurringEnglishPhrases', () => {
  const found = recurringEnglishPhrases(ENGLISH);
  const byPhrase = Object.fromEntries(found.map((p) => [p.phrase, p.occurrences.length]));

  it('finds the noun phrases a text repeats, in any case, each where it stands', () => {
    expect(byPhrase).toEqual({
      'inference latency': 3,
      'chain-of-thought prompting': 2,
      'draft model': 2,
      'key-value cache': 2,
      'real-time applications': 2,
      'sparse attention': 2,
      'speculative decoding': 2,
    });
    // Spelled in lower case, counted with the capitalised sentence openings (two of three here).
    expect(
      recurringEnglishPhrases([...ENGLISH, 'Speculative decoding again.']).find(
        (p) => p.occurrences.length === 3 && p.phrase.endsWith('decoding'),
      )?.phrase,
    ).toBe('speculative decoding');
    const spans = found.find((p) => p.phrase === 'speculative decoding')!.occurrences.map((o) => ENGLISH[o.text]!.slice(o.from, o.to));
    expect(spans).toEqual(['Speculative decoding', 'speculative decoding']);
  });

  it('leaves out verbs, a gerund opening a clause, opening adjectives of size and vague closing nouns', () => {
    for (const phrase of ['small draft model', 'number', 'ways', 'sharing patient records', 'latency drops'])
      expect(byPhrase).not.toHaveProperty(phrase);
    // Twice each: "small models" opens with a size, "edge cases" closes on a vague noun; "vector databases" is a term.
    const more = recurringEnglishPhrases([
      'Small models run on phones; edge cases remain.',
      'The small models run on laptops, and edge cases fail.',
      'Vector databases store embeddings. Vector databases grow.',
      // A gerund opens the clause, not the term; a compound cut short by a number (GPT-4) is no part of one.
      'Hospitals train models without sharing patient records.',
      'Clinics learn together without sharing patient records.',
      'Labs publish open GPT-4 weights, and others publish open GPT-4 weights too.',
    ]);
    expect(more.map((p) => p.phrase).sort()).toEqual(['Vector databases', 'patient records']);
  });

  it('reads sentences up to maxTextChars only', () => {
    const upTo = (maxTextChars: number) => recurringEnglishPhrases(ENGLISH, { maxTextChars }).map((p) => p.phrase);
    // The first three sentences hold speculative decoding twice; the fourth and fifth hold sparse attention.
    const three = ENGLISH.slice(0, 3).join('').length;
    expect(upTo(three)).toEqual(['speculative decoding']);
    expect(upTo(three + ENGLISH[3]!.length + ENGLISH[4]!.length)).toEqual(['key-value cache', 'sparse attention', 'speculative decoding']);
  });

  it('neither cuts a hyphenated compound nor counts across a masked span', () => {
    expect(byPhrase).not.toHaveProperty('value cache');
    expect(byPhrase).not.toHaveProperty('thought prompting');
    // A compound whose first part is no word of a term leaves none of its parts to one (1-bit).
    const bits = recurringEnglishPhrases(['We use 1-bit quantization here.', 'Again 1-bit quantization helps.']).map((p) => p.phrase);
    expect(bits).toEqual([]);
    // A known entity masked between two words (U+FFFF) parts them.
    const masked = recurringEnglishPhrases(['the sparse \uffff\uffff cache grows', 'the sparse \uffff\uffff cache shrinks']);
    expect(masked).toEqual([]);
  });
});

describe('recurring phrases among the candidates', () => {
  const ENTITIES: DictionaryEntity[] = [
    { id: 'technology:rag', name_zh: '检索增强生成', name_en: 'RAG', aliases_zh: [], aliases_en: [] },
    { id: 'challenge:hallucination', name_zh: '幻觉', name_en: 'Hallucination', aliases_zh: [], aliases_en: [] },
    { id: 'concept:long-context', name_zh: '长上下文', name_en: 'Long context', aliases_zh: [], aliases_en: [] },
  ];
  const DICT = buildDictionary(ENTITIES);
  const candidatesOf = (sentences: readonly string[], dismissed: ReadonlySet<string> = new Set()) =>
    findCandidates(
      sentences.map((text, i) => ({ id: `s${i}`, text, masked: findMentions(DICT, text) })),
      { known: (k) => DICT.keys.has(k), dismissed, language: 'zh', limit: 50, examples: 2 },
    );

  it('proposes what the text repeats, not what the graph knows, nor a general word, nor a dismissed term', () => {
    const found = candidatesOf(SENTENCES, new Set(['键值缓存']));
    expect(found.filter((c) => c.reason === 'recurring').map((c) => [c.term, c.count])).toEqual([
      ['稀疏注意力', 3],
      ['思维链提示', 2],
      ['推测解码', 2],
    ]);
    // 长上下文 is a known name (masked before phrases are counted), 大模型 too general, 键值缓存 dismissed.
    const terms = found.map((c) => c.term);
    for (const term of ['长上下文', '大模型', '键值缓存']) expect(terms).not.toContain(term);
    const sparse = found.find((c) => c.term === '稀疏注意力')!;
    expect(sparse.examples).toHaveLength(2);
    for (const e of sparse.examples) expect(SENTENCES[Number(e.passage.slice(1))]!.slice(e.start, e.end)).toBe('稀疏注意力');
  });

  it("proposes an English document's noun phrases, not in a Chinese one", () => {
    const english = findCandidates(
      ENGLISH.map((text, i) => ({ id: `e${i}`, text, masked: findMentions(DICT, text) })),
      { known: (k) => DICT.keys.has(k), dismissed: new Set(['draft model']), language: 'en', limit: 50, examples: 1 },
    );
    const recurring = english.filter((c) => c.reason === 'recurring');
    expect(recurring.map((c) => [c.term, c.key, c.count])).toEqual([
      ['inference latency', 'inference latency', 3],
      ['chain-of-thought prompting', 'chain of thought prompting', 2],
      ['key-value cache', 'key value cache', 2],
      ['real-time applications', 'real time applications', 2],
      ['sparse attention', 'sparse attention', 2],
      ['speculative decoding', 'speculative decoding', 2],
    ]);
    expect(recurring[0]!.examples[0]).toMatchObject({ passage: 'e2', text: 'inference latency', sentence: ENGLISH[2] });
    const chinese = findCandidates(
      ENGLISH.map((text, i) => ({ id: `e${i}`, text, masked: [] })),
      { known: () => false, dismissed: new Set(), language: 'zh', limit: 50, examples: 1 },
    );
    expect(chinese.filter((c) => c.reason === 'recurring')).toEqual([]);
  });

  it('keeps names met once beside many repeated phrases when the candidates are capped', () => {
    // Eight repeated phrases (three times each) and six acronyms met once, capped at six places.
    const terms = ['稀疏注意力', '推测解码', '键值缓存', '思维链提示', '混合专家', '模型蒸馏', '低秩适配', '位置编码'];
    const sentences = terms.flatMap((t) => [`${t}值得关注。`, `我们讨论${t}的进展。`, `近年${t}发展迅速。`]);
    const acronyms = ['KVC', 'MLA', 'GQA', 'SWA', 'PPO', 'DPO'];
    sentences.push(...acronyms.map((a) => `作者提出了${a}方法。`));
    const all = candidatesOf(sentences);
    expect(
      all
        .filter((c) => c.reason === 'recurring')
        .map((c) => c.term)
        .sort(),
    ).toEqual([...terms].sort());
    expect(
      all
        .filter((c) => c.reason === 'acronym')
        .map((c) => c.term)
        .sort(),
    ).toEqual([...acronyms].sort());
    const capped = findCandidates(
      sentences.map((text, i) => ({ id: `s${i}`, text, masked: findMentions(DICT, text) })),
      { known: (k) => DICT.keys.has(k), dismissed: new Set(), language: 'zh', limit: 6, examples: 1 },
    );
    expect(capped.map((c) => c.reason)).toEqual(['recurring', 'recurring', 'recurring', 'acronym', 'acronym', 'acronym']);
    expect(capped.slice(0, 3).every((c) => c.count === 3)).toBe(true);
    // Without rivals a kind takes every place.
    const phrasesOnly = findCandidates(
      sentences.slice(0, 24).map((text, i) => ({ id: `s${i}`, text, masked: [] })),
      { known: () => false, dismissed: new Set(), language: 'zh', limit: 6, examples: 1 },
    );
    expect(phrasesOnly.map((c) => c.reason)).toEqual(Array(6).fill('recurring'));
  });

  it('proposes the part of a dismissed phrase that recurs on its own account', () => {
    const terms = candidatesOf(SENTENCES, new Set(['思维链提示'])).map((c) => c.term);
    expect(terms).toContain('思维链');
    expect(terms).not.toContain('思维链提示');
    expect(candidatesOf(SENTENCES).map((c) => c.term)).not.toContain('思维链');
  });

  it('keeps the stronger reason of a phrase the text also glosses', () => {
    const found = candidatesOf(['混合专家模型（MoE）很省算力。', '混合专家模型（MoE）的路由更稳定。', '混合专家模型正在普及。']);
    const moe = found.filter((c) => c.term === '混合专家模型');
    expect(moe).toHaveLength(1);
    expect(moe[0]).toMatchObject({ reason: 'glossed', gloss: 'MoE' });
  });
});
