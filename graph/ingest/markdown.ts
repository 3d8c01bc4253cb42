/**
 * graph/ingest/markdown — the plain text of a Markdown document, line for line.
 *
 * Passages are the non-empty lines of a text, so Markdown is reduced to the
 * words a reader sees: headings, list markers, emphasis, links (their text),
 * images (their alt text), inline code and HTML tags lose their markup; code
 * blocks, front matter, tables' rule rows and horizontal rules are dropped.
 * The first level-1 heading is offered as the title.
 */

export interface PlainDocument {
  text: string;
  /** The first `# heading`, when there is one. */
  title?: string;
}

function inline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)/g, '$1$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1');
}

export function markdownToText(markdown: string): PlainDocument {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let title: string | undefined;
  let fence: string | null = null;
  let i = 0;
  // Front matter: a leading block between two `---` lines.
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
    if (close > 0) i = close + 1;
  }
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    const fenceMatch = /^(```|~~~)/.exec(trimmed);
    if (fence) {
      if (fenceMatch && trimmed.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    if (/^([-*_])(\s*\1){2,}$/.test(trimmed)) continue; // horizontal rule
    if (/^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(trimmed)) continue; // table rule row
    let line = trimmed;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      line = heading[2]!;
      if (heading[1] === '#' && title === undefined) title = inline(line).trim();
    }
    line = line.replace(/^(>\s*)+/, '');
    line = line.replace(/^[-*+]\s+(\[[ xX]\]\s+)?/, '');
    if (line.startsWith('|') || line.endsWith('|')) {
      line = line
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim())
        .join('  ');
    }
    out.push(inline(line));
  }
  return { text: out.join('\n'), ...(title !== undefined ? { title } : {}) };
}
