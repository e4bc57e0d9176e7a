import type { HubConfig } from '../config/env';
import type { EventService } from '../events/event.service';
import type { EventRetention } from '../events/retention';
import type { AuditService } from '../modules/audit/audit.service';
import type { IdentityService } from '../modules/identity/identity.service';
import type { CatalogService } from '../modules/catalog/product.service';
import type { SalesCalendar } from '../modules/catalog/sales-calendar';
import type { AccountService } from '../modules/accounts/account.service';
import type { UsageService } from '../modules/usage/usage.service';
import type { WorkQueueService } from '../modules/work-queues/work-queue.service';
import type { BillingRulesService } from '../modules/billing/billing-rules.service';
import type { BillingExceptionService } from '../modules/billing/billing-exception.service';
import type { BillRunService } from '../modules/billing/bill-run/bill-run.service';
import type { InvoiceService } from '../modules/billing/invoice.service';
import type { PaymentService } from '../modules/payments/payment.service';
import type { PaymentPlanService } from '../modules/payments/payment-plan.service';
import type { KpiService } from '../modules/kpis/kpi.service';
import type { KpiSeriesService } from '../modules/kpis/kpi-series.service';
import type { SearchService } from '../modules/search/search.service';
import type { TimelineService } from '../modules/timeline/timeline.service';
import type { CollectionsPathService } from '../modules/collections/collections-path.service';
import type { CollectionsRunService } from '../modules/collections/collections-run.service';
import type { CollectionsControlsService } from '../modules/collections/controls/controls.service';
import type { DisputeService } from '../modules/disputes/dispute.service';
import type { ProtectedSteps } from '../modules/collections/controls/protected-steps.service';
import type { WebhookService } from '../modules/webhooks/webhook.service';
import type { WebhookDispatcher } from '../modules/webhooks/webhook-dispatcher';
import type { RequestLimits } from './rate-limit/request-limits';

import type { CreditNoteService } from '../modules/credits/credit-note.service';
import type { ChargeService } from '../modules/credits/charge.service';
import type { RefundService } from '../modules/payments/refund.service';
import type { RemittanceService } from '../modules/remittances/remittance.service';
import type { AccountImportService } from '../modules/accounts/import/account-import.service';
import type { TaxRateService } from '../modules/taxes/tax-rate.service';
import type { UsageReadService } from '../modules/usage/usage-read.service';
import type { RunScheduleService } from '../modules/runs/run-schedule.service';
import type { UserAdminService } from '../modules/identity/user-admin.service';
import type { WorkItemActions } from '../modules/work-queues/work-item-actions';
import type { BrandingService } from '../modules/documents/branding.service';
import type { DocumentService } from '../modules/documents/document.service';
import type { PdfRenderer } from '../modules/documents/render-pdf';
import type { RenderWorker } from '../modules/documents/render-worker';
import type { DeliveryService } from '../modules/delivery/delivery.service';
import type { DeliveryWorker } from '../modules/delivery/delivery-worker';
import type { PrintBatchService } from '../modules/delivery/print-batches.service';
/*
 * The services' interface, below the modules: resolvers, loaders and routes
 * reach services through it (from HubContext) without importing app/, where
 * app/services.ts builds them. Types only: nothing here runs module code, and
 * no module service imports this file, so there is no cycle.
 */

/** Every service of the hub, built once per process and shared by all requests. */
export interface Services {
  config: HubConfig;
  limits: RequestLimits;
  identity: IdentityService;
  audit: AuditService;
  events: EventService;
  catalog: CatalogService;
  accounts: AccountService;
  usage: UsageService;
  workQueues: WorkQueueService;
  billingRules: BillingRulesService;
  billingExceptions: BillingExceptionService;
  billRuns: BillRunService;
  invoices: InvoiceService;
  payments: PaymentService;
  paymentPlans: PaymentPlanService;
  kpis: KpiService;
  kpiSeries: KpiSeriesService;
  search: SearchService;
  timeline: TimelineService;
  collectionsPaths: CollectionsPathService;
  collectionsRuns: CollectionsRunService;
  collectionsControls: CollectionsControlsService;
  disputes: DisputeService;
  protectedSteps: ProtectedSteps;
  eventRetention: EventRetention;
  webhooks: WebhookService;
  webhookDispatcher: WebhookDispatcher;
  creditNotes: CreditNoteService;
  charges: ChargeService;
  refunds: RefundService;
  remittances: RemittanceService;
  accountImports: AccountImportService;
  taxRates: TaxRateService;
  usageReads: UsageReadService;
  runSchedules: RunScheduleService;
  userAdmin: UserAdminService;
  workItemActions: WorkItemActions;
  salesCalendar: SalesCalendar;
  branding: BrandingService;
  documents: DocumentService;
  renderWorker: RenderWorker;
  /** Lays documents' PDFs out (on threads of their own unless HUB_RENDER_THREADS=0). */
  pdfs: PdfRenderer;
  deliveries: DeliveryService;
  deliveryWorker: DeliveryWorker;
  printBatches: PrintBatchService;
}
