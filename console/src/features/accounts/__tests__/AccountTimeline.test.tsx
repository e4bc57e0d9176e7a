import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountTimeline, AccountTimelineQuery, TIMELINE_PAGE } from '../AccountTimeline';
import { renderScreen } from '../../../test/render';

function entry(kind: string, subjectId: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'TimelineEntry',
    at: '2026-03-02T10:00:00.000Z',
    kind,
    title: `${kind} ${subjectId}`,
    detail: '',
    actor: null,
    amount: null,
    subjectId,
    ...overrides,
  };
}

const page = (after: string | null, nodes: unknown[], endCursor: string | null, hasNextPage: boolean) => ({
  request: { query: AccountTimelineQuery, variables: { id: '9', first: TIMELINE_PAGE, after } },
  result: {
    data: {
      account: {
        __typename: 'Account',
        id: '9',
        timeline: { __typename: 'TimelineConnection', nodes, pageInfo: { __typename: 'PageInfo', endCursor, hasNextPage } },
      },
    },
  },
});

describe('account timeline', () => {
  it('lists entries newest first with who did them, and shows older ones on demand', async () => {
    renderScreen(<AccountTimeline accountId="9" />, {
      mocks: [
        page(
          null,
          [
            entry('CREDIT_NOTE', '4', {
              title: 'Credit note CN-00000004 on INV-00000002',
              detail: 'Goodwill',
              actor: 'olga',
              amount: '12.50',
            }),
            entry('INVOICE', '2', { title: 'Invoice INV-00000002 (issued)', at: '2026-03-01T08:00:00.000Z', amount: '40.95' }),
          ],
          'c1',
          true,
        ),
        page('c1', [entry('USAGE_READ', '7', { title: 'Read of 310 (TOTAL)', at: '2026-02-01T08:00:00.000Z' })], 'c2', false),
      ],
    });
    const list = await screen.findByRole('list', { name: 'Timeline' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/Credit note.*CN-00000004.*12\.50.*by olga/);
    expect(items[0]).toHaveTextContent('Goodwill');
    expect(items[1]).toHaveTextContent(/INV-00000002.*by the hub/);
    expect(within(items[1]).getByRole('link', { name: 'Invoice INV-00000002 (issued)' })).toHaveAttribute('href', '/invoices/2');

    await userEvent.click(screen.getByRole('button', { name: 'Show older' }));
    const older = await screen.findByRole('list', { name: 'Older entries' });
    expect(within(older).getByRole('listitem')).toHaveTextContent('Read of 310 (TOTAL)');
    expect(screen.queryByRole('button', { name: 'Show older' })).not.toBeInTheDocument();
  });

  it('says so when nothing has happened yet', async () => {
    renderScreen(<AccountTimeline accountId="9" />, { mocks: [page(null, [], null, false)] });
    expect(await screen.findByText('Nothing has happened on this account yet')).toBeInTheDocument();
  });
});
