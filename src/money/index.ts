export { Decimal, type Rounding, ZERO, sum } from './decimal';
export { currencyCodes, isCurrency, minorUnits, type CurrencyCode } from './currency';
export {
  allocate,
  fitsMinorUnits,
  formatMoney,
  isMoneyText,
  MAX_INTEGER_DIGITS,
  parseMoney,
  roundMoney,
  type ParseMoneyOptions,
} from './money';
