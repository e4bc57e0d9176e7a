import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountDetailQuery, AccountPage } from '../../accounts/AccountPage';
import { AccountInvoicesQuery } from '../../accounts/AccountInvoices';
import { ConfirmMarketDropMutation, MarketDropDialog } from '../MarketDropDialog';
import { accountHeader } from '../../../test/account-header';
import { renderScreen } from '../../../test/render';

/** The account as its header shows it: a market drop waits for a decision, as the one open work item. */
const pending = accountHeader({
  status: 'DROP_PENDING',
  balance: '640.00',
  pastDue: '640.00',
  daysPastDue: 75,
  collectionsPath: { __typename: 'CollectionsPath', id: '1', name: 'Residential', isDefault: true },
  openWork: { __typename: 'WorkItemConnection', totalCount: 1 },
});

/** The account page open while the drop is decided from its work item. */
function AccountWithDropDecision() {
  const [deciding, setDeciding] = useState(false);
  return (
    <>
      <AccountPage id="9" />
      <button type="button" onClick={() => setDeciding(true)}>
        Decide the drop
      </button>
      {deciding && <MarketDropDialog decision="confirm" accountId="9" number="A-100120" onClose={() => setDeciding(false)} />}
    </>
  );
}

describe('MarketDropDialog', () => {
  it('shows a confirmed drop on the open account page from the answer alone: its status, its actions and its open work', async () => {
    const sent: string[] = [];
    renderScreen(<AccountWithDropDecision />, {
      sent,
      path: '/accounts/9',
      mocks: [
        { request: { query: AccountDetailQuery, variables: { id: '9' } }, result: { data: { account: pending } } },
        {
          request: { query: AccountInvoicesQuery, variables: { id: '9' } },
          result: {
            data: { account: { __typename: 'Account', id: '9', invoices: { __typename: 'InvoiceConnection', totalCount: 0, nodes: [] } } },
          },
        },
        {
          request: { query: ConfirmMarketDropMutation, variables: { accountId: '9' } },
          result: {
            data: {
              confirmMarketDrop: { ...pending, status: 'DROPPED', openWork: { __typename: 'WorkItemConnection', totalCount: 0 } },
            },
          },
        },
      ],
    });
    expect(await screen.findByRole('heading', { name: /Ethan Wang/ })).toHaveTextContent('Drop pending');
    expect(screen.getByRole('tab', { name: 'Work items 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm market drop' })).toBeInTheDocument();
    await screen.findByText('No invoices yet');

    await userEvent.click(screen.getByRole('button', { name: 'Decide the drop' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm the market drop of A-100120' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Drop the customer' }));
    expect(await screen.findByText('Account A-100120 dropped')).toBeInTheDocument();

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Ethan Wang/ })).toHaveTextContent('Dropped');
    expect(screen.getByRole('tab', { name: 'Work items' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm market drop' })).not.toBeInTheDocument();
    // The page read the account once: the mutation's answer is all it took.
    expect(sent).toEqual(['AccountDetail', 'AccountInvoices', 'ConfirmMarketDropFromWorkItem']);
  });
});
