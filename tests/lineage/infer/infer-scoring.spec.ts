// Tests of the scoring: combining findings, demoting hints behind a named parent, relations, the card's kind.
import {
  cardKind,
  combine,
  decideRelation,
  demoteLessSpecific,
  summarizeEvidence,
  type Finding,
  type ScoredCandidate,
} from "../../../lineage/infer/infer-scoring";

const phrase = (weight: number, relation: Finding["relation"] = "finetune", extra: Partial<Finding> = {}): Finding => ({
  kind: "phrase",
  text: "t",
  weight,
  relation,
  ...extra,
});
const hint = (kind: string, weight: number, relation: Finding["relation"] = null): Finding => ({
  kind,
  text: kind,
  weight,
  relation,
});

function scored(id: string, findings: Finding[]): ScoredCandidate {
  return { id, findings, confidence: combine(findings) };
}

describe("combine", () => {
  it("reinforces independent kinds and counts repeats of a kind once", () => {
    expect(combine([hint("link", 0.2), hint("own-name", 0.6)])).toBe(0.68);
    expect(combine([hint("link", 0.2), hint("link", 0.2), hint("link", 0.2)])).toBe(0.2);
    expect(combine([])).toBe(0);
  });

  it("counts a family named in the prose and in the own id as one signal", () => {
    expect(combine([hint("family", 0.428), hint("family-name", 0.2)])).toBe(0.428);
    expect(combine([hint("family-name", 0.3), hint("link", 0.2)])).toBe(0.44);
  });
});

describe("demoteLessSpecific", () => {
  it("halves candidates held only by hints when another one is named outright", () => {
    const named = scored("a/named", [phrase(0.9)]);
    const family = scored("b/family", [hint("family", 0.72)]);
    demoteLessSpecific([named, family], null, 0.5);
    expect([named.confidence, family.confidence]).toEqual([0.9, 0.36]);
  });

  it("leaves a lone family resolution alone", () => {
    const family = scored("b/family", [hint("family", 0.72)]);
    demoteLessSpecific([family], null, 0.5);
    expect(family.confidence).toBe(0.72);
  });

  it("in a quantizer's card, quarters fine-tune claims behind the model that was quantized", () => {
    const source = scored("a/source", [phrase(0.9, null, { isSource: true })]);
    const copied = scored("b/base", [phrase(0.9)]);
    demoteLessSpecific([source, copied], "quantized", 0.5);
    expect([source.confidence, copied.confidence]).toEqual([0.9, 0.225]);
    // Without a named source, a quantizer's card keeps its claims.
    const alone = scored("b/base", [phrase(0.9)]);
    demoteLessSpecific([alone], "quantized", 0.5);
    expect(alone.confidence).toBe(0.9);
  });

  it("prefers the model's own intermediate (SFT -> DPO) over the base its card also names", () => {
    // HuggingFaceH4/starchat2-15b-v0.1: "fine-tuned version of [StarCoder2]" and "a fine-tuned version of
    // [starchat2-15b-sft-v0.1]".
    const base = scored("bigcode/starcoder2-15b", [phrase(0.96)]);
    const sft = scored("HuggingFaceH4/starchat2-15b-sft-v0.1", [phrase(0.92)]);
    demoteLessSpecific([base, sft], null, 0.5, "HuggingFaceH4/starchat2-15b-v0.1");
    expect([base.confidence, sft.confidence]).toEqual([0.192, 0.92]);
    // Two claims of other owners' models: nothing says which is the direct one.
    const a = scored("x/a-7b", [phrase(0.9)]);
    const b = scored("y/b-7b", [phrase(0.9)]);
    demoteLessSpecific([a, b], null, 0.5, "me/model-dpo");
    expect([a.confidence, b.confidence]).toEqual([0.9, 0.9]);
  });

  it("keeps the family the card names most often, and none on a tie", () => {
    const llama3 = scored("m/llama-3", [hint("family", 0.72), hint("family", 0.72)]);
    const llama2 = scored("m/llama-2", [hint("family", 0.72)]);
    demoteLessSpecific([llama3, llama2], null, 0.5);
    expect([llama3.confidence, llama2.confidence]).toEqual([0.72, 0.36]);
    const tied = [scored("a/x", [hint("family", 0.7)]), scored("b/y", [hint("family", 0.7)])];
    demoteLessSpecific(tied, null, 0.5);
    expect(tied.map((c) => c.confidence)).toEqual([0.35, 0.35]);
  });

  it("distrusts three or more one-parent claims, but not a merge's parents", () => {
    const claims = ["a/x", "b/y", "c/z"].map((id) => scored(id, [phrase(0.8)]));
    demoteLessSpecific(claims, null, 0.5);
    expect(claims.map((c) => c.confidence)).toEqual([0.4, 0.4, 0.4]);
    const merge = ["a/x", "b/y", "c/z"].map((id) => scored(id, [phrase(0.9, "merge", { severalAllowed: true })]));
    demoteLessSpecific(merge, "merge", 0.5);
    expect(merge.map((c) => c.confidence)).toEqual([0.9, 0.9, 0.9]);
  });
});

describe("decideRelation", () => {
  it("lets files and mergekit decide, then the card's kind over a generic fine-tune phrase", () => {
    expect(decideRelation([phrase(0.9), hint("adapter-config", 0.97, "adapter")], null)).toBe("adapter");
    expect(decideRelation([phrase(0.9)], "quantized")).toBe("quantized");
    expect(decideRelation([phrase(0.9, "merge")], "adapter")).toBe("merge");
    expect(decideRelation([phrase(0.9, null)], null)).toBe("finetune");
  });

  it("gives no relation to a model that is only linked", () => {
    expect(decideRelation([hint("link", 0.2)], "quantized")).toBeNull();
    expect(decideRelation([hint("benchmark", 0)], null)).toBeNull();
  });
});

describe("cardKind", () => {
  it("follows the project's relation rule on the card's own tags, library and id", () => {
    expect(cardKind({ tags: ["gguf"] }, "x/y", false)).toBe("quantized");
    expect(cardKind({ library_name: "peft" }, "x/y", false)).toBe("adapter");
    expect(cardKind({ tags: ["mergekit"] }, "x/y", false)).toBe("merge");
    expect(cardKind({}, "x/y-onnx", false)).toBe("quantized");
    expect(cardKind({}, "x/y", true)).toBe("adapter");
    expect(cardKind({ tags: ["text-generation"] }, "x/y", false)).toBeNull();
  });
});

describe("summarizeEvidence", () => {
  it("orders by weight, drops repeats and caps the list", () => {
    const findings = [
      hint("link", 0.2),
      phrase(0.9),
      hint("link", 0.2),
      ...Array.from({ length: 12 }, (_, i) => hint(`k${i}`, 0)),
    ];
    const evidence = summarizeEvidence(findings);
    expect(evidence[0]).toEqual({ kind: "phrase", text: "t" });
    expect(evidence.filter((e) => e.kind === "link")).toHaveLength(1);
    expect(evidence).toHaveLength(8);
  });
});
