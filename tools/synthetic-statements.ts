import { Decimal, formatMoney } from '../src/money';
import type {
  ChainStatus,
  DecisionLetter,
  PartyTotals,
  Statement,
  StatementLocale,
  StatementRow,
  StatementSection,
  TrialBalance,
  TrialBalanceRow,
} from '../src/statements/model';

/*
 * Deterministic synthetic documents: the same options always give the same rows, generated lazily
 * (100,000 rows cost no memory). They feed the sample PDFs, the benchmark and the tests until the
 * sample can come from a seeded ledger. The project and its memos are invented but shaped like a
 * Tres por Uno (es-MX) or MDM Invest (fr-MA) file.
 */

export interface SyntheticOptions {
  /** Rows of the project account (the party accounts get a few more). */
  rows: number;
  locale?: StatementLocale;
  /** Make the chain status report a broken chain. */
  chainBroken?: boolean;
  seed?: number;
}

/** mulberry32: a tiny seeded generator; Math.random would make samples irreproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scenario {
  currency: string;
  programme: string;
  code: string;
  name: string;
  owner: string;
  organisation: string;
  parties: { party: string; organisation: string; share: number }[];
  contributionMemo: (party: string) => string;
  trancheMemos: string[];
  refundMemo: string;
  commitmentMemo: string;
  projectAccount: string;
  contractorAccount: string;
}

const SCENARIOS: Record<'es' | 'fr', Scenario> = {
  es: {
    currency: 'MXN',
    programme: '3X1-ZAC-2025',
    code: '3X1-ZAC-2025-0042',
    name: 'Pavimentación con concreto hidráulico de la calle Hidalgo, Jerez de García Salinas',
    owner: 'Club Jerezanos Unidos de Chicago, A.C.',
    organisation: 'Auditoría Superior del Estado de Zacatecas',
    parties: [
      { party: 'club', organisation: 'Club Jerezanos Unidos de Chicago', share: 25 },
      { party: 'federal', organisation: 'Secretaría de Bienestar', share: 25 },
      { party: 'state', organisation: 'Gobierno del Estado de Zacatecas', share: 25 },
      { party: 'municipal', organisation: 'Municipio de Jerez', share: 25 },
    ],
    contributionMemo: (party) => `Aportación de la parte ${party} según el plan aprobado`,
    trancheMemos: [
      'Ministración: anticipo a la constructora (30 %)',
      'Ministración por avance de obra — estimación núm. 2, guarniciones y banquetas',
      'Pago de "supervisión externa", señalética y limpieza; factura A-1193',
      'Ministración final contra acta de entrega-recepción firmada por el comité de obra y el municipio',
    ],
    refundMemo: 'Reembolso de economías al término de la obra',
    commitmentMemo: 'Compromiso de aportación reservado al aprobarse el proyecto',
    projectAccount: 'Proyecto 3X1-ZAC-2025-0042: cuenta de obra',
    contractorAccount: 'PROV-CONSTRUCTORA-JEREZ',
  },
  fr: {
    currency: 'MAD',
    programme: 'MDM-INVEST-2025',
    code: 'MDM-2025-0117',
    name: "Unité de valorisation de l'huile d'argan, Taroudant — création",
    owner: 'Société Argan Souss Émergence SARL',
    organisation: 'Inspection générale des finances',
    parties: [
      { party: 'investor', organisation: 'M. Youssef Aït Benhaddou (investisseur MRE)', share: 25 },
      { party: 'grant', organisation: "État — Fonds d'investissement MDM Invest", share: 10 },
      { party: 'bank', organisation: 'Banque partenaire — crédit à moyen terme', share: 65 },
    ],
    contributionMemo: (party) => `Versement de la partie ${party} conformément au plan accordé`,
    trancheMemos: [
      "Décaissement : acquisition d'une presse à froid et d'une ligne d'embouteillage",
      'Décaissement pour travaux de génie civil, lot n° 2 — façade, sols, réseaux',
      'Paiement "bureau de contrôle", honoraires d\'études; facture F-2025-88',
      'Décaissement final contre procès-verbal de réception définitive signé par le maître d’ouvrage',
    ],
    refundMemo: 'Remboursement du reliquat de subvention non consommé',
    commitmentMemo: "Engagement réservé à l'approbation du projet",
    projectAccount: 'Projet MDM-2025-0117 : compte du projet',
    contractorAccount: 'FOURN-EQUIPEMENTS-SOUSS',
  },
};

const DAY = 86_400_000;

/** The rows of the project account and its closing balance, regenerated identically on each call. */
function projectRows(scenario: Scenario, options: SyntheticOptions, from: Date, to: Date, opening: Decimal) {
  const step = (to.getTime() - from.getTime()) / (options.rows + 1);
  const seed = options.seed ?? 42;
  const generate = function* (): Generator<StatementRow> {
    const next = random(seed);
    let balance = opening;
    for (let index = 0; index < options.rows; index++) {
      const party = scenario.parties[index % scenario.parties.length]!;
      const contributes = balance.lessThan(50_000) || next() < 0.5;
      const bookedAt = new Date(from.getTime() + Math.round(step * (index + 1)));
      let amount: Decimal;
      let memo: string;
      let kind: string;
      let counter: string;
      if (contributes) {
        amount = new Decimal(Math.floor(next() * 25_000_000) + 100_000).dividedBy(100);
        kind = 'contribution';
        memo = scenario.contributionMemo(party.party);
        counter = `${scenario.code}/${party.party.toUpperCase()}`;
        balance = balance.plus(amount);
      } else {
        amount = balance
          .times(next() * 0.6)
          .toDecimalPlaces(2, Decimal.ROUND_DOWN)
          .plus('0.01');
        const refund = next() < 0.08;
        kind = refund ? 'refund' : 'tranche';
        memo = refund ? scenario.refundMemo : scenario.trancheMemos[index % scenario.trancheMemos.length]!;
        counter = refund ? `${scenario.code}/${party.party.toUpperCase()}` : scenario.contractorAccount;
        balance = balance.minus(amount);
      }
      yield {
        entryId: String(100_000 + index * 3),
        bookedAt: bookedAt.toISOString(),
        effectiveAt: new Date(Math.floor(bookedAt.getTime() / DAY) * DAY).toISOString(),
        kind,
        memo,
        counterAccounts: [counter],
        side: contributes ? 'debit' : 'credit',
        amount: formatMoney(amount, scenario.currency),
        balanceAfter: formatMoney(balance, scenario.currency),
      };
    }
  };
  let closing = opening;
  for (const row of generate()) closing = new Decimal(row.balanceAfter);
  return { generate, closing: formatMoney(closing, scenario.currency) };
}

