import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RuleFileError,
  checkRuleFiles,
  createRuleCatalog,
  formatRuleFileIssue,
  parseRuleFile,
  type RuleFileIssue,
} from '../../src/rules';
import { readRuleDirectory } from '../../src/rules/load-directory';
import { omit } from '../support/omit';
import { NOW, expectPlan, shippedRulesDir } from './support';

/** A small, valid rule file; each test breaks one thing in it. */
const VALID = `id: demo
name: Demo matching fund
version: "2020"
validFrom: 2020-01-01
validTo: 2020-12-31
currency: MXN
parties:
  club:
    name: hometown club
    role: association
    funding: contribution
    applicant: true
  federal:
    name: federal government
    role: government
    funding: budget
  state:
    name: state government
    role: government
    funding: budget
projectTypes:
  infrastructure:
    rule: D-1
    shares:
      club: { rule: D-1, percent: 50 }
      federal:
        rule: D-1
        percent: 25
        cap: { rule: D-2, amount: "100000.00" }
        whenCapped: { rule: D-2, absorb: party, party: state }
      state: { rule: D-1, percent: 25 }
tranches:
  - { rule: D-3, percent: 60, milestone: at start }
  - { rule: D-3, percent: 40, milestone: on completion }
requiredApprovals: { rule: D-4, parties: [federal, state] }
trancheApprovals: { rule: D-4, parties: [federal] }
`;

const FILE = 'rules/demo/2020.yaml';

