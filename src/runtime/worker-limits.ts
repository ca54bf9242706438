/**
 * Rows a Worker renders in one statement: workerd measured about 250 µs of CPU a row for a PDF
 * (docs/workers.md), so 20,000 rows take about 5 s, inside the paid plan's default 30 s with room
 * for the queries around it. Larger documents are refused with 501 pointing at the Node runtime.
 */
export const WORKERS_DOCUMENT_ROW_LIMIT = 20_000;
