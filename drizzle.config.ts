import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file: it diffs src/db/schema against drizzle/ and writes SQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
