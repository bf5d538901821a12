// An in-memory, mutable Hub for the watcher's unit tests: newest-first and most-recently-modified listings with
// offset cursors, model records with renames and deletions, every call recorded, and a hook to fail any call.
import type { HubClient, HubModelPage, ListedRecord } from "../../crawler/hub/hub-client";
import type { Relation } from "../../lineage/types";

export interface WatchCall {
  kind: "newest" | "modified" | "record";
  /** The cursor (newest, modified) or the id asked for (record). */
  arg: string | null;
}

export interface WatchFakeHub extends HubClient {
  calls: WatchCall[];
  /** Called before each answer with the call and its 1-based number; throw to fail the call. */
  beforeAnswer: ((call: WatchCall, n: number) => void) | null;
  count(kind: WatchCall["kind"]): number;
  put(record: ListedRecord): void;
  remove(id: string): void;
  /** The model goes by `to` from now on; its old id answers with the record under the new one. */
  rename(from: string, to: string): void;
}

const ORIGIN = "https://example.invalid";

/** A wire record with `base_model:` tags as the Hub writes them (bare and typed). */
export function listedRecord(
  id: string,
  createdAt: string,
  parents: [string, Relation][] = [],
  extra: Partial<ListedRecord> = {},
): ListedRecord {
  const tags = [
    "transformers",
    ...parents.flatMap(([parent, relation]) => [`base_model:${parent}`, `base_model:${relation}:${parent}`]),
  ];
  return {
    _id: `id-${id}`,
    id,
    author: id.split("/")[0],
    createdAt,
    lastModified: createdAt,
    downloads: 0,
    likes: 0,
    tags,
    ...extra,
  };
}

export function createWatchFakeHub(initial: ListedRecord[]): WatchFakeHub {
  const records = new Map(initial.map((record) => [record.id.toLowerCase(), structuredClone(record)]));
  const renames = new Map<string, string>();

  const hub: WatchFakeHub = {
    calls: [],
    beforeAnswer: null,
    count: (kind) => hub.calls.filter((call) => call.kind === kind).length,
    put(record) {
      records.set(record.id.toLowerCase(), structuredClone(record));
    },
    remove(id) {
      records.delete(id.toLowerCase());
    },
    rename(from, to) {
      const record = records.get(from.toLowerCase());
      if (!record) throw new Error(`fake hub: no model ${from} to rename`);
      records.delete(from.toLowerCase());
      records.set(to.toLowerCase(), { ...record, id: to });
      renames.set(from.toLowerCase(), to);
    },

    async listNewestPage(options = {}) {
      answer({ kind: "newest", arg: options.cursorUrl ?? null });
      return listDescending("createdAt", options);
    },
    async listRecentlyModifiedPage(options = {}) {
      answer({ kind: "modified", arg: options.cursorUrl ?? null });
      return listDescending("lastModified", options);
    },
    async getModelRecord(id) {
      answer({ kind: "record", arg: id });
      const current = renames.get(id.toLowerCase()) ?? id;
      const record = records.get(current.toLowerCase());
      if (!record) return null;
      const isRenamed = record.id.toLowerCase() !== id.toLowerCase();
      return { record: structuredClone(record), childrenCount: null, ...(isRenamed ? { renamedFrom: id } : {}) };
    },
    async listChildrenPage() {
      throw new Error("fake hub: the watcher never lists children");
    },
    async sweepPage() {
      throw new Error("fake hub: the watcher never sweeps");
    },
    async countModels() {
      throw new Error("fake hub: the watcher never counts the Hub");
    },
    async fetchCard() {
      throw new Error("fake hub: the watcher never reads cards");
    },
  };

  function listDescending(
    sort: "createdAt" | "lastModified",
    options: { limit?: number; cursorUrl?: string | null },
  ): HubModelPage {
    const limit = options.limit ?? 500;
    const offset = options.cursorUrl ? Number(new URL(options.cursorUrl).searchParams.get("offset")) : 0;
    const all = [...records.values()].sort(
      (a, b) => String(b[sort]).localeCompare(String(a[sort])) || a.id.localeCompare(b.id),
    );
    return {
      records: all.slice(offset, offset + limit).map((record) => structuredClone(record)),
      nextUrl: offset + limit < all.length ? `${ORIGIN}/api/models?sort=${sort}&offset=${offset + limit}` : null,
      dropped: 0,
      total: null,
    };
  }

  function answer(call: WatchCall): void {
    hub.calls.push(call);
    hub.beforeAnswer?.(call, hub.calls.length);
  }

  return hub;
}
