import { In, IsNull, LessThan, LessThanOrEqual, Not, type EntityManager } from 'typeorm';
import type { Logger } from '../../app/logger';
import type { Principal } from '../../common/auth/roles';
import { addDays } from '../../common/dates';
import { notFound } from '../../common/errors/hub-error';
import { parseId } from '../../common/validation';
import { insertChunked, type Database, type Tx } from '../../db/database';
import { Channel } from '../../events/channel';
import { EventType } from '../../events/event-types';
import { Topic, type HubPubSub } from '../../events/pubsub';
import { Account, AccountStatus, Enrollment } from '../accounts/account.entity';
import { lockAccounts } from '../accounts/account.service';
import { Incentive, Product, PromoCode, Rate } from '../catalog/product.entity';
import { UsageRead } from '../usage/usage.entity';
import {
  BillingException,
  BillingRules,
  BillRun,
  BillRunStatus,
  ExceptionCode,
  ExceptionSeverity,
  ExceptionStatus,
  Invoice,
  InvoiceKind,
  InvoiceLine,
  InvoiceLineKind,
  InvoiceStatus,
} from './billing.entity';
import { BillingExceptionService, INVOICE_REVIEW_QUEUE } from './billing-exception.service';
import type { BillingRulesService } from './billing-rules.service';
import {
  computeInvoice,
  runThresholdTests,
  type ComputedInvoice,
  type EnrollmentInput,
  type PastInvoice,
  type ProductInput,
} from './invoice-math';
import { invoiceNumber } from './invoice-number';
import type { WorkQueueService } from '../work-queues/work-queue.service';

/** Accounts per chunk: each chunk is one transaction, so a crash loses at most the chunk in flight. */
export const BILL_RUN_CHUNK = 200;
/** A RUNNING run without a heartbeat for this long died with its process. */
const STALE_RUN_MS = 10 * 60_000;
const HISTORY_INVOICES = 3;

/** Hooks other modules attach to invoices as they are issued (payments apply unapplied credit). */
export type InvoiceIssuedHook = (tx: Tx, invoice: Invoice, account: Account) => Promise<void>;

interface Counters {
  processed: number;
  issued: number;
  held: number;
  blocked: number;
  failed: number;
}

interface ChunkData {
  accounts: Map<string, Account>;
  reads: Map<string, UsageRead[]>;
  enrollments: Map<string, Enrollment[]>;
  products: Map<string, ProductInput>;
  promos: Map<string, PromoCode>;
  history: Map<string, Invoice[]>;
  exceptions: Map<string, BillingException[]>;
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/**
 * Bill runs: every ACTIVE account's unbilled reads with periodEnd <= asOf on
 * one invoice, in chunks of accounts, each chunk in its own transaction. One
 * account's failure is recorded and never stops the run; reads are marked
 * billed with a conditional UPDATE and each invoice carries a unique billing
 * key, so two runs at once never bill a read twice.
 */
export class BillRunService {
  private readonly running = new Set<Promise<void>>();
  private readonly issuedHooks: InvoiceIssuedHook[] = [];
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly rules: BillingRulesService,
    private readonly exceptions: BillingExceptionService,
    private readonly workQueues: WorkQueueService,
    private readonly log: Logger,
  ) {}

  onInvoiceIssued(hook: InvoiceIssuedHook): void {
    this.issuedHooks.push(hook);
  }

  /** Runs the hooks for an invoice that has just become ISSUED (by a run or a release). */
  async invoiceIssued(tx: Tx, invoice: Invoice, account: Account): Promise<void> {
    for (const hook of this.issuedHooks) await hook(tx, invoice, account);
  }

  find(id: string): Promise<BillRun | null> {
    return this.db.manager.getRepository(BillRun).findOneBy({ id: parseId(id, 'Bill run') });
  }

  byIds(ids: readonly string[]): Promise<BillRun[]> {
    return this.db.manager.getRepository(BillRun).findBy({ id: In([...ids]) });
  }

