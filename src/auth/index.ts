export * from './actor';
export { authenticate } from './authenticate';
export { DEFAULT_KEY_CACHE_MS, KeyCache } from './key-cache';
export { PERSON_CREDENTIAL_PREFIX, constantTimeEqual, generateApiKey, hashApiKey, keyPrefix } from './keys';
export { ADMIN_TOKEN_MIN_LENGTH, adminTokenProblem } from './admin-token';
