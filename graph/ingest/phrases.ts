/**
 * graph/ingest/phrases — the phrases a document repeats: the terms it introduces without a gloss or capitals.
 *
 * Chinese writes no spaces and rarely glosses a term, so a new term (稀疏注意力, 推测解码, 键值缓存) shows
 * itself by recurring. The text is cut into words by the platform's word segmenter (ICU's dictionary, through
 * Intl.Segmenter — no model to ship), and runs of consecutive Han words are counted as phrases:
 *
 * - a phrase is one to five words, two to eight characters, inside one sentence and one run of Han
 *   script (punctuation, Latin, digits and spans already matched as known entities end a run), and not
 *   against Latin letters or digits, where a name in mixed script goes on (小小AI学通信);
 * - it neither starts nor ends with a function word, a pronoun, a measure word or a word that leads a
 *   clause (的, 在, 通过, 提升, 可以 …), and holds no particle or preposition inside (X的Y is a phrase
 *   about X, not a name);
 * - a single word counts only from three characters on (注意力, 智能体), as the segmenter's two-character
 *   words are the language's everyday words;
 * - it recurs: at least `minCount` times;
 * - it is not always part of a longer phrase that also recurs (思维链 inside 思维链提示, each twice, gives
 *   思维链提示 alone).
 *
 * The segmenter's dictionary splits words it does not know into characters (显|存, 缓|存), which is why a
 * phrase is measured in characters as well as words.
 *
 * English writes its terms in lower case as often as not (speculative decoding, key-value cache), where
 * capitals cannot find them. Words are tagged by compromise's part-of-speech tagger, and a term is two to
 * four words of adjectives and nouns (a gerund after the first: federated learning, chain-of-thought
 * prompting) ending in a noun, counted regardless of case, with the same rules of recurrence and of
 * longer phrases as in Chinese.
 */
import nlp from 'compromise/two';
import { LRUCache } from 'lru-cache';
import { isSpacedWordChar } from './normalize';

/** What both languages' phrase finders take. */
interface RecurrenceOptions {
  /** The fewest occurrences a phrase needs. */
  minCount: number;
  /** Sentences are read until this many characters (the plan runs on the server's one event loop). */
  maxTextChars: number;
  /**
   * Phrases to leave out before longer ones hide their parts: known names and dismissed terms (dismissing
   * 思维链提示 lets 思维链 be proposed).
   */
  exclude?: (phrase: string) => boolean;
}

export interface PhraseOptions extends RecurrenceOptions {
  /** The most characters a phrase may have; longer runs are clauses more often than names. */
  maxChars: number;
  /** The most segmenter words a phrase may join. */
  maxWords: number;
}

export const DEFAULT_PHRASE_OPTIONS: PhraseOptions = { minCount: 2, maxChars: 8, maxWords: 5, maxTextChars: 200_000 };

export interface PhraseOccurrence {
  /** Index of the text (sentence) it is in. */
  text: number;
  from: number;
  to: number;
}

export interface Phrase {
  phrase: string;
  occurrences: PhraseOccurrence[];
}

/** Particles, prepositions and conjunctions: never inside a name, nor at either end of one. */
const INNER_STOP = new Set(
  '的 地 得 了 着 过 是 在 和 与 及 或 并 而 也 都 就 被 把 将 对 从 向 为 以 于 由 让 使 给 跟 同 之 所 即'.split(' '),
);

/**
 * Words a name neither starts nor ends with: pronouns, determiners, numerals and measure words, modal and
 * degree words, adverbs, and the verbs that lead or close a clause about a term (提升长上下文, 与稀疏注意力结合).
 * Nouns that end many terms (问题, 能力, 技术, 模型) and verbs that head or end them as nouns (训练数据, 应用场景,
 * 端侧部署) are not among them.
 */
