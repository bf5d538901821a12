// The watch command's line: intervals and usage errors (exit 2).
import { main } from "../../cli/main";
import { parseInterval } from "../../cli/commands/watch";
import { UsageError } from "../../cli/command";

function captureIo() {
  const out = { stdout: "", stderr: "" };
  const stream = (key: "stdout" | "stderr") =>
    ({
      write: (text: string) => {
        out[key] += text;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  return { out, io: { stdout: stream("stdout"), stderr: stream("stderr"), env: {}, isTty: false } };
}

describe("parseInterval", () => {
  it.each([
    ["10m", 600_000],
    ["30s", 30_000],
    ["1h", 3_600_000],
    ["90", 90_000],
    ["1500ms", 1500],
  ])("reads %s", (text, ms) => {
    expect(parseInterval(text)).toBe(ms);
  });
  it.each(["0s", "999ms", "-5m", "1.5h", "10 minutes", "", "9".repeat(30)])("refuses %j", (text) => {
    expect(() => parseInterval(text)).toThrow(UsageError);
  });
  it("takes 0 for --changes-every (every poll), but no other duration under 1s", () => {
    expect(parseInterval("0", "--changes-every", 0)).toBe(0);
    expect(parseInterval("2h", "--changes-every", 0)).toBe(7_200_000);
    expect(() => parseInterval("500ms", "--changes-every", 0)).toThrow(UsageError);
  });
});

describe("watch command", () => {
  it.each([
    [["--interval", "soon"], "--interval"],
    [["--changes-every", "-1"], "--changes-every"],
    [["--track", "a/b/c"], "--track"],
    [["--webhook", "ftp://example.invalid/hook"], "webhook URL"],
    [["--hub-url", "not a url"], "Hub URL"],
    [["--bogus"], "bogus"],
  ])("exits 2 on %j, naming the problem", async (args, needle) => {
    const { out, io } = captureIo();
    expect(await main(["watch", ...args, "--db", ":memory:"], io)).toBe(2);
    expect(out.stderr.trim().split("\n").at(-1)).toContain(needle);
  });

  it("prints its help", async () => {
    const { out, io } = captureIo();
    expect(await main(["watch", "--help"], io)).toBe(0);
    expect(out.stdout).toContain("Usage: hf-lineage watch");
  });
});
