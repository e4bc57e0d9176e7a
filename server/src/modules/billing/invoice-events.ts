import { formatMoney } from '../../common/money';
import { EventType, type PendingEvent } from '../../events/event-types';
import type { Invoice } from './billing.entity';
import { invoiceNumber } from './invoice-number';

/** INVOICE_ISSUED for an invoice that has just become ISSUED, however it got there. */
export function invoiceIssuedEvent(invoice: Invoice, accountNumber: string, note?: string | null): PendingEvent<EventType.INVOICE_ISSUED> {
  return {
    type: EventType.INVOICE_ISSUED,
    subjectId: invoice.id,
    accountNumber,
    payload: {
      number: invoiceNumber(invoice.id),
      total: formatMoney(invoice.total),
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      ...(note === undefined ? {} : { note }),
    },
  };
}
