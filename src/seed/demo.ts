/**
 * The demo: one programme of each shipped rule set, its organisations and API keys, funded pools
 * and projects at every stage, so that a newcomer can click through /docs at once.
 *
 * Everything goes through the API itself (an in-process app, the administrator token known only to
 * this run), called with the generated client integrators use (clients/typescript), so the demo's
 * books are what real requests write: validation, audit log, ledger. The
 * whole seed runs in one database transaction: it happens completely or not at all. A programme
 * whose code already exists is left alone, so running the seed again changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import {
  type CofundClient,
  CofundProblemError,
  createCofundClient,
  type RequestBody,
  type Schema,
  unwrap,
} from '../../clients/typescript/src/index';
import { createApp } from '../api/app';
import type { Database } from '../db';
import { organisations } from '../db/schema';
import { sealPending } from '../ledger';
import { programmeByCode } from '../programmes/service';
import type { RuleCatalog } from '../rules';

export interface SeedOptions {
  /** The time the requests are made at (defaults to now). */
  now?: () => Date;
}

export interface SeededKey {
  organisation: string;
  organisationId: string;
  role: string;
  key: string;
}

export interface SeededApplication {
  programme: string;
  id: string;
  title: string;
  status: string;
  /** What a visitor can do with it next. */
  next: string;
  /** A tranche waiting for approvals, if any. */
  waitingTranche?: string;
}

export interface SeedResult {
  programmes: Array<{ code: string; name: string; ruleSet: string; id: string; created: boolean }>;
  organisations: Array<{ id: string; name: string; kind: string }>;
  /** Keys issued by this run: shown once, stored only as hashes. Empty when nothing was seeded. */
  keys: SeededKey[];
  applications: SeededApplication[];
}

type Kind = 'association' | 'investor' | 'government' | 'bank' | 'auditor';
interface OrganisationSpec {
  name: string;
  kind: Kind;
  roles: Array<RequestBody<'issueApiKey'>['role']>;
}

const ORGANISATIONS = {
  club: { name: 'Club Zacatecano de Los Ángeles', kind: 'association', roles: ['applicant'] },
  bienestar: { name: 'Secretaría de Bienestar', kind: 'government', roles: ['approver', 'programme_admin'] },
  zacatecas: { name: 'Gobierno del Estado de Zacatecas', kind: 'government', roles: ['approver', 'programme_admin'] },
  jerez: { name: 'Municipio de Jerez', kind: 'government', roles: ['approver', 'programme_admin'] },
  investor: { name: 'Youssef El Amrani (MRE, Madrid)', kind: 'investor', roles: ['applicant'] },
  tamwilcom: { name: 'Tamwilcom (MDM Invest grant)', kind: 'government', roles: ['approver', 'programme_admin'] },
  bank: { name: 'Banque Populaire', kind: 'bank', roles: ['approver', 'programme_admin'] },
  entrepreneur: { name: 'Amara Okafor (Houston)', kind: 'investor', roles: ['applicant'] },
  adm: {
    name: 'African Diaspora Marketplace (USAID / Western Union)',
    kind: 'government',
    roles: ['approver', 'programme_admin'],
  },
  auditor: { name: 'Auditoría Superior de la Federación', kind: 'auditor', roles: ['auditor'] },
} satisfies Record<string, OrganisationSpec>;
type OrgName = keyof typeof ORGANISATIONS;

/** The demo programmes, by code: what the seed looks for to know it has run. */
export const DEMO_PROGRAMMES = {
  'demo-tres-por-uno': { name: 'Tres por Uno, Zacatecas (demo)', ruleSet: 'tres-por-uno', currency: 'MXN' },
  'demo-zacatecas-2x1': { name: 'Programa 2x1 de Zacatecas (demo)', ruleSet: 'zacatecas-2x1', currency: 'MXN' },
  'demo-mdm-invest': { name: 'MDM Invest (demo)', ruleSet: 'mdm-invest', currency: 'MAD' },
  'demo-adm': { name: 'African Diaspora Marketplace (demo)', ruleSet: 'african-diaspora-marketplace', currency: 'USD' },
} as const;
type ProgrammeCode = keyof typeof DEMO_PROGRAMMES;

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

