/**
 * npm run bench — every benchmark, one after the other (they would skew each other in parallel on a
 * shared machine), each printing its own table. A failing one is reported and the others still run.
 */
import { spawnSync } from 'node:child_process';

const benches = [
  'rules',
  'ledger',
  'http',
  'statements',
  'render-isolation',
  'report-isolation',
  'documents',
  'reconciliation',
  'events',
];
let failed = 0;
for (const name of benches) {
  console.log(`\n=== npm run bench:${name} ===`);
  const result = spawnSync('npm', ['run', '--silent', `bench:${name}`], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench:${name} failed (exit ${result.status})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