/** 1-based line of the first line of `text` containing `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`marker ${marker} not in fixture`);
  return index + 1;
}

function replace(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`${from} not in fixture`);
  return text.replace(from, to);
}

async function issuesOf(text: string, file = FILE): Promise<RuleFileIssue[]> {
  const result = parseRuleFile(file, text);
  if (result.ok) return expect.fail('expected the file to be refused');
  return result.issues;
}

describe('a valid rule file', () => {
  it('loads, and its hash is the SHA-256 of its exact bytes', async () => {
    const result = parseRuleFile(FILE, VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.version.hash).toBe(createHash('sha256').update(Buffer.from(VALID, 'utf8')).digest('hex'));
    expect(result.version).toMatchObject({ id: 'demo', version: '2020', validFrom: '2020-01-01', path: FILE });
  });

  it('changes hash when a single byte changes, even in a comment', async () => {
    const first = parseRuleFile(FILE, VALID);
    const second = parseRuleFile(FILE, `${VALID}# a comment\n`);
    expect(first.ok && second.ok && first.version.hash !== second.version.hash).toBe(true);
  });

  it('reads JSON rule files too', async () => {
    const yamlParsed = parseRuleFile(FILE, VALID);
    if (!yamlParsed.ok) return expect.fail('fixture must be valid');
    const data = omit(yamlParsed.version, 'hash', 'path', 'texts', 'messageOverrides', 'locales');
    const catalog = createRuleCatalog([{ path: 'rules/demo.json', text: JSON.stringify(data, null, 2) }]);
    const plan = expectPlan(
      catalog.plan(
        'demo',
        { projectType: 'infrastructure', totalCost: '200000.00', currency: 'MXN', filedAt: '2020-05-01' },
        NOW,
      ),
    );
    expect(plan.shares.map((share) => share.amount)).toEqual(['100000.00', '50000.00', '50000.00']);
  });
});

describe('a malformed rule file is refused with file, line and field', () => {
  it.each([
    [
      'an unknown funding kind',
      'funding: budget\n  state',
      'funding: gift\n  state',
      'funding: gift',
      'parties.federal.funding',
      /budget .* contribution .* credit/,
    ],
    [
      'a misspelt key',
      'club: { rule: D-1, percent: 50 }',
      'club: { rule: D-1, percnet: 50 }',
      'percnet',
      'projectTypes.infrastructure.shares.club.percnet',
      /not a key/,
    ],
    [
      'an unquoted amount',
      'amount: "100000.00"',
      'amount: 100000.00',
      'amount: 100000.00',
      'projectTypes.infrastructure.shares.federal.cap.amount',
      /quoted money string/,
    ],
    [
      'an amount with the wrong number of decimals',
      'amount: "100000.00"',
      'amount: "100000.5"',
      'amount: "100000.5"',
      'projectTypes.infrastructure.shares.federal.cap.amount',
      /exactly 2 decimal/,
    ],
    ['an unquoted version', 'version: "2020"', 'version: 2020', 'version: 2020', 'version', /quoted string/],
    ['an impossible date', 'validTo: 2020-12-31', 'validTo: 2020-02-30', 'validTo:', 'validTo', /calendar date/],
    [
      'a percentage above 100',
      'club: { rule: D-1, percent: 50 }',
      'club: { rule: D-1, percent: 150 }',
      'percent: 150',
      'projectTypes.infrastructure.shares.club.percent',
      /at most 100/,
    ],
    ['an unknown currency', 'currency: MXN', 'currency: PESOS', 'currency: PESOS', 'currency', /ISO 4217/],
  ])('%s', async (_title, from, to, marker, field, message) => {
    const text = replace(VALID, from, to);
    const issues = await issuesOf(text);
    const issue = issues.find((candidate) => candidate.field === field);
    expect(issue).toMatchObject({ file: FILE, line: lineOf(text, marker) });
    expect(issue!.message).toMatch(message);
    // Nothing else is blamed, except what the same mistake also breaks (a share left without a percent).
    expect(issues.filter((other) => other !== issue && !other.message.startsWith('a share is exactly one of'))).toEqual(
      [],
    );
  });

  it('a missing required key points at the object that should hold it', async () => {
    const text = replace(VALID, '    funding: budget\n  state:', '  state:');
    const issues = await issuesOf(text);
    expect(issues).toEqual([
      expect.objectContaining({ file: FILE, line: lineOf(text, '  federal:'), field: 'parties.federal.funding' }),
    ]);
  });

  it('a cap must say who absorbs its gap when nobody takes the rest (3x1-2)', async () => {
    const text = replace(VALID, '        whenCapped: { rule: D-2, absorb: party, party: state }\n', '');
    const [issue, ...others] = await issuesOf(text);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      line: lineOf(text, 'cap: { rule: D-2'),
      field: 'projectTypes.infrastructure.shares.federal.cap',
    });
    expect(issue!.message).toMatch(/who absorbs the gap/);
  });

  it('maker-checker: the applicant can never approve the plan or a tranche', async () => {
    let text = replace(
      VALID,
      'requiredApprovals: { rule: D-4, parties: [federal, state] }',
      'requiredApprovals: { rule: D-4, parties: [federal, club] }',
    );
    text = replace(
      text,
      '  - { rule: D-3, percent: 40, milestone: on completion }',
      '  - { rule: D-3, percent: 40, milestone: on completion, approvers: [club] }',
    );
    const issues = await issuesOf(text);
    expect(issues.map((issue) => [issue.field, issue.line])).toEqual([
      ['tranches.1.approvers.0', lineOf(text, 'approvers: [club]')],
      ['requiredApprovals.parties.1', lineOf(text, 'requiredApprovals:')],
    ]);
    expect(issues.every((issue) => /applicant: maker-checker/.test(issue.message))).toBe(true);
  });

  it(
    'shares that do not cover the total, tranches that do not add up, unknown parties: ' + 'all reported at once',
    async () => {
      let text = replace(VALID, 'club: { rule: D-1, percent: 50 }', 'club: { rule: D-1, percent: 40 }');
      text = replace(text, 'percent: 40, milestone: on completion', 'percent: 30, milestone: on completion');
      text = replace(text, 'absorb: party, party: state', 'absorb: party, party: bank');
      const issues = await issuesOf(text);
      expect(issues.map((issue) => issue.field).sort()).toEqual([
        'projectTypes.infrastructure.shares',
        'projectTypes.infrastructure.shares.federal.whenCapped.party',
        'tranches',
      ]);
      expect(issues.find((issue) => issue.field === 'projectTypes.infrastructure.shares')?.message).toMatch(
        /90% of the total, not 100%/,
      );
      expect(issues.find((issue) => issue.field === 'tranches')?.message).toMatch(/add up to 90/);
    },
  );

  it('an eligibility test must suit its field', async () => {
    const text =
      `${VALID}eligibility:\n` +
      '  - rule: D-5\n    says: large enough\n    field: sector\n    min: 5\n' +
      '  - rule: D-6\n    says: nobody knows\n    field: shoeSize\n    equals: "42"\n';
    const issues = await issuesOf(text);
    expect(issues.map((issue) => [issue.field, issue.line])).toEqual([
      ['eligibility.0.min', lineOf(text, 'min: 5')],
      ['eligibility.1.field', lineOf(text, 'field: shoeSize')],
    ]);
    expect(issues[0]!.message).toMatch(/sector is a text field/);
  });

  it('a YAML syntax error gives its line', async () => {
    const text = replace(
      VALID,
      '    role: government\n    funding: budget\n  state:',
      '    role: government\n   funding: budget\n  state:',
    );
    const issues = await issuesOf(text);
    expect(issues[0]).toMatchObject({ file: FILE, field: '' });
    expect(issues[0]!.line).toBe(lineOf(text, '   funding: budget'));
  });

  it('a duplicate key gives its line', async () => {
    const text = replace(VALID, 'currency: MXN\n', 'currency: MXN\ncurrency: USD\n');
    const issues = await issuesOf(text);
    expect(issues[0]?.line).toBe(lineOf(text, 'currency: USD'));
    expect(issues[0]?.message).toMatch(/unique/);
  });

  it('JSON rule files get lines too', async () => {
    const parsed = parseRuleFile(FILE, VALID);
    if (!parsed.ok) return expect.fail('fixture must be valid');
    const data = omit(parsed.version, 'hash', 'path', 'texts', 'messageOverrides', 'locales');
    const text = JSON.stringify(
      { ...data, parties: { ...data.parties, club: { ...data.parties.club, funding: 'gift' } } },
      null,
      2,
    );
    const issues = await issuesOf(text, 'rules/demo.json');
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'rules/demo.json',
        line: lineOf(text, '"funding": "gift"'),
        field: 'parties.club.funding',
      }),
    ]);
  });

  it('formats an issue as file:line field: message', () => {
    expect(formatRuleFileIssue({ file: FILE, line: 12, field: 'parties.club.funding', message: 'bad' })).toBe(
      `${FILE}:12 parties.club.funding: bad`,
    );
  });
});

describe('versions across files', () => {
  const second = replace(
    replace(VALID, 'version: "2020"', 'version: "2020b"'),
    'validFrom: 2020-01-01\nvalidTo: 2020-12-31',
    'validFrom: 2020-06-01\nvalidTo: null',
  );

  it('refuses overlapping validity periods, on the later file', async () => {
    const { issues } = checkRuleFiles([
      { path: 'rules/demo/2020.yaml', text: VALID },
      { path: 'rules/demo/2020b.yaml', text: second },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'rules/demo/2020b.yaml',
        line: lineOf(second, 'validFrom:'),
        field: 'validFrom',
      }),
    ]);
    expect(issues[0]!.message).toMatch(/must not overlap/);
  });

  it('refuses the same version twice', async () => {
    const again = replace(VALID, 'validFrom: 2020-01-01\nvalidTo: 2020-12-31', 'validFrom: 2021-01-01\nvalidTo: null');
    const { issues } = checkRuleFiles([
      { path: 'rules/a.yaml', text: VALID },
      { path: 'rules/b.yaml', text: again },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({ file: 'rules/b.yaml', field: 'version', line: lineOf(again, 'version:') }),
    ]);
  });

  it('picks the version in force on a date, with open-ended later versions', async () => {
    const next = replace(
      replace(VALID, 'version: "2020"', 'version: "2021"'),
      'validFrom: 2020-01-01\nvalidTo: 2020-12-31',
      'validFrom: 2021-01-01\nvalidTo: null',
    );
    const catalog = createRuleCatalog([
      { path: 'rules/demo/2021.yaml', text: next },
      { path: 'rules/demo/2020.yaml', text: VALID },
    ]);
    expect(catalog.versionAt('demo', '2019-12-31')).toBeUndefined();
    expect(catalog.versionAt('demo', '2020-12-31')?.version).toBe('2020');
    expect(catalog.versionAt('demo', '2021-01-01')?.version).toBe('2021');
    expect(catalog.versionAt('demo', new Date('2031-05-05T10:00:00Z'))?.version).toBe('2021');
    expect(catalog.list().map((summary) => summary.version)).toEqual(['2020', '2021']);
    expect(catalog.get('demo').versions.map((version) => version.path)).toEqual([
      'rules/demo/2020.yaml',
      'rules/demo/2021.yaml',
    ]);
  });

  it('createRuleCatalog refuses to start with any bad file and lists every problem', async () => {
    const broken = replace(VALID, 'funding: contribution', 'funding: gift');
    let error: unknown;
    try {
      createRuleCatalog([
        { path: 'rules/ok.yaml', text: VALID },
        { path: 'rules/broken.yaml', text: broken },
        { path: 'rules/empty.yaml', text: '' },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((issue) => issue.file)).toEqual([
      'rules/broken.yaml',
      'rules/empty.yaml',
    ]);
  });
});

describe('the shipped rules/ folder', () => {
  it('is valid and holds the four programmes with their versions', async () => {
    const files = await readRuleDirectory(shippedRulesDir);
    const { versions, issues } = checkRuleFiles(files);
    expect(issues).toEqual([]);
    expect(files.every((file) => file.path.startsWith('rules/'))).toBe(true);
    const byId = (id: string) =>
      versions
        .filter((version) => version.id === id)
        .map((version) => version.version)
        .sort();
    expect(byId('tres-por-uno')).toEqual(['2008', '2010', '2013']);
    expect(byId('mdm-invest')).toEqual(['2009', '2013', '2015', '2021']);
    expect(byId('zacatecas-2x1')).toEqual(['2019']);
    expect(byId('african-diaspora-marketplace')).toEqual(['2009', '2011']);
  });

  it('uses the contract vocabulary of parties and project types', async () => {
    const { versions } = checkRuleFiles(await readRuleDirectory(shippedRulesDir));
    for (const version of versions) {
      const expected = {
        'tres-por-uno': [
          ['infrastructure', 'productive-community', 'productive-family', 'productive-individual'],
          ['club', 'federal', 'state', 'municipal'],
        ],
        'zacatecas-2x1': [['infrastructure'], ['club', 'state', 'municipal']],
        'mdm-invest': [
          ['creation', 'extension'],
          ['investor', 'grant', 'bank'],
        ],
        'african-diaspora-marketplace': [
          ['creation', 'extension'],
          ['entrepreneur', 'grant'],
        ],
      }[version.id];
      expect(expected, version.id).toBeDefined();
      expect(Object.keys(version.projectTypes)).toEqual(expected![0]);
      expect(Object.keys(version.parties).sort()).toEqual([...expected![1]!].sort());
    }
  });

  it('refuses a file that is not UTF-8', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cofund-rules-'));
    try {
      await writeFile(path.join(dir, 'latin1.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
      await expect(readRuleDirectory(dir)).rejects.toThrow(/not valid UTF-8/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
