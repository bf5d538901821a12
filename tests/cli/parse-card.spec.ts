// Tests of `hf-lineage parse-card`: the JSON-lines contract, bad files, usage errors, and the whole real corpus.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { MAX_CARD_BYTES } from "../../lineage/card/parse-card";
import { describeWithHubData, HUB_DATA } from "../helpers/hub-data";
import { failingStdout, jsonLines, runCli } from "../helpers/run-cli";

const FIXTURES = resolve(__dirname, "../fixtures/cards");
const LINE_KEYS = [
  "file",
  "frontMatter",
  "baseModels",
  "relation",
  "relationSource",
  "license",
  "newVersion",
  "problems",
];

const run = (args: string[], stdout?: NodeJS.WritableStream) => runCli(["parse-card", ...args], { stdout });

describe("parse-card command", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "parse-card-"));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("prints one line per file, in order, with exactly the contract's keys", async () => {
    const files = ["new-version.md", "local-paths.md", "no-front-matter.md"].map((f) => join(FIXTURES, f));
    const result = await run(["--json", ...files]);
    expect(result.code).toBe(0);
    const printed = jsonLines(result.stdout);
    expect(printed.map((l) => l.file)).toEqual(files);
    for (const line of printed) expect(Object.keys(line)).toEqual(LINE_KEYS);
    expect(printed[0]).toEqual({
      file: files[0],
      frontMatter: true,
      baseModels: ["example-org/base-7b"],
      relation: "finetune",
      relationSource: "rule",
      license: null,
      newVersion: "example-org/model-v2",
      problems: [],
    });
    expect(printed[2]).toMatchObject({ frontMatter: false, baseModels: [], relation: null, relationSource: null });
  });

  it("reads the *.md files directly inside a folder argument, in name order", async () => {
    const folder = join(scratch, "folder-arg");
    mkdirSync(join(folder, "nested"), { recursive: true });
    writeFileSync(join(folder, "b.md"), "---\nbase_model: example-org/base-b\n---\n");
    writeFileSync(join(folder, "a.md"), "---\nbase_model: example-org/base-a\n---\n");
    writeFileSync(join(folder, "notes.txt"), "not a card");
    writeFileSync(join(folder, "nested", "c.md"), "---\nbase_model: example-org/base-c\n---\n");
    const single = join(FIXTURES, "legacy-id.md");
    const result = await run(["--json", folder, single]);
    expect(result.code).toBe(0);
    const printed = jsonLines(result.stdout);
    expect(printed.map((l) => l.file)).toEqual([join(folder, "a.md"), join(folder, "b.md"), single]);
    expect(printed[0].baseModels).toEqual(["example-org/base-a"]);
  });

  it("prints problems as {kind, message} objects", async () => {
    const [line] = jsonLines((await run(["--json", join(FIXTURES, "broken-yaml.md")])).stdout);
    expect(line.problems).toEqual([{ kind: "yaml-error", message: expect.stringContaining("not valid YAML") }]);
  });

  it("gives unreadable, binary and huge files a line with a problem, and still exits 0", async () => {
    const binary = join(scratch, "binary.md");
    writeFileSync(binary, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x00]));
    const huge = join(scratch, "huge.md");
    writeFileSync(huge, `---\nbase_model: org/x\n---\n${"x".repeat(MAX_CARD_BYTES)}`);
    const missing = join(scratch, "missing.md");
    const result = await run(["--json", missing, "/dev/null", binary, huge, join(FIXTURES, "adapter.md")]);
    expect(result.code).toBe(0);
    const printed = jsonLines(result.stdout);
    expect(printed.map((l) => (l.problems as Array<{ kind: string }>).map((p) => p.kind))).toEqual([
      ["unreadable"],
      ["unreadable"],
      ["binary"],
      ["too-large"],
      [],
    ]);
    for (const line of printed.slice(0, 4))
      expect(line).toMatchObject({ frontMatter: false, baseModels: [], relation: null });
    expect(printed[4]).toMatchObject({ baseModels: ["example-org/base-7b"], relation: "adapter" });
  });

  it.each([
    [["--json"], /at least one card file/],
    [[join(FIXTURES, "adapter.md")], /--json is required/],
    [["--json", "--yaml", join(FIXTURES, "adapter.md")], /yaml/],
  ])("exits 2 on the usage error %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^hf-lineage parse-card: .+ \(see hf-lineage parse-card --help\)\n$/);
  });

  it("goes on past the cards that once crashed the parser (an alias cycle, a colon flood) and exits 0", async () => {
    const cycle = join(scratch, "alias-cycle.md");
    const flood = join(scratch, "colon-flood.md");
    const after = join(FIXTURES, "new-version.md");
    writeFileSync(cycle, "---\nbase_model: &a [*a]\n---\n# x\n");
    writeFileSync(flood, `---\nbase_model:\n- a${": ".repeat(2000)}\n---\n# x\n`);
    const result = await run(["--json", cycle, flood, after]);
    expect(result.code).toBe(0);
    const printed = jsonLines(result.stdout);
    expect(printed.map((l) => l.file)).toEqual([cycle, flood, after]);
    expect(printed.slice(0, 2).map((l) => (l.problems as { kind: string }[]).map((p) => p.kind))).toEqual([
      ["yaml-too-complex"],
      ["yaml-too-complex"],
    ]);
  });

  it("prints its --help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--json");
    expect(result.stdout).toContain("relationSource");
  });

  it("stops quietly when the reader closes the pipe, and fails on any other output error", async () => {
    const files = Array(50).fill(join(FIXTURES, "adapter.md"));
    expect((await run(["--json", ...files], failingStdout("EPIPE"))).code).toBe(0);
    const other = await run(["--json", ...files], failingStdout("ENOSPC"));
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("ENOSPC");
  });
});

describeWithHubData("parse-card command on all of ../shared/hub-data cards and cards-edge-cases", () => {
  it("prints 2,747 lines through the real bin and exits 0", async () => {
    const files = ["cards", "cards-edge-cases"].flatMap((dir) =>
      readdirSync(join(HUB_DATA, dir))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => join(HUB_DATA, dir, f)),
    );
    // Run without a shell: the 2,747 paths exceed what `npm run` can hand to sh (see the command's --help).
    const bin = resolve(__dirname, "../../bin/hf-lineage.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "parse-card", "--json", ...files], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const printed = jsonLines(stdout);
    expect(printed).toHaveLength(2747);
    expect(printed.map((l) => l.file)).toEqual(files);
    expect(printed.filter((l) => (l.baseModels as string[]).length > 0)).toHaveLength(403 + 3);
    expect(printed.filter((l) => (l.problems as unknown[]).length > 0)).toHaveLength(11 + 1);
  });
});
