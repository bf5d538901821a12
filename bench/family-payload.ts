// Benchmark (not a test): server time and bytes of GET /api/graph/columnar for a whole synthetic family (issue 11's
// shape) of 10k, 50k, 150k and 300k derivatives: cold (first read of the lineage graph and layout), warm (cached
// bytes), and after a write, the layout carried over: a small one (3 new forks stored as the watcher stores them: the
// cached lineage graph is brought up to date from the change journal), the same with the graph read whole (the
// baseline: what every write cost before the journal), and a large one (2,000 forks in one transaction). Server time
// is until the answer's headers arrive (the body is handed to the socket whole); "read" adds receiving and reading
// every byte in this same process. Also, after one more small write, the graph update alone against reading the
// graph whole. Times after a write are the binary answer's (asked at once with the JSON, whose time is also given).
// Baseline, same run: a warm GET /api/stats. The binary form (format=binary): its bytes, a warm request,
// the server's encoding of the columns (binary against JSON, each with its ETag's hash) and the client's decoding in
// this process (decodeColumnarBinary against JSON.parse of the JSON answer; V8 either way).
// Run: npx tsx bench/family-payload.ts [--sizes 10000,50000,150000,300000] [--runs 5] [--large 2000]
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { decodeColumnarBinary } from "../client/src/columnar-binary";
import { getGraphSlice } from "../db/graph/get-graph-slice";
import { getLineageGraph } from "../db/graph/get-lineage-graph";
import { readLineageGraph } from "../db/graph/lineage-graph";
import { openDatabase } from "../db/open-database";
import { encodeColumnarBinary } from "../server/columnar-binary";
import { toColumnarSlice } from "../server/columnar-slice";
import { LIMITS } from "../server/contract/params";
import { createApp } from "../server/create-app";
import { median, readCount, readOption } from "./bench-options";
import { writeForks, writeForksReadWhole } from "./family-writes";
import { createSyntheticFamily, writeSyntheticFamily } from "./synthetic-family";

const NOW = "2026-12-01T00:00:00.000Z";
const ROOT = "Qwen/Synthetic-Base";
const TARGET_WARM_MS = 300;
const TARGET_AFTER_WRITE_MS = 2000;
/** A watcher poll's worth of new forks. */
const SMALL = 3;

async function timedGet(url: string): Promise<{ ms: number; readMs: number; bytes: number; body: ArrayBuffer }> {
  const start = performance.now();
  const response = await fetch(url);
  const ms = performance.now() - start;
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return { ms, readMs: performance.now() - start, bytes: body.byteLength, body };
}