const EDGE_STOP = new Set(
  (
    '这 那 此 其 该 各 每 某 本 这些 那些 这种 那种 这类 这个 那个 一 二 三 两 几 个 种 类 些 项 次 位 很 更 最 较 太 ' +
    '更多 多种 各种 各类 很多 许多 诸多 不同 随着 朝 朝着 向着 往 逐渐 正 仍 仍然 还 再 又 才 只 只有 仅 仅仅 均 共同 一直 ' +
    '继续 趋向 构成 预计 发展 ' +
    '非常 十分 极 越 不 没 没有 无 未 非 已 已经 正在 曾 曾经 将要 会 能 可 要 应 须 需 需要 可以 能够 应该 必须 可能 ' +
    '中 上 下 内 外 前 后 时 间 里 方面 之间 之中 之后 之前 以来 以上 以下 等 等等 们 我 你 他 她 它 我们 你们 他们 它们 自己 ' +
    '如何 怎样 什么 为何 哪些 如果 虽然 但是 但 然而 因为 所以 因此 从而 进而 同时 此外 另外 而且 并且 以及 或者 还是 ' +
    '首先 其次 最后 例如 比如 尤其 特别 特别是 包括 主要 重要 显著 广泛 逐步 进一步 不断 持续 大量 大幅 有效 明显 相关 ' +
    '近年 近年来 目前 当前 如今 未来 过去 现在 今年 去年 与此同时 总之 一方面 另一方面 越来越 ' +
    '提出 发布 推出 开发 研发 引入 采用 使用 利用 通过 基于 结合 借助 依靠 称为 叫做 名为 所谓 尝试 探索 构建 ' +
    '打造 支持 实现 推动 提升 提高 降低 减少 增加 加速 依赖 出现 成为 作为 包含 涉及 选择 改进 融合 整合 运用 表明 显示 ' +
    '指出 认为 发现 证明 说明 进行 带来 导致 造成 面临 解决 受到 得到 获得 具有 存在 产生 形成 用于 用来 有助于 取决于 ' +
    '节省 关注 使得 保持 保证 确保 提供 给予 允许'
  ).split(' '),
);

/** Three-character words of everyday writing that are not terms. */
const COMMON_WORDS = new Set(
  '真的是 进一步 越来越 与此同时 一方面 另一方面 总而言之 换句话说 也就是说 不仅如此 事实上 实际上 总的来说 一般来说 比如说 近年来 大多数 有可能 不可能'.split(
    ' ',
  ),
);

/** Characters a name does not start with: particles, prepositions, demonstratives, ordinals and large numerals (十大挑战, 亿美元). */
const FIRST_CHAR_STOP = new Set([...'的了着地得是在和与及或并而也都就被把将对从向为以于由让使给之所这那此其该各每某第十百千万亿']);
/** Characters a name does not end with: particles and prepositions (过程中的). */
const LAST_CHAR_STOP = new Set([...'的了着地得是在和与及或并而也都就被把将对从向为以于由让使给之所']);

const HAN_WORD = /^\p{Script=Han}+$/u;

let segmenter: Intl.Segmenter | undefined;

/** The platform's Chinese word segmenter, made once (also cuts a glossed term's lead in ./candidates). */
export function chineseWords(text: string): Intl.SegmentData[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(text)];
}

interface Word {
  text: string;
  from: number;
  to: number;
}

