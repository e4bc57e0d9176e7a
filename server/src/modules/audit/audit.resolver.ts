import { Arg, Authorized, Ctx, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Access } from '../../common/auth/roles';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import type { HubContext } from '../../app/context';
import { AuditEntry } from './audit.entity';

@ObjectType('AuditConnection')
export class AuditConnection extends ConnectionType(AuditEntry) {}

@Resolver()
export class AuditResolver {
  @Authorized(...Access.READ)
  @Query(() => AuditConnection)
  auditLog(
    @Ctx() ctx: HubContext,
    @Arg('subjectType', () => String, { nullable: true }) subjectType?: string | null,
    @Arg('subjectId', () => String, { nullable: true }) subjectId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<Connection<AuditEntry>> {
    return ctx.services.audit.list(ctx.actor(), { subjectType, subjectId, first, after });
  }
}
