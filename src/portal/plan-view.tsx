import type { Context } from 'hono';
import { formatAmount, formatPercent, type Locale } from '../i18n';
import { fallbackNotice, localizePlan, textIn, type Plan, type RuleCatalog } from '../rules';
import type { PortalEnv } from './env';
import { TableFrame } from './layout';

/*
 * A plan as its reader reads it: shares, tranches and the rules' trace, with party names, milestones
 * and the trace's sentences in the reader's language (src/rules/localize.ts, as the decision letter
 * does). A rule file without that translation is shown in its own language, and the page says so.
 */

const en = {
  shares: 'Shares',
  party: 'Party',
  funding: 'Money from',
  fundings: { budget: 'Public pool', contribution: 'Own money', credit: 'Bank credit' } as Record<string, string>,
  percent: 'Share',
  amount: 'Amount',
  capped: 'capped',
  tranches: 'Tranches',
  milestone: 'Milestone',
  approvers: 'Approved by',
  trace: 'How the rules decided',
  rule: 'Rule',
  says: 'What it says',
  projectType: 'Project type',
  ruleSet: 'Rules',
};
type PlanViewTexts = typeof en;
const TEXTS: Record<Locale, PlanViewTexts> = {
  en,
  'es-MX': {
    shares: 'Aportaciones',
    party: 'Parte',
    funding: 'Origen del dinero',
    fundings: { budget: 'Bolsa pública', contribution: 'Recursos propios', credit: 'Crédito bancario' },
    percent: 'Porcentaje',
    amount: 'Monto',
    capped: 'con tope',
    tranches: 'Ministraciones',
    milestone: 'Hito',
    approvers: 'Aprueban',
    trace: 'Cómo decidieron las reglas',
    rule: 'Regla',
    says: 'Qué dice',
    projectType: 'Tipo de proyecto',
    ruleSet: 'Reglas',
  },
  'fr-MA': {
    shares: 'Parts',
    party: 'Partie',
    funding: 'Origine des fonds',
    fundings: { budget: 'Enveloppe publique', contribution: 'Fonds propres', credit: 'Crédit bancaire' },
    percent: 'Part',
    amount: 'Montant',
    capped: 'plafonnée',
    tranches: 'Tranches',
    milestone: 'Étape',
    approvers: 'Approuvée par',
    trace: 'Comment les règles ont décidé',
    rule: 'Règle',
    says: 'Ce qu’elle dit',
    projectType: 'Type de projet',
    ruleSet: 'Règles',
  },
};

/** The plan's shares, tranches and trace; `id` keeps headings unique when a page shows more than one. */
export function PlanView(props: { c: Context<PortalEnv>; plan: Plan; id?: string }) {
  const { plan } = props;
  const locale = props.c.var.locale;
  const t = TEXTS[locale];
  const localized = localizePlan(plan, locale);
  const notice = fallbackNotice(localized);
  const party = (id: string) => localized.parties[id] ?? id;
  const money = (amount: string) => formatAmount(amount, plan.currency, locale, { withSymbol: true });
  const id = props.id ?? 'plan';
  return (
    <div class="plan">
      {notice ? (
        <p class="notice" lang={locale}>
          {notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t.ruleSet}</dt>
        <dd>{`${localized.ruleSet} (${plan.ruleVersion})`}</dd>
        <dt>{t.projectType}</dt>
        <dd>{localized.projectType}</dd>
      </dl>
      <TableFrame label={t.shares}>
        <table aria-labelledby={`${id}-shares`}>
          <caption id={`${id}-shares`}>{t.shares}</caption>
          <thead>
            <tr>
              <th scope="col">{t.party}</th>
              <th scope="col">{t.funding}</th>
              <th scope="col" class="num">
                {t.percent}
              </th>
              <th scope="col" class="num">
                {t.amount}
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.shares.map((share) => (
              <tr>
                <th scope="row">{party(share.party)}</th>
                <td>{t.fundings[share.funding] ?? share.funding}</td>
                <td class="num">{`${formatPercent(share.percent, locale)}${share.capped ? ` (${t.capped})` : ''}`}</td>
                <td class="num">{money(share.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      {plan.tranches.length > 0 ? (
        <TableFrame label={t.tranches}>
          <table aria-labelledby={`${id}-tranches`}>
            <caption id={`${id}-tranches`}>{t.tranches}</caption>
            <thead>
              <tr>
                <th scope="col">{t.milestone}</th>
                <th scope="col" class="num">
                  {t.percent}
                </th>
                <th scope="col" class="num">
                  {t.amount}
                </th>
                <th scope="col">{t.approvers}</th>
              </tr>
            </thead>
            <tbody>
              {plan.tranches.map((tranche, index) => (
                <tr>
                  <th scope="row">{localized.milestones[index] ?? tranche.milestone}</th>
                  <td class="num">{formatPercent(tranche.percent, locale)}</td>
                  <td class="num">{money(tranche.amount)}</td>
                  <td>{tranche.approvers.map(party).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}
      <h3 id={`${id}-trace`}>{t.trace}</h3>
      <ol class="trace" aria-labelledby={`${id}-trace`}>
        {localized.trace.map((step) => (
          <li>
            <code>{step.rule}</code> {step.text}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Above a list of several plans' names: which rule files lack the reader's language, once each. */
export function FallbackNotices(props: { c: Context<PortalEnv>; plans: Plan[] }) {
  const notices = new Set(props.plans.map((plan) => fallbackNotice(localizePlan(plan, props.c.var.locale))));
  notices.delete(null);
  return (
    <>
      {[...notices].map((notice) => (
        <p class="notice">{notice}</p>
      ))}
    </>
  );
}

/** A party's name in the reader's language, from the plan's rule texts. */
export const partyName = (plan: Plan, locale: Locale, party: string) =>
  localizePlan(plan, locale).parties[party] ?? party;

/**
 * A tranche's milestone in the reader's language. The applicant types it when asking; when it is
 * one of the plan's milestones word for word, the rule file's translation is shown.
 */
export function milestoneName(plan: Plan, locale: Locale, milestone: string) {
  const index = plan.tranches.findIndex((tranche) => tranche.milestone === milestone);
  return index === -1 ? milestone : (localizePlan(plan, locale).milestones[index] ?? milestone);
}

/**
 * A party's name in the reader's language where no plan is at hand (a programme's pools): from the
 * newest version of the rule set that names it, in its own language when it lacks the translation.
 */
export function ruleSetPartyName(rules: RuleCatalog, ruleSetId: string, locale: Locale, party: string) {
  for (const version of [...rules.get(ruleSetId).versions].reverse()) {
    const text = version.texts.get(`parties.${party}.name`);
    if (text) return textIn(text, locale, version.language);
  }
  return party;
}
