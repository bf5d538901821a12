// The serve command: where flags, environment and defaults put the server, and a real listen/close cycle.
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../cli/command";
import { DEFAULT_HOST, DEFAULT_PORT, resolveServeOptions, startServer } from "../../cli/commands/serve";
import { DEFAULT_DB_PATH } from "../../db/open-database";

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

describe("resolveServeOptions", () => {
  it("takes flags over the environment over the defaults", () => {
    expect(resolveServeOptions([], {})).toEqual({ dbPath: DEFAULT_DB_PATH, port: DEFAULT_PORT, host: DEFAULT_HOST });
    const env = { PORT: "8080", HOST: "0.0.0.0", HF_LINEAGE_DB: "/tmp/env.db" };
    expect(resolveServeOptions([], env)).toEqual({ dbPath: "/tmp/env.db", port: 8080, host: "0.0.0.0" });
    expect(resolveServeOptions(["--port", "9000", "--host", "::1", "--db", "/tmp/flag.db"], env)).toEqual({
      dbPath: "/tmp/flag.db",
      port: 9000,
      host: "::1",
    });
  });

  it("takes the public URL from --public-url, else PUBLIC_URL, else leaves it to the bound address", () => {
    expect(resolveServeOptions([], {}).publicUrl).toBeUndefined();
    expect(resolveServeOptions([], { PUBLIC_URL: "https://lineage.example.org" }).publicUrl).toBe(
      "https://lineage.example.org",
    );
    const flag = ["--public-url", "http://10.0.0.2:8080/lineage"];
    expect(resolveServeOptions(flag, { PUBLIC_URL: "https://x.example" }).publicUrl).toBe(flag[1]);
  });

  it.each([
    [["--public-url", "javascript:alert(1)"], {}],
    [["--public-url", "lineage.example.org"], {}],
    [["--public-url", "https://x.example/?a=1"], {}],
    [[], { PUBLIC_URL: "ftp://x.example" }],
    [["--port", "70000"], {}],
    [["--port", "-1"], {}],
    [["--port", "80x"], {}],
    [[], { PORT: "http" }],
    [["--host", ""], {}],
    [["--verbose"], {}],
  ])("refuses %j with env %j as a usage error", (argv, env) => {
    expect(() => resolveServeOptions(argv as string[], env)).toThrow(UsageError);
  });
});

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
