import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Role, type Principal } from '../../common/auth/roles';
import type { WebhookConfig } from '../../config/env';
import type { EventType, HubEvent } from '../../events/event-types';
import { Topic, type HubPubSub } from '../../events/pubsub';
import type { CatalogService } from '../catalog/product.service';
import { DeliveryStore, type Attempt } from './delivery-store';
import { EventWindow, recent } from './event-window';
import { WebhookEndpoint } from './webhook.entity';
import { messageData } from './webhook-message';
import { afterFailure, deliveredTypes, messageBody, signatureHeader, signingSecrets } from './webhook-rules';
import { WebhookSender } from './webhook-sender';

/** How often a process looks for due endpoints without being woken (retries due, other processes' events with Redis away). */
const POLL_MS = 1000;
/**
 * Wakes (an event, a change) look for due endpoints at most this often: tasks
 * already working an endpoint are woken directly, so a look only finds
 * endpoints idle until now, and at 200 events/s one per event kept two
 * statements always in flight for nothing.
 */
const WAKE_POLL_MS = 50;
/** Endpoints one process delivers to at once. */
const MAX_IN_FLIGHT = 256;
/** Events read per statement for one endpoint. */
const EVENT_PAGE = 100;
/**
 * The cursor is stored after at most this many deliveries or this long: a
 * process that dies sends those again (at least once), and a busy endpoint
 * costs one write per batch rather than one per event.
 */
const SAVE_EVERY = 50;
const SAVE_MS = 1000;
/** A task caught up keeps its endpoint's lease this long for the next event before letting it go. */
const LINGER_MS = 1000;
/** A task re-reads its endpoint (URL, secret, types, status) this often. */
const RELOAD_MS = 1000;
/** The newest stored event id is asked of the database at most this often by one process. */
const NEWEST_STORED_MS = 50;

export type DispatchLogger = { error(msg: string, error?: unknown): void };

/**
 * Delivers events to webhook endpoints. Each endpoint is worked by one task
 * at a time across all processes: a task claims the endpoint's row with a
 * conditional UPDATE that leases it until an expiry, delivers the events
 * after its cursor one at a time in id order, moves the cursor after each 2xx
 * (extending the lease), and on a failure logs it, sets the next attempt and
 * lets the lease go. A process that dies leaves a lease that expires, and
 * another process takes the endpoint over from its cursor. Endpoints are
 * worked concurrently, each with its own timer for its next retry, so a slow
 * or dead receiver delays nobody else.
 */
export class WebhookDispatcher {
  private readonly store: DeliveryStore;
  private readonly sender: WebhookSender;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private pollTimer: NodeJS.Timeout | null = null;
  /** When the scheduled look runs, and when the last one started (performance.now()). */
  private pollDueAt = 0;
  private lastPollAt = -Infinity;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  /** Bumped by every wake: a task that saw an older value when it read events looks again before it leaves. */
  private wakes = 0;
  /** Tasks caught up and waiting for the next wake. */
  private readonly waiters = new Set<(woken: boolean) => void>();
  private readonly window = new EventWindow();
  private readonly bodies = new WeakMap<HubEvent, string>();
  private readonly newestStored: () => Promise<number>;
  /** The same, asked at most once a POLL_MS: for looks while events arrive. */
  private readonly newestStoredForLooks: () => Promise<number>;
  /** Endpoints changed since their task last read them. */
  private readonly stale = new Set<string>();
  private unsubscribeChanges: (() => void) | null = null;

  constructor(
    store: (owner: string) => DeliveryStore,
    private readonly catalog: CatalogService,
    private readonly pubsub: HubPubSub,
    private readonly config: WebhookConfig,
    private readonly log: DispatchLogger,
  ) {
    this.store = store(`${hostname().slice(0, 30)}:${process.pid}:${randomBytes(6).toString('hex')}`);
    this.sender = new WebhookSender({ allowPrivate: config.allowPrivate, timeoutMs: config.timeoutMs });
    this.newestStored = recent(() => this.store.maxEventId(), NEWEST_STORED_MS);
    this.newestStoredForLooks = recent(() => this.store.maxEventId(), POLL_MS);
  }

