/**
 * test/unit/ingest-suggested-kind — the kind preselected for a candidate term, from its reason, its last
 * word (in Chinese or English) and its gloss.
 */
import { describe, expect, it } from 'vitest';
import { suggestedKind } from '../../graph/ingest';

describe('suggestedKind', () => {
  it('reads a title in 《》 as a publication', () => {
    expect(suggestedKind('生成式人工智能发展报告', 'title')).toBe('Publication');
  });

  it('reads a Chinese term by its last word', () => {
    expect(suggestedKind('稀疏注意力', 'recurring')).toBe('Technology');
    expect(suggestedKind('推测解码', 'recurring')).toBe('Technology');
    expect(suggestedKind('智源研究院', 'recurring')).toBe('Organization');
    expect(suggestedKind('人工智能法案', 'recurring')).toBe('Regulation');
    expect(suggestedKind('个人信息保护法', 'recurring')).toBe('Regulation');
    // 算法 and 方法 are techniques, not laws (法).
    expect(suggestedKind('梯度下降算法', 'recurring')).toBe('Technology');
    expect(suggestedKind('优化方法', 'recurring')).toBe('Technology');
    expect(suggestedKind('幻觉问题', 'recurring')).toBe('Challenge');
    expect(suggestedKind('医疗领域', 'recurring')).toBe('Domain');
    // The ending alone names nothing in particular; an unknown ending is a concept.
    expect(suggestedKind('技术', 'recurring')).toBe('Concept');
    expect(suggestedKind('产业生态', 'recurring')).toBe('Concept');
  });

  it('reads an English term by its last word, in any case, hyphens included', () => {
    expect(suggestedKind('speculative decoding', 'recurring')).toBe('Technology');
    expect(suggestedKind('Chain-of-thought prompting', 'recurring')).toBe('Technology');
    expect(suggestedKind('Allen Institute', 'name')).toBe('Organization');
    expect(suggestedKind('AI Act', 'name')).toBe('Regulation');
    expect(suggestedKind('alignment problem', 'recurring')).toBe('Challenge');
    expect(suggestedKind('inference latency', 'recurring')).toBe('Concept');
  });

  it('takes the gloss when the Chinese term says nothing, and an acronym as a technique', () => {
    expect(suggestedKind('混合专家', 'glossed', 'Mixture of Experts')).toBe('Concept');
    expect(suggestedKind('人类反馈', 'glossed', 'reinforcement learning')).toBe('Technology');
    expect(suggestedKind('LoRA', 'acronym')).toBe('Technology');
    expect(suggestedKind('Mixtral', 'name')).toBe('Concept');
  });
});
