import type { Database } from '../../db/database';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { AuditEntry } from './audit.entity';

export interface AuditFilter extends PageArgs {
  subjectType?: string | null;
  subjectId?: string | null;
}

/** Reads the audit log, newest first. Entries are written by Database.transaction, never here. */
export class AuditService {
  constructor(private readonly db: Database) {}

  list(filter: AuditFilter): Promise<Connection<AuditEntry>> {
    const qb = this.db.manager.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.subjectType) qb.andWhere('a.subject_type = :type', { type: filter.subjectType.slice(0, 64) });
    if (filter.subjectId) qb.andWhere('a.subject_id = :sid', { sid: filter.subjectId.slice(0, 64) });
    return paginate(qb, filter, { order: 'DESC' });
  }
}
