/**
 * graph/ingest/candidates — terms that look like entities but are not in the graph.
 *
 * Listed for the analyst to accept as new nodes, never added silently:
 *
 * - acronym: a Latin-script token with two or more capitals and at least as
 *   many capitals as lower-case letters (LoRA, MoE, RLHF, vLLM, GPT-4o), or a
 *   capital with digits (T5, H100);
 * - name: two or more capitalised words in a row ("Federated Averaging",
 *   "Mixture of Experts"), a CamelCase word (DeepMind), or a single
 *   capitalised word that does not open an English sentence (… released Mixtral);
 * - title: a title in Chinese book-title marks (《…》);
 * - glossed: a Chinese term glossed by a Latin name or acronym in parentheses
 *   (混合专家模型（MoE）), the gloss kept beside it as its English name; the
 *   term starts after the last word that leads one (的, 了, 提出, 采用, 一种 …),
 *   so 研究人员提出稀疏专家路由（SER） gives 稀疏专家路由;
 * - recurring: a Chinese phrase the document repeats without a gloss
 *   (稀疏注意力, 推测解码), or in an English document a noun phrase it
 *   repeats in any case (speculative decoding, key-value cache; see
 *   ./phrases), when no other reason names it.
 *
 * Text already matched as a known entity is masked first, and a term whose
 * folded form is a known name or alias is dropped, so nothing the graph
 * already knows is proposed again.
 */
import { fold, foldTerm, isSpacedWordChar, originalSpan } from './normalize';
import { chineseWords, recurringEnglishPhrases, recurringPhrases } from './phrases';
import { type AcceptKind, suggestedKind } from './suggested-kind';

export const CANDIDATE_REASONS = ['acronym', 'name', 'title', 'glossed', 'recurring'] as const;
export type CandidateReason = (typeof CANDIDATE_REASONS)[number];

export interface CandidateExample {
  passage: string;
  /** Offsets in the passage text. */
  start: number;
  end: number;
  text: string;
  /** The sentence (the passage's text) the term stands in, so an analyst judges it in context; absent from candidates stored before it was kept. */
  sentence?: string;
}

export interface Candidate {
  /** The term as written (full-width folded to half-width), its most frequent spelling. */
  term: string;
  /** Folded form: case, width, hyphens and spacing ignored. Accept and dismiss by it. */
  key: string;
  reason: CandidateReason;
  /** For a glossed term, the Latin name or acronym the text gives it in parentheses (its most frequent one). */
  gloss?: string;
  count: number;
  examples: CandidateExample[];
  /** The kind to preselect when it is accepted (./suggested-kind); absent from candidates stored before it was kept. */
  kind?: AcceptKind;
}

export interface CandidateSentence {
  id: string;
  text: string;
  /** Spans of the sentence already matched as known entities. */
  masked: ReadonlyArray<{ start: number; end: number }>;
}

export interface CandidateOptions {
  /** Whether a folded key is a known name or alias. */
  known: (key: string) => boolean;
  /** Folded keys the analyst dismissed. */
  dismissed: ReadonlySet<string>;
  language: 'zh' | 'en';
  /** At most this many candidates, most frequent first (repeated phrases at most half while others are left out). */
  limit: number;
  /** At most this many examples per candidate. */
  examples: number;
}

/** Capitalised words that open sentences or are common, not names. */
const STOP = new Set(
  (
    'The A An This That These Those In On At By For From With As If When While After Before Since During Our We They It Its ' +
    'Their His Her However Moreover Furthermore Also And But Or Yet So Then Thus Both Each Every Some Many Most All Such Other ' +
    'To Of Into Under Over Between Among Using Unlike Like Why How What Which Who Where I You He She There Here Today Recently ' +
    'Meanwhile Although Because Finally First Second Third Last Next One Two Three Figure Table Section Chapter ' +
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday English Chinese'
  ).split(' '),
);

/** Acronyms too common to be worth proposing as nodes. */
const COMMON_ACRONYMS = new Set([
  'AI',
  'IT',
  'OK',
  'US',
  'USA',
  'UK',
  'EU',
  'UN',
  'CEO',
  'CTO',
  'CFO',
  'PhD',
  'TV',
  'PC',
  'FAQ',
  'PDF',
  'URL',
  'II',
  'III',
  'IV',
]);

