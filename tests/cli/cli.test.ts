import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_ERROR, EXIT_INELIGIBLE, EXIT_OK, run } from '../../src/cli/run';
import { omit } from '../support/omit';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI in-process, as `cofund` would from `cwd`. */
async function cofund(args: string[], cwd = projectRoot) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  return { code, stdout, stderr };
}

const infrastructure = {
  projectType: 'infrastructure',
  title: 'Pavimentación',
  totalCost: '2400000.00',
  currency: 'MXN',
  filedAt: '2014-02-20',
  registration: { validFrom: '2013-01-01', validTo: '2014-12-31' },
};

let badRules: string;
beforeAll(async () => {
  badRules = await mkdtemp(path.join(tmpdir(), 'cofund-cli-'));
  await writeFile(
    path.join(badRules, 'broken.yaml'),
    'id: broken\nname: Broken\nversion: "1"\nvalidFrom: 2020-01-01\ncurrency: MXN\nparties:\n' +
      '  club: { name: club, role: association, funding: gift, applicant: true }\n',
  );
});
afterAll(() => rm(badRules, { recursive: true, force: true }));

describe('cofund rules check', () => {
  it('accepts the shipped rules/ folder', async () => {
    const { code, stdout } = await cofund(['rules', 'check']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(
      /^ok: 10 rule file\(s\), 4 rule set\(s\): african-diaspora-marketplace, mdm-invest, tres-por-uno, zacatecas-2x1/,
    );
  });

  it('reports each error as file:line field: message and exits non-zero', async () => {
    const { code, stderr } = await cofund(['rules', 'check', badRules], badRules);
    expect(code).toBe(EXIT_ERROR);
    expect(stderr).toContain('broken.yaml:7 parties.club.funding: funding must be budget');
    expect(stderr).toMatch(/^broken\.yaml:1 projectTypes: /m);
  });

  it('reports translations that miss a text or word a message wrongly', async () => {
    const shipped = await readFile(path.join(projectRoot, 'rules', 'mdm-invest', '2021.yaml'), 'utf8');
    const clawback = '    clawback:\n      says: la subvention doit être intégralement remboursée';
    expect(shipped).toContain(clawback);
    const broken = shipped
      .replace(/ {4}clawback:\n {6}says: .*\n?/, '')
      .replace('translations:\n  fr-MA:\n', 'translations:\n  fr-MA:\n    messages:\n      share.lent: "{party}"\n');
    const folder = await mkdtemp(path.join(tmpdir(), 'cofund-cli-translations-'));
    try {
      await writeFile(path.join(folder, '2021.yaml'), broken);
      const { code, stderr } = await cofund(['rules', 'check', folder], folder);
      expect(code).toBe(EXIT_ERROR);
      const line = (marker: string) => broken.split('\n').findIndex((text) => text.includes(marker)) + 1;
      expect(stderr).toContain(
        `2021.yaml:${line('  fr-MA:')} translations.fr-MA: missing the fr-MA text of clawback.says\n`,
      );
      expect(stderr).toContain(
        `2021.yaml:${line('share.lent')} translations.fr-MA.messages.share.lent: unknown message id share.lent`,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('says so when the folder does not exist', async () => {
    const { code, stderr } = await cofund(['rules', 'check', 'no-such-folder']);
    expect(code).toBe(EXIT_ERROR);
    expect(stderr).toMatch(/no such folder/);
  });

  it('lists versions with their periods and hashes', async () => {
    const { code, stdout } = await cofund(['rules', 'list']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/mdm-invest\s+2021\s+2021-01-01 to now\s+MAD/);
  });
});

describe('cofund plan', () => {
  it('prints the plan as JSON', async () => {
    const { code, stdout } = await cofund(['plan', 'tres-por-uno', '--json', JSON.stringify(infrastructure)]);
    expect(code).toBe(EXIT_OK);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({
      ruleSet: 'tres-por-uno',
      ruleVersion: '2013',
      total: '2400000.00',
      unallocated: '0.00',
    });
    expect(plan.shares.map((share: { amount: string }) => share.amount)).toEqual([
      '600000.00',
      '600000.00',
      '600000.00',
      '600000.00',
    ]);
  });

  it('prints a table for people', async () => {
    const { code, stdout } = await cofund([
      'plan',
      'tres-por-uno',
      '--format',
      'table',
      '--json',
      JSON.stringify({ ...infrastructure, totalCost: '5000000.00' }),
    ]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/federal\s+budget\s+MXN 1,000,000.00\s+20\s+capped/);
    expect(stdout).toMatch(
      /3x1-2 +federal share capped at MXN 1,000,000\.00; the MXN 250,000\.00 gap is shared pro rata by state and municipal/,
    );
  });

  it('exits 2 listing the failed rules when not eligible', async () => {
    const application = { ...infrastructure, filedAt: '2015-03-01' };
    const json = await cofund(['plan', 'tres-por-uno', '--json', JSON.stringify(application)]);
    expect(json.code).toBe(EXIT_INELIGIBLE);
    expect(JSON.parse(json.stdout)).toMatchObject({ eligible: false, failures: [{ rule: '3x1-5' }] });
    const table = await cofund(['plan', 'tres-por-uno', '--format', 'table', '--json', JSON.stringify(application)]);
    expect(table.code).toBe(EXIT_INELIGIBLE);
    expect(table.stdout).toMatch(
      /^NOT ELIGIBLE under tres-por-uno 2013\n\nfailed rules\n {2}3x1-5 {2}the club's Toma de Nota/,
    );
  });

  it('exits 1 naming the fields of a bad application', async () => {
    const { code, stderr, stdout } = await cofund([
      'plan',
      'tres-por-uno',
      '--json',
      JSON.stringify({ ...infrastructure, totalCost: 2400000, currency: 'USD' }),
    ]);
    expect(code).toBe(EXIT_ERROR);
    expect(stdout).toBe('');
    expect(stderr).toContain('totalCost: must be a money string such as "1500.00", not a JSON number');
  });

  it.each([
    [['plan', 'tres-por-uno'], /--json/],
    [['plan', 'tres-por-uno', '--json', '{oops'], /not valid JSON/],
    [['plan', 'nope', '--json', '{}'], /rule set nope was not found/],
    [['plan', 'tres-por-uno', '--format', 'xml', '--json', '{}'], /--format is json or table/],
    [['frobnicate'], /unknown command/],
  ])('exits 1 on %j', async (args, message) => {
    const { code, stderr } = await cofund(args);
    expect(code).toBe(EXIT_ERROR);
    expect(stderr).toMatch(message);
  });

  it('uses --now when the application has no filedAt', async () => {
    const undated = omit(infrastructure, 'filedAt');
    const { code, stdout } = await cofund([
      'plan',
      'tres-por-uno',
      '--now',
      '2010-06-01T12:00:00Z',
      '--json',
      JSON.stringify(undated),
    ]);
    expect(code).toBe(EXIT_INELIGIBLE);
    expect(JSON.parse(stdout).ruleVersion).toBe('2010');
  });
});

describe('bin/cofund.js', () => {
  const exec = promisify(execFile);

  it('runs the TypeScript CLI through tsx, with the exit codes of the contract', async () => {
    const ok = await exec(
      process.execPath,
      [
        'bin/cofund.js',
        'plan',
        'mdm-invest',
        '--json',
        JSON.stringify({
          projectType: 'creation',
          totalCost: '80000000.00',
          currency: 'MAD',
          sector: 'industry',
          investorStatus: 'mre',
          filedAt: '2017-01-01',
        }),
      ],
      { cwd: projectRoot },
    );
    expect(JSON.parse(ok.stdout).shares.find((share: { party: string }) => share.party === 'grant').amount).toBe(
      '5000000.00',
    );
    const refused = await exec(
      process.execPath,
      [
        'bin/cofund.js',
        'plan',
        'mdm-invest',
        '--json',
        JSON.stringify({
          projectType: 'creation',
          totalCost: '80000000.00',
          currency: 'MAD',
          sector: 'real-estate',
          investorStatus: 'mre',
          filedAt: '2017-01-01',
        }),
      ],
      { cwd: projectRoot },
    ).catch((error: { code: number; stdout: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect(JSON.parse((refused as { stdout: string }).stdout).failures[0].rule).toBe('M-5');
  });
});
