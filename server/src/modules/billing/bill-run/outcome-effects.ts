import { In, type EntityManager } from 'typeorm';
import { formatMoney } from '../../../common/money';
import type { Tx } from '../../../db/database';
import { EventType } from '../../../events/event-types';
import type { Account } from '../../accounts/account.entity';
import type { WorkQueueService } from '../../work-queues/work-queue.service';
import { BillingException, type BillRun, type ExceptionCode, ExceptionSeverity, type Invoice } from '../billing.entity';
import type { BillingExceptionService } from '../billing-exception.service';
import { BuiltInQueue } from '../../work-queues/work-queue.entity';
import { invoiceIssuedEvent } from '../invoice-events';
import type { InvoiceIssuing, IssuedInvoice } from '../invoice-issuing';
import type { ThresholdFailure } from '../invoice-math';
import { invoiceNumber } from '../invoice-number';
import type { ChunkData } from './chunk-loader';
import type { Outcome } from './price-chunk';
import type { Counters } from './run-counters';

/**
 * What follows from a chunk's stored outcomes, account by account: critical
 * exceptions for blocked accounts, held invoices sent to review, issued ones
 * announced and handed to the issuing hooks, incentives earned announced.
 */
export class OutcomeEffects {
  constructor(
    private readonly exceptions: BillingExceptionService,
    private readonly workQueues: WorkQueueService,
    private readonly issuing: InvoiceIssuing,
  ) {}

  /** Applies them in tx and counts them into `counters`, which it returns. */
  async apply(tx: Tx, run: BillRun, outcomes: Outcome[], data: ChunkData, counters: Counters): Promise<Counters> {
    const known = await this.knownCriticalKeys(tx.em, outcomes);
    const issued: IssuedInvoice[] = [];
    for (const outcome of outcomes) {
      const { account } = outcome;
      if (outcome.kind === 'BLOCKED') {
        const { computation } = outcome;
        for (const problem of computation.problems) {
          const dedupeKey = `${account.id}:${problem.code}:${computation.periodStart}:${computation.periodEnd}`;
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
      const invoice = outcome.invoice as Invoice;
      const { failures, computation } = outcome;
      await this.exceptions.resolve(
        tx,
        data.openCritical.get(account.id) ?? [],
        account,
        `Billed on invoice ${invoiceNumber(invoice.id)}`,
        'system',
        invoice.id,
      );
      if (failures.length > 0) {
        await this.hold(tx, run, account, invoice, failures);
        counters.held++;
      } else {
        tx.emit(invoiceIssuedEvent(invoice, account.number));
        issued.push({ invoice, account });
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
            value: formatMoney(earned.value),
          },
        });
      }
    }
    await this.issuing.invoicesIssued(tx, issued);
    return counters;
  }

  /** A held invoice: one THRESHOLD exception per failed test and one work item in INVOICE_REVIEW. */
  private async hold(tx: Tx, run: BillRun, account: Account, invoice: Invoice, failures: ThresholdFailure[]): Promise<void> {
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
      queueKey: BuiltInQueue.INVOICE_REVIEW,
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
      payload: { number: invoiceNumber(invoice.id), total: formatMoney(invoice.total), exceptions: failures.map((f) => f.code) },
    });
  }

  /** Dedupe keys of critical exceptions already raised for the blocked accounts' periods: a re-run does not raise them again. */
  private async knownCriticalKeys(em: EntityManager, outcomes: Outcome[]): Promise<Set<string>> {
    const keys: string[] = [];
    for (const o of outcomes) {
      if (o.kind !== 'BLOCKED') continue;
      for (const p of o.computation.problems)
        keys.push(`${o.account.id}:${p.code}:${o.computation.periodStart}:${o.computation.periodEnd}`);
    }
    if (keys.length === 0) return new Set();
    const rows = await em.getRepository(BillingException).find({ select: { dedupeKey: true }, where: { dedupeKey: In(keys) } });
    return new Set(rows.map((r) => r.dedupeKey));
  }
}
