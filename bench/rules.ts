/**
 * npm run bench:rules — plans per second of the rules engine for each shipped programme, through
 * `catalog.plan()` exactly as the API and the CLI call it (validation, version lookup, eligibility,
 * shares, rounding, tranches, trace). Each programme runs a mix of applications: a plain one, one
 * where a cap binds, and one refused by several rules. Also times loading the rules/ folder
 * (parse, validate, hash every file), which happens once at start, and rendering a stored plan for a
 * reader in each locale (`localizePlan`: what a letter, a statement or a page does per plan).
 *
 * Single-threaded and CPU-bound: on the shared 2-core machine the figures move with the load, so
 * read them as orders of magnitude. Env: BENCH_SECONDS (per programme, default 2).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../src/i18n';
import { localizePlan, type Plan } from '../src/rules';
import { loadRuleDirectory } from '../src/rules/load-directory';
import { percentile, printTable } from './support/database';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const rulesDir = path.join(fileURLToPath(new URL('..', import.meta.url)), 'rules');
const now = new Date('2026-01-15T12:00:00Z');

const registration = { validFrom: '2013-01-01', validTo: '2014-12-31' };
const workloads: Record<string, { filedAt: string; applications: Record<string, unknown>[] }> = {
  'tres-por-uno': {
    filedAt: '2014-02-20',
    applications: [
      { projectType: 'infrastructure', totalCost: '2400000.00', currency: 'MXN', registration },
      { projectType: 'infrastructure', totalCost: '5000000.01', currency: 'MXN', registration },
      {
        projectType: 'productive-community',
        totalCost: '900000.00',
        currency: 'MXN',
        beneficiaryFamilies: 3,
        registration: { validFrom: '2010-01-01', validTo: '2011-12-31' },
      },
    ],
  },
  'zacatecas-2x1': {
    filedAt: '2021-05-04',
    applications: [
      {
        projectType: 'infrastructure',
        totalCost: '1000000.00',
        currency: 'MXN',
        registration: { validFrom: '2020-01-01', validTo: '2021-12-31' },
      },
      {
        projectType: 'infrastructure',
        totalCost: '1234567.89',
        currency: 'MXN',
        registration: { validFrom: '2020-01-01', validTo: '2021-12-31' },
      },
      {
        projectType: 'infrastructure',
        totalCost: '1000000.00',
        currency: 'MXN',
        registration: { validFrom: '2017-01-01', validTo: '2018-12-31' },
      },
    ],
  },
  'mdm-invest': {
    filedAt: '2017-06-12',
    applications: [
      {
        projectType: 'creation',
        totalCost: '10000000.00',
        currency: 'MAD',
        sector: 'industry',
        investorStatus: 'mre',
        investorStakePercent: 40,
      },
      { projectType: 'extension', totalCost: '80000000.00', currency: 'MAD', sector: 'hotel', investorStatus: 'mre' },
      {
        projectType: 'creation',
        totalCost: '500000.00',
        currency: 'MAD',
        sector: 'real-estate',
        investorStatus: 'resident',
      },
    ],
  },
  'african-diaspora-marketplace': {
    filedAt: '2010-01-15',
    applications: [
      {
        projectType: 'creation',
        totalCost: '150000.00',
        currency: 'USD',
        applicantResidence: 'US',
        hasLocalPartner: true,
      },
      {
        projectType: 'extension',
        totalCost: '300000.00',
        currency: 'USD',
        applicantResidence: 'US',
        hasLocalPartner: true,
      },
      {
        projectType: 'creation',
        totalCost: '80000.00',
        currency: 'USD',
        applicantResidence: 'GB',
        hasLocalPartner: false,
      },
    ],
  },
};

const loadStarted = performance.now();
const catalog = await loadRuleDirectory(rulesDir);
const loadMs = performance.now() - loadStarted;
console.log(`loaded ${catalog.list().length} rule files in ${loadMs.toFixed(1)} ms (parse, validate, SHA-256)\n`);

const BATCH = 100;
const rows: Record<string, string | number>[] = [];
for (const [ruleSet, { filedAt, applications }] of Object.entries(workloads)) {
  const inputs = applications.map((application) => ({ ...application, filedAt }));
  let eligible = 0;
  for (const input of inputs) if (catalog.plan(ruleSet, input, now).eligible) eligible += 1;
  if (eligible !== inputs.length - 1)
    throw new Error(`${ruleSet}: the workload should hold exactly one ineligible application`);
  for (let warmup = 0; warmup < 2_000; warmup++) catalog.plan(ruleSet, inputs[warmup % inputs.length], now);

  const batchMicros: number[] = [];
  let plans = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    const batchStarted = performance.now();
    for (let i = 0; i < BATCH; i++) catalog.plan(ruleSet, inputs[(plans + i) % inputs.length], now);
    batchMicros.push(((performance.now() - batchStarted) * 1000) / BATCH);
    plans += BATCH;
  }
  const elapsed = (performance.now() - started) / 1000;
  batchMicros.sort((a, b) => a - b);
  rows.push({
    'rule set': ruleSet,
    versions: catalog.get(ruleSet).versions.length,
    plans,
    'plans/s': Math.round(plans / elapsed),
    'µs/plan p50': percentile(batchMicros, 50).toFixed(1),
    'µs/plan p99': percentile(batchMicros, 99).toFixed(1),
  });
}
printTable(rows);
console.log(
  '\nmix per programme: 2 eligible applications (one with a binding cap) + 1 refused by several rules; ' +
    `${seconds}s each, batches of ${BATCH}`,
);

/** Median µs of `run` over batches of BATCH for `seconds` / 4. */
function medianMicros(run: () => void): number {
  const micros: number[] = [];
  const deadline = performance.now() + (seconds * 1000) / 4;
  while (performance.now() < deadline) {
    const started = performance.now();
    for (let i = 0; i < BATCH; i++) run();
    micros.push(((performance.now() - started) * 1000) / BATCH);
  }
  return percentile(
    micros.sort((a, b) => a - b),
    50,
  );
}

const readerRows: Record<string, string | number>[] = [];
for (const [ruleSet, { filedAt, applications }] of Object.entries(workloads)) {
  const result = catalog.plan(ruleSet, { ...applications[0], filedAt }, now);
  if (!result.eligible) throw new Error(`${ruleSet}: the first application of the workload should be eligible`);
  const plan: Plan = result.plan;
  const row: Record<string, string | number> = { 'rule set': ruleSet, 'trace lines': plan.trace.length };
  for (const locale of LOCALES) {
    for (let warmup = 0; warmup < 500; warmup++) localizePlan(plan, locale);
    row[`µs ${locale} p50`] = medianMicros(() => localizePlan(plan, locale)).toFixed(1);
  }
  readerRows.push(row);
}
console.log("\nlocalizePlan: a plan's names, milestones and trace for a reader, per locale");
printTable(readerRows);