/** The runs of consecutive Han words of a text, each word with its offsets. */
function hanRuns(text: string): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  for (const s of chineseWords(text)) {
    if (HAN_WORD.test(s.segment)) {
      run.push({ text: s.segment, from: s.index, to: s.index + s.segment.length });
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function isStop(word: string): boolean {
  return INNER_STOP.has(word) || EDGE_STOP.has(word);
}

/**
 * Whether the segmenter cut a word it does not know into characters at this edge: a one-character word
 * beside another one-character word that is not a function word (开|源|模型 gives no 源模型, 合|规|性 no 合规).
 */
function cutAt(word: Word, beside: Word | undefined): boolean {
  return word.text.length === 1 && beside !== undefined && beside.text.length === 1 && !isStop(beside.text);
}

function admissible(words: readonly Word[]): boolean {
  const first = words[0]!.text;
  const last = words[words.length - 1]!.text;
  if (isStop(first) || isStop(last)) return false;
  if (FIRST_CHAR_STOP.has(first[0]!) || LAST_CHAR_STOP.has(last[last.length - 1]!)) return false;
  if (words.length === 1) return first.length >= 3 && !COMMON_WORDS.has(first);
  for (let i = 1; i < words.length - 1; i++) if (INNER_STOP.has(words[i]!.text)) return false;
  return true;
}

/**
 * The Chinese phrases that recur across `texts` (a document's sentences, known entities masked out), most
 * frequent first, each with where it occurs.
 */
export function recurringPhrases(texts: readonly string[], options: Partial<PhraseOptions> = {}): Phrase[] {
  const opts = { ...DEFAULT_PHRASE_OPTIONS, ...options };
  const found = new Map<string, PhraseOccurrence[]>();
  const apart = new Set<string>();
  let read = 0;
  texts.forEach((text, index) => {
    read += text.length;
    if (read > opts.maxTextChars) return;
    for (const run of hanRuns(text)) {
      for (let i = 0; i < run.length; i++) {
        for (let j = i; j < run.length && j - i < opts.maxWords; j++) {
          const from = run[i]!.from;
          const to = run[j]!.to;
          if (to - from > opts.maxChars) break;
          if (to - from < 2) continue;
          const words = run.slice(i, j + 1);
          if (!admissible(words) || cutAt(run[i]!, run[i - 1]) || cutAt(run[j]!, run[j + 1])) continue;
          // Against Latin letters or digits the run goes on in another script: 小小AI学通信 names no 学通信.
          if ((from > 0 && isSpacedWordChar(text[from - 1]!)) || (to < text.length && isSpacedWordChar(text[to]!))) continue;
          const phrase = text.slice(from, to);
          if (words.length === 2 && to - from === 2) apart.add(phrase);
          let list = found.get(phrase);
          if (!list) found.set(phrase, (list = []));
          list.push({ text: index, from, to });
        }
      }
    }
  });
  // Two characters the segmenter left apart (显|存) are as often an unknown everyday word (涵|盖) as a term:
  // they need one occurrence more.
  const recurring = [...found].filter(
    ([phrase, list]) => list.length >= opts.minCount + (apart.has(phrase) ? 1 : 0) && !opts.exclude?.(phrase),
  );
  return longest(recurring.map(([phrase, occurrences]) => ({ key: phrase, phrase, occurrences })));
}

/**
 * The recurring phrases that are not always part of a longer recurring one (a phrase never found but inside
 * a longer one is that phrase's part, not a term of its own), most frequent first. Each phrase's parts are
 * listed once (a Chinese phrase's substrings, an English phrase's runs of words), so the cost grows with the
 * number of phrases, not its square.
 */
function longest(recurring: readonly (Phrase & { key: string })[]): Phrase[] {
  const counts = new Map(recurring.map((p) => [p.key, p.occurrences.length]));
  const parts = new Set<string>();
  for (const q of recurring) {
    const han = /\p{Script=Han}/u.test(q.key);
    const units = han ? [...q.key] : q.key.split(' ');
    const join = han ? '' : ' ';
    for (let i = 0; i < units.length; i++)
      for (let j = i + 1; j <= units.length; j++) {
        if (j - i === units.length) continue;
        const part = units.slice(i, j).join(join);
        if ((counts.get(part) ?? Infinity) <= q.occurrences.length) parts.add(part);
      }
  }
  return recurring
    .filter((p) => !parts.has(p.key))
    .map(({ phrase, occurrences }) => ({ phrase, occurrences }))
    .sort((a, b) => b.occurrences.length - a.occurrences.length || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
}

/**
 * English tagging costs about 2 ms per 100 characters the first time (a 2-core Xeon: 1 s for 45 KB of
 * prose), so the default reads 100,000 characters; a term a long document repeats recurs in them as well.
 */
export interface EnglishPhraseOptions extends RecurrenceOptions {
  /** The fewest and most words (a hyphenated compound is one). */
  minWords: number;
  maxWords: number;
}

export const DEFAULT_ENGLISH_PHRASE_OPTIONS: EnglishPhraseOptions = { minCount: 2, minWords: 2, maxWords: 4, maxTextChars: 100_000 };

/** Adjectives of size, degree, order and number that open noun phrases but not names (a small model, new methods). */
const EN_OPENING_STOP = new Set(
  (
    'small large big low high new old good bad better best worse worst many more most much less least few several various ' +
    'certain such other same different own first second third last next main major minor important significant recent current ' +
    'further additional possible whole overall total entire each every all some any both similar previous following early late ' +
    'key specific general common particular typical simple complex real true full single multiple'
  ).split(' '),
);

/** Nouns too vague to end a term (a number of ways). */
const EN_CLOSING_STOP = new Set(
  'way ways thing things lot lots kind kinds sort sorts type types number part parts example examples case cases'.split(' '),
);

/** Function words, whatever a tagger reading a short fragment makes of them. */
const EN_FUNCTION = new Set(
  (
    'the a an this that these those its it their our your his her my we they he she you i and or but nor of in on at by for ' +
    'with from to as into onto than then so if not no via per under over above below between among within without about ' +
    'across after before during since until upon'
  ).split(' '),
);

/** Parts of speech a term is made of; others (verbs, determiners, pronouns, numbers) end a run. */
const TERM_TAGS = ['Noun', 'Adjective', 'Gerund'];

interface Token {
  text: string;
  from: number;
  to: number;
  tags: readonly string[];
  /** Joined to the next token by a hyphen (key-value). */
  hyphenNext: boolean;
  /** Joined to the next token by one space, nothing else between. */
  spaceNext: boolean;
}

type TaggedTerm = { text: string; pre: string; post: string; tags: string[]; offset: { start: number; length: number } };

/**
 * Sentences tagged lately, by text: a document is planned again at each accepted or dismissed term, and
 * tagging is most of an English plan's time (about 1 s for 45 KB of prose on a 2-core Xeon); only the
 * sentences that hold the newly accepted term (masked now) change between two plans.
 */
const tagged = new LRUCache<string, TaggedTerm[][]>({ max: 20_000 });

function tag(text: string): TaggedTerm[][] {
  let terms = tagged.get(text);
  if (!terms) {
    // Only what a run is read from is kept (compromise's own JSON is some 3 KB a sentence).
    terms = (nlp(text).json({ offset: true, terms: { offset: true } }) as { terms: TaggedTerm[] }[]).map((s) =>
      s.terms.map((t) => ({
        text: t.text,
        pre: t.pre,
        post: t.post,
        tags: t.tags.filter((tag) => TERM_TAGS.includes(tag)),
        offset: { start: t.offset.start, length: t.offset.length },
      })),
    );
    tagged.set(text, terms);
  }
  return terms;
}

/** The runs of tokens that may make up a term; a masked span (U+FFFF, a known entity) is no token and ends one. */
function englishRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const sentence of tag(text)) {
    let skipping = false;
    for (const t of sentence) {
      const token: Token = {
        text: t.text,
        from: t.offset.start,
        to: t.offset.start + t.offset.length,
        tags: t.tags,
        hyphenNext: t.post === '-',
        spaceNext: t.post === ' ',
      };
      // The rest of a compound whose first part is no word of a term (1-bit, non-linear) is none either.
      if (skipping) {
        skipping = t.post === '-';
        close();
        continue;
      }
      // Punctuation before a word, as in "(RSS", opens another run.
      if (t.pre !== '') close();
      const prev = run[run.length - 1];
      // Inside a hyphenated compound every part belongs (chain-of-thought), whatever its tag.
      const inCompound = prev?.hyphenNext === true;
      const eligible =
        /^[A-Za-z]+$/.test(t.text) &&
        (inCompound || (!EN_FUNCTION.has(t.text.toLowerCase()) && TERM_TAGS.some((tag) => t.tags.includes(tag))));
      if (!eligible) {
        // A compound cut short is no part of a term.
        if (inCompound) while (run.length > 0 && run[run.length - 1]!.hyphenNext) run.pop();
        close();
        skipping = t.post === '-';
        continue;
      }
      run.push(token);
      if (!token.hyphenNext && !token.spaceNext) close();
    }
    close();
  }
  return runs;
}

/** The words of a run: hyphenated compounds joined, each with the tokens it spans. */
function englishWords(run: readonly Token[]): Token[][] {
  const words: Token[][] = [];
  let word: Token[] = [];
  for (const t of run) {
    word.push(t);
    if (!t.hyphenNext) {
      words.push(word);
      word = [];
    }
  }
  if (word.length > 0) words.push(word);
  return words;
}

function admissibleEnglish(words: readonly Token[][]): boolean {
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const firstWord = first.map((t) => t.text.toLowerCase()).join('-');
  const lastToken = last[last.length - 1]!;
  // A gerund opens a clause (sharing patient records), not a term; the term ends in a noun (or a gerund: federated learning).
  if (first.length === 1 && first[0]!.tags.includes('Gerund')) return false;
  if (EN_OPENING_STOP.has(firstWord)) return false;
  if (last.length === 1 && !lastToken.tags.includes('Noun') && !lastToken.tags.includes('Gerund')) return false;
  return !EN_CLOSING_STOP.has(lastToken.text.toLowerCase());
}

/**
 * The English phrases that recur across `texts` (a document's sentences, known entities masked out with
 * U+FFFF), most frequent first, each with where it occurs; case is ignored in counting, and a phrase is
 * spelled in lower case when the text ever writes it so (a capital opening a sentence or a title is no part
 * of a term's spelling), else as most of its occurrences are.
 */
export function recurringEnglishPhrases(texts: readonly string[], options: Partial<EnglishPhraseOptions> = {}): Phrase[] {
  const opts = { ...DEFAULT_ENGLISH_PHRASE_OPTIONS, ...options };
  const found = new Map<string, { spellings: Map<string, number>; occurrences: PhraseOccurrence[] }>();
  let read = 0;
  texts.forEach((text, index) => {
    read += text.length;
    if (read > opts.maxTextChars) return;
    for (const run of englishRuns(text)) {
      const words = englishWords(run);
      for (let i = 0; i < words.length; i++) {
        for (let j = i + opts.minWords - 1; j < words.length && j - i < opts.maxWords; j++) {
          const span = words.slice(i, j + 1);
          if (!admissibleEnglish(span)) continue;
          const from = span[0]![0]!.from;
          const last = span[span.length - 1]!;
          const to = last[last.length - 1]!.to;
          const phrase = text.slice(from, to);
          const key = phrase.toLowerCase();
          let entry = found.get(key);
          if (!entry) found.set(key, (entry = { spellings: new Map(), occurrences: [] }));
          entry.spellings.set(phrase, (entry.spellings.get(phrase) ?? 0) + 1);
          entry.occurrences.push({ text: index, from, to });
        }
      }
    }
  });
  const recurring = [...found]
    .filter(([key, e]) => e.occurrences.length >= opts.minCount && !opts.exclude?.(key))
    .map(([key, e]) => {
      const phrase = e.spellings.has(key) ? key : [...e.spellings].sort((a, b) => b[1] - a[1])[0]![0];
      return { key, phrase, occurrences: e.occurrences };
    });
  return longest(recurring);
}
