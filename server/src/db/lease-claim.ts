import { runWrite, type Database } from './database';
import { timeParam } from './stored-time';

/** A batch of a work table's rows to claim (see claimLeased). */
export interface LeaseClaim {
  /** The table: its rows have `id`, `lease_owner` and `lease_until` columns. */
  table: string;
  /** What else a row must meet to be claimed, besides having no lease in force, with its values (strings and numbers). */
  where: string;
  params: Array<string | number>;
  /** What else the claim sets on the rows it wins (`attempts = attempts + 1`), with no values of its own. */
  set: string;
  /** At most this many rows, the oldest first. */
  limit: number;
  /** Written to lease_owner: the process and the claim, so the claim's rows can be read back and only it can release them. */
  lease: string;
  now: Date;
  /** How long the rows are held before another process may take them over. */
  leaseMs: number;
}

/**
 * Claims up to `limit` claimable rows with one conditional UPDATE: a row
 * another process or another claim leased meanwhile is left out of it. Returns
 * the ids looked at, whether the claim won any of them and until when it holds
 * them; the rows it won are those of these ids with `lease_owner` = the claim's
 * lease.
 */
export async function claimLeased(db: Database, claim: LeaseClaim): Promise<{ ids: number[]; won: boolean; until: Date }> {
  const claimable = `(${claim.where}) AND (lease_until IS NULL OR lease_until < ?)`;
  const candidates = (await db.manager.query(`SELECT id FROM ${claim.table} WHERE ${claimable} ORDER BY id LIMIT ${claim.limit}`, [
    ...claim.params,
    timeParam(db.dialect, claim.now),
  ])) as Array<{ id: unknown }>;
  const ids = candidates.map((c) => Number(c.id));
  const until = new Date(claim.now.getTime() + claim.leaseMs);
  if (ids.length === 0) return { ids, won: false, until };
  const { affected } = await db.exclusive(() =>
    runWrite(
      db.manager,
      `UPDATE ${claim.table} SET lease_owner = ?, lease_until = ?, ${claim.set} WHERE id IN (${ids.map(() => '?').join(', ')}) AND ${claimable}`,
      [claim.lease, until, ...ids, ...claim.params, claim.now],
    ),
  );
  return { ids, won: affected > 0, until };
}
