import { LOCALES, placeholders, type Locale } from '../i18n';
import { MESSAGES, isMessageId, type LocalizedText, type MessageOverrides, type NamedParam } from './messages';
import type { RuleFileData, RuleIssue } from './schema';
import type { RuleTexts } from './types';

/*
 * A rule file's texts for people (names, descriptions, milestones, the requirement of each rule) are
 * written in the file's `language`; `translations.<locale>` gives each of them in another locale, at
 * the same place in the same structure. A declared locale translates every text: a reader in it
 * never sees a half-translated plan. Keys are dotted paths: `parties.club.name`, `tranches.0.milestone`.
 */

type Path = (string | number)[];

/** Every text of the file a reader sees, by dotted path, in the file's own language. */
export function textsOf(file: RuleFileData): Map<string, string> {
  const texts = new Map<string, string>();
  const add = (path: Path, text: string | undefined) => {
    if (text !== undefined) texts.set(path.join('.'), text);
  };
  const addRules = (base: Path, rules: readonly { says?: string }[]) =>
    rules.forEach((rule, index) => add([...base, index, 'says'], rule.says));
  const addMilestones = (base: Path, tranches: readonly { milestone: string }[]) =>
    tranches.forEach((tranche, index) => add([...base, index, 'milestone'], tranche.milestone));

  add(['name'], file.name);
  addRules(['assumptions'], file.assumptions);
  for (const [party, data] of Object.entries(file.parties)) {
    add(['parties', party, 'name'], data.name);
    add(['parties', party, 'contribution', 'into'], data.contribution?.into);
    add(['parties', party, 'contribution', 'says'], data.contribution?.says);
  }
  for (const [quantity, data] of Object.entries(file.quantities)) add(['quantities', quantity, 'says'], data.says);
  addRules(['eligibility'], file.eligibility);
  for (const [type, data] of Object.entries(file.projectTypes)) {
    add(['projectTypes', type, 'name'], data.name);
    add(['projectTypes', type, 'says'], data.says);
    addRules(['projectTypes', type, 'eligibility'], data.eligibility);
    if (data.tranches) addMilestones(['projectTypes', type, 'tranches'], data.tranches);
    addRules(['projectTypes', type, 'documents'], data.documents);
  }
  addMilestones(['tranches'], file.tranches);
  addRules(['deadlines'], file.deadlines);
  add(['clawback', 'says'], file.clawback?.says);
  addRules(['proofs'], file.proofs);
  addRules(['documents'], file.documents);
  return texts;
}

/** The strings of a translation block by dotted path; `messages` is apart (message wording, not file texts). */
function flatten(node: unknown, path: Path, into: Map<string, { path: Path; text: unknown }>) {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) node.forEach((item, index) => flatten(item, [...path, index], into));
  else if (typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (path.length === 0 && key === 'messages') continue;
      flatten(value, [...path, key], into);
    }
  } else into.set(path.join('.'), { path, text: node });
}

export interface ResolvedTexts {
  /** Each text of the file in every locale it has, by dotted path. */
  texts: ReadonlyMap<string, LocalizedText>;
  /** The file's own wording of evaluator messages, per locale. */
  messageOverrides: MessageOverrides;
  /** The file's language, then each locale it translates. */
  locales: Locale[];
}

export function resolveTexts(file: RuleFileData): ResolvedTexts {
  const translations = Object.entries(file.translations) as [Locale, TranslationBlock][];
  const texts = new Map<string, LocalizedText>();
  for (const [key, text] of textsOf(file)) {
    const localized: LocalizedText = { [file.language]: text };
    for (const [locale, block] of translations) {
      const translated = flattened(block).get(key)?.text;
      if (typeof translated === 'string') localized[locale] = translated;
    }
    texts.set(key, localized);
  }
  const messageOverrides: MessageOverrides = {};
  const addOverrides = (locale: Locale, messages: Record<string, string> | undefined) => {
    for (const [id, template] of Object.entries(messages ?? {})) {
      if (isMessageId(id)) messageOverrides[id] = { ...messageOverrides[id], [locale]: template };
    }
  };
  addOverrides(file.language, file.messages);
  for (const [locale, block] of translations) addOverrides(locale, block.messages);
  return { texts, messageOverrides, locales: [file.language, ...translations.map(([locale]) => locale)] };
}

