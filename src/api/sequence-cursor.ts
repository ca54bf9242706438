import { ValidationError } from '../errors';

/*
 * Cursors of lists ordered by a database sequence (journal entries, the audit log): the id of the
 * last item shown, made opaque. Ids are exact where timestamps are not (a JS Date keeps
 * milliseconds, PostgreSQL microseconds), so a page never skips a row.
 */

const PREFIX = 'seq:';
const MAX_BIGINT = 9_223_372_036_854_775_807n;

export const encodeSequenceCursor = (id: string): string =>
  btoa(`${PREFIX}${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function decodeSequenceCursor(cursor: string | undefined, field = 'query.cursor'): string | undefined {
  if (cursor === undefined) return undefined;
  let text = '';
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    // Not base64: reported below like any other foreign cursor.
  }
  const id = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!/^[1-9][0-9]{0,18}$/.test(id) || BigInt(id) > MAX_BIGINT)
    throw ValidationError.field(field, 'is not a cursor this API returned');
  return id;
}
