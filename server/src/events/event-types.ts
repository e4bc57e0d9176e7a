import { registerEnumType } from 'type-graphql';
import type { EventPayloads } from './event-payloads';

/** The contract's event types: every state change it names writes one outbox row. */
export enum EventType {
  PRODUCT_CHANGED = 'PRODUCT_CHANGED',
  INVOICE_ISSUED = 'INVOICE_ISSUED',
  INVOICE_HELD = 'INVOICE_HELD',
  INVOICE_RELEASED = 'INVOICE_RELEASED',
  INVOICE_VOIDED = 'INVOICE_VOIDED',
  EXCEPTION_RAISED = 'EXCEPTION_RAISED',
  EXCEPTION_RESOLVED = 'EXCEPTION_RESOLVED',
  BILL_RUN_COMPLETED = 'BILL_RUN_COMPLETED',
  PAYMENT_RECEIVED = 'PAYMENT_RECEIVED',
  PAYMENT_REVERSED = 'PAYMENT_REVERSED',
  PAYMENT_PLAN_CREATED = 'PAYMENT_PLAN_CREATED',
  PAYMENT_PLAN_BROKEN = 'PAYMENT_PLAN_BROKEN',
  COLLECTIONS_ACTION_TAKEN = 'COLLECTIONS_ACTION_TAKEN',
  ACCOUNT_STATUS_CHANGED = 'ACCOUNT_STATUS_CHANGED',
  INCENTIVE_EARNED = 'INCENTIVE_EARNED',
  WORK_ITEM_CREATED = 'WORK_ITEM_CREATED',
  WORK_ITEM_UPDATED = 'WORK_ITEM_UPDATED',
  SLA_BREACHED = 'SLA_BREACHED',
  USAGE_READ_REPLACED = 'USAGE_READ_REPLACED',
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
  CREDIT_NOTE_ISSUED = 'CREDIT_NOTE_ISSUED',
  REFUND_RECORDED = 'REFUND_RECORDED',
  DISPUTE_OPENED = 'DISPUTE_OPENED',
  DISPUTE_RESOLVED = 'DISPUTE_RESOLVED',
  DOCUMENT_DELIVERED = 'DOCUMENT_DELIVERED',
  DOCUMENT_DELIVERY_FAILED = 'DOCUMENT_DELIVERY_FAILED',
}
registerEnumType(EventType, {
  name: 'EventType',
  description:
    'What a state change was. Every change the contract names writes one event in the same transaction, numbered in commit order.',
  valuesConfig: {
    PRODUCT_CHANGED: { description: 'A product was created, changed, published or retired.' },
    INVOICE_ISSUED: { description: 'An invoice was issued (by a run, on release, or a fee invoice).' },
    INVOICE_HELD: { description: 'A computed invoice failed a threshold test and is HELD for review.' },
    INVOICE_RELEASED: { description: 'A HELD invoice was released and issued.' },
    INVOICE_VOIDED: { description: 'An invoice was voided.' },
    EXCEPTION_RAISED: { description: 'A bill run raised a billing exception.' },
    EXCEPTION_RESOLVED: { description: 'A billing exception was resolved.' },
    BILL_RUN_COMPLETED: { description: 'A bill run ended.' },
    PAYMENT_RECEIVED: { description: 'A payment was recorded.' },
    PAYMENT_REVERSED: { description: 'A payment was reversed.' },
    PAYMENT_PLAN_CREATED: { description: 'A payment plan was made.' },
    PAYMENT_PLAN_BROKEN: { description: 'A payment plan missed an installment and is BROKEN.' },
    COLLECTIONS_ACTION_TAKEN: { description: 'A collections run took an action on an account.' },
    ACCOUNT_STATUS_CHANGED: { description: "An account's status changed (e.g. DROP_PENDING, DROPPED)." },
    INCENTIVE_EARNED: {
      description: "An enrollment's first invoice earned an incentive fulfilled outside the hub (GIFT_CARD, BUNDLE, OTHER).",
    },
    WORK_ITEM_CREATED: { description: 'A work item was created.' },
    WORK_ITEM_UPDATED: { description: 'A work item was claimed, annotated or resolved.' },
    SLA_BREACHED: { description: 'A work item passed its dueAt unresolved (once per item).' },
    USAGE_READ_REPLACED: {
      description:
        'A stored read was replaced by a later read of the same account, register and period (an actual read over an estimate, or a corrected read); subjectId is the replaced read, payload.replacedById its replacement.',
    },
    CREDIT_NOTE_ISSUED: { description: 'A credit note was issued on an invoice; subjectId is the credit note.' },
    REFUND_RECORDED: { description: 'Unapplied credit was refunded; subjectId is the refund.' },
    DISPUTE_OPENED: { description: 'An invoice was disputed; subjectId is the dispute.' },
    DISPUTE_RESOLVED: { description: 'A dispute was resolved UPHELD or REJECTED; subjectId is the dispute.' },
    DOCUMENT_DELIVERED: { description: 'A document was sent by email (or written as an .eml file); subjectId is the delivery.' },
    DOCUMENT_DELIVERY_FAILED: {
      description:
        'A delivery failed for good (the mail server refused it, or no address); subjectId is the delivery, and a work item in DOCUMENT_DELIVERY says why.',
    },
    WEBHOOK_ENDPOINT_DISABLED: {
      description: 'A webhook endpoint failed for the whole retry window and was disabled; subjectId is the endpoint.',
    },
  },
});

/** An event as a service hands it to its transaction: its payload is the one event-payloads.ts gives its type. */
export type PendingEvent<T extends EventType = EventType> = {
  [K in T]: { type: K; subjectId: string; accountNumber?: string | null; payload: EventPayloads[`${K}`] };
}[T];

/** Every event type has its payload type, and nothing else has one. */
type Missing = Exclude<`${EventType}`, keyof EventPayloads> | Exclude<keyof EventPayloads, `${EventType}`>;
export const EVERY_EVENT_TYPE_HAS_A_PAYLOAD: [Missing] extends [never] ? true : Missing = true;

/** A committed event with its place in the gap-free sequence. */
export interface HubEvent {
  id: string;
  type: EventType;
  occurredAt: Date;
  accountNumber: string | null;
  subjectId: string;
  payload: Record<string, unknown>;
}
