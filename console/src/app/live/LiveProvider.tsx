import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { print } from 'graphql';
import { graphql, getFragmentData } from '../../generated';
import type { ConnectionState } from '../apollo/connection-state';
import type { HubConnection } from '../apollo/client';
import { useToast } from '../../shared/components/Toasts';
import { applyEvents } from './cache-updates';
import { describeEvent, type LiveEvent } from './describe-event';
import { payloadOf } from './event-payload';

export const EventForLiveFeed = graphql(`
  fragment EventForLiveFeed on Event {
    id
    type
    occurredAt
    accountNumber
    subjectId
    payload
  }
`);

export const RecentEventsQuery = graphql(`
  query RecentEvents($after: ID, $first: Int) {
    events(after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...EventForLiveFeed
      }
    }
  }
`);

export const LiveEventsSubscription = graphql(`
  subscription LiveEvents($after: ID) {
    events(after: $after) {
      ...EventForLiveFeed
    }
  }
`);

const FEED_SIZE = 60;
const CATCH_UP_PAGES = 20;
/** Many events in a burst (a bill run) update the cache once, not once each: the screens they touch read again once. */
const REFRESH_EVERY_MS = 1500;
const ANNOUNCE_WINDOW_MS = 1200;

interface LiveContextValue {
  connection: ConnectionState;
  /** Newest first. */
  feed: LiveEvent[];
  /** Whether the first catch-up has finished (the feed is meaningful). */
  ready: boolean;
  lastEventId: string | null;
  /** New work items per queue since the operator last opened it. */
  unseenByQueue: Readonly<Record<string, number>>;
  markQueueSeen(queueKey: string): void;
  /** The subject of something this operator just did (a payment they recorded): its event is not announced again. */
  markOwn(subjectId: string): void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

const isNewer = (id: string, than: string | null) => than === null || BigInt(id) > BigInt(than);

/**
 * The hub's event stream for the whole console: one `events(after:)`
 * subscription that resumes from the last event it saw whenever the socket
 * reconnects, so nothing that happened while the link was down is missed.
 * It feeds the dashboard's live feed, the toasts and badges, and updates or
 * evicts in the cache what each event names (see cache-updates.ts), so only
 * the screens showing what changed read again.
 */
export function LiveProvider({ hub, children }: { hub: HubConnection; children: ReactNode }) {
  const { toast } = useToast();
  const connection = useSyncExternalStore(hub.connection.subscribe, hub.connection.get, hub.connection.get);
  const [feed, setFeed] = useState<LiveEvent[]>([]);
  const [ready, setReady] = useState(false);
  const [lastEventId, setLastEventId] = useState<string | null>(null);
  const [unseenByQueue, setUnseen] = useState<Record<string, number>>({});
  const own = useRef(new Set<string>());
  const lastId = useRef<string | null>(null);
  const toastRef = useRef(toast);
  useEffect(() => {
    toastRef.current = toast;
  }, [toast]);

  const markOwn = useCallback((subjectId: string) => {
    own.current.add(subjectId);
  }, []);
  const markQueueSeen = useCallback((queueKey: string) => {
    setUnseen((all) => {
      if (!all[queueKey]) return all;
      const next = { ...all };
      delete next[queueKey];
      return next;
    });
  }, []);

  useEffect(() => {
    let stopped = false;
    let dispose: (() => void) | null = null;
    const pending: LiveEvent[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    let announceTimer: ReturnType<typeof setTimeout> | null = null;
    const toAnnounce: LiveEvent[] = [];
    const toApply: LiveEvent[] = [];
    // Events that happened before this console connected are history, not news.
    const connectedAt = Date.now() - 5000;

    // A bill run emits thousands of events: the feed and the badges take them in batches, one render each.
    const unseenDelta = new Map<string, number>();
    const flush = () => {
      flushTimer = null;
      if (stopped || pending.length === 0) return;
      const batch = pending.splice(0).reverse();
      setFeed((old) => [...batch, ...old].slice(0, FEED_SIZE));
      setLastEventId(lastId.current);
      if (unseenDelta.size > 0) {
        const delta = new Map(unseenDelta);
        unseenDelta.clear();
        setUnseen((all) => {
          const next = { ...all };
          for (const [key, n] of delta) next[key] = (next[key] ?? 0) + n;
          return next;
        });
      }
    };
    const refresh = () => {
      refreshTimer = null;
      if (!stopped) applyEvents(hub.apollo.cache, toApply.splice(0));
    };
    const announce = () => {
      announceTimer = null;
      const batch = toAnnounce.splice(0);
      const exceptions = batch.filter((e) => e.type === 'EXCEPTION_RAISED');
      const payments = batch.filter((e) => e.type === 'PAYMENT_RECEIVED' && !own.current.has(e.subjectId));
      if (exceptions.length === 1) {
        const d = describeEvent(exceptions[0]);
        toastRef.current({
          title: d.title,
          detail: d.detail ?? undefined,
          tone: 'warning',
          link: d.link ? { to: d.link, label: 'Review' } : undefined,
        });
      } else if (exceptions.length > 1) {
        toastRef.current({
          title: `${exceptions.length} new billing exceptions`,
          detail: 'Raised by the latest bill run.',
          tone: 'warning',
          link: { to: '/queues', label: 'Open work queues' },
        });
      }
      if (payments.length === 1) {
        const d = describeEvent(payments[0]);
        toastRef.current({
          title: d.title,
          detail: d.detail ?? undefined,
          tone: 'success',
          link: d.link ? { to: d.link, label: 'Open account' } : undefined,
        });
      } else if (payments.length > 1) {
        toastRef.current({ title: `${payments.length} payments received`, tone: 'success' });
      }
    };

    const receive = (event: LiveEvent) => {
      // The replay after a reconnect may overlap what was already seen.
      if (!isNewer(event.id, lastId.current)) return;
      lastId.current = event.id;
      pending.push(event);
      toApply.push(event);
      flushTimer ??= setTimeout(flush, 100);
      refreshTimer ??= setTimeout(refresh, REFRESH_EVERY_MS);
      const fresh = new Date(event.occurredAt).getTime() >= connectedAt;
      if (fresh && (event.type === 'EXCEPTION_RAISED' || event.type === 'PAYMENT_RECEIVED')) {
        toAnnounce.push(event);
        announceTimer ??= setTimeout(announce, ANNOUNCE_WINDOW_MS);
      }
      if (fresh && event.type === 'WORK_ITEM_CREATED') {
        const { queueKey } = payloadOf(event, 'WORK_ITEM_CREATED');
        if (typeof queueKey === 'string') unseenDelta.set(queueKey, (unseenDelta.get(queueKey) ?? 0) + 1);
      }
    };

    const catchUp = async (): Promise<void> => {
      // Ids are a gap-free sequence: the total tells where the end is, so only the last page is read.
      const head = await hub.apollo.query({ query: RecentEventsQuery, variables: { first: 1 }, fetchPolicy: 'network-only' });
      const total = head.data?.events.totalCount ?? 0;
      let after = String(Math.max(0, total - FEED_SIZE));
      const seen: LiveEvent[] = [];
      for (let page = 0; page < CATCH_UP_PAGES; page++) {
        const { data } = await hub.apollo.query({
          query: RecentEventsQuery,
          variables: { after, first: 500 },
          fetchPolicy: 'network-only',
        });
        if (!data) break;
        seen.push(...getFragmentData(EventForLiveFeed, data.events.nodes));
        after = data.events.pageInfo.endCursor ?? after;
        if (!data.events.pageInfo.hasNextPage) break;
      }
      if (stopped) return;
      lastId.current = seen.length ? seen[seen.length - 1].id : after;
      setFeed(seen.slice(-FEED_SIZE).reverse());
      setLastEventId(lastId.current);
    };

    const subscribe = () => {
      const query = print(LiveEventsSubscription);
      // graphql-ws sends this same payload again on every reconnect; the getter makes it ask for what came after the last event seen.
      const payload = {
        query,
        get variables() {
          return lastId.current === null ? {} : { after: lastId.current };
        },
      };
      dispose = hub.ws.subscribe<{ events: unknown }>(payload, {
        next: (result) => {
          const node = result.data?.events;
          if (node) receive(node as LiveEvent);
        },
        error: () => undefined,
        complete: () => undefined,
      });
    };

    catchUp()
      .catch(() => undefined)
      .finally(() => {
        if (stopped) return;
        setReady(true);
        subscribe();
      });

    return () => {
      stopped = true;
      dispose?.();
      for (const t of [flushTimer, refreshTimer, announceTimer]) if (t) clearTimeout(t);
    };
  }, [hub]);

  // Back from an outage: what the screens show may have failed to load meanwhile, so read it again.
  const wasLive = useRef(false);
  useEffect(() => {
    if (connection === 'live' && wasLive.current) void hub.apollo.refetchQueries({ include: 'active' }).catch(() => undefined);
    if (connection === 'live') wasLive.current = true;
  }, [connection, hub]);

  const value = useMemo(
    () => ({ connection, feed, ready, lastEventId, unseenByQueue, markQueueSeen, markOwn }),
    [connection, feed, ready, lastEventId, unseenByQueue, markQueueSeen, markOwn],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive outside LiveProvider');
  return value;
}

/** markOwn where there is a live stream; a no-op where there is none (a screen rendered on its own). */
export function useMarkOwn(): (subjectId: string) => void {
  return useContext(LiveContext)?.markOwn ?? noop;
}
const noop = () => undefined;

/** markQueueSeen where there is a live stream; a no-op where there is none (a screen rendered on its own). */
export function useMarkQueueSeen(): (queueKey: string) => void {
  return useContext(LiveContext)?.markQueueSeen ?? noop;
}
