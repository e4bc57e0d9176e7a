/**
 * An account as its header fragment (AccountForAccountHeader) answers it:
 * Ethan Wang's residential account, active, with nothing open. Tests
 * override what their case is about (a pending drop, a balance, open work).
 */
export function accountHeader(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: 'Account',
    id: '9',
    number: 'A-100120',
    name: 'Ethan Wang',
    email: null,
    phone: null,
    segment: 'RESIDENTIAL',
    delivery: 'PRINT',
    status: 'ACTIVE',
    taxZone: 'DEFAULT',
    taxExempt: false,
    taxExemptionRef: null,
    createdAt: '2026-01-05T10:00:00.000Z',
    balance: '120.00',
    pastDue: '0.00',
    daysPastDue: 0,
    collectionsPath: null,
    paymentPlan: null,
    invoices: { __typename: 'InvoiceConnection', totalCount: 0 },
    payments: { __typename: 'PaymentConnection', totalCount: 0 },
    collectionsActions: [],
    enrollments: [],
    openWork: { __typename: 'WorkItemConnection', totalCount: 0 },
    workInProgress: { __typename: 'WorkItemConnection', totalCount: 0 },
    ...overrides,
  };
}
