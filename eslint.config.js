// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', '.cofund/', 'samples/', 'out/', 'drizzle/meta/'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An un-awaited promise inside a money transaction runs after the commit, or never.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns it off: Prettier does not break strings or comments.
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
  {
    // The generated types (npm run client:generate) carry the document's descriptions as comments, one
    // line each as openapi-typescript writes them; every other rule applies to them as to hand-written code.
    files: ['clients/typescript/src/schema.ts'],
    rules: { 'max-len': 'off' },
  },
);
