/**
 * The payload of every event type: what `events`, the typed subscriptions and
 * webhooks carry in `payload`, and what integrators read. One map from type to
 * payload, as the PubSub's TopicPayloads is for topics: `tx.emit` takes only a
 * payload of its event's type, and the console describes events from these
 * same types, so a renamed field fails to compile on both sides.
 *
 * This file imports nothing, so the console can use it as it is. Money is a
 * string with two decimals ("12.50"); dates are "YYYY-MM-DD"; instants are
 * ISO 8601 in UTC; ids are strings. docs/events.md describes each for integrators.
 */

/** Money as the API gives it: an exact decimal string with two places, e.g. "-12.50". */
export type MoneyText = string;
/** A calendar date, "YYYY-MM-DD". */
export type DateText = string;
/** An instant, ISO 8601 in UTC. */
export type InstantText = string;

export type ProductChangeName = 'CREATED' | 'UPDATED' | 'PUBLISHED' | 'RETIRED' | 'SALES_STARTED' | 'SALES_ENDED';
export type ProductStatusName = 'DRAFT' | 'ACTIVE' | 'RETIRED';
export type ExceptionCodeName = 'MISSING_RATE' | 'NO_ENROLLMENT' | 'HIGH_CONSUMPTION' | 'BILL_SWING' | 'HIGH_AMOUNT';
export type ExceptionSeverityName = 'CRITICAL' | 'THRESHOLD';
export type PaymentChannelName = 'CARD' | 'ACH' | 'WIRE' | 'CHECK' | 'CASH' | 'ONLINE' | 'OTHER';
export type CollectionsActionName =
  'REMINDER' | 'LETTER' | 'CALL_REQUEST' | 'DIALER_EXPORT' | 'LATE_FEE' | 'AGENCY_REFERRAL' | 'MARKET_DROP';
export type AccountStatusName = 'ACTIVE' | 'DROP_PENDING' | 'DROPPED' | 'CLOSED';
export type IncentiveKindName = 'BILL_CREDIT' | 'GIFT_CARD' | 'BUNDLE' | 'OTHER';
export type WorkItemStatusName = 'OPEN' | 'IN_PROGRESS' | 'RESOLVED';
export type WorkItemChangeName = 'CLAIMED' | 'REASSIGNED' | 'NOTE_ADDED' | 'RESOLVED';

export interface ProductChangedPayload {
  change: ProductChangeName;
  code: string;
  version: number;
  /** The product's status as the change left it: partners are never sent a DRAFT's changes. */
  status: ProductStatusName;
}

export interface InvoiceIssuedPayload {
  /** INV- and 8 digits. */
  number: string;
  total: MoneyText;
  issueDate: DateText | null;
  dueDate: DateText | null;
  /** On a release: the reviewer's note. */
  note?: string | null;
}

export interface InvoiceHeldPayload {
  number: string;
  total: MoneyText;
  /** The threshold tests it failed. */
  exceptions: ExceptionCodeName[];
}

export interface InvoiceVoidedPayload {
  number: string;
  total: MoneyText;
  reason: string;
  /** Its reads were cancelled too (voidInvoice with cancelReads), so no run bills them again. */
  readsCancelled?: boolean;
}

export interface ExceptionRaisedPayload {
  code: ExceptionCodeName;
  severity: ExceptionSeverityName;
  message: string;
  invoiceId: string | null;
}

export interface ExceptionResolvedPayload {
  code: ExceptionCodeName;
  severity: ExceptionSeverityName;
  resolution: string;
  invoiceId: string | null;
}

export interface BillRunCompletedPayload {
  asOf: DateText;
  accountsConsidered: number;
  accountsProcessed: number;
  invoicesIssued: number;
  invoicesHeld: number;
  accountsBlocked: number;
  accountsFailed: number;
}

export interface PaymentReceivedPayload {
  amount: MoneyText;
  channel: PaymentChannelName;
  /** What no open invoice took: the account's credit. */
  unapplied: MoneyText;
  allocations: Array<{ invoiceId: string; amount: MoneyText }>;
}

export interface PaymentReversedPayload {
  amount: MoneyText;
  reason: string;
  /** The invoices it had paid, open again by these amounts. */
  reopened: Array<{ invoiceId: string; amount: MoneyText }>;
  /** Unapplied credit of other payments applied to the reopened invoices. */
  reapplied: Array<{ paymentId: string; invoiceId: string; amount: MoneyText }>;
}

export interface PaymentPlanCreatedPayload {
  total: MoneyText;
  installments: number;
  firstDueDate: DateText;
  intervalDays: number;
}

export interface PaymentPlanBrokenPayload {
  asOf: DateText;
  missed: Array<{ dueDate: DateText; amount: MoneyText; paid: MoneyText }>;
}

export interface CollectionsActionTakenPayload {
  action: CollectionsActionName;
  pathId: string;
  pathName: string;
  stepId: string;
  stepName: string;
  runId: string;
  asOf: DateText;
  pastDue: MoneyText;
  daysPastDue: number;
  /** The letter's text, the call request's note, the fee... */
  detail: string;
  workItemId: string | null;
  /** The late-fee invoice, for LATE_FEE. */
  invoiceId: string | null;
  /** Who took a protected account's step anyway (a username, or "apikey"); left out when a collections run took it. */
  takenBy?: string;
}

