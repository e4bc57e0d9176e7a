import { RecentMap } from '../../common/recent-map';
import type { EventType, HubEvent } from '../../events/event-types';

/** How many of the newest events a process keeps for its endpoints, at most. */
const KEPT = 20_000;
/**
 * How long it keeps each: an endpoint that follows the stream is seconds
 * behind it; one further behind (back from a retry's wait) reads the database.
 */
const KEPT_MS = 60_000;

/**
 * The newest events as the relay published them, shared by every endpoint a
 * process delivers to: endpoints that follow the stream read their next
 * events here instead of each asking the database for the same rows. Event
 * ids have no gaps, so a range is served only when every id in it is here;
 * otherwise (an event not yet received, or older than the window) the caller
 * reads the database, as before. The window holds the last minute's events
 * (at most 20,000): its memory follows the event rate, not the process's age.
 */
export class EventWindow {
  private readonly events: RecentMap<number, HubEvent>;
  private newest = 0;

  constructor(now?: () => number) {
    this.events = new RecentMap(KEPT, KEPT_MS, now);
  }

  /** The newest event id received: every event up to it is stored. */
  get newestId(): number {
    return this.newest;
  }

  add(event: HubEvent): void {
    const id = Number(event.id);
    this.events.set(id, event);
    if (id > this.newest) this.newest = id;
  }

  /**
   * The events after `after` up to `upTo` of the types, in id order, at most
   * `limit`; null when the window does not hold every id of the range it had to look at.
   */
  range(after: number, upTo: number, types: ReadonlySet<EventType>, limit: number): HubEvent[] | null {
    const out: HubEvent[] = [];
    for (let id = after + 1; id <= upTo && out.length < limit; id++) {
      const event = this.events.get(id);
      if (!event) return null;
      if (types.has(event.type)) out.push(event);
    }
    return out;
  }

  clear(): void {
    this.events.clear();
    this.newest = 0;
  }
}

/** One call shared by every caller that asks while it runs or within `ms` after it answered. */
export function recent<T>(load: () => Promise<T>, ms: number): () => Promise<T> {
  let pending: Promise<T> | null = null;
  let until = 0;
  return () => {
    if (pending && performance.now() < until) return pending;
    const call = load();
    pending = call;
    until = Infinity;
    call.then(
      () => {
        if (pending === call) until = performance.now() + ms;
      },
      () => {
        if (pending === call) [pending, until] = [null, 0];
      },
    );
    return call;
  };
}
