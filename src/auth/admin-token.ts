/**
 * Whether a configured administrator token is strong enough for production, by an estimate of its
 * entropy: at least 32 characters, about 100 bits or more by the observed spread of its characters
 * (Shannon entropy per character times length), and none of the shapes people type instead of
 * random tokens: a piece of six characters or more repeated ("aaaaaa", "changeme-changeme"), runs of
 * consecutive characters ("abcdef", "123456"). A random token fails rarely (32 hex digits about once
 * in a thousand, 43 base64url characters practically never): generate another.
 * `openssl rand -base64 32` or `-hex 32` passes; "changeme-changeme-changeme-changeme" does not.
 */
export const ADMIN_TOKEN_MIN_LENGTH = 32;
const MIN_BITS = 100;

export function adminTokenProblem(token: string): string | undefined {
  if (token.length < ADMIN_TOKEN_MIN_LENGTH)
    return `is ${token.length} characters long; it needs at least ${ADMIN_TOKEN_MIN_LENGTH}`;
  if (repeatsPiece(token, 6)) return 'repeats a piece of itself (six characters or more)';
  if (hasSequence(token, 6)) return 'holds a run of consecutive characters (abcdef, 123456)';
  const bits = estimatedBits(token);
  if (bits < MIN_BITS) return `looks like about ${Math.round(bits)} bits of entropy; it needs at least ${MIN_BITS}`;
  return undefined;
}

/** Shannon entropy of the token's own character frequencies, times its length. */
export function estimatedBits(token: string): number {
  const counts = new Map<string, number>();
  const characters = [...token];
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * characters.length;
}

function repeatsPiece(token: string, length: number): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + length <= token.length; i++) {
    const piece = token.slice(i, i + length);
    if (seen.has(piece)) return true;
    seen.add(piece);
  }
  return false;
}

function hasSequence(token: string, length: number): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < token.length; i++) {
    const step = token.charCodeAt(i) - token.charCodeAt(i - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= length || down >= length) return true;
  }
  return false;
}
