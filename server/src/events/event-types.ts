import { registerEnumType } from 'type-graphql';

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
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
}
registerEnumType(EventType, {
  name: 'EventType',
  valuesConfig: {
    WEBHOOK_ENDPOINT_DISABLED: {
      description: 'A webhook endpoint failed for the whole retry window and was disabled; subjectId is the endpoint.',
    },
  },
});

/** An event as a service hands it to its transaction. */
export interface PendingEvent {
  type: EventType;
  subjectId: string;
  accountNumber?: string | null;
  payload?: Record<string, unknown>;
}

/** A committed event with its place in the gap-free sequence. */
export interface HubEvent {
  id: string;
  type: EventType;
  occurredAt: Date;
  accountNumber: string | null;
  subjectId: string;
  payload: Record<string, unknown>;
}
