import type { EntityManager } from 'typeorm';
import { EventRecord } from './event.entity';

/** The newest event's id; 0 before the first event. */
export async function maxEventId(em: EntityManager): Promise<number> {
  const row = (await em.getRepository(EventRecord).createQueryBuilder('e').select('MAX(e.id)', 'max').getRawOne()) as
    { max: string | number | null } | undefined;
  return Number(row?.max ?? 0);
}
