import { act, render, screen } from '@testing-library/react';
import { ApolloClient } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import type { Client, Sink, SubscribePayload } from 'graphql-ws';
import { createCache, type HubConnection } from '../../apollo/client';
import { ConnectionStateStore } from '../../apollo/connection-state';
import { ToastProvider } from '../../../shared/components/Toasts';
import { LiveProvider, RecentEventsQuery, useLive } from '../LiveProvider';

const event = (id: string, type: string, payload: Record<string, unknown>, occurredAt = new Date().toISOString()) => ({
  __typename: 'Event',
  id,
  type,
  occurredAt,
  accountNumber: 'A-1',
  subjectId: id,
  payload,
});

function FeedList() {
  const { feed, connection } = useLive();
  return (
    <>
      <p>link {connection}</p>
      <ul aria-label="feed">
        {feed.map((e) => (
          <li key={e.id}>
            {e.id} {e.type}
          </li>
        ))}
      </ul>
    </>
  );
}

function fakeHub(mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const subscriptions: Array<{ payload: SubscribePayload; sink: Sink }> = [];
  const ws = {
    subscribe: (payload: SubscribePayload, sink: Sink) => {
      subscriptions.push({ payload, sink });
      return () => undefined;
    },
  } as unknown as Client;
  const connection = new ConnectionStateStore();
  const apollo = new ApolloClient({ link: new MockLink(mocks), cache: createCache() });
  const hub: HubConnection = { apollo, ws, connection, dispose: () => undefined };
  return { hub, subscriptions, connection };
}

describe('LiveProvider', () => {
  it('catches up, streams, and resumes after a reconnect from the last event id it saw', async () => {
    const old = '2026-01-01T00:00:00.000Z';
    const { hub, subscriptions, connection } = fakeHub([
      {
        request: { query: RecentEventsQuery, variables: { first: 1 } },
        result: {
          data: {
            events: {
              __typename: 'EventConnection',
              totalCount: 2,
              pageInfo: { __typename: 'PageInfo', endCursor: '1', hasNextPage: true },
              nodes: [event('1', 'INVOICE_ISSUED', {}, old)],
            },
          },
        },
      },
      {
        request: { query: RecentEventsQuery, variables: { after: '0', first: 500 } },
        result: {
          data: {
            events: {
              __typename: 'EventConnection',
              totalCount: 2,
              pageInfo: { __typename: 'PageInfo', endCursor: '2', hasNextPage: false },
              nodes: [event('1', 'INVOICE_ISSUED', {}, old), event('2', 'EXCEPTION_RAISED', { code: 'BILL_SWING' }, old)],
            },
          },
        },
      },
    ]);
    render(
      <ToastProvider>
        <LiveProvider hub={hub}>
          <FeedList />
        </LiveProvider>
      </ToastProvider>,
    );

    expect(await screen.findByText('2 EXCEPTION_RAISED')).toBeInTheDocument();
    await act(async () => undefined);
    expect(subscriptions).toHaveLength(1);
    const { payload, sink } = subscriptions[0];
    expect(payload.query).toContain('subscription LiveEvents');
    expect(payload.variables).toEqual({ after: '2' });

    act(() => connection.set('live'));
    expect(screen.getByText('link live')).toBeInTheDocument();

    act(() =>
      sink.next({
        data: { events: event('3', 'EXCEPTION_RAISED', { code: 'MISSING_RATE', severity: 'CRITICAL', message: 'No rate for March' }) },
      }),
    );
    expect(await screen.findByText('3 EXCEPTION_RAISED')).toBeInTheDocument();
    // A fresh exception announces itself (events from before this console connected do not).
    expect(await screen.findByText('Missing rate exception raised', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText('Bill swing exception raised')).not.toBeInTheDocument();

    // The socket drops and comes back: graphql-ws sends the same payload again, which now asks for what came after event 3.
    act(() => connection.set('reconnecting'));
    expect(screen.getByText('link reconnecting')).toBeInTheDocument();
    expect(payload.variables).toEqual({ after: '3' });

    // The replay may repeat what was already seen; it shows once.
    act(() => {
      sink.next({ data: { events: event('3', 'EXCEPTION_RAISED', {}) } });
      sink.next({ data: { events: event('4', 'PAYMENT_RECEIVED', { amount: 1995 }) } });
    });
    expect(await screen.findByText('4 PAYMENT_RECEIVED')).toBeInTheDocument();
    expect(screen.getAllByText('3 EXCEPTION_RAISED')).toHaveLength(1);
    expect(await screen.findByText('Payment of $19.95 received', {}, { timeout: 3000 })).toBeInTheDocument();
  });
});
