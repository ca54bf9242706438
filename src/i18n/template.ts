/**
 * Message templates: text with `{name}` placeholders, nothing else (no plural or select syntax:
 * a variant is its own message, a count formats with its own plural). Braces are reserved.
 */

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The placeholder names of a template, each once, or the reason it is not a template. */
export function placeholders(template: string): { names: string[] } | { error: string } {
  const stray = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stray)) return { error: 'braces are only for placeholders such as {party}' };
  return { names: [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))] };
}

/** A template split once into text and placeholder names: odd indexes are names. */
const parsed = new Map<string, string[]>();

/** The template with each placeholder replaced by `value(name)`. */
export function fillTemplate(template: string, value: (name: string) => string): string {
  let parts = parsed.get(template);
  if (!parts) {
    // split with a capturing group keeps the names at the odd indexes.
    parts = template.split(PLACEHOLDER);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(template, parts);
  }
  let text = parts[0]!;
  for (let index = 1; index < parts.length; index += 2) text += value(parts[index]!) + parts[index + 1]!;
  return text;
}
