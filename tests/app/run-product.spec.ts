// The start/demo product loop: the server on the database, a background crawl then the watcher; without the Hub,
// one clear line and the server keeps serving.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { CliIo } from "../../app/cli-io";
import { runProduct, type ProductOptions } from "../../app/run-product";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { createSyntheticHub } from "../../replay/synthetic-hub";
import { waitForText } from "../helpers/wait-for-text";

function captureIo(): { io: CliIo; stderr: () => string } {
  let text = "";
  const stderr = new PassThrough();
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { io: { stdout: new PassThrough(), stderr, env: {}, isTty: false }, stderr: () => text };
}

const waitFor = (read: () => string, pattern: RegExp, ms = 30_000) => waitForText(read, pattern, ms);

describe("runProduct", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "hf-lineage-start-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function options(hubUrl: string, seeds: string[], signal: AbortSignal): ProductOptions {
    return {
      name: "start",
      serve: { dbPath: join(dir, "lineage.db"), port: 0, host: "127.0.0.1" },
      hub: { hubUrl, rate: "100000/1" },
      crawl: { seeds },
      watchIntervalMs: 60_000,
      signal,
    };
  }

  it("says that the Hub cannot be reached, names the next step and keeps serving", async () => {
    const { io, stderr } = captureIo();
    const controller = new AbortController();
    // Port 9 (discard) refuses connections on a machine without that service.
    const done = runProduct(options("http://127.0.0.1:9", ["Qwen/Qwen2.5-72B"], controller.signal), io);
    const [, url] = await waitFor(stderr, /serving (http:\/\/\S+)/);
    await waitFor(stderr, /cannot be reached/);
    const res = await fetch(`${url}/api/stats`);
    expect(res.status).toBe(200);
    controller.abort();
    await expect(done).resolves.toBe(0);
    // Serving, the line about the Hub, the next step, stopping: nothing else (no retries, no stack).
    const lines = stderr().trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^hf-lineage start: the Hub at http:\/\/127\.0\.0\.1:9 cannot be reached \(.+\); serving what the database holds \(0 models\)$/,
    );
    expect(lines[2]).toMatch(/npm run demo.*HF_ENDPOINT/);
  });

  describe("with a Hub", () => {
    let replay: HubReplay;
    let seed: string;
    beforeAll(async () => {
      const hub = createSyntheticHub({ models: 3000, seed: 5 });
      seed = hub.shape().largestFamilies[0].id;
      replay = await startHubReplay({ store: hub });
    });
    afterAll(() => replay.close());

    it("crawls the seeds in the background, serves them, then watches", async () => {
      const { io, stderr } = captureIo();
      const controller = new AbortController();
      const done = runProduct(options(replay.url, [seed], controller.signal), io);
      const [, url] = await waitFor(stderr, /serving (http:\/\/\S+)/);
      await waitFor(stderr, /watching the Hub/);
      expect(stderr()).toMatch(/crawl done/);
      const res = await fetch(`${url}/api/models/${seed}`);
      expect(res.status).toBe(200);
      const detail = (await res.json()) as { descendants: { total: number } };
      expect(detail.descendants.total).toBeGreaterThan(10);
      controller.abort();
      await expect(done).resolves.toBe(0);
    });
  });
});
