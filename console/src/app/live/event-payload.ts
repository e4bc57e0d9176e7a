import type { EventPayloads, EventTypeName } from '../../../../server/src/events/event-payloads';
import type { LiveEvent } from './describe-event';

export type { EventPayloads, EventTypeName };

/**
 * The event's payload as the server types it (server/src/events/event-payloads.ts, one source for both),
 * so a field renamed there fails to compile here. Partial: an event stored before a field existed lacks it.
 */
export function payloadOf<K extends EventTypeName>(e: LiveEvent, _type: K): Partial<EventPayloads[K]> {
  return (e.payload && typeof e.payload === 'object' ? e.payload : {}) as Partial<EventPayloads[K]>;
}
