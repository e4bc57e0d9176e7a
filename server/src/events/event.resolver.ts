import { Arg, Authorized, Ctx, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../common/context';
import { Access } from '../common/auth/roles';
import { connectionDescription, PAGE_FIRST, rootDescription } from '../common/descriptions';
import { ConnectionType, type Connection } from '../common/pagination/connection';
import { EventRecord } from './event.entity';
import { EventType, type HubEvent } from './event-types';

@ObjectType('EventConnection', { description: connectionDescription('events') })
export class EventConnection extends ConnectionType(EventRecord) {}

interface EventArgs {
  after?: string | null;
  types?: EventType[] | null;
}

@Resolver()
export class EventResolver {
  @Authorized(...Access.READ)
  @Query(() => EventConnection, {
    description: rootDescription(
      'Stored events in id order, after a given id: a page at a time, for catching up without a WebSocket. pageInfo.endCursor is the last event id.',
      Access.READ,
      'BAD_USER_INPUT when after is not an event id, or is past the newest event; CURSOR_EXPIRED when it is older than the events kept.',
    ),
  })
  events(
    @Ctx() ctx: HubContext,
    @Arg('after', () => ID, { nullable: true, description: 'Only events with a greater id: the last id already read ("0" for the start).' })
    after?: string | null,
    @Arg('types', () => [EventType], { nullable: true, description: 'Only events of these types; left out, every type.' })
    types?: EventType[] | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
  ): Promise<Connection<HubEvent>> {
    return ctx.services.events.list({ after, types, first });
  }

  @Authorized(...Access.READ)
  @Subscription(() => EventRecord, {
    name: 'events',
    description: rootDescription(
      'With `after`, first replays every retained event whose id is greater ("0" replays from the start), then streams live ones: in id order, without gaps or duplicates. Without it, live events only.',
      Access.READ,
      'BAD_USER_INPUT when after is not an event id, or is past the newest event; CURSOR_EXPIRED when it is older than the events kept.',
    ),
    subscribe: ({ args, context }) => (context as HubContext).services.events.subscribe(args as EventArgs),
  })
  eventStream(
    @Root() event: HubEvent,
    @Arg('after', () => ID, { nullable: true, description: 'The last event id received, to resume after it; left out, live events only.' })
    _after?: string | null,
    @Arg('types', () => [EventType], { nullable: true, description: 'Only events of these types; left out, every type.' })
    _types?: EventType[] | null,
  ): HubEvent {
    return event;
  }
}
