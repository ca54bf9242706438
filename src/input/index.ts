/*
 * What input cofund accepts, whatever the route: text that can be stored and cannot disguise
 * itself, and instants PostgreSQL can store. Pure: the API's schemas and the rules' application
 * schema both use it.
 */
export { INSTANT_RANGE_MESSAGE, isStorableInstant } from './instants';
export { type TextKind, nfcJson, safeJsonCheck, safeText, textProblem, uniqueArray, unsafeJsonText } from './text';
