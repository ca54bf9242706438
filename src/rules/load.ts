import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { CofundError } from '../errors';
import { sha256Hex } from '../hashing';
import { checkRuleFile, ruleFileSchema } from './schema';
import { resolveTexts } from './texts';
import type { RuleVersion } from './types';

/** One problem in one rule file, placed where a person can find it. */
export interface RuleFileIssue {
  file: string;
  /** 1-based line of the offending key or value (of the nearest enclosing one when the key is missing). */
  line: number;
  /** Dot-separated path in the file: `projectTypes.infrastructure.shares.federal.cap`; empty for syntax. */
  field: string;
  message: string;
}

export interface RuleFileText {
  path: string;
  text: string;
}

export function formatRuleFileIssue(issue: RuleFileIssue): string {
  return `${issue.file}:${issue.line}${issue.field ? ` ${issue.field}` : ''}: ${issue.message}`;
}

/** Rule files that cannot be used: a deployment error, so the catalog refuses to start with them. */
export class RuleFileError extends CofundError {
  constructor(readonly issues: RuleFileIssue[]) {
    super('invalid-rule-files', 500, `Invalid rule files:\n${issues.map(formatRuleFileIssue).join('\n')}`);
    this.name = 'RuleFileError';
  }
}

export type ParsedRuleFile =
  | { ok: true; version: RuleVersion; lineOf: (path: (string | number)[]) => number }
  | { ok: false; issues: RuleFileIssue[] };

/**
 * Parses and validates one rule file (YAML, or JSON, which YAML reads too). Pure: the text comes
 * from the caller -- the file system on Node, the bundle on Workers. The hash is SHA-256 of the
 * text's UTF-8 bytes, i.e. of the file as stored.
 */
export function parseRuleFile(path: string, text: string): ParsedRuleFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => ({
        file: path,
        line: lineCounter.linePos(error.pos[0]).line,
        field: '',
        message: error.message.split('\n')[0] ?? error.message,
      })),
    };
  }
  const lineOf = (fieldPath: (string | number)[]) => locate(document, lineCounter, fieldPath);
  const issue = (fieldPath: (string | number)[], message: string): RuleFileIssue => ({
    file: path,
    line: lineOf(fieldPath),
    field: fieldPath.join('.'),
    message,
  });

  const parsed = ruleFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((zodIssue) => {
        const fieldPath = zodIssue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
        if (zodIssue.code === 'unrecognized_keys') {
          return zodIssue.keys.map((key) =>
            issue([...fieldPath, key], 'is not a key of the rule language (see docs/rules.md)'),
          );
        }
        if (zodIssue.code === 'invalid_key')
          return [issue(fieldPath, `key ${zodIssue.issues[0]?.message ?? zodIssue.message}`)];
        return [issue(fieldPath, zodIssue.message)];
      }),
    };
  }
  const problems = checkRuleFile(parsed.data);
  if (problems.length > 0)
    return { ok: false, issues: problems.map((problem) => issue(problem.path, problem.message)) };
  return {
    ok: true,
    version: { ...parsed.data, ...resolveTexts(parsed.data), hash: sha256Hex(text), path },
    lineOf,
  };
}

/**
 * The line of the deepest node the path reaches. For a key that exists, the line of the key (where
 * a person looks); for a missing one, the line of the object that should hold it.
 */
function locate(document: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number {
  let node: unknown = document.contents;
  let line = 1;
  const lineAt = (candidate: unknown) => {
    const range = (candidate as Node | null)?.range;
    if (range) line = lineCounter.linePos(range[0]).line;
  };
  lineAt(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      lineAt(pair.key);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      lineAt(item);
      node = item;
    } else {
      break;
    }
  }
  return line;
}
