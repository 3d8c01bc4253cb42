/**
 * graph/dataset/load — reads the curated dataset from disk (Node only).
 *
 * Kept apart from the pure modules so that index.ts, and with it the
 * browser bundle, never pulls in node:fs.
 */

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Dataset } from '../model';
import { formatErrors, validateDataset, type DatasetError, type DatasetFile } from './validate';

/** graph/data of this checkout. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

/** The project root that `dataDir` belongs to: document paths are relative to it. */
function projectRootOf(dataDir: string): string {
  return resolve(dataDir, '..', '..');
}

/** Project-relative, slash-separated, so messages read the same on every OS. */
function displayPath(root: string, file: string): string {
  const rel = relative(root, file);
  return (rel.startsWith('..') || isAbsolute(rel) ? file : rel).split(sep).join('/');
}

/**
 * Lists the YAML files of a data directory: documents.yaml, nodes/*.yaml
 * (sorted, so node order is stable) and relationships.yaml.
 */
export function datasetFiles(dataDir: string = DEFAULT_DATA_DIR): string[] {
  const nodesDir = join(dataDir, 'nodes');
  const nodeFiles = existsSync(nodesDir)
    ? readdirSync(nodesDir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(nodesDir, name))
    : [];
  return [join(dataDir, 'documents.yaml'), ...nodeFiles, join(dataDir, 'relationships.yaml')];
}

/**
 * Loads and validates the dataset in `dataDir` (graph/data by default).
 * Throws a single Error listing every problem when anything is invalid,
 * including YAML syntax errors and missing files.
 */
export function loadDataset(dataDir: string = DEFAULT_DATA_DIR): Dataset {
  const root = projectRootOf(resolve(dataDir));
  const problems: DatasetError[] = [];
  const files: DatasetFile[] = [];
  for (const file of datasetFiles(resolve(dataDir))) {
    const path = displayPath(root, file);
    if (!existsSync(file)) {
      problems.push({ file: path, message: `${path}: file is missing — create it (see graph/dataset/schema.ts)` });
      continue;
    }
    try {
      files.push({ path, content: parse(readFileSync(file, 'utf8'), { prettyErrors: true }) });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push({
        file: path,
        message: `${path}: YAML syntax error: ${reason} — fix the YAML (quote values that contain ": " or start with a quote or bracket)`,
      });
    }
  }

  // Source texts are read for every document the documents file names.
  const sources: Record<string, string> = {};
  for (const file of files) {
    const content = file.content as { documents?: unknown } | null;
    if (content === null || typeof content !== 'object' || !Array.isArray(content.documents)) continue;
    for (const doc of content.documents as Array<{ path?: unknown }>) {
      if (typeof doc?.path !== 'string') continue;
      const absolute = resolve(root, doc.path);
      if (existsSync(absolute)) sources[doc.path] = readFileSync(absolute, 'utf8');
    }
  }

  const result = validateDataset(files, sources);
  if ('errors' in result || problems.length > 0) {
    const errors = [...problems, ...('errors' in result ? result.errors : [])];
    throw new Error(
      `The dataset in ${displayPath(root, resolve(dataDir))} is invalid (${errors.length} problem(s)):\n${formatErrors(errors)}`,
    );
  }
  return result.dataset;
}
