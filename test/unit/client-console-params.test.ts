/**
 * test/unit/client-console-params — a console template's parameter boxes
 * turned into the values a query is sent with, and which of them a query names.
 */
import { describe, expect, it } from 'vitest';
import type { TemplateParamDTO } from '../../graph/contracts';
import { namedParams, templateValues } from '../../client/src/console/template-params';

const CHALLENGE: TemplateParamDTO = {
  name: 'challenge',
  type: 'string',
  kind: 'Challenge',
  description: { zh: '挑战的 id', en: 'Id of the challenge' },
  default: 'challenge:hallucination',
};
const KIND: TemplateParamDTO = { name: 'kind', type: 'string', description: { zh: '类别', en: 'Kind' }, default: 'Technology' };
const LIMIT: TemplateParamDTO = { name: 'limit', type: 'integer', description: { zh: '数量', en: 'How many' }, default: 10 };

describe('console template parameters', () => {
  it('sends integers as numbers and text as typed', () => {
    expect(templateValues([KIND, LIMIT], { kind: 'Model', limit: '7' })).toEqual({ values: { kind: 'Model', limit: 7 } });
    // A free-text parameter may be empty (most-connected: all kinds).
    expect(templateValues([KIND], { kind: '' })).toEqual({ values: { kind: '' } });
  });

  it('says a node parameter with no node picked is missing, instead of sending its default', () => {
    expect(templateValues([CHALLENGE], { challenge: '' })).toEqual({ missing: CHALLENGE });
    expect(templateValues([CHALLENGE], {})).toEqual({ missing: CHALLENGE });
    expect(templateValues([CHALLENGE], { challenge: 'challenge:data-privacy' })).toEqual({
      values: { challenge: 'challenge:data-privacy' },
    });
  });

  it('finds the parameters a query names, whole names only', () => {
    const statement = 'MATCH (c:Challenge {id: $challenge}) RETURN c';
    expect(namedParams(statement, [CHALLENGE, KIND])).toEqual([CHALLENGE]);
    expect(namedParams('MATCH (n) WHERE $kind = "" RETURN n LIMIT $limit', [CHALLENGE, KIND, LIMIT])).toEqual([KIND, LIMIT]);
    // $challenges and $kind_2 are other parameters; a query without any names none.
    expect(namedParams('RETURN $challenges, $kind_2', [CHALLENGE, KIND])).toEqual([]);
    expect(namedParams('MATCH (n) RETURN n', [CHALLENGE])).toEqual([]);
  });
});
