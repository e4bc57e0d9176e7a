import { screen, within } from '@testing-library/react';
import { AccountCollections, AccountCollectionsQuery } from '../AccountCollections';
import { renderScreen } from '../../../test/render';

function action(id: string, overrides: Record<string, unknown>) {
  return {
    __typename: 'CollectionsAction',
    id,
    action: 'REMINDER',
    asOf: '2026-03-10',
    detail: `Action ${id}`,
    pastDue: '120.50',
    daysPastDue: 12,
    takenBy: null,
    createdAt: '2026-03-10T08:00:00.000Z',
    run: { __typename: 'CollectionsRun', id: '31', startedBy: 'SCHEDULE' },
    step: { __typename: 'CollectionsStep', id: `s${id}`, name: `Step ${id}` },
    invoice: null,
    document: null,
    workItem: null,
    ...overrides,
  };
}

const collections = (actions: unknown[]) => ({
  request: { query: AccountCollectionsQuery, variables: { id: '9' } },
  result: {
    data: {
      account: {
        __typename: 'Account',
        id: '9',
        collectionsPath: { __typename: 'CollectionsPath', id: '2', name: 'High risk', isDefault: false },
        collectionsActions: actions,
      },
    },
  },
});

describe('account collections', () => {
  it('says who took each action, which run it came from, and what the account owed then', async () => {
    renderScreen(<AccountCollections accountId="9" onChangePath={() => undefined} />, {
      mocks: [
        collections([
          action('1', {}),
          action('2', { action: 'LATE_FEE', run: { __typename: 'CollectionsRun', id: '32', startedBy: 'olga' }, daysPastDue: 1 }),
          action('3', { action: 'MARKET_DROP', takenBy: 'petra', pastDue: '80.00', daysPastDue: 40 }),
          action('4', { pastDue: null, daysPastDue: null }),
          action('5', { daysPastDue: null }),
        ]),
      ],
    });
    const items = within(await screen.findByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByText(/^Taken by/).textContent)).toEqual([
      'Taken by collections run #31 (started by the schedule), with $120.50 past due',
      'Taken by collections run #31 (started by the schedule)',
      'Taken by petra on a protected account (referred by collections run #31), when the account was 40 days past due with $80.00',
      'Taken by collections run #32 (started by olga), when the account was 1 day past due with $120.50',
      'Taken by collections run #31 (started by the schedule), when the account was 12 days past due with $120.50',
    ]);
    expect(items[2]).toHaveTextContent('Step 3');
  });
});
