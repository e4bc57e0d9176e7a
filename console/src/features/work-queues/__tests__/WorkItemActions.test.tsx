import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AddWorkItemNoteMutation, ResolveWorkItemMutation, WorkItemDetailQuery, WorkItemPanel } from '../WorkItemPanel';
import { CancelMarketDropMutation } from '../MarketDropDialog';
import { bulkChoices, bulkSummary, queueVariables } from '../queue-view';
import { accountHeader } from '../../../test/account-header';
import { renderScreen } from '../../../test/render';
import { workItem, workQueue } from '../../../test/work-item';

const HOUR = 3_600_000;

type Item = Record<string, unknown> & { account: Record<string, unknown> & { id: string; number: string } };

/** Ethan Wang's held invoice waiting for review: the shared work item, in INVOICE_REVIEW. */
function item(overrides: Record<string, unknown> = {}): Item {
  const base = workItem();
  return workItem({
    title: 'A-100120 Ethan Wang',
    kind: 'HELD_INVOICE',
    priority: 3,
    createdAt: new Date(Date.now() - HOUR).toISOString(),
    dueAt: new Date(Date.now() + 20 * HOUR).toISOString(),
    queue: workQueue({ id: '2', key: 'INVOICE_REVIEW', name: 'Invoice review' }),
    account: { ...(base.account as Record<string, unknown>), enrollments: [] },
    invoice: { __typename: 'Invoice', id: '77', number: 'INV-000077', status: 'HELD', total: '912.40' },
    exception: null,
    notes: [],
    ...overrides,
  }) as Item;
}

const detail = (data: Record<string, unknown>) => ({
  request: { query: WorkItemDetailQuery, variables: { id: '41' } },
  result: { data: { workItem: data } },
});

