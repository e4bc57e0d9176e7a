import { pdfText } from '../../server/src/modules/documents/__tests__/pdf-text';
import { gqlOk } from '../support/client';
import type { TestHub } from '../support/hub';
import { eventually } from '../support/wait';

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The words of an invoice's bill as stored and downloaded, once the render worker has drawn it. */
export async function drawnBill(t: TestHub, invoiceId: string): Promise<string> {
  const url = await eventually(`the bill of invoice ${invoiceId}`, async () => {
    const data = await gqlOk(t.url, 'query($id: ID!) { invoice(id: $id) { document { url } } }', { id: invoiceId }, t.adminToken);
    return (data.invoice.document?.url as string | undefined) ?? undefined;
  });
  const res = await fetch(`${t.url}${url}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  return flat(pdfText(Buffer.from(await res.arrayBuffer())).text);
}

/** The lines a bill's "Your account" box may have between the previous balance and the new charges. */
const MOVES = [
  'Payments since your last bill',
  'Returned payments',
  'Refunds since your last bill',
  'Credits since your last bill',
] as const;

/** "-1,234.50" or "+50.00" in cents. */
const cents = (text: string) => Number(text.replace(/[,.]/g, ''));

function figure(words: string, label: string): number | null {
  const found = new RegExp(`${label} ([-+]?[\\d,]+\\.\\d\\d)`).exec(words);
  return found ? cents(found[1]) : null;
}

/** A bill's account summary in cents, as printed; a line not printed is null. */
export function summaryOf(words: string): {
  previousBalance: number | null;
  moves: Record<(typeof MOVES)[number], number | null>;
  newCharges: number | null;
  /** The box's last line: "Amount due", or "Credit balance" (negative) when the account is in credit. */
  amountDue: number | null;
  /** The payment stub's amount. */
  stubDue: number | null;
} {
  const box = words.slice(words.indexOf('Your account'), words.indexOf('Detach and return'));
  const stub = words.slice(words.indexOf('Detach and return'));
  const moves = Object.fromEntries(MOVES.map((label) => [label, figure(box, label)])) as Record<(typeof MOVES)[number], number | null>;
  return {
    previousBalance: figure(box, 'Previous balance'),
    moves,
    newCharges: figure(box, 'New charges'),
    amountDue: figure(box, 'Amount due') ?? figure(box, 'Credit balance'),
    stubDue: figure(stub, 'Amount due'),
  };
}

/** Previous balance + each line printed + new charges, which must be the amount due to the cent. */
export function addedUp(summary: ReturnType<typeof summaryOf>): number {
  const moved = Object.values(summary.moves).reduce((sum: number, c) => sum + (c ?? 0), 0);
  return (summary.previousBalance ?? NaN) + moved + (summary.newCharges ?? NaN);
}
