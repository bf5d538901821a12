// An in-memory HubClient over a list of wire records for the crawl engine's unit tests: children listings by tag,
// newest-first sweep, records with renames and children counts, cards; small pages; every call recorded; a hook
// to fail any call (a crash or a refusal at a chosen instant).
import type { HubClient, HubModelPage, ListedRecord } from "../../crawler/hub/hub-client";
import type { Relation } from "../../lineage/types";

export interface FakeHubOptions {
  /** Records per listing page (the Hub's is 500; small pages exercise cursors). */
  pageSize?: number;
  /** Old id -> current id: a record asked for by its old id answers under the new one. */
  renames?: Record<string, string>;
  /** README.md text per model id; a model without one answers null. */
  cards?: Record<string, string>;
  /** countModels answers the number of records (the Hub's `X-Total-Count`); by default it says nothing (null). */
  reportsTotal?: boolean;
}

export interface FakeCall {
  kind: "children" | "sweep" | "record" | "card";
  id: string | null;
  cursor: string | null;
}

export interface FakeHub extends HubClient {
  calls: FakeCall[];
  /** Called before each answer with the call and its 1-based number; throw to fail the call. */
  beforeAnswer: ((call: FakeCall, n: number) => void) | null;
  count(kind: FakeCall["kind"]): number;
  /** countModels calls so far. */
  countCalls: number;
}

const ORIGIN = "https://example.invalid";

/** A wire record with `base_model:` tags as the Hub writes them (bare and typed), and a createdAt for sorting. */
export function hubRecord(
  id: string,
  parents: [string, Relation][] = [],
  extra: Record<string, unknown> = {},
): ListedRecord {
  const tags = [
    "transformers",
    ...parents.flatMap(([parent, relation]) => [`base_model:${parent}`, `base_model:${relation}:${parent}`]),
  ];
  return {
    _id: `id-${id}`,
    id,
    author: id.split("/")[0],
    createdAt: "2024-01-01T00:00:00.000Z",
    downloads: 1,
    likes: 0,
    tags,
    ...extra,
  };
}

export function createFakeHub(records: ListedRecord[], options: FakeHubOptions = {}): FakeHub {
  const pageSize = options.pageSize ?? 500;
  const renames = new Map(Object.entries(options.renames ?? {}).map(([from, to]) => [from.toLowerCase(), to]));
  const byId = new Map(records.map((record) => [record.id.toLowerCase(), record]));
  const cards = new Map(Object.entries(options.cards ?? {}).map(([id, text]) => [id.toLowerCase(), text]));
  const newestFirst = [...records].sort(
    (a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || a.id.localeCompare(b.id),
  );

  const childrenOf = (id: string) =>
    records.filter((record) =>
      (record.tags ?? []).some((tag) => tag.toLowerCase() === `base_model:${id.toLowerCase()}`),
    );

  const hub: FakeHub = {
    calls: [],
    beforeAnswer: null,
    countCalls: 0,
    count: (kind) => hub.calls.filter((call) => call.kind === kind).length,

    async listChildrenPage(id, cursorUrl) {
      answer({ kind: "children", id, cursor: cursorUrl ?? null });
      return page(childrenOf(id), cursorUrl, `${ORIGIN}/api/models?filter=base_model:${encodeURIComponent(id)}`);
    },
    async sweepPage(cursorUrl) {
      answer({ kind: "sweep", id: null, cursor: cursorUrl ?? null });
      return page(newestFirst, cursorUrl, `${ORIGIN}/api/models?sort=createdAt`);
    },
    // Kept out of `calls` (and of beforeAnswer's crashes): the crawl specs count the requests that walk and sweep.
    async countModels() {
      hub.countCalls++;
      return options.reportsTotal ? records.length : null;
    },
    async listNewestPage() {
      throw new Error("fake hub: listNewestPage is the watcher's, not the crawler's");
    },
    async listRecentlyModifiedPage() {
      throw new Error("fake hub: listRecentlyModifiedPage is the watcher's, not the crawler's");
    },
    async getModelRecord(id) {
      answer({ kind: "record", id, cursor: null });
      const current = renames.get(id.toLowerCase()) ?? id;
      const record = byId.get(current.toLowerCase());
      if (!record) return null;
      const isRenamed = record.id.toLowerCase() !== id.toLowerCase();
      return {
        record: structuredClone(record),
        childrenCount: childrenOf(record.id).length,
        ...(isRenamed ? { renamedFrom: id } : {}),
      };
    },
    async fetchCard(id) {
      answer({ kind: "card", id, cursor: null });
      return cards.get(id.toLowerCase()) ?? null;
    },
  };

  function answer(call: FakeCall): void {
    hub.calls.push(call);
    hub.beforeAnswer?.(call, hub.calls.length);
  }

  function page(all: ListedRecord[], cursorUrl: string | null | undefined, base: string): HubModelPage {
    const offset = cursorUrl ? Number(new URL(cursorUrl).searchParams.get("offset")) : 0;
    const slice = all.slice(offset, offset + pageSize).map((record) => structuredClone(record));
    const hasMore = offset + pageSize < all.length;
    return { records: slice, nextUrl: hasMore ? `${base}&offset=${offset + pageSize}` : null, dropped: 0, total: null };
  }

  return hub;
}
