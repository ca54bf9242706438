import { z } from 'zod';

/**
 * Text people type (names, labels, titles, memos, comments), as cofund stores and prints it. It
 * goes into PostgreSQL text and jsonb, PDFs, decision letters and CSV, so it must be storable (no
 * NUL, no lone surrogate: PostgreSQL refuses both), and it must not be able to disguise itself:
 * no control characters (ANSI escapes start with one), no bidirectional overrides or isolates
 * (`ACME\u202Egpj.exe` shows as "ACMEexe.jpg"), and something visible, not only spaces or zero-width
 * characters. Text is normalised to NFC, so "é" typed either way is one string.
 */

/** Where it is used: one line (names, labels, titles), or free text (comments, reasons) that may break lines. */
export type TextKind = 'line' | 'paragraph';

// With the u flag a surrogate pair is one code point: only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
// Cc, less the line breaks and tab a paragraph may hold.
const LINE_CONTROLS = /\p{Cc}/u;
const PARAGRAPH_CONTROLS = /[^\P{Cc}\t\n\r]/u;
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\p{C}]/u;

/** What is wrong with `value` as text of this kind, or undefined. */
export function textProblem(value: string, kind: TextKind = 'line'): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds a lone surrogate)';
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000)';
  if ((kind === 'line' ? LINE_CONTROLS : PARAGRAPH_CONTROLS).test(value))
    return kind === 'line'
      ? 'must not contain control characters (line breaks, tabs, escapes)'
      : 'must not contain control characters other than line breaks and tabs';
  if (BIDI_CONTROLS.test(value)) return 'must not contain bidirectional override or isolate characters';
  if (!VISIBLE.test(value)) return 'must contain a visible character';
  return undefined;
}

/**
 * A text field: at most `max` characters, checked as above, trimmed and NFC-normalised. `min` 1
 * by default: an empty or blank value is refused (an optional field is left out instead).
 */
export function safeText(max: number, kind: TextKind = 'line') {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.normalize('NFC').trim());
}

/**
 * Everything a JSON value holds that PostgreSQL jsonb cannot store or a reader would be fooled by:
 * the path of each string (key or value) that is not safe text, and nesting beyond `maxDepth`.
 * For bodies kept whole (an application's fields), whatever their schema lets through.
 */
export function unsafeJsonText(value: unknown, maxDepth: number, path: string[] = []): Array<[string, string]> {
  if (typeof value === 'string') {
    const problem = value === '' ? undefined : textProblem(value, 'paragraph');
    return problem ? [[path.join('.'), problem]] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (path.length >= maxDepth) return [[path.join('.'), `nests deeper than ${maxDepth} levels`]];
  return Object.entries(value).flatMap(([key, inner]) => {
    const keyProblem = textProblem(key, 'line');
    const here = [...path, key];
    return keyProblem
      ? [[here.join('.'), `its name ${keyProblem}`] as [string, string]]
      : unsafeJsonText(inner, maxDepth, here);
  });
}

/** An array meant as a set: at most `max` items, none twice. */
export function uniqueArray<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `must have at most ${max} items`)
    .refine((items) => new Set(items.map((i) => JSON.stringify(i))).size === items.length, 'must not repeat an item');
}

/** A JSON value with every string (keys too) in NFC: how a body kept whole is stored. */
export function nfcJson<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcJson) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.normalize('NFC'), nfcJson(inner)])) as T;
}

/**
 * A zod check for a body kept whole (an application's fields): every string safe text, nesting at
 * most `maxDepth`, each problem named by its path.
 */
export const safeJsonCheck =
  (maxDepth: number) =>
  (value: unknown, ctx: { addIssue(issue: { code: 'custom'; message: string; path: string[] }): void }) => {
    for (const [path, message] of unsafeJsonText(value, maxDepth))
      ctx.addIssue({ code: 'custom', message, path: path === '' ? [] : path.split('.') });
  };
