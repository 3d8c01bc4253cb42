/**
 * bench/rerender — rewrites latest.md from latest.json with the current findings (bench/findings.ts),
 * without running the benchmark again: `npx tsx bench/rerender.ts [dir]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/neo4j/local';
import { CHANGES, NOTES } from './findings';
import { type BenchReport, writeReport } from './report';

const dir = process.argv[2] ?? join(ROOT, 'bench', 'results');
const report = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as BenchReport;
report.changes = CHANGES;
report.notes = NOTES;
const files = writeReport(dir, report);
console.log(`rerender: ${files.md}`);
