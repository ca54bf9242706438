import { describe, expect, test } from 'vitest';
import { assertRenderableHere } from '../../src/api/statements/statements.handlers';
import { CofundError } from '../../src/errors';
import { WORKERS_DOCUMENT_ROW_LIMIT } from '../../src/runtime/worker-limits';

/*
 * A runtime with a CPU budget per request (a Worker) sets AppDependencies.documentRowLimit: beyond
 * it a document is refused with a 501 that points at the Node runtime, never cut short.
 */
describe('documents too large for the runtime', () => {
  test('are refused with 501, naming the rows and the limit', () => {
    expect(() => assertRenderableHere(WORKERS_DOCUMENT_ROW_LIMIT, WORKERS_DOCUMENT_ROW_LIMIT)).not.toThrow();
    let refusal: unknown;
    try {
      assertRenderableHere(WORKERS_DOCUMENT_ROW_LIMIT + 1, WORKERS_DOCUMENT_ROW_LIMIT);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CofundError);
    expect(refusal).toMatchObject({
      status: 501,
      code: 'document-too-large-for-workers',
      extra: { rows: WORKERS_DOCUMENT_ROW_LIMIT + 1, limit: WORKERS_DOCUMENT_ROW_LIMIT },
    });
    expect((refusal as Error).message).toContain('Node runtime');
  });

  test('are rendered whatever their size where no limit is set (Node)', () => {
    expect(() => assertRenderableHere(1_000_000, undefined)).not.toThrow();
  });
});
