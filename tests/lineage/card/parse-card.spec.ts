// Tests of parseCard and readCardData: every edge case of ../shared/hub-data/README.md with our own small fixtures,
// then the figures measured on the real cards (skipped, loudly, when ../shared/hub-data is absent).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_CARD_BYTES, parseCard, readCardData, type ParsedCard } from "../../../lineage/card/parse-card";
import { splitFrontMatter } from "../../../lineage/card/split-front-matter";
import { describeWithHubData, HUB_DATA } from "../../helpers/hub-data";

const FIXTURES = join(__dirname, "../../fixtures/cards");

function fixture(name: string): ParsedCard {
  return parseCard(readFileSync(join(FIXTURES, name), "utf8"));
}

function kinds(card: { problems: { kind: string }[] }): string[] {
  return card.problems.map((p) => p.kind);
}

describe("parseCard", () => {
  it("reads lineage, successor, license, datasets and languages from the front matter", () => {
    expect(fixture("new-version.md")).toEqual({
      frontMatter: true,
      baseModels: ["example-org/base-7b"],
      relation: "finetune",
      relationSource: "rule",
      license: null,
      newVersion: "example-org/model-v2",
      datasets: ["example-org/chat-data"],
      language: ["en"],
      problems: [],
    });
  });

  it("never makes new_version a parent", () => {
    const card = parseCard("---\nnew_version: org/v2\n---\n");
    expect(card.baseModels).toEqual([]);
    expect(card.relation).toBeNull();
    expect(card.newVersion).toBe("org/v2");
  });

  it("drops local paths, foreign URLs, empty values and non-strings, keeps Hub ids and legacy ids", () => {
    const card = fixture("local-paths.md");
    expect(card.baseModels).toEqual(["Example-Org/Base-Model", "roberta-large"]);
    expect(kinds(card)).toEqual([
      ...Array(7).fill("base-model-local-path"),
      "base-model-foreign-url",
      "base-model-not-a-string",
    ]);
    expect(card.problems[0].message).toContain("/home/alice/checkpoints/llama-7b");
    expect(card.relation).toBe("merge");
  });

  it("keeps a legacy one-part id", () => {
    expect(fixture("legacy-id.md")).toMatchObject({
      baseModels: ["roberta-large"],
      relation: "finetune",
      problems: [],
    });
  });

  it("reads `base_model: []` as no parent, and ignores base_model lines in the body's code blocks", () => {
    expect(fixture("empty-list-merge.md")).toMatchObject({
      frontMatter: true,
      baseModels: [],
      relation: null,
      relationSource: null,
      problems: [],
    });
  });

  it("ignores base_model lines in the body of a card without front matter", () => {
    expect(fixture("no-front-matter.md")).toMatchObject({
      frontMatter: false,
      baseModels: [],
      relation: null,
      problems: [],
    });
  });

  it("ignores a second front-matter block", () => {
    expect(fixture("two-blocks.md")).toMatchObject({ frontMatter: true, baseModels: [], license: "mit", problems: [] });
  });

  it("records broken YAML as a problem, with the parser's message", () => {
    const card = fixture("broken-yaml.md");
    expect(card).toMatchObject({ frontMatter: true, baseModels: [], relation: null, license: null });
    expect(kinds(card)).toEqual(["yaml-error"]);
    expect(card.problems[0].message).toMatch(/quote/i);
  });

  it("records a front matter that is not a mapping", () => {
    const card = fixture("not-a-mapping.md");
    expect(card).toMatchObject({ frontMatter: true, baseModels: [] });
    expect(kinds(card)).toEqual(["front-matter-not-a-mapping"]);
    expect(kinds(parseCard("---\njust a string\n---\n"))).toEqual(["front-matter-not-a-mapping"]);
  });

  it("reads a front matter after a blank line with \\r\\r\\n line ends, as the Hub does", () => {
    expect(fixture("blank-line-crcrlf.md")).toMatchObject({
      frontMatter: true,
      baseModels: ["example-org/base"],
      license: "mit",
    });
  });

  it("takes a valid base_model_relation as stated by the card", () => {
    expect(fixture("declared-relation.md")).toMatchObject({
      baseModels: ["Example-Org/Instruct-7B"],
      relation: "quantized",
      relationSource: "card",
    });
  });

  it("applies the rule when base_model_relation is missing or not one of the four, and says so", () => {
    expect(fixture("adapter.md")).toMatchObject({ relation: "adapter", relationSource: "rule" });
    const card = parseCard("---\nbase_model: org/base\nbase_model_relation: distillation\n---\n");
    expect(card).toMatchObject({ relation: "finetune", relationSource: "rule" });
    expect(kinds(card)).toEqual(["invalid-relation"]);
  });

  it("takes the relation of the card's own base_model:<relation>:<parent> tag naming a declared parent", () => {
    const tagged = "---\nbase_model: Org/Base\ntags:\n- base_model:adapter:org/base\n---\n";
    expect(parseCard(tagged)).toMatchObject({ relation: "adapter", relationSource: "card" });
    const otherParent = "---\nbase_model: org/base\ntags:\n- base_model:adapter:org/elsewhere\n---\n";
    expect(parseCard(otherParent)).toMatchObject({ relation: "finetune", relationSource: "rule" });
  });

  it("looks for rule markers in the context's id, tags and library", () => {
    const text = "---\nbase_model: org/base\n---\n";
    expect(parseCard(text).relation).toBe("finetune");
    expect(parseCard(text, { id: "someone/base-GGUF" }).relation).toBe("quantized");
    expect(parseCard(text, { tags: ["lora"] }).relation).toBe("adapter");
    expect(parseCard(text, { libraryName: "peft" }).relation).toBe("adapter");
  });

  it("drops a base_model naming the model itself", () => {
    const card = parseCard("---\nbase_model:\n- Org/Model\n- org/base\n---\n", { id: "org/model" });
    expect(card.baseModels).toEqual(["org/base"]);
    expect(kinds(card)).toEqual(["self-parent"]);
  });

  it("records a new_version that is not a Hub id and keeps none", () => {
    const card = parseCard("---\nnew_version: /home/me/v2\n---\n");
    expect(card.newVersion).toBeNull();
    expect(kinds(card)).toEqual(["invalid-new-version"]);
  });

  it("takes the first license of a list and distinct datasets and languages", () => {
    const card = parseCard("---\nlicense: [mit, apache-2.0]\ndatasets: [a/b, a/b, 7, c]\nlanguage: fr\n---\n");
    expect(card).toMatchObject({ license: "mit", datasets: ["a/b", "c"], language: ["fr"] });
  });

  it("reads empty input and an empty front matter as declaring nothing", () => {
    expect(parseCard("")).toMatchObject({ frontMatter: false, baseModels: [], problems: [] });
    expect(parseCard("---\n---\nbody")).toMatchObject({ frontMatter: true, baseModels: [], problems: [] });
  });

  it("records an unclosed front matter", () => {
    expect(parseCard("---\nbase_model: org/x\n# never closed")).toMatchObject({ frontMatter: false, baseModels: [] });
    expect(kinds(parseCard("---\nbase_model: org/x\n"))).toEqual(["unclosed-front-matter"]);
  });

  it("refuses binary and huge input with a problem, never a throw", () => {
    expect(kinds(parseCard("---\nbase_model: org/x\n---\n\u0000\u0001"))).toEqual(["binary"]);
    const huge = `---\nbase_model: org/x\n---\n${"x".repeat(MAX_CARD_BYTES)}`;
    expect(parseCard(huge)).toMatchObject({ baseModels: [], problems: [{ kind: "too-large" }] });
    expect(kinds(parseCard(42 as unknown as string))).toEqual(["not-text"]);
  });

  it("survives a YAML alias bomb", () => {
    const lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"];
    const names = "bcdefghij";
    for (let i = 0; i < names.length; i++) {
      const prev = i === 0 ? "a" : names[i - 1];
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const card = parseCard([...lines, "base_model: org/x", "---"].join("\n"));
    expect(card.baseModels).toEqual([]);
    expect(kinds(card)).toEqual(["yaml-error"]);
  });
});

describe("readCardData", () => {
  it("reads a metadata mapping such as a Hub record's cardData", () => {
    expect(readCardData({ base_model: ["org/a", "org/b"], license: "mit" })).toMatchObject({
      baseModels: ["org/a", "org/b"],
      relation: "merge",
      relationSource: "rule",
      license: "mit",
    });
  });
});

interface CorpusFigures {
  files: number;
  noFrontMatter: number;
  withParent: number;
  several: number;
  parentLinks: number;
  legacyParent: number;
  relations: Record<string, number>;
  relationSources: Record<string, number>;
  newVersion: number;
  problems: Record<string, number>;
  bodyOnlyBaseModelLines: number;
  bodyOnlyBaseModelLinesWithParent: number;
}

function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function measureCards(dir: string): CorpusFigures {
  const figures: CorpusFigures = {
    files: 0,
    noFrontMatter: 0,
    withParent: 0,
    several: 0,
    parentLinks: 0,
    legacyParent: 0,
    relations: {},
    relationSources: {},
    newVersion: 0,
    problems: {},
    bodyOnlyBaseModelLines: 0,
    bodyOnlyBaseModelLinesWithParent: 0,
  };
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
    const text = readFileSync(join(dir, name), "utf8");
    const card = parseCard(text);
    figures.files++;
    if (!card.frontMatter) figures.noFrontMatter++;
    if (card.baseModels.length > 0) figures.withParent++;
    if (card.baseModels.length > 1) figures.several++;
    figures.parentLinks += card.baseModels.length;
    if (card.baseModels.some((id) => !id.includes("/"))) figures.legacyParent++;
    if (card.relation) tally(figures.relations, card.relation);
    if (card.relationSource) tally(figures.relationSources, card.relationSource);
    if (card.newVersion) figures.newVersion++;
    for (const problem of card.problems) tally(figures.problems, problem.kind);
    const split = splitFrontMatter(text);
    if (/^\s*base_model:/m.test(split.body) && !/^\s*base_model:/m.test(split.frontMatter ?? "")) {
      figures.bodyOnlyBaseModelLines++;
      if (card.baseModels.length > 0) figures.bodyOnlyBaseModelLinesWithParent++;
    }
  }
  return figures;
}

