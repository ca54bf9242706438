import type { RequestBody } from '../clients/typescript/src/index';

/*
 * The sample 3x1 project every walk-through files: the end-to-end scenario, the Workers scenario and
 * `tools/sample-project.ts` tell the same story, so they file the same application.
 */
export const HIDALGO_APPLICATION: RequestBody<'fileApplication'> = {
  projectType: 'infrastructure',
  title: 'Pavimentación de la calle Hidalgo',
  totalCost: '2400000.00',
  currency: 'MXN',
  location: 'Jerez, Zacatecas',
  filedAt: '2014-03-03',
  // Valid at filing (3x1-5) and still valid when the agreement is signed, today.
  registration: { validFrom: '2013-06-01', validTo: '2030-12-31' },
};
