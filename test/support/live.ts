import type { Subscription } from './client';
import type { TestHub } from './hub';
import { eventually } from './wait';

/**
 * Opens a subscription and waits until the hub follows it: a live subscription
 * gets only what is published after it joined, so a test that acts at once
 * could act before it is listening.
 */
export async function listening<T>(t: TestHub, open: () => Subscription<T>): Promise<Subscription<T>> {
  const before = t.hub.services.events.live.listeners;
  const subscription = open();
  await eventually('the hub to follow the new subscription', () => t.hub.services.events.live.listeners > before);
  return subscription;
}
