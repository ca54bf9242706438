import { clabeCheckDigit } from '../../src/reconciliation/account-numbers';
import { type FileLine, camt053 } from '../../tools/bank-files';
import { type Transport, client } from './client';
import { expectStatus } from './workflow';

/*
 * Contributions proven the way a bank proves them, through the API and nothing else: the
 * programme's staff register the bank account behind each paying party's share account of the
 * project (once), then import a camt.053 statement of that account whose credit lines are the
 * declared contributions, each quoting its entry as a payer would; the import's matching proves
 * them. Rule files that require proof (`proofs:`, docs/rules.md) then let the tranche through.
 */

interface Contribution {
  id: string;
  party: string;
  entryId: string;
  status: 'declared' | 'proven';
  bankLineIds: string[];
  bankMatchId: string | null;
}

interface OpenMovement {
  entryId: string;
  date: string;
  amount: string;
  reference: string;
}

let statements = 0;

/** A CLABE no other test has: 17 random digits and their check digit. */
function freshClabe(): string {
  const first17 = Array.from({ length: 17 }, () => Math.floor(Math.random() * 10)).join('');
  return `${first17}${clabeCheckDigit(first17)}`;
}

/** The bank account behind a ledger account, registered by `staff` when there is none yet. */
async function bankAccountFor(
  staff: ReturnType<typeof client>,
  programmeId: string,
  ledger: { id: string; currency: string },
) {
  const known = expectStatus(
    await staff.get<{ items: Array<{ id: string; number: string; ledgerAccount: { id: string } }> }>(
      `/v1/programmes/${programmeId}/bank-accounts`,
    ),
    200,
  ).body.items.find((account) => account.ledgerAccount.id === ledger.id);
  if (known) return known;
  const number = ledger.currency === 'MXN' ? { clabe: freshClabe() } : { number: `PROOF${freshClabe().slice(0, 16)}` };
  return expectStatus(
    await staff.post<{ id: string; number: string }>('/v1/bank-accounts', {
      ledgerAccountId: ledger.id,
      ...number,
      bank: 'Banco de pruebas',
      currency: ledger.currency,
    }),
    201,
  ).body;
}

/**
 * Proves every declared contribution of the application (those of `parties` only, when given).
 * `staffToken` is a programme_admin key of the programme's staff. Returns the contributions as the
 * application now shows them; fails when the bank's lines did not prove them.
 */
export async function proveContributions(
  app: Transport,
  staffToken: string,
  applicationId: string,
  parties?: readonly string[],
): Promise<Contribution[]> {
  const staff = client(app, staffToken);
  const application = async () =>
    expectStatus(
      await staff.get<{ programmeId: string; contributions: Contribution[] }>(`/v1/applications/${applicationId}`),
      200,
    ).body;
  const { programmeId, contributions } = await application();
  const declared = contributions.filter(
    (c) => c.status === 'declared' && (parties === undefined || parties.includes(c.party)),
  );
  const accounts = expectStatus(
    await staff.get<{ items: Array<{ id: string; code: string; currency: string }> }>(
      `/v1/applications/${applicationId}/accounts`,
    ),
    200,
  ).body.items;
  for (const party of new Set(declared.map((c) => c.party))) {
    const ledger = accounts.find((account) => account.code === `application:${applicationId}:${party}:share`)!;
    const { id: bankAccount, number } = await bankAccountFor(staff, programmeId, ledger);
    const open = expectStatus(
      await staff.get<{ movements: OpenMovement[] }>(`/v1/bank-accounts/${bankAccount}/open-items`),
      200,
    ).body.movements;
    const lines: FileLine[] = declared
      .filter((c) => c.party === party)
      .map((c) => open.find((movement) => movement.entryId === c.entryId)!)
      .map((movement) => ({
        bookingDate: movement.date,
        amount: movement.amount,
        direction: 'credit',
        counterparty: party,
        remittance: `Aportación ${movement.reference}`,
      }));
    const before = expectStatus(
      await staff.get<{ bankBalance: string | null }>(`/v1/bank-accounts/${bankAccount}/reconciliation`),
      200,
    ).body.bankBalance;
    const dates = lines.map((line) => line.bookingDate).sort();
    statements += 1;
    const file = camt053({
      id: `PROOF-${statements}-${Date.now()}`,
      account: { other: number },
      currency: ledger.currency,
      openingDate: dates[0]!,
      opening: before ?? '0.00',
      closingDate: dates.at(-1)!,
      lines,
    });
    const imported = await app.request(`/v1/bank-accounts/${bankAccount}/statements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/xml' },
      body: file,
    });
    if (imported.status !== 201) throw new Error(`statement import: ${imported.status} ${await imported.text()}`);
  }
  const now = (await application()).contributions;
  const unproven = now.filter((c) => declared.some((d) => d.id === c.id) && c.status !== 'proven');
  if (unproven.length > 0) throw new Error(`the bank lines did not prove ${unproven.map((c) => c.id).join(', ')}`);
  return now;
}
