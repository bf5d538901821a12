// A small cache of expensive read results, emptied whenever the database content changes (getDataVersion).
import type { Db } from "../db/open-database";
import { getDataVersion } from "../db/queries/stats";

export interface ReadCache {
  /** The cached value for `key` at the current data version, computing it (with its `weight`) when absent. */
  get<T>(key: string, compute: () => { value: T; weight: number }): T;
}

/**
 * Least recently used entries go first once the summed weight passes `maxWeight` (weights are rough sizes,
 * e.g. list lengths). A value heavier than `maxWeight` is returned but not kept.
 */
export function createReadCache(db: Db, maxWeight: number): ReadCache {
  const entries = new Map<string, { value: unknown; weight: number }>();
  let version = "";
  let weight = 0;
  return {
    get<T>(key: string, compute: () => { value: T; weight: number }): T {
      const current = getDataVersion(db);
      if (current !== version) {
        entries.clear();
        weight = 0;
        version = current;
      }
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.value as T;
      }
      const fresh = compute();
      if (fresh.weight <= maxWeight) {
        entries.set(key, fresh);
        weight += fresh.weight;
        for (const [oldKey, old] of entries) {
          if (weight <= maxWeight) break;
          entries.delete(oldKey);
          weight -= old.weight;
        }
      }
      return fresh.value;
    },
  };
}
