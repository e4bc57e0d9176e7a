import type { ApolloCache } from '@apollo/client';
import type { EventType } from '../../generated/graphql';
import type { LiveEvent } from './describe-event';
import { payloadOf } from './event-payload';

/**
 * What each event changes in the console's cache. An event names what changed
 * (an invoice, a payment, a work item, an account by number), so the console
 * updates or evicts exactly that: only an open screen that shows an evicted
 * field reads again (Apollo refetches a watched query whose data went
 * missing), and one that shows none of it makes no request at all. Aggregates
 * the hub computes (KPIs, counts) cannot be derived from an event, so they are
 * evicted and read again where they are shown.
 */
export function applyEvents(cache: ApolloCache, events: readonly LiveEvent[]): void {
  if (events.length === 0) return;
  cache.batch({
    update: () => {
      const edit = new CacheEdit(cache);
      for (const event of events) UPDATES[event.type]?.(edit, event);
    },
  });
}

/** One entry per event type that changes something the console shows. */
const UPDATES: Partial<Record<EventType, (edit: CacheEdit, event: LiveEvent) => void>> = {
  PAYMENT_RECEIVED: (edit, e) => {
    edit.kpis();
    edit.accountMoney(e.accountNumber, ['payments', 'paymentPlan']);
    for (const a of payloadOf(e, 'PAYMENT_RECEIVED').allocations ?? []) edit.fields('Invoice', a.invoiceId, INVOICE_MONEY);
  },
  PAYMENT_REVERSED: (edit, e) => {
    edit.kpis();
    edit.accountMoney(e.accountNumber, ['payments', 'paymentPlan']);
    edit.fields('Payment', e.subjectId, ['status', 'unapplied', 'allocations']);
    for (const a of payloadOf(e, 'PAYMENT_REVERSED').reopened ?? []) edit.fields('Invoice', a.invoiceId, INVOICE_MONEY);
  },
  PAYMENT_PLAN_CREATED: (edit, e) => edit.account(e.accountNumber, ['paymentPlan']),
  PAYMENT_PLAN_BROKEN: (edit, e) => edit.account(e.accountNumber, ['paymentPlan']),
  // An invoice's status decides which lists it is in (held, blocked, the dashboard's), so those lists are read again.
  INVOICE_ISSUED: (edit, e) => invoiceChanged(edit, e),
  INVOICE_HELD: (edit, e) => invoiceChanged(edit, e),
  INVOICE_RELEASED: (edit, e) => invoiceChanged(edit, e),
  INVOICE_VOIDED: (edit, e) => invoiceChanged(edit, e),
  EXCEPTION_RAISED: (edit, e) => exceptionChanged(edit, e),
  EXCEPTION_RESOLVED: (edit, e) => exceptionChanged(edit, e),
  BILL_RUN_COMPLETED: (edit, e) => {
    edit.kpis();
    edit.fields('BillRun', e.subjectId, ['status', 'finishedAt']);
  },
  COLLECTIONS_ACTION_TAKEN: (edit, e) => edit.account(e.accountNumber, ['collectionsActions', 'status']),
  ACCOUNT_STATUS_CHANGED: (edit, e) => {
    edit.account(e.accountNumber, ['status']);
    edit.root('accounts');
  },
  WORK_ITEM_CREATED: (edit, e) => {
    edit.kpis();
    edit.queue(payloadOf(e, 'WORK_ITEM_CREATED').queueKey, ['openCount', 'overdueCount', 'items']);
    edit.account(e.accountNumber, ['workItems']);
  },
  WORK_ITEM_UPDATED: (edit, e) => {
    const { status, change, queueKey } = payloadOf(e, 'WORK_ITEM_UPDATED');
    if (change === 'NOTE_ADDED') {
      edit.fields('WorkItem', e.subjectId, ['notes']);
      return;
    }
    // The item moves between its queue's lists (and leaves the open count when resolved).
    edit.kpis();
    edit.queue(queueKey, ['openCount', 'overdueCount', 'items']);
    edit.account(e.accountNumber, ['workItems']);
    if (status) edit.set('WorkItem', e.subjectId, 'status', status);
    edit.fields('WorkItem', e.subjectId, ['assignee', 'resolvedAt', 'resolution', 'notes']);
  },
  SLA_BREACHED: (edit, e) => {
    edit.kpis();
    edit.queue(payloadOf(e, 'SLA_BREACHED').queueKey, ['overdueCount']);
  },
  PRODUCT_CHANGED: (edit, e) => {
    edit.entity('Product', e.subjectId);
    edit.root('products', 'availableProducts');
  },
};

