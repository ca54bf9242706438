/**
 * An unexpected error as it may be logged: what a developer needs (name, message, SQL text, error
 * code, stack) and nothing a log reader must not see. Drizzle's "Failed query" message carries the
 * query's parameters, and postgres.js errors carry them too (`parameters`), as do PostgreSQL's
 * `detail` lines ("Key (secret_hash)=(...)") and quoted input: API-key hashes, names, amounts.
 * Those are dropped, whatever the error's depth of causes.
 */
export interface RedactedError {
  name: string;
  message: string;
  code?: string;
  query?: string;
  stack?: string;
  cause?: RedactedError;
}

const PARAMS_LINE = /\nparams: [\s\S]*$/;
// PostgreSQL quotes the offending input after a colon ('invalid input syntax for type uuid: "..."');
// names of constraints and tables are quoted without one and stay.
const QUOTED_INPUT = /: "[^"]*"/g;
const MAX_DEPTH = 5;

export function redactError(error: unknown, depth = 0): RedactedError {
  if (!(error instanceof Error)) return { name: typeof error, message: '(a thrown non-Error value, not logged)' };
  const { code, query } = error as { code?: unknown; query?: unknown };
  const message = error.message.replace(PARAMS_LINE, '\nparams: [redacted]').replace(QUOTED_INPUT, ': "[redacted]"');
  return {
    name: error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof query === 'string' ? { query } : {}),
    ...(error.stack ? { stack: error.stack.replace(error.message, message) } : {}),
    ...(error.cause !== undefined && depth < MAX_DEPTH ? { cause: redactError(error.cause, depth + 1) } : {}),
  };
}
