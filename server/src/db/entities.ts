import { EventRecord } from '../events/event.entity';
import { OutboxRow } from '../events/outbox.entity';
import { AuditEntry } from '../modules/audit/audit.entity';
import { ApiKey } from '../modules/identity/api-key.entity';
import { User } from '../modules/identity/user.entity';
import { Setting } from './setting.entity';
import { Account, Enrollment } from '../modules/accounts/account.entity';
import { UsageRead } from '../modules/usage/usage.entity';
import { WorkItem, WorkNote, WorkQueue } from '../modules/work-queues/work-queue.entity';
import { Incentive, Product, PromoCode, Rate } from '../modules/catalog/product.entity';
import { BillingException, BillingRules, BillRun, Invoice, InvoiceLine } from '../modules/billing/billing.entity';
import { BillRunChunk } from '../modules/billing/bill-run-chunk.entity';
import { PendingCharge } from '../modules/billing/pending-charge.entity';
import { Installment, Payment, PaymentAllocation, PaymentPlan } from '../modules/payments/payment.entity';
import {
  CollectionsAction,
  CollectionsEpisode,
  CollectionsPath,
  CollectionsRun,
  CollectionsStep,
} from '../modules/collections/collections.entity';
import { CollectionsPathSegment } from '../modules/collections/collections-path-segment.entity';
import { WebhookDelivery, WebhookEndpoint } from '../modules/webhooks/webhook.entity';
import { Branding, Document, DocumentJob } from '../modules/documents/document.entity';

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
  CollectionsPath,
  CollectionsPathSegment,
  CollectionsStep,
  CollectionsEpisode,
  CollectionsRun,
  CollectionsAction,
  WebhookEndpoint,
  WebhookDelivery,
  Document,
  DocumentJob,
  Branding,
];
