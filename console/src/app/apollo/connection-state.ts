/** How the console's WebSocket to the hub is doing, as the header shows it. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** A tiny observable value for useSyncExternalStore. */
export class ConnectionStateStore {
  private value: ConnectionState = 'connecting';
  private readonly listeners = new Set<() => void>();

  get = (): ConnectionState => this.value;

  set(next: ConnectionState): void {
    if (next === this.value) return;
    this.value = next;
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
