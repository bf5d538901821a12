// startServer: a real listen/close cycle over a database file, Node's own rejections as JSON, links from the public
// URL.
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../app/start-server";

/** Sends raw bytes to the server and resolves with everything it answers before closing. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolveAnswer, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("close", () => resolveAnswer(answer));
    socket.on("error", reject);
  });
}

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
  it("answers requests Node itself refuses (bad syntax, huge headers) with the JSON error shape", async () => {
    const server = await startServer({ dbPath: join(dir, "lineage.db"), port: 0, host: "127.0.0.1" });
    try {
      const garbage = await rawExchange(server.url, "NOT HTTP AT ALL\r\n\r\n");
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(garbage.slice(garbage.indexOf("\r\n\r\n") + 4)).error.code).toBe("bad_request");
      const huge = await rawExchange(
        server.url,
        `GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      );
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(huge).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(huge.slice(huge.indexOf("\r\n\r\n") + 4)).error.code).toBe("headers_too_large");
      // The server still answers afterwards.
      expect((await fetch(`${server.url}/api/stats`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("builds the Atom feed's absolute links from its configured URL, never from the request's Host header", async () => {
    const bound = await startServer({ dbPath: join(dir, "a.db"), port: 0, host: "127.0.0.1" });
    const configured = await startServer({
      dbPath: join(dir, "b.db"),
      port: 0,
      host: "127.0.0.1",
      publicUrl: "https://lineage.example.org/",
    });
    try {
      const feed = async (url: string) =>
        (await fetch(`${url}/api/forks.atom`, { headers: { Host: "evil.example" } })).text();
      const own = await feed(bound.url);
      expect(own).toContain(`<link rel="self" type="application/atom+xml" href="${bound.url}/api/forks.atom"/>`);
      expect(own).not.toContain("evil.example");
      const set = await feed(configured.url);
      expect(set).toContain('href="https://lineage.example.org/api/forks.atom"');
      expect(set).not.toContain("evil.example");
    } finally {
      await bound.close();
      await configured.close();
    }
  });
});
