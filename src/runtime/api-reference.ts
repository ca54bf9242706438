import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** Scalar's standalone browser bundle, from its npm package (no CDN): what /docs serves. */
export const apiReferenceScriptPath = () =>
  createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');

export const readApiReferenceScript = () => readFile(apiReferenceScriptPath(), 'utf8');
