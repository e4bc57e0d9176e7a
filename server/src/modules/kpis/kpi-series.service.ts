import { addDays } from '../../common/dates';
import { badInput } from '../../common/errors/hub-error';
import { MICROS_PER_UNIT } from '../../common/money';
import type { Database } from '../../db/database';
import { Invoice } from '../billing/billing.entity';
import { Payment, PaymentStatus } from '../payments/payment.entity';
import { BILLED, num, openOn, startOf } from './open-on';
import { WorkItem, WorkItemStatus, WorkQueue } from '../work-queues/work-queue.entity';
import { attainment, monthlyDso, monthWindows, type MonthWindow } from './kpi-months';
import type { KpiMonth, QueueSlaMonth } from './kpi.types';

const MAX_MONTHS = 36;
type Raw = string | number | null | undefined;

export function assertMonthCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_MONTHS) {
    throw badInput(`months must be a whole number from 1 to ${MAX_MONTHS}, got ${count}`);
  }
  return count;
}

/** The dashboard's monthly series, computed from the ledger by grouped statements per month. */
export class KpiSeriesService {
  constructor(private readonly db: Database) {}

  /** Invoiced, collected, receivables, past due and DSO for each of `count` months ending with asOf's month. */
  async months(asOf: string, count: number): Promise<KpiMonth[]> {
    const out: KpiMonth[] = [];
    for (const w of monthWindows(asOf, assertMonthCount(count))) {
      const invoiced = (await this.grossInvoiced(w)) - (await this.credited(w));
      const receivables = await this.openAtEnd(w, false);
      out.push({
        month: w.month,
        endDate: addDays(w.toExclusive, -1),
        invoiced,
        collected: await this.collected(w),
        receivables,
        pastDue: await this.openAtEnd(w, true),
        dso: monthlyDso(receivables, invoiced, w).times(MICROS_PER_UNIT).toNumber(),
      });
    }
    return out;
  }

  /** Per queue and month, the items resolved and those resolved by their due time; months with none are left out. */
  async slaByQueue(asOf: string, count: number): Promise<QueueSlaMonth[]> {
    const out: QueueSlaMonth[] = [];
    for (const w of monthWindows(asOf, assertMonthCount(count))) {
      const rows = (await this.db.manager
        .getRepository(WorkItem)
        .createQueryBuilder('w')
        .innerJoin(WorkQueue, 'q', 'q.id = w.queue_id')
        .select('q.queue_key', 'queueKey')
        .addSelect('COUNT(*)', 'resolved')
        .addSelect('SUM(CASE WHEN w.resolved_at <= w.due_at THEN 1 ELSE 0 END)', 'inTime')
        .where('w.status = :resolved', { resolved: WorkItemStatus.RESOLVED })
        .andWhere('w.resolved_at >= :from AND w.resolved_at < :to', { from: startOf(w.from), to: startOf(w.toExclusive) })
        .groupBy('q.queue_key')
        .orderBy('q.queue_key')
        .getRawMany()) as Array<{ queueKey: string; resolved: Raw; inTime: Raw }>;
      for (const r of rows) {
        const resolved = num(r.resolved);
        const inTime = num(r.inTime);
        const share = attainment(inTime, resolved);
        if (!share) continue;
        out.push({
          queueKey: r.queueKey,
          month: w.month,
          resolved,
          resolvedInTime: inTime,
          attainment: share.times(MICROS_PER_UNIT).toNumber(),
        });
      }
    }
    return out;
  }

  private async grossInvoiced(w: MonthWindow): Promise<number> {
    const row = (await this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select('SUM(i.total)', 'total')
      .where('i.status IN (:...billed)', { billed: BILLED })
      .andWhere('i.issue_date >= :from AND i.issue_date < :to', { from: w.from, to: w.toExclusive })
      .getRawOne()) as { total: Raw } | undefined;
    return num(row?.total);
  }

  private async credited(w: MonthWindow): Promise<number> {
    const [row] = (await this.db.manager.query('SELECT SUM(total) AS total FROM credit_note WHERE issue_date >= ? AND issue_date < ?', [
      w.from,
      w.toExclusive,
    ])) as Array<{ total: Raw }>;
    return num(row?.total);
  }

  private async collected(w: MonthWindow): Promise<number> {
    const row = (await this.db.manager
      .getRepository(Payment)
      .createQueryBuilder('p')
      .select('SUM(p.amount)', 'total')
      .where('p.credit_note_id IS NULL')
      .andWhere('p.status = :applied', { applied: PaymentStatus.APPLIED })
      .andWhere('p.received_at >= :from AND p.received_at < :to', { from: startOf(w.from), to: startOf(w.toExclusive) })
      .getRawOne()) as { total: Raw } | undefined;
    return num(row?.total);
  }

  /** Open on billed invoices issued by the month's last day, as it stood at its end; pastDueOnly keeps those due before that day. */
  private async openAtEnd(w: MonthWindow, pastDueOnly: boolean): Promise<number> {
    const lastDay = addDays(w.toExclusive, -1);
    let sum = 0;
    for (const [dueDate, cents] of await openOn(this.db.manager, lastDay)) if (!pastDueOnly || dueDate < lastDay) sum += cents;
    return sum;
  }
}
