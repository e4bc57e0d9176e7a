const HOUR = 3_600_000;

/**
 * A queue as the queue page's header (WorkQueueForQueuePage) shows it, which
 * is also how a work item's answers carry their queue: the blocked invoices,
 * ten items open, none overdue.
 */
export function workQueue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: 'WorkQueue',
    id: '1',
    key: 'INVOICING',
    name: 'Blocked invoices',
    slaMinutes: 1440,
    openCount: 10,
    overdueCount: 0,
    ...overrides,
  };
}

/**
 * A work item as the panel (WorkItemForWorkItemPanel) answers it: a missing
 * rate that blocks Ethan Wang's bill, open for two hours of a day's SLA.
 * Tests override what their case is about (a status, an assignee, a queue).
 */
export function workItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: 'WorkItem',
    id: '41',
    title: 'Missing rate for A-100120',
    kind: 'MISSING_RATE',
    priority: 2,
    status: 'OPEN',
    createdAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    dueAt: new Date(Date.now() + 22 * HOUR).toISOString(),
    resolvedAt: null,
    resolution: null,
    queue: workQueue(),
    assignee: null,
    account: {
      __typename: 'Account',
      id: '9',
      number: 'A-100120',
      name: 'Ethan Wang',
      balance: '120.00',
      pastDue: '0.00',
      status: 'ACTIVE',
      enrollments: [
        {
          __typename: 'Enrollment',
          id: '12',
          product: { __typename: 'Product', id: '3', code: 'SUMMER-SAVER', name: 'Summer Saver' },
        },
      ],
    },
    invoice: null,
    exception: {
      __typename: 'BillingException',
      id: '5',
      code: 'MISSING_RATE',
      severity: 'CRITICAL',
      message: 'Product SUMMER-SAVER has no rate from 2026-10-01 to 2026-11-01',
      status: 'OPEN',
      periodStart: '2026-10-01',
      periodEnd: '2026-11-01',
    },
    notes: [],
    ...overrides,
  };
}
