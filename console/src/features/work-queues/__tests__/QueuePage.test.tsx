import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueueItemsQuery, QueuePage, WorkItemChangedSubscription } from '../QueuePage';
import { queueVariables, type QueueFilters } from '../queue-view';
import { ResolveWorkItemMutation, WorkItemDetailQuery } from '../work-item-operations';
import { OPERATOR, renderScreen } from '../../../test/render';
import { workItem, workQueue } from '../../../test/work-item';

const UNRESOLVED: QueueFilters = { view: 'unresolved', mine: false, search: '' };
const me = { __typename: 'User', id: OPERATOR.user.id, displayName: OPERATOR.user.displayName };

/** The queue's page as the hub answers it: the header's queue, the items in progress, then the open ones. */
function queueItems(filters: QueueFilters, items: Array<Record<string, unknown>>, queue = workQueue()) {
  return {
    request: { query: QueueItemsQuery, variables: queueVariables('INVOICING', filters, OPERATOR.user.id, null) },
    result: {
      data: {
        workQueue: queue,
        inProgress: { __typename: 'WorkItemConnection', totalCount: 0, nodes: [] },
        items: {
          __typename: 'WorkItemConnection',
          totalCount: items.length,
          pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
          nodes: items,
        },
      },
    },
  };
}

/** The page's live item updates: nothing changes elsewhere while the test runs. */
const quietItems = { request: { query: WorkItemChangedSubscription, variables: { queueKey: 'INVOICING' } }, delay: Infinity };

const rowTitles = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getByRole('link').textContent);

describe('a queue page', () => {
  it('updates its header’s open count with the answer of a resolve by hand', async () => {
    const claimed = workItem({ status: 'IN_PROGRESS', assignee: me });
    const resolved = workItem({
      status: 'RESOLVED',
      assignee: me,
      resolution: 'Rate added by pricing',
      resolvedAt: new Date().toISOString(),
      queue: workQueue({ openCount: 9 }),
    });
    renderScreen(<QueuePage queueKey="INVOICING" />, {
      path: '/queues/INVOICING?item=41',
      mocks: [
        quietItems,
        queueItems(UNRESOLVED, [claimed]),
        { request: { query: WorkItemDetailQuery, variables: { id: '41' } }, result: { data: { workItem: claimed } } },
        {
          request: { query: ResolveWorkItemMutation, variables: { id: '41', resolution: 'Rate added by pricing' } },
          result: { data: { resolveWorkItem: resolved } },
        },
      ],
    });
    expect(await screen.findByText(/10 open/)).toBeInTheDocument();
    await userEvent.type(await screen.findByLabelText('Resolution'), 'Rate added by pricing');
    await userEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText(/9 open/)).toBeInTheDocument();
    expect(screen.queryByText(/10 open/)).not.toBeInTheDocument();
  });

  it('filters by the search as soon as the operator stops typing, the first time too', async () => {
    const other = workItem({ id: '42', title: 'Missing rate for A-100120' });
    const wanted = workItem({ id: '43', title: 'Missing rate for A-100194' });
    const sent: string[] = [];
    renderScreen(<QueuePage queueKey="INVOICING" />, {
      path: '/queues/INVOICING',
      sent,
      mocks: [quietItems, queueItems(UNRESOLVED, [other, wanted]), queueItems({ ...UNRESOLVED, search: 'A-100194' }, [wanted])],
    });
    await waitFor(() => expect(rowTitles()).toEqual(['Missing rate for A-100120', 'Missing rate for A-100194']));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search items' }), 'A-100194');
    // No Enter: the pause after typing is enough, and the search is sent once for the whole text.
    await waitFor(() => expect(rowTitles()).toEqual(['Missing rate for A-100194']));
    expect(sent.filter((name) => name === 'QueueItems')).toHaveLength(2);
  });
});
