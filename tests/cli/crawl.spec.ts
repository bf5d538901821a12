// The crawl command: usage errors, a crawl against a replayed Hub with its summary, a free rerun, --resume.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../cli/main";
import type { CliIo } from "../../cli/command";
import { openDatabase } from "../../db/open-database";
import { getLastRun } from "../../db/runs";
import { crawl } from "../../crawler/crawl";
import { connectHub } from "../../crawler/hub/connect-hub";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createSyntheticHub } from "../../replay/synthetic-hub";

function captureIo(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const texts = { out: "", err: "" };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (chunk: Buffer) => (texts.out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (texts.err += chunk.toString()));
  return { io: { stdout, stderr, env: {}, isTty: false }, stdout: () => texts.out, stderr: () => texts.err };
}

describe("crawl command", () => {
  let replay: HubReplay;
  let seed: string;
  let dir: string;
  beforeAll(async () => {
    const hub = createSyntheticHub({ models: 2000, seed: 9 });
    seed = hub.shape().largestFamilies[0].id;
    replay = await startHubReplay({ store: hub });
  });
  afterAll(() => replay.close());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "hf-lineage-crawl-cli-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [[]],
    [["--seed", "a/b", "--direction", "sideways"]],
    [["--seed", "a/b", "--depth", "0"]],
    [["--seed", "a/b", "--depth", "-1"]],
    [["--seed", "a/b", "--concurrency", "100000"]],
    [["--seed", "a/b", "--rate", "fast"]],
    [["--seed", "a/b", "--sweep", "--plan", "walk"]],
    [["--seed", "a b"]],
    [["--seed", "a/b", "--hub-url", "ftp://example.invalid"]],
  ])("refuses %j as a usage error", async (argv) => {
    const { io, stderr } = captureIo();
    expect(await main(["crawl", ...argv, "--db", join(dir, "x.db")], io)).toBe(2);
    expect(stderr()).toMatch(/^hf-lineage crawl: .+ \(see hf-lineage crawl --help\)\n$/);
  });

  it("names a seed the Hub does not know, and exits 1 when no seed exists at all", async () => {
    const db = join(dir, "lineage.db");
    const common = ["--db", db, "--hub-url", replay.url, "--rate", "100000/1"];
    const some = captureIo();
    expect(await main(["crawl", "--seed", seed, "--seed", "nobody/nothing-here", ...common], some.io)).toBe(0);
    expect(some.stdout()).toMatch(/seed not crawled: nobody\/nothing-here: the Hub does not know seed/);
    const none = captureIo();
    expect(await main(["crawl", "--seed", "nobody/nothing-at-all", ...common], none.io)).toBe(1);
    expect(none.stdout()).toContain("seed not crawled: nobody/nothing-at-all");
    expect(none.stderr()).toMatch(/hf-lineage crawl: none of the seeds exists on the Hub.*\n$/);
  });

  it("says the range a numeric flag takes", async () => {
    const { io, stderr } = captureIo();
    expect(await main(["crawl", "--seed", "a/b", "--depth", "-1", "--db", join(dir, "x.db")], io)).toBe(2);
    expect(stderr()).toContain('--depth takes a whole number of at least 1, got "-1"');
  });

  it("crawls, prints the plan and the figures, and a rerun asks only for the seed's record", async () => {
    const db = join(dir, "lineage.db");
    // A walk as asked: against this 2,000-model replay (its size said in X-Total-Count) a sweep is the cheaper.
    const args = ["crawl", "--seed", seed, "--plan", "walk", "--db", db, "--hub-url", replay.url, "--rate", "100000/1"];
    const first = captureIo();
    expect(await main(args, first.io)).toBe(0);
    expect(first.stdout()).toMatch(
      /^crawl done \(run 1\)\nplan: walk, as asked: .+, a sweep of 2,000 models \(the Hub's count\) about 2\nrequests: [\d,]+ \(0 retries\), models: [\d,]+, edges: [\d,]+, problems: \d+, time: \d+s\nbudget: api 100,000 per 1 s \(from --rate\): [\d,]+ requests, \d+% .+\n$/,
    );
    const models = Number(/models: ([\d,]+)/.exec(first.stdout())![1].replace(/,/g, ""));
    expect(models).toBeGreaterThan(20);

    replay.resetStats();
    const second = captureIo();
    expect(await main(args, second.io)).toBe(0);
    expect(replay.stats().requests).toBe(1);
    expect(second.stdout()).toMatch(/models: 1, edges: 0/);
  });

  it("--resume without seeds continues the last unfinished crawl, and says when there is none", async () => {
    const db = join(dir, "lineage.db");
    const none = captureIo();
    expect(await main(["crawl", "--resume", "--db", db, "--hub-url", replay.url], none.io)).toBe(1);
    expect(none.stderr()).toMatch(/no unfinished crawl to resume/);

    // A crawl whose connection breaks at its third listing fails, and --resume (no seeds) finishes it.
    const connection = connectHub({ hubUrl: replay.url, rate: "100000/1" }, {});
    let listings = 0;
    const breaking = {
      ...connection.hub,
      listChildrenPage: (id: string, cursor?: string | null) => {
        if (++listings === 3) throw new Error("connection reset");
        return connection.hub.listChildrenPage(id, cursor);
      },
    };
    const store = openDatabase(db);
    await expect(crawl({ seeds: [seed], plan: "walk", concurrency: 1 }, { db: store, hub: breaking })).rejects.toThrow(
      "connection reset",
    );
    store.close();
    const args = ["--db", db, "--hub-url", replay.url, "--rate", "100000/1"];
    const resumed = captureIo();
    expect(await main(["crawl", "--resume", ...args], resumed.io)).toBe(0);
    expect(resumed.stdout()).toMatch(/crawl done \(run 2, resuming run 1\)/);
    const after = openDatabase(db, { readonly: true });
    expect(getLastRun(after, "crawl")).toMatchObject({ status: "done", id: 2 });
    after.close();
  });
});