function scenarioFor(locale: StatementLocale): Scenario {
  return locale === 'fr-MA' ? SCENARIOS.fr : SCENARIOS.es;
}

function hexFrom(seed: number): string {
  const next = random(seed);
  return Array.from({ length: 64 }, () => Math.floor(next() * 16).toString(16)).join('');
}

export function syntheticChain(entries: number, broken = false): ChainStatus {
  return {
    ok: !broken,
    entriesChecked: entries,
    unsealed: 2,
    firstBadEntry: broken ? '100042' : null,
    lastEntry: { id: String(100_000 + entries * 3), sealSeq: String(entries), hash: hexFrom(entries) },
  };
}

/** An application statement: the project account with `rows` rows, and one account per party share. */
export function syntheticStatement(options: SyntheticOptions): Statement {
  const locale = options.locale ?? 'es-MX';
  const scenario = scenarioFor(locale);
  const { currency } = scenario;
  const from = new Date('2025-01-01T06:00:00Z');
  const to = new Date('2026-01-01T06:00:00Z');
  const opening = new Decimal('1250000.00');
  const project = projectRows(scenario, options, from, to, opening);

  const sections: StatementSection[] = [
    {
      account: {
        id: '00000000-0000-4000-8000-000000000001',
        code: `${scenario.code}/PROJECT`,
        name: scenario.projectAccount,
        type: 'asset',
        normalSide: 'debit',
        currency,
      },
      openingBalance: formatMoney(opening, currency),
      closingBalance: project.closing,
      rowCount: options.rows,
      rows: (async function* () {
        yield* project.generate();
      })(),
    },
  ];
  const parties: PartyTotals[] = [];
  for (const [index, party] of scenario.parties.entries()) {
    const committed = new Decimal(12_000_000).times(party.share).dividedBy(100);
    const paid = committed.times(0.75);
    const refunded = index === 0 ? new Decimal('12500.50') : new Decimal(0);
    const first = new Date(from.getTime() + 20 * DAY);
    const movements = [
      { side: 'credit', amount: committed, memo: scenario.commitmentMemo, kind: 'commitment', days: 0 },
      { side: 'debit', amount: paid, memo: scenario.contributionMemo(party.party), kind: 'contribution', days: 40 },
      { side: 'debit', amount: refunded, memo: scenario.refundMemo, kind: 'refund', days: 300 },
    ] as const;
    const rows: StatementRow[] = [];
    let balance = new Decimal(0);
    for (const movement of movements) {
      if (movement.amount.isZero()) continue;
      // A liability share account grows on the credit side.
      balance = movement.side === 'credit' ? balance.plus(movement.amount) : balance.minus(movement.amount);
      const bookedAt = new Date(first.getTime() + movement.days * DAY).toISOString();
      rows.push({
        entryId: String(90_000 + index * 10 + rows.length),
        bookedAt,
        effectiveAt: bookedAt,
        kind: movement.kind,
        memo: movement.memo,
        counterAccounts: [`${scenario.code}/PROJECT`],
        side: movement.side,
        amount: formatMoney(movement.amount, currency),
        balanceAfter: formatMoney(balance, currency),
      });
    }
    sections.push({
      account: {
        id: `00000000-0000-4000-8000-00000000001${index}`,
        code: `${scenario.code}/${party.party.toUpperCase()}`,
        name: party.organisation,
        type: 'liability',
        normalSide: 'credit',
        currency,
      },
      openingBalance: formatMoney(new Decimal(0), currency),
      closingBalance: formatMoney(balance, currency),
      rowCount: rows.length,
      rows,
    });
    parties.push({
      party: party.party,
      organisation: party.organisation,
      currency,
      committed: formatMoney(committed, currency),
      paid: formatMoney(paid, currency),
      disbursed: formatMoney(paid.minus(refunded), currency),
      refunded: formatMoney(refunded, currency),
    });
  }
  return {
    header: {
      kind: 'application',
      title: scenario.name,
      subject: {
        id: '00000000-0000-4000-8000-0000000000a1',
        code: scenario.code,
        name: scenario.name,
        owner: scenario.owner,
      },
      period: { from, to },
      generatedAt: new Date('2026-01-15T16:30:00Z'),
      generatedBy: { organisation: scenario.organisation, role: 'auditor', keyPrefix: 'cfk_live_7Qm2' },
      locale,
      timeZone: locale === 'fr-MA' ? 'Africa/Casablanca' : 'America/Mexico_City',
      currency,
    },
    sections,
    parties,
    chain: syntheticChain(options.rows + 12, options.chainBroken),
  };
}

