import { EventEmitter } from 'node:events';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import type { HubEvent } from './event-types';

/** Topics carried by the PubSub. Contract events travel only on EVENTS, after the relay numbered them. */
export enum Topic {
  EVENTS = 'hub.events',
  /** Progress of bill and collections runs: counters, not contract events. */
  RUN_PROGRESS = 'hub.runProgress',
  /** Credentials revoked: open WebSockets that use them are closed. */
  CREDENTIAL_REVOKED = 'hub.credentialRevoked',
  /** A webhook endpoint was changed (URL, secret, types, status, cursor) or deleted: its delivery task reads it again. */
  WEBHOOK_ENDPOINT_CHANGED = 'hub.webhookEndpointChanged',
}

export interface RunProgress {
  kind: 'BILL_RUN' | 'COLLECTIONS_RUN';
  runId: string;
}

export interface TopicPayloads {
  [Topic.EVENTS]: HubEvent;
  [Topic.RUN_PROGRESS]: RunProgress;
  [Topic.CREDENTIAL_REVOKED]: { kind: 'apiKey' | 'user'; id: string };
  [Topic.WEBHOOK_ENDPOINT_CHANGED]: { id: string };
}

type Wire<T> = T extends HubEvent ? Omit<HubEvent, 'occurredAt'> & { occurredAt: string | Date } : T;

function revive<K extends Topic>(topic: K, payload: Wire<TopicPayloads[K]>): TopicPayloads[K] {
  if (topic === Topic.EVENTS) {
    const e = payload as Wire<HubEvent>;
    return { ...e, occurredAt: new Date(e.occurredAt) } as TopicPayloads[K];
  }
  return payload as TopicPayloads[K];
}

/** One typed PubSub: in memory for one process, Redis to reach every process of a deployment. */
export class HubPubSub {
  private constructor(
    private readonly engine: PubSubEngine,
    private readonly closeEngine: () => Promise<void>,
    /** Channels are named per deployment, so deployments sharing a Redis never see each other's events. */
    private readonly prefix: string,
  ) {}

  static inMemory(): HubPubSub {
    // Every subscriber is a listener: no limit, or Node warns of a "leak" past ten of them.
    const eventEmitter = new EventEmitter();
    eventEmitter.setMaxListeners(0);
    const engine = new PubSub({ eventEmitter });
    return new HubPubSub(engine, async () => undefined, '');
  }

  static redis(url: string, deploymentId: string, onError: (error: unknown) => void): HubPubSub {
    const options = { maxRetriesPerRequest: null, lazyConnect: false };
    const publisher = new Redis(url, options);
    // No ready check on the subscriber: ioredis sends SUBSCRIBE (allowed while Redis loads) as soon as the socket
    // connects, and its INFO ready check would then fail with "Connection in subscriber mode" and leave the
    // subscriptions dead (seen when a process subscribes right after start).
    const subscriber = new Redis(url, { ...options, enableReadyCheck: false });
    publisher.on('error', onError);
    subscriber.on('error', onError);
    catchUnwaitedCommands(subscriber, onError);
    const engine = new RedisPubSub({ publisher, subscriber });
    return new HubPubSub(
      engine,
      async () => {
        await engine.close();
      },
      `hub:${deploymentId}:`,
    );
  }

  async publish<K extends Topic>(topic: K, payload: TopicPayloads[K]): Promise<void> {
    await this.engine.publish(this.prefix + topic, payload);
  }

  /** Subscribes a handler; the returned function unsubscribes it. */
  async subscribe<K extends Topic>(topic: K, handler: (payload: TopicPayloads[K]) => void): Promise<() => void> {
    const id = await this.engine.subscribe(this.prefix + topic, (payload: Wire<TopicPayloads[K]>) => handler(revive(topic, payload)), {});
    return () => this.engine.unsubscribe(id);
  }

  async close(): Promise<void> {
    await this.closeEngine();
  }
}

/**
 * Commands on the subscriber connection that nobody waits for: graphql-redis-subscriptions sends UNSUBSCRIBE and
 * PUNSUBSCRIBE when the last listener of a channel leaves and ignores their promises, and ioredis itself sends
 * SUBSCRIBE and PSUBSCRIBE again for every channel when it reconnects, without a handler. While Redis is away, or
 * when the hub closes the connection during a reconnect, those reject ("Connection is closed"), and an unhandled
 * rejection ends a Node process: a subscriber leaving during a Redis outage, or a shutdown while Redis comes
 * back, would take the hub down. Their failures are reported instead (a caller that waits still gets its
 * rejection); Redis forgets a closed connection's subscriptions anyway.
 */
function catchUnwaitedCommands(subscriber: Redis, onError: (error: unknown) => void): void {
  type Command = (...channels: string[]) => Promise<unknown>;
  const names = ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'] as const;
  const target = subscriber as unknown as Record<(typeof names)[number], Command>;
  for (const name of names) {
    const command = target[name].bind(subscriber);
    target[name] = (...channels: string[]) => {
      const sent = command(...channels);
      sent.catch(onError);
      return sent;
    };
  }
}
