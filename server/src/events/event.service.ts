import type { Database } from '../db/database';
import { Mutex } from '../db/mutex';
import { badInput } from '../common/errors/hub-error';
import { lazyCount, pageSize, type Connection } from '../common/pagination/connection';
import { Channel } from './channel';
import { EventRecord } from './event.entity';
import { maxEventId } from './event-ids';
import type { EventType, HubEvent } from './event-types';
import { LiveEvents } from './live-events';
import type { HubPubSub } from './pubsub';
import type { EventRetention } from './retention';

const REPLAY_PAGE = 500;

export interface EventFilter {
  after?: string | null;
  types?: EventType[] | null;
  /** Only events it accepts: a test on the event alone (its type, payload, account), never a database read. */
  where?: (event: HubEvent) => boolean;
}

function parseEventId(after: string): bigint {
  if (!/^\d{1,16}$/.test(after)) throw badInput(`after "${after.slice(0, 40)}" must be an event id such as "0" or "1234"`);
  return BigInt(after);
}

function toHubEvent(r: EventRecord): HubEvent {
  return { id: r.id, type: r.type, occurredAt: r.occurredAt, accountNumber: r.accountNumber, subjectId: r.subjectId, payload: r.payload };
}

/** Reads the event table and follows the live stream. */
export class EventService {
  /** This process's ordered stream of live events, shared by its subscribers. */
  readonly live: LiveEvents;
  /**
   * Replays read and hand out one page at a time, in turn: however many
   * subscribers catch up at once, from however far back, the process does one
   * page of that work between its other requests.
   */
  private readonly replayTurns = new Mutex();

  constructor(
    private readonly db: Database,
    pubsub: HubPubSub,
    private readonly retention: EventRetention,
  ) {
    this.live = new LiveEvents({ maxId: () => this.maxId(), range: (from, to, limit) => this.range(from, to, null, limit) }, pubsub);
  }

  async list(filter: EventFilter & { first?: number | null }): Promise<Connection<HubEvent>> {
    const after = filter.after != null ? parseEventId(filter.after) : 0n;
    // Without `after` the list starts at the oldest event kept; with one, events deleted after it would be skipped silently.
    if (filter.after != null) await this.checkAfter(after);
    const take = pageSize(filter.first);
    const types = filter.types && filter.types.length > 0 ? filter.types : null;
    const base = this.db.manager.getRepository(EventRecord).createQueryBuilder('e');
    if (types) base.where('e.type IN (:...types)', { types });
    const rows = await base
      .clone()
      .andWhere('e.id > :after', { after: Number(after) })
      .orderBy('e.id', 'ASC')
      .take(take + 1)
      .getMany();
    const nodes = rows.slice(0, take).map(toHubEvent);
    return lazyCount(
      {
        nodes,
        pageInfo: { endCursor: nodes.length ? nodes[nodes.length - 1].id : (filter.after ?? null), hasNextPage: rows.length > take },
      },
      () => base.clone().getCount(),
    );
  }

  private async range(
    fromExclusive: bigint,
    toInclusive: bigint | null,
    types: EventType[] | null,
    limit = REPLAY_PAGE,
  ): Promise<HubEvent[]> {
    const qb = this.db.manager
      .getRepository(EventRecord)
      .createQueryBuilder('e')
      .where('e.id > :from', { from: Number(fromExclusive) });
    if (toInclusive !== null) qb.andWhere('e.id <= :to', { to: Number(toInclusive) });
    if (types) qb.andWhere('e.type IN (:...types)', { types });
    const rows = await qb.orderBy('e.id', 'ASC').take(limit).getMany();
    return rows.map(toHubEvent);
  }

  private async maxId(): Promise<bigint> {
    return BigInt(await maxEventId(this.db.manager));
  }

  /**
   * A resume point must be an event that was kept: older than the retention
   * it would skip deleted events, past the newest it would skip every event up
   * to it, silently.
   */
  private async checkAfter(after: bigint): Promise<void> {
    await this.retention.checkCursor(after, 'after');
    const newest = await this.maxId();
    if (after > newest) {
      throw badInput(`after ${after} is past the newest event, ${newest}: give the id of the last event read ("0" for the start)`);
    }
  }

  /**
   * With `after`: every stored event with a greater id, then live ones. Without
   * it: the events committed from now on. Either way in id order, without gaps
   * or duplicates (the process's live stream fills gaps from the table).
   */
  async subscribe(filter: EventFilter): Promise<AsyncIterableIterator<HubEvent>> {
    let stop: () => void = () => undefined;
    const out = new Channel<HubEvent>(() => stop());
    const where = filter.where;
    stop = await this.follow(filter, where ? (event) => where(event) && out.push(event) : (event) => out.push(event), (error) =>
      out.fail(error),
    );
    if (out.isClosed) stop();
    return out;
  }

  /**
   * subscribe, as a callback: `sink` gets each event synchronously, in id
   * order; `fail` is called if the replay can't be read. Returns the function
   * that stops it.
   */
  async follow(filter: EventFilter, sink: (event: HubEvent) => void, fail: (error: unknown) => void): Promise<() => void> {
    const types = filter.types && filter.types.length > 0 ? filter.types : null;
    const after = filter.after != null ? parseEventId(filter.after) : null;
    if (after !== null) await this.checkAfter(after);
    if (after === null) {
      const { stop } = await this.live.join(types ? (event) => types.includes(event.type) && sink(event) : sink);
      return stop;
    }
    // Replaying: live events wait in `held` until the stored ones up to where this sink joined are out.
    let held: Array<[HubEvent, bigint]> | null = [];
    let floor = after;
    let stopped = false;
    const wanted = (event: HubEvent) => !types || types.includes(event.type);
    const { joinedAt, stop } = await this.live.join((event, id) => {
      if (held) held.push([event, id]);
      else if (id > floor && wanted(event)) sink(event);
    });
    const replay = async () => {
      let covered = after;
      while (covered < joinedAt && !stopped) {
        covered = await this.replayTurns.run(async () => {
          if (stopped) return covered;
          const page = await this.range(covered, joinedAt, types);
          for (const event of page) if (!stopped) sink(event);
          return page.length === REPLAY_PAGE ? BigInt(page[page.length - 1].id) : joinedAt;
        });
        // A page read on the embedded database never waits for I/O: requests that came in meanwhile go first.
        if (covered < joinedAt) await new Promise((resolve) => setImmediate(resolve));
      }
      floor = covered;
      const pending = held ?? [];
      held = null;
      for (const [event, id] of pending) if (!stopped && id > floor && wanted(event)) sink(event);
    };
    replay().catch((error: unknown) => {
      stopped = true;
      stop();
      fail(error);
    });
    return () => {
      stopped = true;
      stop();
    };
  }
}
