import type { Locale } from '../i18n';
import type { ApplicationField } from './application';

/*
 * Every sentence the evaluator writes, as data: a message is an id and typed parameters (money,
 * dates, percentages, parties...), and each id has one template per locale with `{name}`
 * placeholders. src/rules/render.ts turns a message into text for a reader, or into the English
 * `says` the API has always returned. Plans are stored with their messages, so an id is never
 * renamed, removed or given other parameters: a new wording is a new id.
 *
 * French templates put a no-break space (\u00a0) before ":" and ";", as French typography wants.
 */

/** A rule file's text in the languages it has: always its own language, and each locale it translates. */
export type LocalizedText = Partial<Record<Locale, string>>;

/** An application field's value, as an eligibility detail shows it. */
export type FieldValueParam =
  | { kind: 'money'; amount: string; currency: string }
  | { kind: 'number'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'flag'; value: boolean }
  | { kind: 'date'; value: string }
  | { kind: 'period'; from: string; to: string };

export interface NamedParam {
  id: string;
  name: LocalizedText;
}

/** What each kind of parameter holds in a stored message (JSON). */
export interface ParamValues {
  /** An amount already rounded to the currency's minor unit. */
  money: { amount: string; currency: string };
  /** Percent units, at most 4 decimals ("25", "22.7273"). */
  percent: string;
  /** A decimal string. */
  number: string;
  /** A whole number. */
  count: number;
  years: number;
  /** A calendar date YYYY-MM-DD. */
  date: string;
  /** Shown as it is: ids, versions, codes. */
  code: string;
  codes: string[];
  field: ApplicationField;
  party: NamedParam;
  parties: NamedParam[];
  projectType: NamedParam;
  /** A text of the rule file. */
  text: LocalizedText;
  value: FieldValueParam;
  message: Message;
  messages: Message[];
}

export type ParamKind = keyof ParamValues;

interface MessageSpec {
  params: Record<string, ParamKind>;
  templates: Record<Locale, string>;
}

const NBSP = '\u00a0';
const inLocales = (en: string, es: string, fr: string) => ({ en, 'es-MX': es, 'fr-MA': fr });

