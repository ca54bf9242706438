import { describe, expect, it } from 'vitest';
import { createRuleCatalog, documentsForStep, localizePlan, parseRuleFile } from '../../src/rules';
import { FIXTURE_FILE, NOW, expectPlan, issuesOf, shippedCatalog } from './support';

/** The `documents` key of the rule language (docs/rules.md, "documents[]") and the shipped lists. */

const VALID = `id: demo
name: Demo matching fund
version: "2020"
validFrom: 2020-01-01
currency: MXN
parties:
  club: { name: hometown club, role: association, funding: contribution, applicant: true }
  federal: { name: federal government, role: government, funding: budget }
projectTypes:
  works:
    rule: D-1
    shares:
      club: { rule: D-1, percent: 50 }
      federal: { rule: D-1, percent: 50 }
    documents:
      - { rule: D-6, type: technical-file, step: approval, says: the technical file }
  goods:
    rule: D-1
    shares:
      club: { rule: D-1, percent: 50 }
      federal: { rule: D-1, percent: 50 }
tranches:
  - { rule: D-3, percent: 50, milestone: at start }
  - { rule: D-3, percent: 50, milestone: on completion }
requiredApprovals: { rule: D-4, parties: [federal] }
trancheApprovals: { rule: D-4, parties: [federal] }
documents:
  - { rule: D-5, type: registration, step: filing, says: the club's registration }
  - { rule: D-7, type: agreement, step: tranche, tranches: first, says: the signed agreement }
  - { rule: D-7, type: progress-report, step: tranche, tranches: after-first, says: a progress report }
  - { rule: D-8, type: receipts, step: tranche, says: the receipts }
  - { rule: D-9, type: handover, step: close, says: the handover certificate }
`;

function loaded(text: string) {
  const result = parseRuleFile(FIXTURE_FILE, text);
  if (!result.ok) return expect.fail(JSON.stringify(result.issues));
  return result.version;
}

const lineOf = (text: string, marker: string) => text.split('\n').findIndex((line) => line.includes(marker)) + 1;

describe('documents in a rule file', () => {
  it('are listed in the plan: the file list first, then the project type’s, each citing its rule', async () => {
    const catalog = createRuleCatalog([{ path: FIXTURE_FILE, text: VALID }]);
    const plan = expectPlan(catalog.plan('demo', { projectType: 'works', totalCost: '1000.00', currency: 'MXN' }, NOW));
    expect(plan.documents!.map(({ rule, type, step, tranches }) => ({ rule, type, step, tranches }))).toEqual([
      { rule: 'D-5', type: 'registration', step: 'filing', tranches: undefined },
      { rule: 'D-7', type: 'agreement', step: 'tranche', tranches: 'first' },
      { rule: 'D-7', type: 'progress-report', step: 'tranche', tranches: 'after-first' },
      { rule: 'D-8', type: 'receipts', step: 'tranche', tranches: 'each' },
      { rule: 'D-9', type: 'handover', step: 'close', tranches: undefined },
      { rule: 'D-6', type: 'technical-file', step: 'approval', tranches: undefined },
    ]);
    expect(plan.documents![0]!.says).toBe("to file: the club's registration (registration)");
    expect(plan.documents![1]!.says).toBe('with the request for the first tranche: the signed agreement (agreement)');

    const goods = expectPlan(
      catalog.plan('demo', { projectType: 'goods', totalCost: '1000.00', currency: 'MXN' }, NOW),
    );
    expect(goods.documents!.map((document) => document.type)).not.toContain('technical-file');
  });

  it('are picked per step, and per tranche request for step: tranche', () => {
    const catalog = createRuleCatalog([{ path: FIXTURE_FILE, text: VALID }]);
    const plan = expectPlan(catalog.plan('demo', { projectType: 'works', totalCost: '1000.00', currency: 'MXN' }, NOW));
    const types = (step: Parameters<typeof documentsForStep>[1], tranche?: number) =>
      documentsForStep(plan, step, tranche).map((document) => document.type);
    expect(types('filing')).toEqual(['registration']);
    expect(types('approval')).toEqual(['technical-file']);
    expect(types('tranche', 1)).toEqual(['agreement', 'receipts']);
    expect(types('tranche', 2)).toEqual(['progress-report', 'receipts']);
    expect(types('tranche', 3)).toEqual(['progress-report', 'receipts']);
    expect(types('close')).toEqual(['handover']);
    // Plans filed before rule files listed documents require none.
    expect(documentsForStep({}, 'filing')).toEqual([]);
  });

  it('refuse tranches without step: tranche and an unknown step, with file and line', () => {
    let text = VALID.replace(
      '{ rule: D-9, type: handover, step: close, says',
      '{ rule: D-9, type: handover, step: close, tranches: first, says',
    );
    text = text.replace(
      '{ rule: D-5, type: registration, step: filing,',
      '{ rule: D-5, type: registration, step: filed,',
    );
    const issues = issuesOf(text);
    expect(issues.map((issue) => [issue.field, issue.line])).toEqual(
      expect.arrayContaining([
        ['documents.0.step', lineOf(text, 'step: filed')],
        ['documents.4.tranches', lineOf(text, 'type: handover')],
      ]),
    );
    expect(issues.find((issue) => issue.field === 'documents.0.step')!.message).toMatch(
      /filing, approval, tranche, close/,
    );
    expect(issues.find((issue) => issue.field === 'documents.4.tranches')!.message).toMatch(/goes with step: tranche/);
  });

  it('refuse the same type twice for the same step, at the top and in a project type', () => {
    const text = VALID.replace(
      '{ rule: D-6, type: technical-file, step: approval, says: the technical file }',
      '{ rule: D-6, type: receipts, step: tranche, says: the receipts again }',
    );
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({
        field: 'projectTypes.works.documents.0.type',
        line: lineOf(text, 'the receipts again'),
        message: 'receipts is listed twice for this step',
      }),
    ]);
  });

  it('have texts a declared locale must translate', () => {
    const text = `${VALID}translations:\n  es-MX:\n    name: Fondo\n`;
    const messages = issuesOf(text).map((issue) => issue.message);
    expect(messages).toContain('missing the es-MX text of documents.0.says');
    expect(messages).toContain('missing the es-MX text of projectTypes.works.documents.0.says');
    expect(loaded(VALID).texts.get('documents.0.says')).toEqual({ en: "the club's registration" });
  });
});

