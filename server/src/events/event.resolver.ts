import { Arg, Authorized, Ctx, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../app/context';
import { Access } from '../common/auth/roles';
import { ConnectionType, type Connection } from '../common/pagination/connection';
import { EventRecord } from './event.entity';
import { EventType, type HubEvent } from './event-types';

@ObjectType('EventConnection')
export class EventConnection extends ConnectionType(EventRecord) {}

interface EventArgs {
  after?: string | null;
  types?: EventType[] | null;
}

@Resolver()
export class EventResolver {
  @Authorized(...Access.READ)
  @Query(() => EventConnection)
  events(
    @Ctx() ctx: HubContext,
    @Arg('after', () => ID, { nullable: true }) after?: string | null,
    @Arg('types', () => [EventType], { nullable: true }) types?: EventType[] | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<Connection<HubEvent>> {
    return ctx.services.events.list({ after, types, first });
  }

  @Authorized(...Access.READ)
  @Subscription(() => EventRecord, {
    name: 'events',
    description:
      'With `after`, first replays every retained event whose id is greater ("0" replays from the start), then streams live ones: in id order, without gaps or duplicates. Without it, live events only.',
    subscribe: ({ args, context }) => (context as HubContext).services.events.subscribe(args as EventArgs),
  })
  eventStream(
    @Root() event: HubEvent,
    @Arg('after', () => ID, { nullable: true }) _after?: string | null,
    @Arg('types', () => [EventType], { nullable: true }) _types?: EventType[] | null,
  ): HubEvent {
    return event;
  }
}
