/**
 * graph/ingest/suggested-kind — the kind a candidate term most likely names, preselected when the analyst
 * accepts it (who decides: the choice stays theirs).
 *
 * Read from how the term is proposed and from its last word, which in both languages names what the term
 * is (稀疏注意力 is an attention, 人工智能研究院 an institute, speculative decoding a decoding): a title in
 * 《》 is a publication; a term that ends in a technique's word is a technology, in an organisation's word
 * an organisation, in a rule's word a regulation, in a problem's word a challenge; a Latin acronym in this
 * field is most often a technique (LoRA, RLHF, MoE). Anything else is a concept.
 */
import { NODE_KINDS, type NodeKind } from '../model';
import type { CandidateReason } from './candidates';

export type AcceptKind = Exclude<NodeKind, 'Document'>;

/** The kinds a candidate term may be accepted as: every kind but Document. */
export const ACCEPT_KINDS = NODE_KINDS.filter((k): k is AcceptKind => k !== 'Document') as [AcceptKind, ...AcceptKind[]];

/** Chinese endings of each kind (the longest match among all kinds wins). */
const ZH_ENDINGS: ReadonlyArray<readonly [AcceptKind, readonly string[]]> = [
  ['Organization', ['研究院', '研究所', '实验室', '基金会', '委员会', '公司', '集团', '大学', '学院', '机构', '协会', '联盟', '智库']],
  ['Regulation', ['条例', '法案', '法规', '准则', '原则', '规范', '标准', '指令', '保护法', '安全法']],
  ['Challenge', ['问题', '挑战', '风险', '瓶颈', '难题', '困境']],
  [
    'Technology',
    [
      '注意力',
      '技术',
      '算法',
      '方法',
      '机制',
      '框架',
      '架构',
      '学习',
      '解码',
      '压缩',
      '蒸馏',
      '量化',
      '剪枝',
      '检索',
      '微调',
      '训练',
      '推理',
      '提示',
      '缓存',
      '编码',
      '路由',
      '网络',
      '优化',
      '生成',
      '对齐',
      '增强',
    ],
  ],
  ['Domain', ['领域', '行业', '产业']],
];

/** English last words (lower case). */
const EN_LAST: ReadonlyArray<readonly [AcceptKind, ReadonlySet<string>]> = [
  [
    'Organization',
    new Set('inc corp corporation company labs lab university institute foundation association agency consortium'.split(' ')),
  ],
  ['Regulation', new Set('act regulation regulations law laws directive principles guidelines standard standards'.split(' '))],
  ['Challenge', new Set('problem problems challenge challenges risk risks bottleneck bottlenecks'.split(' '))],
  [
    'Technology',
    new Set(
      (
        'decoding attention learning distillation quantization pruning retrieval tuning training prompting cache caching ' +
        'compression encoding routing network networks optimization alignment generation architecture architectures ' +
        'algorithm algorithms method methods mechanism framework adapter adapters embedding embeddings search inference ' +
        'transformer transformers'
      ).split(' '),
    ),
  ],
];

/** The kind to preselect for a candidate term, from its reason, its last word and its gloss. */
export function suggestedKind(term: string, reason: CandidateReason, gloss?: string): AcceptKind {
  if (reason === 'title') return 'Publication';
  for (const name of [term, gloss]) {
    if (!name) continue;
    // The longest ending any kind has decides (算法 a technique, not a rule's 法).
    let best: { kind: AcceptKind; length: number } | null = null;
    for (const [kind, endings] of ZH_ENDINGS)
      for (const e of endings)
        if (name.endsWith(e) && name.length > e.length && e.length > (best?.length ?? 0)) best = { kind, length: e.length };
    if (best) return best.kind;
    const last =
      name
        .toLowerCase()
        .split(/[\s-]+/)
        .pop() ?? '';
    for (const [kind, words] of EN_LAST) if (words.has(last) && /[\s-]/.test(name.trim())) return kind;
  }
  if (reason === 'acronym') return 'Technology';
  return 'Concept';
}
