/**
 * Password hashing with scrypt, which node:crypto implements on Node and in workerd (nodejs_compat)
 * alike, with the same output: no PBKDF2 fallback is needed. Parameters are OWASP's N=2^15, r=8,
 * p=3 (32 MiB per hash, well inside a Worker's 128 MB); each hash carries its own parameters, so
 * they can be raised later without invalidating stored passwords.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const COST = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The most used passwords (and their obvious variants) that pass the length rule anyway: refused
 * outright. Compared lower-cased.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678910111213',
  'qwertyuiopasdf',
  'qwertyuiop123',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'iloveyou1234',
  'welcome12345',
  'letmein12345',
  'administrator',
  'administrator1',
  'changeme1234',
  'contraseña123',
  'contrasena123',
  'contraseña1234',
  'motdepasse123',
  'motdepasse1234',
  'azertyuiop123',
  'abcdefghijkl',
  'abc123456789',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'cofund123456',
]);

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: { email: string; name: string }): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || new Set(lowered).size <= 2) return 'is too common; choose another';
  const local = context.email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lowered.includes(local)) return 'must not contain your e-mail address';
  return undefined;
}

function derive(password: string, salt: Buffer, cost: typeof COST): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;
/** A hash of a random password, made once: what an unknown account is checked against, so it costs the same time. */
export const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
