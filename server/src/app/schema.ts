import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { authChecker } from '../common/auth/auth-checker';
import { describeRootTypes } from '../common/descriptions';
import { KpiResolver } from '../modules/kpis/kpi.resolver';
import { SearchResolver } from '../modules/search/search.resolver';
import { AccountTimelineResolver } from '../modules/timeline/timeline.resolver';
import { validateArgs } from '../common/scalars/validate-args';
import { EventResolver } from '../events/event.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { ProductResolver, RateResolver } from '../modules/catalog/product.resolver';
import { AccountResolver, EnrollmentResolver } from '../modules/accounts/account.resolver';
import { AccountImportResolver } from '../modules/accounts/import/account-import.resolver';
import { AccountUsageReadsResolver, UsageResolver } from '../modules/usage/usage.resolver';
import { AccountWorkItemsResolver, WorkItemResolver, WorkQueueResolver } from '../modules/work-queues/work-queue.resolver';
import {
  AccountReceivablesResolver,
  BillingExceptionResolver,
  BillingRulesResolver,
  BillRunResolver,
  InvoiceResolver,
  WorkItemLinksResolver,
} from '../modules/billing/billing.resolver';
import {
  AccountPaymentsResolver,
  PaymentAllocationResolver,
  PaymentPlanResolver,
  PaymentResolver,
} from '../modules/payments/payment.resolver';
import { RemittanceResolver } from '../modules/remittances/remittance.resolver';
import {
  AccountCollectionsResolver,
  CollectionsActionResolver,
  CollectionsPathResolver,
  CollectionsRunResolver,
} from '../modules/collections/collections.resolver';
import { WebhookResolver } from '../modules/webhooks/webhook.resolver';
import {
  AccountControlsResolver,
  CollectionsControlsResolver,
  CollectionsStepNoticeResolver,
} from '../modules/collections/controls/controls.resolver';
import { DisputeResolver, InvoiceDisputeResolver } from '../modules/disputes/dispute.resolver';
import {
  AccountCreditsResolver,
  CreditNoteLineResolver,
  CreditNoteResolver,
  InvoiceCreditsResolver,
  PendingChargeResolver,
  RefundResolver,
} from '../modules/credits/credit.resolver';
import { TaxRateResolver } from '../modules/taxes/tax-rate.resolver';
import { PreviewSampleResolver, RunsResolver } from '../modules/runs/runs.resolver';
import {
  AccountDocumentsResolver,
  BrandingResolver,
  CollectionsActionDocumentResolver,
  CreditNoteDocumentResolver,
  DocumentResolver,
  InvoiceDocumentResolver,
} from '../modules/documents/documents.resolver';
import { DocumentDeliveryResolver, PrintBatchResolver } from '../modules/delivery/delivery.resolver';

export const resolvers: NonEmptyArray<Function> = [
  IdentityResolver,
  AuditResolver,
  EventResolver,
  ProductResolver,
  RateResolver,
  AccountResolver,
  EnrollmentResolver,
  UsageResolver,
  AccountImportResolver,
  AccountUsageReadsResolver,
  WorkQueueResolver,
  WorkItemResolver,
  InvoiceResolver,
  BillingExceptionResolver,
  BillRunResolver,
  BillingRulesResolver,
  AccountReceivablesResolver,
  WorkItemLinksResolver,
  PaymentResolver,
  PaymentAllocationResolver,
  PaymentPlanResolver,
  AccountPaymentsResolver,
  KpiResolver,
  SearchResolver,
  AccountTimelineResolver,
  CollectionsPathResolver,
  CollectionsRunResolver,
  CollectionsActionResolver,
  AccountCollectionsResolver,
  AccountWorkItemsResolver,
  CollectionsControlsResolver,
  DisputeResolver,
  InvoiceDisputeResolver,
  AccountControlsResolver,
  CollectionsStepNoticeResolver,
  WebhookResolver,
  CreditNoteResolver,
  CreditNoteLineResolver,
  InvoiceCreditsResolver,
  AccountCreditsResolver,
  PendingChargeResolver,
  RefundResolver,
  RemittanceResolver,
  TaxRateResolver,
  RunsResolver,
  PreviewSampleResolver,
  DocumentResolver,
  BrandingResolver,
  InvoiceDocumentResolver,
  AccountDocumentsResolver,
  CollectionsActionDocumentResolver,
  CreditNoteDocumentResolver,
  DocumentDeliveryResolver,
  PrintBatchResolver,
];

let built: Promise<GraphQLSchema> | null = null;

/** The executable schema, built once per process from the resolvers' decorators. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    validate: false,
    validateFn: validateArgs,
    // Every subscription supplies its own `subscribe` (events/event.service.ts), so
    // type-graphql's topic-based PubSub is never used; it only insists on one being set.
    pubSub: {
      publish: () => {
        throw new Error('publish through HubPubSub');
      },
      subscribe: () => {
        throw new Error('subscribe through HubPubSub');
      },
    },
  }).then(describeRootTypes);
  return built;
}

/** The SDL committed as schema/schema.graphql. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
