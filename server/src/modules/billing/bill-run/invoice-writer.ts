import { In, type EntityManager } from 'typeorm';
import { addDays } from '../../../common/dates';
import { insertChunked, insertStatements, runWrite, type Database, type Tx } from '../../../db/database';
import { type BillRun, Invoice, InvoiceKind, InvoiceLine, type InvoiceLineKind, InvoiceStatus } from '../billing.entity';
import type { PendingCreditService } from '../pending-credit.service';
import type { ChunkData } from './chunk-loader';
import type { InvoiceOutcome } from './price-chunk';
import { marks, sqliteInsertAll, sqliteRunEach } from './sql';

/** Rows per INSERT statement for a chunk's invoice lines on MySQL (14 columns: about 21,000 values a statement). */
const LINE_ROWS_PER_INSERT = 1_500;
/**
 * The invoice a bill run (bound first) issued to the account of the row being
 * updated in `table`: a run bills an account once, so it is one row, and a
 * lookup by the invoice's account index is cheaper for the database than a CASE
 * with a branch per account of the chunk.
 */
const RUN_INVOICE_OF = (table: string) => `SELECT i.id FROM invoice i WHERE i.account_id = ${table}.account_id AND +i.bill_run_id = ?`;

/** Writes a chunk's priced invoices with set-based statements. */
export class InvoiceWriter {
  constructor(
    private readonly db: Database,
    private readonly pendingCredits: PendingCreditService,
  ) {}

  /**
   * Stores the chunk's invoices with their lines and marks their reads billed:
   * on MySQL in a fixed handful of set-based statements, on the embedded
   * database through statements prepared once and run row by row (see
   * sqliteRunEach). Each outcome gets its stored invoice.
   */
  async store(tx: Tx, run: BillRun, outcomes: InvoiceOutcome[], data: ChunkData): Promise<void> {
    if (outcomes.length === 0) return;
    const now = new Date();
    const invoices = outcomes.map(({ account, reads, computation, credits, failures, rules }) => {
      const held = failures.length > 0;
      return Object.assign(new Invoice(), {
        accountId: account.id,
        billRunId: run.id,
        kind: InvoiceKind.USAGE,
        // The first read identifies the reads billed (for an invoice of pending charges alone, the first charge):
        // a second run over them collides on this key.
        billingKey: reads.length > 0 ? `usage:${account.id}:${reads[0].id}` : `charges:${account.id}:${credits[0].id}`,
        periodStart: computation.periodStart,
        periodEnd: computation.periodEnd,
        issueDate: held ? null : run.asOf,
        dueDate: held ? null : addDays(run.asOf, rules.paymentTermsDays),
        status: held ? InvoiceStatus.HELD : InvoiceStatus.ISSUED,
        total: computation.total,
        amountPaid: 0,
        amountCredited: 0,
        voidReason: null,
        quantity: computation.quantity,
        days: computation.days,
        createdAt: now,
        updatedAt: now,
      });
    });
    const ids = await this.insertInvoices(tx.em, invoices);
    outcomes.forEach((outcome, i) => {
      invoices[i].id = ids[i];
      outcome.invoice = invoices[i];
    });

    const lines: InvoiceLine[] = [];
    outcomes.forEach(({ computation }, i) =>
      computation.lines.forEach((line, position) =>
        lines.push(
          Object.assign(new InvoiceLine(), {
            invoiceId: invoices[i].id,
            position,
            kind: line.kind as InvoiceLineKind,
            description: line.description.slice(0, 255),
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            amount: line.amount,
            periodStart: line.periodStart,
            periodEnd: line.periodEnd,
            rateId: line.rateId ?? null,
            taxCode: line.taxCode ?? null,
            usageReadId: line.kind === 'USAGE' ? line.readId : null,
            register: line.kind === 'USAGE' ? (line.register ?? null) : null,
            estimated: line.estimated ?? false,
            // The enrollment of a USAGE line, and of a credit that is a share of them, lets one read's charges be credited.
            enrollmentId: line.kind === 'USAGE' || line.onUsage ? line.enrollmentId : null,
          }),
        ),
      ),
    );
    if (this.db.dialect === 'sqlite') await sqliteInsertAll(tx.em, InvoiceLine, lines);
    else await insertChunked(tx.em, InvoiceLine, lines, LINE_ROWS_PER_INSERT);

    // Every read of the chunk marked conditionally: a count short of the reads means another run billed some
    // meanwhile, or a read was replaced or cancelled since it was priced; the chunk is then billed again.
    // On MySQL in one UPDATE, where each account's one invoice in this run (the one just inserted) is found by the
    // account's index.
    const readIds = outcomes.flatMap(({ reads }) => reads.map((r) => r.id));
    let marked = 0;
    if (this.db.dialect === 'sqlite') {
      // The embedded database: a prepared row-by-row UPDATE by primary key, the invoice's id known here.
      const pairs = outcomes.flatMap(({ reads }, i) => reads.map((r) => [Number(invoices[i].id), Number(r.id)]));
      marked = await sqliteRunEach(tx.em, 'UPDATE usage_read SET invoice_id = ? WHERE id = ? AND invoice_id IS NULL AND live = 1', pairs);
    } else if (readIds.length > 0) {
      marked = await this.execute(
        tx.em,
        `UPDATE usage_read SET invoice_id = (${RUN_INVOICE_OF('usage_read')})
       WHERE id IN (${marks(readIds.length)}) AND +invoice_id IS NULL AND live = 1`,
        [run.id, ...readIds],
      );
    }
    if (marked !== readIds.length) throw new Error(`reads of run ${run.id}'s chunk were billed by another run meanwhile`);

    // Enrollments that have had their first invoice now, so their first-invoice credits apply once.
    const firsts = new Set<string>();
    const firstPairs: number[][] = [];
    outcomes.forEach(({ account, computation }, i) => {
      const open = new Set((data.enrollments.get(account.id) ?? []).filter((e) => e.firstInvoiceId === null).map((e) => e.id));
      for (const id of computation.enrollmentIds) {
        if (open.has(id) && !firsts.has(id)) firstPairs.push([Number(invoices[i].id), Number(id)]);
        if (open.has(id)) firsts.add(id);
      }
    });
    if (this.db.dialect === 'sqlite') {
      await sqliteRunEach(tx.em, 'UPDATE enrollment SET first_invoice_id = ? WHERE id = ? AND first_invoice_id IS NULL', firstPairs);
    } else if (firsts.size > 0) {
      await this.execute(
        tx.em,
        `UPDATE enrollment SET first_invoice_id = (${RUN_INVOICE_OF('enrollment')})
         WHERE id IN (${marks(firsts.size)}) AND first_invoice_id IS NULL`,
        [run.id, ...firsts],
      );
    }

    await this.pendingCredits.store(
      tx,
      outcomes.map(({ account, computation, credits }, i) => ({
        accountId: account.id,
        invoiceId: invoices[i].id,
        uses: credits,
        carryForward: computation.carryForward,
      })),
      data.enrollments,
      data.credits,
    );
  }

