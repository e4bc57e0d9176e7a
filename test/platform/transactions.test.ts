import type { DataSource } from 'typeorm';
import { Database, inSavepoint, insertOne, statement } from '../../server/src/db/database';
import { AuditEntry } from '../../server/src/db/audit-entry.entity';
import { openScratchSource, type ScratchSource } from '../support/scratch-source';

/**
 * A unit of work's queued writes (insertLater, its outbox events and audit
 * entries) commit with it or not at all. On MySQL they travel with the COMMIT
 * in one multi-statement round trip; these tests hold both databases to the
 * same outcome.
 */
let source: ScratchSource;
let ds: DataSource;
let db: Database;

beforeAll(async () => {
  source = await openScratchSource({ migrate: true });
  ds = source.ds;
  db = new Database(ds);
});
afterAll(() => source?.close());

function entry(subjectId: string, after: unknown = { n: 1 }): AuditEntry {
  return Object.assign(new AuditEntry(), {
    at: new Date('2026-03-01T10:00:00Z'),
    actor: 'tester',
    action: 'queued',
    subjectType: 'Test',
    subjectId,
    before: null,
    after,
  });
}

async function entriesFor(prefix: string): Promise<AuditEntry[]> {
  return ds
    .getRepository(AuditEntry)
    .createQueryBuilder('e')
    .where('e.subject_id LIKE :p', { p: `${prefix}%` })
    .orderBy('e.id', 'ASC')
    .getMany();
}

describe('queued writes', () => {
  it('land with the commit, after the immediate writes, with their values intact', async () => {
    let seenInside = -1;
    await db.transaction(async (tx) => {
      await insertOne(tx.em, AuditEntry, entry('a-1'));
      tx.insertLater(AuditEntry, [entry('a-2', { amount: '12.34', nested: [1, 'two'] }), entry('a-3')]);
      tx.audit({ actor: 'tester', action: 'audited', subjectType: 'Test', subjectId: 'a-4', after: { ok: true } });
      // Queued, not yet written: a command must not read back what it queued.
      seenInside = (await tx.em.getRepository(AuditEntry).findBy({ subjectId: 'a-2' })).length;
    });
    expect(seenInside).toBe(0);
    const rows = await entriesFor('a-');
    expect(rows.map((r) => [r.subjectId, r.action])).toEqual([
      ['a-1', 'queued'],
      ['a-2', 'queued'],
      ['a-3', 'queued'],
      ['a-4', 'audited'],
    ]);
    expect(rows[1].after).toEqual({ amount: '12.34', nested: [1, 'two'] });
    expect(rows[1].at.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('when one fails, nothing of the transaction commits: not the rows before it, nor its immediate writes, nor its events', async () => {
    let committedEvents = 0;
    db.onEventsCommitted(() => committedEvents++);
    const bad = Object.assign(entry('b-3'), { actor: null });
    await expect(
      db.transaction(async (tx) => {
        await insertOne(tx.em, AuditEntry, entry('b-1'));
        tx.insertLater(AuditEntry, [entry('b-2')]);
        tx.insertLater(AuditEntry, [bad]);
        tx.emit({ type: 'PAYMENT_RECEIVED' as never, subjectId: 'b', payload: {} as never });
      }),
    ).rejects.toThrow(/actor/i);
    expect(await entriesFor('b-')).toEqual([]);
    expect(committedEvents).toBe(0);
    // The connection that failed is fit for the next transaction.
    await db.transaction(async (tx) => tx.insertLater(AuditEntry, [entry('b-ok')]));
    expect((await entriesFor('b-')).map((r) => r.subjectId)).toEqual(['b-ok']);
  });

  it('more than one round trip can carry (18 MB of rows, over the 16 MB MariaDB packet limit) still commits whole', async () => {
    const big = 'x'.repeat(2_000);
    const rows = Array.from({ length: 9_000 }, (_, i) => entry(`c-${String(i).padStart(4, '0')}`, { big }));
    await db.transaction(async (tx) => tx.insertLater(AuditEntry, rows));
    const stored = await entriesFor('c-');
    expect(stored).toHaveLength(9_000);
    expect(stored[8_999].subjectId).toBe('c-8999');
    expect((stored[1_500].after as { big: string }).big).toHaveLength(2_000);
  });

  it('in a savepoint: kept when its work succeeds, dropped with it when it fails, and the outer work goes on', async () => {
    await db.transaction(async (tx) => {
      await inSavepoint(tx, async (sub) => sub.insertLater(AuditEntry, [entry('d-kept')]));
      await inSavepoint(tx, async (sub) => {
        sub.insertLater(AuditEntry, [entry('d-dropped')]);
        await insertOne(sub.em, AuditEntry, entry('d-dropped-now'));
        throw new Error('this account failed');
      }).catch(() => undefined);
      // A queued row that fails fails its savepoint alone.
      await expect(
        inSavepoint(tx, async (sub) => sub.insertLater(AuditEntry, [Object.assign(entry('d-bad'), { actor: null })])),
      ).rejects.toThrow(/actor/i);
      tx.insertLater(AuditEntry, [entry('d-outer')]);
    });
    expect((await entriesFor('d-')).map((r) => r.subjectId)).toEqual(['d-kept', 'd-outer']);
  });

  it('queued statements (writeLater) run with the commit, in the order queued among the rows, unseen before it', async () => {
    let seenInside: unknown[] = [];
    await db.transaction(async (tx) => {
      await insertOne(tx.em, AuditEntry, entry('f-1'));
      tx.insertLater(AuditEntry, [entry('f-2')]);
      tx.writeLater([statement(tx.em, "UPDATE audit_entry SET action = ? WHERE subject_id IN ('f-1', 'f-2')", ['updated'])]);
      tx.insertLater(AuditEntry, [entry('f-3')]);
      seenInside = (await tx.em.getRepository(AuditEntry).findBy({ subjectId: 'f-1' })).map((r) => r.action);
    });
    expect(seenInside).toEqual(['queued']);
    expect((await entriesFor('f-')).map((r) => [r.subjectId, r.action])).toEqual([
      ['f-1', 'updated'],
      ['f-2', 'updated'],
      ['f-3', 'queued'],
    ]);
  });

  it('are written as they were when queued', async () => {
    const row = entry('e-1', { step: 'queued' });
    await db.transaction(async (tx) => {
      tx.insertLater(AuditEntry, [row]);
      row.after = { step: 'changed afterwards' };
    });
    expect((await entriesFor('e-'))[0].after).toEqual({ step: 'queued' });
  });
});
