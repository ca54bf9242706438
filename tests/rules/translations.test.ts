import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/i18n';
import {
  checkRuleFiles,
  createRuleCatalog,
  fallbackNotice,
  localizePlan,
  localizeRefusal,
  parseRuleFile,
  type Plan,
} from '../../src/rules';
import { readRuleDirectory } from '../../src/rules/load-directory';
import { textsOf } from '../../src/rules/texts';
import { omit } from '../support/omit';
import { NOW, expectIneligible, expectPlan, shippedCatalog, shippedRulesDir } from './support';

/** Which locales each shipped rule set must read in besides its own language. */
const SHIPPED_TRANSLATIONS: Record<string, Locale[]> = {
  'tres-por-uno': ['es-MX'],
  'zacatecas-2x1': ['es-MX'],
  'mdm-invest': ['fr-MA'],
  'african-diaspora-marketplace': [],
};

const registration = { validFrom: '2000-01-01', validTo: '2099-12-31' };
/** One eligible application per shipped version, to read its whole trace in every locale. */
const SAMPLE_APPLICATIONS: Record<string, (filedAt: string) => object> = {
  'tres-por-uno': (filedAt) => ({
    projectType: 'productive-community',
    totalCost: '4800000.00',
    currency: 'MXN',
    filedAt,
    beneficiaryFamilies: 8,
    joiningParties: ['state'],
    registration,
  }),
  'zacatecas-2x1': (filedAt) => ({
    projectType: 'infrastructure',
    totalCost: '1000000.01',
    currency: 'MXN',
    filedAt,
    registration,
  }),
  'mdm-invest': (filedAt) => ({
    projectType: 'creation',
    totalCost: '45322888.37',
    currency: 'MAD',
    filedAt,
    sector: 'industry',
    investorStatus: 'mre',
    investorStakePercent: 60,
  }),
  'african-diaspora-marketplace': (filedAt) => ({
    projectType: 'creation',
    totalCost: '150000.00',
    currency: 'USD',
    filedAt,
    applicantResidence: 'US',
    hasLocalPartner: true,
  }),
};

describe('the shipped rule files', () => {
  it('declare their language, and every declared locale translates every text', async () => {
    const files = await readRuleDirectory(shippedRulesDir);
    expect(checkRuleFiles(files).issues).toEqual([]);
    for (const file of files) {
      const parsed = parseRuleFile(file.path, file.text);
      if (!parsed.ok) return expect.fail(`${file.path} must load`);
      const { version } = parsed;
      expect(file.text, file.path).toMatch(/^language: en$/m);
      expect(version.locales, file.path).toEqual(['en', ...SHIPPED_TRANSLATIONS[version.id]!]);
      expect([...version.texts.keys()], file.path).toEqual([...textsOf(version).keys()]);
      for (const [key, text] of version.texts) {
        for (const locale of version.locales)
          expect(text[locale]?.trim(), `${file.path} ${key} ${locale}`).toBeTruthy();
      }
    }
  });

  it('give every plan of every version a whole trace in each of their locales, with no fallback', async () => {
    const catalog = await shippedCatalog();
    for (const summary of catalog.list()) {
      const plan = expectPlan(catalog.plan(summary.id, SAMPLE_APPLICATIONS[summary.id]!(summary.validFrom), NOW));
      expect(plan.ruleHash).toBe(summary.hash);
      for (const locale of summary.locales) {
        const localized = localizePlan(plan, locale);
        expect(localized.fallbackLocale, `${summary.path} in ${locale}`).toBeNull();
        expect(localized.trace).toHaveLength(plan.trace.length);
        for (const finding of localized.trace) expect(finding.text).not.toMatch(/[{}]/);
      }
      // English is the files' own language: the reader's English names parties, `says` keeps the ids.
      expect(localizePlan(plan, 'en').trace.map((finding) => finding.text)).not.toEqual(
        plan.trace.map((finding) => finding.says),
      );
    }
  });

  it('read a 3x1 plan in Spanish and an MDM plan in French, down to amounts and dates', async () => {
    const catalog = await shippedCatalog();
    const tresPorUno = expectPlan(
      catalog.plan('tres-por-uno', SAMPLE_APPLICATIONS['tres-por-uno']!('2014-02-20'), NOW),
    );
    const spanish = localizePlan(tresPorUno, 'es-MX');
    expect(spanish.parties).toMatchObject({ club: 'club de migrantes', federal: 'gobierno federal (SEDESOL)' });
    expect(spanish.projectType).toBe('proyecto productivo comunitario');
    expect(spanish.milestones[0]).toBe('a la firma del Convenio de Concertación (primera ministración)');
    expect(spanish.trace.map((finding) => finding.text)).toContain(
      'la aportación de gobierno federal (SEDESOL) tiene un tope de $250,000.00; la diferencia de $1,550,000.00 ' +
        'se reparte a prorrata entre club de migrantes y gobierno estatal',
    );
    expect(spanish.trace[0]!.text).toContain('vigente del 1 ene 2013 al 31 dic 2018');

    const mdm = expectPlan(catalog.plan('mdm-invest', SAMPLE_APPLICATIONS['mdm-invest']!('2016-03-01'), NOW));
    const french = localizePlan(mdm, 'fr-MA');
    const texts = french.trace.map((finding) => finding.text.replace(/\u00a0|\u202f/g, ' '));
    expect(texts).toContain('banque prêteuse prête le reste : 31.272.792,98 MAD');
    expect(french.clawback).toContain('la subvention doit être intégralement remboursée');
  });

  it('fall back to their own language for a locale they do not translate, and say so', async () => {
    const catalog = await shippedCatalog();
    const plan = expectPlan(catalog.plan('mdm-invest', SAMPLE_APPLICATIONS['mdm-invest']!('2016-03-01'), NOW));
    const spanish = localizePlan(plan, 'es-MX');
    expect(spanish.fallbackLocale).toBe('en');
    expect(spanish.parties.bank).toBe('lending bank');
    // The evaluator's own words are Spanish; only the file's texts are English.
    expect(spanish.trace.some((finding) => finding.text.startsWith('lending bank presta el resto'))).toBe(true);
    expect(fallbackNotice(spanish)).toBe(
      'Textos de las reglas en inglés: el archivo de reglas no tiene traducción al español.',
    );
  });
});

