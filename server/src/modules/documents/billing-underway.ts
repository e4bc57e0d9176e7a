import { DateUtils } from 'typeorm/util/DateUtils';
import type { Database } from '../../db/database';

/** A running bill run counts as alive while a chunk of it finished (or it started or beat) this recently. */
const ALIVE_MS = 120_000;

/**
 * True while a bill run is billing, in any process: the render worker then
 * leaves the cores to it and renders once it has ended, so a bill run takes
 * as long with documents on as without. A run whose processes died stops
 * counting after ALIVE_MS, so documents are never held back for long.
 */
export async function billingUnderway(db: Database, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - ALIVE_MS);
  const param = db.dialect === 'sqlite' ? (DateUtils.mixedDateToUtcDatetimeString(since) as string) : since;
  const rows = (await db.manager.query(
    `SELECT r.id FROM bill_run r WHERE r.status = 'RUNNING'
       AND (r.heartbeat_at >= ? OR EXISTS (SELECT 1 FROM bill_run_chunk c WHERE c.run_id = r.id AND c.finished_at >= ?))
     LIMIT 1`,
    [param, param],
  )) as unknown[];
  return rows.length > 0;
}
