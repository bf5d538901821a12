// describeForkPlace: the relation and the depth in words, never "a new quantized of".
import { describeForkPlace, relationNoun } from "../../server/describe-fork";

describe("relationNoun", () => {
  it.each([
    ["finetune", "a fine-tune"],
    ["adapter", "an adapter"],
    ["quantized", "a quantization"],
    ["merge", "a merge"],
    [null, "a derivative"],
  ] as const)("names %s as %s", (relation, noun) => {
    expect(relationNoun(relation)).toBe(noun);
  });
});

describe("describeForkPlace", () => {
  it("calls a depth-1 fork a direct child of the root", () => {
    expect(describeForkPlace("finetune", 1, "org/Base")).toBe("a direct fine-tune of org/Base");
    expect(describeForkPlace("adapter", 1, "org/Base")).toBe("a direct adapter of org/Base");
  });

  it("says the family and the generations for a deeper fork", () => {
    expect(describeForkPlace("quantized", 4, "org/Base")).toBe(
      "a quantization of org/Base's family, 4 generations below",
    );
    expect(describeForkPlace(null, 2, "org/Base")).toBe("a derivative of org/Base's family, 2 generations below");
  });
});
