import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../src/rules';
import { FIXTURE_FILE, issuesOf } from './support';

/** A small rule file whose club's money must be proven by a bank line before a tranche. */
const WITH_PROOF = `id: demo
name: Demo matching fund
version: "2020"
validFrom: 2020-01-01
currency: MXN
parties:
  club: { name: hometown club, role: association, funding: contribution, applicant: true }
  federal: { name: federal government, role: government, funding: budget }
projectTypes:
  infrastructure:
    rule: D-1
    shares:
      club: { rule: D-1, percent: 50 }
      federal: { rule: D-1, percent: 50 }
tranches:
  - { rule: D-3, percent: 100, milestone: at start }
requiredApprovals: { rule: D-4, parties: [federal] }
trancheApprovals: { rule: D-4, parties: [federal] }
proofs:
  - { rule: D-5, party: club, proof: bank-line, before: tranche, says: the club's money counts once the bank shows it }
`;

describe('proofs: in a rule file', () => {
  it('a valid entry loads', () => {
    expect(parseRuleFile(FIXTURE_FILE, WITH_PROOF).ok).toBe(true);
  });

  it.each([
    ['an unknown party', 'party: club, proof', 'party: clubs, proof', 'party', /unknown party clubs/],
    ['a party funded from a budget', 'party: club, proof', 'party: federal, proof', 'party', /funded from a budget/],
    ['a kind of proof other than a bank line', 'proof: bank-line', 'proof: receipt', 'proof', /bank-line/],
    ['a step other than a tranche', 'before: tranche', 'before: filing', 'before', /before is tranche/],
    ['no says', ", says: the club's money counts once the bank shows it", '', 'says', /expected string/],
  ])('%s is refused, naming the field', (_title, from, to, field, message) => {
    expect(WITH_PROOF.includes(from)).toBe(true);
    const issues = issuesOf(WITH_PROOF.replace(from, to));
    const issue = issues.find((candidate) => candidate.field === `proofs.0.${field}`);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(issue!.line).toBe(WITH_PROOF.split('\n').findIndex((line) => line.includes('- { rule: D-5')) + 1);
  });
});
