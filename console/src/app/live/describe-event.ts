import { formatDate } from '../../shared/dates';
import { formatMoney, fromScaled } from '../../shared/money';
import type { EventType } from '../../generated/graphql';

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

function field(payload: unknown, name: string): unknown {
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;
}

function text(payload: unknown, name: string): string | null {
  const v = field(payload, name);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/**
 * Amounts in event payloads, shown exactly. Every event carries Money strings ("12.50"); events stored
 * before payloads carried Money keep the integer cents they were written with, and are read as cents.
 */
export function payloadMoney(payload: unknown, name: string): string | null {
  const v = field(payload, name);
  if (typeof v === 'string') return formatMoney(v);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return formatMoney(fromScaled(BigInt(v), 2));
  return null;
}

const humanize = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

/** One line for the live feed and the toasts. */
export function describeEvent(e: LiveEvent): EventDescription {
  const account = e.accountNumber ? `Account ${e.accountNumber}` : null;
  const accountLink = e.accountNumber ? `/accounts/by-number/${encodeURIComponent(e.accountNumber)}` : null;
  const p = e.payload;
  switch (e.type) {
    case 'EXCEPTION_RAISED': {
      const severity = text(p, 'severity');
      const invoiceId = text(p, 'invoiceId');
      return {
        title: `${humanize(text(p, 'code') ?? 'Exception')} exception raised`,
        detail: [account, text(p, 'message')].filter(Boolean).join(' · ') || null,
        tone: severity === 'CRITICAL' ? 'danger' : 'warning',
        link: invoiceId ? `/invoices/${invoiceId}` : severity === 'CRITICAL' ? '/review?tab=blocked' : accountLink,
      };
    }
    case 'EXCEPTION_RESOLVED':
      return {
        title: `${humanize(text(p, 'code') ?? 'Exception')} exception resolved`,
        detail: [account, text(p, 'resolution')].filter(Boolean).join(' · ') || null,
        tone: 'success',
        link: accountLink,
      };
    case 'PAYMENT_RECEIVED':
      return {
        title: `Payment of ${payloadMoney(p, 'amount') ?? 'an amount'} received`,
        detail: [account, text(p, 'channel')].filter(Boolean).join(' · ') || null,
        tone: 'success',
        link: accountLink,
      };
    case 'PAYMENT_REVERSED':
      return {
        title: `Payment of ${payloadMoney(p, 'amount') ?? 'an amount'} reversed`,
        detail: [account, text(p, 'reason')].filter(Boolean).join(' · ') || null,
        tone: 'danger',
        link: accountLink,
      };
    case 'INVOICE_HELD':
      return {
        title: `Invoice ${text(p, 'number') ?? e.subjectId} held for review`,
        detail: [account, payloadMoney(p, 'total')].filter(Boolean).join(' · ') || null,
        tone: 'warning',
        link: `/invoices/${e.subjectId}`,
      };
    case 'INVOICE_ISSUED':
      return {
        title: `Invoice ${text(p, 'number') ?? e.subjectId} issued`,
        detail: [account, payloadMoney(p, 'total')].filter(Boolean).join(' · ') || null,
        tone: 'info',
        link: `/invoices/${e.subjectId}`,
      };
    case 'INVOICE_RELEASED':
      return {
        title: `Invoice ${text(p, 'number') ?? e.subjectId} released`,
        detail: [account, payloadMoney(p, 'total')].filter(Boolean).join(' · ') || null,
        tone: 'success',
        link: `/invoices/${e.subjectId}`,
      };
    case 'INVOICE_VOIDED':
      return {
        title: `Invoice ${text(p, 'number') ?? e.subjectId} voided`,
        detail: [account, text(p, 'reason')].filter(Boolean).join(' · ') || null,
        tone: 'neutral',
        link: `/invoices/${e.subjectId}`,
      };
    case 'BILL_RUN_COMPLETED': {
      const asOf = text(p, 'asOf');
      const issued = text(p, 'invoicesIssued') ?? '0';
      const held = text(p, 'invoicesHeld') ?? '0';
      const blocked = text(p, 'accountsBlocked') ?? '0';
      return {
        title: `Bill run${asOf ? ` as of ${formatDate(asOf)}` : ''} completed`,
        detail: `${issued} issued · ${held} held · ${blocked} blocked`,
        tone: 'info',
        link: null,
      };
    }
    case 'WORK_ITEM_CREATED': {
      const queue = text(p, 'queueKey');
      return {
        title: text(p, 'title') ?? 'New work item',
        detail: [queue ? `Queue ${queue}` : null, account].filter(Boolean).join(' · ') || null,
        tone: 'info',
        link: queue ? `/queues/${queue}?item=${e.subjectId}` : null,
      };
    }
    case 'WORK_ITEM_UPDATED': {
      const queue = text(p, 'queueKey');
      const change = text(p, 'change');
      return {
        title: `Work item ${e.subjectId} ${change ? humanize(change).toLowerCase() : 'updated'}`,
        detail: [queue ? `Queue ${queue}` : null, account].filter(Boolean).join(' · ') || null,
        tone: 'neutral',
        link: queue ? `/queues/${queue}?item=${e.subjectId}` : null,
      };
    }
    case 'SLA_BREACHED': {
      const queue = text(p, 'queueKey');
      return {
        title: `Work item ${e.subjectId} breached its SLA`,
        detail: [queue ? `Queue ${queue}` : null, account].filter(Boolean).join(' · ') || null,
        tone: 'danger',
        link: queue ? `/queues/${queue}?item=${e.subjectId}` : null,
      };
    }
    case 'PRODUCT_CHANGED':
      return {
        title: `Product ${text(p, 'code') ?? e.subjectId} ${(text(p, 'change') ?? 'changed').toLowerCase()}`,
        detail: text(p, 'version') ? `version ${text(p, 'version')}` : null,
        tone: 'neutral',
        link: `/products/${e.subjectId}`,
      };
    case 'PAYMENT_PLAN_CREATED': {
      const n = text(p, 'installments');
      const total = payloadMoney(p, 'total');
      return {
        title: 'Payment plan set up',
        detail: [account, total && n ? `${total} in ${n} installments` : total].filter(Boolean).join(' · ') || null,
        tone: 'info',
        link: accountLink,
      };
    }
    case 'PAYMENT_PLAN_BROKEN':
      return {
        title: 'Payment plan broken',
        detail: [account, 'an installment was missed'].filter(Boolean).join(' · '),
        tone: 'danger',
        link: accountLink,
      };
    case 'COLLECTIONS_ACTION_TAKEN': {
      const step = text(p, 'stepName');
      const pastDue = payloadMoney(p, 'pastDue');
      return {
        title: `Collections: ${step ?? humanize(text(p, 'action') ?? 'action')}`,
        detail:
          [account, pastDue ? `${pastDue} past due` : null, text(p, 'daysPastDue') ? `${text(p, 'daysPastDue')} days` : null]
            .filter(Boolean)
            .join(' · ') || null,
        tone: 'warning',
        link: accountLink,
      };
    }
    case 'ACCOUNT_STATUS_CHANGED': {
      const to = text(p, 'to') ?? text(p, 'status');
      return {
        title: `${account ?? 'Account'} is now ${to ? humanize(to).toLowerCase() : 'changed'}`,
        detail: text(p, 'reason'),
        tone: to === 'ACTIVE' ? 'success' : 'warning',
        link: accountLink,
      };
    }
    case 'CREDIT_NOTE_ISSUED': {
      const invoiceId = text(p, 'invoiceId');
      return {
        title: `Credit note ${text(p, 'number') ?? e.subjectId} of ${payloadMoney(p, 'total') ?? 'an amount'} issued`,
        detail: [account, text(p, 'invoiceNumber'), text(p, 'reason')].filter(Boolean).join(' · ') || null,
        tone: 'info',
        link: invoiceId ? `/invoices/${invoiceId}` : accountLink,
      };
    }
    case 'REFUND_RECORDED':
      return {
        title: `Refund of ${payloadMoney(p, 'amount') ?? 'an amount'} recorded`,
        detail: [account, text(p, 'channel')].filter(Boolean).join(' · ') || null,
        tone: 'neutral',
        link: accountLink,
      };
    case 'INCENTIVE_EARNED':
      return {
        title: `Incentive earned${payloadMoney(p, 'value') ? `: ${payloadMoney(p, 'value')}` : ''}`,
        detail: [account, text(p, 'description')].filter(Boolean).join(' · ') || null,
        tone: 'success',
        link: accountLink,
      };
    case 'USAGE_READ_REPLACED': {
      const how =
        field(p, 'estimated') === true && field(p, 'newEstimated') === false ? 'Actual read replaced an estimate' : 'Usage read corrected';
      const period = text(p, 'periodStart') && text(p, 'periodEnd') ? `${text(p, 'periodStart')} to ${text(p, 'periodEnd')}` : null;
      return {
        title: how,
        detail:
          [account, period, text(p, 'quantity') && text(p, 'newQuantity') ? `${text(p, 'quantity')} → ${text(p, 'newQuantity')}` : null]
            .filter(Boolean)
            .join(' · ') || null,
        tone: 'info',
        link: accountLink,
      };
    }
    default:
      return { title: humanize(String(e.type)), detail: account, tone: 'neutral', link: accountLink };
  }
}
