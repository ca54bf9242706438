import { Decimal } from '../money';
import type { Plan, PlanResult, RuleFinding, RuleVersionSummary } from '../rules';
import { displayMoney } from '../rules/wording';

/** Plain-text renderings for people (`--format table`); the JSON output is the API's. */

function table(rows: readonly (readonly string[])[], alignRight: readonly number[] = []): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          alignRight.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function findings(title: string, items: readonly RuleFinding[]): string {
  if (items.length === 0) return '';
  const width = Math.max(...items.map((item) => item.rule.length));
  return `${title}\n${items.map((item) => `  ${item.rule.padEnd(width)}  ${item.says}`).join('\n')}\n`;
}

export function planTable(plan: Plan): string {
  const money = (amount: string) => displayMoney(new Decimal(amount), plan.currency);
  const shares = table(
    [
      ['party', 'funding', 'amount', '%', ''],
      ...plan.shares.map((share) => [
        share.party + (share.applicant ? ' (applicant)' : ''),
        share.funding,
        money(share.amount),
        share.percent,
        share.capped ? 'capped' : '',
      ]),
      ...(new Decimal(plan.unallocated).isZero()
        ? []
        : [['UNALLOCATED', '', money(plan.unallocated), '', 'to allocate by hand']]),
      ['total', '', money(plan.total), '100', ''],
    ],
    [2, 3],
  );
  const tranches = table(
    plan.tranches.map((tranche) => [
      `${tranche.index}.`,
      `${tranche.percent}%`,
      money(tranche.amount),
      `${tranche.milestone} (approved by ${tranche.approvers.join(', ')})`,
    ]),
    [1, 2],
  );
  const lines = [
    `${plan.ruleSet} ${plan.ruleVersion} (rules sha256 ${plan.ruleHash.slice(0, 12)}...), ` +
      `${plan.projectType}, filed ${plan.filedOn}`,
    '',
    shares,
    '',
    'tranches',
    indent(tranches),
    '',
    `approvals: ${plan.requiredApprovals.join(', ')}`,
    ...plan.deadlines.map(
      (deadline) =>
        `deadline (${deadline.rule}): ${deadline.party} ${deadline.kind}, ` +
        `${deadline.businessDays} business days from ${deadline.from}`,
    ),
    ...(plan.clawback
      ? [
          `clawback (${plan.clawback.rule}): ${plan.clawback.party}, ` +
            `${plan.clawback.years} years from ${plan.clawback.from}`,
        ]
      : []),
    '',
    findings('why', plan.trace),
    findings('assumptions of these rules', plan.assumptions),
  ];
  return lines.join('\n').trimEnd() + '\n';
}

export function resultTable(result: PlanResult): string {
  if (result.eligible) return planTable(result.plan);
  const version = result.ruleVersion === null ? '' : ` ${result.ruleVersion}`;
  return (
    `NOT ELIGIBLE under ${result.ruleSet}${version}\n\n` +
    findings('failed rules', result.failures) +
    (result.trace.length > 0 ? `\n${findings('rules met', result.trace)}` : '')
  );
}

export function versionsTable(versions: readonly RuleVersionSummary[]): string {
  return (
    table([
      ['rule set', 'version', 'in force', 'currency', 'project types', 'sha256', 'file'],
      ...versions.map((version) => [
        version.id,
        version.version,
        `${version.validFrom} to ${version.validTo ?? 'now'}`,
        version.currency,
        version.projectTypes.join(', '),
        `${version.hash.slice(0, 12)}...`,
        version.path,
      ]),
    ]) + '\n'
  );
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
