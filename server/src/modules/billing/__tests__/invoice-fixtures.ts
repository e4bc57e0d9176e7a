import {
  computeInvoice,
  type ComputedInvoice,
  type EnrollmentInput,
  type InvoiceComputation,
  type InvoiceInput,
  type ProductInput,
  type ReadInput,
} from '../invoice-math';

// Quantities and unit prices in micro-units, money in cents, as the hub stores them.

export function product(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    id: 'p-green',
    code: 'GREEN',
    name: 'Green Energy',
    unit: 'kWh',
    fixedCharge: 995,
    rates: [{ effectiveFrom: '2025-01-01', effectiveTo: null, unitPrice: 132_500 }],
    incentives: [],
    ...overrides,
  };
}

export function enrollment(overrides: Partial<EnrollmentInput> = {}): EnrollmentInput {
  return { id: 'e1', productId: 'p-green', startDate: '2025-06-01', endDate: null, promo: null, firstInvoice: false, ...overrides };
}

export function read(id: string, periodStart: string, periodEnd: string, quantity: number): ReadInput {
  return { id, periodStart, periodEnd, quantity };
}

export const january = (quantity: number) => read('r-jan', '2026-01-01', '2026-02-01', quantity);

export function computed(input: InvoiceInput): ComputedInvoice {
  const result: InvoiceComputation = computeInvoice(input);
  if (result.outcome !== 'COMPUTED') throw new Error(`expected an invoice, got ${JSON.stringify(result.problems)}`);
  return result;
}

export const summary = (invoice: ComputedInvoice) => invoice.lines.map((l) => [l.kind, l.amount, l.description]);
