// The watcher's event and poll-summary lines.
import { formatPollSummary, formatWatchEvent } from "../../app/format-watch-lines";
import type { PollSummary } from "../../crawler/watch/watch-once";

describe("event and summary lines", () => {
  const seenAt = "2025-08-01T00:00:00.000Z";
  it("says what each event is on one line", () => {
    expect(
      formatWatchEvent({
        type: "fork",
        kind: "new",
        model: "a/B",
        root: "r/R",
        relation: "adapter",
        depth: 2,
        createdAt: "2025-07-31T00:00:00.000Z",
        seenAt,
      }),
    ).toBe("fork    r/R <- a/B  adapter, depth 2, created 2025-07-31T00:00:00.000Z");
    expect(
      formatWatchEvent({
        type: "fork",
        kind: "joined",
        model: "a/B",
        root: "r/R",
        relation: null,
        depth: 1,
        createdAt: null,
        seenAt,
      }),
    ).toBe("joined  r/R <- a/B  unknown, depth 1 (its base_model changed)");
    expect(
      formatWatchEvent({
        type: "lineage-changed",
        model: "a/B",
        lastModified: seenAt,
        parentsBefore: [],
        parentsAfter: [{ id: "r/R", relation: "finetune" }],
        roots: ["r/R"],
        seenAt,
      }),
    ).toBe("lineage a/B  parents (none) -> r/R (finetune)  [families: r/R]");
  });

  /** A finished poll with nothing found, apart from `changes`. */
  const poll = (changes: Partial<PollSummary>): PollSummary => ({
    status: "done",
    requests: 1,
    retries: 0,
    pages: 1,
    listed: 500,
    newModels: 0,
    changed: 0,
    changesPages: 0,
    changesRequests: 0,
    gone: [],
    renamed: [],
    events: [],
    watermark: seenAt,
    changesWatermark: seenAt,
    problems: 0,
    elapsedMs: 120,
    ...changes,
  });

  it("summarises a poll", () => {
    expect(formatPollSummary(poll({ gone: ["x/Y"] }))).toBe(
      `poll: 1 request, 500 listed, 0 new, 0 changed, 0 events, 1 gone in 0s; watermark ${seenAt}`,
    );
  });

  it("summarises a poll that walked the changes listing with its pages and requests", () => {
    const line = formatPollSummary(poll({ requests: 3, listed: 900, changed: 2, changesPages: 2, changesRequests: 2 }));
    expect(line).toBe(
      "poll: 3 requests, 900 listed, 0 new, 2 changed, 0 events, changes listing 2 pages (2 requests) in 0s; " +
        `watermark ${seenAt}`,
    );
  });
});
