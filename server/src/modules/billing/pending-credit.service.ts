import type { EntityManager } from 'typeorm';
import { runWrite, type Tx } from '../../db/database';
import type { Enrollment } from '../accounts/account.entity';
import type { CreditUse, PendingCredit } from './carried-credits';
import { creditKey, type CarryForward } from './invoice-math';
import { PendingCharge } from './pending-charge.entity';
import type { PendingManualCharge } from './pending-charges';

/** A chunk's pending credits, read once for all its accounts. */
export interface ChunkCredits {
  /** Each account's pending credits, oldest first. */
  pending: Map<string, PendingCredit[]>;
  /**
   * For enrollments still waiting for their first invoice: cents of each
   * one-time credit already carried forward (pending or billed) by an earlier
   * first invoice that was voided since.
   */
  carried: Map<string, Record<string, number>>;
  /** Where each pending credit comes from, so the rest of one taken in part keeps it. */
  sources: Map<string, CreditSource>;
  /** Each account's charges and credits added by operators (addCharge), oldest first. */
  charges: Map<string, PendingManualCharge[]>;
}

type CreditSource = Pick<PendingCharge, 'sourceEnrollmentId' | 'sourcePromoCodeId' | 'sourceIncentiveId'>;

/** What one account's new invoice did with credits, for `store`. */
export interface InvoiceCredits {
  accountId: string;
  invoiceId: string;
  /** The pending credits it took. */
  uses: CreditUse[];
  /** Its own one-time credits it could not use. */
  carryForward: CarryForward[];
}

const noCredits = (): ChunkCredits => ({ pending: new Map(), carried: new Map(), sources: new Map(), charges: new Map() });
const marks = (n: number): string => Array<string>(n).fill('?').join(', ');
/** Ids bound as integers (better-sqlite3 binds a JS number below 2^53 as INTEGER, a string as TEXT). */
const idParam = (id: string): number => Number(id);

interface Row {
  id: string | number;
  accountId: string | number;
  amount: string | number;
  description: string;
  taxable: string | number | boolean;
  sourceEnrollmentId: string | number | null;
  sourcePromoCodeId: string | number | null;
  sourceIncentiveId: string | number | null;
  invoiceId: string | number | null;
}

/**
 * The account's pending credits (table pending_charge, negative amounts):
 * read for a bill run's chunk, taken by its invoices, carried further, and
 * given back when an invoice that took them is voided. The rules are in
 * carried-credits.ts; this service only loads and writes, inside the caller's
 * transaction. A row is taken with a conditional UPDATE that counts the rows
 * it changed, so two runs can never spend one credit twice.
 */
export class PendingCreditService {
  /** Pending credits of the accounts, and what the enrollments awaiting a first invoice already carried, in one statement. */
  async load(em: EntityManager, accountIds: string[], enrollments: Enrollment[]): Promise<ChunkCredits> {
    if (accountIds.length === 0) return noCredits();
    const firsts = enrollments.filter((e) => e.firstInvoiceId === null).map((e) => e.id);
    const rows = (await em.query(
      `SELECT id, account_id AS accountId, amount, description, taxable, source_enrollment_id AS sourceEnrollmentId,
              source_promo_code_id AS sourcePromoCodeId, source_incentive_id AS sourceIncentiveId, invoice_id AS invoiceId
       FROM pending_charge
       WHERE account_id IN (${marks(accountIds.length)})
         AND (invoice_id IS NULL${firsts.length ? ` OR source_enrollment_id IN (${marks(firsts.length)})` : ''})
       ORDER BY id`,
      [...accountIds, ...firsts].map(idParam),
    )) as Row[];
    const credits = noCredits();
    const awaiting = new Set(firsts);
    const ref = (value: string | number | null) => (value === null ? null : String(value));
    for (const row of rows) {
      const amount = Number(row.amount);
      const accountId = String(row.accountId);
      const enrollmentId = ref(row.sourceEnrollmentId);
      if (row.invoiceId === null && enrollmentId === null) {
        // An operator's charge or credit: no source enrollment.
        const list = credits.charges.get(accountId) ?? [];
        list.push({ id: String(row.id), amount, description: row.description, taxable: Number(row.taxable) === 1 || row.taxable === true });
        credits.charges.set(accountId, list);
      } else if (row.invoiceId === null && amount < 0) {
        const list = credits.pending.get(accountId) ?? [];
        list.push({ id: String(row.id), amount: -amount, description: row.description });
        credits.pending.set(accountId, list);
        credits.sources.set(String(row.id), {
          sourceEnrollmentId: enrollmentId,
          sourcePromoCodeId: ref(row.sourcePromoCodeId),
          sourceIncentiveId: ref(row.sourceIncentiveId),
        });
      }
      if (enrollmentId !== null && awaiting.has(enrollmentId)) {
        const key = creditKey(ref(row.sourceIncentiveId));
        const carried = credits.carried.get(enrollmentId) ?? {};
        carried[key] = (carried[key] ?? 0) - amount;
        credits.carried.set(enrollmentId, carried);
      }
    }
    return credits;
  }

