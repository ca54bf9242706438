import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDecisionLetterPdf, renderStatementCsv, renderStatementJson, renderStatementPdf, renderTrialBalancePdf } from '.';
import { writeToNode } from './node';
import { syntheticDecisionLetter, syntheticStatement, syntheticTrialBalance } from './synthetic';

/*
 * `npm run sample:statement`: writes sample documents into samples/ (git-ignored), byte for byte the
 * same on every run, from the deterministic synthetic model (until a seeded ledger provides them).
 */

const directory = 'samples';
mkdirSync(directory, { recursive: true });
const write = (name: string, chunks: AsyncIterable<Uint8Array | string>) => writeToNode(chunks, createWriteStream(join(directory, name)));

await write('statement-es-MX.pdf', renderStatementPdf(syntheticStatement({ rows: 120, locale: 'es-MX' })));
await write('statement-fr-MA-chain-broken.pdf', renderStatementPdf(syntheticStatement({ rows: 60, locale: 'fr-MA', chainBroken: true })));
await write('statement-en.pdf', renderStatementPdf(syntheticStatement({ rows: 40, locale: 'en' })));
await write('statement-es-MX.csv', renderStatementCsv(syntheticStatement({ rows: 120, locale: 'es-MX' })));
await write('statement-es-MX.json', renderStatementJson(syntheticStatement({ rows: 120, locale: 'es-MX' })));
await write('trial-balance-es-MX.pdf', renderTrialBalancePdf(syntheticTrialBalance({ rows: 90, locale: 'es-MX' })));
writeFileSync(join(directory, 'decision-letter-es-MX.pdf'), renderDecisionLetterPdf(syntheticDecisionLetter('es-MX')));
writeFileSync(join(directory, 'decision-letter-fr-MA.pdf'), renderDecisionLetterPdf(syntheticDecisionLetter('fr-MA')));
console.log(`sample statements written to ${directory}/`);