/** A programme trial balance with `rows` accounts whose debits and credits balance. */
export function syntheticTrialBalance(options: {
  rows: number;
  locale?: StatementLocale;
  seed?: number;
}): TrialBalance {
  const locale = options.locale ?? 'es-MX';
  const scenario = scenarioFor(locale);
  const { currency } = scenario;
  // Each account i is debited what account i+1 is credited, so the grand totals are equal by construction.
  const amounts = (seed: number) => {
    const next = random(seed);
    return Array.from({ length: options.rows }, () =>
      new Decimal(Math.floor(next() * 900_000_000) + 100).dividedBy(100),
    );
  };
  const generate = function* (): Generator<TrialBalanceRow> {
    const moved = amounts(options.seed ?? 7);
    for (let index = 0; index < options.rows; index++) {
      const debit = moved[index]!;
      const credit = moved[(index + moved.length - 1) % moved.length]!;
      const asset = index % 3 !== 2;
      yield {
        code: `${scenario.programme}/${String(index + 1).padStart(5, '0')}`,
        name:
          index % 3 === 2
            ? `Parte comprometida / part engagée ${index + 1}`
            : `${scenario.projectAccount} ${index + 1}`,
        type: asset ? 'asset' : 'liability',
        normalSide: asset ? 'debit' : 'credit',
        debit: formatMoney(debit, currency),
        credit: formatMoney(credit, currency),
      };
    }
  };
  return {
    header: {
      title: `${scenario.programme}`,
      subject: {
        id: '00000000-0000-4000-8000-0000000000b1',
        code: scenario.programme,
        name: scenario.programme,
        owner: null,
      },
      generatedAt: new Date('2026-01-15T16:30:00Z'),
      generatedBy: { organisation: scenario.organisation, role: 'auditor', keyPrefix: 'cfk_live_7Qm2' },
      locale,
      timeZone: 'UTC',
      currency,
    },
    asOf: new Date('2026-01-01T00:00:00Z'),
    groups: [{ currency, rowCount: options.rows, rows: generate() }],
    chain: syntheticChain(options.rows * 4),
  };
}

