// Benchmark (not a test): time from navigation to the first painted, interactive frame of the model view, for
// synthetic families of 1k, 5k and 20k models, in headless Chromium with software WebGL (SwiftShader).
// Run: npm run -s build && npx tsx bench/client-first-frame.ts [--runs N] [--sizes 1000,5000,20000]
import { cpus, loadavg, totalmem } from "node:os";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { PROBE_GLOBAL } from "../client/src/test-probe";
import { launchChromium } from "../tests/e2e/helpers/launch-chromium";
import { startStubServer } from "./stub-api-server";
import { createSyntheticFamily } from "./synthetic-family";

const CLIENT_DIR = resolve(__dirname, "../dist/client");
const PHASES = [
  "lineage:slice-fetched",
  "lineage:graph-laid-out",
  "lineage:sigma-mounted",
  "lineage:first-frame",
] as const;
const TARGET_20K_MS = 3000;

function readOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds since navigation start at which each phase mark was set. */
async function measure(page: Page, url: string): Promise<Record<(typeof PHASES)[number], number>> {
  await page.goto(url);
  await page.waitForFunction(
    (name) => {
      const probe = (globalThis as Record<string, unknown>)[name] as
        | { modelView: { firstFrameAt: number | null } | null }
        | undefined;
      return probe?.modelView?.firstFrameAt != null;
    },
    PROBE_GLOBAL,
    { timeout: 120_000 },
  );
  return page.evaluate(
    (phases) => {
      const perf = (
        globalThis as unknown as { performance: { getEntriesByName(name: string): { startTime: number }[] } }
      ).performance;
      return Object.fromEntries(phases.map((name) => [name, perf.getEntriesByName(name)[0]?.startTime ?? NaN]));
    },
    [...PHASES],
  ) as Promise<Record<(typeof PHASES)[number], number>>;
}

async function main(): Promise<void> {
  const runs = Number(readOption("--runs", "5"));
  const sizes = readOption("--sizes", "1000,5000,20000").split(",").map(Number);
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((size) => !Number.isInteger(size) || size < 2)) {
    throw new Error("usage: client-first-frame.ts [--runs N>=1] [--sizes N,N,...]");
  }
  const families = sizes.map((size) => createSyntheticFamily(`synthetic/family-${size}`, size));
  const server = await startStubServer(CLIENT_DIR, families);
  const browser = await launchChromium();
  try {
    const probePage = await browser.newPage();
    const renderer = await probePage.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { createElement(tag: string): { getContext(kind: string): unknown } } }
      ).document;
      const gl = doc.createElement("canvas").getContext("webgl2") as {
        getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
        getParameter(p: number): string;
      } | null;
      const info = gl?.getExtension("WEBGL_debug_renderer_info");
      return gl && info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : "no WebGL2";
    });
    await probePage.close();
    console.log(
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ` +
        `load average ${loadavg()[0].toFixed(1)} at start (software GL shares these cores)`,
    );
    console.log(`browser: headless Chromium ${browser.version()}, WebGL renderer: ${renderer} (software GL, no GPU)`);
    console.log(
      `viewport 1400x860, ${runs} runs per size (fresh page each run), API answered by a stub serving a pre-built slice`,
    );
    console.log(
      "size    first frame ms (median / min / max)   phases, median ms since navigation: fetched, laid out, sigma mounted",
    );
    let median20k: number | null = null;
    for (const size of sizes) {
      const samples: Record<(typeof PHASES)[number], number>[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
        const page = await context.newPage();
        samples.push(await measure(page, `${server.url}/model/synthetic/family-${size}`));
        await context.close();
      }
      const frames = samples.map((s) => s["lineage:first-frame"]);
      const phase = (name: (typeof PHASES)[number]) => median(samples.map((s) => s[name])).toFixed(0);
      if (size === 20000) median20k = median(frames);
      console.log(
        `${String(size).padEnd(7)} ${median(frames).toFixed(0).padStart(6)} / ${Math.min(...frames)
          .toFixed(0)
          .padStart(5)} / ${Math.max(...frames)
          .toFixed(0)
          .padStart(5)}` +
          `                  ${phase("lineage:slice-fetched")}, ${phase("lineage:graph-laid-out")}, ${phase("lineage:sigma-mounted")}`,
      );
    }
    console.log(`load average ${loadavg()[0].toFixed(1)} at the end`);
    if (median20k !== null) {
      console.log(
        `20k target <= ${TARGET_20K_MS} ms: ${median20k <= TARGET_20K_MS ? "met" : "NOT met"} (median ${median20k.toFixed(0)} ms)`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