export interface AccountStatusChangedPayload {
  from: AccountStatusName;
  to: AccountStatusName;
  reason: string;
}

export interface IncentiveEarnedPayload {
  invoiceId: string;
  enrollmentId: string;
  kind: IncentiveKindName;
  description: string;
  value: MoneyText;
}

export interface WorkItemCreatedPayload {
  queueKey: string;
  kind: string;
  title: string;
  priority: number;
  dueAt: InstantText;
}

export interface WorkItemUpdatedPayload {
  queueKey: string;
  change: WorkItemChangeName;
  status: WorkItemStatusName;
  /** Who has it now, when claimed or resolved. */
  assigneeUserId?: string | null;
}

export interface SlaBreachedPayload {
  queueKey: string;
  kind: string;
  status: WorkItemStatusName;
  dueAt: InstantText;
  assigneeUserId: string | null;
}

export interface WebhookEndpointDisabledPayload {
  apiKeyId: string;
  /** The receiver's host only: a URL's path or query may carry a token. */
  host: string;
  /** The last event delivered. */
  cursor: string;
  reason: string;
}

export interface CreditNoteIssuedPayload {
  /** CN- and 8 digits. */
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  total: MoneyText;
  /** What went to the credited invoice's amountDue. */
  appliedToInvoice: MoneyText;
  /** The rest, now the account's unapplied credit. */
  unappliedCredit: MoneyText;
  /** Every line of the invoice credited. */
  full: boolean;
  /** The invoice's reads were returned to the next run. */
  rebill: boolean;
  reason: string;
}

export interface RefundRecordedPayload {
  amount: MoneyText;
  channel: PaymentChannelName;
  reference: string | null;
  /** The account's unapplied credit after the refund. */
  unappliedCredit: MoneyText;
}

export interface UsageReadReplacedPayload {
  /** The read that replaces it (subjectId is the replaced read). */
  replacedById: string;
  register: string;
  periodStart: DateText;
  periodEnd: DateText;
  /** The replaced read's quantity, an exact decimal string, and whether it was an estimate. */
  quantity: string;
  estimated: boolean;
  newQuantity: string;
  newEstimated: boolean;
  /** The invoice the replaced read was billed on (credited for it), or null if it was not billed. */
  billedOn: string | null;
}

export interface DisputeOpenedPayload {
  invoiceId: string;
  invoiceNumber: string;
  reason: string;
  /** The work item in queue DISPUTES. */
  workItemId: string;
}

export interface DisputeResolvedPayload {
  invoiceId: string;
  invoiceNumber: string;
  outcome: 'UPHELD' | 'REJECTED';
  resolution: string;
  /** The credit note that settles an UPHELD dispute; null when REJECTED. */
  creditNoteId: string | null;
}

/** A document sent: which one, how and to whom. */
export interface DocumentDeliveredPayload {
  documentId: string;
  kind: string;
  method: string;
  to: string | null;
  attempts: number;
}

/** A delivery given up: why, and the work item that asks someone to act. */
export interface DocumentDeliveryFailedPayload {
  documentId: string;
  kind: string;
  method: string;
  to: string | null;
  attempts: number;
  reason: string;
}

/** Every event type's payload. */
export interface EventPayloads {
  PRODUCT_CHANGED: ProductChangedPayload;
  INVOICE_ISSUED: InvoiceIssuedPayload;
  INVOICE_HELD: InvoiceHeldPayload;
  INVOICE_RELEASED: InvoiceIssuedPayload;
  INVOICE_VOIDED: InvoiceVoidedPayload;
  EXCEPTION_RAISED: ExceptionRaisedPayload;
  EXCEPTION_RESOLVED: ExceptionResolvedPayload;
  BILL_RUN_COMPLETED: BillRunCompletedPayload;
  PAYMENT_RECEIVED: PaymentReceivedPayload;
  PAYMENT_REVERSED: PaymentReversedPayload;
  PAYMENT_PLAN_CREATED: PaymentPlanCreatedPayload;
  PAYMENT_PLAN_BROKEN: PaymentPlanBrokenPayload;
  COLLECTIONS_ACTION_TAKEN: CollectionsActionTakenPayload;
  ACCOUNT_STATUS_CHANGED: AccountStatusChangedPayload;
  INCENTIVE_EARNED: IncentiveEarnedPayload;
  WORK_ITEM_CREATED: WorkItemCreatedPayload;
  WORK_ITEM_UPDATED: WorkItemUpdatedPayload;
  SLA_BREACHED: SlaBreachedPayload;
  WEBHOOK_ENDPOINT_DISABLED: WebhookEndpointDisabledPayload;
  CREDIT_NOTE_ISSUED: CreditNoteIssuedPayload;
  REFUND_RECORDED: RefundRecordedPayload;
  USAGE_READ_REPLACED: UsageReadReplacedPayload;
  DISPUTE_OPENED: DisputeOpenedPayload;
  DISPUTE_RESOLVED: DisputeResolvedPayload;
  DOCUMENT_DELIVERED: DocumentDeliveredPayload;
  DOCUMENT_DELIVERY_FAILED: DocumentDeliveryFailedPayload;
}

export type EventTypeName = keyof EventPayloads;
