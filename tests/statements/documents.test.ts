import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  renderDecisionLetterPdf,
  renderTrialBalancePdf,
  trialBalancePageCount,
  type StatementLocale,
  type TrialBalance,
} from '../../src/statements';
import { syntheticDecisionLetter, syntheticTrialBalance } from '../../tools/synthetic-statements';
import { loadRuleDirectory } from '../../src/rules/load-directory';
import { chain, statement } from './support/fixtures';
import { collectBytes, readPdf } from './support/pdf-text';

describe('trial balance PDF', () => {
  test('per account debit, credit and balance; equal grand totals; page X of Y', async () => {
    const trialBalance = syntheticTrialBalance({ rows: 120, locale: 'es-MX' });
    const expectedPages = trialBalancePageCount(syntheticTrialBalance({ rows: 120, locale: 'es-MX' }));
    const pages = await readPdf(await collectBytes(renderTrialBalancePdf(trialBalance)));
    expect(pages).toHaveLength(expectedPages);
    expect(pages[0]!.text).toContain('Balanza de comprobación');
    expect(pages[0]!.text).toContain('Al: 1 ene 2026, 00:00 UTC');
    for (const [index, page] of pages.entries()) {
      expect(page.lines.at(-1)).toMatch(new RegExp(`Página ${index + 1} de ${expectedPages}$`));
      expect(page.lines).toContain('Cuenta Nombre Tipo Cargo Abono Saldo');
    }
    const totals = pages.at(-1)!.lines.find((line) => line.startsWith('Sumas totales'))!;
    const [debit, credit] = totals.replace('Sumas totales ', '').split(' ');
    expect(debit).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(debit).toBe(credit);
    expect(pages.map((page) => page.text).join('\n')).not.toContain('NO CUADRA');
  });

  test('unequal grand totals are called out', async () => {
    const unbalanced: TrialBalance = {
      header: statement().header,
      asOf: new Date('2025-04-01T00:00:00Z'),
      groups: [
        {
          currency: 'MXN',
          rowCount: 2,
          rows: [
            { code: 'BANK', name: 'Bank', type: 'asset', normalSide: 'debit', debit: '500.00', credit: '200.00' },
            {
              code: 'CLUB',
              name: 'Club share',
              type: 'liability',
              normalSide: 'credit',
              debit: '0.00',
              credit: '250.00',
            },
          ],
        },
      ],
      chain: chain({ ok: false, firstBadEntry: '7' }),
    };
    const [page] = await readPdf(await collectBytes(renderTrialBalancePdf(unbalanced)));
    expect(page!.lines).toContain('Grand totals MX$500.00 MX$450.00');
    expect(page!.text).toContain('NOT BALANCED: debits MX$500.00 differ from credits MX$450.00.');
    expect(page!.lines).toContain('BANK Bank asset 500.00 200.00 300.00');
    expect(page!.text).toContain('HASH CHAIN BROKEN at entry 7');
  });
});

/** The letter of the plan the shipped rules give an application, and the text of its PDF. */
async function shippedPlanLetter(locale: StatementLocale, ruleSet: string, application: object) {
  const catalog = await loadRuleDirectory(fileURLToPath(new URL('../../rules', import.meta.url)));
  const result = catalog.plan(ruleSet, application, new Date('2026-01-15T12:00:00Z'));
  if (!result.eligible) return expect.fail(JSON.stringify(result.failures));
  // The engine's Plan is given as it is: no mapping between the rules and the letter.
  const letter = { ...syntheticDecisionLetter(locale), plan: result.plan };
  const text = (await readPdf(renderDecisionLetterPdf(letter))).map((page) => page.text).join('\n');
  return { plan: result.plan, text };
}