describe('the shipped rule files', async () => {
  const catalog = await shippedCatalog();
  const registration = { validFrom: '2012-06-01', validTo: '2014-05-31' };
  const listed = (plan: { documents?: { rule: string; type: string; step: string; tranches?: string }[] }) =>
    plan.documents!.map(({ rule, type, step, tranches }) => [rule, type, step, tranches ?? null]);

  it('3x1: Toma de Nota, technical file for infrastructure, agreement, progress reports, handover', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        {
          projectType: 'infrastructure',
          totalCost: '2400000.00',
          currency: 'MXN',
          filedAt: '2014-02-20',
          registration,
        },
        NOW,
      ),
    );
    expect(listed(plan)).toEqual([
      ['3x1-5', 'toma-de-nota', 'filing', null],
      ['3x1-8', 'convenio-de-concertacion', 'tranche', 'first'],
      ['3x1-8', 'informe-de-avance', 'tranche', 'after-first'],
      ['3x1-9', 'acta-de-entrega-recepcion', 'close', null],
      ['3x1-6', 'expediente-tecnico', 'approval', null],
    ]);
    const productive = expectPlan(
      catalog.plan(
        'tres-por-uno',
        {
          projectType: 'productive-individual',
          totalCost: '200000.00',
          currency: 'MXN',
          filedAt: '2009-02-20',
          registration: { validFrom: '2008-06-01', validTo: '2010-05-31' },
        },
        NOW,
      ),
    );
    expect(productive.ruleVersion).toBe('2008');
    expect(listed(productive).map(([, type]) => type)).not.toContain('expediente-tecnico');
    expect(localizePlan(plan, 'es-MX').documents[0]).toBe(
      'para presentar la solicitud: la Toma de Nota del club, su registro ante el consulado (toma-de-nota)',
    );
  });

  it('Zacatecas 2x1: the same papers', () => {
    const plan = expectPlan(
      catalog.plan(
        'zacatecas-2x1',
        {
          projectType: 'infrastructure',
          totalCost: '1000000.00',
          currency: 'MXN',
          filedAt: '2020-02-20',
          registration: { validFrom: '2019-06-01', validTo: '2021-05-31' },
        },
        NOW,
      ),
    );
    expect(listed(plan).map(([, type, step]) => [type, step])).toEqual([
      ['toma-de-nota', 'filing'],
      ['convenio-de-concertacion', 'tranche'],
      ['informe-de-avance', 'tranche'],
      ['acta-de-entrega-recepcion', 'close'],
      ['expediente-tecnico', 'approval'],
    ]);
  });

  it('MDM Invest: the bank’s proof of the equity with the first (grant) tranche, M-3', () => {
    const plan = expectPlan(
      catalog.plan(
        'mdm-invest',
        {
          projectType: 'creation',
          totalCost: '8000000.00',
          currency: 'MAD',
          sector: 'industry',
          investorStatus: 'mre',
          filedAt: '2016-03-01',
        },
        NOW,
      ),
    );
    expect(listed(plan)).toEqual([['M-3', 'attestation-bancaire-apport', 'tranche', 'first']]);
    expect(localizePlan(plan, 'fr-MA').documents).toEqual([
      "avec la demande de la première tranche\u00a0: l'attestation bancaire du versement de l'apport en devises " +
        "de l'investisseur sur le compte dédié en dirhams (attestation-bancaire-apport)",
    ]);
  });
});
