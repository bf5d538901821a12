// The watch command's line: intervals, usage errors (exit 2), event and summary lines.
import { main } from "../../cli/main";
import { formatPollSummary, formatWatchEvent, parseInterval } from "../../cli/commands/watch";
import { UsageError } from "../../cli/command";

function captureIo() {
  const out = { stdout: "", stderr: "" };
  const stream = (key: "stdout" | "stderr") =>
    ({
      write: (text: string) => {
        out[key] += text;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  return { out, io: { stdout: stream("stdout"), stderr: stream("stderr"), env: {}, isTty: false } };
}

describe("parseInterval", () => {
  it.each([
    ["10m", 600_000],
    ["30s", 30_000],
    ["1h", 3_600_000],
    ["90", 90_000],
    ["1500ms", 1500],
  ])("reads %s", (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });
  it.each(["0s", "999ms", "-5m", "1.5h", "10 minutes", "", "9".repeat(30)])("refuses %j", (text) => {
    expect(() => parseInterval(text)).toThrow(UsageError);
  });
  it("takes 0 for --changes-every (every poll), but no other duration under 1s", () => {
    expect(parseInterval("0", "--changes-every", 0)).toBe(0);
    expect(parseInterval("2h", "--changes-every", 0)).toBe(7_200_000);
    expect(() => parseInterval("500ms", "--changes-every", 0)).toThrow(UsageError);
  });
});

describe("watch command", () => {
  it.each([
    [["--interval", "soon"], "--interval"],
    [["--changes-every", "-1"], "--changes-every"],
    [["--track", "a/b/c"], "--track"],
    [["--webhook", "ftp://example.invalid/hook"], "webhook URL"],
    [["--hub-url", "not a url"], "Hub URL"],
    [["--bogus"], "bogus"],
  ])("exits 2 on %j, naming the problem", async (args, needle) => {
    const { out, io } = captureIo();
    expect(await main(["watch", ...args, "--db", ":memory:"], io)).toBe(2);
    expect(out.stderr.trim().split("\n").at(-1)).toContain(needle);
  });

  it("prints its help", async () => {
    const { out, io } = captureIo();
    expect(await main(["watch", "--help"], io)).toBe(0);
    expect(out.stdout).toContain("Usage: hf-lineage watch");
  });
});

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

  it("summarises a poll", () => {
    const line = formatPollSummary({
      status: "done",
      requests: 1,
      retries: 0,
      pages: 1,
      listed: 500,
      newModels: 0,
      changed: 0,
      changesPages: 0,
      changesRequests: 0,
      gone: ["x/Y"],
      renamed: [],
      events: [],
      watermark: seenAt,
      changesWatermark: seenAt,
      problems: 0,
      elapsedMs: 120,
    });
    expect(line).toBe(`poll: 1 request, 500 listed, 0 new, 0 changed, 0 events, 1 gone in 0s; watermark ${seenAt}`);
  });

  it("summarises a poll that walked the changes listing with its pages and requests", () => {
    const line = formatPollSummary({
      status: "done",
      requests: 3,
      retries: 0,
      pages: 1,
      listed: 900,
      newModels: 0,
      changed: 2,
      changesPages: 2,
      changesRequests: 2,
      gone: [],
      renamed: [],
      events: [],
      watermark: seenAt,
      changesWatermark: seenAt,
      problems: 0,
      elapsedMs: 120,
    });
    expect(line).toBe(
      `poll: 3 requests, 900 listed, 0 new, 2 changed, 0 events, changes listing 2 pages (2 requests) in 0s; watermark ${seenAt}`,
    );
  });
});