  /**
   * Records what a chunk's new invoices did with credits, in two statements
   * whatever the chunk's size: one UPDATE marks the credits taken (a credit
   * taken in part keeps the part taken), checking it changed every one, and
   * the parts left and the new carry-forwards are queued as new rows.
   */
  async store(tx: Tx, invoices: InvoiceCredits[], enrollments: Map<string, Enrollment[]>, credits: ChunkCredits): Promise<void> {
    const taken = invoices.flatMap((i) => i.uses.map((use) => ({ use, invoiceId: i.invoiceId })));
    if (taken.length > 0) {
      const split = taken.filter((t) => t.use.rest > 0);
      const ids = taken.map((t) => idParam(t.use.id));
      const params: number[] = [...taken.flatMap((t) => [idParam(t.use.id), idParam(t.invoiceId)])];
      let amount = '';
      if (split.length > 0) {
        amount = `, amount = CASE id ${split.map(() => 'WHEN ? THEN ?').join(' ')} ELSE amount END`;
        params.push(...split.flatMap((t) => [idParam(t.use.id), -t.use.applied]));
      }
      const { affected } = await runWrite(
        tx.em,
        `UPDATE pending_charge SET invoice_id = CASE id ${taken.map(() => 'WHEN ? THEN ?').join(' ')} END${amount}
         WHERE id IN (${marks(ids.length)}) AND invoice_id IS NULL`,
        [...params, ...ids],
      );
      if (affected !== ids.length) throw new Error('pending credits of the chunk were taken by another invoice meanwhile');
    }

    const now = new Date();
    const rows: PendingCharge[] = [];
    const row = (accountId: string, invoiceId: string, cents: number, description: string, source: Partial<PendingCharge>) =>
      rows.push(
        Object.assign(new PendingCharge(), {
          accountId,
          amount: -cents,
          description: description.slice(0, 255),
          taxable: false,
          sourceEnrollmentId: null,
          sourcePromoCodeId: null,
          sourceIncentiveId: null,
          ...source,
          fromInvoiceId: invoiceId,
          invoiceId: null,
          createdBy: 'system',
          createdAt: now,
        }),
      );
    for (const invoice of invoices) {
      // The rest of a credit taken in part keeps its description and source.
      for (const use of invoice.uses) {
        if (use.rest === 0) continue;
        const credit = credits.pending.get(invoice.accountId)?.find((c) => c.id === use.id);
        const source = credits.sources.get(use.id);
        if (!credit || !source) throw new Error(`pending credit ${use.id} was not loaded for account ${invoice.accountId}`);
        row(invoice.accountId, invoice.invoiceId, use.rest, credit.description, source);
      }
      const byId = new Map((enrollments.get(invoice.accountId) ?? []).map((e) => [e.id, e]));
      for (const carry of invoice.carryForward) {
        const enrollment = byId.get(carry.enrollmentId);
        if (!enrollment) throw new Error(`enrollment ${carry.enrollmentId} was not loaded for account ${invoice.accountId}`);
        row(invoice.accountId, invoice.invoiceId, carry.amount, carry.description, {
          sourceEnrollmentId: enrollment.id,
          sourcePromoCodeId: carry.incentiveId === null ? enrollment.promoCodeId : null,
          sourceIncentiveId: carry.incentiveId,
        });
      }
    }
    if (rows.length > 0) tx.insertLater(PendingCharge, rows);
  }

  /** A voided invoice gives back the credits it took: they are pending again, for the account's next invoice. */
  async giveBack(tx: Tx, invoiceId: string): Promise<void> {
    await tx.em.getRepository(PendingCharge).update({ invoiceId }, { invoiceId: null });
  }
}
