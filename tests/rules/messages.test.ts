import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES, formatAmount, placeholders, type Locale } from '../../src/i18n';
import { Decimal, minorUnits } from '../../src/money';
import {
  APPLICATION_FIELDS,
  MESSAGES,
  MESSAGE_IDS,
  MessageRenderer,
  type LocalizedText,
  type Message,
  type MessageId,
  type RenderStyle,
} from '../../src/rules';
import type { ParamKind } from '../../src/rules/messages';
import { displayMoney } from '../../src/rules/wording';

const STYLES: RenderStyle[] = ['says', ...LOCALES];
const code = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const words = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ ,'()%.-]{0,40}$/);
const calendarDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)).toFixed());
const money = fc
  .tuple(
    fc.constantFrom('MXN', 'MAD', 'USD', 'JPY', 'KWD'),
    fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }),
  )
  .map(([currency, units]) => ({
    currency,
    amount: new Decimal(units.toString())
      .dividedBy(new Decimal(10).pow(minorUnits(currency)))
      .toFixed(minorUnits(currency)),
  }));
const percent = fc
  .integer({ min: 1, max: 1_000_000 })
  .map((tenThousandths) => new Decimal(tenThousandths).dividedBy(10_000).toFixed());

/** A rule-file text: always in `language`, in some other locales or none (those fall back). */
const localizedText = (language: Locale): fc.Arbitrary<LocalizedText> =>
  fc
    .tuple(words, fc.subarray([...LOCALES]), fc.array(words, { minLength: 3, maxLength: 3 }))
    .map(([own, others, translations]) => ({
      ...Object.fromEntries(others.map((locale, index) => [locale, translations[index]!])),
      [language]: own,
    }));

function messageArbitrary(language: Locale): fc.Arbitrary<Message> {
  const text = localizedText(language);
  const named = fc.record({ id: code, name: text });
  const { message } = fc.letrec<{ message: Message }>((tie) => {
    const nested = fc.constant(null).chain(() => tie('message'));
    const param: Record<ParamKind, fc.Arbitrary<unknown>> = {
      money,
      percent,
      number: decimal,
      count: fc.nat(1_000_000),
      years: fc.integer({ min: 1, max: 99 }),
      date: calendarDate,
      code,
      codes: fc.array(code, { minLength: 1, maxLength: 4 }),
      field: fc.constantFrom(...(Object.keys(APPLICATION_FIELDS) as (keyof typeof APPLICATION_FIELDS)[])),
      party: named,
      parties: fc.array(named, { minLength: 1, maxLength: 4 }),
      projectType: named,
      text,
      value: fc.oneof(
        money.map((value) => ({ kind: 'money' as const, ...value })),
        decimal.map((value) => ({ kind: 'number' as const, value })),
        code.map((value) => ({ kind: 'text' as const, value })),
        fc.boolean().map((value) => ({ kind: 'flag' as const, value })),
        calendarDate.map((value) => ({ kind: 'date' as const, value })),
        fc.tuple(calendarDate, calendarDate).map(([from, to]) => ({ kind: 'period' as const, from, to })),
      ),
      message: nested,
      messages: fc.array(nested, { minLength: 1, maxLength: 3 }),
    };
    const byId = MESSAGE_IDS.map((id) => {
      const params = MESSAGES[id].params as Record<string, ParamKind>;
      return fc
        .record(Object.fromEntries(Object.entries(params).map(([name, kind]) => [name, param[kind]])))
        .map((values) => ({ id, params: values }) as Message);
    });
    // Nesting stops after a few levels: depthSize keeps most messages flat.
    return { message: fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...byId) };
  });
  return message;
}

/** Every amount a message holds, however deep. */
function amountsIn(message: Message): { amount: string; currency: string }[] {
  const params = MESSAGES[message.id].params as Record<string, ParamKind>;
  const values = message.params as Record<string, unknown>;
  return Object.entries(params).flatMap(([name, kind]) => {
    const value = values[name];
    if (kind === 'money') return [value as { amount: string; currency: string }];
    if (kind === 'message') return amountsIn(value as Message);
    if (kind === 'messages') return (value as Message[]).flatMap(amountsIn);
    return [];
  });
}

describe('the message catalogue', () => {
  it.each(MESSAGE_IDS)('%s has a template in every locale that shows exactly its parameters', (id: MessageId) => {
    const expected = Object.keys(MESSAGES[id].params).sort();
    for (const locale of LOCALES) {
      const found = placeholders(MESSAGES[id].templates[locale]);
      if ('error' in found) expect.fail(`${id} ${locale}: ${found.error}`);
      expect([...found.names].sort(), `${id} in ${locale}`).toEqual(expected);
    }
  });

  it('every message renders in every locale and as says, with any parameters, every amount shown', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES).chain((language) => fc.tuple(fc.constant(language), messageArbitrary(language))),
        ([language, message]) => {
          for (const style of STYLES) {
            const text = new MessageRenderer(style, language).render(message);
            expect(text.trim()).not.toBe('');
            expect(text).not.toMatch(/[{}]/);
            for (const { amount, currency } of amountsIn(message)) {
              const shown =
                style === 'says'
                  ? displayMoney(new Decimal(amount), currency)
                  : formatAmount(amount, currency, style, { withSymbol: true });
              expect(text).toContain(shown);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a text missing in the reader locale is shown in the file language, and the renderer says so', () => {
    const renderer = new MessageRenderer('fr-MA', 'es-MX');
    const text = renderer.render({
      id: 'tranche',
      params: {
        index: 1,
        percent: '50',
        amount: { amount: '1200000.00', currency: 'MXN' },
        milestone: { 'es-MX': 'a la firma del convenio' },
        approvers: [{ id: 'state', name: { 'es-MX': 'gobierno estatal', 'fr-MA': 'gouvernement de l’État' } }],
      },
    });
    expect(text).toContain('a la firma del convenio');
    expect(text).toContain('gouvernement de l’État');
    expect(renderer.fellBack).toBe(true);
    const translated = new MessageRenderer('es-MX', 'es-MX');
    translated.render({ id: 'rule-text', params: { text: { 'es-MX': 'texto' } } });
    expect(translated.fellBack).toBe(false);
  });
});
