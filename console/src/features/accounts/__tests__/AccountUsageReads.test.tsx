import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountUsageReads, AccountUsageReadsQuery, CancelUsageReadMutation } from '../AccountUsageReads';
import { AccountDetailQuery, AccountPage } from '../AccountPage';
import { accountHeader } from '../../../test/account-header';
import { renderScreen } from '../../../test/render';

function read(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'UsageRead',
    id,
    register: 'TOTAL',
    periodStart: '2026-01-01',
    periodEnd: '2026-02-01',
    quantity: '100',
    estimated: false,
    status: 'UNBILLED',
    invoice: null,
    replacedBy: null,
    ...overrides,
  };
}

const list = (nodes: unknown[]) => ({
  request: { query: AccountUsageReadsQuery, variables: { id: '9' } },
  result: {
    data: {
      account: { __typename: 'Account', id: '9', usageReads: { __typename: 'UsageReadConnection', totalCount: nodes.length, nodes } },
    },
  },
});

describe('account usage reads', () => {
  it('lists reads with their quality, status and replacement, and cancels one with a reason', async () => {
    const replaced = read('1', {
      estimated: true,
      status: 'REPLACED',
      invoice: { __typename: 'Invoice', id: '5', number: 'INV-00000005' },
      replacedBy: { __typename: 'UsageRead', id: '2', quantity: '120', estimated: false },
    });
    const actual = read('2', { quantity: '120' });
    renderScreen(<AccountUsageReads accountId="9" />, {
      mocks: [
        list([actual, replaced]),
        {
          request: { query: CancelUsageReadMutation, variables: { id: '2', reason: 'Entered twice' } },
          result: { data: { cancelUsageRead: { ...actual, status: 'CANCELLED', account: accountHeader() } } },
        },
        list([{ ...actual, status: 'CANCELLED' }, replaced]),
      ],
    });
    const rows = await screen.findAllByRole('row');
    expect(rows[2]).toHaveTextContent(/Estimated.*Replaced.*INV-00000005.*120 \(actual\)/);
    // Only a read that still counts can be cancelled.
    expect(within(rows[2]).queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog', { name: /Cancel the read/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the read' }));
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveAccessibleDescription(/Give the reason/);
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Entered twice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the read' }));
    expect(await screen.findByText(/cancelled$/)).toBeInTheDocument();
  });

  it("updates the account's balance above from the cancel's answer: the billed read was credited", async () => {
    const billed = read('2', { status: 'BILLED', invoice: { __typename: 'Invoice', id: '5', number: 'INV-00000005' } });
    renderScreen(<AccountPage id="9" />, {
      path: '/accounts/9?tab=usage',
      mocks: [
        {
          request: { query: AccountDetailQuery, variables: { id: '9' } },
          result: { data: { account: accountHeader({ balance: '125.60' }) } },
        },
        list([billed]),
        {
          request: { query: CancelUsageReadMutation, variables: { id: '2', reason: 'Another meter' } },
          result: { data: { cancelUsageRead: { ...billed, status: 'CANCELLED', account: accountHeader({ balance: '21.21' }) } } },
        },
        list([{ ...billed, status: 'CANCELLED' }]),
      ],
    });
    expect(await screen.findByText('$125.60')).toBeInTheDocument();
    const rows = await screen.findAllByRole('row');
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog', { name: /Cancel the read/ });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Another meter');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the read' }));
    expect(await screen.findByText('$21.21')).toBeInTheDocument();
    expect(screen.queryByText('$125.60')).not.toBeInTheDocument();
  });
});