export const MESSAGES = {
  'rule-text': { params: { text: 'text' }, templates: inLocales('{text}', '{text}', '{text}') },
  version: {
    params: { ruleSet: 'text', id: 'code', version: 'code', validFrom: 'date', validTo: 'date', filedOn: 'date' },
    templates: inLocales(
      '{ruleSet} ({id}), version {version}, in force {validFrom} to {validTo}, judges this application filed ' +
        'on {filedOn}',
      '{ruleSet} ({id}), versión {version}, vigente del {validFrom} al {validTo}, juzga esta solicitud ' +
        'presentada el {filedOn}',
      '{ruleSet} ({id}), version {version}, en vigueur du {validFrom} au {validTo}, juge cette demande ' +
        'déposée le {filedOn}',
    ),
  },
  'version.open': {
    params: { ruleSet: 'text', id: 'code', version: 'code', validFrom: 'date', filedOn: 'date' },
    templates: inLocales(
      '{ruleSet} ({id}), version {version}, in force {validFrom} to now, judges this application filed on {filedOn}',
      '{ruleSet} ({id}), versión {version}, vigente desde el {validFrom}, juzga esta solicitud presentada el {filedOn}',
      '{ruleSet} ({id}), version {version}, en vigueur depuis le {validFrom}, juge cette demande déposée le {filedOn}',
    ),
  },
  'in-force': {
    params: { ruleSet: 'text', filedOn: 'date', periods: 'messages' },
    templates: inLocales(
      'no version of {ruleSet} was in force on {filedOn}; its versions: {periods}',
      'ninguna versión de {ruleSet} estaba vigente el {filedOn}; sus versiones: {periods}',
      `aucune version de {ruleSet} n'était en vigueur le {filedOn}${NBSP}; ses versions${NBSP}: {periods}`,
    ),
  },
  'version.period': {
    params: { version: 'code', validFrom: 'date', validTo: 'date' },
    templates: inLocales(
      '{version} ({validFrom} to {validTo})',
      '{version} (del {validFrom} al {validTo})',
      '{version} (du {validFrom} au {validTo})',
    ),
  },
  'version.period.open': {
    params: { version: 'code', validFrom: 'date' },
    templates: inLocales(
      '{version} ({validFrom} to now)',
      '{version} (desde el {validFrom})',
      '{version} (depuis le {validFrom})',
    ),
  },
  'project-type': {
    params: { projectType: 'projectType', total: 'money' },
    templates: inLocales(
      'project type {projectType}, total cost {total}',
      'tipo de proyecto {projectType}, costo total {total}',
      'type de projet {projectType}, coût total {total}',
    ),
  },
  'project-type.described': {
    params: { projectType: 'projectType', description: 'text', total: 'money' },
    templates: inLocales(
      'project type {projectType} ({description}), total cost {total}',
      'tipo de proyecto {projectType} ({description}), costo total {total}',
      'type de projet {projectType} ({description}), coût total {total}',
    ),
  },
  'eligibility.met': {
    params: { requirement: 'text', detail: 'message' },
    templates: inLocales(
      '{requirement}: met ({detail})',
      '{requirement}: se cumple ({detail})',
      `{requirement}${NBSP}: respecté ({detail})`,
    ),
  },
  'eligibility.not-met': {
    params: { requirement: 'text', detail: 'message' },
    templates: inLocales(
      '{requirement}: not met ({detail})',
      '{requirement}: no se cumple ({detail})',
      `{requirement}${NBSP}: non respecté ({detail})`,
    ),
  },
  'detail.not-declared': {
    params: { field: 'field' },
    templates: inLocales('{field} not declared', 'no se declaró {field}', `{field}${NBSP}: non déclaré`),
  },
  'detail.not-given': {
    params: { field: 'field' },
    templates: inLocales('{field} was not given', 'no se indicó {field}', `{field}${NBSP}: non renseigné`),
  },
  'detail.is': {
    params: { field: 'field', value: 'value' },
    templates: inLocales('{field} is {value}', '{field} es {value}', `{field}${NBSP}: {value}`),
  },
  'detail.not-one-of': {
    params: { field: 'field', value: 'value', allowed: 'codes' },
    templates: inLocales(
      '{field} is {value}, not one of {allowed}',
      '{field} es {value}, que no es ninguno de {allowed}',
      `{field}${NBSP}: {value}, qui n'est pas dans la liste {allowed}`,
    ),
  },
  'detail.excluded': {
    params: { field: 'field', value: 'value' },
    templates: inLocales(
      '{field} is {value}, which is excluded',
      '{field} es {value}, que está excluido',
      `{field}${NBSP}: {value}, qui est exclu`,
    ),
  },
  'detail.not-equal': {
    params: { field: 'field', value: 'value', expected: 'value' },
    templates: inLocales(
      '{field} is {value}, not {expected}',
      '{field} es {value}, no {expected}',
      `{field}${NBSP}: {value}, au lieu de {expected}`,
    ),
  },
  'detail.below-min': {
    params: { field: 'field', value: 'value', bound: 'value' },
    templates: inLocales(
      '{field} is {value}, below the minimum {bound}',
      '{field} es {value}, menos que el mínimo de {bound}',
      `{field}${NBSP}: {value}, sous le minimum de {bound}`,
    ),
  },
  'detail.above-max': {
    params: { field: 'field', value: 'value', bound: 'value' },
    templates: inLocales(
      '{field} is {value}, above the maximum {bound}',
      '{field} es {value}, más que el máximo de {bound}',
      `{field}${NBSP}: {value}, au-dessus du maximum de {bound}`,
    ),
  },
  'detail.period-covers': {
    params: { field: 'field', from: 'date', to: 'date', filedOn: 'date' },
    templates: inLocales(
      '{field} runs from {from} to {to}, which covers the filing date {filedOn}',
      '{field} va del {from} al {to}, lo que cubre la fecha de presentación, {filedOn}',
      '{field} court du {from} au {to}, ce qui couvre la date de dépôt, le {filedOn}',
    ),
  },
  'detail.period-not-covers': {
    params: { field: 'field', from: 'date', to: 'date', filedOn: 'date' },
    templates: inLocales(
      '{field} runs from {from} to {to}, which does not cover the filing date {filedOn}',
      '{field} va del {from} al {to}, lo que no cubre la fecha de presentación, {filedOn}',
      '{field} court du {from} au {to}, ce qui ne couvre pas la date de dépôt, le {filedOn}',
    ),
  },
  'detail.after-filing': {
    params: { field: 'field', value: 'value', filedOn: 'date' },
    templates: inLocales(
      '{field} is {value}, after the filing date {filedOn}',
      '{field} es {value}, posterior a la fecha de presentación, {filedOn}',
      `{field}${NBSP}: {value}, après la date de dépôt, le {filedOn}`,
    ),
  },
  'detail.within-years': {
    params: { field: 'field', value: 'value', years: 'years', filedOn: 'date' },
    templates: inLocales(
      '{field} is {value}, within {years} before the filing date {filedOn}',
      '{field} es {value}, dentro de {years} antes de la fecha de presentación, {filedOn}',
      `{field}${NBSP}: {value}, moins de {years} avant la date de dépôt, le {filedOn}`,
    ),
  },
  'detail.more-than-years': {
    params: { field: 'field', value: 'value', years: 'years', filedOn: 'date' },
    templates: inLocales(
      '{field} is {value}, more than {years} before the filing date {filedOn}',
      '{field} es {value}, más de {years} antes de la fecha de presentación, {filedOn}',
      `{field}${NBSP}: {value}, plus de {years} avant la date de dépôt, le {filedOn}`,
    ),
  },
  quantity: {
    params: { quantity: 'text', percent: 'percent', base: 'text', amount: 'money' },
    templates: inLocales(
      '{quantity} is {percent} of {base}: {amount}',
      '{quantity} es el {percent} de {base}: {amount}',
      `{quantity}${NBSP}: {percent} de {base}, soit {amount}`,
    ),
  },
  'quantity.default': {
    params: { quantity: 'text', percent: 'percent', base: 'text', field: 'field', amount: 'money' },
    templates: inLocales(
      '{quantity} is {percent} of {base} ({field} not given, so the default): {amount}',
      '{quantity} es el {percent} de {base} (no se indicó {field}, se aplica el valor predeterminado): {amount}',
      `{quantity}${NBSP}: {percent} de {base} ({field} non renseigné, valeur par défaut), soit {amount}`,
    ),
  },
  'share.declared': {
    params: { party: 'party', amount: 'money', field: 'field' },
    templates: inLocales(
      '{party} declares {amount} ({field})',
      '{party} declara {amount} ({field})',
      '{party} déclare {amount} ({field})',
    ),
  },
  'share.fixed': {
    params: { party: 'party', amount: 'money' },
    templates: inLocales(
      '{party} pays a fixed {amount}',
      '{party} aporta un monto fijo de {amount}',
      '{party} verse un montant fixe de {amount}',
    ),
  },
  'share.percent': {
    params: { party: 'party', percent: 'percent', base: 'text', amount: 'money' },
    templates: inLocales(
      '{party} pays {percent} of {base}: {amount}',
      '{party} aporta el {percent} de {base}: {amount}',
      `{party} verse {percent} de {base}, soit {amount}`,
    ),
  },
  'share.absent': {
    params: { party: 'party', amount: 'money', placement: 'message' },
    templates: inLocales(
      '{party} does not take part; its {amount} is {placement}',
      '{party} no participa; su monto de {amount} {placement}',
      `{party} ne participe pas${NBSP}; son montant de {amount} est {placement}`,
    ),
  },
  'share.capped': {
    params: { party: 'party', cap: 'money', gap: 'money', placement: 'message' },
    templates: inLocales(
      '{party} share capped at {cap}; the {gap} gap is {placement}',
      'la aportación de {party} tiene un tope de {cap}; la diferencia de {gap} {placement}',
      `la part de {party} est plafonnée à {cap}${NBSP}; l'écart de {gap} est {placement}`,
    ),
  },
  'share.capped.percent': {
    params: { party: 'party', cap: 'money', percent: 'percent', base: 'text', gap: 'money', placement: 'message' },
    templates: inLocales(
      '{party} share capped at {cap} ({percent} of {base}); the {gap} gap is {placement}',
      'la aportación de {party} tiene un tope de {cap} ({percent} de {base}); la diferencia de {gap} {placement}',
      `la part de {party} est plafonnée à {cap} ({percent} de {base})${NBSP}; l'écart de {gap} est {placement}`,
    ),
  },
  'placed.taken': {
    params: { parties: 'parties' },
    templates: inLocales('taken by {parties}', 'queda a cargo de {parties}', 'pris en charge par {parties}'),
  },
  'placed.pro-rata': {
    params: { parties: 'parties' },
    templates: inLocales(
      'shared pro rata by {parties}',
      'se reparte a prorrata entre {parties}',
      'réparti au prorata entre {parties}',
    ),
  },
  'placed.rest': {
    params: { party: 'party' },
    templates: inLocales(
      'left to {party}, which takes the rest',
      'queda para {party}, que aporta el resto',
      'laissé à {party}, qui prend le reste',
    ),
  },
  'placed.rest.because': {
    params: { party: 'party', named: 'parties' },
    templates: inLocales(
      'left to {party}, which takes the rest ({named} cannot take it)',
      'queda para {party}, que aporta el resto (sin capacidad para absorber el monto: {named})',
      'laissé à {party}, qui prend le reste ({named} ne pouvant pas le prendre)',
    ),
  },
  'placed.unallocated': {
    params: {},
    templates: inLocales(
      'left unallocated, to be allocated by hand',
      'queda sin asignar, para asignarse manualmente',
      'laissé non réparti, à répartir manuellement',
    ),
  },
  'placed.unallocated.because': {
    params: { named: 'parties' },
    templates: inLocales(
      'left unallocated, to be allocated by hand ({named} cannot take it)',
      'queda sin asignar, para asignarse manualmente (sin capacidad para absorber el monto: {named})',
      'laissé non réparti, à répartir manuellement ({named} ne pouvant pas le prendre)',
    ),
  },
  'share.overdrawn': {
    params: { others: 'money', total: 'money', party: 'party' },
    templates: inLocales(
      'the other shares ({others}) exceed the total cost {total}: nothing is left for {party}',
      'las demás aportaciones ({others}) superan el costo total de {total}: no queda nada para {party}',
      `les autres parts ({others}) dépassent le coût total de {total}${NBSP}: il ne reste rien pour {party}`,
    ),
  },
  'share.rest.pays': {
    params: { party: 'party', amount: 'money' },
    templates: inLocales(
      '{party} pays the rest: {amount}',
      '{party} aporta el resto: {amount}',
      `{party} verse le reste${NBSP}: {amount}`,
    ),
  },
  'share.rest.lends': {
    params: { party: 'party', amount: 'money' },
    templates: inLocales(
      '{party} lends the rest: {amount}',
      '{party} presta el resto: {amount}',
      `{party} prête le reste${NBSP}: {amount}`,
    ),
  },
  'floor.met': {
    params: { party: 'party', minimum: 'money', amount: 'money' },
    templates: inLocales(
      '{party} must bring at least {minimum}: {amount} does',
      '{party} debe aportar al menos {minimum}: lo cumple con {amount}',
      `{party} doit apporter au moins {minimum}${NBSP}: c'est le cas avec {amount}`,
    ),
  },
  'floor.met.percent': {
    params: { party: 'party', minimum: 'money', percent: 'percent', base: 'text', amount: 'money' },
    templates: inLocales(
      '{party} must bring at least {minimum} ({percent} of {base}): {amount} does',
      '{party} debe aportar al menos {minimum} ({percent} de {base}): lo cumple con {amount}',
      `{party} doit apporter au moins {minimum} ({percent} de {base})${NBSP}: c'est le cas avec {amount}`,
    ),
  },
  'floor.short': {
    params: { party: 'party', minimum: 'money', amount: 'money' },
    templates: inLocales(
      '{party} must bring at least {minimum}; it would be {amount}',
      '{party} debe aportar al menos {minimum}; aportaría {amount}',
      `{party} doit apporter au moins {minimum}${NBSP}; sa part serait de {amount}`,
    ),
  },
  'floor.short.percent': {
    params: { party: 'party', minimum: 'money', percent: 'percent', base: 'text', amount: 'money' },
    templates: inLocales(
      '{party} must bring at least {minimum} ({percent} of {base}); it would be {amount}',
      '{party} debe aportar al menos {minimum} ({percent} de {base}); aportaría {amount}',
      `{party} doit apporter au moins {minimum} ({percent} de {base})${NBSP}; sa part serait de {amount}`,
    ),
  },
  'floor.unreachable': {
    params: { party: 'party', minimum: 'money', currency: 'code' },
    templates: inLocales(
      '{party} must bring at least {minimum}, which whole {currency} units cannot give once the other shares ' +
        'are rounded',
      '{party} debe aportar al menos {minimum}, lo que no se logra con unidades enteras de {currency} una ' +
        'vez redondeadas las demás aportaciones',
      '{party} doit apporter au moins {minimum}, ce que des unités entières de {currency} ne permettent pas ' +
        'une fois les autres parts arrondies',
    ),
  },
  'rounding.down': {
    params: { currency: 'code', unit: 'number' },
    templates: inLocales(
      'exact shares had fractions of the smallest {currency} unit ({unit}): each was rounded down',
      'las aportaciones exactas tenían fracciones de la unidad mínima de {currency} ({unit}): cada una se ' +
        'redondeó hacia abajo',
      `les parts exactes comportaient des fractions de la plus petite unité de {currency} ({unit})${NBSP}: ` +
        `chacune a été arrondie vers le bas`,
    ),
  },
  'rounding.leftover': {
    params: { currency: 'code', unit: 'number', count: 'count', parties: 'parties' },
    templates: inLocales(
      'exact shares had fractions of the smallest {currency} unit ({unit}): each was rounded down ' +
        'and the {count} unit(s) left over went to {parties}, which had the largest remainders',
      'las aportaciones exactas tenían fracciones de la unidad mínima de {currency} ({unit}): cada una se redondeó ' +
        'hacia abajo y las unidades sobrantes ({count}) fueron para {parties}, que tenían los mayores residuos',
      `les parts exactes comportaient des fractions de la plus petite unité de {currency} ({unit})${NBSP}: chacune a ` +
        'été arrondie vers le bas et les unités restantes ({count}) sont allées à {parties}, qui avaient les ' +
        'plus grands restes',
    ),
  },
  'rounding.floor-moved': {
    params: { unit: 'money', donor: 'party', party: 'party' },
    templates: inLocales(
      '{unit} moved from {donor} to {party}, so that {party} is not under its floor once rounded',
      '{unit} pasó de {donor} a {party}, para que {party} no quede bajo su mínimo una vez redondeado',
      '{unit} transféré de {donor} à {party}, pour que {party} ne passe pas sous son plancher une fois arrondi',
    ),
  },
  'rounding.floor-moved.unallocated': {
    params: { unit: 'money', party: 'party' },
    templates: inLocales(
      '{unit} moved from the unallocated amount to {party}, so that {party} is not under its floor once rounded',
      '{unit} pasó del monto sin asignar a {party}, para que {party} no quede bajo su mínimo una vez redondeado',
      '{unit} transféré du montant non réparti à {party}, pour que {party} ne passe pas sous son plancher ' +
        'une fois arrondi',
    ),
  },
  unallocated: {
    params: { amount: 'money' },
    templates: inLocales(
      '{amount} is left unallocated: it must be allocated by hand before approval',
      '{amount} queda sin asignar: debe asignarse manualmente antes de la aprobación',
      `{amount} reste non réparti${NBSP}: il doit être réparti manuellement avant l'approbation`,
    ),
  },
  approvals: {
    params: { approvers: 'parties', applicant: 'party' },
    templates: inLocales(
      'the plan must be approved by {approvers}; {applicant}, the applicant, never approves its own project',
      'el plan debe ser aprobado por {approvers}; {applicant}, el solicitante, nunca aprueba su propio proyecto',
      `le plan doit être approuvé par {approvers}${NBSP}; {applicant}, le demandeur, n'approuve jamais son ` +
        `propre projet`,
    ),
  },
  tranche: {
    params: { index: 'count', percent: 'percent', amount: 'money', milestone: 'text', approvers: 'parties' },
    templates: inLocales(
      'tranche {index}: {percent} ({amount}) {milestone}, released on approval by {approvers}',
      'ministración {index}: {percent} ({amount}) {milestone}, liberada con la aprobación de {approvers}',
      `tranche {index}${NBSP}: {percent} ({amount}) {milestone}, débloquée sur approbation de {approvers}`,
    ),
  },
  deadline: {
    params: { deadline: 'message', party: 'party', amount: 'money' },
    templates: inLocales(
      "{deadline} ({party}'s share: {amount})",
      '{deadline} (aportación de {party}: {amount})',
      `{deadline} (part de {party}${NBSP}: {amount})`,
    ),
  },
  'deadline.window': {
    params: { party: 'party', kind: 'code', days: 'count', from: 'code' },
    templates: inLocales(
      '{party}: {kind} within {days} business days of {from}',
      '{party}: {kind} dentro de los {days} días hábiles siguientes a {from}',
      `{party}${NBSP}: {kind} dans les {days} jours ouvrables suivant {from}`,
    ),
  },
  clawback: {
    params: { party: 'party', years: 'years', from: 'code' },
    templates: inLocales(
      '{party} is repaid in full if the condition breaks within {years} of {from}',
      '{party} se reembolsa íntegramente si la condición se incumple dentro de {years} desde {from}',
      '{party} est remboursé intégralement si la condition est rompue dans les {years} suivant {from}',
    ),
  },
  'document.filing': {
    params: { document: 'text', type: 'code' },
    templates: inLocales(
      'to file: {document} ({type})',
      'para presentar la solicitud: {document} ({type})',
      `pour déposer la demande${NBSP}: {document} ({type})`,
    ),
  },
  'document.approval': {
    params: { document: 'text', type: 'code' },
    templates: inLocales(
      'before the plan is approved: {document} ({type})',
      'antes de aprobar el plan: {document} ({type})',
      `avant l'approbation du plan${NBSP}: {document} ({type})`,
    ),
  },
  'document.tranche.first': {
    params: { document: 'text', type: 'code' },
    templates: inLocales(
      'with the request for the first tranche: {document} ({type})',
      'con la solicitud de la primera ministración: {document} ({type})',
      `avec la demande de la première tranche${NBSP}: {document} ({type})`,
    ),
  },
  'document.tranche.after-first': {
    params: { document: 'text', type: 'code' },
    templates: inLocales(
      'with the request for each tranche after the first: {document} ({type})',
      'con la solicitud de cada ministración después de la primera: {document} ({type})',
      `avec la demande de chaque tranche après la première${NBSP}: {document} ({type})`,
    ),
  },
  'document.tranche.each': {
    params: { document: 'text', type: 'code' },
    templates: inLocales(
      'with the request for each tranche: {document} ({type})',
      'con la solicitud de cada ministración: {document} ({type})',
      `avec la demande de chaque tranche${NBSP}: {document} ({type})`,
    ),
  },
  'document.close': {
    params: { document: 'text', type: 'code' },
    templates: inLocales(
      'before the project is closed: {document} ({type})',
      'antes del cierre del proyecto: {document} ({type})',
      `avant la clôture du projet${NBSP}: {document} ({type})`,
    ),
  },
} as const satisfies Record<string, MessageSpec>;

