import { todayIn } from '../../common/dates';
import { PollLoop } from '../../common/poll-loop';
import type { Database, Tx } from '../../db/database';
import { runWrite } from '../../db/database';
import { EventType } from '../../events/event-types';
import { Product, ProductChange, ProductStatus } from './product.entity';

export const SALES_CALENDAR_INTERVAL_MS = 60_000;
const PAGE = 500;

export type CalendarLogger = { error(msg: string, error?: unknown): void };

/**
 * A sales day to announce: the product's date column, the column recording
 * the announcement (the day announced), and the change. A launch is announced
 * on its day; an end also when that day passed unannounced (the hub was down,
 * or the end was moved into the past), since an ended product becomes
 * RETIRED then: its status follows its window.
 */
interface SalesDay {
  column: 'sales_start' | 'sales_end';
  announced: 'sales_start_announced' | 'sales_end_announced';
  change: ProductChange;
  /** '=': on the day only; '<=': on the day, or late. */
  due: '=' | '<=';
}

const DAYS: SalesDay[] = [
  { column: 'sales_start', announced: 'sales_start_announced', change: ProductChange.SALES_STARTED, due: '=' },
  { column: 'sales_end', announced: 'sales_end_announced', change: ProductChange.SALES_ENDED, due: '<=' },
];

/**
 * Records a sales start or end that is today or past as announced, inside the
 * publishing or retiring transaction: its PUBLISHED or RETIRED event already
 * says so, and a launch backdated for migrated customers is not news.
 */
export async function markAnnouncedIfCome(tx: Tx, productId: string, which: 'start' | 'end', day: string, today: string): Promise<void> {
  if (day > today) return;
  const column = which === 'start' ? 'sales_start_announced' : 'sales_end_announced';
  await runWrite(tx.em, `UPDATE product SET ${column} = ? WHERE id = ?`, [day, Number(productId)]);
}

/**
 * Announces scheduled launches and ends: on the day (in HUB_TIMEZONE) a
 * published product's salesStart or salesEnd arrives, when it was still ahead
 * at publication or retirement, PRODUCT_CHANGED with
 * SALES_STARTED or SALES_ENDED, once across every process (a conditional
 * UPDATE records the day announced; only the one that changes it emits). A
 * window that never opened (retired on its launch day) announces nothing.
 */
export class SalesCalendar {
  private readonly loop: PollLoop;

  constructor(
    private readonly db: Database,
    private readonly timezone: string,
    log: CalendarLogger,
    intervalMs = SALES_CALENDAR_INTERVAL_MS,
  ) {
    this.loop = new PollLoop({
      round: () => this.sweepOnce(),
      intervalMs,
      failure: 'sales calendar sweep failed; retrying at the next interval',
      log,
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Announces today's sales starts and ends not announced yet; returns how many it announced. */
  async sweepOnce(now: Date = new Date()): Promise<number> {
    const today = todayIn(this.timezone, now);
    let announced = 0;
    for (const day of DAYS) {
      for (const id of await this.due(day, today)) if (await this.announce(day, id, today)) announced++;
    }
    return announced;
  }

  private async due(day: SalesDay, today: string): Promise<string[]> {
    const rows = (await this.db.manager.query(
      `SELECT id FROM product WHERE status IN (?, ?) AND ${day.column} ${day.due} ? AND (${day.announced} IS NULL OR ${day.announced} <> ${day.column})
       AND sales_start IS NOT NULL AND (sales_end IS NULL OR sales_end > sales_start) ORDER BY id LIMIT ${PAGE}`,
      [ProductStatus.ACTIVE, ProductStatus.RETIRED, today],
    )) as Array<{ id: string | number }>;
    return rows.map((r) => String(r.id));
  }

  private announce(day: SalesDay, id: string, today: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { affected } = await runWrite(
        tx.em,
        `UPDATE product SET ${day.announced} = ${day.column}${day.column === 'sales_end' ? ', status = ?, version = version + 1' : ''}
         WHERE id = ? AND ${day.column} ${day.due} ? AND (${day.announced} IS NULL OR ${day.announced} <> ${day.column})`,
        [...(day.column === 'sales_end' ? [ProductStatus.RETIRED] : []), Number(id), today],
      );
      if (affected !== 1) return false;
      const product = await tx.em.getRepository(Product).findOneByOrFail({ id });
      tx.emit({
        type: EventType.PRODUCT_CHANGED,
        subjectId: product.id,
        payload: { change: day.change, code: product.code, version: product.version, status: product.status },
      });
      return true;
    });
  }
}
