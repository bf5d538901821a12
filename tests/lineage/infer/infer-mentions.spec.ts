// Tests of findMentions: links, bare ids, and what is not a model.
import { findMentions } from "../../../lineage/infer/infer-mentions";

describe("findMentions", () => {
  it("finds markdown, HTML and bare links, spanning the whole link", () => {
    const text =
      'See [Base](https://huggingface.co/org-a/base-7b) and <a href="https://hf.co/org-b/other">x</a> or ' +
      "https://huggingface.co/org-c/third.";
    const mentions = findMentions(text);
    expect(mentions.map((m) => [m.id, m.via])).toEqual([
      ["org-a/base-7b", "link"],
      ["org-b/other", "link"],
      ["org-c/third", "link"],
    ]);
    expect(text.slice(mentions[0].start, mentions[0].end)).toBe("[Base](https://huggingface.co/org-a/base-7b)");
  });

  it("finds bare ids that look like ids, not prose slashes", () => {
    const text =
      "Load `meta-llama/Llama-2-7b-hf` or TheBloke/Llama-2-7B-GGUF, on Linux/macOS, 1Gbit/s, and/or ViT-L/14.";
    expect(findMentions(text).map((m) => m.id)).toEqual(["meta-llama/Llama-2-7b-hf", "TheBloke/Llama-2-7B-GGUF"]);
  });

  it("does not take datasets, spaces, collections or other sites for models, nor the ids written in their links", () => {
    const text =
      "[org/data](https://huggingface.co/datasets/org/data) [s](https://huggingface.co/spaces/org-s/demo) " +
      "[c](https://huggingface.co/collections/Qwen/qwen25-1) [cg123/mergekit](https://github.com/cg123/mergekit) " +
      "[cdn](https://cdn-uploads.huggingface.co/production/uploads/x/y.png)";
    expect(findMentions(text)).toEqual([]);
  });

  it("marks bare ids whose owner part reads as a model name, and only those, as needing confirmation", () => {
    const text =
      "Built on Vista-LM-1.5b-base/Vista-LM-7b-base and org-a/base-7b, see " +
      "[x](https://huggingface.co/Pine2.5-org/linked).";
    expect(findMentions(text).map((m) => [m.id, m.needsConfirmation])).toEqual([
      ["Vista-LM-1.5b-base/Vista-LM-7b-base", true],
      ["org-a/base-7b", false],
      ["Pine2.5-org/linked", false],
    ]);
  });

  it("marks links into a repository's files", () => {
    const [mention] = findMentions("[LICENSE](https://huggingface.co/org-a/base-7b/blob/main/LICENSE)");
    expect(mention).toMatchObject({ id: "org-a/base-7b", isFile: true });
  });

  it("finds an owner-less legacy id written whole, not the family word alone nor a part of an owner's id", () => {
    // tabularisai/robust-sentiment-analysis: "This model is a fine-tuned version of `bert-base-uncased`".
    const text =
      "A fine-tuned version of `bert-base-uncased`; Language model: roberta-large. A BERT model, bert, " +
      "google-bert/bert-base-cased and deepset/roberta-base-squad2.";
    expect(findMentions(text).map((m) => m.id)).toEqual([
      "bert-base-uncased",
      "roberta-large",
      "google-bert/bert-base-cased",
      "deepset/roberta-base-squad2",
    ]);
  });
});
