import { ValidationErrorsIBAN, electronicFormatIBAN, validateIBAN } from 'ibantools';

/**
 * Bank account numbers as banks print them, checked before anything is stored: an IBAN by its
 * country's length and format and its mod-97 checksum (ibantools keeps the per-country registry),
 * a Mexican CLABE by its 18 digits and weighted check digit, and a local number by its shape only.
 */
export type Scheme = 'iban' | 'clabe' | 'local';

export type Checked = { ok: true; number: string } | { ok: false; message: string };

const IBAN_PROBLEMS: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANCountry]: 'its first two letters are not a country that issues IBANs',
  [ValidationErrorsIBAN.WrongBBANLength]: "it has the wrong length for its country's IBANs",
  [ValidationErrorsIBAN.WrongBBANFormat]: "its account part does not have its country's format",
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'its check digits (3rd and 4th characters) are not digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'its check digits do not match (mod-97): a character is wrong',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'the national check digit of its account part does not match',
};

export function checkIban(text: string): Checked {
  const number = electronicFormatIBAN(text) ?? '';
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(number)) {
    return { ok: false, message: 'an IBAN such as "MA64 0115 1900 0001 2050 0053 4921"' };
  }
  const { valid, errorCodes } = validateIBAN(number);
  if (valid) return { ok: true, number };
  const problem = errorCodes.map((code) => IBAN_PROBLEMS[code]).find((text) => text !== undefined);
  return { ok: false, message: `not a valid IBAN: ${problem ?? 'it does not check'}` };
}

const CLABE_WEIGHTS = [3, 7, 1];

/** A CLABE's 18th digit: 10 less the sum of the first 17 digits weighted 3, 7, 1 (each product mod 10), mod 10. */
export function clabeCheckDigit(first17: string): number {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += (Number(first17[index]) * CLABE_WEIGHTS[index % 3]!) % 10;
  return (10 - (sum % 10)) % 10;
}

export function checkClabe(text: string): Checked {
  const number = text.replace(/[\s-]/g, '');
  if (!/^[0-9]{18}$/.test(number))
    return { ok: false, message: 'a CLABE has 18 digits (bank, branch, account, check digit)' };
  const expected = clabeCheckDigit(number);
  if (expected !== Number(number[17])) {
    return {
      ok: false,
      message: `not a valid CLABE: its check digit is ${number[17]}, the other digits give ${expected}`,
    };
  }
  return { ok: true, number };
}

export function checkLocal(text: string): Checked {
  const number = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{4,34}$/.test(number))
    return { ok: false, message: '4 to 34 letters and digits (spaces and dashes are dropped)' };
  return { ok: true, number };
}

export const checkers: Record<Scheme, (text: string) => Checked> = {
  iban: checkIban,
  clabe: checkClabe,
  local: checkLocal,
};