export type MessageId = keyof typeof MESSAGES;
export const MESSAGE_IDS = Object.keys(MESSAGES) as MessageId[];

export type MessageParams<K extends MessageId> = {
  -readonly [P in keyof (typeof MESSAGES)[K]['params']]: ParamValues[(typeof MESSAGES)[K]['params'][P] & ParamKind];
};

/** A sentence as data: which message, with what. */
export type Message = { [K in MessageId]: { id: K; params: MessageParams<K> } }[MessageId];

export function message<K extends MessageId>(id: K, params: MessageParams<K>): Message {
  return { id, params } as Message;
}

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(MESSAGES, id);
}

/** A rule file's own wording of some messages, per locale: `{messageId: {locale: template}}`. */
export type MessageOverrides = Partial<Record<MessageId, LocalizedText>>;

/** Words the renderer itself needs, per locale. */
export const TERMS: Record<Locale, { yes: string; no: string; period: string; totalCost: string }> = {
  en: { yes: 'yes', no: 'no', period: '{from} to {to}', totalCost: 'the total cost' },
  // "de {base}": a base with its own article reads "de la totalidad del costo", never "de el costo".
  'es-MX': { yes: 'sí', no: 'no', period: 'del {from} al {to}', totalCost: 'la totalidad del costo' },
  'fr-MA': { yes: 'oui', no: 'non', period: 'du {from} au {to}', totalCost: 'la totalité du coût' },
};

