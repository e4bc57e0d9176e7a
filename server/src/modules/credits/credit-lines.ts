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
import { formatDecimal, formatMoney } from '../../common/money';
import { taxOn } from '../taxes/tax-math';

export interface CreditableLine {
  id: string;
  kind: string;
  description: string;
  /** Cents, as the invoice shows it (negative on CREDIT lines). */
  amount: number;
  /** Cents earlier credit notes took of it, with the line's sign. */
  credited: number;
  /** TAX lines: the tax code. */
  taxCode?: string | null;
  /** False on a charge added as not taxable: no tax's base counts it. */
  taxable?: boolean;
}

/** A tax rate of the invoice, as it taxed the invoice's lines (one per TAX line's code). */
export interface InvoiceTaxRate {
  code: string;
  name: string;
  /** Micro-units: 8.25 % is 8_250_000. */
  percent: number;
  /** Line kinds whose amounts make the base. */
  appliesTo: readonly string[];
}

export interface CreditItem {
  invoiceLineId: string;
  /** Cents, with the line's sign. */
  amount: number;
}

export interface CreditLineDraft {
  /** The invoice line it credits (a partial credit's tax credits the invoice's TAX line of its code); null for none. */
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
  taxRates = [],
}: {
  lines: readonly CreditableLine[];
  items: readonly CreditItem[] | null;
  /** The invoice's tax rates, by the codes of its TAX lines: a partial credit credits tax at these. */
  taxRates?: readonly InvoiceTaxRate[];
}): CreditComputation {
  const left = leftToCredit(lines);
  if (left <= 0) {
    throw new CreditRuleError(
      lines.reduce((sum, l) => sum + l.amount, 0) === 0
        ? 'it comes to 0.00, so there is nothing to credit; void it (voidInvoice) to bill its reads again'
        : 'The invoice has nothing left to credit: earlier credit notes took all of it',
    );
  }
  // A full credit takes every line as it stands, TAX lines included; only a partial one derives lines.
  const withDerived = items === null ? fullCredit(lines) : itemDrafts(lines, items, taxRates);
  const total = withDerived.reduce((sum, d) => sum + d.amount, 0);
  if (total <= 0) throw new CreditRuleError(`A credit note must credit more than 0.00; these items come to ${formatMoney(total)}`);
  if (total > left)
    throw new CreditRuleError(
      `These items credit ${formatMoney(total)}; the invoice has ${formatMoney(left)} left to credit (its total less earlier credit notes)`,
    );
  return { lines: withDerived, total };
}

/** The lines of a partial credit: the items, and the tax they derive. */
function itemDrafts(
  lines: readonly CreditableLine[],
  items: readonly CreditItem[],
  taxRates: readonly InvoiceTaxRate[],
): CreditLineDraft[] {
  const drafts = byItems(lines, items);
  return [...drafts, ...derivedLines(drafts, lines, taxRates)];
}

/**
 * Whether the items, derived tax included, come to more than the invoice has
 * left to credit: one-time credits on the invoice (a sign-up credit, an
 * amount-off promo) took part of what its lines charged.
 */
export function creditsPastLeft(
  lines: readonly CreditableLine[],
  items: readonly CreditItem[],
  taxRates: readonly InvoiceTaxRate[] = [],
): boolean {
  return itemDrafts(lines, items, taxRates).reduce((sum, d) => sum + d.amount, 0) > leftToCredit(lines);
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
 * Lines a partial credit note adds because of the lines it credits: the tax on
 * them. Per TAX line of the invoice whose code has a rate: the base is the sum
 * of the credited amounts of the lines of the kinds the rate applies to
 * (a not-taxable charge counts in none; never below 0), the tax is base x
 * percent / 100 rounded half-up once per code, and it is never more than
 * what earlier notes (and this note's own items) left of that TAX line. Each
 * is a TAX line crediting the invoice's TAX line. A full credit never comes
 * here: it already takes every TAX line as it stands.
 */
export function derivedLines(
  drafts: readonly CreditLineDraft[],
  lines: readonly CreditableLine[],
  taxRates: readonly InvoiceTaxRate[] = [],
): CreditLineDraft[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const out: CreditLineDraft[] = [];
  for (const taxLine of lines) {
    if (taxLine.kind !== 'TAX' || !taxLine.taxCode) continue;
    const rate = taxRates.find((r) => r.code === taxLine.taxCode);
    if (!rate) continue;
    const kinds = new Set(rate.appliesTo);
    let base = 0;
    for (const d of drafts) {
      const line = d.invoiceLineId === null ? undefined : byId.get(d.invoiceLineId);
      if (!line || line.kind === 'TAX' || line.taxable === false || !kinds.has(line.kind)) continue;
      base += d.amount;
    }
    if (base <= 0) continue;
    const ownItems = drafts.filter((d) => d.invoiceLineId === taxLine.id).reduce((sum, d) => sum + d.amount, 0);
    const rest = taxLine.amount - taxLine.credited - ownItems;
    const amount = Math.min(taxOn(base, rate.percent), Math.max(0, rest));
    if (amount <= 0) continue;
    out.push({
      invoiceLineId: taxLine.id,
      kind: 'TAX',
      description: `${rate.name} ${formatDecimal(rate.percent)}% of ${formatMoney(base)}`,
      amount,
    });
  }
  return out;
}
