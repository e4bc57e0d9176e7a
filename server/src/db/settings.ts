import type { Database } from './database';
import { isUniqueViolation } from './errors';
import { Setting } from './setting.entity';

/**
 * A value generated once per deployment and kept in the database (the token
 * signing key, the deployment's id). When several processes start at the same
 * moment, the first insert wins and every process uses that value.
 */
export async function storedSetting(db: Database, key: string, generate: () => string): Promise<string> {
  const repo = db.manager.getRepository(Setting);
  const existing = await repo.findOneBy({ key });
  if (existing) return existing.value;
  try {
    await db.exclusive(() => repo.insert({ key, value: generate() }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return (await repo.findOneByOrFail({ key })).value;
}
