/**
 * graph/sentences — reads a relationship as a sentence, in both languages.
 *
 * "联邦学习 缓解 数据隐私保护" / "Federated learning mitigates Data privacy".
 * Used for node details, path explanations and reports.
 */
import type { Bilingual, RelType } from './model';
import { REL_TYPE_INFO } from './model';

interface Named {
  name_zh: string;
  name_en: string;
}

/** The sentence for `source -[type]-> target`. */
export function relationshipSentence(type: RelType, source: Named, target: Named): Bilingual {
  const verb = REL_TYPE_INFO[type]?.verb ?? { zh: type, en: type.toLowerCase().replace(/_/g, ' ') };
  return {
    zh: `${source.name_zh}${verb.zh}${target.name_zh}`,
    en: `${source.name_en} ${verb.en} ${target.name_en}`,
  };
}

/** A relationship's verb drawn as an arrow between two names: `—verb→` along it, `←verb—` against it. */
export function verbArrow(verb: string, direction: 'forward' | 'backward' = 'forward'): string {
  return direction === 'forward' ? `—${verb}→` : `←${verb}—`;
}
