// startServer: a real listen/close cycle over a database file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../app/start-server";

describe("startServer", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "hf-lineage-serve-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("listens, answers the API, and closes", async () => {
    const server = await startServer({ dbPath: join(dir, "lineage.db"), port: 0, host: "127.0.0.1" });
    const res = await fetch(`${server.url}/api/stats`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { models: { total: number } }).models.total).toBe(0);
    await server.close();
    await expect(fetch(`${server.url}/api/stats`)).rejects.toThrow();
  });

  it("fails when the port is taken", async () => {
    const first = await startServer({ dbPath: join(dir, "a.db"), port: 0, host: "127.0.0.1" });
    const port = Number(new URL(first.url).port);
    await expect(startServer({ dbPath: join(dir, "b.db"), port, host: "127.0.0.1" })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
