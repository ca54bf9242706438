import { DEMO_PROGRAMMES, type SeedResult } from './demo';
import type { SeededPerson } from './people';

export interface GuideContext {
  /** Where the seed wrote: "the embedded PostgreSQL in .cofund/" or a server and database. */
  target: string;
  /** Where `npm start` serves the API. */
  baseUrl: string;
  /** Whether COFUND_ADMIN_TOKEN is set in this environment. */
  adminTokenSet: boolean;
}

const pad = (text: string, width: number) => text.padEnd(width);

/** The portal's demo sign-ins: the passwords made by this run (shown once), or where the others are. */
export function formatPeople(seeded: { created: SeededPerson[]; kept: string[] }, baseUrl: string): string {
  const lines = [`The portal: open ${baseUrl}/ after \`npm start\`.`];
  if (seeded.created.length > 0) {
    lines.push('Demo sign-ins (passwords shown once: copy them now; cofund keeps only scrypt hashes)');
    for (const person of seeded.created) {
      const who = person.organisation ? `${person.role}, ${person.organisation}` : person.role;
      lines.push(`  ${pad(person.email, 48)} ${pad(person.password, 26)} ${who}`);
    }
    if (seeded.created.some((person) => person.secondFactor)) {
      lines.push(
        '  The approver and the programme admin enrol an authenticator app (TOTP) at first sign-in:',
        '  the home page links to it (My account, Second factor); they decide nothing before.',
      );
    }
  }
  if (seeded.kept.length > 0) {
    lines.push(
      `Demo sign-ins already there, left alone: ${seeded.kept.join(', ')}.`,
      '  Their passwords were printed when they were made; the administrator can send a new invitation link.',
    );
  }
  return lines.join('\n');
}

/** What `npm run seed` prints: what exists, the keys it issued (once), and where to start clicking. */
export function formatGuide(result: SeedResult, context: GuideContext): string {
  const lines: string[] = [];
  const created = result.programmes.filter((p) => p.created);
  const kept = result.programmes.filter((p) => !p.created);
  if (created.length === 0) {
    lines.push(
      `The demo is already seeded in ${context.target}: ${kept.map((p) => p.code).join(', ')} exist. ` +
        'Nothing was changed.',
      '',
    );
  } else {
    lines.push(`Seeded the cofund demo into ${context.target}.`);
    if (kept.length > 0) lines.push(`Already there, left alone: ${kept.map((p) => p.code).join(', ')}.`);
    lines.push('');
  }

  lines.push('Programmes');
  for (const p of result.programmes) lines.push(`  ${pad(p.code, 20)} ${pad(p.ruleSet, 30)} ${p.id}  ${p.name}`);
  lines.push('');

  if (result.applications.length > 0) {
    lines.push('Projects');
    for (const a of result.applications) {
      lines.push(
        `  ${pad(`[${a.status}]`, 11)} ${a.title} (${a.programme})`,
        `  ${pad('', 11)} ${a.id}`,
        `  ${pad('', 11)} ${a.next}`,
      );
      if (a.waitingTranche) lines.push(`  ${pad('', 11)} waiting tranche: ${a.waitingTranche}`);
    }
    lines.push('');
  }

  const adminHint = context.adminTokenSet
    ? 'The administrator token is the COFUND_ADMIN_TOKEN you set.'
    : 'The administrator token: `npm start` prints a new one at every start unless COFUND_ADMIN_TOKEN is set ' +
      '(e.g. COFUND_ADMIN_TOKEN=$(openssl rand -base64 32) npm start; production requires a strong one).';

  if (result.keys.length === 0) {
    lines.push(
      'API keys are shown only when they are issued, and cofund keeps only their hashes. To issue a new one,',
      'with the administrator token:',
      `  curl -s -X POST ${context.baseUrl}/v1/organisations/<organisation id>/api-keys ` +
        '-H "Authorization: Bearer $COFUND_ADMIN_TOKEN" \\',
      `       -H 'Content-Type: application/json' -d '{"role":"approver"}'`,
      adminHint,
      '',
      'Organisations',
      ...result.organisations.map((o) => `  ${o.id}  ${pad(o.kind, 12)} ${o.name}`),
    );
    return lines.join('\n');
  }

  lines.push('API keys (shown once: copy them now; cofund keeps only their hashes)');
  for (const k of result.keys) lines.push(`  ${pad(k.organisation, 52)} ${pad(k.role, 16)} ${k.key}`);
  lines.push('');

  const key = (organisation: string, role: string) =>
    result.keys.find((k) => k.organisation === organisation && k.role === role)?.key;
  const starters: Array<[string, string | undefined, string]> = [
    ['APPLICANT', key('Club Zacatecano de Los Ángeles', 'applicant'), 'the migrant club'],
    ['APPROVER', key('Municipio de Jerez', 'approver'), 'the municipality of Jerez (3x1 and 2x1)'],
    [
      'PROGRAMME_ADMIN',
      key('Gobierno del Estado de Zacatecas', 'programme_admin'),
      'the state of Zacatecas, funds pools and settles',
    ],
    ['AUDITOR', key('Auditoría Superior de la Federación', 'auditor'), 'reads everything, writes nothing'],
  ];
  lines.push('Start here (paste into your shell):');
  for (const [name, value, who] of starters) if (value) lines.push(`  export ${name}=${value}   # ${who}`);
  lines.push('', adminHint, '');

  const base = context.baseUrl;
  const waiting = result.applications.find((a) => a.waitingTranche && a.programme === 'demo-zacatecas-2x1');
  const filed = result.applications.find((a) => a.status === 'filed' && a.programme === 'demo-tres-por-uno');
  lines.push(
    `Then \`npm start\` and open ${base}/docs ("Authorize" with a key), or try:`,
    `  curl -s ${base}/v1/applications -H "Authorization: Bearer $APPLICANT"`,
  );
  if (waiting?.waitingTranche) {
    lines.push(
      `  # the municipality's approval posts the 2x1 tranche: money moves from the pools to the project and out`,
      `  curl -s -X POST ${base}/v1/tranches/${waiting.waitingTranche}/approvals ` +
        '-H "Authorization: Bearer $APPROVER" \\',
      `       -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-tranche-1' -d '{"decision":"approve"}'`,
    );
  }
  if (filed) {
    lines.push(
      `  curl -s -X POST ${base}/v1/applications/${filed.id}/approvals -H "Authorization: Bearer $APPROVER" \\`,
      `       -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-approval-1' -d '{"decision":"approve"}'`,
    );
  }
  lines.push(
    `  curl -s ${base}/v1/ledger/trial-balance -H "Authorization: Bearer $AUDITOR"`,
    `  curl -s ${base}/v1/ledger/verify -H "Authorization: Bearer $AUDITOR"`,
    '',
    `Programme codes: ${Object.keys(DEMO_PROGRAMMES).join(', ')}. ` +
      'Running `npm run seed` again changes nothing. See docs/demo.md.',
  );
  return lines.join('\n');
}
