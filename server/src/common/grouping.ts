/** Rows grouped by a key, each group in the rows' order. */
export function groupInto<K, V>(rows: V[], keyOf: (row: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Groups rows by a key, in the order of the keys asked, for one-to-many loaders. */
export function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = groupInto(rows, keyOf);
  return keys.map((k) => groups.get(k) ?? []);
}

/** Picks one row per key, or null, in the order of the keys asked. */
export function indexBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const index = new Map<K, V>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((k) => index.get(k) ?? null);
}