  /** Starts a run; with wait it answers when the run has finished, else at once while it goes on. */
  async start(actor: Principal, asOf: string, wait: boolean): Promise<BillRun> {
    await this.failStaleRuns();
    const accountIds = await this.pendingAccounts(asOf);
    const run = await this.db.transaction(async (tx) => {
      const now = new Date();
      const created = await tx.em.getRepository(BillRun).save(
        Object.assign(new BillRun(), {
          asOf,
          status: BillRunStatus.RUNNING,
          accountsConsidered: accountIds.length,
          accountsProcessed: 0,
          invoicesIssued: 0,
          invoicesHeld: 0,
          accountsBlocked: 0,
          accountsFailed: 0,
          startedAt: now,
          finishedAt: null,
          heartbeatAt: now,
        }),
      );
      tx.audit({
        actor: actor.name,
        action: 'runBilling',
        subjectType: 'BillRun',
        subjectId: created.id,
        after: { asOf, accountsConsidered: accountIds.length },
      });
      return created;
    });
    const work = this.process(run, accountIds).catch((error: unknown) => this.log.error(`bill run ${run.id} failed`, error));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    if (wait) await work;
    return wait ? ((await this.find(run.id)) ?? run) : run;
  }

  /** Lets runs in flight finish their current chunk, then marks them FAILED; a new run finishes their work. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running]);
  }

  /** The run's counters as it progresses: now, after every chunk, and a last time when it ends. */
  async progress(id: string): Promise<AsyncIterableIterator<BillRun>> {
    parseId(id, 'Bill run');
    let unsubscribe: () => void = () => undefined;
    const out = new Channel<BillRun>(() => unsubscribe());
    let chain: Promise<void> = Promise.resolve();
    const push = () => {
      chain = chain
        .then(async () => {
          const run = await this.find(id);
          if (!run || out.isClosed) return;
          out.push(run);
          if (run.status !== BillRunStatus.RUNNING) await out.return();
        })
        .catch((error: unknown) => out.fail(error));
    };
    unsubscribe = await this.pubsub.subscribe(Topic.RUN_PROGRESS, (p) => {
      if (p.kind === 'BILL_RUN' && p.runId === id) push();
    });
    if (!(await this.find(id))) {
      unsubscribe();
      throw notFound(`Bill run ${id}`);
    }
    push();
    return out;
  }

  private async failStaleRuns(): Promise<void> {
    const cutoff = new Date(Date.now() - STALE_RUN_MS);
    await this.db.exclusive(() =>
      this.db.ds
        .createQueryBuilder()
        .update(BillRun)
        .set({ status: BillRunStatus.FAILED, finishedAt: new Date() })
        .where({ status: BillRunStatus.RUNNING, heartbeatAt: LessThan(cutoff) })
        .execute(),
    );
  }

  /** ACTIVE accounts with unbilled reads that ended by asOf, in id order. */
  private async pendingAccounts(asOf: string): Promise<string[]> {
    const rows = (await this.db.manager
      .getRepository(UsageRead)
      .createQueryBuilder('r')
      .select('DISTINCT r.account_id', 'accountId')
      .innerJoin(Account, 'a', 'a.id = r.account_id')
      .where('r.invoice_id IS NULL')
      .andWhere('r.period_end <= :asOf', { asOf })
      .andWhere('a.status = :active', { active: AccountStatus.ACTIVE })
      .orderBy('r.account_id', 'ASC')
      .getRawMany()) as Array<{ accountId: string | number }>;
    return rows.map((r) => String(r.accountId));
  }

  private async process(run: BillRun, accountIds: string[]): Promise<void> {
    const rulesFor = await this.rules.resolver();
    for (let i = 0; i < accountIds.length; i += BILL_RUN_CHUNK) {
      if (this.stopping) {
        await this.finish(run, BillRunStatus.FAILED);
        return;
      }
      await this.billChunk(run, accountIds.slice(i, i + BILL_RUN_CHUNK), rulesFor);
      this.announceProgress(run.id);
    }
    await this.finish(run, BillRunStatus.COMPLETED);
  }

  private announceProgress(runId: string): void {
    this.pubsub
      .publish(Topic.RUN_PROGRESS, { kind: 'BILL_RUN', runId })
      .catch((error: unknown) => this.log.error('progress publish failed', error));
  }