export async function seedDemo(db: Database, rules: RuleCatalog, options: SeedOptions = {}): Promise<SeedResult> {
  const missing = new Set<ProgrammeCode>();
  const result: SeedResult = { programmes: [], organisations: [], keys: [], applications: [] };
  for (const code of Object.keys(DEMO_PROGRAMMES) as ProgrammeCode[]) {
    const existing = await programmeByCode(db, code);
    if (existing)
      result.programmes.push({ code, name: existing.name, ruleSet: existing.ruleSet, id: existing.id, created: false });
    else missing.add(code);
  }
  for (const spec of Object.values(ORGANISATIONS)) {
    const [found] = await db
      .select()
      .from(organisations)
      .where(and(eq(organisations.name, spec.name), eq(organisations.kind, spec.kind)));
    if (found) result.organisations.push({ id: found.id, name: found.name, kind: found.kind });
  }
  if (missing.size === 0) return result;

  await db.transaction(async (tx) => {
    const adminToken = `cfa_seed_${crypto.randomUUID()}`;
    const app = createApp({
      // Every request of the seed runs inside this one transaction (each as a savepoint).
      database: { open: () => ({ db: tx as unknown as Database, release: () => {} }) },
      rules,
      adminToken,
      ...(options.now ? { clock: options.now } : {}),
    });
    const api = new DemoApi(app, adminToken);
    const orgs = new Organisations(api, tx as unknown as Database, result);

    if (missing.has('demo-tres-por-uno')) await tresPorUno(api, orgs, result, options.now?.() ?? new Date());
    if (missing.has('demo-zacatecas-2x1')) await zacatecas2x1(api, orgs, result);
    if (missing.has('demo-mdm-invest')) await mdmInvest(api, orgs, result);
    if (missing.has('demo-adm')) await africanDiasporaMarketplace(api, orgs, result);
    // Whoever wants to read the books gets a key too.
    await orgs.use('auditor');
  });
  await sealPending(db);
  return result;
}

type App = ReturnType<typeof createApp>;

/** The generated client over the in-process app; anything but success stops the seed (and rolls it back). */
class DemoApi {
  constructor(
    private readonly app: App,
    readonly adminToken: string,
  ) {}

  /** The client with `token` as its key; its money-moving calls carry an Idempotency-Key each. */
  as(token: string): CofundClient {
    return createCofundClient({
      baseUrl: 'http://localhost',
      apiKey: token,
      fetch: async (request) => this.app.request(request),
    });
  }

  get admin(): CofundClient {
    return this.as(this.adminToken);
  }
}

/** The body of a call that succeeded; a SeedError with the API's problem otherwise. */
function ok<Data>(answer: { data?: Data; error?: unknown; response: Response }): Data {
  try {
    return unwrap(answer);
  } catch (error) {
    if (!(error instanceof CofundProblemError)) throw error;
    const errors = error.problem.errors ? JSON.stringify(error.problem.errors) : '';
    throw new SeedError(`the API answered ${error.message} ${errors}`.trim());
  }
}

/** The demo's organisations: found by name and kind, or registered; keys issued once per run for each used. */
class Organisations {
  private readonly ids = new Map<OrgName, string>();
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly api: DemoApi,
    private readonly db: Database,
    private readonly result: SeedResult,
  ) {}

  async use(name: OrgName): Promise<string> {
    const known = this.ids.get(name);
    if (known) return known;
    const spec: OrganisationSpec = ORGANISATIONS[name];
    const [found] = await this.db
      .select()
      .from(organisations)
      .where(and(eq(organisations.name, spec.name), eq(organisations.kind, spec.kind)));
    const id =
      found?.id ??
      ok(await this.api.admin.POST('/v1/organisations', { body: { name: spec.name, kind: spec.kind } })).id;
    if (!found) this.result.organisations.push({ id, name: spec.name, kind: spec.kind });
    for (const role of spec.roles) {
      const issued = ok(
        await this.api.admin.POST('/v1/organisations/{id}/api-keys', {
          params: { path: { id } },
          body: { role, label: 'demo' },
        }),
      );
      this.keys.set(`${name}:${role}`, issued.key);
      this.result.keys.push({ organisation: spec.name, organisationId: id, role, key: issued.key });
    }
    this.ids.set(name, id);
    return id;
  }

  /** The key of one of the organisation's roles. */
  async key(name: OrgName, role: string): Promise<string> {
    await this.use(name);
    const key = this.keys.get(`${name}:${role}`);
    if (!key) throw new SeedError(`${ORGANISATIONS[name].name} holds no ${role} key`);
    return key;
  }
}

