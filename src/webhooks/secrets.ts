/*
 * Webhook signing secrets at rest: sealed with AES-256-GCM under COFUND_SECRET_KEY, so that a copy
 * of the database (a backup, a replica, a dump in a ticket) does not let anyone sign messages our
 * receivers would trust. The AES key is derived from the setting with HKDF-SHA-256; the stored form
 * is `sealed.v1.<base64 iv>.<base64 ciphertext and tag>`. Web Crypto, so Node and Workers agree.
 */

/** The setting's shortest acceptable length: as strong as the administrator token must be. */
export const SECRET_KEY_MIN_LENGTH = 32;
const FORMAT = 'sealed.v1';
const IV_BYTES = 12;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Why the setting cannot seal secrets, or undefined when it can. */
export function secretKeyProblem(setting: string): string | undefined {
  return setting.length < SECRET_KEY_MIN_LENGTH
    ? `must be at least ${SECRET_KEY_MIN_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`
    : undefined;
}

const keys = new Map<string, ReturnType<typeof crypto.subtle.deriveKey>>();

/** The AES-GCM key of a setting, derived once per process. */
function aesKey(setting: string): ReturnType<typeof crypto.subtle.deriveKey> {
  let key = keys.get(setting);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', new TextEncoder().encode(setting), 'HKDF', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: new Uint8Array(0),
            info: new TextEncoder().encode('cofund webhook secrets v1'),
          },
          material,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(setting, key);
  }
  return key;
}

export async function sealSecret(setting: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await aesKey(setting),
    new TextEncoder().encode(secret),
  );
  return `${FORMAT}.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

/** The secret a sealed text holds; throws when the setting is not the one it was sealed under. */
export async function unsealSecret(setting: string, stored: string): Promise<string> {
  const [format, version, iv, sealed] = stored.split('.');
  if (`${format}.${version}` !== FORMAT || !iv || !sealed) throw new Error('not a sealed webhook secret');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv) },
    await aesKey(setting),
    fromBase64(sealed),
  );
  return new TextDecoder().decode(plain);
}
