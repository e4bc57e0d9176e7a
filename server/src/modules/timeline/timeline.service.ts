import { Role, type Principal } from '../../common/auth/roles';
import { pageSize, type PageArgs } from '../../common/pagination/connection';
import type { Database } from '../../db/database';
import { comparePositions, decodeTimelineCursor, encodeTimelineCursor, shownActor } from './timeline-rules';
import { SOURCES } from './timeline-sources';
import type { TimelineConnection } from './timeline.types';

/**
 * An account's history merged from its invoices, payments, credit notes, refunds, reads,
 * collections steps, work notes and disputes, newest first. Each table is read for at most
 * first+1 rows after the cursor, so a page costs the same however long the history is.
 */
export class TimelineService {
  constructor(private readonly db: Database) {}

  async forAccount(reader: Principal, accountId: string, args: PageArgs): Promise<TimelineConnection> {
    const first = pageSize(args.first);
    const after = args.after ? decodeTimelineCursor(args.after) : null;
    const em = this.db.manager;
    const parts = await Promise.all(SOURCES.map((source) => source(em, accountId, after, first + 1)));
    const merged = parts.flat().sort(comparePositions);
    const page = merged.slice(0, first);
    const last = page[page.length - 1];
    const admin = reader.role === Role.ADMIN;
    return {
      nodes: page.map(({ id: _row, ...entry }) => ({ ...entry, actor: shownActor(entry.actor, admin) })),
      pageInfo: { endCursor: last ? encodeTimelineCursor(last) : null, hasNextPage: merged.length > first },
    };
  }
}