async function openProgramme(
  api: DemoApi,
  orgs: Organisations,
  result: SeedResult,
  code: ProgrammeCode,
  parties: Record<string, OrgName>,
) {
  const spec = DEMO_PROGRAMMES[code];
  const bound: Record<string, string> = {};
  for (const [party, org] of Object.entries(parties)) bound[party] = await orgs.use(org);
  const programme = ok(
    await api.admin.POST('/v1/programmes', {
      body: { code, name: spec.name, ruleSet: spec.ruleSet, currency: spec.currency, parties: bound },
    }),
  );
  // Each organisation binds itself to its party: until it accepts, no money moves in its name.
  for (const [party, org] of Object.entries(parties)) {
    ok(
      await api.as(await orgs.key(org, 'programme_admin')).POST('/v1/programmes/{id}/parties/{party}/acceptance', {
        params: { path: { id: programme.id, party } },
        body: { comment: 'demo: convenio firmado' },
      }),
    );
  }
  result.programmes.push({ code, name: spec.name, ruleSet: spec.ruleSet, id: programme.id, created: true });
  return programme.id;
}

/** Moves a project through the steps every demo shares. */
class Project {
  constructor(
    private readonly api: DemoApi,
    private readonly orgs: Organisations,
    readonly programme: ProgrammeCode,
    readonly id: string,
    readonly title: string,
    private readonly applicant: OrgName,
  ) {}

  /** The application, as the operations' path parameters. */
  private get path() {
    return { path: { id: this.id } };
  }

  static async file(
    api: DemoApi,
    orgs: Organisations,
    programme: ProgrammeCode,
    programmeId: string,
    applicant: OrgName,
    fields: RequestBody<'fileApplication'> & { title: string },
  ) {
    const filed = ok(
      await api.as(await orgs.key(applicant, 'applicant')).POST('/v1/programmes/{id}/applications', {
        params: { path: { id: programmeId } },
        body: fields,
      }),
    );
    return new Project(api, orgs, programme, filed.id, fields.title, applicant);
  }

  async approve(...by: OrgName[]) {
    for (const org of by)
      ok(
        await this.api.as(await this.orgs.key(org, 'approver')).POST('/v1/applications/{id}/approvals', {
          params: this.path,
          body: { decision: 'approve', comment: 'demo' },
        }),
      );
  }

  /** Money paid in by the applicant (its key) or by a bank (its approver key). */
  async contribute(by: OrgName, contribution: Schema<'NewContribution'>) {
    const key = by === this.applicant ? await this.orgs.key(by, 'applicant') : await this.orgs.key(by, 'approver');
    ok(await this.api.as(key).POST('/v1/applications/{id}/contributions', { params: this.path, body: contribution }));
  }

  async requestTranche(amount: string, milestone: string, evidence: string): Promise<string> {
    const tranche = ok(
      await this.api.as(await this.orgs.key(this.applicant, 'applicant')).POST('/v1/applications/{id}/tranches', {
        params: this.path,
        body: { amount, milestone, evidence: [{ name: evidence }] },
      }),
    );
    return tranche.id;
  }

  async approveTranche(trancheId: string, ...by: OrgName[]) {
    for (const org of by)
      ok(
        await this.api.as(await this.orgs.key(org, 'approver')).POST('/v1/tranches/{id}/approvals', {
          params: { path: { id: trancheId } },
          body: { decision: 'approve' },
        }),
      );
  }

  async close(by: OrgName, reason: string) {
    ok(
      await this.api.as(await this.orgs.key(by, 'programme_admin')).POST('/v1/applications/{id}/close', {
        params: this.path,
        body: { reason },
      }),
    );
  }

  async describe(result: SeedResult, next: string) {
    const view = ok(await this.api.admin.GET('/v1/applications/{id}', { params: this.path }));
    const waiting = view.tranches.find((tranche) => tranche.status === 'requested');
    result.applications.push({
      programme: this.programme,
      id: this.id,
      title: this.title,
      status: view.status,
      next,
      ...(waiting ? { waitingTranche: waiting.id } : {}),
    });
  }
}

