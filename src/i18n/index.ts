/** Languages and locale formatting, shared by the documents, the rules' texts and the pages. No Hono here. */
export {
  formatAmount,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatList,
  formatNumber,
  formatPercent,
  formatYears,
  isNegativeAmount,
  isoDate,
  isoDateOf,
} from './format';
export { LANGUAGE_NAMES, LOCALES, isLocale, matchLocale, negotiateLocale, type Locale } from './locales';
export { fillTemplate, placeholders } from './template';
