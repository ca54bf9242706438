import { ValidationError } from '../errors';
import { parseMoney } from '../money';
import { LedgerInputError } from './errors';

/** parseMoney, its refusal as the ledger's own (same code, same field). */
export function parseLedgerMoney(...args: Parameters<typeof parseMoney>): ReturnType<typeof parseMoney> {
  try {
    return parseMoney(...args);
  } catch (error) {
    if (error instanceof ValidationError) throw new LedgerInputError(error.message, error.errors, error.code);
    throw error;
  }
}
