// The watcher against an in-memory Hub: events with depth and relation, the one-request idle poll, the overlap,
// failures and aborts at every step (nothing lost, nothing repeated), lineage changes, deletions, renames, the loop.
import { resolveId } from "../../../db/aliases";
import { getParents } from "../../../db/edges";
import { listLineageChanges } from "../../../db/fork-events";
import { getModel } from "../../../db/models";
import { openDatabase, type Db } from "../../../db/open-database";
import { listForkEvents } from "../../../db/queries/forks";
import { getLastRun, getRun, startRun } from "../../../db/runs";
import { trackFamily } from "../../../db/tracked-families";
import { ingestPage } from "../../../crawler/ingest-page";
import type { WatchEvent } from "../../../crawler/watch/record-events";
import { runWatcher } from "../../../crawler/watch/run-watcher";
import { watchOnce } from "../../../crawler/watch/watch-once";
import { WatchOptionsError } from "../../../crawler/watch/watch-options";
import { createWatchFakeHub, listedRecord, type WatchFakeHub } from "../../helpers/watch-fake-hub";

const CRAWLED_AT = "2024-03-10T00:00:00.000Z";
const T2 = new Date("2024-05-01T00:00:00.000Z");
const clock = () => T2;

/** What a crawl of base/Root and other/Base stored: the families, their ancestors' siblings, an unrelated model. */
function crawledRecords() {
  return [
    listedRecord("base/Root", "2024-01-01T00:00:00.000Z"),
    listedRecord("other/Base", "2024-01-15T00:00:00.000Z"),
    listedRecord("org/A", "2024-02-01T00:00:00.000Z", [["base/Root", "finetune"]]),
    listedRecord("org/B", "2024-03-01T00:00:00.000Z", [["org/A", "adapter"]]),
    listedRecord("x/unrelated", "2024-03-05T00:00:00.000Z"),
  ];
}

/** Published after the crawl: a chain whose parent comes on a later page, a merge of two families, an outsider. */
function newRecords() {
  return [
    listedRecord("pub/U", "2024-04-01T00:00:00.000Z", [["x/unrelated", "finetune"]]),
    listedRecord("pub/E", "2024-04-02T00:00:00.000Z", [["base/Root", "adapter"]]),
    listedRecord("pub/C", "2024-04-03T00:00:00.000Z", [["org/B", "quantized"]]),
    listedRecord("pub/M", "2024-04-04T00:00:00.000Z", [
      ["org/A", "merge"],
      ["other/Base", "merge"],
    ]),
    listedRecord("pub/D", "2024-04-05T00:00:00.000Z", [["pub/E", "finetune"]]),
  ];
}

const EXPECTED_FIRST_POLL = [
  "base/Root<pub/C quantized depth 3 created 2024-04-03T00:00:00.000Z",
  "base/Root<pub/D finetune depth 2 created 2024-04-05T00:00:00.000Z",
  "base/Root<pub/E adapter depth 1 created 2024-04-02T00:00:00.000Z",
  "base/Root<pub/M merge depth 2 created 2024-04-04T00:00:00.000Z",
  "other/Base<pub/M merge depth 1 created 2024-04-04T00:00:00.000Z",
];

function crawledDb(): Db {
  const db = openDatabase(":memory:");
  ingestPage(db, crawledRecords(), { now: CRAWLED_AT, runId: null });
  trackFamily(db, "base/Root", "seed", CRAWLED_AT);
  trackFamily(db, "other/Base", "seed", CRAWLED_AT);
  return db;
}

function storedEvents(db: Db): string[] {
  return listForkEvents(db, { limit: 1000 })
    .items.map((e) => `${e.root}<${e.model} ${e.relation} depth ${e.depth} created ${e.createdAt}`)
    .sort();
}

function describeEvents(events: WatchEvent[]): string[] {
  return events
    .map((e) =>
      e.type === "fork"
        ? `${e.root}<${e.model} ${e.relation} depth ${e.depth} created ${e.createdAt}`
        : `changed ${e.model}`,
    )
    .sort();
}

