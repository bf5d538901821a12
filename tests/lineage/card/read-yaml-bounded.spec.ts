// Bounded YAML: the shapes that crashed or stalled the card parser are refused or read, never thrown.
import {
  readYamlBounded,
  withoutModelIndex,
  yamlComplexity,
  YAML_LIMITS,
} from "../../../lineage/card/read-yaml-bounded";

describe("readYamlBounded", () => {
  it("reads ordinary YAML", () => {
    expect(readYamlBounded("base_model: a/b\ntags: [x, y]")).toEqual({
      ok: true,
      value: { base_model: "a/b", tags: ["x", "y"] },
    });
  });

  it("refuses an alias cycle instead of returning a circular value", () => {
    const result = readYamlBounded("base_model: &a [*a]");
    expect(result).toMatchObject({ ok: false, kind: "yaml-too-complex" });
    expect(() => JSON.stringify(result)).not.toThrow();
  });

  it("refuses a billion-laughs alias bomb", () => {
    const levels = ["a: &a [x,x,x,x,x,x,x,x,x]"];
    for (const [name, prev] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
      ["f", "e"],
    ])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    expect(readYamlBounded(levels.join("\n"))).toMatchObject({ ok: false, kind: "yaml-error" });
  });

  it("refuses a colon flood after a list item before parsing it", () => {
    const text = `base_model:\n- a${": ".repeat(2000)}`;
    expect(yamlComplexity(text)).not.toBeNull();
    expect(readYamlBounded(text)).toMatchObject({ ok: false, kind: "yaml-too-complex" });
  });

  it("refuses deep flow nesting, too many tokens and too many bytes", () => {
    expect(readYamlBounded(`a: ${"[".repeat(YAML_LIMITS.maxFlowDepth + 1)}`)).toMatchObject({
      kind: "yaml-too-complex",
    });
    expect(readYamlBounded(`a: [${"x,".repeat(YAML_LIMITS.maxTokens)}]`)).toMatchObject({ kind: "yaml-too-complex" });
    expect(readYamlBounded(`a: "${"x".repeat(YAML_LIMITS.maxBytes)}"`)).toMatchObject({ kind: "yaml-too-large" });
  });

  it("does not count indicators inside quotes or comments", () => {
    const text = `description: "${"a: ".repeat(40)}" # ${"- ".repeat(40)}`;
    expect(yamlComplexity(text)).toBeNull();
    expect(readYamlBounded(text).ok).toBe(true);
  });
});

describe("withoutModelIndex", () => {
  it("drops the top-level model-index entry and keeps the keys around it", () => {
    const text = "license: mit\nmodel-index:\n- name: x\n  results:\n  - a: 1\nbase_model: a/b\n";
    expect(readYamlBounded(withoutModelIndex(text))).toEqual({
      ok: true,
      value: { license: "mit", base_model: "a/b" },
    });
  });
});
