/**
 * The languages cofund speaks: Mexican Spanish (Tres por Uno, Zacatecas), Moroccan French (MDM
 * Invest) and English. Pure: no request object here, the API edge passes the header's text.
 */
export const LOCALES = ['es-MX', 'fr-MA', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Each language's name in each language: "shown in Spanish" for an English reader. */
export const LANGUAGE_NAMES: Record<Locale, Record<Locale, string>> = {
  en: { en: 'English', 'es-MX': 'Spanish', 'fr-MA': 'French' },
  'es-MX': { en: 'inglés', 'es-MX': 'español', 'fr-MA': 'francés' },
  'fr-MA': { en: 'anglais', 'es-MX': 'espagnol', 'fr-MA': 'français' },
};

/** The supported locale for a language tag: an exact match, else the same language (`es-ES` reads es-MX). */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.trim().toLowerCase();
  const exact = LOCALES.find((locale) => locale.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split('-')[0];
  return LOCALES.find((locale) => locale.split('-')[0] === language);
}

/**
 * The reader's locale from an Accept-Language header (RFC 9110 §12.5.4): the supported language with
 * the highest weight, the earlier one on a tie; `fallback` when none is supported or the header is absent.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const ranges = acceptLanguage.split(',').flatMap((part, order) => {
    const [tag = '', ...parameters] = part.split(';');
    // A weight that is not a number (q=abc) makes the range unusable, as if absent.
    const weight = parameters
      .find((parameter) => /^\s*q\s*=/i.test(parameter))
      ?.split('=')[1]
      ?.trim();
    const quality = weight === undefined ? 1 : /^[01](\.\d{0,3})?$/.test(weight) ? Number(weight) : NaN;
    const locale = tag.trim() === '*' ? fallback : matchLocale(tag);
    return locale && Number.isFinite(quality) && quality > 0 ? [{ locale, quality, order }] : [];
  });
  ranges.sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranges[0]?.locale ?? fallback;
}
