import type { HubConfig } from '../config/env';
import type { Services } from '../common/services';
import type { Database } from '../db/database';
import { EventService } from '../events/event.service';
import { Topic, type HubPubSub } from '../events/pubsub';
import { AuditService } from '../modules/audit/audit.service';
import { IdentityService } from '../modules/identity/identity.service';
import { UserAdminService } from '../modules/identity/user-admin.service';
import { CatalogService } from '../modules/catalog/product.service';
import { AccountService } from '../modules/accounts/account.service';
import { AccountImportService } from '../modules/accounts/import/account-import.service';
import { UsageService } from '../modules/usage/usage.service';
import { UsageReadService } from '../modules/usage/usage-read.service';
import { WorkQueueService } from '../modules/work-queues/work-queue.service';
import { WorkItemActions } from '../modules/work-queues/work-item-actions';
import {
  CRITICAL_EXCEPTION_KINDS,
  criticalExceptionCause,
  HELD_INVOICE_KINDS,
  heldInvoiceCause,
} from '../modules/billing/work-item-causes';
import { MARKET_DROP_KINDS, marketDropCause } from '../modules/collections/market-drop-cause';
import { BillingRulesService } from '../modules/billing/billing-rules.service';
import { BillingExceptionService } from '../modules/billing/billing-exception.service';
import { BillRunService } from '../modules/billing/bill-run/bill-run.service';
import { InvoiceIssuing } from '../modules/billing/invoice-issuing';
import { InvoiceService } from '../modules/billing/invoice.service';
import { PendingCreditService } from '../modules/billing/pending-credit.service';
import { ReadCorrections } from '../modules/billing/read-corrections';
import { PaymentService } from '../modules/payments/payment.service';
import { PaymentPlanService } from '../modules/payments/payment-plan.service';
import { RefundService } from '../modules/payments/refund.service';
import { RemittanceService } from '../modules/remittances/remittance.service';
import { CreditNoteService } from '../modules/credits/credit-note.service';
import { ChargeService } from '../modules/credits/charge.service';
import { KpiService } from '../modules/kpis/kpi.service';
import { KpiSeriesService } from '../modules/kpis/kpi-series.service';
import { SearchService } from '../modules/search/search.service';
import { TimelineService } from '../modules/timeline/timeline.service';
import { CollectionsPathService } from '../modules/collections/collections-path.service';
import { CollectionsRunService } from '../modules/collections/collections-run.service';
import { OperatorStepChecks } from '../modules/collections/controls/operator-step-checks';
import { DelinquencyService } from '../modules/collections/delinquency.service';
import type { Logger } from '../common/logger';
import { CollectionsActions } from '../modules/collections/collections-actions';
import { CollectionsControlsService } from '../modules/collections/controls/controls.service';
import { DisputeService } from '../modules/disputes/dispute.service';
import { DISPUTE_KINDS, disputeCause } from '../modules/disputes/dispute-cause';
import { ProtectedSteps } from '../modules/collections/controls/protected-steps.service';
import { EventRetention } from '../events/retention';
import { SalesCalendar } from '../modules/catalog/sales-calendar';
import { RunScheduleService } from '../modules/runs/run-schedule.service';
import { WebhookService } from '../modules/webhooks/webhook.service';
import { WebhookDispatcher } from '../modules/webhooks/webhook-dispatcher';
import { DeliveryStore } from '../modules/webhooks/delivery-store';
import { MemoryRateLimiter, RedisRateLimiter } from '../common/rate-limit/rate-limiter';
import { RequestLimits } from '../common/rate-limit/request-limits';
import { TaxRateService } from '../modules/taxes/tax-rate.service';
import { randomBytes } from 'node:crypto';
import { BrandingService } from '../modules/documents/branding.service';
import { DocumentService } from '../modules/documents/document.service';
import { DocumentViews } from '../modules/documents/document-views';
import { renderHere } from '../modules/documents/render-pdf';
import { RenderThreads } from '../modules/documents/render-threads';
import { RenderWorker } from '../modules/documents/render-worker';
import { DeliveryService } from '../modules/delivery/delivery.service';
import { DeliveryWorker } from '../modules/delivery/delivery-worker';
import { Mailer } from '../modules/delivery/mailer';
import { PrintBatchService } from '../modules/delivery/print-batches.service';

