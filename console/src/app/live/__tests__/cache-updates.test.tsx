import { gql } from '@apollo/client';
import { createCache } from '../../apollo/client';
import { applyEvents } from '../cache-updates';
import type { LiveEvent } from '../describe-event';

const Screens = gql`
  query Screens {
    kpis {
      receivables
    }
    invoices(first: 2) {
      nodes {
        id
        status
        amountPaid
      }
    }
    workQueues {
      id
      key
      openCount
    }
    account(id: "9") {
      id
      number
      name
      balance
    }
  }
`;

function cacheWithScreens() {
  const cache = createCache();
  cache.writeQuery({
    query: Screens,
    data: {
      kpis: { __typename: 'Kpis', receivables: '500.00' },
      invoices: {
        __typename: 'InvoiceConnection',
        nodes: [
          { __typename: 'Invoice', id: '4', status: 'ISSUED', amountPaid: '0.00' },
          { __typename: 'Invoice', id: '5', status: 'ISSUED', amountPaid: '0.00' },
        ],
      },
      workQueues: [{ __typename: 'WorkQueue', id: '2', key: 'COLLECTIONS_CALLS', openCount: 3 }],
      account: { __typename: 'Account', id: '9', number: 'A-100120', name: 'Ethan Wang', balance: '120.00' },
    },
  });
  return cache;
}

const event = (type: LiveEvent['type'], payload: unknown, accountNumber: string | null = 'A-100120'): LiveEvent => ({
  id: '100',
  type,
  occurredAt: new Date().toISOString(),
  accountNumber,
  subjectId: '77',
  payload,
});

/** What a screen would read again: the fields the cache no longer has. */
function missing(cache: ReturnType<typeof createCache>): string[] {
  const diff = cache.diff({ query: Screens, optimistic: false, returnPartialData: true });
  const found: string[] = [];
  const walk = (m: unknown, path: string) => {
    if (typeof m === 'string') found.push(path);
    else if (m && typeof m === 'object') for (const [k, v] of Object.entries(m)) walk(v, path ? `${path}.${k}` : k);
  };
  walk((diff.missing as { missing?: unknown } | undefined)?.missing, '');
  return found.sort();
}

describe('live events in the cache', () => {
  it('a payment makes the KPIs, the paid invoice and the account figures stale, and nothing else', () => {
    const cache = cacheWithScreens();
    applyEvents(cache, [
      event('PAYMENT_RECEIVED', { amount: '19.95', unapplied: '0.00', allocations: [{ invoiceId: '4', amount: '19.95' }] }),
    ]);
    expect(missing(cache)).toEqual(['account.balance', 'invoices.nodes.0.amountPaid', 'invoices.nodes.0.status', 'kpis']);
  });

  it('a new work item makes its queue counts stale, not the invoices', () => {
    const cache = cacheWithScreens();
    applyEvents(cache, [event('WORK_ITEM_CREATED', { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST' })]);
    expect(missing(cache)).toEqual(['kpis', 'workQueues.0.openCount']);
  });

  it('an event about something the console has not loaded changes nothing', () => {
    const cache = cacheWithScreens();
    applyEvents(cache, [
      event('PAYMENT_PLAN_CREATED', {}, 'A-999999'),
      event('INCENTIVE_EARNED', { invoiceId: '4' }),
      event('WORK_ITEM_UPDATED', { queueKey: 'INVOICING', change: 'NOTE_ADDED', status: 'OPEN' }),
    ]);
    expect(missing(cache)).toEqual([]);
  });
});