/** A small rule file written in Spanish, without an English translation. */
const SPANISH_FILE = `id: fondo
name: Fondo de prueba
language: es-MX
version: "1"
validFrom: 2020-01-01
currency: MXN
parties:
  club:
    name: club de migrantes
    role: association
    funding: contribution
    applicant: true
  state:
    name: gobierno estatal
    role: government
    funding: budget
eligibility:
  - rule: F-2
    says: el proyecto cuesta al menos MXN 1,000.00
    field: totalCost
    min: "1000.00"
projectTypes:
  obra:
    rule: F-1
    name: obra comunitaria
    shares:
      club: { rule: F-1, percent: 40 }
      state: { rule: F-1, rest: true }
tranches:
  - { rule: F-3, percent: 100, milestone: a la firma del convenio }
requiredApprovals: { rule: F-4, parties: [state] }
trancheApprovals: { rule: F-4, parties: [state] }
`;

const spanishCatalog = (text = SPANISH_FILE) => createRuleCatalog([{ path: 'rules/fondo/1.yaml', text }]);
const spanishApplication = (totalCost: string) => ({
  projectType: 'obra',
  totalCost,
  currency: 'MXN',
  filedAt: '2021-05-01',
});

describe('a rule file in Spanish without an English translation', () => {
  it('is shown in Spanish to an English reader, who is told so; says keeps its English sentences', () => {
    const plan = expectPlan(spanishCatalog().plan('fondo', spanishApplication('10000.00'), NOW));
    const english = localizePlan(plan, 'en');
    expect(english.fallbackLocale).toBe('es-MX');
    expect(fallbackNotice(english)).toBe('Rule texts shown in Spanish: the rule file has no English translation.');
    expect(english.trace.map((finding) => finding.text)).toContain(
      'club de migrantes pays 40% of the total cost: MX$4,000.00',
    );
    expect(plan.trace.map((finding) => finding.says)).toContain('club pays 40% of the total cost: MXN 4,000.00');
    expect(localizePlan(plan, 'es-MX').fallbackLocale).toBeNull();
  });

  it('refuses in the reader locale, naming the field beside the failure', () => {
    const result = expectIneligible(spanishCatalog().plan('fondo', spanishApplication('500.00'), NOW));
    const refusal = localizeRefusal(result, 'es-MX');
    expect(refusal).toMatchObject({ locale: 'es-MX', fallbackLocale: null, ruleSet: 'Fondo de prueba' });
    expect(refusal.failures).toEqual([
      {
        rule: 'F-2',
        field: 'totalCost',
        text:
          'el proyecto cuesta al menos MXN 1,000.00: no se cumple (costo total es $500.00, menos que el ' +
          'mínimo de $1,000.00)',
      },
    ]);
    expect(localizeRefusal(result, 'fr-MA').fallbackLocale).toBe('es-MX');
  });

  it("uses the file's own wording of a message, in the locale it gives it", () => {
    const text = SPANISH_FILE.replace(
      'currency: MXN\n',
      'currency: MXN\nmessages:\n  share.percent: "{party} pone {percent} de {base} ({amount})"\n',
    );
    const plan = expectPlan(spanishCatalog(text).plan('fondo', spanishApplication('10000.00'), NOW));
    expect(localizePlan(plan, 'es-MX').trace.map((finding) => finding.text)).toContain(
      'club de migrantes pone 40 % de la totalidad del costo ($4,000.00)'.replace(' %', '%'),
    );
    // Another locale keeps the evaluator's wording.
    expect(localizePlan(plan, 'en').trace.map((finding) => finding.text)).toContain(
      'club de migrantes pays 40% of the total cost: MX$4,000.00',
    );
  });
});

