// The serve command: where flags, environment and defaults put the server, and a real listen/close cycle.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../cli/command";
import { DEFAULT_HOST, DEFAULT_PORT, resolveServeOptions, startServer } from "../../cli/commands/serve";
import { DEFAULT_DB_PATH } from "../../db/open-database";

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

  it.each([
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
});
