import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountDetailQuery, AccountPage } from '../../accounts/AccountPage';
import { AccountInvoicesQuery } from '../../accounts/AccountInvoices';
import { ConfirmMarketDropMutation, MarketDropProtectionsQuery } from '../MarketDropDialog';
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

describe('MarketDropDialog', () => {
  it('asks before dropping from the account page, names the protections in force, and shows the drop from the answer alone', async () => {
    const sent: string[] = [];
    renderScreen(<AccountPage id="9" />, {
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
          request: { query: MarketDropProtectionsQuery, variables: { id: '9' } },
          result: {
            data: {
              account: {
                __typename: 'Account',
                id: '9',
                protections: [
                  { __typename: 'AccountProtection', code: 'CRITICAL_CARE', until: null, note: 'Oxygen concentrator at home' },
                  { __typename: 'AccountProtection', code: 'ASSISTANCE_PLEDGE', until: '2020-01-31', note: null },
                ],
              },
            },
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
    await screen.findByText('No invoices yet');

    // One click opens the question; nothing is sent until it is answered.
    await userEvent.click(screen.getByRole('button', { name: 'Confirm market drop…' }));
    const dialog = screen.getByRole('dialog', { name: 'Confirm the market drop of A-100120' });
    // The protection in force is named; the one that ended in 2020 is not.
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A-100120 is protected. In force: CRITICAL_CARE (Oxygen concentrator at home). Cancel the drop instead',
    );
    expect(within(dialog).getByRole('alert')).not.toHaveTextContent('ASSISTANCE_PLEDGE');
    expect(sent).not.toContain('ConfirmMarketDropFromWorkItem');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Drop the customer' }));
    expect(await screen.findByText('Account A-100120 dropped')).toBeInTheDocument();

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Ethan Wang/ })).toHaveTextContent('Dropped');
    expect(screen.getByRole('tab', { name: 'Work items' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Confirm market drop…' })).not.toBeInTheDocument();
    // The page read the account once: the mutation's answer is all it took.
    expect(sent).toEqual(['AccountDetail', 'AccountInvoices', 'MarketDropProtections', 'ConfirmMarketDropFromWorkItem']);
  });
});
