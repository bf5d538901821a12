// Tests of classifyContext: the phrases that make a mention a parent, and those that make it a mere mention.
import { classifyContext } from "../../../lineage/infer/infer-phrases";

describe("classifyContext", () => {
  it.each([
    ["This model is a fine-tuned version of ", "finetune"],
    ["This is a **DPO fine-tune** of ", "finetune"],
    ["Built on the open-source ", "finetune"],
    ["- **Finetuned from model:** ", "finetune"],
    ["This is a quantized version of ", "quantized"],
    ["GGUF quants of ", "quantized"],
    ["This is a merge of ", "merge"],
    ["A LoRA adapter for ", "adapter"],
    ["Original model: ", null],
    ["Модель основана на ", "finetune"],
    ["Este modelo está basado en el modelo ", "finetune"],
    ["The model is built by fine-tuning ", "finetune"],
    ["- **Initialized model:** ", "finetune"],
  ])("reads %j as a parent cue (%s)", (before, relation) => {
    expect(classifyContext(before, "")).toMatchObject({ role: "parent", relation });
  });

  it.each([
    ["It outperforms ", "benchmark"],
    ["Compared with ", "benchmark"],
    ["Quantized by ", "credit"],
    ["Special thanks to ", "credit"],
    ["See also ", "see-also"],
    ["A newer version of this model is ", "see-also"],
    ["GGUF versions: ", "see-also"],
    ["It was fine-tuned on ", "dataset"],
    ["It uses the same tokenizer as ", "usage"],
    ["Model card adapted from ", "usage"],
    ["Finetuned from §, which is based on ", "ancestor"],
    ["It is ultimately based on ", "ancestor"],
  ])("reads %j as a mere mention (%s)", (before, reason) => {
    expect(classifyContext(before, "")).toMatchObject({ role: "not-parent", reason });
  });

  it("lets the nearest cue win", () => {
    expect(classifyContext("Built on Qwen2.5, it outperforms ", "")).toMatchObject({
      role: "not-parent",
      reason: "benchmark",
    });
    expect(classifyContext("Unlike the models we compared, this is a fine-tuned version of ", "")).toMatchObject({
      role: "parent",
    });
  });

  it("refuses a cue whose object is another name or a new clause", () => {
    expect(classifyContext("We provide a GGUF version of Chat-8B-v2 at ", "")).toEqual({ role: "neutral" });
    expect(classifyContext("This is a fine-tuned version of this model, called ", "").role).not.toBe("parent");
    expect(classifyContext("based on our data and ", "")).toEqual({ role: "neutral" });
  });

  it("reads a cue whose sentence is about another model as that model's lineage, given the own name", () => {
    expect(classifyContext("Reasoner-Z-Mini-8B is derived from ", "", false, "Reasoner-Z")).toMatchObject({
      role: "not-parent",
      reason: "other-model",
    });
    expect(classifyContext("Reasoner-Z-Mini-8B is derived from ", "")).toMatchObject({ role: "parent" });
    expect(classifyContext("Reasoner-Z is derived from ", "", false, "Reasoner-Z")).toMatchObject({ role: "parent" });
  });

  it("anchors labels at the start of their line", () => {
    expect(classifyContext("Base model: ", "")).toMatchObject({ role: "parent" });
    expect(classifyContext("SOTA sentiment analysis foundation model: ", "")).toEqual({ role: "neutral" });
  });

  it("keeps only the first item of an enumeration after a one-parent cue at full weight", () => {
    const first = classifyContext("distilled from ", "");
    const later = classifyContext("distilled from §, ", "");
    expect(first.role === "parent" && later.role === "parent" && later.weight < first.weight).toBe(true);
    const merge = classifyContext("a merge of §, § and ", "");
    expect(merge).toMatchObject({ role: "parent", weight: 0.9 });
  });

  it("reads a component (vision encoder, tokenizer, projector, teacher) as not a parent", () => {
    expect(classifyContext("it uses the ", " as the vision encoder, which reads images.")).toMatchObject({
      role: "not-parent",
      reason: "component",
    });
    expect(classifyContext("The text encoder is initialized from ", "")).toMatchObject({
      role: "not-parent",
      reason: "component",
    });
    expect(classifyContext("For the tokenizer, we use the ", "")).toMatchObject({
      role: "not-parent",
      reason: "component",
    });
    expect(classifyContext("- Q-Former: embeds molecules into query tokens based on ", "")).toMatchObject({
      role: "not-parent",
      reason: "component",
    });
    expect(classifyContext("Teacher model: ", "")).toMatchObject({ role: "not-parent", reason: "component" });
    // The language model of a vision-language model stays its parent; so does a plain "backbone".
    expect(classifyContext("it uses ", " as the language model.")).toMatchObject({ role: "parent" });
    expect(classifyContext("with a vision encoder, it is fine-tuned from ", "")).toMatchObject({
      role: "parent",
      relation: "finetune",
    });
    // A component listed beside the weights does not make the cue about the component.
    expect(classifyContext("the weights, including the LoRA weights and projectors, based on ", "")).toMatchObject({
      role: "parent",
    });
  });

  it("reads cues after the mention", () => {
    expect(classifyContext("using ", " as a base.")).toMatchObject({ role: "parent", relation: "merge" });
    expect(classifyContext("# ", " AWQ")).toMatchObject({ role: "parent", relation: "quantized" });
    expect(classifyContext("It uses ", " as vision backbone.")).toMatchObject({ role: "parent" });
    expect(classifyContext("a version of ", ", fine-tuned on our data")).toMatchObject({ role: "parent", weight: 0.8 });
    expect(classifyContext("based on the ", " architecture")).toMatchObject({
      role: "not-parent",
      reason: "architecture",
    });
    expect(classifyContext("GGUF: ", " GPTQ: ")).toEqual({ role: "neutral" });
  });
});
