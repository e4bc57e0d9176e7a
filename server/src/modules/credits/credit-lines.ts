/**
 * What a credit note credits, with no database: its lines, from the invoice's
 * lines, what earlier credit notes took of each, and the request.
 *
 * The rules:
 * - A full credit takes every line for what earlier notes left of it, taxes
 *   included (a TAX line is credited like any line), so the invoice nets to
 *   zero. A CREDIT line (a discount, negative) is taken back too: its credit
 *   note line is negative.
 * - By items: an amount per invoice line, with the line's sign (a CREDIT
 *   line's discount is taken back with a negative amount), at most what
 *   earlier notes left of that line; one item per line.
 * - The note's total is more than 0 and never more than the invoice's total
 *   less what earlier notes credited.
 *
 * Money in integer cents. Bad requests throw CreditRuleError with a message
 * that says what to fix; the caller turns it into BAD_USER_INPUT.
 */
import { formatMoney } from '../../common/money';

export interface CreditableLine {
  id: string;
  kind: string;
  description: string;
  /** Cents, as the invoice shows it (negative on CREDIT lines). */
  amount: number;
  /** Cents earlier credit notes took of it, with the line's sign. */
  credited: number;
}

export interface CreditItem {
  invoiceLineId: string;
  /** Cents, with the line's sign. */
  amount: number;
}

export interface CreditLineDraft {
  /** null for a line that credits no single invoice line (none today: the taxes of a partial credit will be). */
  invoiceLineId: string | null;
  kind: string;
  description: string;
  amount: number;
}

export interface CreditComputation {
  lines: CreditLineDraft[];
  total: number;
}

export class CreditRuleError extends Error {}

/** What is left to credit of the invoice: its total less what earlier notes credited. */
export function leftToCredit(lines: readonly CreditableLine[]): number {
  return lines.reduce((sum, l) => sum + l.amount - l.credited, 0);
}

/**
 * The lines of a credit note (items null: a full credit). Raises
 * CreditRuleError when the request breaks a rule.
 */
export function computeCreditNote({
  lines,
  items,
}: {
  lines: readonly CreditableLine[];
  items: readonly CreditItem[] | null;
}): CreditComputation {
  const left = leftToCredit(lines);
  if (left <= 0) throw new CreditRuleError('The invoice has nothing left to credit: earlier credit notes took all of it');
  // A full credit takes every line as it stands, TAX lines included; only a partial one derives lines.
  const drafts = items === null ? fullCredit(lines) : byItems(lines, items);
  const withDerived = items === null ? drafts : [...drafts, ...derivedLines(drafts, lines)];
  const total = withDerived.reduce((sum, d) => sum + d.amount, 0);
  if (total <= 0) throw new CreditRuleError(`A credit note must credit more than 0.00; these items come to ${formatMoney(total)}`);
  if (total > left)
    throw new CreditRuleError(
      `These items credit ${formatMoney(total)}; the invoice has ${formatMoney(left)} left to credit (its total less earlier credit notes)`,
    );
  return { lines: withDerived, total };
}

function fullCredit(lines: readonly CreditableLine[]): CreditLineDraft[] {
  return lines
    .filter((l) => l.amount - l.credited !== 0)
    .map((l) => ({ invoiceLineId: l.id, kind: l.kind, description: l.description, amount: l.amount - l.credited }));
}

function byItems(lines: readonly CreditableLine[], items: readonly CreditItem[]): CreditLineDraft[] {
  if (items.length === 0) throw new CreditRuleError('items must name at least one invoice line; omit items for a full credit');
  const byId = new Map(lines.map((l) => [l.id, l]));
  const seen = new Set<string>();
  return items.map((item, index) => {
    const line = byId.get(item.invoiceLineId);
    const where = `items[${index}]`;
    if (!line) throw new CreditRuleError(`${where}: invoice line ${item.invoiceLineId} is not a line of this invoice`);
    if (seen.has(line.id)) throw new CreditRuleError(`${where}: invoice line ${line.id} is named twice; give one amount per line`);
    seen.add(line.id);
    const rest = line.amount - line.credited;
    if (!Number.isSafeInteger(item.amount) || item.amount === 0)
      throw new CreditRuleError(`${where}: the amount must not be 0 (line "${line.description}")`);
    if (Math.sign(item.amount) !== Math.sign(line.amount))
      throw new CreditRuleError(
        `${where}: line "${line.description}" is ${formatMoney(line.amount)}; its credit must have the same sign, up to ${formatMoney(rest)}`,
      );
    if (Math.abs(item.amount) > Math.abs(rest))
      throw new CreditRuleError(
        `${where}: ${formatMoney(item.amount)} is more than the ${formatMoney(rest)} left to credit on line "${line.description}"`,
      );
    return { invoiceLineId: line.id, kind: line.kind, description: line.description, amount: item.amount };
  });
}

/**
 * Lines a partial credit note adds because of the lines it credits. None yet:
 * this is where the tax on a partial credit goes (the tax of the credited
 * taxable amounts at the invoice's rates, rounded half-up per tax code, as
 * lines of kind TAX with invoiceLineId of the invoice's TAX line). A full
 * credit never comes here: it already takes every TAX line as it stands.
 */
export function derivedLines(drafts: readonly CreditLineDraft[], lines: readonly CreditableLine[]): CreditLineDraft[] {
  void drafts;
  void lines;
  return [];
}
