import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { badInput, conflict } from '../../common/errors/hub-error';
import { formatDecimal } from '../../common/money';
import { InvalidValue } from '../../common/scalars';
import { insertChunked, type Database, type Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import { lockAccounts } from '../accounts/account.service';
import { correctionOf, decideTwin, parseRegister } from './read-rules';
import { readKey, ReadStore, type StoredRead } from './read-store';
import { UsageRead } from './usage.entity';
import type { UsageImportResult, UsageInput, UsageRejection } from './usage.types';

export const MAX_READS_PER_CALL = 10_000;

export enum UsageRejectionCode {
  INVALID_VALUE = 'INVALID_VALUE',
  UNKNOWN_ACCOUNT = 'UNKNOWN_ACCOUNT',
  INVALID_PERIOD = 'INVALID_PERIOD',
  NEGATIVE_QUANTITY = 'NEGATIVE_QUANTITY',
  OVERLAP = 'OVERLAP',
  CONFLICTING_READ = 'CONFLICTING_READ',
}

/**
 * What billing does, in the same transaction, with reads that stop counting
 * (replaced or cancelled) and were on an invoice: a HELD one is voided, an
 * ISSUED or PAID one gets a credit note for the charges they produced there.
 */
export type WithdrawnReadsHandler = (tx: Tx, actor: Principal, reads: WithdrawnRead[], reason: string) => Promise<void>;

/** A read that stopped counting, as billing needs it. */
export type WithdrawnRead = Pick<UsageRead, 'id' | 'invoiceId' | 'register' | 'periodStart' | 'periodEnd'>;

interface Candidate {
  index: number;
  accountId: string;
  accountNumber: string;
  register: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
  estimated: boolean;
  replace: boolean;
}

/** A counting read of an account while an import is worked out: stored, or new in this call. */
interface Slot {
  register: string;
  periodStart: string;
  periodEnd: string;
  quantity: number;
  estimated: boolean;
  stored: StoredRead | null;
  /** The read this call stores for the slot. */
  row: UsageRead | null;
  /** The stored read the row replaces. */
  replaces: StoredRead | null;
}

/** A slot of one shape whatever it was made from, so that the lookups below stay monomorphic (10,000 of each a call). */
function slotOf(read: Omit<Slot, 'stored' | 'row' | 'replaces'>, stored: StoredRead | null, row: UsageRead | null): Slot {
  return {
    register: read.register,
    periodStart: read.periodStart,
    periodEnd: read.periodEnd,
    quantity: read.quantity,
    estimated: read.estimated,
    stored,
    row,
    replaces: null,
  };
}

/**
 * The counting reads an import meets, indexed: by account, register and
 * period for the twin of an incoming read, and per account and register in
 * order of periodStart for those it could overlap (reads of one account and
 * register never overlap one another, so those are the last few starting before its end).
 */
class Slots {
  private readonly twins = new Map<string, Slot>();
  private readonly lanes = new Map<string, Slot[]>();
  /** Slots whose row this call stores, in the order they got one. */
  readonly written: Array<Slot & { row: UsageRead }> = [];

  constructor(stored: StoredRead[]) {
    const sorted = [...stored].sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0));
    for (const r of sorted) this.add(r.accountId, slotOf(r, r, null), true);
  }

  twin(c: Candidate): Slot | undefined {
    return this.twins.get(readKey(c));
  }

  overlapping(c: Candidate): Slot | undefined {
    const lane = this.lanes.get(`${c.accountId}|${c.register}`) ?? [];
    // The earliest of those it overlaps, walking back from the last one starting before its end.
    let found: Slot | undefined;
    for (let i = this.firstStartingAtOrAfter(lane, c.periodEnd) - 1; i >= 0 && lane[i].periodEnd > c.periodStart; i--) found = lane[i];
    return found;
  }

  add(accountId: string, slot: Slot, append = false): void {
    this.twins.set(readKey({ accountId, register: slot.register, periodStart: slot.periodStart, periodEnd: slot.periodEnd }), slot);
    const key = `${accountId}|${slot.register}`;
    const lane = this.lanes.get(key);
    // Reads mostly arrive in time order: a new one usually goes at the end of its lane.
    if (!lane) this.lanes.set(key, [slot]);
    else if (append || lane[lane.length - 1].periodStart < slot.periodStart) lane.push(slot);
    else lane.splice(this.firstStartingAtOrAfter(lane, slot.periodEnd), 0, slot);
  }

  private firstStartingAtOrAfter(lane: Slot[], day: string): number {
    let [lo, hi] = [0, lane.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lane[mid].periodStart < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const describe = (p: { periodStart: string; periodEnd: string; register: string }): string =>
  `${p.periodStart} to ${p.periodEnd} on ${p.register}`;
const quality = (estimated: boolean): string => (estimated ? 'estimated' : 'actual');

/** Meter reads pushed in by integrators, validated one by one. */
export class UsageService {
  private readonly store: ReadStore;
  private withdrawn: WithdrawnReadsHandler = () => Promise.resolve();

  constructor(private readonly db: Database) {
    this.store = new ReadStore(db);
  }

  /** Lets billing credit or void, in the same transaction, the invoices of reads that stop counting. */
  onWithdrawn(handler: WithdrawnReadsHandler): void {
    this.withdrawn = handler;
  }

  /** Tells billing about reads that stopped counting while on an invoice. */
  async withdraw(tx: Tx, actor: Principal, reads: WithdrawnRead[], reason: string): Promise<void> {
    const billed = reads.filter((r) => r.invoiceId !== null);
    if (billed.length > 0) await this.withdrawn(tx, actor, billed, reason);
  }

  /**
   * Stores every good read; a bad one is rejected with its index and a reason
   * and never costs the good ones beside it. Per account and register: a read
   * identical to a stored one (same period, quantity and quality) is a
   * duplicate (ignored, counted); one with the same period otherwise replaces
   * it when it is an actual read over an estimate or says `replace`, and is
   * rejected as CONFLICTING_READ when not; one that overlaps a stored read
   * otherwise is rejected. The whole call is a fixed handful of statements.
   */
  async record(actor: Principal, reads: UsageInput[]): Promise<UsageImportResult> {
    if (reads.length > MAX_READS_PER_CALL) {
      throw badInput(`At most ${MAX_READS_PER_CALL} reads in one call; got ${reads.length}. Split the import into several calls.`);
    }
    const rejected: UsageRejection[] = [];
    const reject = (index: number, code: UsageRejectionCode, message: string) => rejected.push({ index, code, message });

    const valid: Candidate[] = [];
    reads.forEach((input, index) => {
      const { periodStart, periodEnd, quantity } = input;
      const register = parseRegister(input.register);
      if (periodStart instanceof InvalidValue) reject(index, UsageRejectionCode.INVALID_VALUE, periodStart.message);
      else if (periodEnd instanceof InvalidValue) reject(index, UsageRejectionCode.INVALID_VALUE, periodEnd.message);
      else if (quantity instanceof InvalidValue) reject(index, UsageRejectionCode.INVALID_VALUE, quantity.message);
      else if ('error' in register) reject(index, UsageRejectionCode.INVALID_VALUE, register.error);
      else if (periodEnd <= periodStart)
        reject(index, UsageRejectionCode.INVALID_PERIOD, `periodEnd ${periodEnd} must be after periodStart ${periodStart}`);
      else if (quantity < 0)
        reject(index, UsageRejectionCode.NEGATIVE_QUANTITY, `quantity ${formatDecimal(quantity)} must not be negative`);
      else
        valid.push({
          index,
          accountId: '',
          accountNumber: input.accountNumber.trim(),
          register: register.register,
          periodStart,
          periodEnd,
          quantity,
          estimated: input.estimated ?? false,
          replace: input.replace ?? false,
        });
    });

    const result = await this.db.transaction(async (tx) => {
      const accounts = await this.store.accountIds(tx.em, [...new Set(valid.map((v) => v.accountNumber))]);
      const candidates: Candidate[] = [];
      for (const v of valid) {
        const accountId = accounts.get(v.accountNumber);
        if (accountId) candidates.push(Object.assign(v, { accountId }));
        else reject(v.index, UsageRejectionCode.UNKNOWN_ACCOUNT, `No account numbered ${v.accountNumber.slice(0, 40)}`);
      }
      // Imports, cancellations and bill runs of an account take its lock first: one waits for the other's commit.
      await lockAccounts(tx.em, [...new Set(candidates.map((c) => c.accountId))]);
      const slots = await this.slots(tx.em, candidates);

      let [accepted, duplicates, replaced] = [0, 0, 0];
      for (const c of candidates) {
        const twin = slots.twin(c);
        if (twin) {
          const decision = decideTwin({ stored: twin, incoming: c, replace: c.replace });
          if (decision === 'DUPLICATE') duplicates++;
          else if (decision === 'CONFLICT') {
            reject(
              c.index,
              UsageRejectionCode.CONFLICTING_READ,
              `The read ${describe(c)} (${formatDecimal(c.quantity)}, ${quality(c.estimated)}) differs from the stored read (${formatDecimal(twin.quantity)}, ${quality(twin.estimated)}); send it with replace: true to correct the stored read`,
            );
          } else {
            replaced++;
            if (!twin.row) {
              twin.row = this.newRow(c);
              slots.written.push(twin as Slot & { row: UsageRead });
            }
            Object.assign(twin.row, { quantity: c.quantity, estimated: c.estimated });
            Object.assign(twin, { quantity: c.quantity, estimated: c.estimated, replaces: twin.replaces ?? twin.stored, stored: null });
          }
          continue;
        }
        const overlap = slots.overlapping(c);
        if (overlap) {
          reject(
            c.index,
            UsageRejectionCode.OVERLAP,
            `The read ${describe(c)} overlaps the stored read ${describe(overlap)} of this account`,
          );
          continue;
        }
        accepted++;
        // Later reads of the same call are checked against this one too.
        const slot = slotOf(c, null, this.newRow(c)) as Slot & { row: UsageRead };
        slots.add(c.accountId, slot);
        slots.written.push(slot);
      }
      await this.write(tx, actor, slots.written);
      const summary = { accepted, duplicates, replaced, rejected: rejected.length, reads: reads.length };
      tx.audit({
        actor: actor.name,
        action: 'recordUsage',
        subjectType: 'UsageImport',
        subjectId: new Date().toISOString(),
        after: summary,
      });
      return { accepted, duplicates, replaced };
    });
    rejected.sort((a, b) => a.index - b.index);
    return { ...result, rejected };
  }

  private newRow(c: Candidate): UsageRead {
    return Object.assign(new UsageRead(), {
      accountId: c.accountId,
      register: c.register,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      quantity: c.quantity,
      estimated: c.estimated,
      invoiceId: null,
      live: 1,
      replacedById: null,
      correctsInvoiceId: null,
      correction: null,
      cancelledAt: null,
      cancelReason: null,
      cancelledBy: null,
      createdAt: new Date(),
    });
  }

  /**
   * Stores the new reads; the reads they replace stop counting first (the
   * unique index holds one counting read per account, register and period),
   * are linked to their replacements, and go to billing when they were on an
   * invoice. One USAGE_READ_REPLACED event per replacement.
   */
  private async write(tx: Tx, actor: Principal, slots: Array<Slot & { row: UsageRead }>): Promise<void> {
    const replacing = slots.filter((s): s is Slot & { row: UsageRead; replaces: StoredRead } => s.replaces !== null);
    if (replacing.length > 0) {
      const statuses = await this.store.invoiceStatuses(
        tx.em,
        replacing.map((s) => s.replaces.invoiceId).filter((id): id is string => id !== null),
      );
      for (const s of replacing) {
        const status = s.replaces.invoiceId ? statuses.get(s.replaces.invoiceId) : undefined;
        Object.assign(s.row, correctionOf({ ...s.replaces, invoiceStands: status === 'ISSUED' || status === 'PAID' }, s.row));
      }
      if (
        !(await this.store.retire(
          tx.em,
          replacing.map((s) => s.replaces.id),
        ))
      ) {
        throw conflict('Some of the stored reads were replaced or cancelled meanwhile; send the reads again');
      }
    }
    // New reads nobody reads back go with the COMMIT (one round trip on MySQL); the accounts are locked, so no
    // other import can store a read of the same key meanwhile. Replacements are stored now: their ids are linked.
    tx.insertLater(
      UsageRead,
      slots.filter((s) => s.replaces === null).map((s) => s.row),
    );
    if (replacing.length === 0) return;
    await insertChunked(
      tx.em,
      UsageRead,
      replacing.map((s) => s.row),
    );
    const ids = await this.store.liveIds(
      tx.em,
      replacing.map((s) => s.row),
    );
    const links = replacing.map((s) => {
      const newId = ids.get(readKey(s.row));
      if (!newId) throw new Error(`replacement read ${readKey(s.row)} was not stored`);
      s.row.id = newId;
      return { oldId: s.replaces.id, newId };
    });
    await this.store.linkReplacements(tx.em, links);
    const numbers = await this.store.accountNumbers(
      tx.em,
      replacing.map((s) => s.row.accountId),
    );
    for (const s of replacing) {
      tx.emit({
        type: EventType.USAGE_READ_REPLACED,
        subjectId: s.replaces.id,
        accountNumber: numbers.get(s.row.accountId) ?? null,
        payload: {
          replacedById: s.row.id,
          register: s.row.register,
          periodStart: s.row.periodStart,
          periodEnd: s.row.periodEnd,
          quantity: formatDecimal(s.replaces.quantity),
          estimated: s.replaces.estimated,
          newQuantity: formatDecimal(s.row.quantity),
          newEstimated: s.row.estimated,
          billedOn: s.replaces.invoiceId,
        },
      });
    }
    await this.withdraw(
      tx,
      actor,
      replacing.map((s) => s.replaces),
      'read replaced',
    );
  }

  /** The counting reads the candidates could meet. */
  private async slots(em: EntityManager, candidates: Candidate[]): Promise<Slots> {
    if (candidates.length === 0) return new Slots([]);
    const minStart = candidates.reduce((m, c) => (c.periodStart < m ? c.periodStart : m), candidates[0].periodStart);
    const maxEnd = candidates.reduce((m, c) => (c.periodEnd > m ? c.periodEnd : m), candidates[0].periodEnd);
    return new Slots(await this.store.liveReads(em, [...new Set(candidates.map((c) => c.accountId))], minStart, maxEnd));
  }
}
