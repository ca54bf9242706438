import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createRuleCatalog, type RuleCatalog } from './catalog';
import { RuleFileError, type RuleFileText } from './load';

/**
 * The Node-only side of loading: read rule files from a folder. Everything else (parsing, hashing,
 * the catalog) is pure and shared with Workers, which get the same `{path, text}` from their bundle.
 */

const RULE_FILE = /\.(ya?ml|json)$/i;
// ignoreBOM keeps a BOM in the text, so the hash covers it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Every .yaml, .yml and .json file under `dir`, nested too, sorted by path. Paths are relative to
 * `base` and `/`-separated; by default `base` is the folder holding `dir`, so `<project>/rules` gives
 * `rules/tres-por-uno/2013.yaml`, the same paths as the Workers bundle. A file that is not valid
 * UTF-8 is refused: its hash would not be the hash of its bytes.
 */
export async function readRuleDirectory(
  dir: string,
  base: string = path.dirname(path.resolve(dir)),
): Promise<RuleFileText[]> {
  const root = path.resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && RULE_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const display = path.relative(base, file).split(path.sep).join('/');
      const bytes = await readFile(file);
      try {
        return { path: display, text: strictUtf8.decode(bytes) };
      } catch {
        throw new RuleFileError([{ file: display, line: 1, field: '', message: 'is not valid UTF-8 text' }]);
      }
    }),
  );
}

/** The catalog of a folder of rule files; throws RuleFileError (file, line, field) if any is invalid. */
export async function loadRuleDirectory(dir: string): Promise<RuleCatalog> {
  return createRuleCatalog(await readRuleDirectory(dir));
}
