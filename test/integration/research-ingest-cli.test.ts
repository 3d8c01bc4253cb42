/**
 * `npm run ingest -- file.md`: the command line reads Markdown and plain text,
 * guesses title and language, ingests, lists and removes, like the API does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textLanguage } from '../../graph/ingest';
import { runIngestCli } from '../../server/ingest-cli';
import { loadConfig } from '../../server/config';
import { Database } from '../../server/db/database';
import { loadCypherRegistry } from '../../server/db/cypher';
import { SeedRepository } from '../../server/repositories/seed-repository';
import type { IngestResultDTO } from '../../graph/ingest';

const MD = [
  '---',
  'source: test',
  '---',
  '# Edge Computing for Real-time Models',
  '',
  'Edge computing moves **inference** close to the user, which cuts *network latency* for [autonomous driving](https://example.org).',
  '',
  '```',
  'Federated learning inside a code block is not read.',
  '```',
  '- Quantization and knowledge distillation shrink models for edge computing.',
].join('\n');

describe('ingest command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-cli-'));
  const db = new Database(loadConfig());
  const seed = new SeedRepository(db, loadCypherRegistry());
  const lines: string[] = [];
  const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
  let before: { nodes: number; relationships: number };

  beforeAll(async () => {
    await runIngestCli(['--delete', 'document:test-cli-edge'], io, db);
    before = await seed.dbCounts();
  });
  afterAll(async () => {
    await runIngestCli(['--delete', 'document:test-cli-edge'], io, db);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects the language from the share of CJK characters', () => {
    expect(textLanguage('联邦学习（Federated Learning）是一种技术。')).toBe('zh');
    expect(textLanguage('Federated learning, also 联邦学习, is a technique.')).toBe('en');
  });

  it('ingests a Markdown file: title from the heading, language guessed, markup and code blocks dropped', async () => {
    const file = join(dir, 'edge.md');
    writeFileSync(file, MD);
    lines.length = 0;
    expect(await runIngestCli([file, '--slug', 'test-cli-edge', '--json'], io, db)).toBe(0);
    const result = JSON.parse(lines.join('\n')) as IngestResultDTO;
    expect(result.status).toBe('created');
    expect(result.document).toMatchObject({
      id: 'document:test-cli-edge',
      title: 'Edge Computing for Real-time Models',
      language: 'en',
      format: 'markdown',
    });
    expect(result.document.counts.paragraphs).toBe(3);
    const details = await runIngestCli(['--list'], io, db);
    expect(details).toBe(0);
    expect(lines.some((l) => l.startsWith('document:test-cli-edge  en'))).toBe(true);
  });

  it('is idempotent from the command line too, and removes what it added', async () => {
    const file = join(dir, 'edge.md');
    const after = await seed.dbCounts();
    lines.length = 0;
    expect(await runIngestCli([file, '--slug', 'test-cli-edge'], io, db)).toBe(0);
    expect(lines[0]).toMatch(/^ingest: unchanged document:test-cli-edge/);
    expect(await seed.dbCounts()).toEqual(after);
    lines.length = 0;
    expect(await runIngestCli(['--delete', 'test-cli-edge'], io, db)).toBe(0);
    expect(lines[0]).toMatch(/^ingest: removed document:test-cli-edge/);
    expect(await seed.dbCounts()).toEqual(before);
  });

  it('explains what it cannot do', async () => {
    lines.length = 0;
    expect(await runIngestCli([], io, db)).toBe(2);
    expect(lines[0]).toMatch(/name the file to ingest/);
    expect(await runIngestCli([join(dir, 'missing.txt')], io, db)).toBe(2);
    expect(lines.at(-1)).toMatch(/does not exist/);
    writeFileSync(join(dir, 'doc.pdf'), 'x');
    expect(await runIngestCli([join(dir, 'doc.pdf')], io, db)).toBe(2);
    expect(lines.at(-1)).toMatch(/not a \.txt or \.md file/);
    // An empty file (or Markdown with only markup) is said as such, not as the API's missing field.
    writeFileSync(join(dir, 'empty.md'), '\uFEFF\n  \n');
    expect(await runIngestCli([join(dir, 'empty.md')], io, db)).toBe(2);
    expect(lines.at(-1)).toMatch(/empty\.md holds no text — write the article into it/);
    expect(await runIngestCli(['--delete', 'document:test-cli-none'], io, db)).toBe(1);
    expect(lines.at(-1)).toMatch(/not an ingested document/);
  });
});
