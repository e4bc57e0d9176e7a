import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountDetailQuery, AccountPage } from '../AccountPage';
import { AccountWorkItemsQuery } from '../AccountWorkItems';
import { renderScreen } from '../../../test/render';

const HOUR = 3_600_000;

function item(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'WorkItem',
    id,
    title: `Item ${id}`,
    kind: 'CALL_REQUEST',
    status: 'OPEN',
    createdAt: new Date(Date.now() - 48 * HOUR).toISOString(),
    dueAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    resolvedAt: null,
    queue: { __typename: 'WorkQueue', id: '2', key: 'COLLECTIONS_CALLS', name: 'Collections calls' },
    assignee: null,
    invoice: null,
    ...overrides,
  };
}

const account = {
  __typename: 'Account',
  id: '9',
  number: 'A-100120',
  name: 'Ethan Wang',
  email: null,
  phone: null,
  segment: 'RESIDENTIAL',
  status: 'ACTIVE',
  createdAt: '2026-01-05T10:00:00.000Z',
  balance: '120.00',
  pastDue: '0.00',
  daysPastDue: 0,
  enrollments: [],
  collectionsPath: null,
  paymentPlan: null,
  invoices: { __typename: 'InvoiceConnection', totalCount: 0, nodes: [] },
  payments: { __typename: 'PaymentConnection', totalCount: 0, nodes: [] },
  collectionsActions: [],
  openWork: { __typename: 'WorkItemConnection', totalCount: 2 },
  workInProgress: { __typename: 'WorkItemConnection', totalCount: 1 },
};

const detail = { request: { query: AccountDetailQuery, variables: { id: '9' } }, result: { data: { account } } };

const workItems = (first: number, nodes: unknown[], totalCount: number) => ({
  request: { query: AccountWorkItemsQuery, variables: { id: '9', first } },
  result: {
    data: {
      account: {
        __typename: 'Account',
        id: '9',
        workItems: {
          __typename: 'WorkItemConnection',
          totalCount,
          pageInfo: { __typename: 'PageInfo', hasNextPage: nodes.length < totalCount },
          nodes,
        },
      },
    },
  },
});

describe('account work items', () => {
  it("lists the account's items from every queue, not only those of its invoices and collections actions", async () => {
    const nodes = [
      item('11', {
        title: 'Missing rate for A-100120',
        kind: 'MISSING_RATE',
        status: 'RESOLVED',
        resolvedAt: new Date(Date.now() - 40 * HOUR).toISOString(),
        queue: { __typename: 'WorkQueue', id: '1', key: 'INVOICING', name: 'Blocked invoices' },
        invoice: { __typename: 'Invoice', id: '31', number: 'INV-00000031' },
      }),
      item('12', {
        title: 'Customer asked for a call',
        kind: 'CALLBACK',
        status: 'IN_PROGRESS',
        assignee: { __typename: 'User', id: '3', displayName: 'Dana' },
      }),
      item('13', { title: 'Market drop to confirm', kind: 'MARKET_DROP', dueAt: new Date(Date.now() - HOUR).toISOString() }),
    ];
    renderScreen(<AccountPage id="9" />, { path: '/accounts/9?tab=work', mocks: [detail, workItems(50, nodes, 3)] });

    expect(await screen.findByRole('tab', { name: 'Work items 3' })).toHaveAttribute('aria-selected', 'true');
    const table = await screen.findByRole('table', { name: 'Work items' });
    const rows = within(table).getAllByRole<HTMLTableRowElement>('row').slice(1);
    expect(rows.map((r) => r.cells[0].querySelector('a')?.textContent)).toEqual([
      'Missing rate for A-100120',
      'Customer asked for a call',
      'Market drop to confirm',
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'Missing rate for A-100120' })).toHaveAttribute('href', '/queues/INVOICING?item=11');
    expect(within(rows[0]).getByRole('link', { name: 'INV-00000031' })).toHaveAttribute('href', '/invoices/31');
    expect(rows[0]).toHaveTextContent(/Resolved .* \d\d:\d\d/);
    expect(rows[1]).toHaveTextContent('Collections callsIn progressDana');
    expect(rows[2].cells[4]).toHaveTextContent(/^Overdue since /);
    expect(screen.getByText('3 items in every queue, oldest first')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Show more/ })).not.toBeInTheDocument();
  });

  it('shows more items on request, keeping the ones already shown', async () => {
    const first = Array.from({ length: 50 }, (_, i) => item(String(100 + i)));
    const more = [...first, item('150', { title: 'The newest item' })];
    renderScreen(<AccountPage id="9" />, {
      path: '/accounts/9?tab=work',
      mocks: [detail, workItems(50, first, 51), workItems(100, more, 51)],
    });
    const table = await screen.findByRole('table', { name: 'Work items' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    await userEvent.click(screen.getByRole('button', { name: 'Show more (1 more)' }));
    expect(await within(table).findByText('The newest item')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(52);
  });

  it('says so when nothing needs doing about the account', async () => {
    renderScreen(<AccountPage id="9" />, {
      path: '/accounts/9?tab=work',
      mocks: [
        {
          ...detail,
          result: {
            data: {
              account: {
                ...account,
                openWork: { __typename: 'WorkItemConnection', totalCount: 0 },
                workInProgress: { __typename: 'WorkItemConnection', totalCount: 0 },
              },
            },
          },
        },
        workItems(50, [], 0),
      ],
    });
    expect(await screen.findByText('No work items for this account')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Work items' })).toBeInTheDocument();
  });
});
