import type { HubEvent } from './event-types';
import { Topic, type HubPubSub } from './pubsub';

/** How often a process with subscribers looks for events its PubSub did not bring (Redis down, a lost message). */
const CATCH_UP_MS = 1000;
/** Events read from the table per statement when filling a gap. */
const FILL_PAGE = 500;

export type LiveSink = (event: HubEvent, id: bigint) => void;

/** What the live stream reads from the event table. */
export interface EventTable {
  maxId(): Promise<bigint>;
  /** Events with fromExclusive < id <= toInclusive, in id order, at most `limit`. */
  range(fromExclusive: bigint, toInclusive: bigint, limit: number): Promise<HubEvent[]>;
}

/**
 * The committed events of the whole deployment as one ordered stream per
 * process, shared by every subscriber of the process: one PubSub listener, and
 * gaps (a message the PubSub lost, events published out of order by two
 * relays' passes) filled from the event table once per process, not once per
 * subscriber. Each sink gets every event after the one it joined at, in id
 * order, synchronously, with no promise per sink and event. When the table
 * can't be read, the stream waits and fills the gap at the next try: sinks are
 * never failed and never skip an event.
 */
export class LiveEvents {
  /** The id of the last event given to the sinks; null until the stream has started. */
  private covered: bigint | null = null;
  private starting: Promise<void> | null = null;
  private readonly sinks = new Set<LiveSink>();
  private chain: Promise<void> = Promise.resolve();
  private catchUpTimer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly table: EventTable,
    private readonly pubsub: HubPubSub,
  ) {}

  /** How many sinks follow the stream now (each live subscription is one). */
  get listeners(): number {
    return this.sinks.size;
  }

  /**
   * Adds a sink. It gets every event with an id greater than `joinedAt` (the
   * last event the stream had given out when it joined), until `stop`.
   */
  async join(sink: LiveSink): Promise<{ joinedAt: bigint; stop: () => void }> {
    await this.start();
    this.sinks.add(sink);
    this.catchUpTimer ??= setInterval(() => this.enqueue(async () => this.fill(await this.table.maxId())), CATCH_UP_MS).unref();
    return {
      joinedAt: this.covered as bigint,
      stop: () => {
        this.sinks.delete(sink);
        if (this.sinks.size === 0 && this.catchUpTimer) {
          clearInterval(this.catchUpTimer);
          this.catchUpTimer = null;
        }
      },
    };
  }

  /** Stops listening to the PubSub (at shutdown). */
  close(): void {
    this.stopListening?.();
    this.stopListening = null;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    this.catchUpTimer = null;
    this.sinks.clear();
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      // Listen first, then read where the table ends: an event published in between is at most that id.
      this.stopListening = await this.pubsub.subscribe(Topic.EVENTS, (event) => this.onLive(event));
      this.covered = await this.table.maxId();
    })().catch((error: unknown) => {
      this.stopListening?.();
      this.stopListening = null;
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private onLive(event: HubEvent): void {
    if (this.covered === null) return;
    const id = BigInt(event.id);
    if (id <= this.covered) return;
    this.enqueue(async () => {
      const covered = this.covered as bigint;
      if (id <= covered) return;
      if (id > covered + 1n) await this.fill(id - 1n);
      // Delivered only right after its predecessor: if the gap could not be read, the next fill brings it.
      if (id === (this.covered as bigint) + 1n) this.give(event, id);
    });
  }

  /** Gives out every event up to toInclusive that the table holds, read from it. */
  private async fill(toInclusive: bigint): Promise<void> {
    while ((this.covered as bigint) < toInclusive) {
      const page = await this.table.range(this.covered as bigint, toInclusive, FILL_PAGE);
      for (const event of page) this.give(event, BigInt(event.id));
      if (page.length < FILL_PAGE) return;
    }
  }

  private give(event: HubEvent, id: bigint): void {
    if (id <= (this.covered as bigint)) return;
    for (const sink of this.sinks) {
      try {
        sink(event, id);
      } catch {
        // A sink's failure is its own (its subscriber is closed by it); the others still get the event.
      }
    }
    this.covered = id;
  }

  /** Steps run one at a time, in order; a failed step (the table unreadable) is retried by the next fill. */
  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch(() => undefined);
  }
}
