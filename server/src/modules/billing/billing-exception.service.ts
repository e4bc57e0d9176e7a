import { In } from 'typeorm';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import type { Database, Tx } from '../../db/database';
import { EventType } from '../../events/event-types';
import type { Account } from '../accounts/account.entity';
import { BuiltInQueue } from '../work-queues/work-queue.entity';
import type { WorkQueueService } from '../work-queues/work-queue.service';
import { BillingException, ExceptionCode, ExceptionSeverity, ExceptionStatus } from './billing.entity';

export interface NewException {
  account: Account;
  code: ExceptionCode;
  severity: ExceptionSeverity;
  message: string;
  dedupeKey: string;
  invoiceId?: string | null;
  billRunId?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  workItemId?: string | null;
}

export interface ExceptionFilter extends PageArgs {
  status?: ExceptionStatus | null;
  severity?: ExceptionSeverity | null;
}

/** Billing exceptions: raised by bill runs, resolved by later runs or by the operator's decision on a held invoice. */
export class BillingExceptionService {
  constructor(
    private readonly db: Database,
    private readonly workQueues: WorkQueueService,
  ) {}

  list(filter: ExceptionFilter): Promise<Connection<BillingException>> {
    const qb = this.db.manager.getRepository(BillingException).createQueryBuilder('x');
    if (filter.status) qb.andWhere('x.status = :status', { status: filter.status });
    if (filter.severity) qb.andWhere('x.severity = :severity', { severity: filter.severity });
    return paginate(qb, filter, { order: 'DESC' });
  }

  byIds(ids: readonly string[]): Promise<BillingException[]> {
    return this.db.manager.getRepository(BillingException).findBy({ id: In([...ids]) });
  }

  forInvoices(invoiceIds: readonly string[]): Promise<BillingException[]> {
    return this.db.manager.getRepository(BillingException).find({ where: { invoiceId: In([...invoiceIds]) }, order: { id: 'ASC' } });
  }

  async find(id: string): Promise<BillingException | null> {
    return this.db.manager.getRepository(BillingException).findOneBy({ id });
  }

  /** Stores the exception and announces it (EXCEPTION_RAISED). The caller has checked its dedupe key. */
  async raise(tx: Tx, x: NewException): Promise<BillingException> {
    const exception = await tx.em.getRepository(BillingException).save(
      Object.assign(new BillingException(), {
        accountId: x.account.id,
        code: x.code,
        severity: x.severity,
        message: x.message.slice(0, 1000),
        status: ExceptionStatus.OPEN,
        invoiceId: x.invoiceId ?? null,
        billRunId: x.billRunId ?? null,
        workItemId: x.workItemId ?? null,
        dedupeKey: x.dedupeKey,
        periodStart: x.periodStart ?? null,
        periodEnd: x.periodEnd ?? null,
        createdAt: new Date(),
        resolvedAt: null,
      }),
    );
    tx.emit({
      type: EventType.EXCEPTION_RAISED,
      subjectId: exception.id,
      accountNumber: x.account.number,
      payload: { code: x.code, severity: x.severity, message: exception.message, invoiceId: exception.invoiceId },
    });
    return exception;
  }

  /** A critical exception with its own work item in the INVOICING queue. */
  async raiseCritical(tx: Tx, x: Omit<NewException, 'severity' | 'workItemId'>): Promise<BillingException> {
    const exception = await this.raise(tx, { ...x, severity: ExceptionSeverity.CRITICAL });
    const item = await this.workQueues.createItem(tx, {
      queueKey: BuiltInQueue.INVOICING,
      kind: x.code,
      title: `${x.account.number} ${x.account.name}: ${x.message}`.slice(0, 255),
      priority: 2,
      accountId: x.account.id,
      exceptionId: exception.id,
      accountNumber: x.account.number,
    });
    await tx.em.getRepository(BillingException).update({ id: exception.id }, { workItemId: item.id });
    exception.workItemId = item.id;
    return exception;
  }

  /** Marks open exceptions RESOLVED (EXCEPTION_RESOLVED each) and resolves their work items. */
  async resolve(
    tx: Tx,
    exceptions: BillingException[],
    account: Account,
    resolution: string,
    actorName: string,
    invoiceId?: string,
  ): Promise<void> {
    const open = exceptions.filter((x) => x.status === ExceptionStatus.OPEN);
    if (open.length === 0) return;
    const resolvedAt = new Date();
    const repo = tx.em.getRepository(BillingException);
    for (const x of open) {
      // Conditional: an exception resolved by someone else meanwhile is not resolved (or announced) twice.
      const result = await repo.update(
        { id: x.id, status: ExceptionStatus.OPEN },
        { status: ExceptionStatus.RESOLVED, resolvedAt, ...(invoiceId && !x.invoiceId ? { invoiceId } : {}) },
      );
      if (!result.affected) continue;
      tx.emit({
        type: EventType.EXCEPTION_RESOLVED,
        subjectId: x.id,
        accountNumber: account.number,
        payload: { code: x.code, severity: x.severity, resolution, invoiceId: invoiceId ?? x.invoiceId },
      });
      if (x.workItemId) await this.workQueues.resolveItemsFor(tx, { exceptionId: x.id }, resolution, actorName);
    }
  }
}
