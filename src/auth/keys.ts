import { sha256Hex } from '../hashing';

const KEY_PREFIX = 'cfk_';
/** Shown in lists and logs: enough to recognise a key, far too little to use it. */
const VISIBLE = KEY_PREFIX.length + 8;

/** A new API key: 30 random bytes, base64url, with a recognisable prefix. Shown once. */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(30));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return KEY_PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const keyPrefix = (key: string) => key.slice(0, VISIBLE);

/** The prefix of a person's credential (src/people): not a key anyone holds, so not listed with keys. */
export const PERSON_CREDENTIAL_PREFIX = 'person';

/** Keys are stored only as SHA-256: a database leak gives no usable key. */
export const hashApiKey = (key: string) => sha256Hex(key);

/** Compares two secrets in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}
