/**
 * test/unit/note-title — the title a note gets from its body when it has none: the first line, read as
 * plain text (the server stores it; the explorer shows a one-line body's words once).
 */
import { describe, expect, it } from 'vitest';
import { noteTitleFromBody } from '../../graph/analytics/contracts';

describe('noteTitleFromBody', () => {
  it("takes the first line that has words, without its Markdown's marks", () => {
    expect(noteTitleFromBody('\n\n# Why FL matters\n\nIt keeps **data** local.')).toBe('Why FL matters');
    expect(noteTitleFromBody('Keeps data **local**.')).toBe('Keeps data local.');
    expect(noteTitleFromBody('- a list item')).toBe('a list item');
    expect(noteTitleFromBody('1. first step')).toBe('first step');
    expect(noteTitleFromBody('> quoted *aside*')).toBe('quoted aside');
    expect(noteTitleFromBody('see [RAG](https://example.org/rag) and `code`')).toBe('see RAG and code');
    expect(noteTitleFromBody('*emph* and _under_')).toBe('emph and under');
    expect(noteTitleFromBody('联邦学习**很重要**')).toBe('联邦学习很重要');
  });

  it('keeps what only looks like a mark: words joined by underscores, arithmetic', () => {
    expect(noteTitleFromBody('snake_case_name stays')).toBe('snake_case_name stays');
    expect(noteTitleFromBody('2 * 3 * 4')).toBe('2 * 3 * 4');
  });

  it('cuts a long line at 80 characters with an ellipsis', () => {
    const title = noteTitleFromBody('x'.repeat(120));
    expect(title).toHaveLength(80);
    expect(title.endsWith('…')).toBe(true);
  });
});
