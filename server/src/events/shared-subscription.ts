import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  print,
  subscribe,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { DirectSubscriber, HubContext } from '../common/context';
import { RecentMap } from '../common/recent-map';

export type { DirectSubscriber };
import { Channel } from './channel';
import type { HubEvent } from './event-types';
import { mapStream } from './stream';

/**
 * The subscriptions whose results depend only on the event, the operation, its
 * variables and the caller's role: their subscribe filters the events with no
 * database read, and their root resolver reads what the event names, once per
 * operation shape and event.
 */
const SHARED_FIELDS = new Set(['events', 'productChanged', 'exceptionRaised', 'paymentReceived', 'workItemChanged']);

/**
 * Results kept per operation shape: a few seconds' worth of events at a high
 * event rate, and none older than that at a low one (every member has had an
 * event's message within moments; a later one executes it again).
 */
const KEPT_RESULTS = 2_000;
const KEPT_RESULTS_MS = 10_000;

/** Turns an execution result into what goes on the wire (errors formatted as for every other response). */
export type FormatResult = (result: ExecutionResult) => unknown;
/** Encodes one protocol message for the wire (a WebSocket text frame). */
export type EncodeMessage = (message: string) => Buffer;

const printed = new WeakMap<DocumentNode, string>();

function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function rootFieldOf(args: ExecutionArgs): string | null {
  const operation = getOperationAST(args.document, args.operationName);
  const selections = operation?.selectionSet.selections ?? [];
  return selections.length === 1 && selections[0].kind === Kind.FIELD ? selections[0].name.value : null;
}

/** One event's result for one operation shape, serialized once, and its encoded messages per operation id. */
interface Ready {
  text: string;
  encoded: Map<string, Buffer>;
}

/**
 * Every subscriber with the same operation, variables and role: an event's
 * result depends on nothing else, so it is executed, serialized and encoded
 * once for all of them (once per operation id: clients mostly use the same).
 */
class Shape {
  members = 0;
  private readonly results = new RecentMap<string, Ready | { waiting: Subscriber[] }>(KEPT_RESULTS, KEPT_RESULTS_MS);

  constructor(
    private readonly args: ExecutionArgs,
    private readonly format: FormatResult,
    private readonly encode: EncodeMessage,
  ) {}

  /** The event's encoded message for this operation id if its result is ready; otherwise null, and the subscriber resumes once it is. */
  messageFor(event: HubEvent, subscriber: Subscriber): Buffer | null {
    const result = this.results.get(event.id);
    if (result && 'text' in result) return this.encoded(result, subscriber.id);
    if (result) {
      result.waiting.push(subscriber);
      return null;
    }
    const pending = { waiting: [subscriber] };
    this.results.set(event.id, pending);
    Promise.resolve(execute({ ...this.args, rootValue: event }))
      .catch((error: unknown) => ({ errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] }))
      .then((result) => {
        const ready: Ready = { text: JSON.stringify(this.format(result)), encoded: new Map() };
        if (this.results.get(event.id) === pending) this.results.set(event.id, ready);
        for (const waiting of pending.waiting) waiting.resume(this.encoded(ready, waiting.id));
      })
      .catch(() => undefined);
    return null;
  }

  private encoded(ready: Ready, id: string): Buffer {
    let message = ready.encoded.get(id);
    if (!message) {
      message = this.encode(`{"id":${JSON.stringify(id)},"type":"next","payload":${ready.text}}`);
      ready.encoded.set(id, message);
    }
    return message;
  }
}

/** One subscription: events in order, each written as soon as its shape's result is ready. */
class Subscriber {
  private readonly queue: HubEvent[] = [];

  constructor(
    private readonly shape: Shape,
    private readonly target: DirectSubscriber,
  ) {}

  get id(): string {
    return this.target.id;
  }

  readonly deliver = (event: HubEvent): void => {
    this.queue.push(event);
    if (this.queue.length === 1) this.drain();
  };

  /** The message of the event at the head of the queue is ready. */
  resume(message: Buffer): void {
    this.queue.shift();
    this.target.write(message);
    this.drain();
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const message = this.shape.messageFor(this.queue[0], this);
      if (message === null) return;
      this.queue.shift();
      this.target.write(message);
    }
  }
}

export type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/**
 * graphql-js's subscribe, except for the event subscriptions (SHARED_FIELDS): an event is
 * immutable and its result depends only on the operation, its variables and
 * the caller's role, so a thousand subscribers with the same operation share
 * one execution, serialization and encoding per event (graphql-js would
 * execute the selection once per subscriber and event, graphql-ws stringify
 * each message and ws encode it): for a WebSocket subscriber
 * (context.subscriber) the encoded message is written straight to its socket
 * from the event stream, with no promise or allocation per subscriber and event. Other callers get a stream of their own results.
 */
export function sharedSubscribe(format: FormatResult, encode: EncodeMessage): Subscribe {
  const shapes = new Map<string, Shape>();
  return (args) => subscribeSharing(args, shapes, format, encode);
}

async function subscribeSharing(
  args: ExecutionArgs,
  shapes: Map<string, Shape>,
  format: FormatResult,
  encode: EncodeMessage,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  if (!SHARED_FIELDS.has(rootFieldOf(args) ?? '')) return subscribe(args);
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const context = args.contextValue as HubContext | undefined;
  const target = context?.subscriber;
  if (!target || !(source instanceof Channel)) {
    return mapStream(source as AsyncIterableIterator<HubEvent>, (event) => Promise.resolve(execute({ ...args, rootValue: event })));
  }

  const key = `${context?.principal?.role ?? ''}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${textOf(args.document)}`;
  const shape = shapes.get(key) ?? new Shape(args, format, encode);
  shapes.set(key, shape);
  shape.members++;
  const release = () => {
    if (--shape.members === 0 && shapes.get(key) === shape) shapes.delete(key);
  };
  const channel = source as Channel<HubEvent>;
  const ended = channel.listen(new Subscriber(shape, target).deliver);
  ended.then(release, release);
  // graphql-ws waits on this stream: it yields nothing (the messages went out directly) and ends with the source.
  const done = (): IteratorResult<ExecutionResult> => ({ value: undefined, done: true });
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: () => ended.then(done),
    return: async () => {
      await channel.return();
      return done();
    },
    throw: async (error?: unknown) => {
      await channel.return();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
