import { afterEach, describe, expect, test, vi } from 'vitest';
import { WORKERS_ROW_LIMIT, assertRenderableHere } from '../../src/api/statements/statements.handlers';
import { CofundError } from '../../src/errors';

/*
 * On Workers a document is rendered inside the request's CPU budget: beyond WORKERS_ROW_LIMIT rows
 * it is refused with a 501 that points at the Node runtime, never cut short. workerd is recognised
 * by navigator.userAgent, which is stubbed here as workerd sets it.
 */

afterEach(() => vi.unstubAllGlobals());

describe('documents too large for a Worker', () => {
  test('are refused on Workers with 501, naming the rows and the limit', () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    expect(() => assertRenderableHere(WORKERS_ROW_LIMIT)).not.toThrow();
    let refusal: unknown;
    try {
      assertRenderableHere(WORKERS_ROW_LIMIT + 1);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CofundError);
    expect(refusal).toMatchObject({ status: 501, code: 'document-too-large-for-workers', extra: { rows: WORKERS_ROW_LIMIT + 1, limit: WORKERS_ROW_LIMIT } });
    expect((refusal as Error).message).toContain('Node runtime');
  });

  test('are rendered on Node whatever their size', () => {
    expect(() => assertRenderableHere(1_000_000)).not.toThrow();
  });
});
