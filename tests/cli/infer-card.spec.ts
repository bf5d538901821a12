// Tests of `hf-lineage infer-card`: the JSON-lines contract, the own id, bad files, usage errors, the A.X 4.0 case.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_INFERENCE_THRESHOLD } from "../../lineage/infer/infer-lineage";
import { describeWithHubData, HUB_DATA } from "../helpers/hub-data";
import { failingStdout, jsonLines, runCli } from "../helpers/run-cli";

const FIXTURES = resolve(__dirname, "../fixtures/inference");

const run = (args: string[], stdout?: NodeJS.WritableStream) => runCli(["infer-card", ...args], { stdout });

interface Line {
  file: string;
  candidates: { id: string; relation: string | null; confidence: number; evidence: { kind: string; text: string }[] }[];
}

describe("infer-card command", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "infer-card-"));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("prints one line per file, in order, with exactly the contract's keys", async () => {
    const files = ["merge-mergekit.md", "false-friends.md"].map((f) => join(FIXTURES, f));
    const result = await run(["--json", ...files]);
    expect(result.code).toBe(0);
    const printed = jsonLines<Line>(result.stdout);
    expect(printed.map((l) => l.file)).toEqual(files);
    for (const line of printed) {
      expect(Object.keys(line)).toEqual(["file", "candidates"]);
      for (const c of line.candidates) {
        expect(Object.keys(c)).toEqual(["id", "relation", "confidence", "evidence"]);
        for (const e of c.evidence) expect(Object.keys(e)).toEqual(["kind", "text"]);
      }
    }
    const predicted = printed[0].candidates.filter((c) => c.confidence >= DEFAULT_INFERENCE_THRESHOLD).map((c) => c.id);
    expect(predicted.sort()).toEqual(["example-org/base-8b", "example-org/roleplay-8b", "other-org/math-8b"]);
    // Every candidate considered is listed, the dismissed ones too.
    expect(printed[1].candidates.length).toBeGreaterThan(5);
  });

  it("uses --id, or the owner_name.md file name, as the model's own id", async () => {
    const text =
      "# Model\n\nA fine-tuned version of [x/base](https://huggingface.co/x/base). Weights: " +
      "[me/model](https://huggingface.co/me/model).\n";
    const named = join(scratch, "me_model.md");
    writeFileSync(named, text);
    const other = join(scratch, "card.md");
    writeFileSync(other, text);
    const ids = async (args: string[]) =>
      jsonLines<Line>((await run(["--json", ...args])).stdout)[0].candidates.map((c) => c.id);
    expect(await ids([named])).toEqual(["x/base"]);
    expect(await ids(["--id", "me/model", other])).toEqual(["x/base"]);
    expect(await ids([other])).toEqual(["x/base", "me/model"]);
  });

  it("prints a file it cannot read with no candidates, warns on stderr, and goes on", async () => {
    const missing = join(scratch, "missing.md");
    const good = join(FIXTURES, "training-config.md");
    const result = await run(["--json", missing, "/dev/null", good]);
    expect(result.code).toBe(0);
    expect(jsonLines<Line>(result.stdout).map((l) => [l.file, l.candidates.length])).toEqual([
      [missing, 0],
      ["/dev/null", 0],
      [good, 1],
    ]);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).toContain("not a regular file");
  });

  it.each([
    [["card.md"], "--json is required"],
    [["--json"], "at least one card file"],
    [["--json", "--id", "a/b", "x.md", "y.md"], "exactly one FILE"],
    [["--json", "--id", "not an id", "x.md"], "--id takes a Hub model id"],
    [["--json", "--bogus", "x.md"], "bogus"],
  ])("exits 2 on the usage error %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n").pop()).toContain(message);
    expect(result.stdout).toBe("");
  });

  it("prints its help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`at or above\n              ${DEFAULT_INFERENCE_THRESHOLD}`);
  });

  it("stops quietly when the reader goes away", async () => {
    const closed = failingStdout("EPIPE");
    const file = join(FIXTURES, "training-config.md");
    const result = await run(["--json", file, file, file], closed);
    expect(result.code).toBe(0);
    expect(closed.writes).toBe(1);
  });
});

describeWithHubData("infer-card on the A.X 4.0 case study", () => {
  it("proposes a Qwen2.5-72B-line parent with its evidence and none of the benchmark competitors", async () => {
    const result = await run(["--json", resolve(HUB_DATA, "case-studies/skt_A.X-4.0.md")]);
    expect(result.code).toBe(0);
    const [line] = jsonLines<Line>(result.stdout);
    const predicted = line.candidates.filter((c) => c.confidence >= DEFAULT_INFERENCE_THRESHOLD);
    expect(predicted.map((c) => c.id)).toEqual([expect.stringMatching(/^Qwen\/Qwen2\.5-72B(-Instruct)?$/)]);
    expect(predicted[0].evidence[0].text).toContain("Built on the open-source");
    expect(line.candidates.map((c) => c.id).join(" ")).not.toMatch(/Qwen3|GPT-4o/i);
  });
});
