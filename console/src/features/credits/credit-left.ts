import { fromScaled, toScaled } from '../../shared/money';

export interface LineToCredit {
  id: string;
  amount: string;
}

export interface EarlierCreditLine {
  amount: string;
  invoiceLine: { id: string } | null;
}

/** What earlier credit notes left to credit of each invoice line, by line id (exact, as Money strings). */
export function leftPerLine(lines: readonly LineToCredit[], earlier: readonly EarlierCreditLine[]): Map<string, string> {
  const taken = new Map<string, bigint>();
  for (const l of earlier) {
    if (!l.invoiceLine) continue;
    taken.set(l.invoiceLine.id, (taken.get(l.invoiceLine.id) ?? 0n) + toScaled(l.amount, 2));
  }
  return new Map(lines.map((l) => [l.id, fromScaled(toScaled(l.amount, 2) - (taken.get(l.id) ?? 0n), 2)]));
}

/** The items of a by-line credit from what the operator typed per line: the lines with an amount, with the line's sign. */
export function creditItems(
  lines: readonly LineToCredit[],
  typed: Readonly<Record<string, string>>,
): Array<{ invoiceLineId: string; amount: string }> {
  return lines
    .filter((l) => (typed[l.id] ?? '').trim() !== '' && toScaled(typed[l.id].trim(), 2) !== 0n)
    .map((l) => {
      const amount = typed[l.id].trim();
      // A discount line (negative) is taken back with a negative amount; the operator types it without the sign.
      const negative = toScaled(l.amount, 2) < 0n && !amount.startsWith('-');
      return { invoiceLineId: l.id, amount: negative ? `-${amount}` : amount };
    });
}
