// The standalone launcher's argument parsing and its usage errors.
import { resolve } from "node:path";
import { parseHubReplayArgs, runHubReplayCli } from "../../replay/hub-replay-cli";
import { ReplayConfigError } from "../../replay/replay-errors";

function capture(): {
  io: { stdout: { write(t: string): void }; stderr: { write(t: string): void } };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (t) => out.push(t) }, stderr: { write: (t) => err.push(t) } }, out, err };
}

describe("parseHubReplayArgs", () => {
  test("defaults to ../shared/hub-data on port 7861", () => {
    const options = parseHubReplayArgs([], "/repo");
    expect(options).toMatchObject({ data: resolve("/repo", "../shared/hub-data"), port: 7861 });
    expect(options.synthetic).toBeUndefined();
  });

  test("reads the synthetic Hub, budgets, faults, cutoff and renames", () => {
    const options = parseHubReplayArgs(
      [
        "--synthetic",
        "20000",
        "--seed",
        "9",
        "--port",
        "0",
        "--rate",
        "20/2",
        "--resolve-rate",
        "100/300",
        "--retry-after",
        "never",
        "--error-rate",
        "0.1",
        "--delay",
        "5-50",
        "--fault-routes",
        "list,info",
        "--link-loop",
        "--cutoff",
        "2024-01-01",
        "--rename",
        "a/b=c/d",
        "--rename",
        "e=f/g",
        "--missing-status",
        "401",
      ],
      "/repo",
    );
    expect(options).toMatchObject({
      synthetic: { models: 20000, seed: 9 },
      port: 0,
      budget: {
        api: { requests: 20, windowSeconds: 2 },
        resolvers: { requests: 100, windowSeconds: 300 },
        retryAfter: "never",
      },
      faults: { serverErrorRate: 0.1, delayMs: [5, 50], routes: ["list", "info"], linkLoop: true },
      cutoff: "2024-01-01",
      renames: { "a/b": "c/d", e: "f/g" },
      missingRepoStatus: 401,
    });
    expect(options.data).toBeUndefined();
  });

  test("rejects contradictory or malformed values", () => {
    expect(() => parseHubReplayArgs(["--data", "x", "--synthetic", "5"], "/")).toThrow(ReplayConfigError);
    expect(() => parseHubReplayArgs(["--rate", "fast"], "/")).toThrow(ReplayConfigError);
    expect(() => parseHubReplayArgs(["--rename", "a"], "/")).toThrow(ReplayConfigError);
    expect(() => parseHubReplayArgs(["--error-rate", "lots"], "/")).toThrow(ReplayConfigError);
    expect(() => parseHubReplayArgs(["--no-such-flag"], "/")).toThrow();
  });
});

describe("runHubReplayCli", () => {
  test("--help prints the usage and exits 0; a bad flag prints it to stderr and exits 2", async () => {
    const help = capture();
    expect(await runHubReplayCli(["--help"], help.io)).toBe(0);
    expect(help.out.join("")).toContain("--synthetic N");
    const bad = capture();
    expect(await runHubReplayCli(["--retry-after", "sometimes"], bad.io)).toBe(2);
    expect(bad.err.join("")).toMatch(/retry-after/);
    const unstartable = capture();
    expect(await runHubReplayCli(["--synthetic", "10", "--error-rate", "3"], unstartable.io)).toBe(2);
    expect(unstartable.err.join("")).toMatch(/faults\.serverErrorRate/);
  });
});
