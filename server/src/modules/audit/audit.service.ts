import { Role, type Principal } from '../../common/auth/roles';
import { forbidden } from '../../common/errors/hub-error';
import type { Database } from '../../db/database';
import { paginate, type Connection, type PageArgs } from '../../common/pagination/connection';
import { AuditEntry } from '../../db/audit-entry.entity';
import { ADMIN_ONLY_SUBJECTS, readerSees, seenBy } from './audit-visibility';

export interface AuditFilter extends PageArgs {
  subjectType?: string | null;
  subjectId?: string | null;
}

/** Reads the audit log, newest first, as much of it as the reader may see. Entries are written by Database.transaction, never here. */
export class AuditService {
  constructor(private readonly db: Database) {}

  async list(reader: Principal, filter: AuditFilter): Promise<Connection<AuditEntry>> {
    const subjectType = filter.subjectType?.slice(0, 64);
    if (subjectType && !readerSees(reader, subjectType)) {
      throw forbidden(`Audit entries about ${subjectType === 'ApiKey' ? 'API keys' : 'users'} are for admins only`);
    }
    const qb = this.db.manager.getRepository(AuditEntry).createQueryBuilder('a');
    if (subjectType) qb.andWhere('a.subject_type = :type', { type: subjectType });
    if (filter.subjectId) qb.andWhere('a.subject_id = :sid', { sid: filter.subjectId.slice(0, 64) });
    if (reader.role !== Role.ADMIN) qb.andWhere('a.subject_type NOT IN (:...adminOnly)', { adminOnly: ADMIN_ONLY_SUBJECTS });
    const page = await paginate(qb, filter, { order: 'DESC' });
    return { ...page, nodes: page.nodes.map((entry) => seenBy(reader, entry)) };
  }
}
