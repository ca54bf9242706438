export * from './actor';
export { authenticate } from './authenticate';
export { PERSON_CREDENTIAL_PREFIX, constantTimeEqual, generateApiKey, hashApiKey, keyPrefix } from './keys';
export { ADMIN_TOKEN_MIN_LENGTH, adminTokenProblem } from './admin-token';
