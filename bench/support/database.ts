import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { connect, type DatabaseHandle } from '../../src/db';
import { applyMigrations } from '../../src/db/migrate';
import { startEmbeddedPostgres } from '../../src/runtime/embedded-postgres';

export interface BenchDatabase extends DatabaseHandle {
  url: string;
  /** Closes connections, drops the database, stops an embedded server. */
  dispose(): Promise<void>;
}

/**
 * A fresh migrated database for one benchmark: on the DATABASE_URL server when set (the same
 * server the figures should describe), otherwise on an embedded PostgreSQL in a temp folder.
 */
export async function openBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(tmpdir(), `cofund-bench-${randomBytes(4).toString('hex')}`), {
        persistent: false,
      });
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const name = `cofund_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  await applyMigrations(url);
  const handle = connect(url, { max: poolSize });
  return {
    ...handle,
    url,
    async dispose() {
      await handle.close();
      await admin.unsafe(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}

/** Percentile of sorted latencies (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Prints rows as an aligned text table. */
export function printTable(rows: ReadonlyArray<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((column) => String(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((cell) => cell[i]!.length)));
  const line = (values: string[]) =>
    values.map((value, i) => (i === 0 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join('  ');
  console.log(line(columns));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cell of cells) console.log(line(cell));
}
