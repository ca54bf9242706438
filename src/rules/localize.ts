import { LANGUAGE_NAMES, type Locale } from '../i18n';
import type { LocalizedText, Message } from './messages';
import { MessageRenderer } from './render';
import { type DocumentStep, type PlanDocument, requiredDocuments } from './documents';
import { ruleTextsOf } from './texts';
import type { PlanResult, PlanTexts, RuleFinding, RuleTexts, RuleVersion } from './types';

/*
 * A plan or a refusal in the reader's locale, from what was stored with it: each finding's message
 * and the rule file's texts. Works on plans as filed, whatever the rule files say today. A plan filed
 * before rule texts had locales has neither: its English `says` is shown, and `fallbackLocale` says so.
 */

/** The language the rule files were written in before they declared one. */
const LEGACY_LANGUAGE: Locale = 'en';

export interface LocalizedFinding {
  rule: string;
  text: string;
  field?: string;
}

export interface Localized {
  locale: Locale;
  /**
   * The language shown instead of `locale` for the rule file's texts, when the file has no
   * translation to `locale`; null when everything is in `locale`.
   */
  fallbackLocale: Locale | null;
}

export interface LocalizedPlan extends Localized {
  ruleSet: string;
  projectType: string;
  /** Every party's name, by party id. */
  parties: Record<string, string>;
  /** Each tranche's milestone, in plan order. */
  milestones: string[];
  trace: LocalizedFinding[];
  assumptions: LocalizedFinding[];
  deadlines: string[];
  clawback: string | null;
  proofs: string[];
  /** The papers each step needs, one sentence each. */
  documents: string[];
}

export interface LocalizedRefusal extends Localized {
  ruleSet: string;
  failures: LocalizedFinding[];
  trace: LocalizedFinding[];
}

/** What a plan must have to be shown in a locale: the letter's plan as well as the rules' own. */
export interface LocalizablePlan {
  ruleSet: string;
  projectType?: string;
  shares: readonly { party: string }[];
  tranches: readonly { milestone: string }[];
  trace: readonly RuleFinding[];
  assumptions?: readonly RuleFinding[];
  deadlines?: readonly { says: string; message?: Message }[];
  clawback?: { says: string; message?: Message } | null;
  proofs?: readonly { says: string; message?: Message }[];
  documents?: readonly { says: string; message?: Message }[];
  texts?: PlanTexts;
}

class Localizer {
  private readonly renderer: MessageRenderer | undefined;
  private legacy = false;

  constructor(
    private readonly locale: Locale,
    private readonly texts: RuleTexts | undefined,
  ) {
    this.renderer = texts && new MessageRenderer(locale, texts.language, texts.messages);
  }

  /** A stored sentence: its message in the locale, or its English `says` when it has none. */
  sentence(item: { says: string; message?: Message }): string {
    if (this.renderer && item.message) return this.renderer.render(item.message);
    this.legacy = true;
    return item.says;
  }

  finding(finding: RuleFinding): LocalizedFinding {
    return {
      rule: finding.rule,
      text: this.sentence(finding),
      ...(finding.field !== undefined && { field: finding.field }),
    };
  }

  text(text: LocalizedText | undefined, legacy: string): string {
    if (this.renderer && text) return this.renderer.text(text);
    this.legacy = true;
    return legacy;
  }

  get result(): Localized {
    const language = this.texts?.language ?? LEGACY_LANGUAGE;
    const fellBack = Boolean(this.renderer?.fellBack) || (this.legacy && this.locale !== LEGACY_LANGUAGE);
    return { locale: this.locale, fallbackLocale: fellBack ? (this.legacy ? LEGACY_LANGUAGE : language) : null };
  }
}

/** A plan's names, milestones and trace in `locale`. */
export function localizePlan(plan: LocalizablePlan, locale: Locale): LocalizedPlan {
  const { texts } = plan;
  const localizer = new Localizer(locale, texts);
  const partyIds = texts ? Object.keys(texts.parties) : plan.shares.map((share) => share.party);
  const localized = {
    ruleSet: localizer.text(texts?.ruleSet, plan.ruleSet),
    projectType: localizer.text(texts?.projectType, plan.projectType ?? ''),
    parties: Object.fromEntries(partyIds.map((party) => [party, localizer.text(texts?.parties[party], party)])),
    milestones: plan.tranches.map((tranche, index) => localizer.text(texts?.milestones[index], tranche.milestone)),
    trace: plan.trace.map((finding) => localizer.finding(finding)),
    assumptions: (plan.assumptions ?? []).map((finding) => localizer.finding(finding)),
    deadlines: (plan.deadlines ?? []).map((deadline) => localizer.sentence(deadline)),
    clawback: plan.clawback ? localizer.sentence(plan.clawback) : null,
    proofs: (plan.proofs ?? []).map((proof) => localizer.sentence(proof)),
    documents: (plan.documents ?? []).map((document) => localizer.sentence(document)),
  };
  return { ...localizer.result, ...localized };
}

/**
 * The papers a project of this type needs at `step` under this version, each with its sentence in
 * `locale`: for a form drawn before any plan exists (the filing form's file inputs).
 */
export function localizeStepDocuments(
  version: RuleVersion,
  projectType: string,
  step: DocumentStep,
  locale: Locale,
): Array<PlanDocument & { text: string }> {
  const localizer = new Localizer(locale, ruleTextsOf(version));
  return requiredDocuments(version, projectType)
    .filter((document) => document.step === step)
    .map((document) => ({ ...document, text: localizer.text(documentName(document), document.says) }));
}

/** Each paper's own name in `locale` (the rule file's `says`), without the step's sentence: a file input's label. */
export function localizeDocumentNames(plan: LocalizablePlan, locale: Locale): string[] {
  const localizer = new Localizer(locale, plan.texts);
  return (plan.documents ?? []).map((document) => localizer.text(documentName(document), document.says));
}

const documentName = (document: { message?: Message }) =>
  (document.message?.params as { document?: LocalizedText } | undefined)?.document;

/** Why an application was refused, in `locale`. */
export function localizeRefusal(result: Extract<PlanResult, { eligible: false }>, locale: Locale): LocalizedRefusal {
  const localizer = new Localizer(locale, result.texts);
  const localized = {
    ruleSet: localizer.text(result.texts.ruleSet, result.ruleSet),
    failures: result.failures.map((finding) => localizer.finding(finding)),
    trace: result.trace.map((finding) => localizer.finding(finding)),
  };
  return { ...localizer.result, ...localized };
}

/** One rule-file text in `locale`, else in the file's `language`. */
export function textIn(text: LocalizedText, locale: Locale, language: Locale): string {
  return new MessageRenderer(locale, language).text(text);
}

const FALLBACK_NOTICES: Record<Locale, (shown: string, wanted: string) => string> = {
  en: (shown, wanted) => `Rule texts shown in ${shown}: the rule file has no ${wanted} translation.`,
  'es-MX': (shown, wanted) =>
    `Textos de las reglas en ${shown}: el archivo de reglas no tiene traducción al ` + `${wanted}.`,
  'fr-MA': (shown, wanted) =>
    `Textes des règles en ${shown}\u00a0: le fichier de règles n'a pas de traduction en ${wanted}.`,
};

/**
 * "Rule texts shown in Spanish: the rule file has no English translation.", in the reader's locale;
 * null when no notice is due.
 */
export function fallbackNotice({ locale, fallbackLocale }: Localized): string | null {
  if (fallbackLocale === null) return null;
  const names = LANGUAGE_NAMES[locale];
  return FALLBACK_NOTICES[locale](names[fallbackLocale], names[locale]);
}
