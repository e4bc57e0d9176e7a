import { formatDate } from '../../shared/dates';
import { formatMoney, fromScaled } from '../../shared/money';
import type { EventType } from '../../generated/graphql';
import { payloadOf } from './event-payload';
import { enumWords, humanizeStatus as humanize } from '../../shared/labels';

/** An event as the console keeps it. */
export interface LiveEvent {
  id: string;
  type: EventType;
  occurredAt: string;
  accountNumber: string | null;
  subjectId: string;
  payload: unknown;
}

export type EventTone = 'info' | 'success' | 'warning' | 'danger' | 'neutral';

export interface EventDescription {
  title: string;
  detail: string | null;
  tone: EventTone;
  /** Where an operator would go to act on it. */
  link: string | null;
}

/**
 * An amount from a payload, shown exactly. Payloads carry Money strings ("12.50"); events stored before
 * payloads carried Money keep the integer cents they were written with, and are read as cents.
 */
export function money(value: unknown): string | null {
  if (typeof value === 'string') return formatMoney(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return formatMoney(fromScaled(BigInt(value), 2));
  return null;
}

const joined = (...parts: Array<string | null | undefined | false>) => parts.filter(Boolean).join(' · ') || null;

/** One line for the live feed and the toasts. */
export function describeEvent(e: LiveEvent): EventDescription {
  const account = e.accountNumber ? `Account ${e.accountNumber}` : null;
  const accountLink = e.accountNumber ? `/accounts/by-number/${encodeURIComponent(e.accountNumber)}` : null;
  switch (e.type) {
    case 'EXCEPTION_RAISED': {
      const p = payloadOf(e, e.type);
      return {
        title: `${humanize(p.code ?? 'Exception')} exception raised`,
        detail: joined(account, p.message),
        tone: p.severity === 'CRITICAL' ? 'danger' : 'warning',
        link: p.invoiceId ? `/invoices/${p.invoiceId}` : p.severity === 'CRITICAL' ? '/review?tab=blocked' : accountLink,
      };
    }
    case 'EXCEPTION_RESOLVED': {
      const p = payloadOf(e, e.type);
      return {
        title: `${humanize(p.code ?? 'Exception')} exception resolved`,
        detail: joined(account, p.resolution),
        tone: 'success',
        link: accountLink,
      };
    }
    case 'PAYMENT_RECEIVED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Payment of ${money(p.amount) ?? 'an amount'} received`,
        detail: joined(account, p.channel),
        tone: 'success',
        link: accountLink,
      };
    }
    case 'PAYMENT_REVERSED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Payment of ${money(p.amount) ?? 'an amount'} reversed`,
        detail: joined(account, p.reason),
        tone: 'danger',
        link: accountLink,
      };
    }
    case 'INVOICE_HELD': {
      const p = payloadOf(e, e.type);
      return {
        title: `Invoice ${p.number ?? e.subjectId} held for review`,
        detail: joined(account, money(p.total)),
        tone: 'warning',
        link: `/invoices/${e.subjectId}`,
      };
    }
    case 'INVOICE_ISSUED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Invoice ${p.number ?? e.subjectId} issued`,
        detail: joined(account, money(p.total)),
        tone: 'info',
        link: `/invoices/${e.subjectId}`,
      };
    }
    case 'INVOICE_RELEASED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Invoice ${p.number ?? e.subjectId} released`,
        detail: joined(account, money(p.total)),
        tone: 'success',
        link: `/invoices/${e.subjectId}`,
      };
    }
    case 'INVOICE_VOIDED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Invoice ${p.number ?? e.subjectId} voided`,
        detail: joined(account, p.reason),
        tone: 'neutral',
        link: `/invoices/${e.subjectId}`,
      };
    }
    case 'BILL_RUN_COMPLETED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Bill run${p.asOf ? ` as of ${formatDate(p.asOf)}` : ''} completed`,
        detail: `${p.invoicesIssued ?? 0} issued · ${p.invoicesHeld ?? 0} held · ${p.accountsBlocked ?? 0} blocked`,
        tone: 'info',
        link: null,
      };
    }
    case 'WORK_ITEM_CREATED': {
      const p = payloadOf(e, e.type);
      return {
        title: p.title ?? 'New work item',
        detail: joined(p.queueKey && `Queue ${p.queueKey}`, account),
        tone: 'info',
        link: p.queueKey ? `/queues/${p.queueKey}?item=${e.subjectId}` : null,
      };
    }
    case 'WORK_ITEM_UPDATED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Work item ${e.subjectId} ${p.change ? enumWords(p.change) : 'updated'}`,
        detail: joined(p.queueKey && `Queue ${p.queueKey}`, account),
        tone: 'neutral',
        link: p.queueKey ? `/queues/${p.queueKey}?item=${e.subjectId}` : null,
      };
    }
    case 'SLA_BREACHED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Work item ${e.subjectId} breached its SLA`,
        detail: joined(p.queueKey && `Queue ${p.queueKey}`, account),
        tone: 'danger',
        link: p.queueKey ? `/queues/${p.queueKey}?item=${e.subjectId}` : null,
      };
    }
    case 'PRODUCT_CHANGED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Product ${p.code ?? e.subjectId} ${enumWords(p.change ?? 'CHANGED')}`,
        detail: p.version ? `version ${p.version}` : null,
        tone: 'neutral',
        link: `/products/${e.subjectId}`,
      };
    }
    case 'PAYMENT_PLAN_CREATED': {
      const p = payloadOf(e, e.type);
      const total = money(p.total);
      return {
        title: 'Payment plan set up',
        detail: joined(account, total && p.installments ? `${total} in ${p.installments} installments` : total),
        tone: 'info',
        link: accountLink,
      };
    }
    case 'PAYMENT_PLAN_BROKEN':
      return { title: 'Payment plan broken', detail: joined(account, 'an installment was missed'), tone: 'danger', link: accountLink };
    case 'COLLECTIONS_ACTION_TAKEN': {
      const p = payloadOf(e, e.type);
      const pastDue = money(p.pastDue);
      return {
        title: `Collections: ${p.stepName ?? humanize(p.action ?? 'action')}`,
        detail: joined(account, pastDue && `${pastDue} past due`, p.daysPastDue !== undefined && `${p.daysPastDue} days`),
        tone: 'warning',
        link: accountLink,
      };
    }
    case 'ACCOUNT_STATUS_CHANGED': {
      const p = payloadOf(e, e.type);
      return {
        title: `${account ?? 'Account'} is now ${p.to ? enumWords(p.to) : 'changed'}`,
        detail: p.reason ?? null,
        tone: p.to === 'ACTIVE' ? 'success' : 'warning',
        link: accountLink,
      };
    }
    case 'CREDIT_NOTE_ISSUED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Credit note ${p.number ?? e.subjectId} of ${money(p.total) ?? 'an amount'} issued`,
        detail: joined(account, p.invoiceNumber, p.reason),
        tone: 'info',
        link: p.invoiceId ? `/invoices/${p.invoiceId}` : accountLink,
      };
    }
    case 'REFUND_RECORDED': {
      const p = payloadOf(e, e.type);
      return {
        title: `Refund of ${money(p.amount) ?? 'an amount'} recorded`,
        detail: joined(account, p.channel),
        tone: 'neutral',
        link: accountLink,
      };
    }
    case 'INCENTIVE_EARNED': {
      const p = payloadOf(e, e.type);
      const value = money(p.value);
      return {
        title: `Incentive earned${value ? `: ${value}` : ''}`,
        detail: joined(account, p.description),
        tone: 'success',
        link: accountLink,
      };
    }
    case 'USAGE_READ_REPLACED': {
      const p = payloadOf(e, e.type);
      const how = p.estimated === true && p.newEstimated === false ? 'Actual read replaced an estimate' : 'Usage read corrected';
      return {
        title: how,
        detail: joined(
          account,
          p.periodStart && p.periodEnd && `${p.periodStart} to ${p.periodEnd}`,
          p.quantity && p.newQuantity && `${p.quantity} → ${p.newQuantity}`,
        ),
        tone: 'info',
        link: accountLink,
      };
    }
    default:
      return { title: humanize(String(e.type)), detail: account, tone: 'neutral', link: accountLink };
  }
}
