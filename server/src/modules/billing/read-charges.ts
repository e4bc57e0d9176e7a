/**
 * The charges one or more reads produced on their invoice, with no database:
 * what a credit note must credit when those reads are replaced or cancelled
 * after the invoice was issued. Money in integer cents.
 */

export interface ChargeLine {
  id: string;
  kind: string;
  /** Cents; negative on CREDIT lines. */
  amount: number;
  /** USAGE lines: the read priced. */
  usageReadId: string | null;
  /** USAGE lines: the enrollment that priced them; CREDIT lines: the enrollment whose usage a percent-off promo discounts. */
  enrollmentId: string | null;
}

export interface LineCredit {
  lineId: string;
  /** Cents of the line to credit: the whole of a USAGE line, the reads' share of a promo CREDIT line (negative). */
  amount: number;
}

/**
 * Splits `total` cents over `weights` in proportion, exactly: each share is
 * the floor of its exact part and the cents left over go to the largest
 * remainders (the first on ties), so the shares add up to `total`. Works for
 * a negative total (shares of a credit) by splitting its size.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const sign = total < 0 ? -1 : 1;
  const size = BigInt(Math.abs(total));
  const whole = BigInt(sum);
  const parts = weights.map((w, index) => {
    const exact = size * BigInt(w);
    return { index, floor: exact / whole, remainder: exact % whole };
  });
  let left = size - parts.reduce((s, p) => s + p.floor, 0n);
  const order = [...parts].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  const shares = parts.map((p) => p.floor);
  for (const p of order) {
    if (left <= 0n) break;
    shares[p.index] += 1n;
    left -= 1n;
  }
  return shares.map((s) => (s === 0n ? 0 : sign * Number(s)));
}

/**
 * What the reads produced on an invoice: their USAGE lines whole, and of each
 * percent-off promo CREDIT line the share of their usage in the usage it
 * discounts (every read's share allocated at once, so the shares of all the
 * reads of an invoice add up to the credit line to the cent).
 */
export function readCharges(lines: ChargeLine[], readIds: ReadonlySet<string>): LineCredit[] {
  const out: LineCredit[] = [];
  const usage = lines.filter((l) => l.kind === 'USAGE');
  for (const line of usage) if (line.usageReadId && readIds.has(line.usageReadId)) out.push({ lineId: line.id, amount: line.amount });
  for (const credit of lines.filter((l) => l.kind === 'CREDIT' && l.enrollmentId !== null)) {
    const discounted = usage.filter((l) => l.enrollmentId === credit.enrollmentId && l.usageReadId !== null);
    const byRead = new Map<string, number>();
    for (const l of discounted) byRead.set(l.usageReadId as string, (byRead.get(l.usageReadId as string) ?? 0) + l.amount);
    const reads = [...byRead.keys()].sort((a, b) => Number(a) - Number(b));
    if (!reads.some((r) => readIds.has(r))) continue;
    const shares = allocate(
      credit.amount,
      reads.map((r) => Math.max(0, byRead.get(r) ?? 0)),
    );
    const share = reads.reduce((sum, r, i) => (readIds.has(r) ? sum + shares[i] : sum), 0);
    if (share !== 0) out.push({ lineId: credit.id, amount: share });
  }
  return out;
}
