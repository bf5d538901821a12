// Tests of readProse: list lead-ins, section headings, tables that name components, and families in prose.
import { splitBlocks } from "../../../lineage/infer/infer-markdown";
import { readProse } from "../../../lineage/infer/infer-prose";
import type { SizeClues } from "../../../lineage/infer/infer-families";

const NONE: SizeClues = { ownName: [], parameterPhrases: [], configByFamily: new Map(), prose: [] };

function read(
  body: string,
  selfId: string | null = "me/vision-1b",
  clues = NONE,
): Record<string, { kind: string; weight: number }[]> {
  const byId: Record<string, { kind: string; weight: number }[]> = {};
  for (const { id, finding } of readProse(splitBlocks(body), selfId, clues).findings) {
    byId[id] ??= [];
    byId[id].push({ kind: finding.kind, weight: finding.weight });
  }
  return byId;
}

describe("readProse", () => {
  it("applies a list's introducing line to its items", () => {
    const found = read(
      "The following models were included in the merge:\n\n* [a/one](https://huggingface.co/a/one)\n* bb-org/two-7b\n",
    );
    expect(found["a/one"]).toEqual([{ kind: "phrase", weight: expect.closeTo(0.874, 3) }]);
    expect(found["bb-org/two-7b"][0].kind).toBe("phrase");
  });

  it("reads 'fine-tuned on' a link to a model as its parent, and on a dataset or a bare id as data", () => {
    // wuqiong1/PA-RAG_Llama-2-7b-chat-hf: "This is a model fine-tuned on [Llama-2-7b-chat-hf](...) using PA-RAG."
    const found = read(
      "This is a model fine-tuned on [base-7b](https://huggingface.co/org-a/base-7b) using our method.\n\n" +
        "It was then fine-tuned on org-b/chat-pairs.",
    );
    expect(found["org-a/base-7b"]).toEqual([{ kind: "phrase", weight: 0.7 }]);
    expect(found["org-b/chat-pairs"]).toEqual([{ kind: "dataset", weight: 0 }]);
  });

  it("applies a 'Base model' heading to the first block under it", () => {
    const found = read(
      "## Base model\n\n[z/base](https://huggingface.co/z/base)\n\n## " +
        "Other\n\n[y/other](https://huggingface.co/y/other)\n",
    );
    expect(found["z/base"][0].kind).toBe("phrase");
    expect(found["y/other"]).toEqual([{ kind: "link", weight: 0.2 }]);
  });

  it("reads a component column only in the model's own row, and a 'Base model' row label", () => {
    const table = [
      "| Model | Vision Part | Language Part |",
      "|---|---|---|",
      "| vision-1b | [v/encoder](https://huggingface.co/v/encoder) | [l/llm-0.5b](https://huggingface.co/l/llm-0.5b) |",
      "| vision-8b | [v/encoder-big](https://huggingface.co/v/encoder-big) | " +
        "[l/llm-7b](https://huggingface.co/l/llm-7b) |",
      "",
      "| Base model | [z/base](https://huggingface.co/z/base) |",
    ].join("\n");
    const found = read(table);
    expect(found["v/encoder"]).toEqual([{ kind: "table-component", weight: 0.85 }]);
    expect(found["l/llm-0.5b"]).toEqual([{ kind: "table-component", weight: 0.85 }]);
    expect(found["l/llm-7b"]).toEqual([{ kind: "table", weight: 0 }]);
    expect(found["z/base"]).toEqual([{ kind: "phrase", weight: 0.9 }]);
  });

  it("halves a cue pointing at a file inside another repository", () => {
    const found = read(
      "This is a conversion of [the checkpoint](https://huggingface.co/c/collection/blob/main/model.pth).",
    );
    expect(found["c/collection"]).toEqual([{ kind: "phrase", weight: 0.425 }]);
  });

  it("resolves a family named after a cue, but not one inside a longer model name", () => {
    expect(
      read("It is based on Llama 2.", "me/x-13b", { ...NONE, ownName: ["13B"] })["meta-llama/Llama-2-13b-hf"],
    ).toEqual([{ kind: "family", weight: expect.closeTo(0.72, 2) }]);
    expect(read("Original model: Dolphin 2.1 Mistral 7B")).toEqual({});
  });
});