describe("watchOnce", () => {
  let db: Db;
  let hub: WatchFakeHub;
  const poll = (options = {}) => watchOnce({ db, hub, now: clock }, { pageSize: 2, ...options });

  beforeEach(() => {
    db = crawledDb();
    hub = createWatchFakeHub([...crawledRecords(), ...newRecords()]);
  });
  afterEach(() => db.close());

  it("records one event per (family, new model) with depth and relation, through parents listed on later pages", async () => {
    const summary = await poll();
    expect(describeEvents(summary.events)).toEqual(EXPECTED_FIRST_POLL);
    expect(storedEvents(db)).toEqual(EXPECTED_FIRST_POLL);
    // Pages of 2, newest first, down to the first record older than the crawl's newest createdAt minus the overlap.
    expect(hub.count("newest")).toBe(4);
    expect(summary).toMatchObject({
      status: "done",
      pages: 4,
      newModels: 5,
      changed: 0,
      watermark: "2024-04-05T00:00:00.000Z",
    });
    // Every new model is stored with its edges, the outsider too.
    expect(getModel(db, "pub/U")?.fetchedAt).toBe(T2.toISOString());
    expect(getParents(db, "pub/U").map((e) => e.parent)).toEqual(["x/unrelated"]);
  });

  it("costs one request and records nothing when nothing is new", async () => {
    await poll();
    hub.calls = [];
    const again = await poll();
    expect(again.events).toEqual([]);
    expect(hub.calls).toEqual([{ kind: "newest", arg: null }]);
    expect(again).toMatchObject({ newModels: 0, changed: 0, pages: 1 });
    expect(storedEvents(db)).toEqual(EXPECTED_FIRST_POLL);
  });

  it("finds a model the listing shows late inside the overlap, not one further down", async () => {
    await poll();
    hub.put(listedRecord("late/L", "2024-04-04T23:58:00.000Z", [["base/Root", "finetune"]]));
    hub.put(listedRecord("late/Old", "2024-04-01T12:00:00.000Z", [["base/Root", "finetune"]]));
    const summary = await poll();
    expect(describeEvents(summary.events)).toEqual([
      "base/Root<late/L finetune depth 1 created 2024-04-04T23:58:00.000Z",
    ]);
    expect(getModel(db, "late/Old")).toBeNull();
  });

  it.each([1, 2, 3, 4])("loses and repeats nothing when the Hub fails at call %i, once rerun", async (failAt) => {
    hub.beforeAnswer = (_call, n) => {
      if (n === failAt) throw new Error("injected failure");
    };
    await expect(poll()).rejects.toThrow("injected failure");
    expect(storedEvents(db)).toEqual([]);
    hub.beforeAnswer = null;
    const rerun = await poll();
    expect(describeEvents(rerun.events)).toEqual(EXPECTED_FIRST_POLL);
    expect(storedEvents(db)).toEqual(EXPECTED_FIRST_POLL);
    expect((await poll()).events).toEqual([]);
  });

  it("keeps models stored by an interrupted poll pending, even those below the watermark", async () => {
    await poll();
    hub.put(listedRecord("late/L", "2024-04-04T23:58:00.000Z", [["base/Root", "finetune"]]));
    hub.put(listedRecord("pub/F", "2024-04-06T00:00:00.000Z", [["base/Root", "quantized"]]));
    const controller = new AbortController();
    // Pages: [pub/F, pub/D, late/L], [pub/M, ...]: abort once the page holding late/L is stored.
    hub.beforeAnswer = (_call, n) => {
      if (n === 1) controller.abort();
    };
    hub.calls = [];
    const interrupted = await watchOnce({ db, hub, now: clock, signal: controller.signal }, { pageSize: 3 });
    expect(interrupted).toMatchObject({ status: "interrupted", events: [] });
    expect(getModel(db, "late/L")).not.toBeNull();
    hub.beforeAnswer = null;
    const rerun = await poll();
    expect(describeEvents(rerun.events)).toEqual([
      "base/Root<late/L finetune depth 1 created 2024-04-04T23:58:00.000Z",
      "base/Root<pub/F quantized depth 1 created 2024-04-06T00:00:00.000Z",
    ]);
  });

  it("records a changed base_model as a lineage change, and the family it joins as a fork", async () => {
    await poll();
    hub.put(
      listedRecord("pub/D", "2024-04-05T00:00:00.000Z", [["other/Base", "finetune"]], {
        lastModified: "2024-04-20T00:00:00.000Z",
      }),
    );
    const summary = await poll();
    expect(summary.changed).toBe(1);
    expect(summary.events).toEqual([
      {
        type: "lineage-changed",
        model: "pub/D",
        lastModified: "2024-04-20T00:00:00.000Z",
        parentsBefore: [{ id: "pub/E", relation: "finetune" }],
        parentsAfter: [{ id: "other/Base", relation: "finetune" }],
        roots: ["base/Root", "other/Base"],
        seenAt: T2.toISOString(),
      },
      expect.objectContaining({
        type: "fork",
        kind: "joined",
        root: "other/Base",
        model: "pub/D",
        depth: 1,
        relation: "finetune",
      }),
    ]);
    expect(getParents(db, "pub/D").map((e) => e.parent)).toEqual(["other/Base"]);
    expect(listLineageChanges(db)).toHaveLength(1);
    // The same lastModified listed again is not a change.
    expect((await poll()).events).toEqual([]);
  });

  it("catches an edited base_model on an older model through the changes listing when due, once", async () => {
    await poll();
    // org/B was crawled long before the watermark: only the most-recently-modified listing shows its edit.
    hub.put(
      listedRecord("org/B", "2024-03-01T00:00:00.000Z", [["other/Base", "adapter"]], {
        lastModified: "2024-04-25T00:00:00.000Z",
      }),
    );
    hub.calls = [];
    const summary = await poll({ changesEveryMs: 0 });
    // Pages of 2, most recently modified first, down to the first record modified before the watermark's overlap.
    expect(hub.count("modified")).toBe(2);
    expect(summary).toMatchObject({ changed: 1, changesPages: 2, changesWatermark: "2024-04-25T00:00:00.000Z" });
    expect(summary.events).toEqual([
      expect.objectContaining({
        type: "lineage-changed",
        model: "org/B",
        parentsBefore: [{ id: "org/A", relation: "adapter" }],
        parentsAfter: [{ id: "other/Base", relation: "adapter" }],
      }),
      expect.objectContaining({ type: "fork", kind: "joined", root: "other/Base", model: "org/B", depth: 1 }),
    ]);
    expect(getParents(db, "org/B").map((e) => e.parent)).toEqual(["other/Base"]);
    // pub/C (under org/B) now reaches other/Base too, but the edit was org/B's: one change, recorded once.
    const again = await poll({ changesEveryMs: 0 });
    expect(again).toMatchObject({ changed: 0, events: [] });
    expect(listLineageChanges(db)).toHaveLength(1);
  });

  it("reports an older model it never stored only when its edit puts it under a tracked family", async () => {
    await poll();
    const edited = { lastModified: "2024-04-25T00:00:00.000Z" };
    hub.put(listedRecord("old/Joins", "2023-06-01T00:00:00.000Z", [["org/A", "merge"]], edited));
    hub.put(listedRecord("old/Outsider", "2023-06-02T00:00:00.000Z", [["x/unrelated", "finetune"]], edited));
    const summary = await poll({ changesEveryMs: 0 });
    expect(summary).toMatchObject({ newModels: 0, changed: 2 });
    expect(summary.events).toEqual([
      expect.objectContaining({ type: "lineage-changed", model: "old/Joins", parentsBefore: [], roots: ["base/Root"] }),
      expect.objectContaining({
        type: "fork",
        kind: "joined",
        root: "base/Root",
        model: "old/Joins",
        depth: 2,
        relation: "merge",
      }),
    ]);
    expect(getModel(db, "old/Outsider")?.fetchedAt).toBe(T2.toISOString());
  });

  it("walks the changes listing only when due, so an idle poll in between costs one request", async () => {
    const hourly = { changesEveryMs: 3_600_000 };
    let now = T2;
    const at = () => now;
    const pollAt = () => watchOnce({ db, hub, now: at }, { pageSize: 2, ...hourly });
    await pollAt();
    expect(hub.count("modified")).toBeGreaterThan(0);
    hub.put(
      listedRecord("org/B", "2024-03-01T00:00:00.000Z", [["other/Base", "adapter"]], {
        lastModified: "2024-04-25T00:00:00.000Z",
      }),
    );
    hub.calls = [];
    now = new Date(T2.getTime() + 59 * 60_000);
    expect(await pollAt()).toMatchObject({ changesPages: 0, events: [] });
    expect(hub.calls).toEqual([{ kind: "newest", arg: null }]);
    now = new Date(T2.getTime() + 60 * 60_000);
    const due = await pollAt();
    expect(hub.count("modified")).toBe(2);
    expect(due.events.map((e) => e.type)).toEqual(["lineage-changed", "fork"]);
  });

  it.each([1, 2])(
    "neither loses nor repeats a change when the poll is aborted or fails at changes page %i",
    async (failAt) => {
      await poll();
      hub.put(
        listedRecord("org/B", "2024-03-01T00:00:00.000Z", [["other/Base", "adapter"]], {
          lastModified: "2024-04-25T00:00:00.000Z",
        }),
      );
      hub.put(
        listedRecord("org/A", "2024-02-01T00:00:00.000Z", [["base/Root", "finetune"]], {
          lastModified: "2024-04-24T00:00:00.000Z",
          likes: 3,
        }),
      );
      const controller = new AbortController();
      let changesCalls = 0;
      hub.beforeAnswer = (call) => {
        if (call.kind !== "modified") return;
        changesCalls++;
        // The first case aborts after the page holding org/B's edit was stored; the second fails the next page.
        if (changesCalls === 2 && failAt === 1) controller.abort();
        if (changesCalls === 2 && failAt === 2) throw new Error("injected failure");
      };
      const first = watchOnce({ db, hub, now: clock, signal: controller.signal }, { pageSize: 1, changesEveryMs: 0 });
      if (failAt === 1) expect(await first).toMatchObject({ status: "interrupted", events: [] });
      else await expect(first).rejects.toThrow("injected failure");
      expect(getParents(db, "org/B").map((e) => e.parent)).toEqual(["other/Base"]);
      expect(listLineageChanges(db)).toHaveLength(0);
      hub.beforeAnswer = null;
      const rerun = await poll({ changesEveryMs: 0 });
      expect(rerun.events.map((e) => `${e.type} ${e.model}`)).toEqual(["lineage-changed org/B", "fork org/B"]);
      expect((await poll({ changesEveryMs: 0 })).events).toEqual([]);
      expect(listLineageChanges(db)).toHaveLength(1);
    },
  );

  it("re-reads a model with a newer lastModified but records nothing when its parents did not change", async () => {
    await poll();
    hub.put(
      listedRecord("pub/D", "2024-04-05T00:00:00.000Z", [["pub/E", "finetune"]], {
        lastModified: "2024-04-21T00:00:00.000Z",
        likes: 7,
      }),
    );
    const summary = await poll();
    expect(summary).toMatchObject({ changed: 1, events: [] });
    expect(getModel(db, "pub/D")?.likes).toBe(7);
  });

  it("marks a model that vanished from the top of the listing and answers 404 as gone, and keeps it", async () => {
    await poll();
    hub.remove("pub/D");
    hub.calls = [];
    const summary = await poll();
    expect(summary.gone).toEqual(["pub/D"]);
    expect(hub.calls).toEqual([
      { kind: "newest", arg: null },
      { kind: "record", arg: "pub/D" },
    ]);
    expect(getModel(db, "pub/D")?.goneAt).toBe(T2.toISOString());
    expect(storedEvents(db)).toEqual(EXPECTED_FIRST_POLL);
    // Known gone: not asked again.
    hub.calls = [];
    await poll();
    expect(hub.count("record")).toBe(0);
  });

  it("records a rename as an alias: the new name is no new fork, and the old event follows it", async () => {
    await poll();
    hub.rename("pub/D", "renamed/D2");
    const summary = await poll();
    expect(summary.renamed).toEqual([{ from: "pub/D", to: "renamed/D2" }]);
    expect(summary.events).toEqual([]);
    expect(resolveId(db, "pub/D")).toBe("renamed/D2");
    expect(storedEvents(db)).toEqual(EXPECTED_FIRST_POLL.map((line) => line.replace("pub/D ", "renamed/D2 ")).sort());
  });

  it("loses nothing when the record of a vanished model cannot be read, once rerun", async () => {
    await poll();
    hub.remove("pub/D");
    hub.put(listedRecord("pub/G", "2024-04-07T00:00:00.000Z", [["org/A", "adapter"]]));
    hub.beforeAnswer = (call) => {
      if (call.kind === "record") throw new Error("injected failure");
    };
    await expect(poll()).rejects.toThrow("injected failure");
    expect(getModel(db, "pub/D")?.goneAt).toBeNull();
    hub.beforeAnswer = null;
    const rerun = await poll();
    expect(describeEvents(rerun.events)).toEqual(["base/Root<pub/G adapter depth 2 created 2024-04-07T00:00:00.000Z"]);
    expect(rerun.gone).toEqual(["pub/D"]);
  });

  it("climbs cycles in bad data without hanging or reporting a model as its own fork", async () => {
    db.close();
    db = openDatabase(":memory:");
    const loop = [
      listedRecord("loop/X", "2024-01-01T00:00:00.000Z", [["loop/Y", "finetune"]]),
      listedRecord("loop/Y", "2024-01-02T00:00:00.000Z", [
        ["loop/X", "finetune"],
        ["base/Root", "adapter"],
      ]),
      listedRecord("base/Root", "2023-12-01T00:00:00.000Z"),
    ];
    ingestPage(db, loop, { now: CRAWLED_AT, runId: null });
    trackFamily(db, "loop/X", "seed", CRAWLED_AT);
    trackFamily(db, "base/Root", "seed", CRAWLED_AT);
    hub = createWatchFakeHub([...loop, listedRecord("pub/Z", "2024-02-01T00:00:00.000Z", [["loop/X", "merge"]])]);
    const summary = await poll();
    expect(describeEvents(summary.events)).toEqual([
      "base/Root<pub/Z merge depth 3 created 2024-02-01T00:00:00.000Z",
      "loop/X<pub/Z merge depth 1 created 2024-02-01T00:00:00.000Z",
    ]);
  });

  it("takes the first page as its baseline on an empty database", async () => {
    db.close();
    db = openDatabase(":memory:");
    trackFamily(db, "other/Base", "track", CRAWLED_AT);
    const summary = await poll();
    expect(hub.count("newest")).toBe(1);
    expect(summary.watermark).toBe("2024-04-05T00:00:00.000Z");
    // The page held pub/D and pub/M: with nothing crawled, only a direct child of the family is recognised.
    expect(describeEvents(summary.events)).toEqual(["other/Base<pub/M merge depth 1 created 2024-04-04T00:00:00.000Z"]);
    expect(getModel(db, "pub/D")).not.toBeNull();
  });

  it("rejects options that cannot describe a poll", async () => {
    await expect(watchOnce({ db, hub }, { pageSize: 0 })).rejects.toBeInstanceOf(WatchOptionsError);
    await expect(watchOnce({ db, hub }, { overlapMs: -1 })).rejects.toMatchObject({ field: "overlapMs" });
    expect(hub.calls).toEqual([]);
  });
});

