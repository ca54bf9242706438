import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../hashing';

/** A secret for a link or a cookie: 32 random bytes, base64url. Only its SHA-256 is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => sha256Hex(token);
