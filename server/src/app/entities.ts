import { EventRecord } from '../events/event.entity';
import { OutboxRow } from '../events/outbox.entity';
import { AuditEntry } from '../db/audit-entry.entity';
import { ApiKey } from '../modules/identity/api-key.entity';
import { User } from '../modules/identity/user.entity';
import { Setting } from '../db/setting.entity';
import { Account, Enrollment } from '../modules/accounts/account.entity';
import { AccountImportRecord } from '../modules/accounts/import/account-import.entity';
import { UsageRead } from '../modules/usage/usage.entity';
import { WorkItem, WorkNote, WorkQueue } from '../modules/work-queues/work-queue.entity';
import { Incentive, Product, PromoCode, Rate } from '../modules/catalog/product.entity';
import { BillingException, BillingRules, BillRun, Invoice, InvoiceLine } from '../modules/billing/billing.entity';
import { BillRunChunk } from '../modules/billing/bill-run-chunk.entity';
import { PendingCharge } from '../modules/billing/pending-charge.entity';
import { Installment, Payment, PaymentAllocation, PaymentPlan } from '../modules/payments/payment.entity';
import { AccountProtection, BlackoutDate, CollectionsHold, ProtectedStepReferral } from '../modules/collections/controls/controls.entity';
import {
  CollectionsAction,
  CollectionsEpisode,
  CollectionsPath,
  CollectionsRun,
  CollectionsStep,
} from '../modules/collections/collections.entity';
import { CollectionsPathSegment } from '../modules/collections/collections-path-segment.entity';
import { WebhookDelivery, WebhookEndpoint } from '../modules/webhooks/webhook.entity';
import { CreditNote, CreditNoteLine } from '../modules/credits/credit-note.entity';
import { Dispute } from '../modules/disputes/dispute.entity';
import { Refund } from '../modules/payments/refund.entity';
import { SuspensePayment } from '../modules/remittances/remittance.entity';
import { TaxRate } from '../modules/taxes/tax-rate.entity';
import { RunSchedule } from '../modules/runs/run-schedule.entity';
import { Branding, Delivery, Document, DocumentJob } from '../modules/documents/document.entity';

/** Every entity the data source maps. */
export const entities: Function[] = [
  Setting,
  User,
  ApiKey,
  AuditEntry,
  OutboxRow,
  EventRecord,
  Product,
  Rate,
  PromoCode,
  Incentive,
  Account,
  Enrollment,
  AccountImportRecord,
  UsageRead,
  WorkQueue,
  WorkItem,
  WorkNote,
  BillRun,
  BillRunChunk,
  Invoice,
  InvoiceLine,
  PendingCharge,
  BillingException,
  BillingRules,
  Payment,
  PaymentAllocation,
  PaymentPlan,
  Installment,
  CreditNote,
  Dispute,
  CreditNoteLine,
  Refund,
  SuspensePayment,
  CollectionsPath,
  CollectionsPathSegment,
  CollectionsStep,
  CollectionsEpisode,
  CollectionsRun,
  CollectionsAction,
  CollectionsHold,
  AccountProtection,
  BlackoutDate,
  ProtectedStepReferral,
  WebhookEndpoint,
  WebhookDelivery,
  TaxRate,
  RunSchedule,
  Document,
  DocumentJob,
  Delivery,
  Branding,
];