/**
 * Words after which a glossed term starts (…提出稀疏专家路由（SER）, 一种新型的混合专家模型（MoE）): particles,
 * verbs that introduce a name, prepositions and determiners.
 */
const ZH_LEADS = new Set(
  (
    '的 了 着 提出 发布 推出 开发 研发 引入 采用 使用 利用 通过 基于 结合 借助 依靠 称为 称作 叫做 名为 所谓 即所谓 例如 比如 包括 ' +
    '以及 或者 还有 这种 这类 一种 一类 这个 一个 这些 新型 新的 等等 尝试 探索 部署 训练 构建 打造 支持 实现 推动 提升 降低 ' +
    '减少 增加 依赖 需要 出现 成为 作为 包含 涉及 选择 设计 改进 借鉴 融合 整合 集成 运用 应用 研究 表明 显示 指出 认为 发现 证明 说明'
  ).split(' '),
);

/**
 * Single characters that lead a term the same way (在, 和, 被 …) but also stand for themselves when the word
 * segmenter splits a term it does not know into characters (在|线|学习, 路|由): they count only when a
 * word of two or more characters follows.
 */
const ZH_LEAD_CHARS = new Set('在 对 用 为 使 从 向 将 把 如 即 和 与 及 或 是 被 让 由 该 其 新 等 并 且 而 也 都 还 就 又'.split(' '));

/** Words too general to be a glossed term on their own: 最新的模型（GPT-5） names an instance, not a term. */
const ZH_GENERIC = new Set(
  '模型 大模型 技术 方法 方案 公司 企业 机构 组织 产品 系统 平台 工具 框架 算法 数据 芯片 团队 研究 论文 项目 服务 应用 版本 标准 协议 可以 我们 他们'.split(
    ' ',
  ),
);

/** A Chinese run right before a parenthesised Latin gloss (after folding, full-width parentheses are ASCII). */
const GLOSSED = /(\p{Script=Han}{2,40})\(\s*([A-Za-z][A-Za-z0-9]*(?:[ .+\-/][A-Za-z0-9]+)*)\s*\)/gu;

/** The longest a glossed term may be; a longer run is more likely a clause than a name. */
const MAX_GLOSSED_LENGTH = 10;

/**
 * The term a parenthesised gloss names at the end of the Chinese `run` before it: what follows the last
 * leading word (ZH_LEADS, ZH_LEAD_CHARS), or null when that is too short or too long to be a name.
 */
export function glossedTerm(run: string): { offset: number; term: string } | null {
  const words = chineseWords(run);
  let offset = 0;
  words.forEach((w, i) => {
    const next = words[i + 1];
    if (!next) return;
    if (ZH_LEADS.has(w.segment) || (ZH_LEAD_CHARS.has(w.segment) && next.segment.length >= 2)) offset = next.index;
  });
  const term = run.slice(offset);
  if (term.length < 2 || term.length > MAX_GLOSSED_LENGTH || ZH_GENERIC.has(term)) return null;
  return { offset, term };
}

/** Lower-case words that may join the capitalised words of one name ("Mixture of Experts"). */
const CONNECTORS = new Set(['of', 'for', 'de', 'van', 'von', 'der', 'du', 'la', 'le']);

