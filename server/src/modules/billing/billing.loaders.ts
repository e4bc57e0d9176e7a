import { defineLoader, groupBy, indexBy } from '../../common/loaders/loaders';
import type { AccountReceivable } from './invoice.service';
import type { BillingException, BillRun, Invoice, InvoiceLine } from './billing.entity';

export const invoiceById = defineLoader<string, Invoice | null>('billing.invoiceById', async (s, ids) =>
  indexBy(ids, await s.invoices.byIds(ids), (i) => i.id),
);
export const linesByInvoice = defineLoader<string, InvoiceLine[]>('billing.linesByInvoice', async (s, ids) =>
  groupBy(ids, await s.invoices.linesFor(ids), (l) => l.invoiceId),
);
export const exceptionsByInvoice = defineLoader<string, BillingException[]>('billing.exceptionsByInvoice', async (s, ids) =>
  groupBy(ids, await s.billingExceptions.forInvoices(ids), (x) => x.invoiceId ?? ''),
);
export const exceptionById = defineLoader<string, BillingException | null>('billing.exceptionById', async (s, ids) =>
  indexBy(ids, await s.billingExceptions.byIds(ids), (x) => x.id),
);
export const billRunById = defineLoader<string, BillRun | null>('billing.billRunById', async (s, ids) =>
  indexBy(ids, await s.billRuns.byIds(ids), (r) => r.id),
);
export const receivableByAccount = defineLoader<string, AccountReceivable>('billing.receivableByAccount', (s, ids) =>
  s.invoices.receivables(ids),
);