  private async finish(run: BillRun, status: BillRunStatus): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.em.getRepository(BillRun).update({ id: run.id }, { status, finishedAt: new Date(), heartbeatAt: new Date() });
      const done = await tx.em.getRepository(BillRun).findOneByOrFail({ id: run.id });
      if (status === BillRunStatus.COMPLETED) {
        tx.emit({
          type: EventType.BILL_RUN_COMPLETED,
          subjectId: run.id,
          payload: {
            asOf: done.asOf,
            accountsConsidered: done.accountsConsidered,
            accountsProcessed: done.accountsProcessed,
            invoicesIssued: done.invoicesIssued,
            invoicesHeld: done.invoicesHeld,
            accountsBlocked: done.accountsBlocked,
            accountsFailed: done.accountsFailed,
          },
        });
      }
    });
    this.announceProgress(run.id);
  }

  /**
   * Bills a chunk in one transaction. If anything in it fails, the chunk is
   * retried one account at a time, so only the account at fault is left out
   * (counted as failed; its reads stay unbilled for the next run).
   */
  private async billChunk(run: BillRun, ids: string[], rulesFor: (segment: string) => BillingRules): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const counters = await this.billAccounts(tx, run, ids, rulesFor);
        await this.addCounters(tx.em, run.id, counters);
      });
    } catch (error) {
      if (ids.length > 1) {
        for (const id of ids) await this.billChunk(run, [id], rulesFor);
        return;
      }
      this.log.error(`bill run ${run.id}: account ${ids[0]} could not be billed`, error);
      await this.db.transaction((tx) => this.addCounters(tx.em, run.id, { processed: 1, issued: 0, held: 0, blocked: 0, failed: 1 }));
    }
  }

  private async addCounters(em: EntityManager, runId: string, c: Counters): Promise<void> {
    await em
      .createQueryBuilder()
      .update(BillRun)
      .set({
        accountsProcessed: () => `accounts_processed + ${c.processed}`,
        invoicesIssued: () => `invoices_issued + ${c.issued}`,
        invoicesHeld: () => `invoices_held + ${c.held}`,
        accountsBlocked: () => `accounts_blocked + ${c.blocked}`,
        accountsFailed: () => `accounts_failed + ${c.failed}`,
        heartbeatAt: new Date(),
      })
      .where('id = :id', { id: runId })
      .execute();
  }

  private async billAccounts(tx: Tx, run: BillRun, ids: string[], rulesFor: (segment: string) => BillingRules): Promise<Counters> {
    const counters: Counters = { processed: ids.length, issued: 0, held: 0, blocked: 0, failed: 0 };
    // Locked before reading, so a concurrent run or import on the same accounts waits and then sees what it committed.
    await lockAccounts(tx.em, ids);
    const data = await this.load(tx.em, ids, run.asOf);
    for (const [accountId, reads] of data.reads) {
      const account = data.accounts.get(accountId);
      if (!account || reads.length === 0) continue;
      const enrollments = data.enrollments.get(accountId) ?? [];
      const computation = computeInvoice({
        reads: reads.map((r) => ({ id: r.id, periodStart: r.periodStart, periodEnd: r.periodEnd, quantity: r.quantity })),
        enrollments: enrollments.map((e) => this.enrollmentInput(e, data.promos)),
        products: [...new Set(enrollments.map((e) => e.productId))]
          .map((id) => data.products.get(id))
          .filter((p): p is ProductInput => !!p),
      });
      const openCritical = (data.exceptions.get(accountId) ?? []).filter(
        (x) => x.severity === ExceptionSeverity.CRITICAL && x.status === ExceptionStatus.OPEN,
      );
      if (computation.outcome === 'BLOCKED') {
        const known = new Set((data.exceptions.get(accountId) ?? []).map((x) => x.dedupeKey));
        for (const problem of computation.problems) {
          const dedupeKey = `${accountId}:${problem.code}:${computation.periodStart}:${computation.periodEnd}`;
          if (known.has(dedupeKey)) continue;
          await this.exceptions.raiseCritical(tx, {
            account,
            code: problem.code as ExceptionCode,
            message: problem.message,
            dedupeKey,
            billRunId: run.id,
            periodStart: computation.periodStart,
            periodEnd: computation.periodEnd,
          });
        }
        counters.blocked++;
        continue;
      }
      const rules = rulesFor(account.segment);
      const history: PastInvoice[] = (data.history.get(accountId) ?? []).map((i) => ({
        total: i.total,
        quantity: i.quantity,
        days: i.days,
      }));
      const failures = runThresholdTests(computation, rules, history);
      const invoice = await this.storeInvoice(tx, run, account, reads, computation, failures.length > 0, rules);
      await this.exceptions.resolve(tx, openCritical, account, `Billed on invoice ${invoiceNumber(invoice.id)}`, 'system', invoice.id);
      if (failures.length > 0) {
        const raised: BillingException[] = [];
        for (const failure of failures) {
          raised.push(
            await this.exceptions.raise(tx, {
              account,
              code: failure.code as ExceptionCode,
              severity: ExceptionSeverity.THRESHOLD,
              message: failure.message,
              dedupeKey: `${invoice.id}:${failure.code}`,
              invoiceId: invoice.id,
              billRunId: run.id,
              periodStart: invoice.periodStart,
              periodEnd: invoice.periodEnd,
            }),
          );
        }
        const item = await this.workQueues.createItem(tx, {
          queueKey: INVOICE_REVIEW_QUEUE,
          kind: 'HELD_INVOICE',
          title:
            `${account.number} ${account.name}: invoice ${invoiceNumber(invoice.id)} held (${failures.map((f) => f.code).join(', ')})`.slice(
              0,
              255,
            ),
          priority: 3,
          accountId: account.id,
          invoiceId: invoice.id,
          exceptionId: raised[0].id,
          accountNumber: account.number,
        });
        await tx.em.getRepository(BillingException).update({ id: In(raised.map((x) => x.id)) }, { workItemId: item.id });
        tx.emit({
          type: EventType.INVOICE_HELD,
          subjectId: invoice.id,
          accountNumber: account.number,
          payload: { number: invoiceNumber(invoice.id), total: invoice.total, exceptions: failures.map((f) => f.code) },
        });
        counters.held++;
      } else {
        tx.emit({
          type: EventType.INVOICE_ISSUED,
          subjectId: invoice.id,
          accountNumber: account.number,
          payload: { number: invoiceNumber(invoice.id), total: invoice.total, issueDate: invoice.issueDate, dueDate: invoice.dueDate },
        });
        await this.invoiceIssued(tx, invoice, account);
        counters.issued++;
      }
      for (const earned of computation.earned) {
        tx.emit({
          type: EventType.INCENTIVE_EARNED,
          subjectId: earned.incentiveId,
          accountNumber: account.number,
          payload: {
            invoiceId: invoice.id,
            enrollmentId: earned.enrollmentId,
            kind: earned.kind,
            description: earned.description,
            value: earned.value,
          },
        });
      }
    }
    return counters;
  }

  private enrollmentInput(e: Enrollment, promos: Map<string, PromoCode>): EnrollmentInput {
    const promo = e.promoCodeId ? promos.get(e.promoCodeId) : undefined;
    return {
      id: e.id,
      productId: e.productId,
      startDate: e.startDate,
      endDate: e.endDate,
      firstInvoice: e.firstInvoiceId === null,
      promo: promo
        ? { code: promo.code, percentOff: promo.percentOff, amountOff: promo.amountOff, validFrom: promo.validFrom, validTo: promo.validTo }
        : null,
    };
  }

  private async storeInvoice(
    tx: Tx,
    run: BillRun,
    account: Account,
    reads: UsageRead[],
    computed: ComputedInvoice,
    held: boolean,
    rules: BillingRules,
  ): Promise<Invoice> {
    const now = new Date();
    const invoice = await tx.em.getRepository(Invoice).save(
      Object.assign(new Invoice(), {
        accountId: account.id,
        billRunId: run.id,
        kind: InvoiceKind.USAGE,
        // The first read identifies the reads billed: a second run over them collides on this key.
        billingKey: `usage:${account.id}:${reads[0].id}`,
        periodStart: computed.periodStart,
        periodEnd: computed.periodEnd,
        issueDate: held ? null : run.asOf,
        dueDate: held ? null : addDays(run.asOf, rules.paymentTermsDays),
        status: held ? InvoiceStatus.HELD : InvoiceStatus.ISSUED,
        total: computed.total,
        amountPaid: 0,
        quantity: computed.quantity,
        days: computed.days,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await insertChunked(
      tx.em,
      InvoiceLine,
      computed.lines.map((line, position) =>
        Object.assign(new InvoiceLine(), {
          invoiceId: invoice.id,
          position,
          kind: line.kind as InvoiceLineKind,
          description: line.description.slice(0, 255),
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          amount: line.amount,
          periodStart: line.periodStart,
          periodEnd: line.periodEnd,
        }),
      ),
    );
    const readIds = reads.map((r) => r.id);
    const marked = await tx.em
      .createQueryBuilder()
      .update(UsageRead)
      .set({ invoiceId: invoice.id })
      .where('id IN (:...ids)', { ids: readIds })
      .andWhere('invoice_id IS NULL')
      .execute();
    if (marked.affected !== readIds.length) throw new Error(`reads of account ${account.number} were billed by another run meanwhile`);
    if (computed.enrollmentIds.length > 0) {
      await tx.em
        .getRepository(Enrollment)
        .update({ id: In(computed.enrollmentIds), firstInvoiceId: IsNull() }, { firstInvoiceId: invoice.id });
    }
    return invoice;
  }

  /** Everything a chunk needs, in a fixed handful of statements whatever its size. */
  private async load(em: EntityManager, ids: string[], asOf: string): Promise<ChunkData> {
    const accounts = await em.getRepository(Account).findBy({ id: In(ids), status: AccountStatus.ACTIVE });
    const activeIds = accounts.map((a) => a.id);
    if (activeIds.length === 0) {
      return {
        accounts: new Map(),
        reads: new Map(),
        enrollments: new Map(),
        products: new Map(),
        promos: new Map(),
        history: new Map(),
        exceptions: new Map(),
      };
    }
    const reads = await em.getRepository(UsageRead).find({
      where: { accountId: In(activeIds), invoiceId: IsNull(), periodEnd: LessThanOrEqual(asOf) },
      order: { accountId: 'ASC', periodStart: 'ASC' },
    });
    const enrollments = await em.getRepository(Enrollment).find({ where: { accountId: In(activeIds) }, order: { startDate: 'ASC' } });
    const productIds = [...new Set(enrollments.map((e) => e.productId))];
    const promoIds = enrollments.map((e) => e.promoCodeId).filter((id): id is string => id !== null);
    const [products, rates, incentives, promos] = productIds.length
      ? [
          await em.getRepository(Product).findBy({ id: In(productIds) }),
          await em.getRepository(Rate).find({ where: { productId: In(productIds) }, order: { effectiveFrom: 'ASC' } }),
          await em.getRepository(Incentive).find({ where: { productId: In(productIds) }, order: { id: 'ASC' } }),
          promoIds.length ? await em.getRepository(PromoCode).findBy({ id: In(promoIds) }) : [],
        ]
      : [[], [], [], []];
    const ratesByProduct = group(rates, (r) => r.productId);
    const incentivesByProduct = group(incentives, (i) => i.productId);
    const history = await em.getRepository(Invoice).find({
      where: { accountId: In(activeIds), kind: InvoiceKind.USAGE, status: Not(InvoiceStatus.VOID) },
      order: { periodEnd: 'DESC', id: 'DESC' },
    });
    const historyByAccount = new Map<string, Invoice[]>();
    for (const [accountId, list] of group(history, (i) => i.accountId)) historyByAccount.set(accountId, list.slice(0, HISTORY_INVOICES));
    const exceptions = await em.getRepository(BillingException).findBy({ accountId: In(activeIds), severity: ExceptionSeverity.CRITICAL });
    return {
      accounts: new Map(accounts.map((a) => [a.id, a])),
      reads: group(reads, (r) => r.accountId),
      enrollments: group(enrollments, (e) => e.accountId),
      products: new Map(
        products.map((p) => [
          p.id,
          {
            id: p.id,
            code: p.code,
            name: p.name,
            unit: p.unit,
            fixedCharge: p.fixedCharge,
            rates: (ratesByProduct.get(p.id) ?? []).map((r) => ({
              effectiveFrom: r.effectiveFrom,
              effectiveTo: r.effectiveTo,
              unitPrice: r.unitPrice,
            })),
            incentives: (incentivesByProduct.get(p.id) ?? []).map((i) => ({
              id: i.id,
              kind: i.kind,
              description: i.description,
              value: i.value,
            })),
          },
        ]),
      ),
      promos: new Map(promos.map((p) => [p.id, p])),
      history: historyByAccount,
      exceptions: group(exceptions, (x) => x.accountId),
    };
  }
}
