import type { HubConfig } from '../../config/env';
import { addDays, daysBetween, todayIn } from '../../common/dates';
import { Decimal, MICROS_PER_UNIT } from '../../common/money';
import type { Database } from '../../db/database';
import { BillingException, ExceptionStatus, Invoice, InvoiceStatus } from '../billing/billing.entity';
import { UNRESOLVED, WorkItem, WorkItemStatus } from '../work-queues/work-queue.entity';
import type { AgingBuckets, Kpis } from './kpi.types';
import { openOn } from './open-on';

const DSO_WINDOW_DAYS = 90;
const SLA_WINDOW_DAYS = 30;

/** Places a Decimal in micro-units, rounded half-up. */
function toMicros(value: Decimal): number {
  return value.times(MICROS_PER_UNIT).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** Receivables and operations figures for the dashboard, each computed by one grouped statement. */
export class KpiService {
  constructor(
    private readonly db: Database,
    private readonly config: HubConfig,
  ) {}

  async compute(asOfArg: string | null | undefined): Promise<Kpis> {
    const asOf = asOfArg ?? todayIn(this.config.timezone);
    const aging = await this.aging(asOf);
    const receivables = aging.current + aging.days1to30 + aging.days31to60 + aging.days61to90 + aging.over90;
    const invoiced = await this.invoicedBetween(addDays(asOf, -DSO_WINDOW_DAYS), asOf);
    // DSO = receivables / amount invoiced in the window x days in the window.
    const dso =
      invoiced > 0
        ? new Decimal(receivables).dividedBy(invoiced).times(DSO_WINDOW_DAYS).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
        : new Decimal(0);
    const em = this.db.manager;
    const now = new Date();
    const [heldInvoices, openExceptions, openWorkItems, overdueWorkItems] = [
      await em.getRepository(Invoice).countBy({ status: InvoiceStatus.HELD }),
      await em.getRepository(BillingException).countBy({ status: ExceptionStatus.OPEN }),
      await em.getRepository(WorkItem).createQueryBuilder('w').where('w.status IN (:...open)', { open: UNRESOLVED }).getCount(),
      await em
        .getRepository(WorkItem)
        .createQueryBuilder('w')
        .where('w.status IN (:...open)', { open: UNRESOLVED })
        .andWhere('w.due_at < :now', { now })
        .getCount(),
    ];
    return {
      asOf,
      receivables,
      aging,
      dso: toMicros(dso),
      heldInvoices,
      openExceptions,
      openWorkItems,
      overdueWorkItems,
      slaAttainment: toMicros(await this.slaAttainment(asOf)),
    };
  }

  /**
   * Open amounts of invoices issued by asOf, by days past their due date: as they stand now, or for a past asOf
   * as they stood at its end (payments and credit notes received since left out).
   */
  private async aging(asOf: string): Promise<AgingBuckets> {
    const rows =
      asOf < todayIn(this.config.timezone)
        ? [...(await openOn(this.db.manager, asOf))].map(([dueDate, open]) => ({ dueDate, open }))
        : ((await this.db.manager
            .getRepository(Invoice)
            .createQueryBuilder('i')
            .select('i.due_date', 'dueDate')
            .addSelect('SUM(i.total - i.amount_paid)', 'open')
            .where('i.status = :issued', { issued: InvoiceStatus.ISSUED })
            .andWhere('i.issue_date <= :asOf', { asOf })
            .groupBy('i.due_date')
            .getRawMany()) as Array<{ dueDate: string; open: string | number }>);
    const buckets: AgingBuckets = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
    for (const row of rows) {
      const late = daysBetween(row.dueDate, asOf);
      const open = Number(row.open);
      if (late <= 0) buckets.current += open;
      else if (late <= 30) buckets.days1to30 += open;
      else if (late <= 60) buckets.days31to60 += open;
      else if (late <= 90) buckets.days61to90 += open;
      else buckets.over90 += open;
    }
    return buckets;
  }

  /** Amount invoiced (issued, not voided) with an issue date in (from, to], net of the credit notes issued in that window. */
  private async invoicedBetween(from: string, to: string): Promise<number> {
    const [credited] = (await this.db.manager.query(
      'SELECT SUM(total) AS total FROM credit_note WHERE issue_date > ? AND issue_date <= ?',
      [from, to],
    )) as Array<{ total: string | number | null }>;
    return (await this.grossInvoicedBetween(from, to)) - Number(credited?.total ?? 0);
  }

  private async grossInvoicedBetween(from: string, to: string): Promise<number> {
    const row = (await this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .select('SUM(i.total)', 'total')
      .where('i.status IN (:...statuses)', { statuses: [InvoiceStatus.ISSUED, InvoiceStatus.PAID] })
      .andWhere('i.issue_date > :from AND i.issue_date <= :to', { from, to })
      .getRawOne()) as { total: string | number | null } | undefined;
    return Number(row?.total ?? 0);
  }

  /** Share of items resolved in the 30 days before asOf that were resolved by their due time; 1 when none were. */
  private async slaAttainment(asOf: string): Promise<Decimal> {
    const from = new Date(`${addDays(asOf, -SLA_WINDOW_DAYS)}T00:00:00.000Z`);
    const to = new Date(`${addDays(asOf, 1)}T00:00:00.000Z`);
    const base = () =>
      this.db.manager
        .getRepository(WorkItem)
        .createQueryBuilder('w')
        .where('w.status = :resolved', { resolved: WorkItemStatus.RESOLVED })
        .andWhere('w.resolved_at > :from AND w.resolved_at < :to', { from, to });
    const resolved = await base().getCount();
    if (resolved === 0) return new Decimal(1);
    const inTime = await base().andWhere('w.resolved_at <= w.due_at').getCount();
    return new Decimal(inTime).dividedBy(resolved).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  }
}
