// Profile (not a test): where the model page's time to its first interactive frame goes, phase by phase, in headless
// Chromium with software GL: the HTML, each script's download, the app's evaluation, the family's request, the graph,
// the renderer's mount and the first frame (performance marks and resource timing, ms since navigation start).
// Run: npm run -s build && npx tsx bench/first-frame-split.ts [--runs N (3)] [--sizes 10,1000]
//   [--client-dir DIR (dist/client): another build to compare]
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { PROBE_GLOBAL } from "../client/src/test-probe";
import { launchChromium } from "../tests/e2e/helpers/launch-chromium";
import { median, readCount, readOption } from "./bench-options";
import { serveFamilyPage } from "./serve-family-page";

const CLIENT_DIR = resolve(readOption("--client-dir", resolve(__dirname, "../dist/client")));
const ROOT = "Qwen/Synthetic-Base";

async function main(): Promise<void> {
  const runs = readCount("--runs", 3);
  const sizes = readOption("--sizes", "10,1000").split(",").map(Number);
  const browser = await launchChromium();
  try {
    console.log(`load average ${loadavg()[0].toFixed(1)} at start; client build: ${CLIENT_DIR}`);
    for (const size of sizes) {
      const { url, close } = await serveFamilyPage(ROOT, size, CLIENT_DIR);
      try {
        const samples: Record<string, number>[] = [];
        for (let run = 0; run < runs; run++) {
          const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
          const page = await context.newPage();
          await page.goto(url);
          await page.waitForFunction(
            (name) =>
              (globalThis as unknown as Record<string, { modelView?: { firstFrameAt: number | null } }>)[name]
                ?.modelView?.firstFrameAt != null,
            PROBE_GLOBAL,
            { timeout: 0, polling: 50 },
          );
          // A string, not a function: the page's timing types are the DOM's, which the bench's tsconfig lacks.
          samples.push(
            (await page.evaluate(`(() => {
              const out = {};
              const nav = performance.getEntriesByType("navigation")[0];
              out["html: response end"] = nav.responseEnd;
              out["html: dom interactive"] = nav.domInteractive;
              for (const entry of performance.getEntriesByType("resource")) {
                const path = new URL(entry.name).pathname.replace(/-[\\w-]{8}\\.(js|css)$/, ".$1");
                const name = path.startsWith("/api/") ? path.split("?")[0] : path;
                out[name + ": start"] = entry.startTime;
                out[name + ": end"] = entry.responseEnd;
              }
              for (const mark of performance.getEntriesByType("mark")) out[mark.name] = mark.startTime;
              for (const paint of performance.getEntriesByType("paint")) out[paint.name] = paint.startTime;
              return out;
            })()`)) as Record<string, number>,
          );
          await context.close();
        }
        console.log(
          `\n${size} derivatives, ${runs} runs, median ms since navigation start (load ${loadavg()[0].toFixed(1)})`,
        );
        const names = [...new Set(samples.flatMap((s) => Object.keys(s)))];
        const rows = names
          .map((name) => [name, median(samples.map((s) => s[name] ?? Number.NaN))] as const)
          .sort((a, b) => a[1] - b[1]);
        // Each run's figure too: a median row may come from another run than the row above it.
        for (const [name, value] of rows) {
          const each = samples.map((s) => (s[name] ?? Number.NaN).toFixed(0).padStart(6)).join("");
          console.log(`${value.toFixed(0).padStart(7)}  ${name.padEnd(48)}${each}`);
        }
      } finally {
        close();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