/** "The total cost", the base of percentages, in every locale. */
export const TOTAL_COST: LocalizedText = {
  en: TERMS.en.totalCost,
  'es-MX': TERMS['es-MX'].totalCost,
  'fr-MA': TERMS['fr-MA'].totalCost,
};

/** The application fields as a reader knows them (the API and `says` keep the field names). */
export const FIELD_LABELS: Record<Locale, Record<ApplicationField, string>> = {
  en: {
    projectType: 'project type',
    title: 'title',
    sector: 'sector',
    location: 'location',
    currency: 'currency',
    investorStatus: 'investor status',
    applicantResidence: "applicant's country of residence",
    totalCost: 'total cost',
    ownContribution: 'own contribution',
    beneficiaryFamilies: 'beneficiary families',
    investorStakePercent: "investor's stake (%)",
    filedAt: 'filing date',
    returnedAt: 'date of return',
    registration: 'club registration (Toma de Nota)',
    inFinancialLitigation: 'litigation with a financial institution',
    hasLocalPartner: 'local partner',
  },
  'es-MX': {
    projectType: 'tipo de proyecto',
    title: 'título',
    sector: 'sector',
    location: 'ubicación',
    currency: 'moneda',
    investorStatus: 'condición del inversionista',
    applicantResidence: 'país de residencia del solicitante',
    totalCost: 'costo total',
    ownContribution: 'aportación propia',
    beneficiaryFamilies: 'familias beneficiarias',
    investorStakePercent: 'participación del inversionista (%)',
    filedAt: 'fecha de presentación',
    returnedAt: 'fecha de retorno',
    registration: 'Toma de Nota del club',
    inFinancialLitigation: 'litigio con una institución financiera',
    hasLocalPartner: 'socio local',
  },
  'fr-MA': {
    projectType: 'type de projet',
    title: 'intitulé',
    sector: 'secteur',
    location: 'lieu',
    currency: 'devise',
    investorStatus: "statut de l'investisseur",
    applicantResidence: 'pays de résidence du demandeur',
    totalCost: 'coût total',
    ownContribution: 'apport propre',
    beneficiaryFamilies: 'familles bénéficiaires',
    investorStakePercent: "part de l'investisseur (%)",
    filedAt: 'date de dépôt',
    returnedAt: 'date de retour',
    registration: 'enregistrement du club (Toma de Nota)',
    inFinancialLitigation: 'litige avec un établissement financier',
    hasLocalPartner: 'partenaire local',
  },
};