describe('a work item panel acts on what the item is about', () => {
  it('offers release and void for a held invoice, behind a confirmation, and no resolving by hand', async () => {
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, { mocks: [detail(item())] });
    const group = await screen.findByRole('group', { name: 'Settle the held invoice' });
    expect(within(group).getByRole('button', { name: 'Release invoice…' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Resolution')).not.toBeInTheDocument();
    expect(screen.getByText(/resolved by the action above/)).toBeInTheDocument();

    await userEvent.click(within(group).getByRole('button', { name: 'Void invoice…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Void invoice INV-000077' });
    // Nothing is voided without a reason.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Void invoice' }));
    expect(within(dialog).getByText(/Give the reason/)).toBeInTheDocument();
  });

  it('cancels a pending market drop with a reason', async () => {
    const drop = item({
      kind: 'MARKET_DROP',
      invoice: null,
      account: { ...item().account, status: 'DROP_PENDING' },
    });
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, {
      mocks: [
        detail(drop),
        {
          request: { query: CancelMarketDropMutation, variables: { accountId: '9', reason: 'Paid in full' } },
          result: { data: { cancelMarketDrop: accountHeader() } },
        },
        detail({
          ...drop,
          status: 'RESOLVED',
          resolution: 'Market drop cancelled by olga: Paid in full',
          resolvedAt: new Date().toISOString(),
        }),
      ],
    });
    const group = await screen.findByRole('group', { name: 'Settle the market drop' });
    expect(within(group).getByRole('button', { name: 'Confirm the drop…' })).toBeInTheDocument();
    await userEvent.click(within(group).getByRole('button', { name: 'Cancel the drop…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the market drop of A-100120' });
    await userEvent.type(within(dialog).getByLabelText('Reason'), 'Paid in full');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the customer' }));
    expect(await screen.findByText('Market drop cancelled by olga: Paid in full')).toBeInTheDocument();
  });

  it('links a missing rate to the product to fix', async () => {
    const missing = item({
      kind: 'MISSING_RATE',
      invoice: null,
      account: {
        ...item().account,
        enrollments: [{ __typename: 'Enrollment', id: '5', product: { __typename: 'Product', id: '3', code: 'SUMMER', name: 'Summer' } }],
      },
      exception: {
        __typename: 'BillingException',
        id: '5',
        code: 'MISSING_RATE',
        severity: 'CRITICAL',
        message: 'Product SUMMER has no rate from 2026-10-01 to 2026-11-01',
        status: 'OPEN',
        periodStart: '2026-10-01',
        periodEnd: '2026-11-01',
      },
    });
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, { mocks: [detail(missing)] });
    expect(await screen.findByRole('link', { name: 'Fix the rate of SUMMER' })).toHaveAttribute('href', '/products/3');
    expect(screen.getByLabelText('Resolution')).toBeInTheDocument();
  });

  it("links an invoice too large to store to the account whose reads to correct, and a threshold's to nothing", async () => {
    const blocked = (severity: string) =>
      item({
        kind: 'HIGH_AMOUNT',
        invoice: null,
        exception: {
          __typename: 'BillingException',
          id: '6',
          code: 'HIGH_AMOUNT',
          severity,
          message: 'The invoice for 2026-10-01 to 2026-11-01 comes to more than an invoice can hold',
          status: 'OPEN',
          periodStart: '2026-10-01',
          periodEnd: '2026-11-01',
        },
      });
    const critical = blocked('CRITICAL');
    const { unmount } = renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, { mocks: [detail(critical)] });
    expect(await screen.findByRole('link', { name: `Correct the reads of ${critical.account?.number}` })).toHaveAttribute(
      'href',
      `/accounts/${critical.account?.id}`,
    );
    unmount();
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, { mocks: [detail(blocked('THRESHOLD'))] });
    expect(await screen.findByLabelText('Resolution')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Correct the reads/ })).toBeNull();
  });

  it("records a call's outcome: no answer is noted and keeps the item, a promise resolves it", async () => {
    const call = item({
      kind: 'CALL_REQUEST',
      invoice: null,
      queue: workQueue({ id: '3', key: 'COLLECTIONS_CALLS', name: 'Calls' }),
    });
    renderScreen(<WorkItemPanel id="41" onClose={() => undefined} />, {
      mocks: [
        detail(call),
        {
          request: { query: AddWorkItemNoteMutation, variables: { id: '41', text: 'Call attempt: No answer. Tried at 9:00' } },
          result: {
            data: {
              addWorkItemNote: {
                ...call,
                notes: [
                  {
                    __typename: 'WorkNote',
                    author: 'olga',
                    text: 'Call attempt: No answer. Tried at 9:00',
                    createdAt: new Date().toISOString(),
                  },
                ],
              },
            },
          },
        },
        {
          request: { query: ResolveWorkItemMutation, variables: { id: '41', resolution: 'Reached: promised to pay' } },
          result: {
            data: {
              resolveWorkItem: {
                ...call,
                status: 'RESOLVED',
                resolution: 'Reached: promised to pay',
                resolvedAt: new Date().toISOString(),
              },
            },
          },
        },
      ],
    });
    const form = await screen.findByRole('form', { name: "Record the call's outcome" });
    expect(screen.queryByLabelText('Resolution')).not.toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByLabelText('Outcome'), 'No answer');
    await userEvent.type(within(form).getByLabelText('Call notes'), 'Tried at 9:00');
    await userEvent.click(within(form).getByRole('button', { name: 'Record the attempt' }));
    expect(await screen.findByText('Call attempt: No answer. Tried at 9:00')).toBeInTheDocument();

    await userEvent.selectOptions(within(form).getByLabelText('Outcome'), 'Reached: promised to pay');
    await userEvent.click(within(form).getByRole('button', { name: 'Record and resolve' }));
    expect(await screen.findByText('Reached: promised to pay')).toBeInTheDocument();
  });
});

describe('queue-view', () => {
  it('asks for open items with the in-progress ones in the unresolved view, one status otherwise, mine by the user', () => {
    expect(queueVariables('Q', { view: 'unresolved', mine: false, search: ' ' }, '7', null)).toEqual({
      key: 'Q',
      status: 'OPEN',
      assigneeId: null,
      search: null,
      first: 50,
      after: null,
      withInProgress: true,
    });
    expect(queueVariables('Q', { view: 'resolved', mine: true, search: 'acc' }, '7', 'c1')).toMatchObject({
      status: 'RESOLVED',
      assigneeId: '7',
      search: 'acc',
      after: 'c1',
      withInProgress: false,
    });
  });

  it('claims only open picks, resolves every unresolved one, and sums up refusals', () => {
    const items = [
      { id: '1', status: 'OPEN' as const },
      { id: '2', status: 'IN_PROGRESS' as const },
      { id: '3', status: 'RESOLVED' as const },
      { id: '4', status: 'OPEN' as const },
    ];
    expect(bulkChoices(items, new Set(['1', '2', '3']))).toEqual({ claimable: ['1'], resolvable: ['1', '2'] });
    expect(bulkSummary('Claimed', 1, [])).toBe('Claimed 1 item');
    expect(bulkSummary('Resolved', 2, [{ id: '9', message: 'held' }])).toBe('Resolved 2 items; 1 refused: #9 held');
  });
});
