import { isReference, type ApolloCache, type Reference, type StoreObject } from '@apollo/client';

export interface ListField {
  /** The entity holding the list; the top-level query when omitted. */
  id?: string;
  fieldName: string;
  /** The list is in ascending order of this field (dates and keys compare as text): the new entity goes in its place. */
  orderBy?: string;
}

/**
 * Puts an entity a mutation just created (and answered with, so the cache
 * holds it) into a list the cache holds, so the screen showing the list
 * updates without reading it again. The list read without arguments gets it;
 * a list read with arguments (a filter the console does not apply itself) is
 * dropped, and only a screen showing it reads it again.
 */
export function addToList(cache: ApolloCache, list: ListField, item: StoreObject): void {
  cache.modify<Record<string, readonly Reference[]>>({
    id: list.id ?? 'ROOT_QUERY',
    fields: {
      [list.fieldName]: (existing, { fieldName, storeFieldName, toReference, readField, DELETE }) => {
        if (storeFieldName !== fieldName) return DELETE;
        const ref = toReference(item);
        if (!ref || !Array.isArray(existing)) return existing;
        if (existing.some((r) => isReference(r) && r.__ref === ref.__ref)) return existing;
        const key = list.orderBy;
        const value = key ? String(readField(key, ref)) : '';
        const at = key ? existing.findIndex((r) => String(readField(key, r)) > value) : -1;
        const next: Reference[] = [...existing];
        next.splice(at === -1 ? next.length : at, 0, ref);
        return next;
      },
    },
  });
}

/**
 * Takes an entity (its typename and key fields) out of every list holding it: evicted, its references
 * dangle and lists leave them out when read, with no request.
 */
export function removeEverywhere(cache: ApolloCache, entity: StoreObject): void {
  const cacheId = cache.identify(entity);
  if (!cacheId) return;
  cache.evict({ id: cacheId });
  cache.gc();
}
