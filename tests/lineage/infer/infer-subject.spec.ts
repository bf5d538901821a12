// Tests of describesOtherModels: cues whose sentence is about sibling or child releases, not the card's own model.
import { describesOtherModels } from "../../../lineage/infer/infer-subject";

describe("describesOtherModels", () => {
  it.each([
    ["a sibling named with a size", "reasoner-z-mini-8b is "],
    ["several siblings", "reasoner-z-mini-3b, reasoner-z-mini-7b and reasoner-z-mini-14b are "],
    ["a release named after the own name", "reasoner-z-lite models are "],
    ["an earlier mention", "§ is a "],
  ])("reads %s as other models", (_what, head) => {
    expect(describesOtherModels(head, "Reasoner-Z")).toBe(true);
  });

  it.each([
    ["the own name", "reasoner-z is "],
    ["a shorter form of the own name", "vista-pro is constructed "],
    ["the own name among siblings", "reasoner-z-zero & reasoner-z are trained "],
    ["the model itself", "this model is a "],
    ["a pronoun", "it is "],
    ["words that name no model", "open-source models are "],
    ["a longer clause", "we release reasoner-z-mini-8b, which is "],
  ])("reads %s as the model itself or as no subject", (_what, head) => {
    expect(describesOtherModels(head, head.startsWith("vista") ? "Vista-Pro-7B" : "Reasoner-Z")).toBe(false);
  });
});
