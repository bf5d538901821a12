// Tests of splitBlocks: the block kinds, list lead-ins, table headers, sections and embedded original cards.
import { splitBlocks, stripHtmlComments } from "../../../lineage/infer/infer-markdown";

const CARD = [
  "# Model",
  "",
  "The following models were included in the merge:",
  "* [a/one](https://huggingface.co/a/one)",
  "* [b/two](https://huggingface.co/b/two)",
  "",
  "<!-- a comment naming c/three -->",
  "| Model | Score |",
  "|---|---|",
  "| x/y | 1 |",
  "",
  "```yaml",
  "models:",
  "  - model: a/one",
  "```",
  "## Base model",
  "[z/base](https://huggingface.co/z/base)",
  "",
  "# Original model card: Other",
  "This model is a fine-tune of [q/r](https://huggingface.co/q/r).",
].join("\n");

describe("splitBlocks", () => {
  const blocks = splitBlocks(CARD);

  it("cuts headings, prose, list items, table rows and code", () => {
    expect(blocks.map((b) => b.kind)).toEqual([
      "heading",
      "prose",
      "list-item",
      "list-item",
      "table-row",
      "table-row",
      "code",
      "heading",
      "prose",
      "heading",
      "prose",
    ]);
    expect(blocks.find((b) => b.kind === "code")).toMatchObject({ text: "models:\n  - model: a/one" });
  });

  it("gives list items their introducing line and table rows their header", () => {
    expect(blocks[2].leadIn).toBe("The following models were included in the merge:");
    expect(blocks[5]).toMatchObject({ text: "| x/y | 1 |", leadIn: "| Model | Score |" });
  });

  it("marks the first block of a section and everything after an original card heading", () => {
    expect(blocks[8]).toMatchObject({ heading: "Base model", opensSection: true, inOriginalCard: false });
    expect(blocks[10]).toMatchObject({ inOriginalCard: true });
    expect(blocks.slice(0, 9).every((b) => !b.inOriginalCard)).toBe(true);
  });

  it("drops HTML comments but keeps line numbers", () => {
    expect(blocks.some((b) => b.text.includes("c/three"))).toBe(false);
    expect(stripHtmlComments("a<!--\nx\n-->b").split("\n")).toHaveLength(3);
  });

  it("closes an unterminated code fence at the end", () => {
    expect(splitBlocks("text\n```\ncode").map((b) => b.kind)).toEqual(["prose", "code"]);
  });
});
