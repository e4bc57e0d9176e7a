import { Arg, Authorized, Ctx, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Access } from '../../common/auth/roles';
import { connectionDescription, PAGE_AFTER, PAGE_FIRST, rootDescription } from '../../common/descriptions';
import { ConnectionType, type Connection } from '../../common/pagination/connection';
import type { HubContext } from '../../common/context';
import { AuditEntry } from '../../db/audit-entry.entity';

@ObjectType('AuditConnection', { description: connectionDescription('audit entries') })
export class AuditConnection extends ConnectionType(AuditEntry) {}

@Resolver()
export class AuditResolver {
  @Authorized(...Access.READ)
  @Query(() => AuditConnection, {
    description: rootDescription('The audit log, newest first, optionally about one kind of subject or one subject.', Access.READ),
  })
  auditLog(
    @Ctx() ctx: HubContext,
    @Arg('subjectType', () => String, { nullable: true, description: 'Only entries about this kind of subject, e.g. Account.' })
    subjectType?: string | null,
    @Arg('subjectId', () => String, { nullable: true, description: 'Only entries about the subject with this id.' })
    subjectId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_FIRST }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_AFTER }) after?: string | null,
  ): Promise<Connection<AuditEntry>> {
    return ctx.services.audit.list(ctx.actor(), { subjectType, subjectId, first, after });
  }
}
