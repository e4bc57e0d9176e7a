/**
 * A push-to-pull async iterator for subscriptions. Unlike an async generator,
 * its return() takes effect at once even while a consumer is waiting, so a
 * client that unsubscribes releases its listeners immediately.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiters: Array<{ resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }> = [];
  private closed = false;
  private failure: unknown = null;
  private listener: ((value: T) => void) | null = null;
  private ended: { resolve: () => void; reject: (e: unknown) => void } | null = null;

  constructor(private readonly onClose: () => void = () => undefined) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(value: T): void {
    if (this.closed) return;
    if (this.listener) {
      this.listener(value);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve({ value, done: false });
    else this.buffer.push(value);
  }

  /**
   * Push instead of pull: the listener gets the buffered values now and every
   * later one synchronously as it is pushed, with no promise per value. The
   * returned promise settles when the stream ends: resolved when closed, rejected
   * with its failure.
   */
  listen(listener: (value: T) => void): Promise<void> {
    const ended = new Promise<void>((resolve, reject) => (this.ended = { resolve, reject }));
    if (this.failure !== null) {
      const error = this.failure;
      this.failure = null;
      this.ended?.reject(error);
      return ended;
    }
    if (this.closed) {
      this.ended?.resolve();
      return ended;
    }
    for (const value of this.buffer.splice(0)) listener(value);
    this.listener = listener;
    return ended;
  }

  /** Ends the stream with an error for the consumer. */
  fail(error: unknown): void {
    if (this.closed) return;
    if (this.ended) {
      const ended = this.ended;
      this.ended = null;
      this.close();
      ended.reject(error);
      return;
    }
    const waiters = this.waiters.splice(0);
    // A consumer already waiting gets the error now; otherwise its next call does. Either way only once.
    if (waiters.length === 0) this.failure = error;
    this.close();
    for (const w of waiters) w.reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.failure !== null) {
      const error = this.failure;
      this.failure = null;
      return Promise.reject(error);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    for (const w of this.waiters.splice(0)) w.resolve({ value: undefined, done: true });
    this.listener = null;
    const ended = this.ended;
    this.ended = null;
    ended?.resolve();
    this.onClose();
  }
}
