// The types of the cofund API: its paths, operations and schemas.
// Generated from the OpenAPI document by `npm run client:generate` (tools/openapi/client.ts): do not edit.
// `npm run client:check` fails when it differs from a fresh generation.

export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness (no authentication): the process answers; never waits more than half a second on the database
     * @description Always 200 while the process can answer, so a supervisor restarts only a process that cannot. `database` says whether the database answered within 500 ms (`status` is then `degraded`); `sealer` how many committed entries wait to be sealed into the hash chain and the age of the oldest. Whether to send traffic here is `/ready`.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness (no authentication): whether this instance can serve money-moving requests now
     * @description Ready when, within 1 s: the database answers, its migrations are those this build expects, the hash-chain sealer keeps up, and a write commits. Otherwise 503 with `Retry-After`, naming the failed checks.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organisations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Organisations: all for administrators and auditors, your own otherwise */
    get: operations['listOrganisations'];
    put?: never;
    /** Register an organisation (administrator) */
    post: operations['createOrganisation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organisations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One organisation */
    get: operations['getOrganisation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organisations/{id}/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An organisation's keys, without their secrets (administrator) */
    get: operations['listApiKeys'];
    put?: never;
    /** Issue an API key with a role (administrator); the key is returned once */
    post: operations['issueApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke a key at once (administrator) */
    post: operations['revokeApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organisations/{id}/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An organisation's people (administrator, or the organisation's programme_admin) */
    get: operations['listPeople'];
    put?: never;
    /**
     * Invite a person (administrator, or the organisation's programme_admin)
     * @description Returns the one-time link that sets their password, valid 72 hours.
     */
    post: operations['invitePerson'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{id}/invitation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A fresh invitation link; earlier unused links stop working */
    post: operations['reissueInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The rule sets loaded from rules/, with the version in force today and every version
     * @description One item per rule set (not paginated: the catalog is small and fixed at start). `version` and `hash` are those of the version in force on today's UTC date, null when none is; `versions` lists every version, oldest first.
     */
    get: operations['listRuleSets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One rule set with every version: parties, project types, tranches, approvals */
    get: operations['getRuleSet'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/{id}/plan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What-if: the co-funding plan for an application, filing nothing
     * @description Applies the version in force at `filedAt` (now when absent). Files nothing and moves no money, so no Idempotency-Key is needed. An application the rules cannot read is a 422 with `errors`; one they refuse is a 422 of type `urn:cofund:problem:ineligible` with `failures`. `localized` gives the names, milestones and trace (or the failures) in the reader's locale: `?locale=`, else Accept-Language, else en.
     */
    post: operations['previewPlan'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A ledger account with its balance now
     * @description Visible to the administrator, auditors, the owner organisation and the parties of its programme or application; 404 for anyone else.
     */
    get: operations['getAccount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{id}/balance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The balance of an account now, or at a past instant
     * @description Visible to the administrator, auditors, the owner organisation and the parties of its programme or application; 404 for anyone else. Without `at`: the balance now, with held and available. With `at`: the posted balance at that instant of booking time, the same whenever it is asked; an instant in the future is a 422 (it is not known yet).
     */
    get: operations['getAccountBalance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ledger/entries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Journal entries with their postings, newest first
     * @description Administrator and auditors only (403 for other keys). `from` (inclusive) and `to` (exclusive) filter by booking time.
     */
    get: operations['listLedgerEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ledger/trial-balance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Debit and credit totals per account, and grand totals per currency
     * @description Administrator and auditors only (403 for other keys). At an instant of booking time (now when absent; not in the future), of one programme or the whole ledger.
     */
    get: operations['getTrialBalance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ledger/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recompute the tamper-evident hash chain and every balance
     * @description Administrator and auditors only (403 for other keys). Reads every entry: its cost grows with the ledger.
     */
    get: operations['verifyLedger'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who did what, when, with which key: every state change, newest first
     * @description Administrator and auditors only (403 for other keys). `from` is inclusive, `to` exclusive.
     */
    get: operations['listAuditRecords'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Programmes (any key): where one can apply */
    get: operations['listProgrammes'];
    put?: never;
    /** Open a programme: a rule set, its currency, and the organisations playing its parties (admin, programme_admin) */
    post: operations['createProgramme'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One programme, with its pools for those who see its books */
    get: operations['getProgramme'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}/budgets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Fund a public party's pool (programme_admin of the organisation that accepted to play it; 409 until it has) */
    post: operations['fundBudget'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}/parties/{party}/acceptance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Accept to play a party (programme_admin of the invited organisation): the party is bound, its pool opens
     * @description Audited (programme.party-accepted). An accepted party never changes. 409 when already answered.
     */
    post: operations['acceptParty'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}/parties/{party}/refusal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Decline to play a party (programme_admin of the invited organisation)
     * @description Audited (programme.party-declined). The programme waits until its manager invites another organisation.
     */
    post: operations['declineParty'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}/parties/{party}/invitation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Invite an organisation to a party not bound yet (the administrator, or programme_admin of its administrator)
     * @description Replaces an unanswered or declined invitation; 409 once the party is accepted. The caller's own organisation is bound at once. Audited (programme.party-invited).
     */
    post: operations['inviteParty'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/organisations/{id}/programme-codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The programme codes reserved for an organisation (administrator, auditors, the organisation's keys) */
    get: operations['listProgrammeCodes'];
    put?: never;
    /** Reserve a programme code for an organisation (administrator): only its programme_admin keys may use it */
    post: operations['reserveProgrammeCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * File an application (applicant): 201 with its plan, or 422 with every failed eligibility rule
     * @description JSON, or multipart/form-data to send the papers the rules require to file (plan.documents, step filing) with it: the part `application` holds the JSON body, and each file part is a document named by its type (`toma-de-nota`). On a programme with requireDocuments a filing without them is 409 documents-missing.
     */
    post: operations['fileApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Applications the key may see, newest first */
    get: operations['listApplications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status, plan, approvals, money by party, tranches (parties of it, auditors) */
    get: operations['getApplication'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The project's ledger accounts: each party's share and what was paid out of it, with balances */
    get: operations['listApplicationAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject as a required party (approver); the last approval reserves the public shares */
    post: operations['decideApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/contributions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record money a party actually paid in (the applicant's own money, the bank's credit), with FX when in another currency */
    post: operations['recordContribution'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/refunds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Return unspent money to its sources, pro rata (programme managers) */
    post: operations['refundApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel: release every hold, return unspent money */
    post: operations['cancelApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close a finished project: its accounts must be at zero */
    post: operations['closeApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/clawback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Claw back a grant within its window (M-6) */
    post: operations['clawBackApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/tranches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask for a disbursement against a milestone, with evidence (applicant) */
    post: operations['requestTranche'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tranches/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One tranche and its approvals */
    get: operations['getTranche'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tranches/{id}/approvals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject a tranche as a party the rules name; the last approval posts it to the ledger */
    post: operations['decideTranche'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/statements/accounts/{id}.{format}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Statement of a ledger account for a period
     * @description The administrator, auditors and the owners: whoever sees the account, application or programme (404 for anyone else). One section: the account. Opening and closing balances are the ledger's balance_after at `from` and `to`; the period is half-open on booking time. Counts, rows, party totals and the hash-chain status come from one REPEATABLE READ snapshot. The header names who generated it.
     */
    get: operations['getAccountStatement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/statements/applications/{id}.{format}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Statement of an application (project) for a period
     * @description The administrator, auditors and the owners: whoever sees the account, application or programme (404 for anyone else). One section per paying party's share account and disbursed account, and totals per party (committed, paid in, disbursed, refunded). Opening and closing balances are the ledger's balance_after at `from` and `to`; the period is half-open on booking time. Counts, rows, party totals and the hash-chain status come from one REPEATABLE READ snapshot. The header names who generated it.
     */
    get: operations['getApplicationStatement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/statements/programmes/{id}.{format}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Statement of a programme for a period
     * @description The administrator, auditors and the owners: whoever sees the account, application or programme (404 for anyone else). The parties' pools, then every account of its applications, and totals per party and organisation over its applications. Opening and closing balances are the ledger's balance_after at `from` and `to`; the period is half-open on booking time. Counts, rows, party totals and the hash-chain status come from one REPEATABLE READ snapshot. The header names who generated it.
     */
    get: operations['getProgrammeStatement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/statements/trial-balance.{format}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A programme's trial balance as a document
     * @description Administrator and auditors only (403 for other keys). Debit and credit totals per account of the programme booked by `at`, grand totals per currency, and the hash-chain status, read from one snapshot.
     */
    get: operations['getTrialBalanceDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/decision-letter.{format}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An application's decision letter
     * @description The parties of the application, its programme's managers, auditors and the administrator (404 for anyone else). The plan with its rule trace, and each party's decision.
     */
    get: operations['getDecisionLetter'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Registers the bank account behind a pool or a project share account
     * @description Programme staff only (the programme's programme_admin keys). Exactly one of `iban` (checksum and country format checked), `clabe` (18 digits, check digit checked) or `number` (a local number). The currency must be the ledger account's. One bank account per ledger account. Audited.
     */
    post: operations['registerBankAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A bank account
     * @description Visible to whoever sees its ledger account; 404 for anyone else.
     */
    get: operations['getBankAccount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/programmes/{id}/bank-accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A programme's bank accounts
     * @description For whoever sees the programme’s books; 404 for anyone else.
     */
    get: operations['listProgrammeBankAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-csv-mappings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Saves how a bank's CSV statements are laid out
     * @description Any programme_admin key. The mapping names the header of each column; `balance` (the running balance after each row) is required, as is either `amount` (signed) or both `credit` and `debit`. Named per bank; a name is never reused. Used on import with `?mapping=<name>`.
     */
    post: operations['createBankCsvMapping'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/statements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Imports a bank statement file
     * @description Programme staff only. The body is the file as the bank sent it: `application/xml` (ISO 20022 camt.053.001.02 or .001.08), `text/plain` (SWIFT MT940) or `text/csv` with `?mapping=` naming a saved mapping of the bank. One statement per file. All or nothing: a file that cannot be read, is another account’s, or whose lines do not take the opening balance to the closing one is a 422 naming the element or line, and nothing is written. The same file again answers 200 with the first import. New lines are matched at once against the ledger.
     */
    post: operations['importBankStatement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/matching': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Matches open lines against the ledger again
     * @description Programme staff only. Runs the matching rules over the lines and movements still open, e.g. after a contribution was declared once its bank line had come in.
     */
    post: operations['rematchBankAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/open-items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Unmatched lines and movements, with candidates and proposals
     * @description For whoever sees the bank account: what is left to match by hand.
     */
    get: operations['listOpenItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/matches': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Matches lines to movements by hand
     * @description Programme staff only, with a reason. One line to one movement, one line split over several movements, or several lines to one: both sides must sum to the same signed amount. Audited; the ledger is not touched.
     */
    post: operations['matchBankLines'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/matches/{matchId}/undo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Undoes a match
     * @description Programme staff only, with a reason; audited. Its lines and movements are open again.
     */
    post: operations['undoBankMatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/lines/{lineId}/entry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Posts the entry a fee or interest line proposes
     * @description Programme staff only, explicitly, with a reason and an Idempotency-Key: the bank charge (or interest) goes into the books against the programme's bank-charges (bank-interest) account, and the line is matched to it.
     */
    post: operations['postProposedEntry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/bank-accounts/{id}/reconciliation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The bank account reconciled with the books at an instant
     * @description For whoever sees the bank account. Ledger balance vs bank balance on the date, matched totals, the unmatched lines on each side with their ages, and the hash chain fingerprint as statements print it. The same at `/v1/bank-accounts/{id}/reconciliation.json`, `.csv` and `.pdf`.
     */
    get: operations['getReconciliation'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every version of every document of the application, oldest first, with what the rules require and what is missing */
    get: operations['listDocuments'];
    put?: never;
    /** Upload a document of the application (multipart/form-data: file, type, optional note, supersedes, and at most one of trancheId, contributionId, approvalId, refundEntryId). PDF, PNG or JPEG, recognised from the bytes */
    post: operations['uploadDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The bytes, streamed, with the stored content type and X-Content-SHA256 (parties, auditors, staff) */
    get: operations['downloadDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{id}/metadata': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One document: type, hash, size, version, withdrawal */
    get: operations['getDocumentMetadata'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{id}/withdrawal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw a document (its uploader): it stays readable and no longer counts; documents are never deleted */
    post: operations['withdrawDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The domain events the caller may see, oldest first, after a cursor
     * @description A feed for pull integrations. An organisation sees the events about what it may read (the same rules as the resources); the administrator and auditors see all. Keep `nextCursor` and pass it as `after` on the next poll: it is the request's own `after` when nothing new has happened.
     */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's organisation's webhooks, without their secrets
     * @description The administrator and auditors see every organisation's, or the one named by `organisationId`.
     */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Subscribe an endpoint to event types; the signing secret is returned once
     * @description The organisation itself (any role but auditor) or the administrator. https only; URLs of loopback, private or link-local addresses are refused. It receives the events published from now on that the organisation may see (docs/events.md). 503 `webhooks-not-configured` while the server has no COFUND_SECRET_KEY to seal the secret with.
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A webhook, without its secret */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Turn a webhook back on: what waited meanwhile is sent, with a fresh schedule of retries */
    post: operations['enableWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Turn a webhook off: its deliveries wait until it is turned back on */
    post: operations['disableWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A webhook's deliveries, newest first */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-deliveries/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A delivery and every attempt at it: status, latency, the start of the answer */
    get: operations['getWebhookDelivery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-deliveries/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a delivery again (delivered or failed), with the same webhook-id */
    post: operations['replayWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Health: {
      /** @enum {string} */
      status: 'ok' | 'degraded';
      /** @enum {string} */
      database: 'ok' | 'unreachable';
      /** @description The sealing lag as the database has it now; null when it did not answer within 500 ms */
      sealer: {
        /** @description Committed entries not yet sealed into the hash chain */
        unsealedEntries: number;
        /** @description How long ago the oldest of them was booked; null when none waits */
        oldestUnsealedAgeSeconds: number | null;
      } | null;
    };
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'not-ready';
      checks: {
        /** @enum {string} */
        database: 'ok' | 'failed' | 'timeout' | 'not-checked';
        /** @enum {string} */
        migrations: 'ok' | 'failed' | 'timeout' | 'not-checked';
        /** @enum {string} */
        sealer: 'ok' | 'failed' | 'timeout' | 'not-checked';
        /** @enum {string} */
        write: 'ok' | 'failed' | 'timeout' | 'not-checked';
      };
      reasons: string[];
    };
    Organisation: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @enum {string} */
      kind: 'association' | 'federation' | 'investor' | 'government' | 'bank' | 'guarantee_fund' | 'auditor';
      /** Format: date-time */
      createdAt: string;
    };
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      errors?: {
        field: string;
        message: string;
      }[];
    };
    NewOrganisation: {
      name: string;
      /** @enum {string} */
      kind: 'association' | 'federation' | 'investor' | 'government' | 'bank' | 'guarantee_fund' | 'auditor';
    };
    IssuedApiKey: components['schemas']['ApiKey'] & {
      /** @description The key itself. Shown once, stored only as a hash: keep it now. */
      key: string;
    };
    ApiKey: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      /** @enum {string} */
      role: 'applicant' | 'approver' | 'programme_admin' | 'auditor';
      label: string;
      /** @description The first characters of the key, to recognise it */
      prefix: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      revokedAt: string | null;
    };
    NewApiKey: {
      /** @enum {string} */
      role: 'applicant' | 'approver' | 'programme_admin' | 'auditor';
      label?: string;
    };
    InvitedUser: components['schemas']['User'] & {
      /** @description The one-time link (72 hours) that sets the password. Shown once: send it to the person. */
      invitationUrl: string;
      /** Format: date-time */
      invitationExpiresAt: string;
    };
    User: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      email: string;
      name: string;
      /** @enum {string} */
      role: 'applicant' | 'approver' | 'programme_admin' | 'auditor';
      /** @enum {string|null} */
      locale: 'es-MX' | 'fr-MA' | 'en' | null;
      /** @description Whether an authenticator app is enrolled */
      secondFactor: boolean;
      invitationPending?: boolean;
      /** Format: date-time */
      createdAt: string;
    };
    NewUser: {
      /** Format: email */
      email: string;
      name: string;
      /** @enum {string} */
      role: 'applicant' | 'approver' | 'programme_admin' | 'auditor';
      /** @enum {string} */
      locale?: 'es-MX' | 'fr-MA' | 'en';
    };
    RuleSetSummary: {
      /** @example tres-por-uno */
      id: string;
      name: string;
      /** @description The version in force today (UTC date); null when none is */
      version: string | null;
      /** @description The file hash of the version in force today; null when none is */
      hash: string | null;
      /** @description Oldest first */
      versions: components['schemas']['RuleVersionSummary'][];
    };
    RuleVersionSummary: {
      /** @example 2013 */
      version: string;
      /**
       * @description The language the rule file's texts are written in
       * @enum {string}
       */
      language: 'es-MX' | 'fr-MA' | 'en';
      /** @description The locales its texts are in: its language, then each translation */
      locales: ('es-MX' | 'fr-MA' | 'en')[];
      /** Format: date */
      validFrom: string;
      /**
       * Format: date
       * @description null: in force until a later version says otherwise
       */
      validTo: string | null;
      /** @description SHA-256 (hex) of the rule file: what a plan records */
      hash: string;
      /** @example MXN */
      currency: string;
      /**
       * @example [
       *       "infrastructure",
       *       "productive-community"
       *     ]
       */
      projectTypes: string[];
    };
    RuleSet: {
      /** @example tres-por-uno */
      id: string;
      name: string;
      /** @description The version in force today (UTC date); null when none is */
      version: string | null;
      /** @description The file hash of the version in force today; null when none is */
      hash: string | null;
      /** @description Oldest first */
      versions: components['schemas']['RuleVersion'][];
    };
    RuleVersion: components['schemas']['RuleVersionSummary'] & {
      projectTypes?: {
        projectType: string;
        rule: string;
        says: string | null;
        /** @description Parties with a share in this project type */
        parties: string[];
        /** @description Eligibility rules of this project type only */
        eligibility: components['schemas']['RuleFinding'][];
      }[];
      /** @example rules/tres-por-uno/2013.yaml */
      file: string;
      /**
       * @description Every text of the rule file in each of its locales, by dotted path (`parties.club.name`)
       * @example {
       *       "parties.club.name": {
       *         "en": "migrant club (club de migrantes)",
       *         "es-MX": "club de migrantes"
       *       }
       *     }
       */
      texts: {
        [key: string]: {
          'es-MX'?: string;
          'fr-MA'?: string;
          en?: string;
        };
      };
      sources: string[];
      /** @description Choices the rule file made where the sources are uncertain */
      assumptions: components['schemas']['RuleFinding'][];
      parties: {
        /** @example federal */
        party: string;
        name: string;
        /**
         * @description The kind of organisation that plays it
         * @example government
         */
        role: string;
        /**
         * @description budget: a public pool, held on approval; contribution: own money paid in; credit: a bank loan
         * @enum {string}
         */
        funding: 'budget' | 'contribution' | 'credit';
        /** @description The party that files applications (never an approver) */
        applicant: boolean;
      }[];
      /** @description Eligibility rules of every project type */
      eligibility: components['schemas']['RuleFinding'][];
      tranches: {
        percent: string;
        milestone: string;
        rule: string;
      }[];
      requiredApprovals: string[];
      trancheApprovals: string[];
      deadlines: {
        rule: string;
        party: string;
        kind: string;
        businessDays: number;
        from: string;
        says: string | null;
      }[];
      clawback: {
        rule: string;
        party: string;
        years: number;
        from: string;
        says: string | null;
      } | null;
      /** @description Contributions that count only once a bank statement line proves them, and the step that waits */
      proofs: {
        rule: string;
        party: string;
        /** @enum {string} */
        proof: 'bank-line';
        /** @enum {string} */
        before: 'tranche';
        says: string;
      }[];
    };
    /** @description A rule and what it says or decided, in words */
    RuleFinding: {
      /** @example 3x1-5 */
      rule: string;
      /** @description In English, naming parties and fields by id */
      says: string;
      /** @description The same as data: a message id and its typed parameters (docs/rules.md) */
      message?: {
        /** @enum {string} */
        id:
          | 'rule-text'
          | 'version'
          | 'version.open'
          | 'in-force'
          | 'version.period'
          | 'version.period.open'
          | 'project-type'
          | 'project-type.described'
          | 'eligibility.met'
          | 'eligibility.not-met'
          | 'detail.not-declared'
          | 'detail.not-given'
          | 'detail.is'
          | 'detail.not-one-of'
          | 'detail.excluded'
          | 'detail.not-equal'
          | 'detail.below-min'
          | 'detail.above-max'
          | 'detail.period-covers'
          | 'detail.period-not-covers'
          | 'detail.after-filing'
          | 'detail.within-years'
          | 'detail.more-than-years'
          | 'quantity'
          | 'quantity.default'
          | 'share.declared'
          | 'share.fixed'
          | 'share.percent'
          | 'share.absent'
          | 'share.capped'
          | 'share.capped.percent'
          | 'placed.taken'
          | 'placed.pro-rata'
          | 'placed.rest'
          | 'placed.rest.because'
          | 'placed.unallocated'
          | 'placed.unallocated.because'
          | 'share.overdrawn'
          | 'share.rest.pays'
          | 'share.rest.lends'
          | 'floor.met'
          | 'floor.met.percent'
          | 'floor.short'
          | 'floor.short.percent'
          | 'floor.unreachable'
          | 'rounding.down'
          | 'rounding.leftover'
          | 'rounding.floor-moved'
          | 'rounding.floor-moved.unallocated'
          | 'unallocated'
          | 'approvals'
          | 'tranche'
          | 'deadline'
          | 'deadline.window'
          | 'clawback'
          | 'document.filing'
          | 'document.approval'
          | 'document.tranche.first'
          | 'document.tranche.after-first'
          | 'document.tranche.each'
          | 'document.close';
        params: {
          [key: string]: unknown;
        };
      };
      /** @description The application field an eligibility rule tests */
      field?: string;
    };
    Plan: {
      ruleSet: string;
      ruleVersion: string;
      ruleHash: string;
      projectType: string;
      /**
       * Format: date
       * @description The date that chose the rule version
       */
      filedOn: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      total: string;
      currency: string;
      /** @description Amounts sum exactly to total less unallocated */
      shares: {
        party: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        /**
         * @description Percent of the total, at most 4 decimals
         * @example 25
         */
        percent: string;
        capped: boolean;
        /** @enum {string} */
        funding: 'budget' | 'contribution' | 'credit';
        role: string;
        applicant: boolean;
        contribution?: {
          rule: string;
          /** @enum {string} */
          currency: 'foreign' | 'local' | 'any';
          into?: string;
          says?: string;
        };
      }[];
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      unallocated: string;
      tranches: {
        index: number;
        percent: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        milestone: string;
        approvers: string[];
        rule: string;
      }[];
      requiredApprovals: string[];
      deadlines: {
        rule: string;
        party: string;
        kind: string;
        businessDays: number;
        from: string;
        holidays: (
          | string
          | {
              month: number;
              day: number;
            }
          | {
              month: number;
              weekday: string;
              nth: number;
            }
        )[];
        says: string;
      }[];
      clawback: {
        rule: string;
        party: string;
        years: number;
        from: string;
        says: string;
      } | null;
      /** @description Absent from plans filed before rule files could require proofs */
      proofs?: {
        rule: string;
        party: string;
        /** @enum {string} */
        proof: 'bank-line';
        /** @enum {string} */
        before: 'tranche';
        says: string;
      }[];
      /** @description The papers each step needs; absent from plans filed before rule files listed them */
      documents?: components['schemas']['PlanDocument'][];
      assumptions: components['schemas']['RuleFinding'][];
      trace: components['schemas']['RuleFinding'][];
    };
    /** @description A paper a step of the plan needs, and the rule that asks for it */
    PlanDocument: {
      /** @example 3x1-5 */
      rule: string;
      /**
       * @description The document type an upload names
       * @example toma-de-nota
       */
      type: string;
      /**
       * @description filing: uploaded with the filing; approval: before the plan is approved; tranche: cited by the tranche request; close: before the project is closed
       * @enum {string}
       */
      step: 'filing' | 'approval' | 'tranche' | 'close';
      /**
       * @description For step tranche: which requests need it
       * @enum {string}
       */
      tranches?: 'first' | 'after-first' | 'each';
      says: string;
    };
    /** @description The plan's names, milestones and trace in the reader's locale */
    LocalizedPlan: {
      /** @enum {string} */
      locale: 'es-MX' | 'fr-MA' | 'en';
      /**
       * @description The language shown instead of `locale` when the rule file has no translation to it; null: none
       * @enum {string|null}
       */
      fallbackLocale: 'es-MX' | 'fr-MA' | 'en' | null;
      ruleSet: string;
      projectType: string;
      /** @description Each party name, by party id */
      parties: {
        [key: string]: string;
      };
      /** @description Each tranche's milestone, in plan order */
      milestones: string[];
      trace: {
        rule: string;
        text: string;
        field?: string;
      }[];
      assumptions: {
        rule: string;
        text: string;
        field?: string;
      }[];
      deadlines: string[];
      clawback: string | null;
      proofs: string[];
      /** @description The papers each step needs, one sentence each */
      documents: string[];
    };
    IneligibleProblem: components['schemas']['Problem'] & {
      /** @description When not eligible: every rule that failed */
      failures?: components['schemas']['RuleFinding'][];
      ruleSet?: string;
      /** @description null when no version was in force on the filing date */
      ruleVersion?: string | null;
      ruleHash?: string | null;
      trace?: components['schemas']['RuleFinding'][];
      localized?: components['schemas']['LocalizedRefusal'];
    };
    /** @description Why the application is refused, in the reader's locale */
    LocalizedRefusal: {
      /** @enum {string} */
      locale: 'es-MX' | 'fr-MA' | 'en';
      /**
       * @description The language shown instead of `locale` when the rule file has no translation to it; null: none
       * @enum {string|null}
       */
      fallbackLocale: 'es-MX' | 'fr-MA' | 'en' | null;
      ruleSet: string;
      failures: {
        rule: string;
        text: string;
        field?: string;
      }[];
      trace: {
        rule: string;
        text: string;
        field?: string;
      }[];
    };
    /**
     * @example {
     *       "projectType": "infrastructure",
     *       "title": "Paving of the main street",
     *       "totalCost": "2400000.00",
     *       "currency": "MXN",
     *       "location": "Jerez, Zacatecas",
     *       "filedAt": "2014-05-02T10:00:00-06:00",
     *       "registration": {
     *         "validFrom": "2014-01-01",
     *         "validTo": "2015-12-31"
     *       }
     *     }
     */
    ApplicationFields: {
      projectType: string;
      title?: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      totalCost: string;
      currency: string;
      sector?: string;
      location?: string;
      filedAt?: string;
      beneficiaryFamilies?: number;
      investorStakePercent?: number | string;
      investorStatus?: string;
      returnedAt?: string;
      inFinancialLitigation?: boolean;
      registration?: {
        validFrom: string;
        validTo: string;
      };
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      ownContribution?: string;
      applicantResidence?: string;
      hasLocalPartner?: boolean;
      joiningParties?: string[];
    } & {
      [key: string]: unknown;
    };
    Account: {
      /** Format: uuid */
      id: string;
      /** @description Unique, readable code of the account */
      code: string;
      name: string;
      /** @enum {string} */
      type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
      /**
       * @description The side on which the account grows
       * @enum {string}
       */
      normalSide: 'debit' | 'credit';
      /** @example MXN */
      currency: string;
      /**
       * @description Lowest balance allowed, counting holds; null: no limit
       * @example 2400000.00
       */
      minBalance: string | null;
      /**
       * @description Posted balance on the normal side
       * @example 2400000.00
       */
      balance: string;
      /**
       * @description Reserved by pending holds
       * @example 2400000.00
       */
      held: string;
      /**
       * @description balance - held
       * @example 2400000.00
       */
      available: string;
      /**
       * @description Number of postings on the account
       * @example 12
       */
      version: string;
      /** Format: uuid */
      ownerOrganisationId: string | null;
      /** Format: uuid */
      programmeId: string | null;
      /** Format: uuid */
      applicationId: string | null;
      metadata: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      createdAt: string;
    };
    Balance: {
      /** Format: uuid */
      accountId: string;
      code: string;
      /** @example MXN */
      currency: string;
      /**
       * Format: date-time
       * @description The instant of the balance (booking time)
       */
      at: string;
      /**
       * @description Posted balance on the normal side at `at`
       * @example 2400000.00
       */
      balance: string;
      /**
       * @description Number of postings on the account up to `at`
       * @example 12
       */
      version: string;
      /**
       * @description Balance now only: reserved by pending holds
       * @example 2400000.00
       */
      held?: string;
      /**
       * @description Balance now only: balance - held
       * @example 2400000.00
       */
      available?: string;
    };
    JournalEntry: {
      /** @example 1042 */
      id: string;
      idempotencyKey: string;
      /** @example tranche */
      kind: string;
      memo: string;
      /**
       * Format: date-time
       * @description Value date
       */
      effectiveAt: string;
      /**
       * Format: date-time
       * @description Booking time: what balances at an instant count by
       */
      createdAt: string;
      metadata: {
        [key: string]: unknown;
      };
      /** @description Currency conversions, when the postings span currencies */
      fx:
        | {
            from: string;
            to: string;
            rate: string;
            /**
             * @description Decimal string with exactly the currency minor-unit digits
             * @example 2400000.00
             */
            fromAmount: string;
            /**
             * @description Decimal string with exactly the currency minor-unit digits
             * @example 2400000.00
             */
            toAmount: string;
          }[]
        | null;
      reversesEntryId: string | null;
      /**
       * Format: uuid
       * @description The hold this entry captures, if any
       */
      holdId: string | null;
      postings: components['schemas']['Posting'][];
    };
    Posting: {
      id: string;
      /** Format: uuid */
      accountId: string;
      accountCode: string;
      currency: string;
      /** @enum {string} */
      side: 'debit' | 'credit';
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount: string;
      /** @description The account's version after this posting (1, 2, 3... per account) */
      accountVersion: string;
      /**
       * @description The account's balance after this posting, on its normal side
       * @example 2400000.00
       */
      balanceAfter: string;
    };
    TrialBalance: {
      /** Format: date-time */
      at: string;
      /** Format: uuid */
      programmeId: string | null;
      lines: {
        /** Format: uuid */
        accountId: string;
        code: string;
        name: string;
        /** @enum {string} */
        type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
        /** @enum {string} */
        normalSide: 'debit' | 'credit';
        currency: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        debits: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        credits: string;
        /**
         * @description On the normal side
         * @example 2400000.00
         */
        balance: string;
      }[];
      /** @description Grand totals per currency; equal (balanced) for the whole ledger. A programme alone need not balance: its accounts have counterparts outside it (the sources of budgets and contributions). */
      totals: {
        currency: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        debits: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        credits: string;
        balanced: boolean;
      }[];
    };
    ChainReport: {
      /** @description Every seal recomputes, every entry is sealed or queued, balances match postings */
      ok: boolean;
      /** @description Sealed entries verified (up to the first bad one) */
      entries: number;
      /** @description The first entry whose seal does not recompute */
      firstBadEntry?: string;
      /** @description Committed entries not sealed yet (sealing catches up within a second) */
      unsealed: number;
      /** Format: date-time */
      oldestUnsealedAt: string | null;
      /** @description Entries neither sealed nor queued: written around the code */
      unaccounted: number;
      /** @description Codes of accounts whose balance disagrees with their postings and holds */
      balanceMismatches: string[];
      /** @description The last seal verified: the fingerprint a printed statement quotes */
      lastSeal: {
        seq: string;
        entryId: string;
        hash: string;
      } | null;
      /** @description Seals recomputed by this verification */
      recomputed: number;
      /** @description The verified checkpoint the recomputation started from; null when it recomputed the whole chain, as here */
      since: {
        seq: string;
        /** Format: date-time */
        verifiedAt: string;
      } | null;
    };
    AuditRecord: {
      /** @example 317 */
      id: string;
      /** Format: date-time */
      at: string;
      /**
       * @description admin, or the role of the key used
       * @example approver
       */
      actorKind: string;
      /** Format: uuid */
      organisationId: string | null;
      /** Format: uuid */
      apiKeyId: string | null;
      /**
       * Format: uuid
       * @description The person who acted, when signed in to the portal
       */
      userId: string | null;
      /** @example application.filed */
      action: string;
      /** @example application */
      resourceType: string;
      resourceId: string;
      details: {
        [key: string]: unknown;
      };
      /** @description The x-request-id of the request that made the change */
      requestId: string | null;
    };
    Programme: {
      /** Format: uuid */
      id: string;
      code: string;
      name: string;
      ruleSet: string;
      currency: string;
      /** Format: uuid */
      administrator: string | null;
      /** @description Days an application or tranche waits for a party before that party is reminded (deadline.approaching) */
      approvalReminderDays: number;
      /** @description Steps whose papers the rules require are refused while they are missing (else: advisory) */
      requireDocuments: boolean;
      /** @description party -> the organisation invited to play it (see invitations for whether it accepted) */
      parties: {
        [key: string]: string;
      };
      /**
       * @description open once every party has accepted: until then no money moves and no application is filed
       * @enum {string}
       */
      status: 'awaiting-parties' | 'open';
      invitations: components['schemas']['PartyBinding'][];
      /** @description The public parties' pools; null unless you see the programme's books */
      pools:
        | (components['schemas']['AccountSummary'] & {
            party: string;
          })[]
        | null;
      /** Format: date-time */
      createdAt: string;
    };
    PartyBinding: {
      party: string;
      /** Format: uuid */
      organisationId: string;
      /**
       * @description invited: waiting for the organisation; accepted: it plays the party (bound for good)
       * @enum {string}
       */
      status: 'invited' | 'accepted' | 'declined';
      /** Format: date-time */
      invitedAt: string;
      /** Format: date-time */
      decidedAt: string | null;
    };
    AccountSummary: {
      /** Format: uuid */
      id: string;
      code: string;
      name: string;
      /** @enum {string} */
      type: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
      currency: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      balance: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      held: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      available: string;
    };
    NewProgramme: {
      /** @example 3x1-zac-2026 */
      code: string;
      name: string;
      /** @example tres-por-uno */
      ruleSet: string;
      /** @example MXN */
      currency: string;
      /** @description party -> organisation id, for every party but the applicant: each organisation is invited to play it, and plays it once it accepts (the caller's own organisation at once) */
      parties: {
        [key: string]: string;
      };
      /**
       * Format: uuid
       * @description Organisation whose programme_admin keys manage it. Defaults to the caller's organisation for programme_admin keys; without one, the public funders manage it together.
       */
      administrator?: string;
      /**
       * @description Days an application or tranche may wait for a party to decide before that party is reminded by a deadline.approaching event (kind approval-pending), once. Default 10.
       * @example 10
       */
      approvalReminderDays?: number;
      /** @description Refuse each step (filing, approval, tranche, close) whose documents the rule files require are missing: 409 documents-missing. Default false: GET /v1/applications/{id}/documents only lists what is missing. */
      requireDocuments?: boolean;
    };
    BudgetFunded: {
      entryId: string;
      party: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount: string;
      pool: components['schemas']['AccountSummary'];
    };
    NewBudget: {
      /** @example federal */
      party: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount: string;
      memo?: string;
    };
    PartyAcceptance: {
      comment?: string;
    };
    PartyRefusal: {
      reason: string;
    };
    PartyInvitation: {
      /** Format: uuid */
      organisationId: string;
    };
    ReservedProgrammeCode: {
      code: string;
      /** Format: uuid */
      organisationId: string;
      /** Format: date-time */
      reservedAt: string;
      /**
       * Format: uuid
       * @description The programme opened under it, if any
       */
      programmeId: string | null;
    };
    Application: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      programmeId: string;
      /** Format: uuid */
      applicantId: string;
      applicantParty: string;
      /** @enum {string} */
      status: 'filed' | 'approved' | 'rejected' | 'cancelled' | 'closed';
      title: string;
      /** @description The application as filed */
      fields: {
        [key: string]: unknown;
      };
      /** @description The co-funding plan, with rule version, file hash and trace (contract "A plan") */
      plan: {
        [key: string]: unknown;
      };
      ruleVersion: string;
      ruleHash: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      total: string;
      currency: string;
      /** Format: date-time */
      filedAt: string;
      /** Format: date-time */
      approvedAt: string | null;
      outcome: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      endedAt: string | null;
      /** @description Grows with every change */
      version: number;
      approvals: {
        party: string;
        /** Format: uuid */
        organisationId: string;
        /** @enum {string} */
        decision: 'approve' | 'reject';
        comment: string;
        /** Format: date-time */
        at: string;
      }[];
      reservations: {
        party: string;
        /** Format: uuid */
        holdId: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        captured: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        remaining: string;
        status: string;
      }[];
      contributions: {
        /** Format: uuid */
        id: string;
        party: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        paidAmount: string;
        paidCurrency: string;
        fxRate: string | null;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        entryId: string;
        /** Format: date-time */
        at: string;
        /**
         * @description declared: recorded by its payer; proven: a bank statement line is matched to its ledger entry (an undone match makes it declared again). Rule files may require proof before a step (`proofs`).
         * @enum {string}
         */
        status: 'declared' | 'proven';
        /** @description The bank lines proving it (GET /v1/bank-accounts/{id}/open-items lists lines) */
        bankLineIds: string[];
        /**
         * Format: uuid
         * @description The match proving it: POST /v1/bank-accounts/{id}/matches/{matchId}/undo unproves it
         */
        bankMatchId: string | null;
      }[];
      tranches: components['schemas']['Tranche'][];
      funding: {
        party: string;
        funding: string;
        /** Format: uuid */
        organisation: string | null;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        share: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        reserved: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        contributed: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        held: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        disbursed: string;
      }[];
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      disbursed: string;
      /** Format: date-time */
      createdAt: string;
    };
    Tranche: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      applicationId: string;
      /** @description 0-based order of the request */
      index: number;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount: string;
      milestone: string;
      /** @description Each item as stored: a cited document is {documentId, type, fileName, sha256}; older evidence is what the client sent, {name, sha256?, uri?} */
      evidence: {
        [key: string]: unknown;
      }[];
      approvers: string[];
      /** @enum {string} */
      status: 'requested' | 'posted' | 'rejected';
      /** @description Each party's part, once posted */
      parts:
        | {
            party: string;
            /**
             * @description Decimal string with exactly the currency minor-unit digits
             * @example 2400000.00
             */
            amount: string;
          }[]
        | null;
      approvals: {
        party: string;
        /** Format: uuid */
        organisationId: string;
        /** @enum {string} */
        decision: 'approve' | 'reject';
        comment: string;
        /** Format: date-time */
        at: string;
      }[];
      /** Format: date-time */
      requestedAt: string;
      /** Format: date-time */
      decidedAt: string | null;
    };
    Decision: {
      /** @enum {string} */
      decision: 'approve' | 'reject';
      comment?: string;
      /** @example federal */
      party?: string;
    };
    NewContribution: {
      /** @example federal */
      party: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount: string;
      /** @example MXN */
      currency?: string;
      fxRate?: string;
    };
    NewRefund: {
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount?: string;
      reason: string;
    };
    NewTranche: {
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      amount: string;
      milestone: string;
      evidence: {
        /**
         * Format: uuid
         * @description A current document of the application (uploaded first); alone, without name
         */
        documentId?: string;
        name?: string;
        sha256?: string;
        uri?: string;
      }[];
    };
    StatementDocument: {
      header: {
        kind?: string;
        title: string;
        subject: {
          id: string;
          code: string;
          name: string;
          owner?: string | null;
        };
        period?: {
          /** Format: date-time */
          from: string;
          /** Format: date-time */
          to: string;
        };
        /** Format: date-time */
        generatedAt: string;
        generatedBy: {
          organisation: string;
          role: string;
          keyPrefix: string;
        };
        /** @enum {string} */
        locale: 'es-MX' | 'fr-MA' | 'en';
        currency: string;
      };
      chain: components['schemas']['StatementChainStatus'];
      sections: {
        account: {
          /** Format: uuid */
          id: string;
          code: string;
          name: string;
          type: string;
          /** @enum {string} */
          normalSide: 'debit' | 'credit';
          currency: string;
        };
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        openingBalance: string;
        rows: {
          entryId: string;
          /** Format: date-time */
          bookedAt: string;
          /** Format: date-time */
          effectiveAt: string;
          kind: string;
          memo: string;
          counterAccounts: string[];
          /** @enum {string} */
          side: 'debit' | 'credit';
          /**
           * @description Decimal string with exactly the currency minor-unit digits
           * @example 2400000.00
           */
          amount: string;
          /**
           * @description Decimal string with exactly the currency minor-unit digits
           * @example 2400000.00
           */
          balanceAfter: string;
        }[];
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        debitTotal: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        creditTotal: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        closingBalance: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        computedClosing: string;
        reconciled: boolean;
        firstMismatchEntry: string | null;
      }[];
      parties: {
        party: string;
        organisation: string;
        currency: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        committed: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        paid: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        disbursed: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        refunded: string;
      }[];
      /** @description Programme statements only: each of the programme's bank accounts reconciled with the books at the period's end (the open items themselves: GET /v1/bank-accounts/{id}/reconciliation) */
      bankAccounts?: {
        /** Format: uuid */
        bankAccountId: string;
        accountCode: string;
        bank: string;
        /** @enum {string} */
        scheme: 'iban' | 'clabe' | 'local';
        number: string;
        currency: string;
        /** @enum {string} */
        status: 'reconciled' | 'unreconciled' | 'no-statement';
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        ledgerBalance: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        bankBalance: string | null;
        /**
         * @description ledgerBalance - bankBalance
         * @example 2400000.00
         */
        difference: string | null;
        statementReference: string | null;
        matchedLines: number;
        unmatchedBankLines: number;
        unmatchedLedgerMovements: number;
        oldestOpenDays: number | null;
      }[];
    };
    /** @description The hash chain as verified in the snapshot the document was read from */
    StatementChainStatus: {
      ok: boolean;
      entriesChecked: number;
      unsealed: number;
      firstBadEntry: string | null;
      unaccounted: number;
      balanceMismatches: string[];
      lastEntry: {
        id: string;
        sealSeq: string;
        hash: string;
      } | null;
      /** @description Seals recomputed for this document; the others when `since` was verified */
      recomputed?: number;
      /** @description The verified checkpoint the recomputation started from; null: the whole chain */
      since?: {
        sealSeq: string;
        /** Format: date-time */
        verifiedAt: string;
      } | null;
    };
    TrialBalanceDocument: {
      header: {
        kind?: string;
        title: string;
        subject: {
          id: string;
          code: string;
          name: string;
          owner?: string | null;
        };
        period?: {
          /** Format: date-time */
          from: string;
          /** Format: date-time */
          to: string;
        };
        /** Format: date-time */
        generatedAt: string;
        generatedBy: {
          organisation: string;
          role: string;
          keyPrefix: string;
        };
        /** @enum {string} */
        locale: 'es-MX' | 'fr-MA' | 'en';
        currency: string;
      };
      /** Format: date-time */
      asOf: string;
      chain: components['schemas']['StatementChainStatus'];
      groups: {
        currency: string;
        rows: {
          code: string;
          name: string;
          type: string;
          /** @enum {string} */
          normalSide: 'debit' | 'credit';
          /**
           * @description Decimal string with exactly the currency minor-unit digits
           * @example 2400000.00
           */
          debit: string;
          /**
           * @description Decimal string with exactly the currency minor-unit digits
           * @example 2400000.00
           */
          credit: string;
          /**
           * @description Decimal string with exactly the currency minor-unit digits
           * @example 2400000.00
           */
          balance: string;
        }[];
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        debitTotal: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        creditTotal: string;
        balanced: boolean;
      }[];
    };
    BankAccount: {
      /** Format: uuid */
      id: string;
      ledgerAccount: {
        /** Format: uuid */
        id: string;
        code: string;
        name: string;
        currency: string;
      };
      /** Format: uuid */
      programmeId: string;
      /** Format: uuid */
      applicationId: string | null;
      /** @enum {string} */
      scheme: 'iban' | 'clabe' | 'local';
      /**
       * @description Electronic form: no spaces, upper case
       * @example 032180000118359719
       */
      number: string;
      bank: string;
      currency: string;
      holder: string;
      /** Format: date-time */
      createdAt: string;
    };
    BankStatementImport: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      bankAccountId: string;
      sha256: string;
      /** @enum {string} */
      format: 'camt.053.001.02' | 'camt.053.001.08' | 'mt940' | 'csv';
      reference: string;
      openingDate: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      openingBalance: string;
      closingDate: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      closingBalance: string;
      lines: number;
      /** @description Lines of this statement matched to the ledger now */
      matched: number;
      unmatched: number;
      /** Format: date-time */
      importedAt: string;
    };
    BankOpenItems: {
      lines: {
        id: string;
        /** Format: uuid */
        statementId: string;
        bookingDate: string;
        valueDate: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        /** @enum {string} */
        direction: 'credit' | 'debit';
        counterparty: string;
        remittance: string;
        endToEndId: string;
        bankReference: string;
        transactionCode: string;
        /** @description Entry ids the rules find for it (several: ambiguous) */
        candidates: string[];
        /** @description A fee or interest line: the entry staff may post for it */
        proposal: {
          kind: string;
          counterAccount: string;
        } | null;
      }[];
      movements: {
        entryId: string;
        kind: string;
        date: string;
        /**
         * @description Signed: positive is money into the account
         * @example 2400000.00
         */
        amount: string;
        memo: string;
        /** @description What a payer may quote for it */
        reference: string;
      }[];
    };
    BankReconciliation: {
      /** Format: uuid */
      bankAccountId: string;
      ledgerAccount: string;
      currency: string;
      /** Format: date-time */
      at: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      ledgerBalance: string;
      /**
       * @description Decimal string with exactly the currency minor-unit digits
       * @example 2400000.00
       */
      bankBalance: string | null;
      /**
       * @description ledgerBalance - bankBalance
       * @example 2400000.00
       */
      difference: string | null;
      /** @enum {string} */
      status: 'reconciled' | 'unreconciled' | 'no-statement';
      statement: {
        /** Format: uuid */
        id: string;
        reference: string;
        openingDate: string;
        closingDate: string;
      } | null;
      matched: {
        lines: number;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        credits: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        debits: string;
      };
      unmatchedBank: {
        lineId: string;
        bookingDate: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        /** @enum {string} */
        direction: 'credit' | 'debit';
        counterparty: string;
        remittance: string;
        ageDays: number;
        proposal: {
          kind: string;
          counterAccount: string;
        } | null;
      }[];
      unmatchedLedger: {
        entryId: string;
        kind: string;
        date: string;
        /**
         * @description Decimal string with exactly the currency minor-unit digits
         * @example 2400000.00
         */
        amount: string;
        memo: string;
        ageDays: number;
      }[];
      chain: {
        ok: boolean;
        unsealed: number;
        lastEntry: {
          id: string;
          sealSeq: string;
          hash: string;
        } | null;
      };
    };
    Document: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      applicationId: string;
      /**
       * @description As the rule files name it
       * @example toma-de-nota
       */
      type: string;
      note: string;
      /** @description The step of the application it belongs to, if any (a refund is its ledger entry id) */
      subject: {
        /** @enum {string} */
        kind: 'tranche' | 'contribution' | 'approval' | 'refund';
        id: string;
      } | null;
      fileName: string;
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
      size: number;
      /** @description SHA-256 of the bytes, hex, computed by the server */
      sha256: string;
      version: number;
      /** Format: uuid */
      supersedes: string | null;
      /** Format: uuid */
      supersededBy: string | null;
      /** @description Neither withdrawn nor superseded: it counts for the steps */
      current: boolean;
      withdrawal: {
        reason: string;
        /** Format: uuid */
        organisationId: string;
        /** Format: date-time */
        at: string;
      } | null;
      /**
       * Format: uuid
       * @description Who uploaded it
       */
      organisationId: string;
      /** Format: date-time */
      uploadedAt: string;
    };
    /** @description A document the rules require of the application */
    DocumentChecklistItem: {
      /** @example toma-de-nota */
      type: string;
      /** @example 3x1-5 */
      rule: string;
      /** @enum {string} */
      step: 'filing' | 'approval' | 'tranche' | 'close';
      /** @enum {string} */
      tranches?: 'first' | 'after-first' | 'each';
      says: string;
      /** @description The current documents of this type */
      documentIds: string[];
      /** @description No current document of the type (filing, approval, close); for a tranche: the next request needs it and every current one is already cited by a standing tranche */
      missing: boolean;
    };
    Event: {
      /**
       * Format: uuid
       * @description Stable: the same event keeps its id in the feed and in every webhook
       */
      id: string;
      /**
       * @example tranche.posted
       * @enum {string}
       */
      type:
        | 'application.filed'
        | 'application.approved'
        | 'application.rejected'
        | 'application.cancelled'
        | 'application.closed'
        | 'application.clawed-back'
        | 'approval.recorded'
        | 'contribution.received'
        | 'tranche.requested'
        | 'tranche.approved'
        | 'tranche.posted'
        | 'tranche.rejected'
        | 'refund.posted'
        | 'hold.expired'
        | 'budget.funded'
        | 'deadline.approaching'
        | 'deadline.missed'
        | 'webhook.disabled';
      /**
       * Format: date-time
       * @description When the change happened, by the workflow clock
       */
      occurredAt: string;
      /** @description The organisations entitled to see it (the administrator and auditors see all) */
      organisationIds: string[];
      /** @description The resources it concerns, by id (docs/events.md lists each type) */
      payload: {
        [key: string]: unknown;
      };
      /** @description Pass as `after` to read the events after this one */
      cursor: string;
    };
    CreatedWebhook: components['schemas']['Webhook'] & {
      /**
       * @description The signing secret (whsec_ + base64), shown once: keep it now.
       * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
       */
      secret: string;
    };
    Webhook: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      /** Format: uri */
      url: string;
      /** @description The event types it receives */
      events: (
        | 'application.filed'
        | 'application.approved'
        | 'application.rejected'
        | 'application.cancelled'
        | 'application.closed'
        | 'application.clawed-back'
        | 'approval.recorded'
        | 'contribution.received'
        | 'tranche.requested'
        | 'tranche.approved'
        | 'tranche.posted'
        | 'tranche.rejected'
        | 'refund.posted'
        | 'hold.expired'
        | 'budget.funded'
        | 'deadline.approaching'
        | 'deadline.missed'
        | 'webhook.disabled'
      )[];
      /** @enum {string} */
      status: 'active' | 'disabled';
      /** Format: date-time */
      disabledAt: string | null;
      disabledReason: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    NewWebhook: {
      /** @example https://bank.example.org/cofund/webhooks */
      url: string;
      events: (
        | 'application.filed'
        | 'application.approved'
        | 'application.rejected'
        | 'application.cancelled'
        | 'application.closed'
        | 'application.clawed-back'
        | 'approval.recorded'
        | 'contribution.received'
        | 'tranche.requested'
        | 'tranche.approved'
        | 'tranche.posted'
        | 'tranche.rejected'
        | 'refund.posted'
        | 'hold.expired'
        | 'budget.funded'
        | 'deadline.approaching'
        | 'deadline.missed'
        | 'webhook.disabled'
      )[];
      /**
       * Format: uuid
       * @description Whose webhook: the key's own organisation when omitted; the administrator must name one
       */
      organisationId?: string;
    };
    WebhookDelivery: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      webhookId: string;
      /**
       * Format: uuid
       * @description Also the webhook-id header of every attempt
       */
      eventId: string;
      /** @enum {string} */
      eventType:
        | 'application.filed'
        | 'application.approved'
        | 'application.rejected'
        | 'application.cancelled'
        | 'application.closed'
        | 'application.clawed-back'
        | 'approval.recorded'
        | 'contribution.received'
        | 'tranche.requested'
        | 'tranche.approved'
        | 'tranche.posted'
        | 'tranche.rejected'
        | 'refund.posted'
        | 'hold.expired'
        | 'budget.funded'
        | 'deadline.approaching'
        | 'deadline.missed'
        | 'webhook.disabled';
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'failed';
      /** @description Attempts in the current schedule (a replay starts a new one) */
      attempts: number;
      /** Format: date-time */
      nextAttemptAt: string | null;
      /** Format: date-time */
      deliveredAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    WebhookDeliveryWithAttempts: components['schemas']['WebhookDelivery'] & {
      attemptLog: components['schemas']['WebhookAttempt'][];
    };
    WebhookAttempt: {
      /** Format: date-time */
      at: string;
      /** @description Null when no answer came */
      statusCode: number | null;
      latencyMs: number;
      /** @example timeout after 10000 ms */
      error: string | null;
      /** @description The start of the receiver's answer */
      responseExcerpt: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process answers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description Not ready */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  listOrganisations: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Organisation'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createOrganisation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewOrganisation'];
      };
    };
    responses: {
      /** @description Registered */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOrganisation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The organisation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Organisation'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Keys, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ApiKey'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  issueApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewApiKey'];
      };
    };
    responses: {
      /** @description Issued */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedApiKey'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPeople: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description People, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['User'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  invitePerson: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewUser'];
      };
    };
    responses: {
      /** @description Invited */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitedUser'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reissueInvitation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Invited again */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitedUser'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listRuleSets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule sets, by id */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['RuleSetSummary'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getRuleSet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule set */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleSet'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewPlan: {
    parameters: {
      query?: {
        /** @description The language of `localized`; default: the best of Accept-Language, else en. */
        locale?: 'es-MX' | 'fr-MA' | 'en';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApplicationFields'];
      };
    };
    responses: {
      /** @description Eligible: the plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            eligible: true;
            plan: components['schemas']['Plan'];
            localized: components['schemas']['LocalizedPlan'];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields (`errors` names each), or not eligible (`failures` lists every failed rule) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['IneligibleProblem'];
        };
      };
    };
  };
  getAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAccountBalance: {
    parameters: {
      query?: {
        /** @description The instant; now when absent. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        at?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The balance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Balance'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listLedgerEntries: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description Only entries touching this account */
        account?: string;
        /** @description Only entries of this kind (budget, refund, …) */
        kind?: string;
        /** @description Booked at or after this instant ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        from?: string;
        /** @description Booked before this instant ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['JournalEntry'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTrialBalance: {
    parameters: {
      query?: {
        /** @description The instant; now when absent. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        at?: string;
        /** @description Only this programme's accounts */
        programme?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The trial balance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrialBalance'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  verifyLedger: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChainReport'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAuditRecords: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        resourceType?: string;
        resourceId?: string;
        /** @description Recorded at or after this instant ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        from?: string;
        /** @description Recorded before this instant ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AuditRecord'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProgrammes: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description pending: only programmes inviting the caller's organisation to a party it has not answered */
        invitation?: 'pending';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Programme'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createProgramme: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewProgramme'];
      };
    };
    responses: {
      /** @description Opened, with a pool per public party */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Programme'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProgramme: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The programme */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Programme'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  fundBudget: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewBudget'];
      };
    };
    responses: {
      /** @description Funded: one ledger entry, pool <- source */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetFunded'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  acceptParty: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        party: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PartyAcceptance'];
      };
    };
    responses: {
      /** @description The programme, with the party as it now stands */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Programme'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  declineParty: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        party: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PartyRefusal'];
      };
    };
    responses: {
      /** @description The programme, with the party as it now stands */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Programme'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  inviteParty: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        party: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PartyInvitation'];
      };
    };
    responses: {
      /** @description The programme, with the party as it now stands */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Programme'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProgrammeCodes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By code */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ReservedProgrammeCode'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  reserveProgrammeCode: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @example 3x1-zac-2026 */
          code: string;
        };
      };
    };
    responses: {
      /** @description Reserved */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReservedProgrammeCode'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  fileApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApplicationFields'] & unknown;
      };
    };
    responses: {
      /** @description Filed */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApplications: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        programme?: string;
        status?: 'filed' | 'approved' | 'rejected' | 'cancelled' | 'closed';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              programmeId: string;
              /** Format: uuid */
              applicantId: string;
              applicantParty: string;
              /** @enum {string} */
              status: 'filed' | 'approved' | 'rejected' | 'cancelled' | 'closed';
              title: string;
              /** @description The application as filed */
              fields: {
                [key: string]: unknown;
              };
              /** @description The co-funding plan, with rule version, file hash and trace (contract "A plan") */
              plan: {
                [key: string]: unknown;
              };
              ruleVersion: string;
              ruleHash: string;
              /**
               * @description Decimal string with exactly the currency minor-unit digits
               * @example 2400000.00
               */
              total: string;
              currency: string;
              /** Format: date-time */
              filedAt: string;
              /** Format: date-time */
              approvedAt: string | null;
              outcome: {
                [key: string]: unknown;
              } | null;
              /** Format: date-time */
              endedAt: string | null;
              /** @description Grows with every change */
              version: number;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The application */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listApplicationAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accounts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AccountSummary'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideApplication: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Decision'];
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  recordContribution: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewContribution'];
      };
    };
    responses: {
      /** @description Done */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  refundApplication: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewRefund'];
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelApplication: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeApplication: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason?: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  clawBackApplication: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Application'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  requestTranche: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewTranche'];
      };
    };
    responses: {
      /** @description Done */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tranche'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTranche: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tranche */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tranche'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  decideTranche: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {string} */
          decision: 'approve' | 'reject';
          comment?: string;
          /** @example federal */
          party?: string;
        };
      };
    };
    responses: {
      /** @description Done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Tranche'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getAccountStatement: {
    parameters: {
      query?: {
        /** @description Booked at or after this instant; default: when the account, application or programme was opened. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        from?: string;
        /** @description Booked before this instant (excluded); default: now. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        to?: string;
        /** @description Language and number format of the PDF. Default by currency: MXN es-MX, MAD fr-MA, otherwise en. */
        locale?: 'es-MX' | 'fr-MA' | 'en';
      };
      header?: never;
      path: {
        id: string;
        /** @description The file extension: the format */
        format: 'pdf' | 'csv' | 'json';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement. Streamed; `Content-Disposition` names the file. */
      200: {
        headers: {
          /** @description attachment; filename="…" */
          'Content-Disposition'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'text/csv': string;
          'application/json': components['schemas']['StatementDocument'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too large to render inside a Cloudflare Worker (CPU limit): ask the Node runtime, or a shorter period. Never on Node. */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getApplicationStatement: {
    parameters: {
      query?: {
        /** @description Booked at or after this instant; default: when the account, application or programme was opened. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        from?: string;
        /** @description Booked before this instant (excluded); default: now. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        to?: string;
        /** @description Language and number format of the PDF. Default by currency: MXN es-MX, MAD fr-MA, otherwise en. */
        locale?: 'es-MX' | 'fr-MA' | 'en';
      };
      header?: never;
      path: {
        id: string;
        /** @description The file extension: the format */
        format: 'pdf' | 'csv' | 'json';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement. Streamed; `Content-Disposition` names the file. */
      200: {
        headers: {
          /** @description attachment; filename="…" */
          'Content-Disposition'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'text/csv': string;
          'application/json': components['schemas']['StatementDocument'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too large to render inside a Cloudflare Worker (CPU limit): ask the Node runtime, or a shorter period. Never on Node. */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProgrammeStatement: {
    parameters: {
      query?: {
        /** @description Booked at or after this instant; default: when the account, application or programme was opened. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        from?: string;
        /** @description Booked before this instant (excluded); default: now. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        to?: string;
        /** @description Language and number format of the PDF. Default by currency: MXN es-MX, MAD fr-MA, otherwise en. */
        locale?: 'es-MX' | 'fr-MA' | 'en';
      };
      header?: never;
      path: {
        id: string;
        /** @description The file extension: the format */
        format: 'pdf' | 'csv' | 'json';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The statement. Streamed; `Content-Disposition` names the file. */
      200: {
        headers: {
          /** @description attachment; filename="…" */
          'Content-Disposition'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'text/csv': string;
          'application/json': components['schemas']['StatementDocument'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too large to render inside a Cloudflare Worker (CPU limit): ask the Node runtime, or a shorter period. Never on Node. */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTrialBalanceDocument: {
    parameters: {
      query: {
        /** @description The programme whose accounts to list */
        programme: string;
        /** @description The instant (booking time); now when absent. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        at?: string;
        /** @description Language and number format of the PDF. Default by currency: MXN es-MX, MAD fr-MA, otherwise en. */
        locale?: 'es-MX' | 'fr-MA' | 'en';
      };
      header?: never;
      path: {
        /** @description The file extension: the format */
        format: 'pdf' | 'csv' | 'json';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The trial balance. Streamed; `Content-Disposition` names the file. */
      200: {
        headers: {
          /** @description attachment; filename="…" */
          'Content-Disposition'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'text/csv': string;
          'application/json': components['schemas']['TrialBalanceDocument'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDecisionLetter: {
    parameters: {
      query?: {
        /** @description Language and number format of the PDF. Default by currency: MXN es-MX, MAD fr-MA, otherwise en. */
        locale?: 'es-MX' | 'fr-MA' | 'en';
      };
      header?: never;
      path: {
        id: string;
        /** @description The file extension: the format */
        format: 'pdf' | 'json';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The letter; `Content-Disposition` names the file. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerBankAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          ledgerAccountId: string;
          /** @example MA64011519000001205000534921 */
          iban?: string;
          /** @example 032180000118359719 */
          clabe?: string;
          number?: string;
          bank: string;
          /** @example MXN */
          currency: string;
          /** @description Default: the ledger account's name */
          holder?: string;
        };
      };
    };
    responses: {
      /** @description The bank account */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BankAccount'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getBankAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bank account */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BankAccount'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listProgrammeBankAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['BankAccount'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createBankCsvMapping: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          bank: string;
          name: string;
          /**
           * @example {
           *       "delimiter": ";",
           *       "decimal": ",",
           *       "dateFormat": "DD/MM/YYYY",
           *       "columns": {
           *         "bookingDate": "Fecha",
           *         "amount": "Importe",
           *         "balance": "Saldo",
           *         "remittance": "Concepto"
           *       }
           *     }
           */
          mapping: {
            /** @enum {string} */
            delimiter?: ',' | ';' | '\t';
            /** @enum {string} */
            decimal?: '.' | ',';
            /** @enum {string} */
            dateFormat?: 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY';
            columns: {
              [key: string]: string;
            };
          };
        };
      };
    };
    responses: {
      /** @description The saved mapping */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            bank: string;
            name: string;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  importBankStatement: {
    parameters: {
      query?: {
        /** @description CSV only: the saved mapping */
        mapping?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/xml': string;
        'text/plain': string;
        'text/csv': string;
      };
    };
    responses: {
      /** @description This very file was imported before: that import */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BankStatementImport'];
        };
      };
      /** @description Imported */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BankStatementImport'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not a statement media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rematchBankAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Lines matched by this run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            matched: number;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listOpenItems: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Open items */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BankOpenItems'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  matchBankLines: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
          lines: string[];
          entries: string[];
        };
      };
    };
    responses: {
      /** @description The match */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  undoBankMatch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        matchId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Undone */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @enum {boolean} */
            undone: true;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postProposedEntry: {
    parameters: {
      query?: never;
      header: {
        /** @description Required on every request that moves money; a repeat with the same key and body returns the first response. */
        'idempotency-key': string;
      };
      path: {
        id: string;
        lineId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Posted and matched */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entryId: string;
            /** Format: uuid */
            matchId: string;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReconciliation: {
    parameters: {
      query?: {
        /** @description The instant to reconcile at; now when absent. Not in the future. ISO-8601 with a time zone (Z or an offset, its + escaped as %2B); a bare date is refused. */
        at?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The reconciliation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BankReconciliation'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listDocuments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Documents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Document'][];
            /** @description The plan's documents, in plan order */
            required: components['schemas']['DocumentChecklistItem'][];
            /** @description Those of `required` that are missing */
            missing: components['schemas']['DocumentChecklistItem'][];
            /** @description The programme's requireDocuments: whether a step is refused while its documents are missing */
            enforced: boolean;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /**
           * Format: binary
           * @description The document itself, streamed
           */
          file: string;
          /** @example toma-de-nota */
          type: string;
          note?: string;
          /**
           * Format: uuid
           * @description The current version this one replaces
           */
          supersedes?: string;
          /** Format: uuid */
          trancheId?: string;
          /** Format: uuid */
          contributionId?: string;
          /** Format: uuid */
          approvalId?: string;
          /** @description Ledger entry id of the refund */
          refundEntryId?: string;
        };
      };
    };
    responses: {
      /** @description Stored */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Document'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Larger than the document limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not multipart/form-data, or a file that is not a PDF, PNG or JPEG */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No document store on this server */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'image/png': string;
          'image/jpeg': string;
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Larger than the document limit */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not multipart/form-data, or a file that is not a PDF, PNG or JPEG */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No document store on this server */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getDocumentMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Document'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  withdrawDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Withdrawn */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Document'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEvents: {
    parameters: {
      query?: {
        /** @description The cursor of the last event already read */
        after?: string;
        type?:
          | 'application.filed'
          | 'application.approved'
          | 'application.rejected'
          | 'application.cancelled'
          | 'application.closed'
          | 'application.clawed-back'
          | 'approval.recorded'
          | 'contribution.received'
          | 'tranche.requested'
          | 'tranche.approved'
          | 'tranche.posted'
          | 'tranche.rejected'
          | 'refund.posted'
          | 'hold.expired'
          | 'budget.funded'
          | 'deadline.approaching'
          | 'deadline.missed'
          | 'webhook.disabled';
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Event'][];
            /** @description Null only while the caller has seen no event */
            nextCursor: string | null;
            /** @description Whether more events wait after nextCursor now */
            hasMore: boolean;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query?: {
        organisationId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Webhooks, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Webhook'][];
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewWebhook'];
      };
    };
    responses: {
      /** @description Subscribed */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedWebhook'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The webhook */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  enableWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The webhook as it now is */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  disableWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The webhook as it now is */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Webhook'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WebhookDelivery'][];
            nextCursor: string | null;
          };
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryWithAttempts'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  replayWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Due now */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryWithAttempts'];
        };
      };
      /** @description Malformed request */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing, unknown or revoked API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The key is not allowed to do this */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found (or not visible to this key) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Invalid fields; `errors` names each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