const TOKEN = /[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*/g;
const OPENING = /^[\s\p{P}\p{S}\p{N}]*$/u;
const MASK = '\uffff';

interface Token {
  from: number;
  to: number;
  text: string;
  /** First word of the sentence. */
  initial: boolean;
}

function counts(text: string): { upper: number; lower: number; digits: number } {
  let upper = 0;
  let lower = 0;
  let digits = 0;
  for (const c of text) {
    if (c >= 'A' && c <= 'Z') upper++;
    else if (c >= 'a' && c <= 'z') lower++;
    else if (c >= '0' && c <= '9') digits++;
  }
  return { upper, lower, digits };
}

export function isAcronym(token: string): boolean {
  if (/^([A-Za-z]\.)+[A-Za-z]?$/.test(token) || /^[IVXLCDM]+$/.test(token)) return false;
  const { upper, lower, digits } = counts(token);
  return (upper >= 2 && upper >= lower) || (upper >= 1 && digits >= 1 && token.length >= 2);
}

function isCamelCase(token: string): boolean {
  return /^[A-Z][a-z]+[A-Z]/.test(token);
}

function isCapitalised(token: string): boolean {
  return /^[A-Z]/.test(token);
}

function nameLike(t: Token): boolean {
  return isCapitalised(t.text) || isAcronym(t.text);
}

function tokens(f: string): Token[] {
  const out: Token[] = [];
  let seenWord = false;
  for (const m of f.matchAll(TOKEN)) {
    const from = m.index;
    const to = from + m[0].length;
    // A token must be a whole word ("Café" is not "Caf"); CJK characters around it are fine (用LoRA微调).
    if ((from > 0 && isSpacedWordChar(f[from - 1]!)) || (to < f.length && isSpacedWordChar(f[to]!))) {
      seenWord = true;
      continue;
    }
    out.push({ from, to, text: m[0], initial: !seenWord && OPENING.test(f.slice(0, from)) });
    seenWord = true;
  }
  return out;
}

interface Occurrence {
  term: string;
  key: string;
  reason: CandidateReason;
  gloss?: string;
  passage: string;
  from: number;
  to: number;
}

/** Runs of name-like tokens joined by single spaces (and connectors), leading stop words removed. */
function nameRuns(f: string, toks: Token[]): Token[][] {
  const runs: Token[][] = [];
  let i = 0;
  while (i < toks.length) {
    if (!nameLike(toks[i]!)) {
      i++;
      continue;
    }
    const run = [toks[i]!];
    let j = i + 1;
    while (j < toks.length) {
      const prev = toks[j - 1]!;
      const t = toks[j]!;
      if (f.slice(prev.to, t.from) !== ' ') break;
      if (nameLike(t)) {
        run.push(t);
        j++;
        continue;
      }
      const after = toks[j + 1];
      if (CONNECTORS.has(t.text) && after && f.slice(t.to, after.from) === ' ' && nameLike(after)) {
        run.push(t, after);
        j += 2;
        continue;
      }
      break;
    }
    while (run.length > 0 && (STOP.has(run[0]!.text) || CONNECTORS.has(run[0]!.text))) run.shift();
    if (run.length > 0) runs.push(run);
    i = j;
  }
  return runs;
}

function classify(run: Token[], language: 'zh' | 'en'): CandidateReason | null {
  const capitalised = run.filter((t) => nameLike(t)).length;
  if (capitalised >= 2) return 'name';
  const t = run[0]!;
  if (run.length !== 1) return null;
  if (isAcronym(t.text)) return COMMON_ACRONYMS.has(t.text) ? null : 'acronym';
  if (isCamelCase(t.text)) return 'name';
  if (STOP.has(t.text) || t.text.length < 3) return null;
  // In English a capital opens every sentence; in Chinese text a Latin word is a name wherever it stands.
  if (language === 'en' && t.initial) return null;
  return 'name';
}

/** Candidate terms of a document's sentences. */
export function findCandidates(sentences: readonly CandidateSentence[], options: CandidateOptions): Candidate[] {
  const occurrences: Occurrence[] = [];
  const folds = new Map<string, ReturnType<typeof fold>>();
  const texts = new Map(sentences.map((s) => [s.id, s.text]));
  for (const s of sentences) {
    let masked = s.text;
    for (const m of s.masked) masked = masked.slice(0, m.start) + MASK.repeat(m.end - m.start) + masked.slice(m.end);
    const folded = fold(masked, { lowerCase: false, hyphensAsSpaces: false });
    folds.set(s.id, folded);
    const f = folded.text;
    for (const run of nameRuns(f, tokens(f))) {
      const reason = classify(run, options.language);
      if (!reason) continue;
      const from = run[0]!.from;
      const to = run[run.length - 1]!.to;
      const term = f.slice(from, to);
      occurrences.push({ term, key: foldTerm(term), reason, passage: s.id, from, to });
    }
    for (const m of f.matchAll(/《([^《》\uffff]{2,40})》/g)) {
      const inner = m[1]!;
      const from = m.index;
      const to = from + m[0].length;
      if (options.known(foldTerm(m[0]))) continue;
      occurrences.push({ term: inner.trim(), key: foldTerm(inner), reason: 'title', passage: s.id, from, to });
    }
    for (const m of f.matchAll(GLOSSED)) {
      const run = m[1]!;
      const gloss = m[2]!;
      const found = glossedTerm(run);
      if (!found) continue;
      const from = m.index + found.offset;
      occurrences.push({
        term: found.term,
        key: foldTerm(found.term),
        reason: 'glossed',
        gloss,
        passage: s.id,
        from,
        to: from + found.term.length,
      });
    }
  }
  // Last, so that a phrase the text also glosses or sets in 《》 keeps that stronger reason (and its gloss).
  const ids = sentences.map((s) => s.id);
  const stronger = new Set(occurrences.map((o) => o.key));
  const folded = ids.map((id) => folds.get(id)!.text);
  // Known and dismissed phrases go first, so that the parts they would hide can be proposed.
  const exclude = (phrase: string) => options.known(foldTerm(phrase)) || options.dismissed.has(foldTerm(phrase));
  const phrases = [
    ...recurringPhrases(folded, { exclude }),
    ...(options.language === 'en' ? recurringEnglishPhrases(folded, { exclude }) : []),
  ];
  for (const { phrase, occurrences: found } of phrases) {
    const key = foldTerm(phrase);
    if (stronger.has(key) || ZH_GENERIC.has(phrase)) continue;
    for (const o of found) occurrences.push({ term: phrase, key, reason: 'recurring', passage: ids[o.text]!, from: o.from, to: o.to });
  }
  const groups = new Map<
    string,
    { spellings: Map<string, number>; glosses: Map<string, number>; reason: CandidateReason; examples: CandidateExample[]; count: number }
  >();
  for (const o of occurrences) {
    if (o.key.length < 2 || options.known(o.key) || options.dismissed.has(o.key)) continue;
    let g = groups.get(o.key);
    if (!g) {
      g = { spellings: new Map(), glosses: new Map(), reason: o.reason, examples: [], count: 0 };
      groups.set(o.key, g);
    }
    g.count++;
    g.spellings.set(o.term, (g.spellings.get(o.term) ?? 0) + 1);
    if (o.gloss) g.glosses.set(o.gloss, (g.glosses.get(o.gloss) ?? 0) + 1);
    if (g.examples.length < options.examples) {
      const { start, end } = originalSpan(folds.get(o.passage)!, o.from, o.to);
      const sentence = texts.get(o.passage)!;
      g.examples.push({ passage: o.passage, start, end, text: sentence.slice(start, end), sentence });
    }
  }
  const out: Candidate[] = [];
  for (const [key, g] of groups) {
    const term = mostFrequent(g.spellings)!;
    const gloss = mostFrequent(g.glosses);
    out.push({
      term,
      key,
      reason: g.reason,
      ...(gloss ? { gloss } : {}),
      count: g.count,
      examples: g.examples,
      kind: suggestedKind(term, g.reason, gloss),
    });
  }
  return capped(out, options.limit);
}

const byCount = (a: Candidate, b: Candidate) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The `limit` candidates kept, most frequent first. Repeated phrases take at most half of the places while
 * the text's acronyms, names, titles and glossed terms would fill the rest: a long text repeats many phrases,
 * and counted alone they pushed out its names met once or twice, the terms an analyst most often adds.
 */
function capped(candidates: Candidate[], limit: number): Candidate[] {
  if (candidates.length <= limit) return candidates.sort(byCount);
  const recurring = candidates.filter((c) => c.reason === 'recurring').sort(byCount);
  const marked = candidates.filter((c) => c.reason !== 'recurring').sort(byCount);
  const phrases = Math.min(recurring.length, Math.max(limit - marked.length, Math.ceil(limit / 2)));
  return [...recurring.slice(0, phrases), ...marked.slice(0, limit - phrases)].sort(byCount);
}

/** The most frequent key of a tally (the first seen among equals), or undefined when it is empty. */
function mostFrequent(tally: ReadonlyMap<string, number>): string | undefined {
  let found: string | undefined;
  let best = -1;
  for (const [value, n] of tally) {
    if (n > best) {
      best = n;
      found = value;
    }
  }
  return found;
}