const fund = async (
  api: DemoApi,
  orgs: Organisations,
  programmeId: string,
  budgets: Array<[party: string, org: OrgName, amount: string]>,
) => {
  for (const [party, org, amount] of budgets) {
    ok(
      await api.as(await orgs.key(org, 'programme_admin')).POST('/v1/programmes/{id}/budgets', {
        params: { path: { id: programmeId } },
        body: { party, amount, memo: 'demo budget' },
      }),
    );
  }
};

/**
 * Tres por Uno (historical: the 2013 rules judge projects filed 2013-2018). The club's Toma de Nota
 * must be valid at filing and when the last approval signs the agreement (3x1-5): today.
 */
async function tresPorUno(api: DemoApi, orgs: Organisations, result: SeedResult, now: Date) {
  const code = 'demo-tres-por-uno';
  const programmeId = await openProgramme(api, orgs, result, code, {
    federal: 'bienestar',
    state: 'zacatecas',
    municipal: 'jerez',
  });
  await fund(api, orgs, programmeId, [
    ['federal', 'bienestar', '10000000.00'],
    ['state', 'zacatecas', '10000000.00'],
    ['municipal', 'jerez', '10000000.00'],
  ]);
  const validTo = `${now.getUTCFullYear() + 1}-12-31`;
  const infrastructure = (title: string, totalCost: string, filedAt: string) => ({
    projectType: 'infrastructure',
    title,
    totalCost,
    currency: 'MXN',
    location: 'Jerez, Zacatecas',
    filedAt,
    registration: { validFrom: '2013-06-01', validTo },
  });
  const governments: OrgName[] = ['bienestar', 'zacatecas', 'jerez'];

  // Closed: four shares of 600,000.00; the club paid part in dollars; two tranches; handed over.
  const street = await Project.file(
    api,
    orgs,
    code,
    programmeId,
    'club',
    infrastructure('Pavimentación de la calle Hidalgo', '2400000.00', '2014-03-03'),
  );
  await street.approve(...governments);
  await street.contribute('club', { party: 'club', amount: '40000.00', currency: 'USD', fxRate: '12.9500' });
  await street.contribute('club', { party: 'club', amount: '82000.00' });
  for (const [amount, milestone] of [
    ['1200000.00', 'Convenio de Concertación firmado'],
    ['1200000.00', 'Acta de entrega-recepción'],
  ] as const) {
    await street.approveTranche(await street.requestTranche(amount, milestone, `${milestone}.pdf`), ...governments);
  }
  await street.close('bienestar', 'obra entregada');
  await street.describe(result, 'closed: read its accounts and the audit trail');

  // Approved, the first tranche (50%, 3x1-8) paid out.
  const water = await Project.file(
    api,
    orgs,
    code,
    programmeId,
    'club',
    infrastructure('Agua potable para la comunidad de Ermita de los Correa', '1600000.00', '2016-05-10'),
  );
  await water.approve(...governments);
  await water.contribute('club', { party: 'club', amount: '400000.00' });
  await water.approveTranche(
    await water.requestTranche('800000.00', 'Convenio de Concertación firmado', 'convenio.pdf'),
    ...governments,
  );
  await water.describe(
    result,
    'approved, first tranche posted: the club may ask for the second (POST /v1/applications/{id}/tranches)',
  );

  // Filed under the 2013 rules; the federal government approved, the state and the municipality have yet to.
  const school = await Project.file(
    api,
    orgs,
    code,
    programmeId,
    'club',
    infrastructure('Rehabilitación de la escuela primaria Benito Juárez', '900000.00', '2018-02-15'),
  );
  await school.approve('bienestar');
  await school.describe(
    result,
    'filed: the state and the municipality approve it (POST /v1/applications/{id}/approvals), ' +
      'which reserves the public shares',
  );
}

