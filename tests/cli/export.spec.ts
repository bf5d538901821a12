// export command: each format to stdout, --root/--inferred, HF_LINEAGE_DB, exit 1 on a missing database or root.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setParents } from "../../db/edges";
import { exportGraph } from "../../db/export/export";
import { upsertModels } from "../../db/models";
import { openDatabase } from "../../db/open-database";
import { NOW, link, modelRecord } from "../helpers/db-fixtures";
import { failingStdout, runCli } from "../helpers/run-cli";

const run = (argv: string[], env: NodeJS.ProcessEnv = {}, stdout?: NodeJS.WritableStream) =>
  runCli(["export", ...argv], { env, stdout });

describe("export command", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-export-"));
    path = join(dir, "lineage.db");
    const db = openDatabase(path);
    upsertModels(db, [modelRecord("Org/Base"), modelRecord("org/ft"), modelRecord("else/where")], NOW);
    setParents(db, "org/ft", "tag", [link("Org/Base", "finetune")], NOW);
    setParents(db, "org/ft", "inferred", [link("else/where", "adapter", "inferred", 0.7)], NOW);
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function expected(options: Parameters<typeof exportGraph>[1]): string {
    const db = openDatabase(path, { readonly: true });
    try {
      return [...exportGraph(db, options)].join("");
    } finally {
      db.close();
    }
  }

  it.each(["jsonl", "csv", "graphml", "gexf"] as const)("writes the %s export to stdout", async (format) => {
    const result = await run(["--db", path, "--format", format]);
    expect(result).toEqual({ code: 0, stdout: expected({ format }), stderr: "" });
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it("passes --root and --inferred through", async () => {
    const result = await run(["--db", path, "--format", "jsonl", "--root", "ORG/FT", "--inferred", "include"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected({ format: "jsonl", root: "ORG/FT", includeInferred: true }));
    expect(result.stdout).toContain('"source":"inferred"');
  });

  it("takes the database from HF_LINEAGE_DB when --db is absent", async () => {
    const result = await run(["--format", "csv"], { HF_LINEAGE_DB: path });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "parent,child,relation,source,confidence,sources\r\nOrg/Base,org/ft,finetune,tag,1,tag:finetune:1\r\n",
    );
  });

  it("fails (1) on a missing database without creating it", async () => {
    const missing = join(dir, "nope", "lineage.db");
    const result = await run(["--db", missing, "--format", "jsonl"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n").pop()).toContain(missing);
    expect(existsSync(missing)).toBe(false);
  });

  it("fails (1) on an unknown root", async () => {
    const result = await run(["--db", path, "--format", "jsonl", "--root", "nobody/nothing"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("nobody/nothing");
  });

  it.each([
    ["no --format", ["--db", "x.db"]],
    ["an unknown format", ["--format", "xml"]],
    ["an unknown --inferred", ["--format", "csv", "--inferred", "maybe"]],
    ["an empty --root", ["--format", "csv", "--root", ""]],
    ["an unknown option", ["--format", "csv", "--everything"]],
  ])("is a usage error (2) with %s", async (_name, argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^hf-lineage export: .+ \(see hf-lineage export --help\)\n$/);
  });

  it("prints its help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--format");
  });

  it("stops quietly when the reader closes the pipe", async () => {
    const closed = failingStdout("EPIPE");
    const result = await run(["--db", path, "--format", "jsonl"], {}, closed);
    expect(result.code).toBe(0);
  });

  it("runs from the bin with the real stdout", () => {
    const bin = resolve(__dirname, "../../bin/hf-lineage.js");
    const ok = spawnSync(process.execPath, [bin, "export", "--format", "jsonl", "--root", "org/ft"], {
      env: { ...process.env, HF_LINEAGE_DB: path },
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(expected({ format: "jsonl", root: "org/ft" }));
    const missing = spawnSync(process.execPath, [bin, "export", "--format", "jsonl", "--db", join(dir, "missing.db")], {
      encoding: "utf8",
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/missing\.db/);
  });
});
