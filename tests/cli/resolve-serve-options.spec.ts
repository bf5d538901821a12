// resolveServeOptions: where flags, environment and defaults put the server; bad values are usage errors.
import { UsageError } from "../../cli/command";
import { DEFAULT_HOST, DEFAULT_PORT, resolveServeOptions } from "../../cli/resolve-serve-options";
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
