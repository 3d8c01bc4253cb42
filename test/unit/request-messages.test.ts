/**
 * How a refused request is worded: every zod issue as "<field> is required — …", "<field> must be at most N
 * characters", "<field> must be one of …", one message per field, a repeated query parameter said to be
 * repeated; and a note's headings kept below the report's sections.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues, wordIssue } from '../../server/routes/define';
import { ID } from '../../server/routes/schemas';
import { demoteHeadings } from '../../server/services/research/reports';

function messages(schema: z.ZodType, value: unknown, where: 'body' | 'query' = 'body') {
  const r = schema.safeParse(value, { error: (iss) => wordIssue(iss, where) });
  if (r.success) throw new Error('expected the value to be refused');
  return formatIssues(where, r.error, value);
}

describe('request messages', () => {
  const Body = z.strictObject({
    from: ID,
    title: z.string().max(5).optional(),
    n: z.number().positive().max(10).optional(),
    colour: z.enum(['kind', 'community']).optional(),
    flag: z.boolean().optional(),
    tags: z.array(z.string()).min(1).optional(),
  });

  it('words each kind of issue with the field and the fix, never in zod’s words', () => {
    expect(messages(Body, {}).message).toBe(
      'body.from is required — a node id such as technology:rag (search for one with /api/search?q=…)',
    );
    const m = messages(Body, { from: 'technology:rag', title: 'too long', n: -1, colour: 'purple', flag: 'yes', tags: [], extra: 1 });
    expect(m.details.map((d) => d.message)).toEqual([
      'title must be at most 5 characters',
      'n must be greater than 0',
      'colour must be one of kind, community',
      'flag must be true or false, not text',
      'tags must hold at least 1 item',
      'unknown field "extra" — the body takes from, title, n, colour, flag, tags',
    ]);
    expect(m.message).not.toMatch(/Invalid|expected|received|Too (big|small)/);
  });

  it('gives one message per field', () => {
    const m = messages(z.object({ n: z.number().int('n must be a whole number').max(3, 'n must be at most 3') }), { n: 4.5 });
    expect(m.details).toEqual([{ field: 'body.n', message: 'n must be a whole number' }]);
  });

  it('says a whole number’s own bounds, not the safe-integer range, and a fraction is not whole', () => {
    const K = z.strictObject({ k: z.number().int().min(1).max(10) });
    expect(messages(K, { k: 1e20 }).message).toBe('body.k must be at most 10');
    expect(messages(K, { k: -1e300 }).message).toBe('body.k must be at least 1');
    expect(messages(K, { k: 2.5 }).message).toBe('body.k must be a whole number');
  });

  it('words a bad map key after the field, and an unknown query parameter as a parameter', () => {
    const Params = z.strictObject({ params: z.record(z.string().max(3), z.unknown()) });
    expect(messages(Params, { params: { abcd: 1 } }).message).toBe('body.params.abcd is not a valid key: it must be at most 3 characters');
    const Query = z.strictObject({ limit: z.string().optional() });
    expect(messages(Query, { limt: '3' }, 'query').message).toBe('query: unknown parameter "limt" — the query string takes limit');
  });

  it('says a query parameter given twice is repeated, but lets a list parameter repeat', () => {
    const Query = z.object({ limit: z.coerce.number().int().optional(), kinds: z.array(z.string()).max(1).optional() });
    expect(messages(Query, { limit: ['1', '2'] }, 'query').message).toBe('query.limit is given 2 times — give it once');
    expect(messages(Query, { kinds: ['a', 'b'] }, 'query').message).toBe('query.kinds must hold at most 1 item');
  });
});

describe('demoteHeadings', () => {
  it('moves every heading down, setext and quoted ones too, and leaves code alone', () => {
    const md = demoteHeadings('# One\n\ntext\n\n## Two ##\n\n```\n# code\n```\n\nThree\n=====\n\n> # Quoted\n\n###### Six', 3);
    expect(md).toContain('#### One\n');
    expect(md).toContain('##### Two\n');
    expect(md).toContain('```\n# code\n```');
    expect(md).toContain('#### Three\n');
    expect(md).toContain('> #### Quoted');
    expect(md).toMatch(/^###### Six$/m);
    expect(md.replace(/```[^`]*```/, '')).not.toMatch(/^#{1,3} /m);
    // An underlined heading over two lines stays one heading.
    expect(demoteHeadings('Line one\nline two\n===\n\ntext', 3)).toBe('#### Line one line two\n\ntext');
  });
});