describe('npx cofund rules check on translations', () => {
  const issuesOf = (text: string) => checkRuleFiles([{ path: 'rules/fondo/1.yaml', text }]).issues;
  const withTranslation = (block: string) => `${SPANISH_FILE}translations:\n  en:\n${block}`;
  const WHOLE = [
    '    name: Test fund',
    '    parties:',
    '      club: { name: migrant club }',
    '      state: { name: state government }',
    '    eligibility:',
    '      - says: the project costs at least MXN 1,000.00',
    '    projectTypes:',
    '      obra: { name: community works }',
    '    tranches:',
    '      - milestone: on signing the agreement',
    '',
  ].join('\n');

  it('accepts a whole translation', () => {
    expect(issuesOf(withTranslation(WHOLE))).toEqual([]);
    const plan = expectPlan(spanishCatalog(withTranslation(WHOLE)).plan('fondo', spanishApplication('10000.00'), NOW));
    const english = localizePlan(plan, 'en');
    expect(english).toMatchObject({ fallbackLocale: null, ruleSet: 'Test fund', projectType: 'community works' });
  });

  it('names each text a declared locale is missing', () => {
    const issues = issuesOf(
      withTranslation(WHOLE.replace('    tranches:\n      - milestone: on signing the agreement\n', '')),
    );
    expect(issues.map((issue) => [issue.field, issue.message])).toEqual([
      ['translations.en', 'missing the en text of tranches.0.milestone'],
    ]);
    expect(issues[0]!.line).toBe(SPANISH_FILE.split('\n').length + 1);
  });

  it('refuses a translation of a text the file does not have, or that is not text', () => {
    const issues = issuesOf(withTranslation(`${WHOLE}    clawback: { says: repaid }\n    tranches2: 3\n`));
    expect(issues.map((issue) => [issue.field, issue.message])).toEqual([
      ['translations.en.clawback.says', 'the file has no text clawback.says to translate'],
      ['translations.en.tranches2', 'the file has no text tranches2 to translate'],
    ]);
    const blank = issuesOf(withTranslation(WHOLE.replace('name: Test fund', 'name: 42')));
    expect(blank.map((issue) => issue.message)).toEqual(['a translation is a non-empty text']);
  });

  it("refuses to translate the file's own language, or into a locale cofund does not speak", () => {
    const own = issuesOf(`${SPANISH_FILE}translations:\n  es-MX:\n    name: otro\n`);
    expect(own.map((issue) => [issue.field, issue.message])).toEqual([
      ['translations.es-MX', "es-MX is the file's own language: its texts are the file's"],
    ]);
    const unknown = issuesOf(`${SPANISH_FILE}translations:\n  de:\n    name: Testfonds\n`);
    expect(unknown[0]!.field).toBe('translations.de');
  });

  it('refuses unknown message ids and wordings whose parameters do not match', () => {
    const messages = [
      '    messages:',
      '      share.pays: "{party} pays"',
      '      share.percent: "{party} pays {percent} of {base}: {amount} {rest}"',
      '      share.fixed: "{party} pays"',
      '      unallocated: "{amount} is {left"',
      '',
    ].join('\n');
    const issues = issuesOf(withTranslation(`${WHOLE}${messages}`));
    expect(issues.map((issue) => [issue.field, issue.message])).toEqual([
      ['translations.en.messages.share.pays', 'unknown message id share.pays (the ids are listed in docs/rules.md)'],
      [
        'translations.en.messages.share.percent',
        'share.percent has no parameter rest: it takes party, percent, base, amount',
      ],
      ['translations.en.messages.share.fixed', 'the wording of share.fixed must show amount'],
      ['translations.en.messages.unallocated', 'braces are only for placeholders such as {party}'],
    ]);
    for (const issue of issues) expect(issue.line).toBeGreaterThan(SPANISH_FILE.split('\n').length);
  });
});

describe('plans filed before rule texts had locales', () => {
  it('stay readable: their English says is shown, marked as a fallback', async () => {
    const catalog = await shippedCatalog();
    const current = expectPlan(catalog.plan('tres-por-uno', SAMPLE_APPLICATIONS['tres-por-uno']!('2014-02-20'), NOW));
    // What was stored before: no texts, and findings of {rule, says} only, under the old file's hash.
    const stored: Plan = {
      ...current,
      ruleHash: 'f'.repeat(64),
      texts: undefined,
      trace: current.trace.map(({ rule, says }) => ({ rule, says })),
      assumptions: current.assumptions.map(({ rule, says }) => ({ rule, says })),
      deadlines: current.deadlines.map((deadline) => omit(deadline, 'message')),
    };
    for (const locale of LOCALES) {
      const localized = localizePlan(stored, locale);
      expect(localized.trace.map((finding) => finding.text)).toEqual(current.trace.map((finding) => finding.says));
      expect(localized.parties).toEqual({ club: 'club', federal: 'federal', state: 'state' });
      expect(localized.milestones).toEqual(current.tranches.map((tranche) => tranche.milestone));
      expect(localized.fallbackLocale).toBe(locale === 'en' ? null : 'en');
    }
  });
});