describeWithHubData("parseCard on the real cards of ../shared/hub-data/cards", () => {
  let figures: CorpusFigures;
  beforeAll(() => {
    figures = measureCards(join(HUB_DATA, "cards"));
  });

  it("reads every card", () => {
    expect(figures.files).toBe(2741);
  });

  // The README counts 400 cards with a Hub parent and 93 without front matter; it did not count the 15 cards
  // whose front matter follows a blank line (the Hub reads those), 3 of which declare a parent.
  it("finds the cards that declare a Hub parent, and those with several", () => {
    expect(figures.withParent).toBe(403);
    expect(figures.several).toBe(16);
    expect(figures.parentLinks).toBe(445);
    expect(figures.legacyParent).toBe(9);
  });

  it("gives each card with a parent one relation, stated by the card for 10 of them", () => {
    expect(figures.relations).toEqual({ finetune: 214, quantized: 128, adapter: 40, merge: 21 });
    expect(figures.relationSources).toEqual({ card: 10, rule: 393 });
  });

  it("counts cards without front matter, successors and problems", () => {
    expect(figures.noFrontMatter).toBe(78);
    expect(figures.newVersion).toBe(11);
    expect(figures.problems).toEqual({ "yaml-error": 10, "unclosed-front-matter": 1 });
  });

  it("takes no parent from base_model lines found only in a body", () => {
    expect(figures.bodyOnlyBaseModelLines).toBe(10);
    expect(figures.bodyOnlyBaseModelLinesWithParent).toBe(0);
  });
});