describe('decision letter PDF', () => {
  test('outcome, plan shares and tranches, approvals and the rule trace', async () => {
    const letter = syntheticDecisionLetter('es-MX');
    const pages = await readPdf(renderDecisionLetterPdf(letter));
    const text = pages.map((page) => page.text).join('\n');
    expect(text).toContain('Carta de resolución');
    expect(text).toContain('Resolución: APROBADA el 18 ene 2025');
    expect(text).toContain(`Reglas tres-por-uno, versión 2025.1, huella ${letter.plan.ruleHash}`);
    expect(text).toContain('club $3,000,000.00 25%');
    expect(text).toContain('1 30% $3,600,000.00 Ministración: anticipo a la constructora (30 %)');
    expect(text).toContain('Aprobaciones requeridas: federal, state, municipal');
    expect(text).toContain('federal Secretaría de Bienestar aprobó 16 ene 2025 Conforme a las reglas de operación');
    for (const step of letter.plan.trace) expect(text).toContain(step.rule);
    expect(pages.at(-1)!.lines.at(-1)).toMatch(new RegExp(`Página ${pages.length} de ${pages.length}$`));
  });

  test('prints a plan of the shipped tres-por-uno rules as the rules engine gives it', async () => {
    const { plan, text } = await shippedPlanLetter('es-MX', 'tres-por-uno', {
      projectType: 'infrastructure',
      title: 'Pavimentación de calle',
      currency: 'MXN',
      location: 'Jerez, Zacatecas',
      totalCost: '4000000.00',
      filedAt: '2009-07-01',
      registration: { validFrom: '2009-01-01', validTo: '2009-12-31' },
    });
    // 3x1-2: the federal share is capped at 800,000.00 and the gap goes to the state and the municipality.
    expect(text).toMatch(/gobierno federal \(SEDESOL\) \$800,000\.00 20% sí/);
    expect(text).toContain('gobierno estatal $1,100,000.00 27.5%');
    for (const finding of plan.trace) expect(text).toContain(finding.rule);
  });

  test('a French letter for an MDM plan prints its parties, milestones and rule trace in French', async () => {
    const letter = await shippedPlanLetter('fr-MA', 'mdm-invest', {
      projectType: 'creation',
      title: 'Unité de conditionnement',
      currency: 'MAD',
      totalCost: '80000000.00',
      filedAt: '2016-03-01',
      sector: 'industry',
      investorStatus: 'mre',
      investorStakePercent: 60,
    });
    // No-break spaces of French typography, and cells wrapped onto more lines, read as one space.
    const text = letter.text.replace(/\s+/g, ' ');
    expect(text).toContain('Trace des règles');
    expect(text).toContain('banque prêteuse 55.200.000,00 MAD 69 %');
    expect(text).toContain(
      "une fois l'apport minimal en devises de l'investisseur libéré sur le compte dédié en dirhams",
    );
    expect(text).toContain('M-3 banque prêteuse prête le reste : 55.200.000,00 MAD');
    expect(text).toContain('M-3 le projet coûte au moins 1.000.000,00 MAD : respecté');
    expect(text).toContain('M-6 la subvention doit être intégralement remboursée');
    // Every line of the trace is the French rendering of its message, none the English `says`.
    for (const finding of letter.plan.trace) expect(text).not.toContain(finding.says);
    expect(text).not.toContain('Textes des règles en');
  });

  test('a plan filed before rule texts had locales prints its English trace, with a notice', async () => {
    const letter = syntheticDecisionLetter('es-MX');
    expect(letter.plan.texts).toBeUndefined();
    const text = (await readPdf(renderDecisionLetterPdf(letter))).map((page) => page.text).join('\n');
    expect(text).toContain('Textos de las reglas en inglés: el archivo de reglas no tiene traducción al español.');
    for (const step of letter.plan.trace) expect(text.replace(/\s+/g, ' ')).toContain(step.says);
  });

  test('a long rule trace flows onto more pages, each numbered, with the table header repeated', async () => {
    const letter = syntheticDecisionLetter('en');
    const trace = Array.from({ length: 120 }, (_, index) => ({
      rule: `3x1-${index + 1}`,
      says: `Step ${index + 1}: the share is computed from the total cost and capped where the rules say so.`,
    }));
    const pages = await readPdf(renderDecisionLetterPdf({ ...letter, plan: { ...letter.plan, trace } }));
    expect(pages.length).toBeGreaterThan(2);
    for (const [index, page] of pages.entries())
      expect(page.lines.at(-1)).toMatch(new RegExp(`Page ${index + 1} of ${pages.length}$`));
    expect(pages.at(-1)!.lines).toContain('Rule Says');
    const text = pages.map((page) => page.text).join('\n');
    for (const step of trace) expect(text).toContain(`${step.rule} ${step.says}`);
  });
});