/** Median milliseconds of `runs` calls of `work`. */
function timeMedian(runs: number, work: () => unknown): number {
  const ms: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

const sha1 = (bytes: Buffer) => createHash("sha1").update(bytes).digest("base64url");

async function main(): Promise<void> {
  const sizes = readOption("--sizes", "10000,50000,150000,300000").split(",").map(Number);
  const runs = readCount("--runs", 5);
  const large = readCount("--large", 2000);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
  console.log(`load average ${loadavg()[0].toFixed(1)} at start (the machine is shared: figures include waiting)`);
  for (const size of sizes) {
    const buildStart = performance.now();
    const db = openDatabase(":memory:");
    const family = createSyntheticFamily(ROOT, size);
    writeSyntheticFamily(db, family, NOW);
    const built = (performance.now() - buildStart) / 1000;
    const server = createApp({ db }).listen(0, "127.0.0.1");
    await new Promise<void>((done) => server.once("listening", done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/graph/columnar?root=${ROOT}`;
    const statsUrl = url.replace(/\/api\/graph\/columnar.*$/, "/api/stats");
    const binaryUrl = `${url}&format=binary`;
    // After a write, the binary answer (the web client's) and the JSON asked at once: the binary is ready first.
    const afterWrites = async (write: (run: number) => number, count: number) => {
      const ms: number[] = [];
      const read: number[] = [];
      const json: number[] = [];
      const writeMs: number[] = [];
      for (let run = 0; run < count; run++) {
        writeMs.push(write(run));
        const [timed, timedJson] = await Promise.all([timedGet(binaryUrl), timedGet(url)]);
        ms.push(timed.ms);
        read.push(timed.readMs);
        json.push(timedJson.ms);
      }
      return { ms: median(ms), read: median(read), json: median(json), write: median(writeMs) };
    };
    try {
      const cold = await timedGet(url);
      const warm: number[] = [];
      const warmRead: number[] = [];
      const baseline: number[] = [];
      await timedGet(statsUrl);
      for (let run = 0; run < runs; run++) {
        const { ms, readMs } = await timedGet(url);
        warm.push(ms);
        warmRead.push(readMs);
        baseline.push((await timedGet(statsUrl)).ms);
      }
      const small = await afterWrites((run) => writeForks(db, family, SMALL, `small-${run}`, NOW), runs);
      const whole = await afterWrites((run) => writeForksReadWhole(db, family, SMALL, `whole-${run}`, NOW), runs);
      const graphBefore = getLineageGraph(db);
      const big = await afterWrites((run) => writeForks(db, family, large, `large-${run}`, NOW), Math.min(runs, 2));
      const bigPath = getLineageGraph(db) === graphBefore ? "journal" : "read whole";
      // The graph step alone, after one more small write: brought up to date, against read whole.
      writeForks(db, family, SMALL, "split", NOW);
      const updateStart = performance.now();
      getLineageGraph(db);
      const updateMs = performance.now() - updateStart;
      const readStart = performance.now();
      readLineageGraph(db);
      const readMs = performance.now() - readStart;
      // The binary form: bytes and a warm request, then encoding (server) and decoding (client) against JSON.
      const binaryCold = await timedGet(binaryUrl);
      const binaryWarm: number[] = [];
      const binaryWarmRead: number[] = [];
      for (let run = 0; run < runs; run++) {
        const { ms, readMs } = await timedGet(binaryUrl);
        binaryWarm.push(ms);
        binaryWarmRead.push(readMs);
      }
      // The options of the request above (the route's defaults).
      const options = {
        up: LIMITS.graph.up,
        down: LIMITS.depth.max,
        relations: null,
        includeInferred: false,
        limit: LIMITS.graphColumnar.default,
      };
      const { columns } = toColumnarSlice(getGraphSlice(db, ROOT, options), null);
      const encodeJsonMs = timeMedian(runs, () => sha1(Buffer.from(JSON.stringify(columns))));
      const encodeBinaryMs = timeMedian(runs, () => sha1(encodeColumnarBinary(columns)));
      const jsonText = new TextDecoder().decode((await timedGet(url)).body);
      const parseJsonMs = timeMedian(runs, () => JSON.parse(jsonText));
      const decodeBinaryMs = timeMedian(runs, () => decodeColumnarBinary(binaryCold.body));
      const w = median(warm);
      const verdict = (ms: number, target: number) => (ms <= target ? "(met)" : "(NOT met)");
      console.log(
        `${size} derivatives: build ${built.toFixed(1)} s, ${(cold.bytes / 2 ** 20).toFixed(1)} MB; ` +
          `cold ${cold.ms.toFixed(0)} ms; warm ${w.toFixed(0)} ms ${verdict(w, TARGET_WARM_MS)} ` +
          `(read ${median(warmRead).toFixed(0)} ms); baseline /api/stats ${median(baseline).toFixed(1)} ms`,
      );
      console.log(
        `  binary: ${(binaryCold.bytes / 2 ** 20).toFixed(1)} MB (${((100 * binaryCold.bytes) / cold.bytes).toFixed(0)}% ` +
          `of the JSON); warm ${median(binaryWarm).toFixed(0)} ms (read ${median(binaryWarmRead).toFixed(0)} ms); ` +
          `encode + ETag ${encodeBinaryMs.toFixed(0)} ms vs JSON ${encodeJsonMs.toFixed(0)} ms ` +
          `(${(encodeJsonMs / encodeBinaryMs).toFixed(1)}x); decode ${decodeBinaryMs.toFixed(1)} ms vs JSON.parse ` +
          `${parseJsonMs.toFixed(0)} ms (${(parseJsonMs / decodeBinaryMs).toFixed(1)}x)`,
      );
      console.log(
        `  after a write of ${SMALL} forks (journal): ${small.ms.toFixed(0)} ms ${verdict(small.ms, TARGET_AFTER_WRITE_MS)} ` +
          `(read ${small.read.toFixed(0)} ms; JSON ${small.json.toFixed(0)} ms; the write ${small.write.toFixed(0)} ms)`,
      );
      console.log(
        `  after a write of ${SMALL} forks, graph read whole (baseline): ${whole.ms.toFixed(0)} ms ` +
          `(read ${whole.read.toFixed(0)} ms; JSON ${whole.json.toFixed(0)} ms); ratio ${(whole.ms / small.ms).toFixed(1)}x`,
      );
      console.log(
        `  after a write of ${large} forks (${bigPath}): ${big.ms.toFixed(0)} ms ${verdict(big.ms, TARGET_AFTER_WRITE_MS)} ` +
          `(read ${big.read.toFixed(0)} ms; JSON ${big.json.toFixed(0)} ms; the write ${big.write.toFixed(0)} ms)`,
      );
      console.log(
        `  graph step alone after a small write: brought up to date ${updateMs.toFixed(1)} ms, ` +
          `read whole ${readMs.toFixed(0)} ms   load ${loadavg()[0].toFixed(1)}`,
      );
    } finally {
      server.close();
      db.close();
    }
  }
  console.log(`targets: warm <= ${TARGET_WARM_MS} ms, after a write <= ${TARGET_AFTER_WRITE_MS} ms (150k family)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
