// Crawl progress: the line's figures and ETA, a redrawn bar on a terminal, throttled plain lines otherwise.
import { PassThrough } from "node:stream";
import type { BudgetUsage } from "../../crawler/hub/bucket-pacer";
import {
  budgetEtaMs,
  createProgressReporter,
  formatDuration,
  formatProgress,
  type CrawlProgress,
} from "../../crawler/progress";

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

/** An advertised budget of 40 per 2 s with `left` requests in a window ending at `endMs`. */
const budget = (left: number, endMs: number): BudgetUsage => ({
  bucket: "api",
  source: "advertised",
  limit: 40,
  windowMs: 2_000,
  requests: 0,
  elapsedMs: 0,
  window: { left, endMs },
});

describe("budgetEtaMs", () => {
  it("is nothing while the window holds the work left, then counts the windows to wait", () => {
    expect(budgetEtaMs(10, budget(10, 1_500), 1_000)).toBe(0);
    expect(budgetEtaMs(11, budget(10, 1_500), 1_000)).toBe(500);
    expect(budgetEtaMs(50, budget(10, 1_500), 1_000)).toBe(500);
    expect(budgetEtaMs(51, budget(10, 1_500), 1_000)).toBe(2_500);
    expect(budgetEtaMs(10, null, 1_000)).toBeNull();
  });
});

describe("createProgressReporter under a budget", () => {
  // A crawl of 200 listings against 40 per 2 s: each window's quota goes at once, then a wait for its end.
  function crawlUnderBudget(isTty: boolean) {
    let now = 0;
    let window = { left: 40, endMs: 2_000 };
    const out = capture();
    const reporter = createProgressReporter({
      stream: out.stream,
      isTty,
      now: () => now,
      intervalMs: 1_000,
      budget: () => budget(window.left, window.endMs),
    });
    let requests = 0;
    for (let w = 0; w < 5; w++) {
      window = { left: 40, endMs: (w + 1) * 2_000 };
      for (let i = 0; i < 40; i++) {
        now = w * 2_000 + i * 10;
        requests++;
        window = { left: 40 - (i + 1), endMs: window.endMs };
        reporter.update(at(requests, 200 - requests));
      }
      reporter.waiting({ untilMs: (w + 1) * 2_000, reason: "the Hub's api budget (40 per 2 s)" });
      for (let t = w * 2_000 + 400; t < (w + 1) * 2_000; t += 200) {
        now = t;
        reporter.update(at(requests, 200 - requests));
      }
    }
    reporter.finish();
    return out.text();
  }

  it("counts the budget's waits in an ETA that never rises while the work left is unchanged", () => {
    const lines = crawlUnderBudget(true).split("\r\x1b[2K").filter(Boolean);
    const etas = lines.map((line) => /ETA (\S+?)[,\s]/.exec(`${line} `)?.[1]);
    expect(etas[0]).toBe("8s");
    const seconds = etas.map((eta) => (eta === undefined ? NaN : Number(eta.replace("s", ""))));
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]).toBeLessThanOrEqual(seconds[i - 1]);
    expect(seconds.at(-1)).toBe(0);
  });

  it("says it is waiting for the budget and until when", () => {
    const text = crawlUnderBudget(true);
    expect(text).toContain("waiting for the Hub's api budget (40 per 2 s) until 00:00:02 UTC");
  });

  it("says when the total grew instead of letting the bar run past it", () => {
    let now = 0;
    const out = capture();
    const reporter = createProgressReporter({ stream: out.stream, isTty: false, now: () => now, intervalMs: 0 });
    reporter.update(at(10, 2));
    now = 1_000;
    reporter.update(at(12, 12));
    expect(out.text().trim().split("\n")[1]).toContain("(total grew from 12 to 24 requests)");
  });

  it("gives a long wait a line of its own when not on a terminal", () => {
    const out = capture();
    const reporter = createProgressReporter({ stream: out.stream, isTty: false, now: () => 0 });
    reporter.waiting({ untilMs: 3_600_000, reason: "the Hub (429, Retry-After)" });
    expect(out.text()).toBe("waiting for the Hub (429, Retry-After) until 01:00:00 UTC (1h00m)\n");
  });
});
