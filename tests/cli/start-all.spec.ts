// `start --all` as a user runs it (the CLI in its own process, HF_ENDPOINT at a small synthetic Hub replay): it says
// the cost, sweeps the whole Hub in the background while serving, serves every model, watches for new ones, and
// exits 0 on Ctrl-C.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startHubReplay, type HubReplay } from "../../replay/hub-replay-server";
import { waitForText } from "../helpers/wait-for-text";

const BIN = resolve(__dirname, "../../bin/hf-lineage.js");
const MODELS = 2_500;

const waitFor = (read: () => string, pattern: RegExp, ms = 90_000) => waitForText(read, pattern, ms);

describe("start --all", () => {
  let replay: HubReplay;
  let dir: string;

  beforeAll(async () => {
    replay = await startHubReplay({ synthetic: { models: MODELS, seed: 9 } });
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-start-all-"));
  });

  afterAll(async () => {
    await replay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("sweeps the whole Hub in the background, serves every model, then watches", async () => {
    const child = spawn(process.execPath, [BIN, "start", "--all", "--db", join(dir, "lineage.db"), "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, HF_ENDPOINT: replay.url, HF_TOKEN: "" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    try {
      const [, url] = await waitFor(() => stderr, /serving (http:\/\/\S+)/);
      await waitFor(() => stderr, /crawling the whole Hub from /);
      await waitFor(() => stderr, /watching the Hub/);
      // The whole Hub by sweep, its size as the Hub said it, at one request per 1,000 models.
      expect(stderr).toMatch(/plan: sweep of the whole Hub, as asked \(--all\): 2,500 models \(the Hub's count\)/);
      // One listing record for the Hub's size, then three pages.
      expect(stderr).toMatch(/requests: 4 \(0 retries\), models: 2,500/);
      const stats = (await (await fetch(`${url}/api/stats`)).json()) as { models: { total: number; fetched: number } };
      expect(stats.models).toMatchObject({ total: MODELS, fetched: MODELS });
      for (const index of [0, MODELS - 1]) {
        expect((await fetch(`${url}/api/models/${replay.store.id(index)}`)).status).toBe(200);
      }
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
