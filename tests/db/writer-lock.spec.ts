// acquireWriterLock: one holder per database across connections and processes, waiting, and a holder killed -9.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireWriterLock, readHolder, WriterLockHeldError, writerLockPaths } from "../../db/writer-lock";

describe("acquireWriterLock", () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hf-lineage-writer-lock-"));
    dbPath = join(dir, "lineage.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a second holder at once, naming the first, until the first releases", async () => {
    const first = await acquireWriterLock(dbPath, { command: "hf-lineage watch" });
    expect(readHolder(writerLockPaths(dbPath).holder)).toMatchObject({ pid: process.pid, command: "hf-lineage watch" });
    const refused = await acquireWriterLock(dbPath, { command: "hf-lineage crawl" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WriterLockHeldError);
    expect((refused as WriterLockHeldError).holder).toMatchObject({ pid: process.pid, command: "hf-lineage watch" });
    first.release();
    first.release();
    expect(existsSync(writerLockPaths(dbPath).holder)).toBe(false);
    const second = await acquireWriterLock(dbPath, { command: "hf-lineage crawl" });
    expect(readHolder(writerLockPaths(dbPath).holder)?.command).toBe("hf-lineage crawl");
    second.release();
  });

  it("takes the lock of a database whose folder does not exist yet, creating the folder", async () => {
    const nested = join(dir, "data", "lineage.db");
    const lock = await acquireWriterLock(nested, { command: "hf-lineage crawl" });
    expect(readHolder(writerLockPaths(nested).holder)?.command).toBe("hf-lineage crawl");
    lock.release();
  });

  it("waits its turn when asked, telling once whom it waits for", async () => {
    const first = await acquireWriterLock(dbPath, { command: "first" });
    const waitedFor: (string | undefined)[] = [];
    let isAcquired = false;
    const second = acquireWriterLock(dbPath, {
      command: "second",
      wait: true,
      pollMs: 10,
      onWait: (holder) => waitedFor.push(holder?.command),
    }).then((lock) => {
      isAcquired = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAcquired).toBe(false);
    expect(waitedFor).toEqual(["first"]);
    first.release();
    (await second).release();
    expect(isAcquired).toBe(true);
  });

  it("stops waiting when the signal aborts", async () => {
    const first = await acquireWriterLock(dbPath, { command: "first" });
    const controller = new AbortController();
    const waiting = acquireWriterLock(dbPath, { command: "second", wait: true, pollMs: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toBeInstanceOf(WriterLockHeldError);
    first.release();
  });

  it("is free again at once when its holder is killed with SIGKILL, whatever note it left", async () => {
    // A child process takes the lock through the same module and reports it, then is killed mid-hold.
    const script = `require("tsx/cjs"); require(${JSON.stringify(require.resolve("../../db/writer-lock"))})
      .acquireWriterLock(${JSON.stringify(dbPath)}, { command: "hf-lineage watch" })
      .then(() => { process.stdout.write("held\\n"); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => chunk.includes("held") && resolve()),
    );
    const refused = await acquireWriterLock(dbPath, { command: "mine" }).catch((error: unknown) => error);
    expect((refused as WriterLockHeldError).holder?.pid).toBe(child.pid);
    const closed = new Promise((resolve) => child.on("close", resolve));
    child.kill("SIGKILL");
    await closed;
    expect(readHolder(writerLockPaths(dbPath).holder)?.pid).toBe(child.pid);
    const lock = await acquireWriterLock(dbPath, { command: "mine" });
    expect(readHolder(writerLockPaths(dbPath).holder)).toMatchObject({ pid: process.pid, command: "mine" });
    lock.release();
  }, 30_000);

  it("holds nothing for an in-memory database (no other process can write it), and leaves no file", async () => {
    const a = await acquireWriterLock(":memory:", { command: "a" });
    const b = await acquireWriterLock(":memory:", { command: "b" });
    expect([a.holder.command, b.holder.command]).toEqual(["a", "b"]);
    expect(existsSync(writerLockPaths(":memory:").lock)).toBe(false);
    a.release();
    b.release();
  });
});
