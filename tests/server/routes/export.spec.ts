// GET /api/export under load: other requests are answered while an export streams, a reader that does not read
// holds a bounded buffer and is cut off when idle, and exports beyond the cap are refused with 503.
import { mkdtempSync, rmSync } from "node:fs";
import { get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../../../db/open-database";
import { createApp } from "../../../server/create-app";

const MODELS = 40_000;

interface Reader {
  res: IncomingMessage;
  ended: Promise<"end" | "cut">;
}

/** Opens an export; the answer is left paused (nothing read) until the test reads it. */
function openExport(base: string, path = "/api/export?format=jsonl"): Promise<Reader> {
  return new Promise((resolveReader, reject) => {
    get(`${base}${path}`, { agent: false }, (res) => {
      res.pause();
      const ended = new Promise<"end" | "cut">((resolveEnd) => {
        res.on("end", () => resolveEnd("end"));
        res.on("close", () => resolveEnd(res.complete ? "end" : "cut"));
        res.on("error", () => resolveEnd("cut"));
      });
      resolveReader({ res, ended });
    }).on("error", reject);
  });
}

async function getJson(base: string, path: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
};

describe("GET /api/export under load", () => {
  let dir: string;
  let db: Db;
  let server: Server;
  let base: string;
  const answers: ServerResponse[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-export-load-"));
    db = openDatabase(join(dir, "lineage.db"));
    const insert = db.prepare("INSERT INTO models (id, author, downloads) VALUES (?, ?, ?)");
    db.transaction(() => {
      for (let i = 0; i < MODELS; i++) insert.run(`org-${i % 97}/a-rather-long-model-name-${i}`, `org-${i % 97}`, i);
    })();
    const app = createApp({ db, exportLimits: { maxExports: 2, idleMs: 3000 } });
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    server.on("request", (req, res: ServerResponse) => {
      if (req.url?.startsWith("/api/export")) answers.push(res);
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers other requests while an export streams to a fast reader", async () => {
    const reader = await openExport(base);
    let bytes = 0;
    reader.res.on("data", (chunk: Buffer) => (bytes += chunk.length));
    reader.res.resume();
    // Asked once the export is under way: an export that held the event loop would answer only after its end.
    await until(() => bytes > 0);
    const stats = await getJson(base, "/api/stats");
    const isExportStreaming = !answers[answers.length - 1].writableEnded;
    expect(stats.status).toBe(200);
    expect(isExportStreaming).toBe(true);
    expect(await reader.ended).toBe("end");
    expect(bytes).toBeGreaterThan(MODELS * 50);
  }, 60_000);

  it("holds a bounded buffer for a reader that stops reading, cuts it off when idle, and frees its slot", async () => {
    const reader = await openExport(base, "/api/export?format=graphml");
    const answer = answers[answers.length - 1];
    // Watched until the server gives up on the reader: writing stops once the socket is full (the server waits
    // for 'drain'), and what waits in this process stays about one chunk.
    let isDrainAwaited = false;
    let mostBuffered = 0;
    let isStatsAnswered = false;
    const watch = setInterval(() => {
      isDrainAwaited ||= answer.writableNeedDrain;
      mostBuffered = Math.max(mostBuffered, answer.writableLength);
    }, 5);
    try {
      await until(() => isDrainAwaited);
      isStatsAnswered = (await getJson(base, "/api/stats")).status === 200;
      await until(() => answer.destroyed);
      // A paused reader hears of the cut once it reads again: the answer ends incomplete.
      reader.res.resume();
      expect(await reader.ended).toBe("cut");
    } finally {
      clearInterval(watch);
    }
    expect(isStatsAnswered).toBe(true);
    expect(answer.writableEnded).toBe(false);
    expect(mostBuffered).toBeGreaterThan(0);
    expect(mostBuffered).toBeLessThanOrEqual(64 * 1024);
    const next = await openExport(base);
    expect(next.res.statusCode).toBe(200);
    next.res.resume();
    expect(await next.ended).toBe("end");
  }, 60_000);

  it("refuses an export beyond the cap with 503 and the JSON error shape, until a slot frees", async () => {
    const held = [await openExport(base), await openExport(base)];
    const refused = await getJson(base, "/api/export?format=csv");
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: "too_many_exports" } });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await getJson(base, "/api/stats")).status).toBe(200);
    held[0].res.destroy();
    await held[0].ended;
    let status = 0;
    while (status !== 200) {
      const again = await openExport(base);
      status = again.res.statusCode ?? 0;
      again.res.resume();
      await again.ended;
    }
    held[1].res.destroy();
  }, 60_000);
});
