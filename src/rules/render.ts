import {
  fillTemplate,
  formatAmount,
  formatCalendarDate,
  formatList,
  formatNumber,
  formatPercent,
  formatYears,
  type Locale,
} from '../i18n';
import { Decimal } from '../money';
import {
  FIELD_LABELS,
  MESSAGES,
  TERMS,
  type FieldValueParam,
  type LocalizedText,
  type Message,
  type MessageOverrides,
  type ParamKind,
  type ParamValues,
} from './messages';
import type { RuleFinding } from './types';
import { displayFixedMoney, listWords } from './wording';

/**
 * How a message is written: for a reader in a locale (party and field names, the locale's numbers
 * and dates), or `says`, the English sentence the API has always returned (party ids, field names,
 * "MXN 1,000,000.00", ISO dates), kept word for word for existing clients.
 */
export type RenderStyle = 'says' | Locale;

/**
 * The one renderer of rule messages. A rule-file text missing in the reader's locale is shown in
 * the file's own language, and `fellBack` says so; the evaluator's own templates exist in every
 * locale, so only the file's texts can fall back.
 */
export class MessageRenderer {
  fellBack = false;

  constructor(
    private readonly style: RenderStyle,
    private readonly language: Locale,
    private readonly overrides: MessageOverrides = {},
  ) {}

  /** `says` is English: the file's English texts when it has them, like the evaluator's words. */
  private get locale(): Locale {
    return this.style === 'says' ? 'en' : this.style;
  }

  render(message: Message): string {
    const spec = MESSAGES[message.id];
    const template = this.overrides[message.id]?.[this.locale] ?? spec.templates[this.locale];
    const params = spec.params as Record<string, ParamKind>;
    const values = message.params as Record<string, unknown>;
    return fillTemplate(template, (name) => this.param(params[name]!, values[name]));
  }

  /** A rule file's text in the reader's locale (English for `says`), else in the file's own language. */
  text(text: LocalizedText): string {
    const own = text[this.locale];
    if (own !== undefined) return own;
    this.fellBack = true;
    return text[this.language] ?? Object.values(text)[0] ?? '';
  }

  private param(kind: ParamKind, value: unknown): string {
    const says = this.style === 'says';
    const locale = this.locale;
    switch (kind) {
      case 'money': {
        const { amount, currency } = value as ParamValues['money'];
        return says
          ? displayFixedMoney(amount, currency)
          : formatAmount(amount, currency, locale, { withSymbol: true });
      }
      case 'percent':
        return says ? `${value as string}%` : formatPercent(value as string, locale);
      case 'number':
        return says ? new Decimal(value as string).toString() : formatNumber(value as string, locale);
      case 'count':
        return says ? String(value) : formatNumber(String(value), locale);
      case 'years': {
        const years = value as number;
        return says ? `${years} year${years === 1 ? '' : 's'}` : formatYears(years, locale);
      }
      case 'date':
        return says ? (value as string) : formatCalendarDate(value as string, locale);
      case 'code':
        return value as string;
      case 'codes':
        return says ? (value as string[]).join(', ') : formatList(value as string[], locale, 'unit');
      case 'field': {
        const field = value as ParamValues['field'];
        return says ? field : FIELD_LABELS[locale][field];
      }
      case 'party':
      case 'projectType': {
        const named = value as ParamValues['party'];
        return says ? named.id : this.text(named.name);
      }
      case 'parties': {
        const parties = value as ParamValues['parties'];
        return says
          ? listWords(parties.map((party) => party.id))
          : formatList(
              parties.map((party) => this.text(party.name)),
              locale,
            );
      }
      case 'text':
        return this.text(value as LocalizedText);
      case 'value':
        return this.fieldValue(value as FieldValueParam);
      case 'message':
        return this.render(value as Message);
      case 'messages': {
        const texts = (value as Message[]).map((item) => this.render(item));
        return says ? texts.join(', ') : formatList(texts, locale, 'unit');
      }
    }
  }

  private fieldValue(value: FieldValueParam): string {
    switch (value.kind) {
      case 'money':
        return this.param('money', value);
      case 'number':
        return this.param('number', value.value);
      case 'text':
        return value.value;
      case 'flag':
        return this.style === 'says' ? String(value.value) : TERMS[this.locale][value.value ? 'yes' : 'no'];
      case 'date':
        return this.param('date', value.value);
      case 'period': {
        if (this.style === 'says') return `${value.from} to ${value.to}`;
        const [from, to] = [this.param('date', value.from), this.param('date', value.to)];
        return fillTemplate(TERMS[this.locale].period, (name) => (name === 'from' ? from : to));
      }
    }
  }
}

/**
 * Writes the findings of one rule file: each carries its message (to be rendered for any reader
 * later) and `says`, the message in the API's English.
 */
export function findingWriter(language: Locale, overrides: MessageOverrides = {}) {
  const renderer = new MessageRenderer('says', language, overrides);
  return (rule: string, message: Message, field?: string): RuleFinding => ({
    rule,
    says: renderer.render(message),
    message,
    ...(field !== undefined && { field }),
  });
}