/** Zacatecas 2x1 (in force since 2019): 40% state, 35% municipal, 25% club (Z-1). */
async function zacatecas2x1(api: DemoApi, orgs: Organisations, result: SeedResult) {
  const code = 'demo-zacatecas-2x1';
  const programmeId = await openProgramme(api, orgs, result, code, { state: 'zacatecas', municipal: 'jerez' });
  await fund(api, orgs, programmeId, [
    ['state', 'zacatecas', '5000000.00'],
    ['municipal', 'jerez', '5000000.00'],
  ]);
  const centre = await Project.file(api, orgs, code, programmeId, 'club', {
    projectType: 'infrastructure',
    title: 'Centro comunitario de Jalpa',
    totalCost: '1000000.00',
    currency: 'MXN',
    location: 'Jalpa, Zacatecas',
    registration: { validFrom: '2019-01-15', validTo: '2099-12-31' },
  });
  await centre.approve('zacatecas', 'jerez');
  await centre.contribute('club', { party: 'club', amount: '12500.00', currency: 'USD', fxRate: '17.2000' });
  await centre.contribute('club', { party: 'club', amount: '35000.00' });
  const tranche = await centre.requestTranche('500000.00', 'on signing the co-funding agreement', 'convenio-jalpa.pdf');
  await centre.approveTranche(tranche, 'zacatecas');
  await centre.describe(
    result,
    "approved; its first tranche waits for the municipality's approval (POST /v1/tranches/{id}/approvals), " +
      'which posts it',
  );
}

/** MDM Invest: filed today, so judged by the 2021 revision (M-7): 20% equity, dirhams accepted, 40/30/30 tranches. */
async function mdmInvest(api: DemoApi, orgs: Organisations, result: SeedResult) {
  const code = 'demo-mdm-invest';
  const programmeId = await openProgramme(api, orgs, result, code, { grant: 'tamwilcom', bank: 'bank' });
  await fund(api, orgs, programmeId, [['grant', 'tamwilcom', '20000000.00']]);

  // Investor 2,400,000.00 (20%), grant 1,200,000.00 (10%), bank 8,400,000.00; the first 40% paid out.
  const solar = await Project.file(api, orgs, code, programmeId, 'investor', {
    projectType: 'creation',
    title: 'Centrale solaire de Ouarzazate',
    totalCost: '12000000.00',
    currency: 'MAD',
    sector: 'energy',
    location: 'Ouarzazate',
    investorStatus: 'mre',
  });
  await solar.approve('tamwilcom', 'bank');
  await solar.contribute('investor', { party: 'investor', amount: '200000.00', currency: 'EUR', fxRate: '10.8500' });
  await solar.contribute('investor', { party: 'investor', amount: '230000.00' });
  await solar.contribute('bank', { party: 'bank', amount: '8400000.00' });
  await solar.approveTranche(
    await solar.requestTranche(
      '4800000.00',
      "investor's equity released into the dedicated dirham account",
      'attestation-banque.pdf',
    ),
    'tamwilcom',
    'bank',
  );
  await solar.describe(
    result,
    'approved, first tranche (40%) posted; ' +
      'an M-6 clawback is possible for five years (POST /v1/applications/{id}/clawback)',
  );

  // A 60% stake: the grant is 10% of the investor's quote-part (M-3), 1,800,000.00.
  const depot = await Project.file(api, orgs, code, programmeId, 'investor', {
    projectType: 'creation',
    title: 'Plateforme logistique de Kénitra',
    totalCost: '30000000.00',
    currency: 'MAD',
    sector: 'logistics',
    location: 'Kénitra',
    investorStatus: 'mre',
    investorStakePercent: 60,
  });
  await depot.describe(result, 'filed: Tamwilcom and the bank approve it');
}

/** The African Diaspora Marketplace (historical, 2011-2012 round): a matching grant capped at USD 50,000. */
async function africanDiasporaMarketplace(api: DemoApi, orgs: Organisations, result: SeedResult) {
  const code = 'demo-adm';
  const programmeId = await openProgramme(api, orgs, result, code, { grant: 'adm' });
  await fund(api, orgs, programmeId, [['grant', 'adm', '500000.00']]);
  const bakery = await Project.file(api, orgs, code, programmeId, 'entrepreneur', {
    projectType: 'creation',
    title: 'Bakery and cold chain, Enugu',
    totalCost: '90000.00',
    currency: 'USD',
    filedAt: '2011-09-15',
    applicantResidence: 'US',
    hasLocalPartner: true,
  });
  await bakery.approve('adm');
  await bakery.contribute('entrepreneur', { party: 'entrepreneur', amount: '45000.00' });
  for (const milestone of ['grant agreement signed', 'mid-term milestones verified']) {
    await bakery.approveTranche(await bakery.requestTranche('45000.00', milestone, `${milestone}.pdf`), 'adm');
  }
  await bakery.close('adm', 'completed');
  await bakery.describe(result, 'closed: every dollar matched and paid out');
}
