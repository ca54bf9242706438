#!/usr/bin/env node
// `npx cofund ...`: runs the TypeScript CLI (src/cli) through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