describeWithHubData("parseCard on ../shared/hub-data/cards-edge-cases", () => {
  const read = (name: string) => parseCard(readFileSync(join(HUB_DATA, "cards-edge-cases", name), "utf8"));

  it("relative local path: no parent, a recorded problem", () => {
    const card = read("relative-local-path.md");
    expect(card).toMatchObject({
      frontMatter: true,
      baseModels: [],
      relation: null,
      relationSource: null,
      license: "other",
    });
    expect(kinds(card)).toEqual(["base-model-local-path"]);
  });

  it("two front-matter blocks: only the first counts, so the absolute path in the second is never read", () => {
    expect(read("two-front-matter-blocks-absolute-path.md")).toMatchObject({
      frontMatter: true,
      baseModels: [],
      relation: null,
      license: "apache-2.0",
      problems: [],
    });
  });

  it("mergekit card with `base_model: []` and Windows paths in its body: no parent", () => {
    expect(read("merge-empty-base-model-windows-paths.md")).toMatchObject({
      frontMatter: true,
      baseModels: [],
      relation: null,
      relationSource: null,
      problems: [],
    });
  });

  it("clean LoRA adapter: adapter, as its own base_model:adapter: tag states", () => {
    expect(read("clean-adapter-qwen2.5-7b.md")).toMatchObject({
      baseModels: ["Qwen/Qwen2.5-7B"],
      relation: "adapter",
      relationSource: "card",
      problems: [],
    });
  });

  it("fine-tune of a 4-bit re-upload: a finetune, whatever its parent's name says", () => {
    expect(read("unsloth-quantized-parent.md")).toMatchObject({
      baseModels: ["unsloth/qwen2.5-0.5b-unsloth-bnb-4bit"],
      relation: "finetune",
      relationSource: "rule",
      license: "apache-2.0",
    });
  });

  it("GGUF of a fine-tune: quantized, from its quantized_by key", () => {
    expect(read("gguf-of-qwen2.5-coder-finetune.frontmatter-only.md")).toMatchObject({
      baseModels: ["rombodawg/Rombos-Coder-V2.5-Qwen-14b"],
      relation: "quantized",
      relationSource: "rule",
      license: "apache-2.0",
    });
  });
});