  /**
   * Inserts the invoices and returns their ids, in order. The embedded
   * database gives each row's id as it inserts it; MariaDB returns the rows
   * inserted (`INSERT ... RETURNING`); on MySQL they come back through the
   * invoices' unique billing keys, read after the INSERT. Either way, ids are
   * matched by billing key, which works whatever the auto-increment settings.
   */
  private async insertInvoices(em: EntityManager, invoices: Invoice[]): Promise<string[]> {
    if (this.db.dialect === 'sqlite') return sqliteInsertAll(em, Invoice, invoices);
    let stored: Array<{ id: string | number; billingKey: string | null }> = [];
    if (await this.db.insertReturnsRows()) {
      for (const { sql, params } of insertStatements(em, Invoice, invoices)) {
        stored.push(...((await em.query(`${sql} RETURNING id, billing_key AS billingKey`, params)) as typeof stored));
      }
    } else {
      await insertChunked(em, Invoice, invoices);
      stored = (await em.getRepository(Invoice).find({
        select: { id: true, billingKey: true },
        where: { billingKey: In(invoices.map((i) => i.billingKey as string)) },
      })) as Array<Pick<Invoice, 'id' | 'billingKey'>>;
    }
    const idByKey = new Map(stored.map((i) => [i.billingKey, String(i.id)]));
    return invoices.map((invoice) => {
      const id = idByKey.get(invoice.billingKey);
      if (!id) throw new Error(`invoice ${invoice.billingKey} was not stored`);
      return id;
    });
  }

  /**
   * A set-based statement in the chunk's transaction; returns the rows it
   * changed. Ids are bound as integers (on SQLite a JS number or string would
   * bind as REAL or TEXT), and bound rather than written into the SQL, so the
   * embedded database compiles one statement per shape instead of one per chunk.
   */
  private async execute(em: EntityManager, sql: string, ids: string[]): Promise<number> {
    if (!em.queryRunner) throw new Error('set-based billing statements run inside the chunk transaction');
    const params = ids.map((id) => {
      if (!/^\d{1,16}$/.test(id)) throw new Error(`not an id: ${id.slice(0, 20)}`);
      return this.db.dialect === 'sqlite' ? BigInt(id) : id;
    });
    return (await runWrite(em, sql, params)).affected;
  }
}