const INVOICE_MONEY = ['amountPaid', 'amountDue', 'status'];

function invoiceChanged(edit: CacheEdit, e: LiveEvent): void {
  edit.kpis();
  edit.root('invoices');
  edit.fields('Invoice', e.subjectId, ['status', 'issueDate', 'dueDate', 'exceptions', ...INVOICE_MONEY]);
  edit.accountMoney(e.accountNumber, ['invoices']);
}

function exceptionChanged(edit: CacheEdit, e: LiveEvent): void {
  edit.kpis();
  edit.root('billingExceptions');
  edit.fields('BillingException', e.subjectId, ['status', 'resolvedAt', 'resolution']);
  const { invoiceId } = payloadOf(e, e.type === 'EXCEPTION_RAISED' ? 'EXCEPTION_RAISED' : 'EXCEPTION_RESOLVED');
  if (invoiceId) edit.fields('Invoice', invoiceId, ['exceptions']);
}

/** Evictions and writes on one cache, with the accounts and queues it holds looked up once. */
class CacheEdit {
  private accountIds: Map<string, string> | null = null;
  private queueIds: Map<string, string> | null = null;

  constructor(private readonly cache: ApolloCache) {}

  /** Fields of one entity, if the cache holds it: the screens showing them read them again. */
  fields(typename: string, id: string, fieldNames: readonly string[]): void {
    const cacheId = this.cache.identify({ __typename: typename, id });
    if (!cacheId) return;
    for (const fieldName of fieldNames) this.cache.evict({ id: cacheId, fieldName });
  }

  /** A field's new value, known from the event: no request needed. */
  set(typename: string, id: string, fieldName: string, value: unknown): void {
    const cacheId = this.cache.identify({ __typename: typename, id });
    if (cacheId) this.cache.modify({ id: cacheId, fields: { [fieldName]: () => value } });
  }

  /** A whole entity, and with it every reference to it (lists holding it are evicted by the caller). */
  entity(typename: string, id: string): void {
    const cacheId = this.cache.identify({ __typename: typename, id });
    if (cacheId) this.cache.evict({ id: cacheId });
  }

  /** Top-level lists and lookups, with every argument they were read with. */
  root(...fieldNames: string[]): void {
    for (const fieldName of fieldNames) this.cache.evict({ id: 'ROOT_QUERY', fieldName });
  }

  /** The KPIs: aggregates only the hub can compute. */
  kpis(): void {
    this.root('kpis');
  }

  account(accountNumber: string | null, fieldNames: readonly string[]): void {
    const id = accountNumber === null ? undefined : this.lookup('Account', 'number', () => this.accountIds).get(accountNumber);
    if (id) this.fields('Account', id, [...fieldNames]);
    // The account's audit trail gains an entry with every change.
    this.root('auditLog');
  }

  /** An account's money: its balance, what is past due, and the lists the change touches. */
  accountMoney(accountNumber: string | null, fieldNames: readonly string[]): void {
    this.account(accountNumber, ['balance', 'pastDue', 'daysPastDue', ...fieldNames]);
  }

  queue(queueKey: string | null | undefined, fieldNames: readonly string[]): void {
    if (!queueKey) return;
    const id = this.lookup('WorkQueue', 'key', () => this.queueIds).get(queueKey);
    if (id) this.fields('WorkQueue', id, fieldNames);
  }

  /** The cache's entities of one type by a unique field (accounts by number, queues by key). */
  private lookup(typename: 'Account' | 'WorkQueue', field: string, current: () => Map<string, string> | null): Map<string, string> {
    const known = current();
    if (known) return known;
    const map = new Map<string, string>();
    const prefix = `${typename}:`;
    for (const [key, value] of Object.entries(this.cache.extract() as Record<string, Record<string, unknown> | undefined>)) {
      if (!key.startsWith(prefix) || !value) continue;
      const unique = value[field];
      const id = value.id;
      if (typeof unique === 'string' && typeof id === 'string') map.set(unique, id);
    }
    if (typename === 'Account') this.accountIds = map;
    else this.queueIds = map;
    return map;
  }
}