/** The decision letter of the synthetic application. */
export function syntheticDecisionLetter(locale: StatementLocale = 'es-MX'): DecisionLetter {
  const scenario = scenarioFor(locale);
  const { currency } = scenario;
  const total = new Decimal(12_000_000);
  const shares = scenario.parties.map((party) => ({
    party: party.party,
    amount: formatMoney(total.times(party.share).dividedBy(100), currency),
    percent: String(party.share),
    capped: false,
  }));
  const decidedAt = new Date('2025-01-18T17:05:00Z');
  return {
    header: {
      title: scenario.name,
      subject: {
        id: '00000000-0000-4000-8000-0000000000a1',
        code: scenario.code,
        name: scenario.name,
        owner: scenario.owner,
      },
      generatedAt: new Date('2026-01-15T16:30:00Z'),
      generatedBy: { organisation: scenario.organisation, role: 'auditor', keyPrefix: 'cfk_live_7Qm2' },
      locale,
      timeZone: locale === 'fr-MA' ? 'Africa/Casablanca' : 'America/Mexico_City',
      currency,
    },
    application: {
      id: '00000000-0000-4000-8000-0000000000a1',
      code: scenario.code,
      title: scenario.name,
      applicant: scenario.owner,
      programme: scenario.programme,
      filedAt: new Date('2024-12-02T15:00:00Z'),
    },
    outcome: 'approved',
    decidedAt,
    plan: {
      ruleSet: locale === 'fr-MA' ? 'mdm-invest' : 'tres-por-uno',
      ruleVersion: '2025.1',
      ruleHash: hexFrom(2025),
      total: formatMoney(total, currency),
      currency,
      shares,
      unallocated: formatMoney(new Decimal(0), currency),
      tranches: [
        {
          index: 1,
          percent: '30',
          amount: formatMoney(total.times(0.3), currency),
          milestone: scenario.trancheMemos[0]!,
        },
        {
          index: 2,
          percent: '50',
          amount: formatMoney(total.times(0.5), currency),
          milestone: scenario.trancheMemos[1]!,
        },
        {
          index: 3,
          percent: '20',
          amount: formatMoney(total.times(0.2), currency),
          milestone: scenario.trancheMemos[3]!,
        },
      ],
      requiredApprovals: scenario.parties
        .filter((party) => party.party !== 'club' && party.party !== 'investor')
        .map((p) => p.party),
      trace: [
        {
          rule: locale === 'fr-MA' ? 'M-1' : '3x1-1',
          says: 'Eligible project type and registered applicant: the application may be filed.',
        },
        ...scenario.parties.map((party, index) => ({
          rule: locale === 'fr-MA' ? `M-${index + 2}` : `3x1-${index + 2}`,
          says:
            `${party.organisation} contributes ${party.share} % of the total cost; ` +
            'no cap applies to a project of this size, so the share is not reduced.',
        })),
        {
          rule: locale === 'fr-MA' ? 'M-9' : '3x1-9',
          says: 'Tranches follow the standard 30/50/20 schedule against milestones verified by the programme.',
        },
      ],
    },
    approvals: scenario.parties
      .filter((party) => party.party !== 'club' && party.party !== 'investor')
      .map((party, index) => ({
        party: party.party,
        organisation: party.organisation,
        decision: 'approved' as const,
        comment: index === 0 ? 'Conforme a las reglas de operación vigentes; sin observaciones.' : '',
        decidedAt: new Date(decidedAt.getTime() - (2 - index) * DAY),
      })),
  };
}
