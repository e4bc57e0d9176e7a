import type { EntityManager } from 'typeorm';
import { addDays } from '../../common/dates';
import { Invoice, InvoiceStatus } from '../billing/billing.entity';
import { Payment, PaymentAllocation } from '../payments/payment.entity';

/** Invoices that were billed: issued, whether paid since or not. */
export const BILLED = [InvoiceStatus.ISSUED, InvoiceStatus.PAID];

type Raw = string | number | null | undefined;
export const num = (v: Raw): number => Number(v ?? 0);
/** Midnight UTC starting a day: payments and work items are placed in days by their UTC timestamps. */
export const startOf = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/**
 * What was open at the end of a day on the invoices billed by then, by due
 * date: their totals less the allocations of the payments (and credit notes)
 * received by that day's end. Cents; due dates with nothing open are left out.
 */
export async function openOn(em: EntityManager, lastDay: string): Promise<Map<string, number>> {
  const billed = (await em
    .getRepository(Invoice)
    .createQueryBuilder('i')
    .select('i.due_date', 'dueDate')
    .addSelect('SUM(i.total)', 'total')
    .where('i.status IN (:...billed)', { billed: BILLED })
    .andWhere('i.issue_date <= :lastDay', { lastDay })
    .groupBy('i.due_date')
    .getRawMany()) as Array<{ dueDate: string; total: Raw }>;
  const paid = (await em
    .getRepository(PaymentAllocation)
    .createQueryBuilder('a')
    .innerJoin(Invoice, 'i', 'i.id = a.invoice_id')
    .innerJoin(Payment, 'p', 'p.id = a.payment_id')
    .select('i.due_date', 'dueDate')
    .addSelect('SUM(a.amount)', 'total')
    .where('i.status IN (:...billed)', { billed: BILLED })
    .andWhere('i.issue_date <= :lastDay', { lastDay })
    .andWhere('p.received_at < :end', { end: startOf(addDays(lastDay, 1)) })
    .groupBy('i.due_date')
    .getRawMany()) as Array<{ dueDate: string; total: Raw }>;
  const open = new Map(billed.map((r) => [String(r.dueDate), num(r.total)]));
  for (const r of paid) open.set(String(r.dueDate), (open.get(String(r.dueDate)) ?? 0) - num(r.total));
  for (const [day, cents] of open) if (cents === 0) open.delete(day);
  return open;
}