type TranslationBlock = RuleFileData['translations'][Locale] & {};

const flatCache = new WeakMap<object, Map<string, { path: Path; text: unknown }>>();

function flattened(block: TranslationBlock) {
  let flat = flatCache.get(block);
  if (!flat) {
    flat = new Map();
    flatten(block, [], flat);
    flatCache.set(block, flat);
  }
  return flat;
}

/**
 * What `npx cofund rules check` says of a file's translations: a declared locale missing a text, a
 * translation of a text the file does not have, the file's own language translated again, unknown
 * message ids, and message wordings whose placeholders differ from the message's parameters.
 */
export function checkTranslations(file: RuleFileData): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const texts = textsOf(file);
  const checkMessages = (messages: Record<string, string> | undefined, base: Path) => {
    for (const [id, template] of Object.entries(messages ?? {})) {
      const path = [...base, id];
      if (!isMessageId(id)) {
        issues.push({ path, message: `unknown message id ${id} (the ids are listed in docs/rules.md)` });
        continue;
      }
      const found = placeholders(template);
      if ('error' in found) {
        issues.push({ path, message: found.error });
        continue;
      }
      const expected = Object.keys(MESSAGES[id].params);
      const unknown = found.names.filter((name) => !expected.includes(name));
      const missing = expected.filter((name) => !found.names.includes(name));
      if (unknown.length > 0) {
        issues.push({ path, message: `${id} has no parameter ${unknown.join(', ')}: it takes ${expected.join(', ')}` });
      }
      if (missing.length > 0) issues.push({ path, message: `the wording of ${id} must show ${missing.join(', ')}` });
    }
  };
  checkMessages(file.messages, ['messages']);
  for (const locale of LOCALES) {
    const block = file.translations[locale];
    if (block === undefined) continue;
    const base = ['translations', locale];
    if (locale === file.language) {
      issues.push({ path: base, message: `${locale} is the file's own language: its texts are the file's` });
      continue;
    }
    const flat = flattened(block);
    for (const [key, { path, text }] of flat) {
      if (!texts.has(key))
        issues.push({ path: [...base, ...path], message: `the file has no text ${key} to translate` });
      else if (typeof text !== 'string' || text.trim() === '') {
        issues.push({ path: [...base, ...path], message: 'a translation is a non-empty text' });
      }
    }
    const missing = [...texts.keys()].filter((key) => !flat.has(key));
    for (const key of missing) issues.push({ path: base, message: `missing the ${locale} text of ${key}` });
    checkMessages(block.messages, [...base, 'messages']);
  }
  return issues;
}

/** The text at a dotted path of a loaded file, in every locale it has. */
export function textAt(version: ResolvedTexts, ...path: Path): LocalizedText {
  const text = version.texts.get(path.join('.'));
  if (!text) throw new Error(`the rule file has no text ${path.join('.')}`);
  return text;
}

/** A party as messages name it: its id for `says`, its name for readers. */
export function partyParam(version: ResolvedTexts, party: string): NamedParam {
  return { id: party, name: textAt(version, 'parties', party, 'name') };
}

/** A project type's name; one without a `name` is called by its id in every locale. */
export function projectTypeName(version: ResolvedTexts & RuleFileData, type: string): LocalizedText {
  return version.texts.get(`projectTypes.${type}.name`) ?? Object.fromEntries(LOCALES.map((locale) => [locale, type]));
}

/** What a reader's locale needs of a file, for a result that has no plan. */
export function ruleTextsOf(version: ResolvedTexts & RuleFileData): RuleTexts {
  return {
    language: version.language,
    locales: version.locales,
    ruleSet: textAt(version, 'name'),
    messages: version.messageOverrides,
  };
}
