import type { Database } from '../db/database';
import { badInput } from '../common/errors/hub-error';
import { pageSize, type Connection } from '../common/pagination/connection';
import { Channel } from './channel';
import { EventRecord } from './event.entity';
import type { EventType, HubEvent } from './event-types';
import { Topic, type HubPubSub } from './pubsub';

const REPLAY_PAGE = 500;

export interface EventFilter {
  after?: string | null;
  types?: EventType[] | null;
}

function parseEventId(after: string): bigint {
  if (!/^\d{1,16}$/.test(after)) throw badInput(`after "${after.slice(0, 40)}" must be an event id such as "0" or "1234"`);
  return BigInt(after);
}

function toHubEvent(r: EventRecord): HubEvent {
  return { id: r.id, type: r.type, occurredAt: r.occurredAt, accountNumber: r.accountNumber, subjectId: r.subjectId, payload: r.payload };
}

/** How often a process with subscribers looks for events its PubSub did not bring (Redis down, a lost message). */
const CATCH_UP_MS = 1000;

/** Reads the event table and follows the live stream. */
export class EventService {
  private readonly catchUps = new Set<(maxId: bigint) => void>();
  private catchUpTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
  ) {}

  /**
   * One query a second per process, not per subscriber: when the table holds
   * events beyond what a subscriber has seen, it fills the gap from the table.
   */
  private watchForMissed(catchUp: (maxId: bigint) => void): () => void {
    this.catchUps.add(catchUp);
    this.catchUpTimer ??= setInterval(() => {
      this.maxId().then(
        (max) => this.catchUps.forEach((c) => c(max)),
        () => undefined,
      );
    }, CATCH_UP_MS).unref();
    return () => {
      this.catchUps.delete(catchUp);
      if (this.catchUps.size === 0 && this.catchUpTimer) {
        clearInterval(this.catchUpTimer);
        this.catchUpTimer = null;
      }
    };
  }

  async list(filter: EventFilter & { first?: number | null }): Promise<Connection<HubEvent>> {
    const after = filter.after != null ? parseEventId(filter.after) : 0n;
    const take = pageSize(filter.first);
    const types = filter.types && filter.types.length > 0 ? filter.types : null;
    const base = this.db.manager.getRepository(EventRecord).createQueryBuilder('e');
    if (types) base.where('e.type IN (:...types)', { types });
    const totalCount = await base.clone().getCount();
    const rows = await base
      .clone()
      .andWhere('e.id > :after', { after: Number(after) })
      .orderBy('e.id', 'ASC')
      .take(take + 1)
      .getMany();
    const nodes = rows.slice(0, take).map(toHubEvent);
    return {
      nodes,
      totalCount,
      pageInfo: { endCursor: nodes.length ? nodes[nodes.length - 1].id : (filter.after ?? null), hasNextPage: rows.length > take },
    };
  }

  private async range(fromExclusive: bigint, toInclusive: bigint | null, types: EventType[] | null): Promise<HubEvent[]> {
    const qb = this.db.manager
      .getRepository(EventRecord)
      .createQueryBuilder('e')
      .where('e.id > :from', { from: Number(fromExclusive) });
    if (toInclusive !== null) qb.andWhere('e.id <= :to', { to: Number(toInclusive) });
    if (types) qb.andWhere('e.type IN (:...types)', { types });
    const rows = await qb.orderBy('e.id', 'ASC').take(REPLAY_PAGE).getMany();
    return rows.map(toHubEvent);
  }

  private async maxId(): Promise<bigint> {
    const row = (await this.db.manager.getRepository(EventRecord).createQueryBuilder('e').select('MAX(e.id)', 'max').getRawOne()) as
      { max: string | number | null } | undefined;
    return BigInt(row?.max ?? 0);
  }

  /**
   * With `after`: every stored event with a greater id, then live ones. Without
   * it: the events committed from now on. Either way in id order, without gaps
   * or duplicates: a live event that arrives ahead of the next expected id first
   * pulls the missing ones from the table, and so does the once-a-second check
   * for events the PubSub never brought.
   */
  async subscribe(filter: EventFilter): Promise<AsyncIterableIterator<HubEvent>> {
    const types = filter.types && filter.types.length > 0 ? filter.types : null;
    let covered: bigint | null = filter.after != null ? parseEventId(filter.after) : null;
    let chain: Promise<void> = Promise.resolve();
    let unsubscribe: () => void = () => undefined;
    let unwatch: () => void = () => undefined;
    const out = new Channel<HubEvent>(() => {
      unsubscribe();
      unwatch();
    });
    const wanted = (e: HubEvent) => !types || types.includes(e.type);

    const fill = async (toInclusive: bigint) => {
      while (covered !== null && covered < toInclusive && !out.isClosed) {
        const page = await this.range(covered, toInclusive, types);
        for (const e of page) out.push(e);
        covered = page.length === REPLAY_PAGE ? BigInt(page[page.length - 1].id) : toInclusive;
      }
    };
    const onLive = async (event: HubEvent) => {
      const id = BigInt(event.id);
      if (covered === null || id <= covered) return;
      if (id > covered + 1n) await fill(id - 1n);
      if (wanted(event)) out.push(event);
      covered = id;
    };
    const enqueue = (step: () => Promise<void>) => {
      chain = chain.then(step).catch((error: unknown) => out.fail(error));
    };

    // Listen before replaying, so nothing committed during the replay is missed.
    unsubscribe = await this.pubsub.subscribe(Topic.EVENTS, (event) => enqueue(() => onLive(event)));
    if (covered !== null) enqueue(async () => fill(await this.maxId()));
    else covered = await this.maxId();
    unwatch = this.watchForMissed((max) => enqueue(() => fill(max)));
    return out;
  }
}
