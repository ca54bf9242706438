export * from './actor';
export { authenticate } from './authenticate';
export { constantTimeEqual, generateApiKey, hashApiKey, keyPrefix } from './keys';
