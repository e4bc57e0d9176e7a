/**
 * Whether every value an update gives is already the row's: an update that
 * would change nothing, answered with the row as it stands (no new version,
 * event or audit entry), so that a client may send the same update twice.
 * Dates compare by their time, lists and objects by their JSON.
 */
export function changesNothing<T extends object>(row: T, changes: Partial<T>): boolean {
  return Object.entries(changes).every(([key, value]) => sameValue((row as Record<string, unknown>)[key], value));
}

function sameValue(stored: unknown, given: unknown): boolean {
  if (stored === given) return true;
  if (stored instanceof Date && given instanceof Date) return stored.getTime() === given.getTime();
  if (typeof stored === 'object' && typeof given === 'object' && stored !== null && given !== null) {
    return JSON.stringify(stored) === JSON.stringify(given);
  }
  return false;
}