export type { Services };

export async function createServices(
  config: HubConfig,
  db: Database,
  pubsub: HubPubSub,
  log: Logger,
  deploymentId: string,
): Promise<Services> {
  const limiter = config.redisUrl
    ? new RedisRateLimiter(config.redisUrl, deploymentId, (e) => log.error('redis (rate limits)', e))
    : new MemoryRateLimiter();
  const limits = new RequestLimits(limiter, config.rateLimit);
  const workQueues = new WorkQueueService(db);
  const billingRules = new BillingRulesService(db);
  const billingExceptions = new BillingExceptionService(db, workQueues);
  // Resolving an item by hand never leaves its cause half done: refused while a held invoice or a market drop waits
  // for its action; a critical exception is resolved with its item.
  const workItemActions = new WorkItemActions(db);
  workItemActions.registerCause(HELD_INVOICE_KINDS, heldInvoiceCause);
  workItemActions.registerCause(CRITICAL_EXCEPTION_KINDS, criticalExceptionCause(billingExceptions));
  workItemActions.registerCause(MARKET_DROP_KINDS, marketDropCause);
  workItemActions.registerCause(DISPUTE_KINDS, disputeCause);
  const pendingCredits = new PendingCreditService();
  const issuing = new InvoiceIssuing();
  const billRuns = new BillRunService(db, pubsub, billingRules, billingExceptions, workQueues, pendingCredits, issuing, log);
  const invoices = new InvoiceService(db, config, billingRules, billingExceptions, workQueues, issuing, pendingCredits);
  const usage = new UsageService(db);
  const usageReads = new UsageReadService(db, usage);
  // A replaced or cancelled read that was billed is credited (or its held invoice voided) in the same transaction.
  const readCorrections = new ReadCorrections(invoices);
  usage.onWithdrawn((tx, actor, reads, reason) => readCorrections.withdrawn(tx, actor, reads, reason));
  invoices.cancelReadsWith(usageReads);
  const paymentPlans = new PaymentPlanService(db, invoices);
  const payments = new PaymentService(db, paymentPlans, () => invoices.today());
  // Unapplied payments go to each invoice the moment it is issued.
  issuing.onInvoiceIssued((tx, issued) => payments.applyUnappliedMany(tx, issued));
  const creditNotes = new CreditNoteService(db, payments, pendingCredits, config.timezone);
  readCorrections.creditWith(async (tx, actor, invoice, lines, reason) => {
    await creditNotes.creditInTx(tx, {
      invoiceId: invoice.id,
      reason,
      items: lines.map((l) => ({ invoiceLineId: l.lineId, amount: l.amount })),
      rebillWhenPastLeft: true,
      actor: actor.name,
    });
  });
  const collectionsPaths = new CollectionsPathService(db);
  const delinquencies = new DelinquencyService(invoices, workQueues);
  const collectionsControls = new CollectionsControlsService(db, () => invoices.today(), workQueues);
  const operatorStepChecks = new OperatorStepChecks(collectionsControls, invoices, paymentPlans);
  const protectedSteps = new ProtectedSteps(
    db,
    invoices,
    workQueues,
    new CollectionsActions(invoices, workQueues),
    operatorStepChecks,
    collectionsPaths,
  );
  // A payment or void that clears an account ends its delinquency in the same transaction.
  payments.watchDelinquencies(delinquencies);
  invoices.watchDelinquencies(delinquencies);
  const eventRetention = new EventRetention(db, config.eventRetentionDays, log);
  const catalog = new CatalogService(db, config);
  const webhooks = new WebhookService(db, eventRetention, workQueues, config.webhooks.allowPrivate, config.webhooks.timeoutMs);
  const webhookDispatcher = new WebhookDispatcher(
    (owner) => new DeliveryStore(db, workQueues, owner),
    catalog,
    pubsub,
    config.webhooks,
    log,
  );
  // Delivery logs are kept as long as events; an endpoint made deliverable is worked at once.
  eventRetention.onSweep((cutoff) => webhookDispatcher.pruneDeliveries(cutoff));
  const branding = new BrandingService(db);
  const documentViews = new DocumentViews(db, branding, config.timezone);
  // PDFs are laid out beside the API's thread, so pdfkit never holds up a request or an event.
  const pdfs = config.renderThreads > 0 ? new RenderThreads(config.renderThreads) : renderHere;
  const documents = new DocumentService(db, documentViews, pdfs);
  const renderWorker = new RenderWorker(db, documents, documentViews, pdfs, `${process.pid}-${randomBytes(6).toString('hex')}`, log);
  // A document stored queues its delivery in the same transaction: a mail sent once that commits, or a place in the day's print batch.
  const deliveries = new DeliveryService(db, config.timezone);
  const deliveryWorker = new DeliveryWorker(
    db,
    new Mailer(config.mail),
    { content: (id) => documents.content(id), senderName: async () => (await branding.current()).name },
    workQueues,
    `${process.pid}-${randomBytes(6).toString('hex')}`,
    config.mail.retryMs,
    log,
  );
  documents.onStored(
    (tx, stored) => deliveries.queueForStored(tx, stored),
    () => deliveryWorker.wake(),
  );
  deliveries.onQueued(() => deliveryWorker.wake());
  // Every issued invoice gets its bill: queued with the invoice, rendered once the issuing transaction has committed.
  let billsQueued = false;
  issuing.onInvoiceIssued(async (tx, issued) => {
    documents.queueInvoices(tx, issued);
    billsQueued = true;
  });
  db.onEventsCommitted(() => {
    if (!billsQueued) return;
    billsQueued = false;
    renderWorker.wake();
  });
  // This process's task for the endpoint reads it again at once; other processes' tasks when Redis tells them.
  webhooks.onChanged((id) => {
    webhookDispatcher.endpointChanged(id);
    pubsub
      .publish(Topic.WEBHOOK_ENDPOINT_CHANGED, { id })
      .catch((error: unknown) => log.error('announcing a webhook endpoint change failed', error));
  });
  const collectionsRuns = new CollectionsRunService(
    db,
    pubsub,
    collectionsPaths,
    invoices,
    workQueues,
    paymentPlans,
    log,
    delinquencies,
    collectionsControls,
    protectedSteps,
    operatorStepChecks,
    config.futureCollectionsRuns,
  );
  const identity = await IdentityService.create(db, pubsub, config.jwtSecret, limits);
  // A revoked key's endpoints stop, saying why, rather than fall silently behind.
  identity.onKeyRevoked((tx, key) => webhooks.keyRevoked(tx, key));
  return {
    config,
    limits,
    identity,
    userAdmin: new UserAdminService(db, pubsub, limits),
    audit: new AuditService(db),
    events: new EventService(db, pubsub, eventRetention),
    catalog,
    accounts: new AccountService(db),
    accountImports: new AccountImportService(db, () => invoices.today()),
    usage,
    usageReads,
    workQueues,
    workItemActions,
    billingRules,
    billingExceptions,
    billRuns,
    invoices,
    payments,
    paymentPlans,
    creditNotes,
    charges: new ChargeService(db),
    refunds: new RefundService(db),
    remittances: new RemittanceService(db, payments, invoices, billingRules, workQueues, () => invoices.today()),
    kpis: new KpiService(db, config),
    kpiSeries: new KpiSeriesService(db),
    search: new SearchService(db),
    timeline: new TimelineService(db),
    collectionsPaths,
    collectionsControls,
    disputes: new DisputeService(db, workQueues),
    protectedSteps,
    collectionsRuns,
    eventRetention,
    webhooks,
    webhookDispatcher,
    salesCalendar: new SalesCalendar(db, config.timezone, log),
    taxRates: new TaxRateService(db),
    runSchedules: new RunScheduleService(db, config.timezone, { billing: billRuns, collections: collectionsRuns }, log),
    branding,
    documents,
    renderWorker,
    pdfs,
    deliveries,
    deliveryWorker,
    printBatches: new PrintBatchService(db, (id) => documents.content(id)),
  };
}