describe("runWatcher", () => {
  let db: Db;
  beforeEach(() => {
    db = crawledDb();
  });
  afterEach(() => db.close());

  it("polls at each interval until aborted, as one run, handing each event over once committed", async () => {
    const hub = createWatchFakeHub([...crawledRecords(), ...newRecords()]);
    const controller = new AbortController();
    const waits: number[] = [];
    const events: WatchEvent[] = [];
    const stale = startRun(db, { command: "watch", key: "watch", args: {}, now: CRAWLED_AT });
    const result = await runWatcher(
      {
        db,
        hub,
        now: clock,
        signal: controller.signal,
        onEvent: (event) => events.push(event),
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 2) controller.abort();
        },
      },
      { intervalMs: 60_000, pageSize: 2 },
    );
    expect(result).toMatchObject({ status: "done", polls: 2, failures: 0, events: 5 });
    expect(waits).toEqual([60_000, 60_000]);
    expect(describeEvents(events)).toEqual(EXPECTED_FIRST_POLL);
    expect(getRun(db, stale)?.status).toBe("interrupted");
    expect(getLastRun(db, "watch")).toMatchObject({ id: result.runId, status: "done", requests: 0 });
  });

  it("goes on after a failed poll, and with once rethrows the failure", async () => {
    const hub = createWatchFakeHub([...crawledRecords(), ...newRecords()]);
    hub.beforeAnswer = (_call, n) => {
      if (n === 1) throw new Error("Hub down");
    };
    const controller = new AbortController();
    const errors: unknown[] = [];
    const result = await runWatcher(
      {
        db,
        hub,
        now: clock,
        signal: controller.signal,
        onError: (e) => errors.push(e),
        sleep: async () => controller.abort(),
      },
      { pageSize: 2 },
    );
    expect(result).toMatchObject({ polls: 0, failures: 1 });
    expect(errors).toHaveLength(1);
    hub.beforeAnswer = () => {
      throw new Error("Hub down");
    };
    await expect(runWatcher({ db, hub, now: clock }, { once: true })).rejects.toThrow("Hub down");
    expect(getLastRun(db, "watch")?.status).toBe("failed");
  });

  it("rejects an interval that is not a positive whole number", async () => {
    const hub = createWatchFakeHub([]);
    await expect(runWatcher({ db, hub }, { intervalMs: 0 })).rejects.toMatchObject({ field: "intervalMs" });
  });
});
