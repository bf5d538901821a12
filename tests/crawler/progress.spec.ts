// Crawl progress: the line's figures and ETA, a redrawn bar on a terminal, throttled plain lines otherwise.
import { PassThrough } from "node:stream";
import { createProgressReporter, formatDuration, formatProgress, type CrawlProgress } from "../../crawler/progress";

const at = (requests: number, remaining: number | null): CrawlProgress => ({
  phase: "down",
  models: requests * 2,
  edges: requests,
  requests,
  retries: 1,
  remaining,
});

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe("formatProgress", () => {
  it("shows the counts, the request rate and the ETA from the requests left", () => {
    expect(formatProgress(at(1200, 600), 10)).toBe(
      "down: 2,400 models, 1,200 edges, 1,200 requests (10.0/s), 1 retries, ETA 1m00s",
    );
    expect(formatProgress(at(5, null), null)).toMatch(/\(\?\/s\).*ETA \?$/);
    expect(formatDuration(3 * 3600_000 + 5 * 60_000)).toBe("3h05m");
  });
});

describe("createProgressReporter", () => {
  it("writes a plain line at most once per interval when not on a terminal", () => {
    let now = 0;
    const out = capture();
    const reporter = createProgressReporter({ stream: out.stream, isTty: false, now: () => now, intervalMs: 10_000 });
    for (let second = 0; second <= 25; second++) {
      now = second * 1000;
      reporter.update(at(second * 10, 100));
    }
    reporter.finish();
    reporter.update(at(999, 0));
    const lines = out.text().trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("200 requests (10.0/s)");
  });

  it("redraws one bar line on a terminal and ends it on finish", () => {
    let now = 0;
    const out = capture();
    const reporter = createProgressReporter({ stream: out.stream, isTty: true, now: () => now });
    reporter.update(at(0, 10));
    now = 1000;
    reporter.update(at(10, 10));
    reporter.finish();
    expect(out.text()).not.toMatch(/\n.*\n/);
    expect(out.text()).toMatch(/\r\x1b\[2K\[#{12}\.{12}\] down: 20 models/);
    expect(out.text().endsWith("\n")).toBe(true);
  });
});
