import type { TestHub } from './hub';
import { int, money, sql } from './sql';

/**
 * Usage reads and the money they bill:
 * - a read's USAGE lines are on one standing invoice at most (not VOID, not credited in full to be billed again),
 *   and that is the invoice it says billed it;
 * - a read that no longer counts (replaced or cancelled) but still names a standing invoice had every one of its
 *   USAGE lines there credited in full by credit notes;
 * - a counting read is billed on a standing invoice or not at all (never left on a VOID one).
 */
export async function readProblems(t: TestHub): Promise<string[]> {
  const problems: string[] = [];
  const spread = await sql(
    t,
    `SELECT l.usage_read_id AS readId, COUNT(DISTINCT l.invoice_id) AS n, MIN(l.invoice_id) AS invoiceId, MAX(r.invoice_id) AS readInvoice
       FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id JOIN usage_read r ON r.id = l.usage_read_id
      WHERE l.kind = 'USAGE' AND i.status <> 'VOID'
        AND NOT EXISTS (SELECT 1 FROM credit_note c WHERE c.invoice_id = i.id AND c.rebill = 1)
      GROUP BY l.usage_read_id`,
  );
  for (const row of spread) {
    if (int(row.n) !== 1n) problems.push(`read ${String(row.readId)}: billed on ${String(row.n)} standing invoices`);
    else if (String(row.invoiceId) !== String(row.readInvoice))
      problems.push(`read ${String(row.readId)}: billed on invoice ${String(row.invoiceId)} but names invoice ${String(row.readInvoice)}`);
  }
  const uncredited = await sql(
    t,
    `SELECT r.id AS readId, l.id AS lineId, l.amount, COALESCE(SUM(c.amount), 0) AS credited
       FROM usage_read r
       JOIN invoice i ON i.id = r.invoice_id AND i.status IN ('ISSUED', 'PAID')
       JOIN invoice_line l ON l.invoice_id = i.id AND l.usage_read_id = r.id AND l.kind = 'USAGE'
       LEFT JOIN credit_note_line c ON c.invoice_line_id = l.id
      WHERE r.live IS NULL
      GROUP BY r.id, l.id, l.amount
     HAVING COALESCE(SUM(c.amount), 0) <> l.amount`,
  );
  for (const row of uncredited)
    problems.push(
      `read ${String(row.readId)} no longer counts but its line ${String(row.lineId)} (${money(int(row.amount))}) is credited ${money(int(row.credited))}`,
    );
  const onVoid = await sql(t, `SELECT r.id FROM usage_read r JOIN invoice i ON i.id = r.invoice_id WHERE i.status = 'VOID'`);
  for (const row of onVoid) problems.push(`read ${String(row.id)}: still names a VOID invoice`);
  return problems;
}