  /** A lease outlasts one attempt (the timeout) with room to write its outcome. */
  private get leaseMs(): number {
    return 2 * this.config.timeoutMs + 5_000;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    // Every numbered event, from any process: endpoints behind it are worked at once rather than at the next poll.
    this.unsubscribe = await this.pubsub.subscribe(Topic.EVENTS, (event) => {
      this.window.add(event);
      this.wake();
    });
    this.unsubscribeChanges = await this.pubsub.subscribe(Topic.WEBHOOK_ENDPOINT_CHANGED, ({ id }) => this.endpointChanged(id));
    this.schedulePoll(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribeChanges?.();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    for (const waiter of [...this.waiters]) waiter(false);
    await this.polling;
    // Attempts in flight end within the timeout; each task then lets its lease go.
    await Promise.all(this.inFlight.values());
    this.sender.close();
    this.window.clear();
  }

  /** The endpoint changed: its task reads it again before its next delivery, and due endpoints are looked for. */
  endpointChanged(id: string): void {
    if (this.inFlight.has(id)) this.stale.add(id);
    this.wake();
  }

  /** Looks for due endpoints soon (at most WAKE_POLL_MS after the last look, or after the look in progress). */
  wake(): void {
    this.wakes++;
    for (const waiter of [...this.waiters]) waiter(true);
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.schedulePoll(this.wakePollDelay());
  }

  private wakePollDelay(): number {
    return Math.max(0, this.lastPollAt + WAKE_POLL_MS - performance.now());
  }

  /** A look for due endpoints in `delay` ms, unless one is scheduled sooner. */
  private schedulePoll(delay: number): void {
    if (this.stopped) return;
    const at = performance.now() + delay;
    if (this.pollTimer && this.pollDueAt <= at) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollDueAt = at;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.lastPollAt = performance.now();
      this.polling = this.poll()
        .catch((error: unknown) => this.log.error('webhook dispatch poll failed; retrying', error))
        .finally(() => {
          this.polling = null;
          const again = this.pollAgain;
          this.pollAgain = false;
          this.schedulePoll(again ? this.wakePollDelay() : POLL_MS);
        });
    }, delay);
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.inFlight.size;
    if (room <= 0) return;
    const due = await this.store.dueEndpoints(await this.newestForLook(), room + this.inFlight.size);
    for (const id of due) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) break;
      this.launch(id);
    }
  }

  /**
   * The newest event id for a look for due endpoints. While events arrive, the newest received, with the database
   * asked at most once a POLL_MS (an event whose publishing failed, a relay moved to a process whose events do not
   * reach this one); a process that has received none asks at every look.
   */
  private async newestForLook(): Promise<number> {
    const received = this.window.newestId;
    return Math.max(received, await (received > 0 ? this.newestStoredForLooks() : this.store.maxEventId()));
  }

  /** Starts a task for the endpoint unless this process already runs one. */
  private launch(id: string): void {
    if (this.stopped || this.inFlight.has(id)) return;
    const task = this.work(id)
      .catch((error: unknown) => this.log.error(`webhook delivery to endpoint ${id} failed; retrying`, error))
      .finally(() => {
        this.inFlight.delete(id);
        this.stale.delete(id);
      });
    this.inFlight.set(id, task);
  }

  private async work(id: string): Promise<void> {
    if (!(await this.store.claim(id, this.leaseMs))) return;
    const seen = await this.deliverAll(id).finally(() =>
      this.store.release(id).catch((error: unknown) => this.log.error(`releasing webhook endpoint ${id}`, error)),
    );
    // Events numbered while this task was finishing: look again rather than wait for the next poll.
    if (this.wakes !== seen) this.wake();
  }

  /**
   * Delivers in order until caught up and no event came for LINGER_MS, a
   * failure, or the lease is lost; returns the wake count it last read at.
   */
  private async deliverAll(id: string): Promise<number> {
    const held = await this.store.leased(id);
    if (!held) return this.wakes;
    let { key, endpoint: current } = held;
    let readAt = performance.now();
    // Delivered but not yet stored: the attempts, and the cursor as stored.
    let stored = current.cursorId;
    let unsaved: Attempt[] = [];
    let savedAt = performance.now();
    const save = async (to: number): Promise<boolean> => {
      if (to === stored && unsaved.length === 0) return true;
      const moved = await this.store.advance(id, stored, to, this.leaseMs, unsaved);
      [stored, unsaved, savedAt] = [to, [], performance.now()];
      return moved;
    };
    for (;;) {
      if (this.stopped) {
        await save(current.cursorId);
        return this.wakes;
      }
      if (this.stale.delete(id) || performance.now() - readAt >= RELOAD_MS) {
        // Read, not written: a replay, a disable or an enable lets the lease go (and a replay moves the
        // cursor), so a row no longer leased to this process, or at another cursor than it stored, is no
        // longer its to work. Otherwise a changed URL, secret or types apply from here, from its own
        // cursor and failures (delivered, not yet stored).
        const again = await this.store.leased(id);
        if (!again || again.endpoint.cursorId !== stored) {
          await save(current.cursorId);
          return this.wakes;
        }
        key = again.key;
        current = Object.assign(again.endpoint, {
          cursorId: current.cursorId,
          failures: current.failures,
          failingSince: current.failingSince,
        });
        readAt = performance.now();
      }
      const seen = this.wakes;
      const upTo = await this.newestEvent();
      const types = deliveredTypes(key.role, current.eventTypes);
      const events = types.length ? await this.eventsAfter(current.cursorId, upTo, types) : [];
      const viewer: Principal = { kind: 'apiKey', id: key.id, name: `apikey:${key.name}`, role: key.role };
      for (const event of events) {
        if (this.stopped || this.stale.has(id)) break;
        const body = await this.body(viewer, event);
        if (body !== null) {
          const attempt = await this.attempt(current, event.id, body);
          if (!attempt.result.succeeded) {
            if (await save(current.cursorId)) await this.failed(current, attempt);
            return this.wakes;
          }
          unsaved.push(attempt);
        }
        // The endpoint as it stands at the event in hand: failures count at that event only.
        current = Object.assign(new WebhookEndpoint(), current, { cursorId: Number(event.id), failures: 0, failingSince: null });
        if (unsaved.length >= SAVE_EVERY || performance.now() - savedAt >= SAVE_MS) {
          if (!(await save(current.cursorId))) return this.wakes;
        }
      }
      if (this.stopped || this.stale.has(id) || events.length >= EVENT_PAGE) continue;
      // A short page is everything up to upTo: the events between were for others.
      if (upTo > current.cursorId) current = Object.assign(new WebhookEndpoint(), current, { cursorId: upTo });
      if (performance.now() - savedAt >= SAVE_MS && !(await save(current.cursorId))) return this.wakes;
      // Caught up: the lease is kept a moment for the next event, rather than let go and claimed again.
      if (this.wakes === seen && !(await this.nextWake(LINGER_MS))) {
        if (!(await save(current.cursorId))) return this.wakes;
        return seen;
      }
    }
  }

  /** The newest event id: from the events this process received, or the database (other processes' events without Redis). */
  private async newestEvent(): Promise<number> {
    return Math.max(this.window.newestId, await this.newestStored());
  }

  /** From the events this process received when it has all of them, else from the database. */
  private async eventsAfter(after: number, upTo: number, types: EventType[]): Promise<HubEvent[]> {
    return this.window.range(after, upTo, new Set(types), EVENT_PAGE) ?? this.store.events(after, upTo, types, EVENT_PAGE);
  }

  /** The message body for the viewer; the same for every key that reads events whole, so it is built once per event. */
  private async body(viewer: Principal, event: HubEvent): Promise<string | null> {
    const whole = viewer.role !== Role.PARTNER;
    const known = whole ? this.bodies.get(event) : undefined;
    if (known !== undefined) return known;
    const data = await messageData(this.catalog, viewer, event);
    const body = data ? messageBody(event.type, event.occurredAt, data) : null;
    if (whole && body !== null) this.bodies.set(event, body);
    return body;
  }

  /** Resolves true at the next wake, false after `ms` without one (or at stop). */
  private nextWake(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(onWake);
        resolve(woken);
      };
      const onWake = (woken: boolean) => done(woken);
      const timer = setTimeout(() => done(false), ms);
      this.waiters.add(onWake);
    });
  }

  private async attempt(endpoint: WebhookEndpoint, eventId: string, body: string): Promise<Attempt> {
    const at = new Date();
    const timestamp = Math.floor(at.getTime() / 1000);
    const headers = {
      'webhook-id': eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(signingSecrets(endpoint, at), eventId, timestamp, body),
    };
    const result = await this.sender.send({ url: endpoint.url, headers, body });
    return { eventId, attempt: endpoint.failures + 1, at, result };
  }

  private async failed(endpoint: WebhookEndpoint, attempt: Attempt): Promise<void> {
    // The failing window starts and ends by the database's clock, whichever processes' attempts failed.
    const now = await this.store.now();
    const decision = afterFailure({
      failures: endpoint.failures + 1,
      failingSince: endpoint.failingSince,
      now,
      policy: { scheduleMs: this.config.retryScheduleMs, windowMs: this.config.retryWindowMs },
    });
    if (decision.disable) {
      const since = (endpoint.failingSince ?? now).toISOString();
      await this.store.disable(endpoint, attempt, `no 2xx answer since ${since} (last: ${attempt.result.error ?? 'failed'})`, now);
      return;
    }
    // The wait, not the instant, goes to the database: the retry is due by its clock, as leases are.
    const waitMs = decision.nextAttemptAt.getTime() - now.getTime();
    if (!(await this.store.retryLater(endpoint, attempt, decision.failingSince, waitMs))) return;
    this.retryAfter(endpoint.id, waitMs);
  }

  /** This endpoint's own timer: its retry starts when due, whatever the others do. */
  private retryAfter(id: string, waitMs: number): void {
    if (this.stopped) return;
    const existing = this.retryTimers.get(id);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(id);
        // The task that set this timer may still be letting its lease go: a moment later, then.
        if (this.inFlight.has(id)) setTimeout(() => this.launch(id), 5).unref();
        else this.launch(id);
      },
      Math.max(0, waitMs) + 2,
    );
    timer.unref();
    this.retryTimers.set(id, timer);
  }

  /** Deletes delivery attempts logged before the cutoff (called after the event retention sweep). */
  pruneDeliveries(cutoff: Date): Promise<void> {
    return this.store.pruneDeliveries(cutoff);
  }
}
