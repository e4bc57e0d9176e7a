import DataLoader from 'dataloader';
import type { Services } from '../services';

/** A batch function for one kind of lookup: one SQL statement for every key asked in the same tick. */
export interface LoaderDef<K, V> {
  readonly name: string;
  readonly batch: (services: Services, keys: readonly K[]) => Promise<V[]>;
}

export function defineLoader<K, V>(name: string, batch: (services: Services, keys: readonly K[]) => Promise<V[]>): LoaderDef<K, V> {
  return { name, batch };
}

export { groupBy, groupInto, indexBy } from '../grouping';

/** Per-request DataLoaders, created on first use, so a page of 50 items with their relations costs a handful of statements. */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** `cache: false` for subscriptions, whose context lives as long as the stream and must not serve stale rows. */
  constructor(
    private readonly services: Services,
    private readonly cache = true,
  ) {}

  load<K, V>(def: LoaderDef<K, V>, key: K): Promise<V> {
    let loader = this.loaders.get(def.name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => def.batch(this.services, keys), { maxBatchSize: 500, cache: this.cache });
      this.loaders.set(def.name, loader as DataLoader<unknown, unknown>);
    }
    return loader.load(key);
  }
}

/** For a non-null relation: the row a loader found, or an error (a dangling reference is a bug, not the client's fault). */
export async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (!found) throw new Error(`${what} is missing`);
  return found;
}
